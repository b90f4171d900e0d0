--
-- media_summary: one summary per campaign-day of paid media.  Each ratio is
-- taken over the rows where both of its sides are set, so it equals the
-- aggregate over the same rows: ctr(media_agg(...)) = ctr(clicks,
-- impressions), which skips events and syndication (clicks, no impressions).
-- Expected values are worked out by hand in the comments and written into
-- the queries.  Errors are followed by their SQLSTATE.
--
\set VERBOSITY default

-- Six campaign rows:
--   id channel      clicks impressions  spend  conversions completed_views
--   1  display          30        1000  150.00           3             400
--   2  display          20        1000   50.50           1             600
--   3  events           40        NULL  800              4            NULL
--   4  syndication      10        NULL  100           NULL            NULL
--   5  linkedin       NULL         500   25.00           2            NULL
--   6  display           5         200   NULL         NULL            NULL
CREATE TEMP TABLE campaign_day (id int, channel text, clicks bigint, impressions bigint,
                                spend numeric, conversions bigint, completed_views bigint);
INSERT INTO campaign_day VALUES
  (1, 'display', 30, 1000, 150.00, 3, 400),
  (2, 'display', 20, 1000, 50.50, 1, 600),
  (3, 'events', 40, NULL, 800, 4, NULL),
  (4, 'syndication', 10, NULL, 100, NULL, NULL),
  (5, 'linkedin', NULL, 500, 25.00, 2, NULL),
  (6, 'display', 5, 200, NULL, NULL, NULL);

--
-- Totals (every non-NULL value of the column):
--   impressions 1000 + 1000 + 500 + 200 = 2700
--   clicks 30 + 20 + 40 + 10 + 5 = 105
--   spend 150.00 + 50.50 + 800 + 100 + 25.00 = 1125.50
--   conversions 3 + 1 + 4 + 2 = 10; completed views 400 + 600 = 1000
-- Ratios, each over the rows where both of its sides are set:
--   ctr   rows 1, 2, 6: (30 + 20 + 5) / (1000 + 1000 + 200) = 55 / 2200 = 0.025
--   vtr   rows 1, 2: (400 + 600) / 2000 = 0.5
--   conversions_per_click  rows 1, 2, 3: (3 + 1 + 4) / (30 + 20 + 40) = 8 / 90
--   cpc   rows 1, 2, 3, 4: 1100.50 / 100 = 11.005
--   cpm   rows 1, 2, 5: 225.50 x 1000 / 2500 = 90.2
--   cost_per_conversion  rows 1, 2, 3, 5: 1025.50 / 10 = 102.55
--
SELECT media_agg(clicks, impressions, spend, conversions, completed_views) AS summary
FROM campaign_day;
SELECT ctr(s) = 0.025 AS ctr_ok, vtr(s) = 0.5 AS vtr_ok,
       conversions_per_click(s) = 8 / 90.0::float8 AS per_click_ok,
       cpc(s) = 11.005 AS cpc_ok, cpm(s) = 90.2 AS cpm_ok,
       cost_per_conversion(s) = 102.55 AS per_conversion_ok,
       impressions(s) = 2700 AS impressions_ok, clicks(s) = 105 AS clicks_ok,
       spend(s) = 1125.50 AS spend_ok, conversions(s) = 10 AS conversions_ok,
       completed_views(s) = 1000 AS views_ok
FROM (SELECT media_agg(clicks, impressions, spend, conversions, completed_views) s
      FROM campaign_day) q;
-- the naive sum(clicks) / sum(impressions) = 105 / 2700 counts the events'
-- and syndication's clicks against display's impressions: not the CTR
SELECT ctr(media_agg(clicks, impressions, spend)) <> 105 / 2700.0::float8 AS not_naive
FROM campaign_day;

--
-- Each ratio equals the existing aggregate, or the plain SQL, over the same rows.
--
SELECT ctr(s) = (SELECT ctr(clicks, impressions) FROM campaign_day) AS ctr_is_ctr,
       vtr(s) = (SELECT vtr(completed_views, impressions) FROM campaign_day) AS vtr_is_vtr,
       cpc(s) = (SELECT cpl(spend, clicks) FROM campaign_day
                  WHERE spend IS NOT NULL AND clicks IS NOT NULL) AS cpc_is_cpl_of_pairs,
       cpm(s) = (SELECT sum(spend) * 1000 / sum(impressions) FROM campaign_day
                  WHERE spend IS NOT NULL AND impressions IS NOT NULL) AS cpm_is_sql,
       cost_per_conversion(s) = (SELECT sum(spend) / sum(conversions) FROM campaign_day
                  WHERE spend IS NOT NULL AND conversions IS NOT NULL) AS per_conversion_is_sql,
       conversions_per_click(s) = (SELECT sum(conversions)::float8 / sum(clicks) FROM campaign_day
                  WHERE conversions IS NOT NULL AND clicks IS NOT NULL) AS per_click_is_sql
FROM (SELECT media_agg(clicks, impressions, spend, conversions, completed_views) s
      FROM campaign_day) q;
-- Per channel.  events: ctr NULL (no impressions), cpc 800 / 40 = 20,
-- cpm NULL, 4 conversions per 40 clicks = 0.1, 800 / 4 = 200 per conversion.
-- syndication: only cpc, 100 / 10 = 10.  linkedin: ctr and cpc NULL (no
-- clicks), cpm 25.00 x 1000 / 500 = 50, 25.00 / 2 = 12.5 per conversion.
-- display: ctr 55 / 2200 = 0.025, vtr 0.5, cpc 200.50 / 50 = 4.01, cpm
-- 200.50 x 1000 / 2000 = 100.25, 4 / 50 = 0.08 per click, 200.50 / 4 = 50.125.
SELECT channel, ctr(s), vtr(s), conversions_per_click(s) AS per_click, cpc(s), cpm(s),
       cost_per_conversion(s) AS per_conversion, impressions(s), clicks(s), spend(s)
FROM (SELECT channel, media_agg(clicks, impressions, spend, conversions, completed_views) s
      FROM campaign_day GROUP BY channel) q
ORDER BY channel;

--
-- The three- and four-argument forms: no conversions or completed views, so
-- those ratios are NULL and their totals 0.
--
SELECT vtr(s) IS NULL AS no_vtr, conversions_per_click(s) IS NULL AS no_per_click,
       cost_per_conversion(s) IS NULL AS no_per_conversion, conversions(s) = 0 AS no_conversions,
       ctr(s) = 0.025 AS ctr_ok, cpc(s) = 11.005 AS cpc_ok, cpm(s) = 90.2 AS cpm_ok
FROM (SELECT media_agg(clicks, impressions, spend) s FROM campaign_day) q;
SELECT vtr(s) IS NULL AS no_vtr, cost_per_conversion(s) = 102.55 AS per_conversion_ok,
       completed_views(s) = 0 AS no_views
FROM (SELECT media_agg(clicks, impressions, spend, conversions) s FROM campaign_day) q;
-- a summary of no rows: every ratio NULL, every total 0
SELECT ctr(s) IS NULL AND vtr(s) IS NULL AND cpc(s) IS NULL AND cpm(s) IS NULL
       AND cost_per_conversion(s) IS NULL AND conversions_per_click(s) IS NULL AS all_null,
       spend(s) = 0 AND clicks(s) = 0 AND impressions(s) = 0 AS zero_totals
FROM (SELECT media_agg(clicks, impressions, spend) s FROM campaign_day WHERE false) q;
-- clicks 0 on impressions: a CTR of 0, and no CPC (spend per no click)
SELECT ctr(s) = 0 AS ctr_0, cpc(s) IS NULL AS no_cpc, cpm(s) = 5 AS cpm_5
FROM (SELECT media_agg(0, 1000, 5.00) s) q;

--
-- Spend types.  double precision converts as ::numeric; integers stay exact:
-- 1234567890123456789 would come back as 1234567890123460000 through float8.
--
-- (150.00::float8 is 150, so the text shows spend=1125.5, as ::numeric would)
SELECT media_agg(clicks, impressions, spend::float8, conversions, completed_views)::text
       = media_agg(clicks, impressions, spend::float8::numeric, conversions, completed_views)::text
         AS float8_as_numeric,
       cpc(media_agg(clicks, impressions, spend::float8)) = 11.005 AS float8_cpc
FROM campaign_day;
SELECT spend(media_agg(1, 10, 1234567890123456789::bigint)) = 1234567890123456789 AS bigint_exact,
       cpc(media_agg(1, 10, 1234567890123456789::bigint)) = 1234567890123456789 AS bigint_cpc,
       spend(media_agg(1, 10, 2147483647)) = 2147483647 AS integer_exact;
-- integer spend: 150 + 51 + 800 + 100 + 25 = 1126 (150.00 and 50.50 rounded by the cast)
SELECT spend(media_agg(clicks::int, impressions::int, spend::int)) = 1126 AS integer_cast_ok
FROM campaign_day;
-- which form each call resolves to (integer spend never to double precision)
SELECT p.oid::regprocedure AS resolved
FROM pg_proc p
WHERE p.proname = 'media_trans'
  AND p.oid IN (SELECT a.aggtransfn FROM pg_aggregate a
                 WHERE a.aggfnoid = to_regprocedure('media_agg(bigint, bigint, integer)'))
ORDER BY 1;
SELECT pg_typeof(ctr(media_agg(1, 2, 3))) AS ctr_type,
       pg_typeof(cpc(media_agg(1, 2, 3))) AS cpc_type,
       ctr(1::bigint, 2::bigint) AS ctr_aggregate_still_works,
       spend(cost_agg(5.5, 1::bigint)) AS cost_spend_still_works,
       spend(media_agg(1::int, 2::int, 3::int)) AS int_columns,
       spend(media_agg(1::smallint, 2::smallint, 3.25::real)) AS small_columns;

--
-- Combining: per-channel summaries rolled up, or added with +, give the
-- summary of all rows, field for field.
--
CREATE TEMP TABLE media_daily AS
SELECT channel, media_agg(clicks, impressions, spend, conversions, completed_views) AS s
FROM campaign_day GROUP BY channel;
SELECT (SELECT rollup(s) FROM media_daily)::text
       = (SELECT media_agg(clicks, impressions, spend, conversions, completed_views)
          FROM campaign_day)::text AS rollup_exact;
SELECT (a.s + b.s)::text = (SELECT media_agg(clicks, impressions, spend, conversions, completed_views)
                            FROM campaign_day WHERE channel IN ('display', 'events'))::text AS plus_exact,
       ctr(a.s + b.s) = 0.025 AS ctr_of_sum
FROM media_daily a, media_daily b WHERE a.channel = 'display' AND b.channel = 'events';
SELECT rollup(s) IS NOT NULL AND ctr(rollup(s)) IS NULL AS empty_rollup_null_ctr
FROM media_daily WHERE false;

--
-- Moving windows.  Over the previous and current row by id, the moving
-- mode (inverse transitions) must equal a fresh aggregate of each frame.
-- Frame of id 3 = rows 2, 3: ctr 20 / 1000 = 0.02, cpc 850.50 / 60 = 14.175.
-- Frame of id 6 = rows 5, 6: ctr 5 / 200 = 0.025, cpm 25.00 x 1000 / 500 = 50.
--
SELECT id, ctr(s) AS ctr, cpc(s) AS cpc, cpm(s) AS cpm, spend(s) AS spend
FROM (SELECT id, media_agg(clicks, impressions, spend, conversions, completed_views)
                 OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) s
      FROM campaign_day) q
ORDER BY id;
SELECT bool_and(w.s::text = f.s::text) AS moving_equals_fresh
FROM (SELECT id, media_agg(clicks, impressions, spend, conversions, completed_views)
                 OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) s
      FROM campaign_day) w
JOIN LATERAL (SELECT media_agg(clicks, impressions, spend, conversions, completed_views) s
              FROM campaign_day c WHERE c.id BETWEEN w.id - 2 AND w.id) f ON true;
-- the scale falls back once the last row with cents has left:
-- frames {1.50}, {1.50, 2}, {2, 3}: spend 1.50, 3.50, 5 (not 5.00)
SELECT i, spend(media_agg(1, 10, v) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW))::text
FROM (VALUES (1, 1.50), (2, 2), (3, 3)) v(i, v) ORDER BY i;
-- rollup() of stored summaries as a moving window
SELECT channel, ctr(rollup(s) OVER (ORDER BY channel ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)) AS ctr,
       spend(rollup(s) OVER (ORDER BY channel ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)) AS spend
FROM media_daily ORDER BY channel;

--
-- Forced parallel plans give exactly the serial summary: 20,000 rows where
-- every fifth has no impressions (an event) and every seventh no spend.
--
CREATE TEMP TABLE media_par AS
SELECT i, i % 3 AS seg,
       (i % 40)::bigint AS clicks,
       CASE WHEN i % 5 = 0 THEN NULL ELSE (40 + i % 960)::bigint END AS impressions,
       CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 300) * 0.25 END AS spend,
       (i % 4)::bigint AS conversions,
       (i % 30)::bigint AS completed_views
FROM generate_series(1, 20000) i;
ANALYZE media_par;
CREATE TEMP TABLE media_serial AS
SELECT seg, media_agg(clicks, impressions, spend, conversions, completed_views) AS s
FROM media_par GROUP BY seg;
-- temp tables are never scanned in parallel: the same rows in a plain table
CREATE TABLE media_par_shared AS SELECT * FROM media_par;
ANALYZE media_par_shared;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT seg, media_agg(clicks, impressions, spend, conversions, completed_views)
FROM media_par_shared GROUP BY seg;
SELECT bool_and(p.s::text = m.s::text) AS parallel_equals_serial, count(*) AS groups
FROM (SELECT seg, media_agg(clicks, impressions, spend, conversions, completed_views) AS s
      FROM media_par_shared GROUP BY seg) p JOIN media_serial m USING (seg);
SELECT ctr(media_agg(clicks, impressions, spend::float8)) = ctr(clicks, impressions) AS parallel_ctr,
       cpm(media_agg(clicks, impressions, spend)) = sum(spend) FILTER (WHERE impressions IS NOT NULL) * 1000
         / sum(impressions) FILTER (WHERE spend IS NOT NULL) AS parallel_cpm
FROM media_par_shared;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE media_par_shared;

--
-- Text and binary I/O round trips.
--
-- COPY ... (FORMAT binary) FROM hands the bytes to media_summary_recv
CREATE TEMP TABLE payload (b bytea);
CREATE FUNCTION pg_temp.recv_media(bytes bytea) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    file text := current_setting('data_directory') || '/abm_media_payload.bin';
    result text;
BEGIN
    DELETE FROM payload;
    INSERT INTO payload VALUES (bytes);
    EXECUTE format('COPY payload TO %L (FORMAT binary)', file);
    CREATE TEMP TABLE received (v media_summary);
    EXECUTE format('COPY received FROM %L (FORMAT binary)', file);
    SELECT v::text INTO result FROM received;
    DROP TABLE received;
    RETURN result;
END
$$;
\set SHOW_CONTEXT never
SELECT s::text::media_summary::text = s::text AS text_round_trip,
       pg_temp.recv_media(media_summary_send(s)) = s::text AS binary_round_trip
FROM (SELECT media_agg(clicks, impressions, spend, conversions, completed_views) s FROM campaign_day) q;
-- binary v1 layout: version, 4 counts (int8), scale (int2), spend (2 x int8),
-- 6 counts, cpc_spend, cpc_clicks, cpm_spend, cpm_impressions, cpa_spend,
-- cpa_conversions: 1 + 4 x 8 + 2 + 16 + 6 x 8 + 3 x (16 + 8) = 171 bytes
\set media_bin '(SELECT media_summary_send(media_agg(clicks, impressions, spend)) FROM campaign_day)'
SELECT length(:media_bin) AS bytes_171;
-- recv checks everything it reads (22P03): version, length, negative
-- impressions (bytes 2..9), a part above its whole (ctr_clicks, bytes
-- 52..59, set to 2^62), a money scale of 32767 (bytes 34..35)
SELECT pg_temp.recv_media(set_byte(:media_bin, 0, 2));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_media(:media_bin || '\x00'::bytea);
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_media(substr(:media_bin, 1, 170));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_media(overlay(:media_bin placing '\xffffffffffffffff'::bytea from 2 for 8));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_media(overlay(:media_bin placing '\x4000000000000000'::bytea from 52 for 8));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_media(overlay(:media_bin placing '\x7fff'::bytea from 34 for 2));
\echo SQLSTATE :SQLSTATE

--
-- Errors: 22003 for a bad row, 22P02 for bad text.
--
SELECT media_agg(-1, 10, 1.00);
\echo SQLSTATE :SQLSTATE
SELECT media_agg(1, -10, 1.00);
\echo SQLSTATE :SQLSTATE
SELECT media_agg(1, 10, -1.00);
\echo SQLSTATE :SQLSTATE
SELECT media_agg(1, 10, -1::bigint);
\echo SQLSTATE :SQLSTATE
SELECT media_agg(1, 10, -1::int);
\echo SQLSTATE :SQLSTATE
SELECT media_agg(1, 10, '-Infinity'::float8);
\echo SQLSTATE :SQLSTATE
SELECT media_agg(1, 10, 'NaN'::numeric);
\echo SQLSTATE :SQLSTATE
SELECT media_agg(1, 10, 1.00, -1);
\echo SQLSTATE :SQLSTATE
SELECT media_agg(1, 10, 1.00, 1, -1);
\echo SQLSTATE :SQLSTATE
SELECT media_agg(11, 10, 1.00);
\echo SQLSTATE :SQLSTATE
SELECT media_agg(1, 10, 1.00, 1, 11);
\echo SQLSTATE :SQLSTATE
-- conversions may exceed clicks (view-through conversions): no error
SELECT conversions_per_click(media_agg(1, 10, 1.00, 3)) AS three_per_click;
SELECT 'v1 impressions=1'::media_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 impressions=10 clicks=11 completed_views=0 conversions=0 spend=0 ctr_clicks=11 ctr_impressions=10 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0'::media_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 impressions=10 clicks=1 completed_views=0 conversions=0 spend=5 ctr_clicks=1 ctr_impressions=10 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=6 cpc_clicks=1 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0'::media_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 impressions=10 clicks=1 completed_views=0 conversions=0 spend=5 ctr_clicks=1 ctr_impressions=20 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0'::media_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 impressions=-1 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0'::media_summary;
\echo SQLSTATE :SQLSTATE
-- an inverse transition that removes what was never added: 22023
SELECT media_inv('v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
                 1::bigint, 10::bigint, 1.00);
\echo SQLSTATE :SQLSTATE
-- a count overflow: 22003
SELECT media_agg(c, NULL, NULL) FROM (VALUES (9223372036854775807::bigint), (1)) v(c);
\echo SQLSTATE :SQLSTATE
