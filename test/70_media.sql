-- pgTAP: media_summary, one summary per campaign-day of paid media.  Every
-- expected value is worked out by hand (shown in the comments); each ratio
-- is checked against the aggregate over the same rows, and every bad input
-- against its SQLSTATE.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS abm;

BEGIN;
SELECT plan(43);

-- A LinkedIn campaign over four days, and an event and a syndication
-- program that have clicks and spend but no impressions:
--   day channel      clicks impressions spend   conversions completed_views
--   1   linkedin         12         800  96.00            2             300
--   2   linkedin          8         400  64.00            1             100
--   3   event            25        NULL 500.00            5            NULL
--   4   syndication      15        NULL 150.00         NULL            NULL
--   5   linkedin       NULL         800  40.00            1            NULL
CREATE TEMP TABLE mc (day int, channel text, clicks bigint, impressions bigint,
                      spend numeric, conversions bigint, completed_views bigint) ON COMMIT DROP;
INSERT INTO mc VALUES
  (1, 'linkedin', 12, 800, 96.00, 2, 300),
  (2, 'linkedin', 8, 400, 64.00, 1, 100),
  (3, 'event', 25, NULL, 500.00, 5, NULL),
  (4, 'syndication', 15, NULL, 150.00, NULL, NULL),
  (5, 'linkedin', NULL, 800, 40.00, 1, NULL);
CREATE TEMP TABLE ms ON COMMIT DROP AS
SELECT media_agg(clicks, impressions, spend, conversions, completed_views) AS s FROM mc;

-- ctr: days 1, 2: 20 / 1200 = 1/60 (days 3, 4 have no impressions, day 5 no clicks)
SELECT is(ctr(s), 20 / 1200.0::float8, 'ctr: 20 clicks of 1200 impressions') FROM ms;
SELECT is(ctr(s), (SELECT ctr(clicks, impressions) FROM mc), 'ctr(summary) = ctr(clicks, impressions)') FROM ms;
-- vtr: days 1, 2: 400 / 1200 = 1/3
SELECT is(vtr(s), 400 / 1200.0::float8, 'vtr: 400 completed views of 1200 impressions') FROM ms;
SELECT is(vtr(s), (SELECT vtr(completed_views, impressions) FROM mc), 'vtr(summary) = vtr(views, impressions)') FROM ms;
-- conversions per click: days 1, 2, 3: (2 + 1 + 5) / (12 + 8 + 25) = 8 / 45
SELECT is(conversions_per_click(s), 8 / 45.0::float8, 'conversions per click: 8 / 45') FROM ms;
-- cpc: days 1-4: (96 + 64 + 500 + 150) / (12 + 8 + 25 + 15) = 810 / 60 = 13.5
SELECT is(cpc(s), 13.5, 'cpc: 810.00 / 60 clicks = 13.5') FROM ms;
SELECT is(cpc(s), (SELECT cpl(spend, clicks) FROM mc WHERE clicks IS NOT NULL),
          'cpc = cpl(spend, clicks) over the rows with clicks') FROM ms;
-- cpm: days 1, 2, 5: (96 + 64 + 40) x 1000 / (800 + 400 + 800) = 200000 / 2000 = 100
SELECT is(cpm(s), 100::numeric, 'cpm: 200.00 x 1000 / 2000 impressions = 100') FROM ms;
-- cost per conversion: days 1, 2, 3, 5: (96 + 64 + 500 + 40) / (2 + 1 + 5 + 1) = 700 / 9
SELECT is(cost_per_conversion(s), 700.00 / 9, 'cost per conversion: 700.00 / 9') FROM ms;
-- totals
SELECT is(impressions(s), 2000::bigint, 'impressions: 800 + 400 + 800') FROM ms;
SELECT is(clicks(s), 60::bigint, 'clicks: 12 + 8 + 25 + 15') FROM ms;
SELECT is(spend(s), 850.00, 'spend: 96 + 64 + 500 + 150 + 40') FROM ms;
SELECT is(conversions(s), 9::bigint, 'conversions: 2 + 1 + 5 + 1') FROM ms;
SELECT is(completed_views(s), 400::bigint, 'completed views: 300 + 100') FROM ms;

-- every ratio NULL where its denominator has no row
SELECT ok(ctr(s) IS NULL AND cpm(s) IS NULL AND vtr(s) IS NULL,
          'event: no impressions, so no ctr, vtr or cpm')
  FROM (SELECT media_agg(clicks, impressions, spend, conversions, completed_views) s
          FROM mc WHERE channel = 'event') q;
SELECT is(cpc(s), 20::numeric, 'event cpc: 500.00 / 25 = 20')
  FROM (SELECT media_agg(clicks, impressions, spend, conversions, completed_views) s
          FROM mc WHERE channel = 'event') q;
SELECT ok(conversions_per_click(s) IS NULL AND cost_per_conversion(s) IS NULL AND vtr(s) IS NULL,
          'three arguments: no conversions or views, so those ratios are NULL')
  FROM (SELECT media_agg(clicks, impressions, spend) s FROM mc) q;

-- spend types
SELECT is(cpc(media_agg(clicks, impressions, spend::float8)), 13.5, 'double precision spend: cpc 13.5') FROM mc;
SELECT is(spend(media_agg(clicks, impressions, spend::bigint)), 850::numeric, 'bigint spend: 850') FROM mc;
SELECT is(spend(media_agg(clicks, impressions, spend::int, conversions)), 850::numeric, 'integer spend: 850') FROM mc;
SELECT is(spend(media_agg(1, 1, 9223372036854775807::bigint)), 9223372036854775807::numeric,
          'bigint spend stays exact');

-- combining
SELECT is((SELECT rollup(s) FROM (SELECT media_agg(clicks, impressions, spend, conversions, completed_views) s
                                    FROM mc GROUP BY channel) g)::text,
          (SELECT s::text FROM ms), 'rollup of per-channel summaries = the summary of all rows');
SELECT is((SELECT a + b FROM (SELECT media_agg(clicks, impressions, spend) FILTER (WHERE day <= 2) a,
                                     media_agg(clicks, impressions, spend) FILTER (WHERE day > 2) b FROM mc) q)::text,
          (SELECT media_agg(clicks, impressions, spend) FROM mc)::text, 'a + b = the summary of both');
SELECT is(s::text::media_summary::text, s::text, 'text round trip') FROM ms;
-- moving window of two days: day 3 = days 2, 3: cpc (64 + 500) / 33 = 564 / 33
SELECT is(cpc(w), 564.00 / 33, 'moving window: cpc of days 2 and 3')
  FROM (SELECT day, media_agg(clicks, impressions, spend)
                    OVER (ORDER BY day ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) w FROM mc) q
 WHERE day = 3;

-- results do not depend on the plan: forced parallel plans
CREATE TABLE media_tap_par AS
SELECT i % 4 AS seg, (i % 25)::bigint AS clicks,
       CASE WHEN i % 6 = 0 THEN NULL ELSE (25 + i % 500)::bigint END AS impressions,
       (i % 200) * 0.5 AS spend, (i % 3)::bigint AS conversions
FROM generate_series(1, 30000) i;
ANALYZE media_tap_par;
CREATE TEMP TABLE media_tap_serial ON COMMIT DROP AS
SELECT seg, media_agg(clicks, impressions, spend, conversions)::text AS s FROM media_tap_par GROUP BY seg;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT set_eq('SELECT seg, media_agg(clicks, impressions, spend, conversions)::text FROM media_tap_par GROUP BY seg',
              'SELECT seg, s FROM media_tap_serial', 'forced parallel plan: the serial summaries');
SELECT is((SELECT ctr(media_agg(clicks, impressions, spend)) FROM media_tap_par),
          (SELECT ctr(clicks, impressions) FROM media_tap_par), 'forced parallel plan: ctr = ctr(clicks, impressions)');
-- debug_parallel_query from PostgreSQL 16 on; force_parallel_mode before.
SELECT set_config(CASE WHEN current_setting('server_version_num')::int >= 160000
                       THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END, 'on', true);
SELECT set_eq('SELECT seg, media_agg(clicks, impressions, spend, conversions)::text FROM media_tap_par GROUP BY seg',
              'SELECT seg, s FROM media_tap_serial', 'debug_parallel_query: the serial summaries');
SELECT set_config(CASE WHEN current_setting('server_version_num')::int >= 160000
                       THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END, 'off', true);
RESET max_parallel_workers_per_gather;

-- bad rows: 22003
SELECT throws_ok($$SELECT media_agg(-1, 10, 1.00)$$, '22003', NULL, 'negative clicks: 22003');
SELECT throws_ok($$SELECT media_agg(1, -10, 1.00)$$, '22003', NULL, 'negative impressions: 22003');
SELECT throws_ok($$SELECT media_agg(1, 10, -0.01)$$, '22003', NULL, 'negative numeric spend: 22003');
SELECT throws_ok($$SELECT media_agg(1, 10, -0.5::float8)$$, '22003', NULL, 'negative double precision spend: 22003');
SELECT throws_ok($$SELECT media_agg(1, 10, -1::bigint)$$, '22003', NULL, 'negative bigint spend: 22003');
SELECT throws_ok($$SELECT media_agg(1, 10, -1)$$, '22003', NULL, 'negative integer spend: 22003');
SELECT throws_ok($$SELECT media_agg(1, 10, 'NaN'::float8)$$, '22003', NULL, 'NaN spend: 22003');
SELECT throws_ok($$SELECT media_agg(1, 10, 1.00, -1)$$, '22003', NULL, 'negative conversions: 22003');
SELECT throws_ok($$SELECT media_agg(1, 10, 1.00, 1, -1)$$, '22003', NULL, 'negative completed views: 22003');
SELECT throws_ok($$SELECT media_agg(11, 10, 1.00)$$, '22003', 'clicks 11 exceed impressions 10 on one row',
                 'clicks above impressions on one row: 22003');
SELECT throws_ok($$SELECT media_agg(1, 10, 1.00, 0, 11)$$, '22003', NULL,
                 'completed views above impressions on one row: 22003');
SELECT lives_ok($$SELECT media_agg(5, 10, 1.00, 7)$$, 'conversions above clicks are fine (view-through)');
SELECT lives_ok($$SELECT media_agg(11, NULL, 1.00)$$, 'clicks without impressions are fine (events)');
-- bad text: 22P02
SELECT throws_ok($$SELECT 'v1 impressions=1'::media_summary$$, '22P02', NULL, 'truncated text: 22P02');
SELECT throws_ok($$SELECT 'v1 impressions=10 clicks=1 completed_views=0 conversions=0 spend=5 ctr_clicks=1 ctr_impressions=10 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=9 cpm_impressions=10 cpa_spend=0 cpa_conversions=0'::media_summary$$,
                 '22P02', NULL, 'cpm_spend above spend: 22P02');

SELECT * FROM finish();
ROLLBACK;
