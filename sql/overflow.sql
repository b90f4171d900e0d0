--
-- overflow: counts are int64 and money is a 128-bit count of units of
-- 10^-scale (38 significant digits). A sum that would not fit raises 22003;
-- nothing wraps, whether rows are added by an aggregate, summaries are
-- combined by rollup() or +, or parallel workers combine partial states.
-- Limits: 2^63 - 1 = 9223372036854775807 and
--         2^127 - 1 = 170141183460469231731687303715884105727.
--
\set VERBOSITY terse

-- Amounts of 37 and 38 significant digits are accepted by the aggregates as
-- by the text input (numeric stores digits in groups of four, so the last
-- group runs past the decimal places; that padding must not overflow).
SELECT successes(s), success_amount(s), trial_amount(s)
FROM (SELECT ratio_agg(true, 99999999999999999999999999999999999.99) AS s) t;
SELECT success_amount(ratio_agg(true, 1.2345678901234567890123456789012345678));
SELECT success_amount(ratio_agg(true, 0.00000000000000000000000000000000000001));
-- 2^127 - 1 itself fits; one more does not.
SELECT success_amount(ratio_agg(true, 170141183460469231731687303715884105727));
SELECT ratio_agg(true, 170141183460469231731687303715884105728);
\echo SQLSTATE :SQLSTATE

-- Counts one past 2^63 - 1, per type, through rollup() and through +.
SELECT rollup(s) FROM (VALUES
    ('v1 successes=9223372036854775807 trials=9223372036854775807 success_amount=0 trial_amount=0'::ratio_summary),
    ('v1 successes=0 trials=1 success_amount=0 trial_amount=0')) v(s);
\echo SQLSTATE :SQLSTATE
SELECT 'v1 successes=9223372036854775807 trials=9223372036854775807 success_amount=0 trial_amount=0'::ratio_summary
     + 'v1 successes=1 trials=1 success_amount=0 trial_amount=0';
\echo SQLSTATE :SQLSTATE
-- Per-row counts: 1 + (2^63 - 1) trials.
SELECT rate(n, d) FROM (VALUES (1::bigint, 9223372036854775807::bigint), (0, 1)) v(n, d);
\echo SQLSTATE :SQLSTATE
-- Score counts: each score's count and the total are bounded; 2^63 - 1
-- nines plus one ten is a total past the limit, in text input and rollup.
SELECT 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,9223372036854775807,1'::score_summary;
\echo SQLSTATE :SQLSTATE
SELECT rollup(s) FROM (VALUES
    ('v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,9223372036854775807,0'::score_summary),
    ('v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,1')) v(s);
\echo SQLSTATE :SQLSTATE
SELECT rollup(s) FROM (VALUES
    ('v1 units=9223372036854775807 spend=0'::cost_summary),
    ('v1 units=1 spend=0')) v(s);
\echo SQLSTATE :SQLSTATE
SELECT cpl(s, n) FROM (VALUES (1::numeric, 9223372036854775807::bigint), (1, 1)) v(s, n);
\echo SQLSTATE :SQLSTATE
SELECT rollup(s) FROM (VALUES
    ('v1 accounts=9223372036854775807 churned_accounts=0 new_accounts=0 start_revenue=9223372036854775807 expansion=0 contraction=0 churned_revenue=0 new_revenue=0'::retention_summary),
    ('v1 accounts=1 churned_accounts=0 new_accounts=0 start_revenue=1 expansion=0 contraction=0 churned_revenue=0 new_revenue=0')) v(s);
\echo SQLSTATE :SQLSTATE
-- Funnel: accounts at each furthest stage add up to the target count.
SELECT 'v1 furthest=1,0,0,0,0,9223372036854775807 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0'::funnel_summary;
\echo SQLSTATE :SQLSTATE
SELECT rollup(s) FROM (VALUES
    ('v1 furthest=0,0,0,0,0,9223372036854775807 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0'::funnel_summary),
    ('v1 furthest=1,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0')) v(s);
\echo SQLSTATE :SQLSTATE

-- Money past 2^127 - 1 units: by rollup at scale 0 and at scale 1, and by
-- the aggregates (two 38-digit nines are 1.99...98e38 > 1.7e38).
SELECT rollup(s) FROM (VALUES
    ('v1 successes=0 trials=1 success_amount=0 trial_amount=170141183460469231731687303715884105727'::ratio_summary),
    ('v1 successes=0 trials=1 success_amount=0 trial_amount=1')) v(s);
\echo SQLSTATE :SQLSTATE
-- 17014118346046923173168730371588410572.7 is 2^127 - 1 units of 0.1;
-- adding 0.01 needs scale 2, where the first no longer fits.
SELECT rollup(s) FROM (VALUES
    ('v1 successes=0 trials=1 success_amount=0 trial_amount=17014118346046923173168730371588410572.7'::ratio_summary),
    ('v1 successes=0 trials=1 success_amount=0 trial_amount=0.01')) v(s);
\echo SQLSTATE :SQLSTATE
SELECT rollup(s) FROM (VALUES
    ('v1 units=1 spend=99999999999999999999999999999999999999'::cost_summary),
    ('v1 units=1 spend=99999999999999999999999999999999999999')) v(s);
\echo SQLSTATE :SQLSTATE
SELECT nrr(a, b) FROM (VALUES
    (99999999999999999999999999999999999999::numeric, 1::numeric),
    (99999999999999999999999999999999999999, 1)) v(a, b);
\echo SQLSTATE :SQLSTATE
SELECT cac(a, true) FROM (VALUES
    (99999999999999999999999999999999999999::numeric), (99999999999999999999999999999999999999)) v(a);
\echo SQLSTATE :SQLSTATE

-- Just below the limits everything still adds up exactly:
-- (2^63 - 2) + 1 trials, and (2^127 - 2) + 1 units of money.
SELECT rollup(s) FROM (VALUES
    ('v1 successes=0 trials=9223372036854775806 success_amount=0 trial_amount=170141183460469231731687303715884105726'::ratio_summary),
    ('v1 successes=1 trials=1 success_amount=1 trial_amount=1')) v(s);

-- The same overflow under a parallel plan: partial states combined in the
-- leader raise 22003 too (each worker sees half of two huge rows).
CREATE TABLE huge_costs AS
SELECT 99999999999999999999999999999999999999::numeric AS spend, true AS won
FROM generate_series(1, 2);
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
ALTER TABLE huge_costs SET (parallel_workers = 2);
SELECT cac(spend, won) FROM huge_costs;
\echo SQLSTATE :SQLSTATE
RESET ALL;
DROP TABLE huge_costs;
