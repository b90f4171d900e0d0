--
-- measure_summary: measure_agg, its accessors, rollup, +, text and binary
-- I/O, the Student-t interval, Welch's test, surge_score, moving windows and
-- plan independence.  Expected values are worked by hand in the comments.
--
\set VERBOSITY default
SET extra_float_digits = 0;

------------------------------------------------------------------------------
-- Worked example (kpi-definitions, Measures): 2, 4, 4, 4, 5, 5, 7, 9.
-- sum = 40, n = 8, mean = 5; squared deviations 9+1+1+1+0+0+4+16 = 32;
-- sample variance 32/7 = 4.571428571428571; SD sqrt(32/7) = 2.1380899...
-- sum of squares 4+16+16+16+25+25+49+81 = 232.
------------------------------------------------------------------------------
CREATE TEMP TABLE ex (x float8);
INSERT INTO ex VALUES (2), (4), (4), (4), (5), (5), (7), (9), (NULL);
SELECT measure_agg(x) AS summary, sample_size(measure_agg(x)) AS n, mean(measure_agg(x)) AS mean,
       sample_variance(measure_agg(x)) AS variance, round(sample_stddev(measure_agg(x))::numeric, 7) AS sd
FROM ex;
-- the same through numeric
SELECT measure_agg(x::numeric) AS summary FROM ex;

-- Student-t interval, 95%: t(0.975, 7) = 2.365 (published table);
-- s / sqrt(n) = 2.1380899 / 2.8284271 = 0.7559289; half width 1.7874879:
-- 3.2125121 .. 6.7874879
SELECT round(lower::numeric, 4) AS lower, round(upper::numeric, 4) AS upper
FROM mean_interval((SELECT measure_agg(x) FROM ex));
-- the confidence is a parameter: 99%: t(0.995, 7) = 3.499; 0.7559289 * 3.499 = 2.645:
-- 2.355 .. 7.645
SELECT round(lower::numeric, 3) AS lower, round(upper::numeric, 3) AS upper
FROM mean_interval((SELECT measure_agg(x) FROM ex), 0.99);

------------------------------------------------------------------------------
-- Student t quantiles against published tables.  A summary with n values,
-- mean 0 and m2 = n (n - 1) has s^2 = n, so s / sqrt(n) = 1: its interval's
-- upper end is t(c, n - 1) itself.
--   two-sided 95%: df 1 12.706, 2 4.303, 5 2.571, 10 2.228, 30 2.042
--   two-sided 99%: df 1 63.657, 10 3.169;  two-sided 90%: df 10 1.812
--   df 1: t is tan(pi c / 2) (the Cauchy distribution): 95% 12.7062047361747
------------------------------------------------------------------------------
SELECT df, c, round(upper::numeric, 3) AS t
FROM (VALUES (1, 0.95), (2, 0.95), (5, 0.95), (10, 0.95), (30, 0.95),
             (1, 0.99), (10, 0.99), (10, 0.90)) v(df, c),
     mean_interval(format('v1 n=%s mean=0 m2=%s', df + 1, (df + 1) * df)::measure_summary, c)
ORDER BY c, df;
SELECT abs(upper - tan(pi() * 0.95 / 2)) < 1e-12 AS cauchy_95,
       abs((SELECT upper FROM mean_interval('v1 n=2 mean=0 m2=2', 0.5)) - 1) < 1e-14 AS cauchy_50
FROM mean_interval('v1 n=2 mean=0 m2=2', 0.95);
-- a million degrees of freedom: z + (z^3 + z) / (4 df) = 1.959964 + 0.0000024 = 1.959966
SELECT round(upper::numeric, 6) AS t_large_df
FROM mean_interval('v1 n=1000001 mean=0 m2=1000001000000', 0.95);

------------------------------------------------------------------------------
-- Welch's test (kpi-definitions): a = 1..5, b = 2, 4, ..., 10.
-- mean a 3, var a 10/4 = 2.5; mean b 6, var b 40/4 = 10.
-- va/na = 0.5, vb/nb = 2, se = sqrt(2.5) = 1.5811388; t = -3 / 1.5811388 = -1.8973666
-- df = 2.5^2 / (0.5^2/4 + 2^2/4) = 6.25 / 1.0625 = 5.8823529
-- p: two-sided tail of t(5.88) at 1.897, between the table's 0.10 (df 6:
-- 1.943 for p = 0.10) and 0.20: 0.1075 (40-digit check: 0.107531194930...)
------------------------------------------------------------------------------
SELECT difference, round(t::numeric, 7) AS t, round(df::numeric, 7) AS df, round(p_value::numeric, 4) AS p
FROM mean_test((SELECT measure_agg(x) FROM generate_series(1, 5) x),
               (SELECT measure_agg(2 * x) FROM generate_series(1, 5) x));
-- t = 2.086 at df 20 is the table's two-sided 0.05: a and b of 11 values with
-- va = vb = 5.5 (m2 55) give se 1 and df 1 / (0.25/10 + 0.25/10) = 20
SELECT round(t::numeric, 3) AS t, df, round(p_value::numeric, 4) AS p
FROM mean_test('v1 n=11 mean=2.085963447 m2=55', 'v1 n=11 mean=0 m2=55');
-- the sign follows a - b; p is the same
SELECT round(t::numeric, 3) AS t, round(p_value::numeric, 4) AS p
FROM mean_test('v1 n=11 mean=0 m2=55', 'v1 n=11 mean=2.085963447 m2=55');

------------------------------------------------------------------------------
-- Intent surge (kpi-definitions): baseline 3, 5, 4, 6, 2: mean 4, squared
-- deviations 1+1+0+4+4 = 10, sample SD sqrt(10/4) = 1.5811388;
-- this week 12: z = 8 / 1.5811388 = 5.0596443
------------------------------------------------------------------------------
SELECT round(surge_score(12, measure_agg(x))::numeric, 7) AS z
FROM unnest('{3,5,4,6,2}'::float8[]) x;
-- below two periods, or no spread: NULL
SELECT surge_score(12, measure_agg(x)) IS NULL AS one_period FROM unnest('{3}'::float8[]) x;
SELECT surge_score(12, measure_agg(x)) IS NULL AS no_spread FROM unnest('{4,4,4}'::float8[]) x;
SELECT surge_score(12, measure_agg(x)) IS NULL AS no_periods FROM unnest('{}'::float8[]) x;

------------------------------------------------------------------------------
-- Small samples: NULLs, never errors
------------------------------------------------------------------------------
SELECT measure_agg(x) AS summary, sample_size(measure_agg(x)) AS n, mean(measure_agg(x)) AS mean,
       sample_variance(measure_agg(x)) AS variance, sample_stddev(measure_agg(x)) AS sd,
       (mean_interval(measure_agg(x))).lower AS lower
FROM ex WHERE false;
SELECT measure_agg(x) AS summary, mean(measure_agg(x)) AS mean, sample_variance(measure_agg(x)) AS variance,
       (mean_interval(measure_agg(x))).upper AS upper
FROM ex WHERE x = 7;
-- no spread: an interval of width 0 (s = 0), and a test without t
SELECT * FROM mean_interval('v1 n=3 sum=12 sum_squares=48');
SELECT * FROM mean_test('v1 n=3 sum=12 sum_squares=48', 'v1 n=2 sum=6 sum_squares=18');
SELECT * FROM mean_test('v1 n=1 sum=4 sum_squares=16', 'v1 n=0 sum=0 sum_squares=0');

------------------------------------------------------------------------------
-- Fractional values: 0.5, 1.5, 4: mean 2, squared deviations 2.25+0.25+4 = 6.5,
-- variance 3.25
------------------------------------------------------------------------------
SELECT measure_agg(x) AS summary, mean(measure_agg(x)), sample_variance(measure_agg(x))
FROM unnest('{0.5,1.5,4}'::float8[]) x;
SELECT measure_agg(x) AS summary FROM unnest('{0.5,1.5,4}'::numeric[]) x;
-- whole numbers first, then a fraction: the exact sums turn into (n, mean, M2)
-- 1, 2, 3, 3.5: mean 9.5/4 = 2.375; deviations^2 1.890625+0.140625+0.390625+1.265625 = 3.6875
SELECT measure_agg(x) AS summary FROM unnest('{1,2,3,3.5}'::float8[]) x;

------------------------------------------------------------------------------
-- Exact for whole numbers: the sums are those of numeric, even where float8
-- sums lose digits.  2^53 = 9007199254740992 three times and -1:
-- sum 27021597764222975, sum of squares 3 * 2^106 + 1
------------------------------------------------------------------------------
SELECT measure_agg(x) AS summary FROM unnest(ARRAY[2^53, 2^53, 2^53, -1]::float8[]) x;
SELECT s::text = format('v1 n=4 sum=%s sum_squares=%s', (3 * 2::numeric ^ 53 - 1)::numeric(40, 0), (3 * 2::numeric ^ 106 + 1)::numeric(40, 0)) AS exact
FROM (SELECT measure_agg(x) s FROM unnest(ARRAY[2^53, 2^53, 2^53, -1]::float8[]) x) q;
-- above 2^53 a value is not whole-number exact in float8: (n, mean, M2)
SELECT measure_agg(x) AS summary FROM unnest(ARRAY[2^54, 0]::float8[]) x;
-- sums of squares beyond 128 bits turn fractional rather than overflow:
-- 2^22 values of 2^53 have sum_squares 2^128
SELECT s::text LIKE 'v1 n=4194304 mean=9.007199254740992e+15 m2=%' AS fractional
FROM (SELECT measure_agg(2^53::float8) s FROM generate_series(1, 4194304)) q;
-- integer data: the summary equals the numeric sums, and var_samp to 1e-15
SELECT count(*) AS groups,
       count(*) FILTER (WHERE s::text <> format('v1 n=%s sum=%s sum_squares=%s', n, sx, sxx)) AS sums_differ,
       count(*) FILTER (WHERE abs(sample_variance(s) - v) > 1e-15 * v) AS variance_differs
FROM (SELECT g, measure_agg(x::float8) s, count(x) n, sum(x::numeric) sx, sum(x::numeric * x) sxx,
             var_samp(x::numeric)::float8 v
      FROM (SELECT i % 10 g, (i * 7919) % 100003 - 50000 x FROM generate_series(1, 50000) i) d
      GROUP BY g) q;

------------------------------------------------------------------------------
-- rollup and +: stored daily summaries combine to the summary of all rows
-- (exactly, for whole numbers)
------------------------------------------------------------------------------
CREATE TEMP TABLE touches AS
SELECT i, i % 30 AS day, (i * 37) % 11 AS n_int, ((i * 37) % 1000) / 8.0::float8 AS minutes
FROM generate_series(1, 30000) i;
CREATE TEMP TABLE daily AS
SELECT day, measure_agg(n_int) AS s_int, measure_agg(minutes) AS s_frac FROM touches GROUP BY day;
SELECT (SELECT rollup(s_int) FROM daily)::text = (SELECT measure_agg(n_int) FROM touches)::text AS rollup_exact,
       (SELECT rollup(s_int) FROM daily WHERE day < 10)::text =
       ((SELECT rollup(s_int) FROM daily WHERE day < 5) + (SELECT rollup(s_int) FROM daily WHERE day BETWEEN 5 AND 9))::text AS plus_exact;
SELECT abs(mean(r) - mean(a)) <= 1e-12 * abs(mean(a)) AS mean_close,
       abs(sample_variance(r) - sample_variance(a)) <= 1e-12 * sample_variance(a) AS variance_close,
       sample_size(r) = 30000 AS n
FROM (SELECT rollup(s_frac) r FROM daily) x, (SELECT measure_agg(minutes) a FROM touches) y;
-- + with an empty summary is the identity, either way round
SELECT 'v1 n=0 sum=0 sum_squares=0'::measure_summary + 'v1 n=3 mean=0.5 m2=1.25' AS left_empty,
       'v1 n=3 mean=0.5 m2=1.25'::measure_summary + 'v1 n=0 sum=0 sum_squares=0' AS right_empty;
-- exact + fractional: 2, 4 (mean 3, M2 2) and 'n=2 mean=0.5 m2=0.5':
-- n 4, delta -2.5, mean 3 - 2.5 * 2/4 = 1.75, M2 2 + 0.5 + 6.25 * 2 * 2 / 4 = 8.75
SELECT 'v1 n=2 sum=6 sum_squares=20'::measure_summary + 'v1 n=2 mean=0.5 m2=0.5' AS mixed;

------------------------------------------------------------------------------
-- Moving windows: 12 rows back to 1 row back, as the surge baseline uses.
-- Whole numbers: the inverse transition is exact, so every frame equals the
-- summary computed afresh, to the bit.  Fractional values: the inverse
-- returns NULL and PostgreSQL recomputes the frame: equal within float8.
------------------------------------------------------------------------------
CREATE TEMP TABLE weeks AS
SELECT w, (w * 7) % 13 + CASE WHEN w % 17 = 0 THEN 40 ELSE 0 END AS events,
       CASE WHEN w % 5 = 0 THEN NULL ELSE ((w * 31) % 97) / 4.0 END AS minutes
FROM generate_series(1, 400) w;
SELECT count(*) AS frames,
       count(*) FILTER (WHERE moving::text IS DISTINCT FROM afresh::text) AS differ
FROM (SELECT w, measure_agg(events) OVER (ORDER BY w ROWS BETWEEN 12 PRECEDING AND 1 PRECEDING) AS moving,
             (SELECT measure_agg(events) FROM weeks b WHERE b.w BETWEEN a.w - 12 AND a.w - 1) AS afresh
      FROM weeks a) q;
SELECT count(*) AS frames,
       count(*) FILTER (WHERE sample_size(moving) <> sample_size(afresh)
                          OR abs(mean(moving) - mean(afresh)) > 1e-12 * abs(mean(afresh))
                          OR abs(sample_variance(moving) - sample_variance(afresh)) > 1e-12 * sample_variance(afresh)) AS differ
FROM (SELECT w, measure_agg(minutes) OVER (ORDER BY w ROWS BETWEEN 12 PRECEDING AND 1 PRECEDING) AS moving,
             (SELECT measure_agg(minutes) FROM weeks b WHERE b.w BETWEEN a.w - 12 AND a.w - 1) AS afresh
      FROM weeks a) q;
-- rollup() over stored summaries, moving
SELECT count(*) FILTER (WHERE moving::text IS DISTINCT FROM afresh::text) AS rollup_differ
FROM (SELECT day, rollup(s_int) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS moving,
             (SELECT rollup(s_int) FROM daily b WHERE b.day BETWEEN a.day - 6 AND a.day) AS afresh
      FROM daily a) q;

-- The surge query: weekly events per account and topic against the
-- trailing 12 weeks, over a dense series of weeks (zeros included).
-- Account 1, crm, week 20: baseline weeks 8..19 have (1 + w) % 4 events:
-- 1, 2, 3, 0 three times: mean 1.5, squared deviations 3 * 5 = 15, SD
-- sqrt(15/11) = 1.1677484; z = (30 - 1.5) / 1.1677484 = 24.41.  Week 2 of
-- accounts 1 has a baseline of two weeks, 1 and 2: SD 0.7071068, and 3
-- events: z = 1.5 / 0.7071068 = 2.12.
CREATE TEMP TABLE intent (account_id int, topic text, week date, events int);
INSERT INTO intent
SELECT a, t, date '2024-01-01' + 7 * w, CASE WHEN a = 1 AND t = 'crm' AND w = 20 THEN 30 ELSE (a + w) % 4 END
FROM generate_series(1, 3) a, unnest('{crm,erp}'::text[]) t, generate_series(0, 20) w;
SELECT account_id, topic, week, events, round(z::numeric, 2) AS z
FROM (SELECT account_id, topic, week, events,
             surge_score(events, measure_agg(events) OVER (PARTITION BY account_id, topic ORDER BY week
                                                         ROWS BETWEEN 12 PRECEDING AND 1 PRECEDING)) AS z
      FROM intent) s
WHERE z >= 2
ORDER BY z DESC, account_id, topic;

------------------------------------------------------------------------------
-- Plan independence: forced parallel plans give the serial summary to the
-- bit for whole numbers, and within 1e-12 for fractional values.
------------------------------------------------------------------------------
CREATE TABLE measure_par AS
SELECT i, i % 7 AS seg, (i * 7919) % 1000 AS whole, ((i * 7919) % 100000) / 1000.0::float8 AS frac
FROM generate_series(1, 100000) i;
ANALYZE measure_par;
CREATE TEMP TABLE serial AS
SELECT measure_agg(whole) AS w, measure_agg(frac) AS f FROM measure_par;
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
SELECT pg_temp.plan_has('SELECT measure_agg(whole), measure_agg(frac) FROM measure_par', 'Partial Aggregate') AS partial;
SELECT p.w::text = s.w::text AS whole_identical,
       sample_size(p.f) = sample_size(s.f) AS n_equal,
       abs(mean(p.f) - mean(s.f)) <= 1e-12 * abs(mean(s.f)) AS mean_close,
       abs(sample_variance(p.f) - sample_variance(s.f)) <= 1e-12 * sample_variance(s.f) AS variance_close
FROM (SELECT measure_agg(whole) AS w, measure_agg(frac) AS f FROM measure_par) p, serial s;
-- grouped, parallel: every group's whole-number summary identical to serial
SELECT count(*) FILTER (WHERE p.s::text <> q.s::text) AS groups_differ
FROM (SELECT seg, measure_agg(whole) s FROM measure_par GROUP BY seg) p
JOIN (SELECT seg, rollup(s) s FROM (SELECT seg, i % 3 AS part, measure_agg(whole) s FROM measure_par GROUP BY seg, part) x GROUP BY seg) q USING (seg);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE measure_par;

------------------------------------------------------------------------------
-- Errors
------------------------------------------------------------------------------
-- 22003: NaN and infinity are not measures
SELECT measure_agg(x) FROM unnest('{1,NaN}'::float8[]) x;
\echo SQLSTATE :SQLSTATE
SELECT measure_agg(x) FROM unnest('{1,-Infinity}'::float8[]) x;
\echo SQLSTATE :SQLSTATE
SELECT measure_agg(x) FROM unnest('{1,NaN}'::numeric[]) x;
\echo SQLSTATE :SQLSTATE
SELECT surge_score('Infinity', 'v1 n=2 sum=2 sum_squares=2');
\echo SQLSTATE :SQLSTATE
-- 22003: squared deviations beyond float8
SELECT measure_agg(x) FROM unnest('{1e300,-1e300,0.5}'::float8[]) x;
\echo SQLSTATE :SQLSTATE
-- 22023: confidence outside (0, 1)
SELECT mean_interval('v1 n=2 sum=2 sum_squares=2', 1);
\echo SQLSTATE :SQLSTATE
SELECT mean_interval('v1 n=2 sum=2 sum_squares=2', 0);
\echo SQLSTATE :SQLSTATE
SELECT mean_interval('v1 n=2 sum=2 sum_squares=2', 'NaN');
\echo SQLSTATE :SQLSTATE
-- 22023: removing what was never added (direct calls of the inverses)
SELECT measure_inv('v1 n=0 sum=0 sum_squares=0', 3);
\echo SQLSTATE :SQLSTATE
SELECT measure_inv('v1 n=1 sum=2 sum_squares=4', 3);
\echo SQLSTATE :SQLSTATE
SELECT measure_inv('v1 n=1 sum=2 sum_squares=4', 2.5);
\echo SQLSTATE :SQLSTATE
SELECT measure_subtract('v1 n=1 sum=2 sum_squares=4', 'v1 n=2 sum=2 sum_squares=2');
\echo SQLSTATE :SQLSTATE
-- the fractional form has no exact removal: NULL asks for a recomputation
SELECT measure_inv('v1 n=2 mean=0.5 m2=0.5', 1) IS NULL AS recompute;
-- a direct call never changes its input
SELECT measure_trans(s, 5), s FROM (SELECT 'v1 n=1 sum=2 sum_squares=4'::measure_summary s) q;

-- 22P02: text input
SELECT 'v1 n=2 sum=2'::measure_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 n=-1 sum=0 sum_squares=0'::measure_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 n=2 sum=3 sum_squares=4'::measure_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 n=2 sum=4 sum_squares=6'::measure_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 n=1 sum=2 sum_squares=6'::measure_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 n=0 sum=1 sum_squares=1'::measure_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 n=2 sum=2 sum_squares=-2'::measure_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 n=2 sum=2 sum_squares=170141183460469231731687303715884105728'::measure_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 n=0 mean=0 m2=0'::measure_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 n=2 mean=NaN m2=0'::measure_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 n=2 mean=1 m2=-1'::measure_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 n=2 mean=1 m2=1e999'::measure_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 n=2 mean=0x10 m2=1'::measure_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 n=1 mean=1 m2=1'::measure_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v2 n=1 sum=1 sum_squares=1'::measure_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 n=1 sum=1 sum_squares=1 extra'::measure_summary;
\echo SQLSTATE :SQLSTATE
-- text round trip, both forms, extreme values
SELECT s::measure_summary::text = s AS round_trip
FROM unnest(ARRAY['v1 n=0 sum=0 sum_squares=0', 'v1 n=3 sum=-6 sum_squares=14',
                  'v1 n=2 mean=-1.5e-300 m2=5e-324', 'v1 n=2 mean=1.7976931348623157e+308 m2=0',
                  'v1 n=9223372036854775807 mean=0.1 m2=0.30000000000000004']) s;

------------------------------------------------------------------------------
-- Binary I/O.  Layout: version (1 byte), flags (1), n (int8), sum and
-- sum_squares (int16 each, high half first), mean and m2 (float8): 58 bytes.
-- recv_as(type, payload) hands the bytes to the receive function through a
-- binary COPY (see summary_io).
------------------------------------------------------------------------------
CREATE TEMP TABLE payload (b bytea);
CREATE FUNCTION pg_temp.recv_as(target regtype, bytes bytea) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    file text := current_setting('data_directory') || '/abm_regress_measure.bin';
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
SELECT measure_summary_send('v1 n=8 sum=40 sum_squares=232') AS integer_form;
SELECT measure_summary_send('v1 n=3 mean=0.5 m2=1.25') AS fractional_form;
SELECT pg_temp.recv_as('measure_summary', measure_summary_send(s::measure_summary)) = s AS round_trip
FROM unnest(ARRAY['v1 n=0 sum=0 sum_squares=0', 'v1 n=8 sum=40 sum_squares=232', 'v1 n=3 sum=-6 sum_squares=14',
                  'v1 n=3 mean=0.5 m2=1.25', 'v1 n=2 mean=-0 m2=5e-324']) s;
\set m_bin '(SELECT measure_summary_send(''v1 n=8 sum=40 sum_squares=232''))'
-- version 2; a byte too many; a byte too few; nothing
SELECT pg_temp.recv_as('measure_summary', set_byte(:m_bin, 0, 2));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('measure_summary', :m_bin || '\x00'::bytea);
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('measure_summary', substr(:m_bin, 1, 57));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('measure_summary', '\x'::bytea);
\echo SQLSTATE :SQLSTATE
-- unknown flag; n = -1; sum 41 (parity); mean set in the integer form
SELECT pg_temp.recv_as('measure_summary', set_byte(:m_bin, 1, 2));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('measure_summary', overlay(:m_bin placing '\xffffffffffffffff'::bytea from 3 for 8));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('measure_summary', set_byte(:m_bin, 25, 41));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('measure_summary', set_byte(:m_bin, 42, 63));
\echo SQLSTATE :SQLSTATE
-- fractional flag with integer sums; NaN mean
SELECT pg_temp.recv_as('measure_summary', set_byte(:m_bin, 1, 1));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('measure_summary', overlay(measure_summary_send('v1 n=3 mean=0.5 m2=1.25') placing '\x7ff8000000000000'::bytea from 43 for 8));
\echo SQLSTATE :SQLSTATE
