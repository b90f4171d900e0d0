--
-- The API corrections of abm 1.2 (README, "Changes in 1.2"): each finding of
-- the 1.2 review that changed behaviour, with the value worked out by hand.
-- Errors are followed by their SQLSTATE.
--
\set VERBOSITY default
SET extra_float_digits = 0;

------------------------------------------------------------------------------
-- acv() is exact for any interval, under PostgreSQL's convention of 30-day
-- months (a year is 360 days): ACV = value x 360 days / term.
--   1,000 over 100 days: 1000 x 360 / 100 = 3600 (1.1 gave 3600.000000000000036)
--   1,000 over 20 days:  1000 x 360 / 20  = 18000
--   1,000 over 36 hours: 1000 x 8640 h / 36 h = 240000
--   1,000 over 1 day 12 hours (= 36 hours): 240000 as well
--   1,200 over 7 days:   1200 x 360 / 7 = 61714.2857142857... (a repeating decimal)
------------------------------------------------------------------------------
SELECT acv(1000, '100 days')::text AS days_100,
       acv(1000, '20 days')::text AS days_20,
       acv(1000, '36 hours')::text AS hours_36,
       acv(1000, '1 day 12 hours')::text AS day_and_a_half;
SELECT acv(1000, '100 days') = 3600 AS exact_3600,
       acv(1000, '20 days') = 18000 AS exact_18000,
       acv(1000, '36 hours') = 240000 AS exact_240000,
       round(acv(1200, '7 days'), 10) = 61714.2857142857 AS sevenths;

------------------------------------------------------------------------------
-- Integer money is exact: bigint and integer amounts resolve to forms of
-- their own, never to double precision (which would give 1234567890123460000).
------------------------------------------------------------------------------
SELECT ratio_agg(true, 1234567890123456789::bigint)::text AS bigint_amount;
SELECT weighted_win_rate(ratio_agg(won, amount)) AS weighted
FROM (VALUES (true, 1234567890123456789::bigint), (false, 1234567890123456789::bigint)) v(won, amount);
SELECT retention_agg(9223372036854775807::bigint, 9223372036854775806::bigint)::text AS bigint_retention;
SELECT cost_agg(9223372036854775807::bigint, 3::bigint)::text AS bigint_cost,
       cpl(9223372036854775807::bigint, 1::bigint) AS cpl_max_bigint,
       cac(spend, won) AS cac_bigint
FROM (VALUES (9223372036854775807::bigint, true)) v(spend, won);
-- integer: 2,147,483,647 x 3 rows = 6,442,450,941 exactly
SELECT cost_agg(spend, 1::bigint)::text AS integer_spend, cpl(spend, 1::bigint) AS cpl_integer
FROM (VALUES (2147483647), (2147483647), (2147483647)) v(spend);
SELECT nrr(s, e) AS nrr_integer, grr(s, e) AS grr_integer  -- (100 + 150 + 0) / (100 + 100 + 100); (100 + 100 + 0) / 300
FROM (VALUES (100, 100), (100, 150), (100, NULL)) v(s, e);
-- Which form the planner picks: the bigint one, with no cast to double precision.
CREATE TEMP VIEW abm_resolved AS SELECT ratio_agg(true, 1::bigint) AS a, win_rate(true, 1::bigint) AS b,
                                        cost_agg(1::integer, 1::bigint) AS c, nrr(1::integer, 1::integer) AS d;
SELECT pg_get_viewdef('abm_resolved'::regclass) !~ 'double precision' AS no_float_cast;
SELECT refobjid::regprocedure AS resolves_to
FROM pg_depend
WHERE classid = 'pg_rewrite'::regclass
  AND objid = (SELECT oid FROM pg_rewrite WHERE ev_class = 'abm_resolved'::regclass)
  AND refclassid = 'pg_proc'::regclass
ORDER BY refobjid::regprocedure::text;

-- The integer forms keep the moving-window mode: a 2-row frame.
SELECT i, cpl(spend, 1::bigint) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS cpl_2_rows
FROM (VALUES (1, 10), (2, 20), (3, 40)) v(i, spend)
ORDER BY i;
-- Negative integer spend is refused like negative numeric spend.
SELECT cost_agg(-1::integer, 1::bigint);
\echo SQLSTATE :SQLSTATE

------------------------------------------------------------------------------
-- weighted_win_rate(won, amount): won amount / (won + lost amount), the
-- aggregate form of weighted_win_rate(ratio_summary). On one won deal of
-- 900 and two lost of 100: weighted 900 / 1100 = 0.818181818181818, while
-- win_rate by count is 1 / 3. The open deal (NULL) is skipped either way.
------------------------------------------------------------------------------
CREATE TEMP TABLE deals (won boolean, amount numeric);
INSERT INTO deals VALUES (true, 900), (false, 100), (false, 100), (NULL, 5000);
SELECT weighted_win_rate(won, amount) AS weighted_numeric,
       weighted_win_rate(won, amount::float8) AS weighted_float8,
       weighted_win_rate(won, amount::bigint) AS weighted_bigint,
       weighted_win_rate(won, amount::integer) AS weighted_integer,
       weighted_win_rate(ratio_agg(won, amount)) AS weighted_summary,
       win_rate(ratio_agg(won, amount)) AS by_count
FROM deals;
-- The deprecated win_rate(won, amount) still gives what it gave in 1.1.
SELECT win_rate(won, amount) AS deprecated_weighted FROM deals;

------------------------------------------------------------------------------
-- Deprecated, unchanged until 2.0, and saying so in their comments.
------------------------------------------------------------------------------
SELECT f AS deprecated, obj_description(f::regprocedure, 'pg_proc') ~ '^deprecated' AS says_so,
       obj_description(f::regprocedure, 'pg_proc') ~ 'use ' AS names_replacement
FROM unnest(ARRAY['win_rate(boolean,numeric)', 'win_rate(boolean,double precision)',
                  'win_rate(boolean,bigint)', 'win_rate(boolean,integer)', 'cac(numeric,bigint)']) f
ORDER BY f;
SELECT cac(1000::numeric, 4::bigint) AS scalar_cac_still_works;
