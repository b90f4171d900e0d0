-- pgTAP: summaries as storable, combinable states.
--   * rollup() and + of stored per-group summaries equal the direct aggregate
--     over the raw rows, exactly;
--   * every summary field equals an independent plain-SQL computation
--     (count, sum FILTER ...): exact for counts and money, 1e-12 relative for
--     float KPIs;
--   * text forms (worked out from the contract) and text round trips;
--   * results do not depend on the plan: serial, parallel (Partial
--     Aggregate under Gather) and partitionwise partial aggregation agree.
-- Random rows come from a fixed seed; the data table is a plain table (not
-- TEMP: parallel workers cannot read temp tables) created inside the
-- transaction and rolled back with it.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS abm;

BEGIN;
SELECT plan(120);

SET LOCAL max_parallel_workers_per_gather = 0;  -- serial until the parallel section

CREATE FUNCTION pg_temp.is_close(got float8, want float8, descr text) RETURNS text
LANGUAGE sql AS $$
    SELECT CASE
           WHEN got IS NOT NULL AND abs(got - want) <= 1e-12 * abs(want) THEN ok(true, descr)
           ELSE ok(false, descr) || E'\n' || diag(format('    have: %s', coalesce(got::text, 'NULL')))
                                 || E'\n' || diag(format('    want: %s', coalesce(want::text, 'NULL'))) END
$$;
-- The plan of a query, one line per node.
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    result text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        result := result || line || E'\n';
    END LOOP;
    RETURN result;
END $$;

------------------------------------------------------------------------------
-- Random rows: 20,000 of them in 7 groups, with NULLs, zeros, new and
-- churned accounts, 2-decimal numeric and full-precision float8 money.
------------------------------------------------------------------------------
DO $$ BEGIN PERFORM setseed(0.4242); END $$;
CREATE TABLE tap_rows AS
SELECT g AS id, g % 7 AS grp,
       CASE WHEN r[1] < 0.1 THEN NULL ELSE r[1] < 0.4 END AS won,
       CASE WHEN r[2] < 0.05 THEN NULL ELSE round((r[2] * 100000)::numeric, 2) END AS amount,
       CASE WHEN r[3] < 0.05 THEN NULL ELSE r[3] * 100000 END AS amount_f,
       imp AS impressions,
       CASE WHEN r[5] < 0.02 THEN NULL ELSE floor(r[5] * (coalesce(imp, 50) + 1))::bigint END AS clicks,
       CASE WHEN r[7] < 0.05 THEN NULL ELSE floor(r[6] * 11)::int END AS score,
       CASE WHEN r[7] > 0.97 THEN NULL ELSE 1 + floor(r[8] * 5)::int END AS csat_score,
       CASE WHEN r[9] < 0.1 THEN NULL WHEN r[9] < 0.2 THEN 0 ELSE round((r[9] * 50000)::numeric, 2) END AS start_rev,
       CASE WHEN r[10] < 0.1 THEN NULL WHEN r[10] < 0.15 THEN 0 ELSE round((r[10] * 60000)::numeric, 2) END AS end_rev,
       CASE WHEN r[11] < 0.1 THEN NULL WHEN r[11] < 0.15 THEN 0 ELSE r[11] * 50000 END AS start_f,
       CASE WHEN r[12] < 0.1 THEN NULL WHEN r[12] < 0.2 THEN 0 ELSE r[12] * 60000 END AS end_f,
       CASE WHEN r[13] < 0.1 THEN NULL ELSE round((r[13] * 1000)::numeric, 2) END AS spend,
       r[13] * 1000 AS spend_f,
       CASE WHEN r[14] < 0.05 THEN NULL ELSE r[14] < 0.12 END AS acquired,
       CASE WHEN r[15] < 0.1 THEN NULL ELSE floor(r[15] * 20)::bigint END AS leads,
       CASE WHEN r[16] < 0.05 THEN NULL ELSE abm_stage(1 + floor(r[16] * 6)::int) END AS stage
  FROM (SELECT g, r, CASE WHEN r[4] < 0.03 THEN NULL ELSE floor(r[4] * 1000)::bigint END AS imp
          FROM (SELECT g, ARRAY(SELECT random() FROM generate_series(1, 16) WHERE g > 0) AS r
                  FROM generate_series(1, 20000) g) a) b;
ANALYZE tap_rows;

-- Stored summaries: one per (group, sub-group), 35 rows.
CREATE TEMP TABLE tap_parts ON COMMIT DROP AS
SELECT grp, id % 5 AS sub,
       ratio_agg(won) AS r_won, ratio_agg(won, amount) AS r_amt, ratio_agg(won, amount_f) AS r_f8,
       ratio_agg(clicks, impressions) AS r_cnt,
       score_agg(score) AS s_nps, score_agg(csat_score, 5) AS s_csat,
       retention_agg(start_rev, end_rev) AS ret, retention_agg(start_f, end_f) AS ret_f8,
       cost_agg(spend, acquired) AS c_acq, cost_agg(spend_f, leads) AS c_leads,
       funnel_agg(stage, spend) AS fun
  FROM tap_rows GROUP BY grp, id % 5;
-- The same summaries straight from the raw rows, over everything.
CREATE TEMP TABLE tap_all ON COMMIT DROP AS
SELECT ratio_agg(won) AS r_won, ratio_agg(won, amount) AS r_amt, ratio_agg(won, amount_f) AS r_f8,
       ratio_agg(clicks, impressions) AS r_cnt,
       score_agg(score) AS s_nps, score_agg(csat_score, 5) AS s_csat,
       retention_agg(start_rev, end_rev) AS ret, retention_agg(start_f, end_f) AS ret_f8,
       cost_agg(spend, acquired) AS c_acq, cost_agg(spend_f, leads) AS c_leads,
       funnel_agg(stage, spend) AS fun
  FROM tap_rows;

------------------------------------------------------------------------------
-- rollup() of the 35 stored summaries = the direct aggregate (11)
------------------------------------------------------------------------------
SELECT is((SELECT rollup(r_won)::text FROM tap_parts), (SELECT r_won::text FROM tap_all), 'rollup(ratio_agg(won))');
SELECT is((SELECT rollup(r_amt)::text FROM tap_parts), (SELECT r_amt::text FROM tap_all), 'rollup(ratio_agg(won, numeric))');
SELECT is((SELECT rollup(r_f8)::text FROM tap_parts), (SELECT r_f8::text FROM tap_all), 'rollup(ratio_agg(won, float8))');
SELECT is((SELECT rollup(r_cnt)::text FROM tap_parts), (SELECT r_cnt::text FROM tap_all), 'rollup(ratio_agg(clicks, impressions))');
SELECT is((SELECT rollup(s_nps)::text FROM tap_parts), (SELECT s_nps::text FROM tap_all), 'rollup(score_agg(score))');
SELECT is((SELECT rollup(s_csat)::text FROM tap_parts), (SELECT s_csat::text FROM tap_all), 'rollup(score_agg(score, 5))');
SELECT is((SELECT rollup(ret)::text FROM tap_parts), (SELECT ret::text FROM tap_all), 'rollup(retention_agg(numeric))');
SELECT is((SELECT rollup(ret_f8)::text FROM tap_parts), (SELECT ret_f8::text FROM tap_all), 'rollup(retention_agg(float8))');
SELECT is((SELECT rollup(c_acq)::text FROM tap_parts), (SELECT c_acq::text FROM tap_all), 'rollup(cost_agg(spend, acquired))');
SELECT is((SELECT rollup(c_leads)::text FROM tap_parts), (SELECT c_leads::text FROM tap_all), 'rollup(cost_agg(float8 spend, leads))');
SELECT is((SELECT rollup(fun)::text FROM tap_parts), (SELECT fun::text FROM tap_all), 'rollup(funnel_agg(stage, spend))');

------------------------------------------------------------------------------
-- Per group: rollup of the group's sub-group summaries = the group's direct
-- aggregate (11)
------------------------------------------------------------------------------
SELECT set_eq('SELECT grp, rollup(r_won)::text FROM tap_parts GROUP BY grp',
              'SELECT grp, ratio_agg(won)::text FROM tap_rows GROUP BY grp', 'per group: ratio_agg(won)');
SELECT set_eq('SELECT grp, rollup(r_amt)::text FROM tap_parts GROUP BY grp',
              'SELECT grp, ratio_agg(won, amount)::text FROM tap_rows GROUP BY grp', 'per group: ratio_agg(won, numeric)');
SELECT set_eq('SELECT grp, rollup(r_f8)::text FROM tap_parts GROUP BY grp',
              'SELECT grp, ratio_agg(won, amount_f)::text FROM tap_rows GROUP BY grp', 'per group: ratio_agg(won, float8)');
SELECT set_eq('SELECT grp, rollup(r_cnt)::text FROM tap_parts GROUP BY grp',
              'SELECT grp, ratio_agg(clicks, impressions)::text FROM tap_rows GROUP BY grp', 'per group: ratio_agg(clicks, impressions)');
SELECT set_eq('SELECT grp, rollup(s_nps)::text FROM tap_parts GROUP BY grp',
              'SELECT grp, score_agg(score)::text FROM tap_rows GROUP BY grp', 'per group: score_agg(score)');
SELECT set_eq('SELECT grp, rollup(s_csat)::text FROM tap_parts GROUP BY grp',
              'SELECT grp, score_agg(csat_score, 5)::text FROM tap_rows GROUP BY grp', 'per group: score_agg(score, 5)');
SELECT set_eq('SELECT grp, rollup(ret)::text FROM tap_parts GROUP BY grp',
              'SELECT grp, retention_agg(start_rev, end_rev)::text FROM tap_rows GROUP BY grp', 'per group: retention_agg(numeric)');
SELECT set_eq('SELECT grp, rollup(ret_f8)::text FROM tap_parts GROUP BY grp',
              'SELECT grp, retention_agg(start_f, end_f)::text FROM tap_rows GROUP BY grp', 'per group: retention_agg(float8)');
SELECT set_eq('SELECT grp, rollup(c_acq)::text FROM tap_parts GROUP BY grp',
              'SELECT grp, cost_agg(spend, acquired)::text FROM tap_rows GROUP BY grp', 'per group: cost_agg(spend, acquired)');
SELECT set_eq('SELECT grp, rollup(c_leads)::text FROM tap_parts GROUP BY grp',
              'SELECT grp, cost_agg(spend_f, leads)::text FROM tap_rows GROUP BY grp', 'per group: cost_agg(float8 spend, leads)');
SELECT set_eq('SELECT grp, rollup(fun)::text FROM tap_parts GROUP BY grp',
              'SELECT grp, funnel_agg(stage, spend)::text FROM tap_rows GROUP BY grp', 'per group: funnel_agg(stage, spend)');

------------------------------------------------------------------------------
-- + : a = rollup of groups 0..2, b = rollup of groups 3..6; a + b = direct,
-- and a + b = b + a (22)
------------------------------------------------------------------------------
CREATE TEMP TABLE tap_half ON COMMIT DROP AS
SELECT grp < 3 AS first,
       rollup(r_won) AS r_won, rollup(r_amt) AS r_amt, rollup(r_f8) AS r_f8, rollup(r_cnt) AS r_cnt,
       rollup(s_nps) AS s_nps, rollup(s_csat) AS s_csat, rollup(ret) AS ret, rollup(ret_f8) AS ret_f8,
       rollup(c_acq) AS c_acq, rollup(c_leads) AS c_leads, rollup(fun) AS fun
  FROM tap_parts GROUP BY grp < 3;
CREATE TEMP VIEW tap_ab AS
SELECT a.r_won AS a_r_won, b.r_won AS b_r_won, a.r_amt AS a_r_amt, b.r_amt AS b_r_amt,
       a.r_f8 AS a_r_f8, b.r_f8 AS b_r_f8, a.r_cnt AS a_r_cnt, b.r_cnt AS b_r_cnt,
       a.s_nps AS a_s_nps, b.s_nps AS b_s_nps, a.s_csat AS a_s_csat, b.s_csat AS b_s_csat,
       a.ret AS a_ret, b.ret AS b_ret, a.ret_f8 AS a_ret_f8, b.ret_f8 AS b_ret_f8,
       a.c_acq AS a_c_acq, b.c_acq AS b_c_acq, a.c_leads AS a_c_leads, b.c_leads AS b_c_leads,
       a.fun AS a_fun, b.fun AS b_fun
  FROM tap_half a, tap_half b WHERE a.first AND NOT b.first;

SELECT is((SELECT (a_r_won + b_r_won)::text FROM tap_ab), (SELECT r_won::text FROM tap_all), 'a + b: ratio_agg(won)');
SELECT is((SELECT (a_r_amt + b_r_amt)::text FROM tap_ab), (SELECT r_amt::text FROM tap_all), 'a + b: ratio_agg(won, numeric)');
SELECT is((SELECT (a_r_f8 + b_r_f8)::text FROM tap_ab), (SELECT r_f8::text FROM tap_all), 'a + b: ratio_agg(won, float8)');
SELECT is((SELECT (a_r_cnt + b_r_cnt)::text FROM tap_ab), (SELECT r_cnt::text FROM tap_all), 'a + b: ratio_agg(clicks, impressions)');
SELECT is((SELECT (a_s_nps + b_s_nps)::text FROM tap_ab), (SELECT s_nps::text FROM tap_all), 'a + b: score_agg(score)');
SELECT is((SELECT (a_s_csat + b_s_csat)::text FROM tap_ab), (SELECT s_csat::text FROM tap_all), 'a + b: score_agg(score, 5)');
SELECT is((SELECT (a_ret + b_ret)::text FROM tap_ab), (SELECT ret::text FROM tap_all), 'a + b: retention_agg(numeric)');
SELECT is((SELECT (a_ret_f8 + b_ret_f8)::text FROM tap_ab), (SELECT ret_f8::text FROM tap_all), 'a + b: retention_agg(float8)');
SELECT is((SELECT (a_c_acq + b_c_acq)::text FROM tap_ab), (SELECT c_acq::text FROM tap_all), 'a + b: cost_agg(spend, acquired)');
SELECT is((SELECT (a_c_leads + b_c_leads)::text FROM tap_ab), (SELECT c_leads::text FROM tap_all), 'a + b: cost_agg(float8 spend, leads)');
SELECT is((SELECT (a_fun + b_fun)::text FROM tap_ab), (SELECT fun::text FROM tap_all), 'a + b: funnel_agg(stage, spend)');
SELECT is((SELECT (a_r_won + b_r_won)::text FROM tap_ab), (SELECT (b_r_won + a_r_won)::text FROM tap_ab), 'a + b = b + a: ratio (won)');
SELECT is((SELECT (a_r_amt + b_r_amt)::text FROM tap_ab), (SELECT (b_r_amt + a_r_amt)::text FROM tap_ab), 'a + b = b + a: ratio (numeric)');
SELECT is((SELECT (a_r_f8 + b_r_f8)::text FROM tap_ab), (SELECT (b_r_f8 + a_r_f8)::text FROM tap_ab), 'a + b = b + a: ratio (float8)');
SELECT is((SELECT (a_r_cnt + b_r_cnt)::text FROM tap_ab), (SELECT (b_r_cnt + a_r_cnt)::text FROM tap_ab), 'a + b = b + a: ratio (counts)');
SELECT is((SELECT (a_s_nps + b_s_nps)::text FROM tap_ab), (SELECT (b_s_nps + a_s_nps)::text FROM tap_ab), 'a + b = b + a: score 0-10');
SELECT is((SELECT (a_s_csat + b_s_csat)::text FROM tap_ab), (SELECT (b_s_csat + a_s_csat)::text FROM tap_ab), 'a + b = b + a: score 1-5');
SELECT is((SELECT (a_ret + b_ret)::text FROM tap_ab), (SELECT (b_ret + a_ret)::text FROM tap_ab), 'a + b = b + a: retention (numeric)');
SELECT is((SELECT (a_ret_f8 + b_ret_f8)::text FROM tap_ab), (SELECT (b_ret_f8 + a_ret_f8)::text FROM tap_ab), 'a + b = b + a: retention (float8)');
SELECT is((SELECT (a_c_acq + b_c_acq)::text FROM tap_ab), (SELECT (b_c_acq + a_c_acq)::text FROM tap_ab), 'a + b = b + a: cost (acquired)');
SELECT is((SELECT (a_c_leads + b_c_leads)::text FROM tap_ab), (SELECT (b_c_leads + a_c_leads)::text FROM tap_ab), 'a + b = b + a: cost (leads)');
SELECT is((SELECT (a_fun + b_fun)::text FROM tap_ab), (SELECT (b_fun + a_fun)::text FROM tap_ab), 'a + b = b + a: funnel');

------------------------------------------------------------------------------
-- Every field against plain SQL over the raw rows (39)
------------------------------------------------------------------------------
-- ratio_agg(won): true = success and trial, false = trial, NULL skipped.
SELECT is((SELECT successes(r_won) FROM tap_all), (SELECT count(*) FILTER (WHERE won) FROM tap_rows), 'r_won: successes = count(won true)');
SELECT is((SELECT trials(r_won) FROM tap_all), (SELECT count(won) FROM tap_rows), 'r_won: trials = count(won)');
-- ratio_agg(won, amount): a row with either NULL is skipped.
SELECT is((SELECT successes(r_amt) FROM tap_all),
          (SELECT count(*) FILTER (WHERE won AND amount IS NOT NULL) FROM tap_rows), 'r_amt: successes');
SELECT is((SELECT trials(r_amt) FROM tap_all),
          (SELECT count(*) FILTER (WHERE won IS NOT NULL AND amount IS NOT NULL) FROM tap_rows), 'r_amt: trials');
SELECT is((SELECT success_amount(r_amt) FROM tap_all),
          (SELECT sum(amount) FILTER (WHERE won) FROM tap_rows), 'r_amt: success_amount = exact sum');
SELECT is((SELECT trial_amount(r_amt) FROM tap_all),
          (SELECT sum(amount) FILTER (WHERE won IS NOT NULL) FROM tap_rows), 'r_amt: trial_amount = exact sum');
SELECT pg_temp.is_close((SELECT weighted_win_rate(r_amt) FROM tap_all),
          (SELECT (sum(amount) FILTER (WHERE won) / sum(amount) FILTER (WHERE won IS NOT NULL))::float8 FROM tap_rows),
          'r_amt: weighted win rate = ratio of the sums');
-- float8 money: each value converted as float8::numeric, then summed exactly.
SELECT is((SELECT success_amount(r_f8) FROM tap_all),
          (SELECT sum(amount_f::numeric) FILTER (WHERE won) FROM tap_rows), 'r_f8: success_amount = sum(float8::numeric)');
SELECT is((SELECT trial_amount(r_f8) FROM tap_all),
          (SELECT sum(amount_f::numeric) FILTER (WHERE won IS NOT NULL) FROM tap_rows), 'r_f8: trial_amount = sum(float8::numeric)');
-- ratio_agg(clicks, impressions): rows with both set.
SELECT is((SELECT successes(r_cnt) FROM tap_all),
          (SELECT sum(clicks) FILTER (WHERE impressions IS NOT NULL) FROM tap_rows)::bigint, 'r_cnt: successes = sum(clicks)');
SELECT is((SELECT trials(r_cnt) FROM tap_all),
          (SELECT sum(impressions) FILTER (WHERE clicks IS NOT NULL) FROM tap_rows)::bigint, 'r_cnt: trials = sum(impressions)');
SELECT pg_temp.is_close((SELECT rate(r_cnt) FROM tap_all),
          (SELECT sum(clicks) FILTER (WHERE impressions IS NOT NULL)::float8
                  / sum(impressions) FILTER (WHERE clicks IS NOT NULL)::float8 FROM tap_rows), 'r_cnt: rate = ratio of the sums');
-- score_agg(score)
SELECT is((SELECT array_agg(score_count(s_nps, k) ORDER BY k) FROM tap_all, generate_series(0, 10) k),
          (SELECT array_agg(c ORDER BY k) FROM (SELECT k, (SELECT count(*) FROM tap_rows WHERE score = k) c
                                                  FROM generate_series(0, 10) k) x),
          's_nps: count of every score 0..10');
SELECT pg_temp.is_close((SELECT nps_score(s_nps) FROM tap_all),
          (SELECT 100 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))::float8 / count(score) FROM tap_rows),
          's_nps: NPS = 100 * (promoters - detractors) / responses');
SELECT pg_temp.is_close((SELECT mean_score(s_nps) FROM tap_all), (SELECT avg(score)::float8 FROM tap_rows), 's_nps: mean score');
-- score_agg(csat_score, 5)
SELECT is((SELECT array_agg(score_count(s_csat, k) ORDER BY k) FROM tap_all, generate_series(0, 10) k),
          (SELECT array_agg(c ORDER BY k) FROM (SELECT k, (SELECT count(*) FROM tap_rows WHERE csat_score = k) c
                                                  FROM generate_series(0, 10) k) x),
          's_csat: count of every score (zero at 0 and above 5)');
SELECT pg_temp.is_close((SELECT csat(s_csat) FROM tap_all),
          (SELECT count(*) FILTER (WHERE csat_score >= 4)::float8 / count(csat_score) FROM tap_rows), 's_csat: CSAT = share of 4 and 5');
-- retention_agg(start, end): existing accounts have start > 0.
CREATE TEMP TABLE tap_ret_sql ON COMMIT DROP AS
SELECT count(*) FILTER (WHERE start_rev > 0) AS accounts,
       count(*) FILTER (WHERE start_rev > 0 AND coalesce(end_rev, 0) = 0) AS churned_accounts,
       count(*) FILTER (WHERE coalesce(start_rev, 0) = 0 AND end_rev > 0) AS new_accounts,
       sum(start_rev) FILTER (WHERE start_rev > 0) AS start_revenue,
       sum(coalesce(end_rev, 0)) FILTER (WHERE start_rev > 0) AS end_revenue,
       sum(least(start_rev, coalesce(end_rev, 0))) FILTER (WHERE start_rev > 0) AS retained_revenue,
       sum(greatest(end_rev - start_rev, 0)) FILTER (WHERE start_rev > 0 AND end_rev > 0) AS expansion,
       sum(greatest(start_rev - end_rev, 0)) FILTER (WHERE start_rev > 0 AND end_rev > 0) AS contraction,
       sum(start_rev) FILTER (WHERE start_rev > 0 AND coalesce(end_rev, 0) = 0) AS churned_revenue,
       sum(end_rev) FILTER (WHERE coalesce(start_rev, 0) = 0 AND end_rev > 0) AS new_revenue
  FROM tap_rows;
SELECT is(accounts(ret), q.accounts, 'ret: accounts') FROM tap_all, tap_ret_sql q;
SELECT is(churned_accounts(ret), q.churned_accounts, 'ret: churned_accounts') FROM tap_all, tap_ret_sql q;
SELECT is(new_accounts(ret), q.new_accounts, 'ret: new_accounts') FROM tap_all, tap_ret_sql q;
SELECT is(start_revenue(ret), q.start_revenue, 'ret: start_revenue') FROM tap_all, tap_ret_sql q;
SELECT is(end_revenue(ret), q.end_revenue, 'ret: end_revenue') FROM tap_all, tap_ret_sql q;
SELECT is(retained_revenue(ret), q.retained_revenue, 'ret: retained_revenue = sum(min(start, end))') FROM tap_all, tap_ret_sql q;
SELECT is(expansion(ret), q.expansion, 'ret: expansion') FROM tap_all, tap_ret_sql q;
SELECT is(contraction(ret), q.contraction, 'ret: contraction') FROM tap_all, tap_ret_sql q;
SELECT is(churned_revenue(ret), q.churned_revenue, 'ret: churned_revenue') FROM tap_all, tap_ret_sql q;
SELECT is(new_revenue(ret), q.new_revenue, 'ret: new_revenue') FROM tap_all, tap_ret_sql q;
SELECT pg_temp.is_close(nrr(ret), (q.end_revenue / q.start_revenue)::float8, 'ret: NRR') FROM tap_all, tap_ret_sql q;
SELECT pg_temp.is_close(grr(ret), (q.retained_revenue / q.start_revenue)::float8, 'ret: GRR') FROM tap_all, tap_ret_sql q;
SELECT pg_temp.is_close(logo_retention(ret), (q.accounts - q.churned_accounts)::float8 / q.accounts, 'ret: logo retention')
  FROM tap_all, tap_ret_sql q;
-- float8 revenue is the numeric revenue of float8::numeric.
SELECT is((SELECT ret_f8::text FROM tap_all), (SELECT retention_agg(start_f::numeric, end_f::numeric)::text FROM tap_rows),
    'ret_f8 = retention_agg(start::numeric, end::numeric)');
-- cost_agg(spend, acquired) = sum(spend) / count(*) FILTER (WHERE acquired)
SELECT is((SELECT spend(c_acq) FROM tap_all), (SELECT sum(spend) FROM tap_rows), 'c_acq: spend = sum(spend), all rows');
SELECT is((SELECT units(c_acq) FROM tap_all), (SELECT count(*) FILTER (WHERE acquired) FROM tap_rows), 'c_acq: units = accounts acquired');
SELECT is((SELECT cac(c_acq) FROM tap_all), (SELECT sum(spend) / count(*) FILTER (WHERE acquired) FROM tap_rows),
    'c_acq: CAC = sum(spend) / count(acquired), numeric division');
-- cost_agg(float8 spend, leads) = sum(spend::numeric) / sum(leads)
SELECT is((SELECT spend(c_leads) FROM tap_all), (SELECT sum(spend_f::numeric) FROM tap_rows), 'c_leads: spend = sum(float8::numeric)');
SELECT is((SELECT units(c_leads) FROM tap_all), (SELECT sum(leads) FROM tap_rows)::bigint, 'c_leads: units = sum(leads)');
SELECT is((SELECT cpl(c_leads) FROM tap_all), (SELECT sum(spend_f::numeric) / sum(leads) FROM tap_rows), 'c_leads: CPL');
-- funnel_agg(stage, spend)
SELECT is((SELECT array_agg(stage_accounts(fun, abm_stage(k)) ORDER BY k) FROM tap_all, generate_series(1, 6) k),
          (SELECT array_agg(c ORDER BY k) FROM (SELECT k, (SELECT count(*) FROM tap_rows WHERE stage >= abm_stage(k)) c
                                                  FROM generate_series(1, 6) k) x),
          'fun: accounts reaching each stage (cumulative)');
SELECT is((SELECT spend(fun) FROM tap_all), (SELECT sum(spend) FROM tap_rows), 'fun: spend, NULL-stage rows included');

------------------------------------------------------------------------------
-- Text forms and round trips (24)
------------------------------------------------------------------------------
SELECT is(count(*) FILTER (WHERE r_won::text::ratio_summary::text IS DISTINCT FROM r_won::text), 0::bigint,
    'text round trip: 35 ratio summaries (won)') FROM tap_parts;
SELECT is(count(*) FILTER (WHERE r_amt::text::ratio_summary::text IS DISTINCT FROM r_amt::text), 0::bigint,
    'text round trip: 35 ratio summaries (numeric amounts)') FROM tap_parts;
SELECT is(count(*) FILTER (WHERE r_f8::text::ratio_summary::text IS DISTINCT FROM r_f8::text), 0::bigint,
    'text round trip: 35 ratio summaries (float8 amounts)') FROM tap_parts;
SELECT is(count(*) FILTER (WHERE r_cnt::text::ratio_summary::text IS DISTINCT FROM r_cnt::text), 0::bigint,
    'text round trip: 35 ratio summaries (counts)') FROM tap_parts;
SELECT is(count(*) FILTER (WHERE s_nps::text::score_summary::text IS DISTINCT FROM s_nps::text), 0::bigint,
    'text round trip: 35 score summaries (0-10)') FROM tap_parts;
SELECT is(count(*) FILTER (WHERE s_csat::text::score_summary::text IS DISTINCT FROM s_csat::text), 0::bigint,
    'text round trip: 35 score summaries (1-5)') FROM tap_parts;
SELECT is(count(*) FILTER (WHERE ret::text::retention_summary::text IS DISTINCT FROM ret::text), 0::bigint,
    'text round trip: 35 retention summaries (numeric)') FROM tap_parts;
SELECT is(count(*) FILTER (WHERE ret_f8::text::retention_summary::text IS DISTINCT FROM ret_f8::text), 0::bigint,
    'text round trip: 35 retention summaries (float8)') FROM tap_parts;
SELECT is(count(*) FILTER (WHERE c_acq::text::cost_summary::text IS DISTINCT FROM c_acq::text), 0::bigint,
    'text round trip: 35 cost summaries (acquired)') FROM tap_parts;
SELECT is(count(*) FILTER (WHERE c_leads::text::cost_summary::text IS DISTINCT FROM c_leads::text), 0::bigint,
    'text round trip: 35 cost summaries (leads)') FROM tap_parts;
SELECT is(count(*) FILTER (WHERE fun::text::funnel_summary::text IS DISTINCT FROM fun::text), 0::bigint,
    'text round trip: 35 funnel summaries') FROM tap_parts;
-- Text forms worked out from the contract.
SELECT is((SELECT ratio_agg(w, a)::text FROM (VALUES (true, 100000.00), (true, 100000.00), (true, 100000.00), (false, 100000.00)) v(w, a)),
    'v1 successes=3 trials=4 success_amount=300000.00 trial_amount=400000.00',
    'ratio_summary text form; money keeps its scale');
SELECT is((SELECT score_agg(x)::text FROM unnest(ARRAY[9, 10, 9, 10, 9, 10, 7, 8, 7, 8, 0, 1, 2, 3, 4, 5, 6, NULL]) x),
    'v1 scale=0-10 counts=1,1,1,1,1,1,1,2,2,3,3', 'score_summary text form (the NPS example)');
SELECT is((SELECT score_agg(x, 5)::text FROM unnest(ARRAY[5, 5, 4, 1]) x),
    'v1 scale=1-5 counts=0,1,0,0,1,2,0,0,0,0,0', 'score_summary text form on a 1-5 scale');
SELECT is((SELECT retention_agg(s, e)::text FROM (VALUES (100000, 120000), (50000, 46000), (6000, NULL), (44000, 44000), (NULL, 30000), (0, 0)) v(s, e)),
    'v1 accounts=4 churned_accounts=1 new_accounts=1 start_revenue=200000 expansion=20000 contraction=4000 churned_revenue=6000 new_revenue=30000',
    'retention_summary text form (the NRR example)');
SELECT is((SELECT cost_agg(sp, u)::text FROM (VALUES (60000, 100::bigint), (90000, 20), (12000, NULL), (8000, 0)) v(sp, u)),
    'v1 units=120 spend=170000', 'cost_summary text form (the CAC example)');
-- Over no rows: the empty summary (the aggregates' initial states).
SELECT is((SELECT ratio_agg(won, amount)::text FROM tap_rows WHERE false),
    'v1 successes=0 trials=0 success_amount=0 trial_amount=0', 'no rows: empty ratio summary');
SELECT is((SELECT score_agg(score)::text FROM tap_rows WHERE false),
    'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0', 'no rows: empty score summary');
SELECT is((SELECT retention_agg(start_rev, end_rev)::text FROM tap_rows WHERE false),
    'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    'no rows: empty retention summary');
SELECT is((SELECT cost_agg(spend, acquired)::text FROM tap_rows WHERE false), 'v1 units=0 spend=0', 'no rows: empty cost summary');
-- float8 money: 15 significant digits, as float8::numeric; then exact sums.
SELECT is((SELECT success_amount(ratio_agg(true, 1 / 3::float8))), 0.333333333333333,
    'float8 1/3 enters as 0.333333333333333 (15 significant digits)');
SELECT is((SELECT success_amount(ratio_agg(true, x)) FROM unnest(ARRAY[0.1::float8, 0.2::float8]) x), 0.3,
    'float8 0.1 + 0.2 sums to exactly 0.3');
SELECT is((SELECT ratio_agg(won, amount_f ORDER BY id DESC)::text FROM tap_rows),
          (SELECT ratio_agg(won, amount_f ORDER BY id)::text FROM tap_rows), 'float8 amounts: row order does not matter');
SELECT is((SELECT retention_agg(start_f, end_f ORDER BY id DESC)::text FROM tap_rows),
          (SELECT retention_agg(start_f, end_f ORDER BY id)::text FROM tap_rows), 'float8 revenue: row order does not matter');

------------------------------------------------------------------------------
-- Empty summaries combine with anything (5)
------------------------------------------------------------------------------
SELECT is((SELECT (score_agg(x) FILTER (WHERE false) + score_agg(x, 5))::text FROM unnest(ARRAY[5, 4, 1]) x),
    'v1 scale=1-5 counts=0,1,0,0,1,1,0,0,0,0,0', 'empty 0-10 summary + 1-5 summary = the 1-5 summary');
SELECT is((SELECT (score_agg(x, 5) + score_agg(x) FILTER (WHERE false))::text FROM unnest(ARRAY[5, 4, 1]) x),
    'v1 scale=1-5 counts=0,1,0,0,1,1,0,0,0,0,0', '1-5 summary + empty 0-10 summary = the 1-5 summary');
SELECT is((SELECT rollup(s)::text FROM (SELECT score_agg(x) FROM unnest(ARRAY[]::int[]) x
                                        UNION ALL SELECT score_agg(x, 5) FROM unnest(ARRAY[3, 3]) x) v(s)),
    'v1 scale=1-5 counts=0,0,0,2,0,0,0,0,0,0,0', 'rollup of an empty and a 1-5 summary = the 1-5 summary');
SELECT is((SELECT ('v1 successes=0 trials=0 success_amount=0 trial_amount=0'::ratio_summary + r_amt)::text FROM tap_all),
          (SELECT r_amt::text FROM tap_all), 'empty ratio summary + s = s');
SELECT is((SELECT rollup(r_amt) FILTER (WHERE false)::text FROM tap_parts),
    'v1 successes=0 trials=0 success_amount=0 trial_amount=0', 'rollup over no summaries: the empty summary');

------------------------------------------------------------------------------
-- Plan independence (8): serial, parallel, partitionwise give the same
-- values. FILTERs leave some partial states empty (combined with non-empty
-- ones, or all empty).
------------------------------------------------------------------------------
CREATE TEMP VIEW tap_q AS
SELECT win_rate(won) AS wr, win_rate(won, amount) AS wwr, win_rate(won, amount_f) AS wwr_f8,
       conversion_rate(won) AS cr, ctr(clicks, impressions) AS ctr, rate(clicks, impressions) AS rt,
       nps_score(score) AS nps, csat(csat_score) AS csat, csat(csat_score, 5) AS csat5,
       csat(csat_score, 5) FILTER (WHERE id % 997 = 0) AS csat_sparse,
       nps_score(score) FILTER (WHERE id <= 50) AS nps_first, nps_score(score) FILTER (WHERE false) AS nps_none,
       nrr(start_rev, end_rev) AS nrr, grr(start_rev, end_rev) AS grr,
       nrr(start_f, end_f) AS nrr_f8, grr(start_f, end_f) AS grr_f8,
       cac(spend, acquired) AS cac, cac(spend_f, acquired) AS cac_f8, cpl(spend, leads) AS cpl, cpl(spend_f, leads) AS cpl_f8,
       ratio_agg(won, amount)::text AS r_amt, ratio_agg(clicks, impressions)::text AS r_cnt,
       score_agg(score)::text AS s_nps, score_agg(csat_score, 5)::text AS s_csat,
       score_agg(csat_score, 5) FILTER (WHERE id % 997 = 0)::text AS s_csat_sparse,
       retention_agg(start_rev, end_rev)::text AS ret, retention_agg(start_f, end_f)::text AS ret_f8,
       cost_agg(spend, acquired)::text AS c_acq, cost_agg(spend_f, leads)::text AS c_leads,
       funnel_agg(stage, spend)::text AS fun, min(stage) AS min_stage, max(stage) AS max_stage
  FROM tap_rows;
CREATE TEMP VIEW tap_qg AS
SELECT grp, win_rate(won, amount) AS wwr, nps_score(score) AS nps, csat(csat_score, 5) AS csat5,
       nrr(start_f, end_f) AS nrr_f8, cac(spend, acquired) AS cac,
       ratio_agg(won, amount_f)::text AS r_f8, score_agg(csat_score, 5)::text AS s_csat,
       retention_agg(start_rev, end_rev)::text AS ret, cost_agg(spend_f, leads)::text AS c_leads,
       funnel_agg(stage, spend)::text AS fun
  FROM tap_rows GROUP BY grp;

-- Serial baseline.
SELECT doesnt_match(pg_temp.plan_of('SELECT * FROM tap_q'), 'Gather', 'baseline plan is serial');
CREATE TEMP TABLE tap_serial ON COMMIT DROP AS SELECT * FROM tap_q;
CREATE TEMP TABLE tap_serial_g ON COMMIT DROP AS SELECT * FROM tap_qg;

-- Parallel: workers aggregate partial states, the leader combines them.
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL min_parallel_index_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT matches(pg_temp.plan_of('SELECT * FROM tap_q'), 'Gather.*Partial Aggregate',
    'forced parallel plan: Partial Aggregate under Gather');
SELECT matches(pg_temp.plan_of('SELECT * FROM tap_qg'), 'Gather.*Partial (Hash|Group)?Aggregate',
    'forced parallel plan, grouped: partial aggregation under Gather');
CREATE TEMP TABLE tap_par ON COMMIT DROP AS SELECT * FROM tap_q;        -- parallel CREATE TABLE AS
CREATE TEMP TABLE tap_par_g ON COMMIT DROP AS SELECT * FROM tap_qg;
SELECT is((SELECT t::text FROM tap_par t), (SELECT t::text FROM tap_serial t), 'parallel = serial: every KPI and summary');
SELECT results_eq('SELECT t::text FROM tap_par_g t ORDER BY grp', 'SELECT t::text FROM tap_serial_g t ORDER BY grp',
    'parallel = serial, per group');

-- Partitionwise partial aggregation: one partial state per partition,
-- combined at the top (serial, then parallel).
CREATE TABLE tap_prows (LIKE tap_rows) PARTITION BY LIST (grp);
CREATE TABLE tap_prows_a PARTITION OF tap_prows FOR VALUES IN (0, 1, 2);
CREATE TABLE tap_prows_b PARTITION OF tap_prows FOR VALUES IN (3, 4);
CREATE TABLE tap_prows_c PARTITION OF tap_prows FOR VALUES IN (5, 6);
INSERT INTO tap_prows SELECT * FROM tap_rows;
ANALYZE tap_prows;
CREATE TEMP VIEW tap_pq AS
SELECT win_rate(won) AS wr, win_rate(won, amount) AS wwr, win_rate(won, amount_f) AS wwr_f8,
       conversion_rate(won) AS cr, ctr(clicks, impressions) AS ctr, rate(clicks, impressions) AS rt,
       nps_score(score) AS nps, csat(csat_score) AS csat, csat(csat_score, 5) AS csat5,
       csat(csat_score, 5) FILTER (WHERE id % 997 = 0) AS csat_sparse,
       nps_score(score) FILTER (WHERE id <= 50) AS nps_first, nps_score(score) FILTER (WHERE false) AS nps_none,
       nrr(start_rev, end_rev) AS nrr, grr(start_rev, end_rev) AS grr,
       nrr(start_f, end_f) AS nrr_f8, grr(start_f, end_f) AS grr_f8,
       cac(spend, acquired) AS cac, cac(spend_f, acquired) AS cac_f8, cpl(spend, leads) AS cpl, cpl(spend_f, leads) AS cpl_f8,
       ratio_agg(won, amount)::text AS r_amt, ratio_agg(clicks, impressions)::text AS r_cnt,
       score_agg(score)::text AS s_nps, score_agg(csat_score, 5)::text AS s_csat,
       score_agg(csat_score, 5) FILTER (WHERE id % 997 = 0)::text AS s_csat_sparse,
       retention_agg(start_rev, end_rev)::text AS ret, retention_agg(start_f, end_f)::text AS ret_f8,
       cost_agg(spend, acquired)::text AS c_acq, cost_agg(spend_f, leads)::text AS c_leads,
       funnel_agg(stage, spend)::text AS fun, min(stage) AS min_stage, max(stage) AS max_stage
  FROM tap_prows;
SET LOCAL enable_partitionwise_aggregate = on;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT matches(pg_temp.plan_of('SELECT * FROM tap_pq'), 'Finalize Aggregate.*Append.*Partial Aggregate.*Partial Aggregate.*Partial Aggregate',
    'partitionwise plan: a Partial Aggregate per partition, finalized on top');
CREATE TEMP TABLE tap_pw ON COMMIT DROP AS SELECT * FROM tap_pq;
SELECT is((SELECT t::text FROM tap_pw t), (SELECT t::text FROM tap_serial t), 'partitionwise = serial: every KPI and summary');
SET LOCAL max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE tap_pw_par ON COMMIT DROP AS SELECT * FROM tap_pq;
SELECT is((SELECT t::text FROM tap_pw_par t), (SELECT t::text FROM tap_serial t), 'partitionwise + parallel = serial');

SELECT * FROM finish();
ROLLBACK;
