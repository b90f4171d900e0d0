--
-- retention_summary, NRR, GRR and logo retention.
-- Per account (start revenue, end revenue): start NULL/0 is a new account
-- (excluded from NRR and GRR); end NULL/0 is a churned one (what a LEFT JOIN
-- gives).  NRR = sum(end) / sum(start); GRR = sum(min(start, end)) / sum(start).
-- Expected values are worked out by hand in the comments and written into the
-- queries.  Errors are followed by their SQLSTATE.
--
\set VERBOSITY default

--
-- Example 1 (published): start 200,000, churn 6,000, contraction 4,000,
-- expansion 20,000 -> NRR 1.05, GRR 0.95.  Accounts:
--   a1 100,000 -> 120,000   expansion 20,000
--   a2  50,000 ->  46,000   contraction 4,000
--   a3   6,000 ->    NULL   churned 6,000 (no row at the end of the period)
--   a4  44,000 ->  44,000   flat
--   a5    NULL ->  30,000   new, excluded
--   a6       0 ->   5,000   new, excluded
--   a7    NULL ->    NULL   nothing, ignored
--   a8       0 ->       0   nothing, ignored
-- end = 120,000 + 46,000 + 0 + 44,000 = 210,000 -> 210/200 = 1.05
-- retained = 100,000 + 46,000 + 0 + 44,000 = 190,000 -> 190/200 = 0.95
-- logo retention: 3 of 4 existing accounts kept -> 0.75
--
-- Example 2 (published): start 50,000, expansion 6,000, contraction 2,000,
-- churn 3,000 -> NRR 1.02, GRR 0.90.  Accounts:
--   b1 20,000 -> 26,000   expansion 6,000
--   b2 10,000 ->  8,000   contraction 2,000
--   b3  3,000 ->      0   churned 3,000 (explicit zero)
--   b4 17,000 -> 17,000   flat
-- end = 26,000 + 8,000 + 0 + 17,000 = 51,000 -> 1.02; retained 45,000 -> 0.90
--
CREATE TEMP TABLE revenue (example text, account text, start_rev numeric, end_rev numeric);
INSERT INTO revenue VALUES
  ('ex1', 'a1', 100000, 120000), ('ex1', 'a2', 50000, 46000), ('ex1', 'a3', 6000, NULL),
  ('ex1', 'a4', 44000, 44000),   ('ex1', 'a5', NULL, 30000),  ('ex1', 'a6', 0, 5000),
  ('ex1', 'a7', NULL, NULL),     ('ex1', 'a8', 0, 0),
  ('ex2', 'b1', 20000, 26000),   ('ex2', 'b2', 10000, 8000),  ('ex2', 'b3', 3000, 0),
  ('ex2', 'b4', 17000, 17000);

-- direct aggregates
SELECT example, nrr(start_rev, end_rev) AS nrr, grr(start_rev, end_rev) AS grr,
       nrr(start_rev, end_rev) = CASE example WHEN 'ex1' THEN 1.05 ELSE 1.02 END AS nrr_ok,
       grr(start_rev, end_rev) = CASE example WHEN 'ex1' THEN 0.95 ELSE 0.90 END AS grr_ok
FROM revenue GROUP BY example ORDER BY example;

-- the summaries and every accessor
SELECT example, retention_agg(start_rev, end_rev) AS summary
FROM revenue GROUP BY example ORDER BY example;
SELECT s::text = 'v1 accounts=4 churned_accounts=1 new_accounts=2 start_revenue=200000 expansion=20000 contraction=4000 churned_revenue=6000 new_revenue=35000' AS text_ok,
       accounts(s) = 4 AS accounts_4, churned_accounts(s) = 1 AS churned_1, new_accounts(s) = 2 AS new_2,
       start_revenue(s) = 200000 AS start_200k, end_revenue(s) = 210000 AS end_210k,
       retained_revenue(s) = 190000 AS retained_190k, expansion(s) = 20000 AS expansion_20k,
       contraction(s) = 4000 AS contraction_4k, churned_revenue(s) = 6000 AS churn_6k,
       new_revenue(s) = 35000 AS new_35k,
       nrr(s) = 1.05 AS nrr_105, grr(s) = 0.95 AS grr_095, logo_retention(s) = 0.75 AS logo_075
FROM (SELECT retention_agg(start_rev, end_rev) AS s FROM revenue WHERE example = 'ex1') q;
SELECT s::text = 'v1 accounts=4 churned_accounts=1 new_accounts=0 start_revenue=50000 expansion=6000 contraction=2000 churned_revenue=3000 new_revenue=0' AS text_ok,
       end_revenue(s) = 51000 AS end_51k, retained_revenue(s) = 45000 AS retained_45k,
       nrr(s) = 1.02 AS nrr_102, grr(s) = 0.90 AS grr_090, logo_retention(s) = 0.75 AS logo_075
FROM (SELECT retention_agg(start_rev, end_rev) AS s FROM revenue WHERE example = 'ex2') q;
-- NRR = (start + expansion - contraction - churn) / start, from the accessors
SELECT nrr(s) = ((start_revenue(s) + expansion(s) - contraction(s) - churned_revenue(s)) / start_revenue(s))::float8
         AS bridge_ok
FROM (SELECT retention_agg(start_rev, end_rev) AS s FROM revenue GROUP BY example) q;

-- both examples together: start 250,000, end 261,000, retained 235,000
SELECT nrr(start_rev, end_rev) = 261000 / 250000::float8 AS nrr_ok,
       grr(start_rev, end_rev) = 235000 / 250000::float8 AS grr_ok,
       logo_retention(retention_agg(start_rev, end_rev)) = 0.75 AS logo_6_of_8
FROM revenue;

-- the same as plain SQL over a LEFT JOIN of the period's accounts
SELECT sum(coalesce(end_rev, 0)) FILTER (WHERE start_rev > 0)
         = end_revenue(retention_agg(start_rev, end_rev)) AS end_sql,
       sum(least(start_rev, coalesce(end_rev, 0))) FILTER (WHERE start_rev > 0)
         = retained_revenue(retention_agg(start_rev, end_rev)) AS retained_sql,
       sum(greatest(end_rev - start_rev, 0)) FILTER (WHERE start_rev > 0)
         = expansion(retention_agg(start_rev, end_rev)) AS expansion_sql
FROM revenue;

-- double precision money: the same results
SELECT example, nrr(start_rev::float8, end_rev::float8) = CASE example WHEN 'ex1' THEN 1.05 ELSE 1.02 END AS nrr_ok,
       grr(start_rev::float8, end_rev::float8) = CASE example WHEN 'ex1' THEN 0.95 ELSE 0.90 END AS grr_ok,
       retention_agg(start_rev::float8, end_rev::float8)::text = retention_agg(start_rev, end_rev)::text AS same_summary
FROM revenue GROUP BY example ORDER BY example;
-- float8 amounts enter as float8::numeric (0.1 is 0.1), then add up exactly:
-- start 0.1 + 0.2 = 0.3; ends 0.3 and 0.1: expansion 0.2, contraction 0.1,
-- NRR 0.4 / 0.3 = 4/3
SELECT retention_agg(s, e) AS summary,
       start_revenue(retention_agg(s, e)) = 0.3 AS start_03, expansion(retention_agg(s, e)) = 0.2 AS expansion_02,
       contraction(retention_agg(s, e)) = 0.1 AS contraction_01, nrr(s, e) = 4 / 3::float8 AS nrr_4_3
FROM (VALUES (0.1::float8, 0.3::float8), (0.2, 0.1)) v(s, e);

-- expansion is capped per account, so GRR never exceeds 1: one account
-- doubles, one halves -> retained = 100 + 50 = 150 of 200 -> 0.75, NRR 250/200
SELECT grr(s, e) = 0.75 AS grr_075, nrr(s, e) = 1.25 AS nrr_125
FROM (VALUES (100, 200), (100, 50)) v(s, e);
-- mixed decimal places: 100.5 -> 100.25 is a contraction of 0.25
-- and 10 -> 10.125 an expansion of 0.125; the sums keep 3 decimal places
SELECT retention_agg(s, e)::text = 'v1 accounts=2 churned_accounts=0 new_accounts=0 start_revenue=110.500 expansion=0.125 contraction=0.250 churned_revenue=0.000 new_revenue=0.000' AS text_ok,
       contraction(retention_agg(s, e)) = 0.25 AS contraction_025, expansion(retention_agg(s, e)) = 0.125 AS expansion_0125
FROM (VALUES (100.5, 100.25), (10, 10.125)) v(s, e);

--
-- Empty input, all-NULL input, only new accounts, FILTER removing every row -> NULL
--
SELECT nrr(start_rev, end_rev) IS NULL AS empty_nrr, grr(start_rev, end_rev) IS NULL AS empty_grr,
       retention_agg(start_rev, end_rev)::text = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0' AS empty_summary,
       nrr(retention_agg(start_rev, end_rev)) IS NULL AS empty_summary_nrr,
       grr(retention_agg(start_rev, end_rev)) IS NULL AS empty_summary_grr,
       logo_retention(retention_agg(start_rev, end_rev)) IS NULL AS empty_logo
FROM revenue WHERE false;
SELECT nrr(s, e) IS NULL AS all_null_nrr, grr(s, e) IS NULL AS all_null_grr,
       accounts(retention_agg(s, e)) = 0 AS no_accounts
FROM (VALUES (NULL::numeric, NULL::numeric), (NULL, NULL)) v(s, e);
SELECT nrr(start_rev, end_rev) IS NULL AS only_new_nrr, grr(start_rev, end_rev) IS NULL AS only_new_grr,
       new_revenue(retention_agg(start_rev, end_rev)) = 35000 AS new_35k
FROM revenue WHERE coalesce(start_rev, 0) = 0;
SELECT nrr(start_rev, end_rev) FILTER (WHERE start_rev > 1e9) IS NULL AS filtered_nrr,
       grr(start_rev, end_rev) FILTER (WHERE start_rev > 1e9) IS NULL AS filtered_grr
FROM revenue;
-- every account churned: NRR = GRR = 0, logo retention 0
SELECT nrr(s, e) = 0 AS nrr_0, grr(s, e) = 0 AS grr_0, logo_retention(retention_agg(s, e)) = 0 AS logo_0
FROM (VALUES (10, NULL::numeric), (20, 0)) v(s, e);

--
-- The + operator and rollup: ex1 + ex2 = both examples
--
SELECT (SELECT retention_agg(start_rev, end_rev) FROM revenue WHERE example = 'ex1')
     + (SELECT retention_agg(start_rev, end_rev) FROM revenue WHERE example = 'ex2') AS ex1_plus_ex2;
SELECT ((SELECT retention_agg(start_rev, end_rev) FROM revenue WHERE example = 'ex1')
      + (SELECT retention_agg(start_rev, end_rev) FROM revenue WHERE example = 'ex2'))::text
     = (SELECT retention_agg(start_rev, end_rev) FROM revenue)::text AS plus_ok,
       (SELECT rollup(s) FROM (SELECT retention_agg(start_rev, end_rev) AS s FROM revenue GROUP BY account) q)::text
     = (SELECT retention_agg(start_rev, end_rev) FROM revenue)::text AS rollup_per_account_ok;
-- direct calls never change their argument
SELECT retention_trans(s, 10::numeric, 12::numeric) AS plus_account, s AS unchanged
FROM (SELECT 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0'::retention_summary AS s) q;

--
-- Bad input: 22003 for negative, NaN or infinite revenue, with the value
--
SELECT nrr(s, e) FROM (VALUES (-100::numeric, 50::numeric)) v(s, e);
\echo SQLSTATE :SQLSTATE
SELECT grr(s, e) FROM (VALUES (100::numeric, -0.01::numeric)) v(s, e);
\echo SQLSTATE :SQLSTATE
SELECT retention_agg(s, e) FROM (VALUES (NULL::numeric, -5::numeric)) v(s, e);
\echo SQLSTATE :SQLSTATE
SELECT nrr(s, e) FROM (VALUES ('NaN'::numeric, 50::numeric)) v(s, e);
\echo SQLSTATE :SQLSTATE
SELECT nrr(s, e) FROM (VALUES (100::numeric, 'Infinity'::numeric)) v(s, e);
\echo SQLSTATE :SQLSTATE
SELECT nrr(s, e) FROM (VALUES (-100::float8, 50::float8)) v(s, e);
\echo SQLSTATE :SQLSTATE
SELECT grr(s, e) FROM (VALUES (100::float8, 'NaN'::float8)) v(s, e);
\echo SQLSTATE :SQLSTATE
SELECT retention_agg(s, e) FROM (VALUES ('-Infinity'::float8, NULL::float8)) v(s, e);
\echo SQLSTATE :SQLSTATE
SELECT nrr(s, e) FROM (VALUES (1e38, 1::numeric), (1e38, 1)) v(s, e);
\echo SQLSTATE :SQLSTATE

DROP TABLE revenue;
