--
-- cost_summary, CAC, CPL and cost per account at a funnel stage.
-- CAC = sum(spend) over all rows / accounts acquired (spend on accounts never
-- acquired is still cost); CPL = sum(spend) / sum(leads).  NULLs are skipped
-- per column.  Expected values are worked out by hand in the comments and
-- written into the queries.  Errors are followed by their SQLSTATE.
--
\set VERBOSITY default

--
-- CAC (published): 60,000 + 90,000 + 12,000 + 8,000 = 170,000 of cost and
-- 120 new customers -> 1416.666...  Cost lines carry spend but no account;
-- 120 accounts were acquired, 80 were not.
--
CREATE TEMP TABLE acquisition (line text, spend numeric, acquired boolean);
INSERT INTO acquisition VALUES ('ads', 60000, NULL), ('events', 90000, NULL),
                               ('tools', 12000, NULL), ('content', 8000, NULL);
INSERT INTO acquisition SELECT 'account', NULL, i <= 120 FROM generate_series(1, 200) i;

SELECT cac(spend, acquired) = 170000::numeric / 120 AS cac_ok,
       round(cac(spend, acquired), 6) = 1416.666667 AS published,
       round(cac(spend, acquired), 10) AS cac_10_places
FROM acquisition;
SELECT cost_agg(spend, acquired) AS summary FROM acquisition;
SELECT s::text = 'v1 units=120 spend=170000' AS text_ok,
       spend(s) = 170000 AS spend_170k, units(s) = 120 AS units_120,
       cac(s) = 170000::numeric / 120 AS cac_ok, cost_per_unit(s) = cac(s) AS per_unit_ok
FROM (SELECT cost_agg(spend, acquired) AS s FROM acquisition) q;
-- as plain SQL
SELECT cac(spend, acquired) = sum(spend) / count(*) FILTER (WHERE acquired) AS matches_sql
FROM acquisition;
-- double precision spend: the same
SELECT cac(spend::float8, acquired) = 170000::numeric / 120 AS cac_float8_ok,
       cost_agg(spend::float8, acquired)::text = 'v1 units=120 spend=170000' AS text_ok
FROM acquisition;

-- the same cost spread over the 200 accounts, 850 each: spend on the 80
-- accounts never won still counts -> 170,000 / 120 again
SELECT cac(850.00, i <= 120) = 170000::numeric / 120 AS spread_ok,
       cost_agg(850.00, i <= 120)::text = 'v1 units=120 spend=170000.00' AS text_ok
FROM generate_series(1, 200) i;

--
-- CPL (published): 500 of spend for 50 leads -> 10.  Three rows:
-- (200, 20 leads), (250, 30 leads), (50, leads unknown): spend 500, leads 50.
--
CREATE TEMP TABLE lead_gen (channel text, spend numeric, leads bigint);
INSERT INTO lead_gen VALUES ('search', 200, 20), ('social', 250, 30), ('print', 50, NULL);
SELECT cpl(spend, leads) = 10 AS cpl_10, cpl(spend::float8, leads) = 10 AS cpl_float8_10,
       cost_agg(spend, leads)::text = 'v1 units=50 spend=500' AS text_ok,
       cpl(cost_agg(spend, leads)) = 10 AS accessor_10,
       cpl(spend, leads) = sum(spend) / sum(leads) AS matches_sql
FROM lead_gen;
-- a row with leads but no spend adds its leads: 500 / (50 + 50) = 5
SELECT cpl(spend, leads) = 5 AS cpl_5
FROM (SELECT spend, leads FROM lead_gen UNION ALL SELECT NULL, 50) q;
-- fractional spend: 10.50 + 0.25 for 3 leads = 3.58333...
SELECT cpl(spend, leads) = 10.75 / 3 AS fractional_ok,
       cost_agg(spend, leads)::text = 'v1 units=3 spend=10.75' AS text_ok
FROM (VALUES (10.50, 2::bigint), (0.25, 1)) v(spend, leads);

--
-- Cost per account reaching a funnel stage: 10 accounts, 100 spend each:
-- 4 target, 3 engaged, 1 opportunity, 2 won.  Reaching engaged: 6 -> 1000/6;
-- reaching opportunity: 3 -> 1000/3; won: 2 -> 500.
--
CREATE TEMP TABLE funnel_spend (account integer, stage abm_stage, spend numeric);
INSERT INTO funnel_spend
SELECT i, CASE WHEN i <= 4 THEN 'target' WHEN i <= 7 THEN 'engaged'
               WHEN i = 8 THEN 'opportunity' ELSE 'won' END::abm_stage, 100
FROM generate_series(1, 10) i;
SELECT cac(spend, stage >= 'engaged') = 1000::numeric / 6 AS per_engaged,
       cac(spend, stage >= 'opportunity') = 1000::numeric / 3 AS per_opportunity,
       cac(spend, stage >= 'won') = 500 AS per_won,
       cac(spend, stage >= 'retained') IS NULL AS nobody_retained
FROM funnel_spend;

--
-- GROUP BY with a NULL group, the + operator and rollup.  Each cost line is a
-- group with spend and no unit (CAC NULL); the accounts (NULL line) have 120
-- units and no spend: 0 / 120 = 0.
--
SELECT line IS NULL AS no_line, cost_agg(spend, acquired) AS summary, cac(spend, acquired)
FROM (SELECT NULLIF(line, 'account') AS line, spend, acquired FROM acquisition) q
GROUP BY line ORDER BY line;
SELECT ((SELECT cost_agg(spend, acquired) FROM acquisition WHERE line = 'account')
      + (SELECT cost_agg(spend, acquired) FROM acquisition WHERE line <> 'account'))::text
     = 'v1 units=120 spend=170000' AS plus_ok,
       (SELECT rollup(s) FROM (SELECT cost_agg(spend, acquired) AS s FROM acquisition GROUP BY line) q)::text
     = 'v1 units=120 spend=170000' AS rollup_ok,
       ('v1 units=1 spend=0.5'::cost_summary + 'v1 units=2 spend=1.25'::cost_summary)::text
     = 'v1 units=3 spend=1.75' AS mixed_scales_ok,
       ('v1 units=1 spend=0.5'::cost_summary + NULL) IS NULL AS plus_null;
-- direct calls never change their argument
SELECT cost_trans(s, 10::numeric, true) AS plus_one, cost_combine(s, s) AS doubled, s AS unchanged
FROM (SELECT 'v1 units=1 spend=5'::cost_summary AS s) q;

--
-- Empty input, all-NULL input, FILTER removing every row, nobody acquired -> NULL
--
SELECT cac(spend, acquired) IS NULL AS empty_cac, cpl(spend, 1::bigint) IS NULL AS empty_cpl,
       cost_agg(spend, acquired)::text = 'v1 units=0 spend=0' AS empty_summary,
       cac(cost_agg(spend, acquired)) IS NULL AS empty_summary_cac
FROM acquisition WHERE false;
SELECT cac(s, a) IS NULL AS all_null_cac, cost_agg(s, a)::text = 'v1 units=0 spend=0' AS all_null_summary
FROM (VALUES (NULL::numeric, NULL::boolean), (NULL, NULL)) v(s, a);
SELECT cpl(s, n) IS NULL AS all_null_cpl FROM (VALUES (NULL::numeric, NULL::bigint)) v(s, n);
SELECT cac(spend, acquired) FILTER (WHERE spend > 1e9) IS NULL AS filtered_cac,
       cpl(spend, 1::bigint) FILTER (WHERE spend > 1e9) IS NULL AS filtered_cpl
FROM acquisition;
-- spend but no account acquired, spend but zero leads
SELECT cac(spend, false) IS NULL AS none_acquired, spend(cost_agg(spend, false)) = 170000 AS spend_kept
FROM acquisition;
SELECT cpl(100, 0::bigint) IS NULL AS zero_leads;
-- zero spend is a valid cost: 0 per unit
SELECT cac(0, true) = 0 AS free_customer;

--
-- Bad input: 22003 for negative, NaN or infinite spend and negative units
--
SELECT cac(spend, acquired) FROM (VALUES (-1::numeric, true)) v(spend, acquired);
\echo SQLSTATE :SQLSTATE
SELECT cac(spend, acquired) FROM (VALUES (-0.5::float8, false)) v(spend, acquired);
\echo SQLSTATE :SQLSTATE
SELECT cpl(spend, leads) FROM (VALUES ('NaN'::numeric, 1::bigint)) v(spend, leads);
\echo SQLSTATE :SQLSTATE
SELECT cpl(spend, leads) FROM (VALUES ('Infinity'::float8, 1::bigint)) v(spend, leads);
\echo SQLSTATE :SQLSTATE
SELECT cost_agg(spend, acquired) FROM (VALUES ('-Infinity'::numeric, NULL::boolean)) v(spend, acquired);
\echo SQLSTATE :SQLSTATE
SELECT cpl(spend, leads) FROM (VALUES (100::numeric, -1::bigint)) v(spend, leads);
\echo SQLSTATE :SQLSTATE
SELECT cost_agg(spend, leads) FROM (VALUES (NULL::numeric, -5::bigint)) v(spend, leads);
\echo SQLSTATE :SQLSTATE
SELECT cpl(spend, leads) FROM (VALUES (1::numeric, 9223372036854775807), (1, 1)) v(spend, leads);
\echo SQLSTATE :SQLSTATE

DROP TABLE acquisition, lead_gen, funnel_spend;
