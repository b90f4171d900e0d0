-- pipeline_summary: pipeline_agg, its accessors, rollup, +, I/O, moving
-- windows, the cycle sketch, errors; and the renewal rates of
-- retention_summary.  Expected values are worked out by hand in the comments.
SET extra_float_digits = 0;

------------------------------------------------------------------------------
-- 1. The worked example of the KPI reference (section Pipeline)
--   won 100, 200, 300 with cycles of 10, 20 and 60 days; lost 50 after 15
--   days; open 1,000 at probability 0.5 and 400 without a probability.
------------------------------------------------------------------------------
CREATE TABLE opp (id int, account int, won boolean, amount numeric,
                  created_at timestamptz, closed_at timestamptz, probability numeric);
INSERT INTO opp VALUES
    (1, 1, true,  100,  '2026-01-01', '2026-01-11', NULL),
    (2, 2, true,  200,  '2026-01-01', '2026-01-21', NULL),
    (3, 1, true,  300,  '2026-01-01', '2026-03-02', NULL),   -- 31 + 28 + 1 = 60 days
    (4, 2, false, 50,   '2026-01-01', '2026-01-16', NULL),
    (5, 3, NULL,  1000, '2026-02-01', '2026-06-30', 0.5),
    (6, 3, NULL,  400,  '2026-02-01', '2026-06-30', NULL);

-- 6 opportunities, 2 open, 3 won, 1 lost; pipeline 1000 + 400 = 1400;
-- weighted 1000 x 0.5 = 500 (the 400 has no probability); won 600; lost 50;
-- win rate 3/4 = 0.75; weighted win rate 600/650 = 0.923076923076923;
-- average deal 600/3 = 200; mean cycle (10 + 20 + 60)/3 = 30 days; won and
-- lost (10 + 20 + 60 + 15)/4 = 26.25; velocity 2 x 0.75 x 200 / 30 = 10.
-- Money carries one scale: 0.5 has one decimal place, so 1400.0.
CREATE TABLE ex AS SELECT pipeline_agg(won, amount, created_at, closed_at, probability) AS s FROM opp;
SELECT opportunities(s), open_opportunities(s) AS open, won_opportunities(s) AS won,
       lost_opportunities(s) AS lost, pipeline_amount(s), weighted_pipeline(s),
       won_amount(s), lost_amount(s)
FROM ex;
SELECT win_rate(s), weighted_win_rate(s), average_deal_size(s), sales_cycle_days(s),
       closed_cycle_days(s), pipeline_velocity(s)
FROM ex;
-- The median of 10, 20, 60 is 20: the sketch answers within 0.99%
-- (19.802 .. 20.198).
SELECT abs(sales_cycle_days(s, 0.5) - 20) / 20 <= 0.0099 AS median_within_1pct,
       abs(sales_cycle_days(s, 0) - 10) / 10 <= 0.0099 AS min_within_1pct,
       abs(sales_cycle_days(s, 1) - 60) / 60 <= 0.0099 AS max_within_1pct
FROM ex;
-- The text form.  Buckets: 1 + ceil(ln(cycle in microseconds) / ln(1.0099/0.9901)):
-- 10 days = 864000000000 us: ln = 27.4848, / 0.0198006 = 1388.07 -> 1 + 1389 = 1390;
-- 20 days: ln = 28.1780 -> 1423.08 -> 1425; 60 days: ln = 29.2766 -> 1478.57 -> 1480.
-- won_cycle_us = 90 days x 86400000000; lost_cycle_us = 15 days.
SELECT s FROM ex;

------------------------------------------------------------------------------
-- 2. Amount and probability types
------------------------------------------------------------------------------
-- double precision amounts convert as ::numeric; a double precision
-- probability is rounded to 6 decimal places: 1/3 -> 0.333333, so
-- 300 x 0.333333 = 99.9999; 0.35 stays 0.35: 1000 x 0.35 = 350.
SELECT pipeline_amount(s), weighted_pipeline(s)
FROM (SELECT pipeline_agg(NULL::boolean, a, NULL, NULL, p) AS s
      FROM (VALUES (300::float8, 1/3::float8), (1000, 0.35)) v(a, p)) x;
-- a numeric probability with more than 6 decimal places is rounded too:
-- 0.1234565 -> 0.123457 (half away from zero); 1000000 x 0.123457 = 123457
SELECT weighted_pipeline(pipeline_agg(NULL::boolean, 1000000::numeric, NULL, NULL, 0.1234565));
-- integer amounts stay exact (a double precision amount would lose digits)
SELECT won_amount(pipeline_agg(true, a, NULL, NULL))
FROM (VALUES (1234567890123456789::bigint), (1)) v(a);
SELECT won_amount(pipeline_agg(true, a, NULL, NULL)), pipeline_amount(pipeline_agg(NULL, a, NULL, NULL, 0.25::float8))
FROM (VALUES (2147483647::integer), (1)) v(a);
-- all twelve forms give the same summary over the same values
WITH v(won, a, c, d, p) AS (VALUES (true, 10, '2026-01-01'::timestamptz, '2026-01-05'::timestamptz, 0.25),
                                   (NULL, 20, '2026-01-01', '2026-02-01', 0.75))
SELECT count(DISTINCT x::text) AS distinct_summaries, count(*) AS forms FROM (
    SELECT pipeline_agg(won, a::numeric, c, d, p) FROM v UNION ALL
    SELECT pipeline_agg(won, a::float8, c, d, p) FROM v UNION ALL
    SELECT pipeline_agg(won, a::bigint, c, d, p) FROM v UNION ALL
    SELECT pipeline_agg(won, a::integer, c, d, p) FROM v UNION ALL
    SELECT pipeline_agg(won, a::numeric, c, d, p::float8) FROM v UNION ALL
    SELECT pipeline_agg(won, a::float8, c, d, p::float8) FROM v UNION ALL
    SELECT pipeline_agg(won, a::bigint, c, d, p::float8) FROM v UNION ALL
    SELECT pipeline_agg(won, a::integer, c, d, p::float8) FROM v) x(x);
WITH v(won, a, c, d) AS (VALUES (true, 10, '2026-01-01'::timestamptz, '2026-01-05'::timestamptz),
                                (NULL, 20, '2026-01-01', '2026-02-01'))
SELECT count(DISTINCT x::text) AS distinct_summaries, count(*) AS forms FROM (
    SELECT pipeline_agg(won, a::numeric, c, d) FROM v UNION ALL
    SELECT pipeline_agg(won, a::float8, c, d) FROM v UNION ALL
    SELECT pipeline_agg(won, a::bigint, c, d) FROM v UNION ALL
    SELECT pipeline_agg(won, a::integer, c, d) FROM v) x(x);

------------------------------------------------------------------------------
-- 3. NULLs and edge cases
------------------------------------------------------------------------------
-- a row of NULLs is one open opportunity with no amount
SELECT opportunities(s), open_opportunities(s), pipeline_amount(s), weighted_pipeline(s)
FROM (SELECT pipeline_agg(NULL::boolean, NULL::numeric, NULL, NULL, NULL::numeric) s) x;
-- won deals: one without an amount (counted, no money), one without a
-- created date (no cycle), one of 0 days.  Average deal 500/1 (amounts known);
-- cycles: 0 and 4 days -> mean 2, median (rank ceil(0.5 x 2) = 1) 0.
SELECT won_opportunities(s), won_amount(s), average_deal_size(s), sales_cycle_days(s),
       sales_cycle_days(s, 0.5) AS median, sales_cycle_days(s, 1) BETWEEN 4 * 0.9901 AND 4 * 1.0099 AS max_ok,
       win_rate(s), pipeline_velocity(s)
FROM (SELECT pipeline_agg(won, a, c, d) s FROM (VALUES
      (true, NULL::numeric, '2026-01-01'::timestamptz, '2026-01-05'::timestamptz),
      (true, 500, NULL, '2026-01-05'),
      (true, NULL, '2026-01-05', '2026-01-05')) v(won, a, c, d)) x;
-- an open deal's closed_at is an expected date: before created_at is fine
SELECT open_opportunities(pipeline_agg(NULL, 5::numeric, '2026-02-01', '2026-01-01'));
-- probabilities of closed deals are checked but add nothing
SELECT weighted_pipeline(pipeline_agg(true, 5::numeric, NULL, NULL, 1));
-- empty input: counts 0, money 0, every rate and mean NULL
SELECT opportunities(s), pipeline_amount(s), win_rate(s) IS NULL AS no_win_rate,
       weighted_win_rate(s) IS NULL AS no_weighted, average_deal_size(s) IS NULL AS no_deal,
       sales_cycle_days(s) IS NULL AS no_cycle, sales_cycle_days(s, 0.5) IS NULL AS no_median,
       closed_cycle_days(s) IS NULL AS no_closed_cycle, pipeline_velocity(s) IS NULL AS no_velocity
FROM (SELECT pipeline_agg(won, amount, created_at, closed_at) s FROM opp WHERE false) x;
-- velocity is NULL without a closed deal, and 0 without open deals:
-- 0 open x 1 x 100 / 10 = 0
SELECT pipeline_velocity(pipeline_agg(NULL, 100::numeric, NULL, NULL)) IS NULL AS no_closed,
       pipeline_velocity(pipeline_agg(true, 100::numeric, '2026-01-01', '2026-01-11')) AS no_open;
-- the cycles of long-lived timestamps fit: 4713 BC to 294276 AD
SELECT sales_cycle_days(s) > 1e8, sales_cycle_days(s, 0.5) > 1e8
FROM (SELECT pipeline_agg(true, 1::numeric, '4713-01-01 BC', '294276-12-31') s) x;

------------------------------------------------------------------------------
-- 4. Bad input: SQLSTATE and message
------------------------------------------------------------------------------
\set VERBOSITY default
\set SHOW_CONTEXT never
\echo '-- negative amount (22003)'
SELECT pipeline_agg(true, -5::numeric, NULL, NULL);
\echo SQLSTATE :SQLSTATE
\echo '-- probability outside [0, 1] (22003)'
SELECT pipeline_agg(NULL, 5::numeric, NULL, NULL, 1.5);
\echo SQLSTATE :SQLSTATE
SELECT pipeline_agg(NULL, 5::numeric, NULL, NULL, -0.1::float8);
\echo SQLSTATE :SQLSTATE
SELECT pipeline_agg(NULL, 5::numeric, NULL, NULL, 'NaN'::float8);
\echo SQLSTATE :SQLSTATE
SELECT pipeline_agg(NULL, 5::numeric, NULL, NULL, 1.0000001);
\echo SQLSTATE :SQLSTATE
\echo '-- NaN and infinite amounts (22003)'
SELECT pipeline_agg(true, 'NaN'::numeric, NULL, NULL);
\echo SQLSTATE :SQLSTATE
SELECT pipeline_agg(true, 'Infinity'::float8, NULL, NULL);
\echo SQLSTATE :SQLSTATE
\echo '-- closed before created (22023), infinite dates on a closed deal (22023)'
SELECT pipeline_agg(false, 5::numeric, '2026-02-01 00:00:00+00', '2026-01-01 00:00:00+00');
\echo SQLSTATE :SQLSTATE
SELECT pipeline_agg(true, 5::numeric, '-infinity', '2026-01-01 00:00:00+00');
\echo SQLSTATE :SQLSTATE
\echo '-- quantile outside [0, 1] (22003)'
SELECT sales_cycle_days(s, 1.5) FROM ex;
\echo SQLSTATE :SQLSTATE
SELECT sales_cycle_days(s, -0.1) FROM ex;
\echo SQLSTATE :SQLSTATE
SELECT sales_cycle_days(s, 'NaN') FROM ex;
\echo SQLSTATE :SQLSTATE
\echo '-- money beyond 38 digits (22003)'
SELECT pipeline_agg(NULL, 99999999999999999999999999999999.999999::numeric, NULL, NULL, 0.1234567);
\echo SQLSTATE :SQLSTATE
\echo '-- malformed text (22P02)'
SELECT 'v1 open=0'::pipeline_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0'::pipeline_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch='::pipeline_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 open=0 won=1 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=1 won_cycle_us=5 lost_cycles=0 lost_cycle_us=0 cycle_sketch={1:1'::pipeline_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 open=0 won=1 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=1 won_cycle_us=5 lost_cycles=0 lost_cycle_us=0 cycle_sketch={1:1,}'::pipeline_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 open=0 won=1 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=1 won_cycle_us=5 lost_cycles=0 lost_cycle_us=0 cycle_sketch={5:0}'::pipeline_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 open=0 won=2 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=2 won_cycle_us=5 lost_cycles=0 lost_cycle_us=0 cycle_sketch={5:1,3:1}'::pipeline_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 open=0 won=1 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=1 won_cycle_us=5 lost_cycles=0 lost_cycle_us=0 cycle_sketch={2243:1}'::pipeline_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 open=0 won=1 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=1 won_cycle_us=5 lost_cycles=0 lost_cycle_us=0 cycle_sketch={1:1} x=1'::pipeline_summary;
\echo SQLSTATE :SQLSTATE
\echo '-- inconsistent summaries (22P02)'
-- the sketch counts 2 cycles, won_cycles says 1
SELECT 'v1 open=0 won=1 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=1 won_cycle_us=5 lost_cycles=0 lost_cycle_us=0 cycle_sketch={1:1,7:1}'::pipeline_summary;
\echo SQLSTATE :SQLSTATE
-- more cycles than won deals; weighted above the pipeline; an amount without a deal
SELECT 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=1 won_cycle_us=5 lost_cycles=0 lost_cycle_us=0 cycle_sketch={2:1}'::pipeline_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 open=1 won=0 lost=0 won_with_amount=0 pipeline=1 weighted_pipeline=2 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}'::pipeline_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=3 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}'::pipeline_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 open=0 won=1 lost=0 won_with_amount=2 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}'::pipeline_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 open=9223372036854775807 won=1 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}'::pipeline_summary;
\echo SQLSTATE :SQLSTATE
\set VERBOSITY default

------------------------------------------------------------------------------
-- 5. Text and binary round trips
------------------------------------------------------------------------------
SELECT s::text::pipeline_summary::text = s::text AS text_round_trip FROM ex;
-- Malformed binary values (22P03), through binary COPY of a bytea payload
-- (as in summary_io.sql).  The example's binary form: version (1 byte),
-- open, won, lost, won_with_amount (8 bytes each), scale (2), four money
-- sums (16 each), won_cycles (8), won_cycle_us (16), lost_cycles (8),
-- lost_cycle_us (16): 1 + 32 + 2 + 64 + 48 = 147 bytes; then the sketch:
-- zero cycles (8), buckets in use (4), and per bucket its number (2) and
-- count (8): 147 + 12 + 3 x 10 = 189 bytes.  In overlay() positions (from
-- 1): buckets in use at 156, the first bucket's number at 160, its count
-- at 162.
CREATE TEMP TABLE payload (b bytea);
CREATE FUNCTION pg_temp.recv_as(target regtype, bytes bytea) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    file text := current_setting('data_directory') || '/abm_regress_payload.bin';
    result text;
BEGIN
    DELETE FROM payload;
    INSERT INTO payload VALUES (bytes);
    EXECUTE format('COPY payload TO %L (FORMAT binary)', file);
    EXECUTE format('CREATE TEMP TABLE received (v %s)', target);
    EXECUTE format('COPY received FROM %L (FORMAT binary)', file);
    SELECT v::text INTO result FROM received;
    DROP TABLE received;
    RETURN result;
END
$$;
\set SHOW_CONTEXT never
SELECT pipeline_summary_send(s) AS bin FROM ex \gset
SELECT length(:'bin'::bytea) AS bytes, 147 + 12 + 3 * 10 AS expected;
SELECT pg_temp.recv_as('pipeline_summary', :'bin') = (SELECT s::text FROM ex) AS round_trip,
       pg_temp.recv_as('pipeline_summary', pipeline_summary_send(e)) = e::text AS empty_round_trip
FROM (SELECT pipeline_agg(won, amount, created_at, closed_at) e FROM opp WHERE false) x;
-- cut inside the fixed part, inside the sketch header, inside the buckets; one byte too many
SELECT pg_temp.recv_as('pipeline_summary', substr(:'bin'::bytea, 1, 100));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('pipeline_summary', substr(:'bin'::bytea, 1, 150));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('pipeline_summary', substr(:'bin'::bytea, 1, 170));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('pipeline_summary', :'bin'::bytea || '\x00'::bytea);
\echo SQLSTATE :SQLSTATE
-- -1 buckets; 2^31 - 1 buckets
SELECT pg_temp.recv_as('pipeline_summary', overlay(:'bin'::bytea placing '\xffffffff'::bytea from 156 for 4));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('pipeline_summary', overlay(:'bin'::bytea placing '\x7fffffff'::bytea from 156 for 4));
\echo SQLSTATE :SQLSTATE
-- bucket numbers: beyond the range (2304), 0, not increasing (1480 first)
SELECT pg_temp.recv_as('pipeline_summary', overlay(:'bin'::bytea placing '\x0900'::bytea from 160 for 2));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('pipeline_summary', overlay(:'bin'::bytea placing '\x0000'::bytea from 160 for 2));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('pipeline_summary', overlay(:'bin'::bytea placing '\x05c8'::bytea from 160 for 2));
\echo SQLSTATE :SQLSTATE
-- counts: 2 (the sketch no longer adds up to won_cycles), 0, -1
SELECT pg_temp.recv_as('pipeline_summary', overlay(:'bin'::bytea placing '\x0000000000000002'::bytea from 162 for 8));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('pipeline_summary', overlay(:'bin'::bytea placing '\x0000000000000000'::bytea from 162 for 8));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('pipeline_summary', overlay(:'bin'::bytea placing '\xffffffffffffffff'::bytea from 182 for 8));
\echo SQLSTATE :SQLSTATE
-- the version
SELECT pg_temp.recv_as('pipeline_summary', set_byte(:'bin'::bytea, 0, 2));
\echo SQLSTATE :SQLSTATE

------------------------------------------------------------------------------
-- 6. Rollup equals raw; +; sketches merge exactly in any order
------------------------------------------------------------------------------
-- 2,000 opportunities: a third open, won and lost alternating; cycles of
-- 1 to 400 days plus hours; some without amounts, dates or probabilities.
CREATE TABLE many AS
SELECT i, i % 7 AS grp,
       CASE i % 3 WHEN 0 THEN NULL WHEN 1 THEN true ELSE false END AS won,
       CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 37 % 1000) + 0.25 END AS amount,
       '2025-01-01'::timestamptz + (i % 90) * interval '1 day' AS created_at,
       CASE WHEN i % 13 = 0 THEN NULL
            ELSE '2025-01-01'::timestamptz + (i % 90) * interval '1 day'
                 + (1 + i * 7919 % 400) * interval '1 day' + (i % 24) * interval '1 hour' END AS closed_at,
       CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 101) / 100.0 END AS probability
FROM generate_series(1, 2000) i;
CREATE TABLE by_grp AS
SELECT grp, pipeline_agg(won, amount, created_at, closed_at, probability) AS s FROM many GROUP BY grp;
SELECT (SELECT rollup(s)::text FROM by_grp) = (SELECT pipeline_agg(won, amount, created_at, closed_at, probability)::text FROM many) AS rollup_equals_raw,
       (SELECT rollup(s ORDER BY grp DESC)::text FROM by_grp) = (SELECT rollup(s ORDER BY grp)::text FROM by_grp) AS any_order,
       (SELECT (a.s + b.s)::text FROM by_grp a, by_grp b WHERE a.grp = 1 AND b.grp = 2) =
       (SELECT pipeline_agg(won, amount, created_at, closed_at, probability)::text FROM many WHERE grp IN (1, 2)) AS plus_equals_raw;
-- a summary added to one with the same buckets (merged in place) and to the
-- empty one: the example twice equals the aggregate over its rows twice
SELECT (SELECT (s + s)::text FROM ex) =
       (SELECT pipeline_agg(won, amount, created_at, closed_at, probability)::text FROM opp, generate_series(1, 2)) AS twice,
       (SELECT rollup(x)::text FROM (SELECT s FROM ex UNION ALL SELECT s FROM ex UNION ALL SELECT s FROM ex) r(x)) =
       (SELECT pipeline_agg(won, amount, created_at, closed_at, probability)::text FROM opp, generate_series(1, 3)) AS thrice;
-- counts and money against plain SQL
WITH s AS (SELECT rollup(s) s FROM by_grp)
SELECT opportunities(s) = (SELECT count(*) FROM many) AS opportunities,
       pipeline_amount(s) = (SELECT sum(amount) FILTER (WHERE won IS NULL) FROM many) AS pipeline,
       weighted_pipeline(s) = (SELECT sum(amount * probability) FILTER (WHERE won IS NULL) FROM many) AS weighted,
       won_amount(s) = (SELECT sum(amount) FILTER (WHERE won) FROM many) AS won,
       lost_amount(s) = (SELECT sum(amount) FILTER (WHERE NOT won) FROM many) AS lost,
       average_deal_size(s) = (SELECT round(avg(amount) FILTER (WHERE won), 16) FROM many) AS average_deal,
       abs(sales_cycle_days(s) - (SELECT extract(epoch FROM avg(closed_at - created_at) FILTER (WHERE won)) / 86400 FROM many)) < 1e-9 AS mean_cycle
FROM s;
-- every percentile within 0.99% of percentile_disc
SELECT max(abs(sales_cycle_days(s, q) - exact) / exact) <= 0.0099 AS all_within_1pct, count(*) AS quantiles
FROM (SELECT rollup(s) s FROM by_grp) x,
     LATERAL (SELECT q / 100.0 AS q FROM generate_series(0, 100) q) qs,
     LATERAL (SELECT percentile_disc(qs.q) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - created_at) / 86400) AS exact
              FROM many WHERE won AND closed_at IS NOT NULL) e;
-- The size of a sketch: cycles of 1 to 400 days fall in buckets 1273 (1 day:
-- 1 + ceil(ln(86400000000) / ln(1.0099/0.9901)) = 1 + ceil(1271.5)) to 1576
-- (400 days: 1 + ceil(1574.1)).  Whole days 1..400 use fewer than those
-- 304: below 50 days a day is more than one bucket (2%) apart.  The buckets
-- in use, counted independently with the same formula in SQL, take 10 bytes
-- each after the 176 fixed bytes.
SELECT count(DISTINCT 1 + ceil(ln(d * 86400000000.0) / ln(1.0099 / 0.9901))) AS buckets,
       176 + 10 * count(DISTINCT 1 + ceil(ln(d * 86400000000.0) / ln(1.0099 / 0.9901))) AS expected_bytes
FROM generate_series(1, 400) d;
SELECT pg_column_size(pipeline_agg(true, 1::numeric, '2026-01-01', '2026-01-01'::timestamptz + d * interval '1 day')) AS bytes
FROM generate_series(1, 400) d;
-- and at most 176 + 10 x 304 = 3216 bytes for any cycles of 1 to 400 days
SELECT pg_column_size(pipeline_agg(true, 1::numeric, '2026-01-01', '2026-01-01'::timestamptz + m * interval '1 minute')) AS bytes
FROM generate_series(1440, 400 * 1440) m;
-- subtraction undoes addition (a moving window over stored summaries)
SELECT (SELECT pipeline_subtract(rollup(s), (SELECT s FROM by_grp WHERE grp = 3))::text FROM by_grp) =
       (SELECT rollup(s)::text FROM by_grp WHERE grp <> 3) AS subtract_undoes_add;
SELECT pipeline_subtract(s, s + s) FROM ex;
\echo SQLSTATE :SQLSTATE

------------------------------------------------------------------------------
-- 7. Moving windows equal each frame computed afresh
------------------------------------------------------------------------------
SELECT count(*) AS frames,
       count(*) FILTER (WHERE w::text = (SELECT pipeline_agg(m.won, m.amount, m.created_at, m.closed_at, m.probability)::text
                                         FROM many m WHERE m.i BETWEEN f.i - 9 AND f.i)) AS equal
FROM (SELECT i, pipeline_agg(won, amount, created_at, closed_at, probability)
          OVER (ORDER BY i ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS w
      FROM many WHERE i <= 300) f;
SELECT count(*) AS frames,
       count(*) FILTER (WHERE w::text = (SELECT rollup(b.s)::text FROM by_grp b WHERE b.grp BETWEEN f.grp - 2 AND f.grp)) AS equal
FROM (SELECT grp, rollup(s) OVER (ORDER BY grp ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS w FROM by_grp) f;

------------------------------------------------------------------------------
-- 8. Parallel plans give the serial answer
------------------------------------------------------------------------------
CREATE TABLE big AS SELECT * FROM many, generate_series(1, 20) copy;
ANALYZE big;
CREATE TABLE serial AS SELECT grp, pipeline_agg(won, amount, created_at, closed_at, probability)::text AS s FROM big GROUP BY grp;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
CREATE FUNCTION pg_temp.plan_has(query text, node text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        IF line LIKE '%' || node || '%' THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END
$$;
SELECT pg_temp.plan_has('SELECT grp, pipeline_agg(won, amount, created_at, closed_at, probability) FROM big GROUP BY grp',
                        'Partial') AS partial_aggregate,
       pg_temp.plan_has('SELECT rollup(s) FROM by_grp', 'Partial') AS partial_rollup;
SELECT count(*) AS groups, count(*) FILTER (WHERE p.s = serial.s) AS equal
FROM (SELECT grp, pipeline_agg(won, amount, created_at, closed_at, probability)::text AS s FROM big GROUP BY grp) p
JOIN serial USING (grp);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

------------------------------------------------------------------------------
-- 9. Influenced and target-account pipeline: pipeline_agg over a filter
------------------------------------------------------------------------------
CREATE TABLE target_accounts (account int);
INSERT INTO target_accounts VALUES (1), (3);
CREATE TABLE touches (account int, touched_at timestamptz);
INSERT INTO touches VALUES (2, '2025-12-15'), (3, '2026-03-01');
-- target accounts 1 and 3: won 100 + 300, open 1000 + 400
SELECT won_amount(s), pipeline_amount(s)
FROM (SELECT pipeline_agg(won, amount, created_at, closed_at, probability) s
      FROM opp WHERE account IN (SELECT account FROM target_accounts)) x;
-- influenced: account 2 was touched before its deals were created (won 200,
-- lost 50); account 3 only after its deals were created
SELECT won_amount(s), lost_amount(s), pipeline_amount(s)
FROM (SELECT pipeline_agg(won, amount, created_at, closed_at, probability) s
      FROM opp o WHERE EXISTS (SELECT FROM touches t WHERE t.account = o.account
                                                       AND t.touched_at < o.created_at)) x;

------------------------------------------------------------------------------
-- 10. Renewal rates: retention over the contracts due in the period
--   50 contracts, $4M due; 47 renew, 3 of them downgrading by $300k in all;
--   3 churn with $500k; one renewal also upsells by $1M.
--   logo 47/50 = 0.94; dollar (4,000k - 300k - 500k) / 4,000k = 0.80: the
--   upsell is expansion (NRR (4,000k - 800k + 1,000k) / 4,000k = 1.05).
------------------------------------------------------------------------------
CREATE TABLE renewals (contract int, due numeric, renewed numeric);
-- 3 churned: 200k + 150k + 150k = 500k
INSERT INTO renewals VALUES (1, 200000, NULL), (2, 150000, 0), (3, 150000, NULL);
-- 3 downgrades of 100k each: 200k contracts renewed at 100k
INSERT INTO renewals VALUES (4, 200000, 100000), (5, 200000, 100000), (6, 200000, 100000);
-- 44 flat renewals share the rest: 4,000k - 500k - 600k = 2,900k; 43 x 65k = 2,795k
-- and one of 105k that also upsells by 1,000k
INSERT INTO renewals SELECT 6 + i, 65000, 65000 FROM generate_series(1, 43) i;
INSERT INTO renewals VALUES (50, 105000, 1105000);
SELECT count(*) AS contracts, sum(due) AS due FROM renewals;
SELECT renewal_rate(s), dollar_renewal_rate(s), nrr(s)
FROM (SELECT retention_agg(due, renewed) s FROM renewals) x;
