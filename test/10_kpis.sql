-- pgTAP: the worked examples of kpi-definitions.md, with their published
-- values, each through the direct aggregate and through summary + accessor.
-- Every expected value is the published one or worked out by hand (shown in
-- the comments); floats are compared within 1e-12 relative, exact values
-- exactly.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS abm;

BEGIN;
SELECT plan(157);

-- ok() when got is within 1e-12 relative of want (exact when want is 0),
-- with both values in the diagnostics otherwise.
CREATE FUNCTION pg_temp.is_close(got float8, want float8, descr text) RETURNS text
LANGUAGE sql AS $$
    SELECT CASE
           WHEN got IS NOT NULL AND abs(got - want) <= 1e-12 * abs(want) THEN ok(true, descr)
           ELSE ok(false, descr) || E'\n' || diag(format('    have: %s', coalesce(got::text, 'NULL')))
                                 || E'\n' || diag(format('    want: %s', want)) END
$$;

------------------------------------------------------------------------------
-- Win rate (21): 3 won, 9 lost -> 0.25; 300,000 won and 100,000 lost -> 0.75.
-- Won: 3 x 100,000. Lost: 8 x 10,000 + 20,000 = 100,000. Two open deals
-- (NULL outcome) of 50,000 each are skipped.
------------------------------------------------------------------------------
CREATE TEMP TABLE tap_opps (won boolean, amount numeric) ON COMMIT DROP;
INSERT INTO tap_opps
    SELECT true, 100000.00 FROM generate_series(1, 3)
    UNION ALL SELECT false, 10000.00 FROM generate_series(1, 8)
    UNION ALL SELECT false, 20000.00
    UNION ALL SELECT NULL, 50000.00 FROM generate_series(1, 2);
CREATE TEMP TABLE tap_opps_s ON COMMIT DROP AS
    SELECT ratio_agg(won, amount) AS s, ratio_agg(won) AS b FROM tap_opps;

SELECT is((SELECT win_rate(won) FROM tap_opps), 0.25::float8, 'win_rate(won): 3 / 12 = 0.25');
SELECT is((SELECT win_rate(won, amount) FROM tap_opps), 0.75::float8, 'win_rate(won, amount): 300,000 / 400,000 = 0.75');
SELECT is((SELECT win_rate(won, amount::float8) FROM tap_opps), 0.75::float8, 'win_rate(won, float8 amount) = 0.75');
SELECT is(successes(s), 3::bigint, 'ratio_agg(won, amount): successes 3') FROM tap_opps_s;
SELECT is(trials(s), 12::bigint, 'ratio_agg(won, amount): trials 12 (open deals skipped)') FROM tap_opps_s;
SELECT is(failures(s), 9::bigint, 'ratio_agg(won, amount): failures 9') FROM tap_opps_s;
SELECT is(success_amount(s), 300000::numeric, 'success_amount 300,000') FROM tap_opps_s;
SELECT is(trial_amount(s), 400000::numeric, 'trial_amount 400,000') FROM tap_opps_s;
SELECT is(win_rate(s), 0.25::float8, 'win_rate(summary) = 0.25') FROM tap_opps_s;
SELECT is(rate(s), 0.25::float8, 'rate(summary) = 0.25') FROM tap_opps_s;
SELECT is(weighted_win_rate(s), 0.75::float8, 'weighted_win_rate(summary) = 0.75') FROM tap_opps_s;
SELECT is(win_rate(b), 0.25::float8, 'ratio_agg(won) -> win_rate 0.25') FROM tap_opps_s;
SELECT is(trial_amount(b), 0::numeric, 'ratio_agg(won) carries no amounts') FROM tap_opps_s;
SELECT is(weighted_win_rate(b), NULL, 'no amount decided: weighted win rate NULL') FROM tap_opps_s;
SELECT is((SELECT win_rate(won) FROM tap_opps WHERE false), NULL, 'no deals: win rate NULL');
SELECT is((SELECT win_rate(won) FROM tap_opps WHERE won IS NULL), NULL, 'only open deals: win rate NULL');
SELECT is((SELECT win_rate(won, amount) FROM tap_opps WHERE false), NULL, 'no deals: weighted win rate NULL');
SELECT is((SELECT win_rate(s) FROM (SELECT ratio_agg(won) s FROM tap_opps WHERE false) e), NULL,
    'empty summary: win_rate NULL');
-- A row with either argument NULL is skipped: (true, NULL) does not count;
-- (false, 10) gives 0 of 10.
SELECT is((SELECT win_rate(w, a) FROM (VALUES (true, NULL::numeric), (false, 10)) v(w, a)), 0::float8,
    'weighted: a row with a NULL amount is skipped entirely');
SELECT is((SELECT trials(ratio_agg(w, a)) FROM (VALUES (true, NULL::numeric), (false, 10)) v(w, a)), 1::bigint,
    'ratio_agg(won, amount): a row with a NULL amount is not a trial');
SELECT is((SELECT win_rate(w, a) FROM (VALUES (true, 0::numeric), (false, 0)) v(w, a)), NULL,
    'weighted: zero amount decided gives NULL, not an error');

------------------------------------------------------------------------------
-- Conversion rate (5): 10 conversions in 100 interactions = 0.10.
------------------------------------------------------------------------------
CREATE TEMP TABLE tap_conv ON COMMIT DROP AS
    SELECT g <= 10 AS converted FROM generate_series(1, 100) g
    UNION ALL SELECT NULL;
SELECT pg_temp.is_close((SELECT conversion_rate(converted) FROM tap_conv), 0.1, 'conversion_rate: 10 / 100 = 0.10');
SELECT pg_temp.is_close((SELECT conversion_rate(ratio_agg(converted)) FROM tap_conv), 0.1, 'conversion_rate(summary) = 0.10');
SELECT is((SELECT trials(ratio_agg(converted)) FROM tap_conv), 100::bigint, 'NULL rows are not interactions');
SELECT is((SELECT conversion_rate(converted) FROM tap_conv WHERE converted IS NULL), NULL, 'only NULL rows: NULL');
SELECT is((SELECT conversion_rate(converted) FROM tap_conv WHERE NOT converted), 0::float8, 'no conversions: 0, not NULL');

------------------------------------------------------------------------------
-- NPS (27): 6 promoters, 4 passives, 7 detractors -> -5.882352941176471
-- = 100 * (6 - 7) / 17. Scores 9,10,9,10,9,10 | 7,8,7,8 | 0..6; one NULL.
-- Mean = (27 + 30 + 14 + 16 + 21) / 17 = 108 / 17.
------------------------------------------------------------------------------
CREATE TEMP TABLE tap_nps (score int) ON COMMIT DROP;
INSERT INTO tap_nps VALUES (9), (10), (9), (10), (9), (10), (7), (8), (7), (8),
    (0), (1), (2), (3), (4), (5), (6), (NULL);
CREATE TEMP TABLE tap_nps_s ON COMMIT DROP AS SELECT score_agg(score) AS s FROM tap_nps;

SELECT pg_temp.is_close((SELECT nps_score(score) FROM tap_nps), -5.882352941176471, 'nps_score(score): 6/4/7 -> -5.882352941176471');
SELECT pg_temp.is_close(nps_score(s), -5.882352941176471, 'nps_score(summary): -5.882352941176471') FROM tap_nps_s;
SELECT is(responses(s), 17::bigint, 'responses 17 (NULL skipped)') FROM tap_nps_s;
SELECT is(promoters(s), 6::bigint, 'promoters 6') FROM tap_nps_s;
SELECT is(passives(s), 4::bigint, 'passives 4') FROM tap_nps_s;
SELECT is(detractors(s), 7::bigint, 'detractors 7') FROM tap_nps_s;
SELECT is(score_count(s, 9), 3::bigint, 'score_count(9) = 3') FROM tap_nps_s;
SELECT is(score_count(s, 6), 1::bigint, 'score_count(6) = 1') FROM tap_nps_s;
SELECT pg_temp.is_close(mean_score(s), 108 / 17::float8, 'mean_score = 108 / 17') FROM tap_nps_s;
-- All promoters -> 100; all passives -> 0; all detractors -> -100.
SELECT is((SELECT nps_score(x) FROM unnest(ARRAY[9, 10, 10]) x), 100::float8, 'all promoters: 100');
SELECT is((SELECT nps_score(score_agg(x)) FROM unnest(ARRAY[9, 10, 10]) x), 100::float8, 'all promoters (summary): 100');
SELECT is((SELECT nps_score(x) FROM unnest(ARRAY[7, 8]) x), 0::float8, 'all passives: 0');
SELECT is((SELECT nps_score(score_agg(x)) FROM unnest(ARRAY[7, 8]) x), 0::float8, 'all passives (summary): 0');
SELECT is((SELECT nps_score(x) FROM unnest(ARRAY[0, 6, 3]) x), -100::float8, 'all detractors: -100');
SELECT is((SELECT nps_score(score_agg(x)) FROM unnest(ARRAY[0, 6, 3]) x), -100::float8, 'all detractors (summary): -100');
-- No responses -> NULL.
SELECT is((SELECT nps_score(score) FROM tap_nps WHERE false), NULL, 'no responses: NULL');
SELECT is((SELECT nps_score(score) FROM tap_nps WHERE score IS NULL), NULL, 'only NULL scores: NULL');
SELECT is((SELECT nps_score(score_agg(score)) FROM tap_nps WHERE false), NULL, 'no responses (summary): NULL');
SELECT is((SELECT responses(score_agg(score)) FROM tap_nps WHERE false), 0::bigint, 'no responses: empty summary');
SELECT is((SELECT mean_score(score_agg(score)) FROM tap_nps WHERE false), NULL, 'no responses: mean NULL');
-- 30% promoters, 20% detractors -> 10: 3 promoters, 5 passives, 2 detractors.
SELECT pg_temp.is_close((SELECT nps_score(x) FROM unnest(ARRAY[9, 10, 9, 7, 7, 8, 8, 7, 0, 6]) x), 10,
    '30% promoters, 20% detractors: 10');
SELECT pg_temp.is_close((SELECT nps_score(score_agg(x)) FROM unnest(ARRAY[9, 10, 9, 7, 7, 8, 8, 7, 0, 6]) x), 10,
    '30% promoters, 20% detractors (summary): 10');
-- Boundaries: 6 is a detractor, 7 a passive, 8 a passive, 9 a promoter.
SELECT is((SELECT nps_score(x) FROM unnest(ARRAY[6, 9]) x), 0::float8, 'one detractor (6), one promoter (9): 0');
SELECT is((SELECT nps_score(x) FROM unnest(ARRAY[8, 9]) x), 50::float8, '8 is passive: (1 - 0) / 2 -> 50');
SELECT is((SELECT nps_score(x) FROM unnest(ARRAY[6, 7]) x), -50::float8, '7 is passive: (0 - 1) / 2 -> -50');
SELECT is((SELECT nps_score(x) FROM unnest(ARRAY[0, 10]) x), 0::float8, 'scale ends 0 and 10 accepted');
-- A 1-10 summary is on a 0..10-compatible scale (only N < 10 is refused):
-- 10, 9 promoters, 1 detractor -> 100 * (2 - 1) / 3.
SELECT pg_temp.is_close((SELECT nps_score(score_agg(x, 10)) FROM unnest(ARRAY[10, 9, 1]) x), 100 / 3::float8,
    'NPS of a 1-10 summary: 33.333...');

------------------------------------------------------------------------------
-- CSAT (16): 10 fives, 20 fours, 10 threes, 5 twos, 5 ones -> 30 / 50 = 0.6.
-- Mean (50 + 80 + 30 + 10 + 5) / 50 = 3.5.
------------------------------------------------------------------------------
CREATE TEMP TABLE tap_csat (score int) ON COMMIT DROP;
INSERT INTO tap_csat
    SELECT 5 FROM generate_series(1, 10) UNION ALL SELECT 4 FROM generate_series(1, 20)
    UNION ALL SELECT 3 FROM generate_series(1, 10) UNION ALL SELECT 2 FROM generate_series(1, 5)
    UNION ALL SELECT 1 FROM generate_series(1, 5) UNION ALL SELECT NULL;

SELECT pg_temp.is_close((SELECT csat(score) FROM tap_csat), 0.6, 'csat(score) on 1-5: 0.6');
SELECT pg_temp.is_close((SELECT csat(score, 5) FROM tap_csat), 0.6, 'csat(score, 5): 0.6');
SELECT pg_temp.is_close((SELECT csat(score_agg(score, 5)) FROM tap_csat), 0.6, 'csat(score_agg(score, 5)): 0.6');
SELECT pg_temp.is_close((SELECT csat(score_agg(score, 5), 5) FROM tap_csat), 0.6, 'csat(score_agg(score, 5), 5): 0.6');
SELECT pg_temp.is_close((SELECT csat(score_agg(score)) FROM tap_csat), 0.6,
    'csat of a 0-10 summary whose responses all lie in 1..5: default 1-5 scale, 0.6');
SELECT is((SELECT responses(score_agg(score, 5)) FROM tap_csat), 50::bigint, 'CSAT responses 50');
SELECT is((SELECT mean_score(score_agg(score, 5)) FROM tap_csat), 3.5::float8, 'CSAT mean 3.5');
-- Other scales: the top two points of 1..N. 1-7: {7, 6} of (7, 6, 5, 1);
-- 1-3: {3, 2} of (3, 2, 1, 1); 1-10: {10, 9} of (10, 9, 8, 1). Each 0.5.
SELECT is((SELECT csat(x, 7) FROM unnest(ARRAY[7, 6, 5, 1]) x), 0.5::float8, '1-7 scale: 6 and 7 satisfied -> 0.5');
SELECT is((SELECT csat(score_agg(x, 7)) FROM unnest(ARRAY[7, 6, 5, 1]) x), 0.5::float8, '1-7 summary: its own scale -> 0.5');
SELECT is((SELECT csat(score_agg(x, 7), 7) FROM unnest(ARRAY[7, 6, 5, 1]) x), 0.5::float8, 'csat(1-7 summary, 7) -> 0.5');
SELECT is((SELECT csat(x, 3) FROM unnest(ARRAY[3, 2, 1, 1]) x), 0.5::float8, '1-3 scale: 2 and 3 satisfied -> 0.5');
SELECT is((SELECT csat(x, 10) FROM unnest(ARRAY[10, 9, 8, 1]) x), 0.5::float8, '1-10 scale: 9 and 10 satisfied -> 0.5');
SELECT is((SELECT csat(score) FROM tap_csat WHERE false), NULL, 'no responses: CSAT NULL');
SELECT is((SELECT csat(score, 7) FROM tap_csat WHERE false), NULL, 'no responses, 1-7: CSAT NULL');
SELECT is((SELECT csat(score_agg(score, 5)) FROM tap_csat WHERE false), NULL, 'empty summary: CSAT NULL');
SELECT is((SELECT csat(x) FROM unnest(ARRAY[1, 2, 3]) x), 0::float8, 'nobody satisfied: 0');

------------------------------------------------------------------------------
-- NRR / GRR, example 1 (19): start 200,000, churn 6,000, contraction 4,000,
-- expansion 20,000 -> NRR 1.05, GRR 0.95. Accounts:
--   A 100,000 -> 120,000 (expansion 20,000)
--   B  50,000 ->  46,000 (contraction 4,000)
--   C   6,000 ->    NULL (churned: a NULL end is a churn)
--   D  44,000 ->  44,000
--   E    NULL ->  30,000 (new account: excluded, new revenue 30,000)
--   F       0 ->       0 (ignored)
-- start 200,000; end 210,000; retained 190,000; logo retention 3 / 4.
------------------------------------------------------------------------------
CREATE TEMP TABLE tap_ret1 (account text, start_rev numeric, end_rev numeric) ON COMMIT DROP;
INSERT INTO tap_ret1 VALUES ('A', 100000, 120000), ('B', 50000, 46000), ('C', 6000, NULL),
    ('D', 44000, 44000), ('E', NULL, 30000), ('F', 0, 0);
CREATE TEMP TABLE tap_ret1_s ON COMMIT DROP AS SELECT retention_agg(start_rev, end_rev) AS s FROM tap_ret1;

SELECT pg_temp.is_close((SELECT nrr(start_rev, end_rev) FROM tap_ret1), 1.05, 'nrr(start, end) = 1.05');
SELECT pg_temp.is_close((SELECT grr(start_rev, end_rev) FROM tap_ret1), 0.95, 'grr(start, end) = 0.95');
SELECT pg_temp.is_close((SELECT nrr(start_rev::float8, end_rev::float8) FROM tap_ret1), 1.05, 'nrr(float8, float8) = 1.05');
SELECT pg_temp.is_close((SELECT grr(start_rev::float8, end_rev::float8) FROM tap_ret1), 0.95, 'grr(float8, float8) = 0.95');
SELECT pg_temp.is_close(nrr(s), 1.05, 'nrr(summary) = 1.05') FROM tap_ret1_s;
SELECT pg_temp.is_close(grr(s), 0.95, 'grr(summary) = 0.95') FROM tap_ret1_s;
SELECT is(logo_retention(s), 0.75::float8, 'logo retention 3 / 4') FROM tap_ret1_s;
SELECT is(accounts(s), 4::bigint, 'existing accounts 4') FROM tap_ret1_s;
SELECT is(churned_accounts(s), 1::bigint, 'churned accounts 1') FROM tap_ret1_s;
SELECT is(new_accounts(s), 1::bigint, 'new accounts 1') FROM tap_ret1_s;
SELECT is(start_revenue(s), 200000::numeric, 'start revenue 200,000') FROM tap_ret1_s;
SELECT is(end_revenue(s), 210000::numeric, 'end revenue 210,000 (new account excluded)') FROM tap_ret1_s;
SELECT is(retained_revenue(s), 190000::numeric, 'retained revenue 190,000') FROM tap_ret1_s;
SELECT is(expansion(s), 20000::numeric, 'expansion 20,000') FROM tap_ret1_s;
SELECT is(contraction(s), 4000::numeric, 'contraction 4,000') FROM tap_ret1_s;
SELECT is(churned_revenue(s), 6000::numeric, 'churned revenue 6,000') FROM tap_ret1_s;
SELECT is(new_revenue(s), 30000::numeric, 'new revenue 30,000') FROM tap_ret1_s;
SELECT is((SELECT nrr(start_rev, end_rev) FROM tap_ret1 WHERE account IN ('E', 'F')), NULL,
    'only new and empty accounts: NRR NULL');
SELECT is((SELECT grr(start_rev, end_rev) FROM tap_ret1 WHERE false), NULL, 'no accounts: GRR NULL');

------------------------------------------------------------------------------
-- NRR / GRR, example 2 (9): start 50,000, expansion 6,000, contraction 2,000,
-- churn 3,000 -> NRR 1.02, GRR 0.90. Accounts:
--   G 20,000 -> 26,000 (expansion 6,000); H 10,000 -> 8,000 (contraction
--   2,000); I 3,000 -> 0 (churned: an end of 0); J 17,000 -> 17,000;
--   K NULL -> NULL (ignored). end 51,000; retained 45,000.
------------------------------------------------------------------------------
CREATE TEMP TABLE tap_ret2 (start_rev numeric, end_rev numeric) ON COMMIT DROP;
INSERT INTO tap_ret2 VALUES (20000, 26000), (10000, 8000), (3000, 0), (17000, 17000), (NULL, NULL);
CREATE TEMP TABLE tap_ret2_s ON COMMIT DROP AS SELECT retention_agg(start_rev, end_rev) AS s FROM tap_ret2;

SELECT pg_temp.is_close((SELECT nrr(start_rev, end_rev) FROM tap_ret2), 1.02, 'example 2: nrr = 1.02');
SELECT pg_temp.is_close((SELECT grr(start_rev, end_rev) FROM tap_ret2), 0.90, 'example 2: grr = 0.90');
SELECT pg_temp.is_close(nrr(s), 1.02, 'example 2: nrr(summary) = 1.02') FROM tap_ret2_s;
SELECT pg_temp.is_close(grr(s), 0.90, 'example 2: grr(summary) = 0.90') FROM tap_ret2_s;
SELECT is(end_revenue(s), 51000::numeric, 'example 2: end revenue 51,000') FROM tap_ret2_s;
SELECT is(retained_revenue(s), 45000::numeric, 'example 2: retained revenue 45,000') FROM tap_ret2_s;
SELECT is(churned_accounts(s) || '/' || accounts(s) || '/' || new_accounts(s), '1/4/0',
    'example 2: 1 churned of 4 accounts, no new (NULL/NULL ignored)') FROM tap_ret2_s;
SELECT is(expansion(s) || '/' || contraction(s) || '/' || churned_revenue(s), '6000/2000/3000',
    'example 2: expansion/contraction/churn 6,000/2,000/3,000') FROM tap_ret2_s;
SELECT pg_temp.is_close(nrr(s1 + s2), 261000 / 250000::float8, 'both examples together: (210,000 + 51,000) / 250,000')
  FROM tap_ret1_s t1(s1), tap_ret2_s t2(s2);

------------------------------------------------------------------------------
-- CAC (15): 60,000 + 90,000 + 12,000 + 8,000 of cost, 120 new customers
-- -> 170,000 / 120 = 1416.666..., as PostgreSQL's numeric division gives it:
-- 1416.6666666666666667 (16 decimals).
------------------------------------------------------------------------------
CREATE TEMP TABLE tap_cost (spend numeric, acquired boolean) ON COMMIT DROP;
INSERT INTO tap_cost VALUES (60000, false), (90000, NULL), (12000, false), (8000, false);
INSERT INTO tap_cost SELECT NULL, true FROM generate_series(1, 120);
CREATE TEMP TABLE tap_cost_s ON COMMIT DROP AS SELECT cost_agg(spend, acquired) AS s FROM tap_cost;

SELECT is((SELECT cac(spend, acquired) FROM tap_cost), 1416.6666666666666667, 'cac(spend, acquired) = 1416.6666666666666667');
SELECT is((SELECT cac(spend::float8, acquired) FROM tap_cost), 1416.6666666666666667, 'cac(float8 spend, acquired): same');
SELECT is(cac(s), 1416.6666666666666667, 'cac(summary)') FROM tap_cost_s;
SELECT is(cost_per_unit(s), 1416.6666666666666667, 'cost_per_unit(summary)') FROM tap_cost_s;
SELECT is(spend(s), 170000::numeric, 'spend 170,000 (spend on accounts never acquired counts)') FROM tap_cost_s;
SELECT is(units(s), 120::bigint, 'units 120 accounts acquired') FROM tap_cost_s;
SELECT is(cac(170000, 120), 1416.6666666666666667, 'cac(170000, 120) scalar = 1416.6666666666666667');
SELECT is(cac(170000, 120)::text, '1416.6666666666666667', 'scalar cac: numeric division, printed as is');
SELECT is(cac(170000, 0), NULL, 'scalar cac with no new customers: NULL');
SELECT is((SELECT cac(spend, acquired) FROM tap_cost WHERE acquired IS NOT TRUE), NULL, 'no account acquired: CAC NULL');
SELECT is((SELECT cac(spend, acquired) FROM tap_cost WHERE false), NULL, 'no rows: CAC NULL');
-- The same through cost_agg(spend, units): 100 + 20 + NULL + 0 = 120 units.
SELECT is((SELECT cac(cost_agg(sp, u)) FROM (VALUES (60000, 100::bigint), (90000, 20), (12000, NULL), (8000, 0)) v(sp, u)),
    1416.6666666666666667, 'cost_agg(spend, units): 170,000 / 120');
SELECT is((SELECT units(cost_agg(sp, u)) FROM (VALUES (60000, 100::bigint), (90000, 20), (12000, NULL), (8000, 0)) v(sp, u)),
    120::bigint, 'cost_agg(spend, units): NULL units skipped');
SELECT is((SELECT cac(sp::numeric, a) FROM (VALUES (0, true), (0, true)) v(sp, a)), 0::numeric, 'no spend, 2 acquired: CAC 0');
SELECT is((SELECT spend(cost_agg(sp, a)) FROM (VALUES (NULL::numeric, NULL::boolean)) v(sp, a)), 0::numeric,
    'all-NULL row adds nothing');

------------------------------------------------------------------------------
-- CPL (6): 500 / 50 leads -> 10. Rows (200, 20), (300, 30), (NULL, NULL).
------------------------------------------------------------------------------
CREATE TEMP TABLE tap_leads (spend numeric, leads bigint) ON COMMIT DROP;
INSERT INTO tap_leads VALUES (200, 20), (300, 30), (NULL, NULL);
SELECT is((SELECT cpl(spend, leads) FROM tap_leads), 10::numeric, 'cpl(spend, leads) = 10');
SELECT is((SELECT cpl(spend, leads)::text FROM tap_leads), '10', 'cpl printed with trailing zeros trimmed: 10');
SELECT is((SELECT cpl(spend::float8, leads) FROM tap_leads), 10::numeric, 'cpl(float8 spend, leads) = 10');
SELECT is((SELECT cpl(cost_agg(spend, leads)) FROM tap_leads), 10::numeric, 'cpl(cost_agg(spend, leads)) = 10');
SELECT is((SELECT units(cost_agg(spend, leads)) || ' ' || spend(cost_agg(spend, leads)) FROM tap_leads), '50 500',
    'CPL summary: 50 leads, 500 spend');
SELECT is((SELECT cpl(spend, leads) FROM tap_leads WHERE leads IS NULL), NULL, 'no leads: CPL NULL');

------------------------------------------------------------------------------
-- VTR (5): 1,500 / 10,000 -> 0.15. Rows (500, 4,000), (1,000, 6,000); a row
-- with a NULL on either side is skipped.
------------------------------------------------------------------------------
CREATE TEMP TABLE tap_video (views bigint, impressions bigint) ON COMMIT DROP;
INSERT INTO tap_video VALUES (500, 4000), (1000, 6000), (NULL, 100), (7, NULL);
SELECT pg_temp.is_close((SELECT vtr(views, impressions) FROM tap_video), 0.15, 'vtr = 1,500 / 10,000 = 0.15');
SELECT pg_temp.is_close((SELECT rate(ratio_agg(views, impressions)) FROM tap_video), 0.15, 'rate(ratio_agg(views, impressions)) = 0.15');
SELECT is((SELECT successes(ratio_agg(views, impressions)) || '/' || trials(ratio_agg(views, impressions)) FROM tap_video),
    '1500/10000', 'rows with a NULL on either side are skipped');
SELECT is((SELECT vtr(views, impressions) FROM tap_video WHERE views IS NULL OR impressions IS NULL), NULL,
    'only half-NULL rows: NULL');
SELECT is((SELECT vtr(v, i) FROM (VALUES (0::bigint, 0::bigint)) x(v, i)), NULL, 'zero impressions: NULL');

------------------------------------------------------------------------------
-- CTR and rate (3): clicks 30 of 1,000 and 20 of 1,500 -> 50 / 2,500 = 0.02.
------------------------------------------------------------------------------
SELECT pg_temp.is_close((SELECT ctr(c, i) FROM (VALUES (30::bigint, 1000::bigint), (20, 1500)) v(c, i)), 0.02,
    'ctr = 50 / 2,500 = 0.02 (ratio of sums, not mean of 0.03 and 0.0133)');
SELECT pg_temp.is_close((SELECT rate(c, i) FROM (VALUES (30::bigint, 1000::bigint), (20, 1500)) v(c, i)), 0.02,
    'rate(numerator, denominator) = 0.02');
SELECT pg_temp.is_close((SELECT rate(ratio_agg(c, i)) FROM (VALUES (30::bigint, 1000::bigint), (20, 1500)) v(c, i)), 0.02,
    'rate(ratio_agg(clicks, impressions)) = 0.02');

------------------------------------------------------------------------------
-- Email (12): 10,000 sent, 150 bounced (9,850 delivered), 2,150 opens, 430
-- clicks, 26 unsubscribes, in two campaigns:
--   (4,850 delivered, 1,000 opens, 200 clicks, 10 unsubscribes)
--   (5,000 delivered, 1,150 opens, 230 clicks, 16 unsubscribes)
-- open 2,150 / 9,850 = 0.2182741116751269; click 430 / 9,850 =
-- 0.04365482233502538; click-to-open 430 / 2,150 = 0.2; unsubscribe
-- 26 / 9,850 = 0.0026395939086294416.
------------------------------------------------------------------------------
CREATE TEMP TABLE tap_email (delivered bigint, opens bigint, clicks bigint, unsubscribes bigint) ON COMMIT DROP;
INSERT INTO tap_email VALUES (4850, 1000, 200, 10), (5000, 1150, 230, 16);
SELECT pg_temp.is_close((SELECT open_rate(opens, delivered) FROM tap_email), 0.2182741116751269, 'open rate 0.218274...');
SELECT pg_temp.is_close((SELECT click_rate(clicks, delivered) FROM tap_email), 0.04365482233502538, 'click rate 0.043655...');
SELECT pg_temp.is_close((SELECT click_to_open_rate(clicks, opens) FROM tap_email), 0.2, 'click-to-open rate 0.2');
SELECT pg_temp.is_close((SELECT unsubscribe_rate(unsubscribes, delivered) FROM tap_email), 0.0026395939086294416, 'unsubscribe rate 0.0026396...');
SELECT pg_temp.is_close((SELECT rate(ratio_agg(opens, delivered)) FROM tap_email), 0.2182741116751269, 'open rate via summary');
SELECT pg_temp.is_close((SELECT rate(ratio_agg(clicks, delivered)) FROM tap_email), 0.04365482233502538, 'click rate via summary');
SELECT pg_temp.is_close((SELECT rate(ratio_agg(clicks, opens)) FROM tap_email), 0.2, 'click-to-open rate via summary');
SELECT pg_temp.is_close((SELECT rate(ratio_agg(unsubscribes, delivered)) FROM tap_email), 0.0026395939086294416, 'unsubscribe rate via summary');
SELECT is((SELECT round(open_rate(opens, delivered)::numeric, 6) FROM tap_email), 0.218274, 'open rate, published 6 digits');
SELECT is((SELECT round(click_rate(clicks, delivered)::numeric, 6) FROM tap_email), 0.043655, 'click rate, published 6 digits');
SELECT is((SELECT round(unsubscribe_rate(unsubscribes, delivered)::numeric, 7) FROM tap_email), 0.0026396, 'unsubscribe rate, published 7 digits');
SELECT is((SELECT open_rate(opens, delivered) FROM tap_email WHERE false), NULL, 'no email: NULL');

------------------------------------------------------------------------------
-- ACV (10): 24 months, 120,000 -> 60,000; 380,000 including 20,000 one-time
-- fees over 3 years -> 120,000. Days count as 1/30 month: 720 days = 24
-- months. Trailing zeros trimmed.
------------------------------------------------------------------------------
SELECT is(acv(120000, '24 months'), 60000::numeric, 'acv(120,000, 24 months) = 60,000');
SELECT is(acv(120000, '24 months')::text, '60000', 'acv 60,000 printed without trailing zeros');
SELECT is(acv(380000, '3 years', 20000), 120000::numeric, 'acv(380,000, 3 years, 20,000 fees) = 120,000');
SELECT is(acv(380000, '3 years', 20000)::text, '120000', 'acv 120,000 printed without trailing zeros');
SELECT is(acv(120000, '2 years'), 60000::numeric, '2 years = 24 months');
SELECT is(acv(120000, '720 days'), 60000::numeric, '720 days = 24 months of 30 days');
SELECT is(acv(90000, '1 year 6 months'), 60000::numeric, '18 months: 90,000 / 1.5 = 60,000');
SELECT is(acv(100000, '6 months'), 200000::numeric, 'a half-year contract: 200,000 a year');
SELECT is(acv(20000, '1 year', 20000), 0::numeric, 'fees equal to the contract value: 0');
SELECT is(acv(12000, '720 hours'), 144000::numeric, 'time counts as a fraction of a 30-day month: 720 hours = 1 month');

------------------------------------------------------------------------------
-- CLV, LTV:CAC, payback, TAM (9): CAC 1,200, ARPA 100 a month, margin 0.8 ->
-- payback 1,200 / 80 = 15 months; LTV at 5% monthly churn 100 * 0.8 / 0.05
-- = 1,600; LTV:CAC 1,600 / 1,200 = 4/3. TAM 1,000 x 10,000 = 10,000,000.
------------------------------------------------------------------------------
SELECT is(clv(100, 0.8, 0.05), 1600::numeric, 'clv(100, 0.8, 0.05) = 1,600');
SELECT is(clv(100, 0.8, 0.05)::text, '1600', 'clv printed with trailing zeros trimmed: 1600');
SELECT is(clv(100, 0.8, 0), NULL, 'clv with churn 0: NULL');
SELECT pg_temp.is_close(ltv_to_cac(1600, 1200), 4 / 3::float8, 'ltv_to_cac(1,600, 1,200) = 1.333...');
SELECT is(ltv_to_cac(1600, 0), NULL, 'ltv_to_cac with CAC 0: NULL');
SELECT pg_temp.is_close(cac_payback_months(1200, 100, 0.8), 15, 'cac_payback_months(1,200, 100, 0.8) = 15');
SELECT is(cac_payback_months(1200, 0, 0.8), NULL, 'payback with no ARPA: NULL');
SELECT is(cac_payback_months(1200, 100, 0), NULL, 'payback with margin 0: NULL');
SELECT is(tam(1000, 10000), 10000000::numeric, 'tam(1,000, 10,000) = 10,000,000');

SELECT * FROM finish();
ROLLBACK;
