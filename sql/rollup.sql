--
-- Aggregate once, roll up later.  Random events are summarized per day and
-- segment into a stored table and per month into a materialized view; the
-- stored summaries are combined with rollup() and with +, and must equal the
-- direct aggregate over all the rows exactly: the same summary text, and
-- counts and money equal to plain SQL sums.  Only booleans are printed, so
-- the output does not depend on the random values.
--
\set VERBOSITY default

SELECT setseed(0.4242);
CREATE TABLE roll_events AS
SELECT i,
       date '2024-01-01' + (random() * 89)::int AS day,
       (ARRAY['enterprise', 'mid', 'smb', NULL])[1 + floor(random() * 4)::int] AS segment,
       CASE WHEN random() < 0.2 THEN NULL ELSE random() < 0.3 END AS won,
       -- money with 0 to 4 decimal places, so summaries must widen their scale
       CASE WHEN random() < 0.05 THEN NULL
            ELSE round((random() * 100000)::numeric, (random() * 4)::int) END AS amount,
       random() * 1000 AS amount_f,
       c AS clicks,
       c + (random() * 1000)::bigint AS impressions,
       CASE WHEN random() < 0.05 THEN NULL ELSE (random() * 10)::int END AS score,
       1 + (random() * 4)::int AS csat_score,
       s AS start_rev,
       CASE WHEN random() < 0.1 THEN NULL WHEN random() < 0.05 THEN 0
            ELSE round((coalesce(s, 1000) * (0.5 + random()))::numeric, 2) END AS end_rev,
       round((random() * 200)::numeric, 2) AS spend,
       random() < 0.1 AS acquired,
       (random() * 5)::bigint AS leads,
       abm_stage(1 + (random() * 5)::int) AS stage
FROM generate_series(1, 20000) i,
     LATERAL (SELECT (random() * 100)::bigint + i * 0 AS c,
                     CASE WHEN random() < 0.1 THEN NULL WHEN random() < 0.05 THEN 0
                          ELSE round((random() * 5000)::numeric, 2) + i * 0 END AS s) r;
ANALYZE roll_events;
SELECT count(*) AS events, count(DISTINCT day) AS days, count(DISTINCT segment) AS segments,
       count(*) FILTER (WHERE segment IS NULL) > 0 AS some_without_segment,
       count(DISTINCT scale(amount)) = 5 AS five_money_scales
FROM roll_events;

-- the summaries of a set of rows, by one definition used everywhere below
CREATE VIEW roll_direct AS
SELECT ratio_agg(won, amount) AS deals, ratio_agg(won, amount_f) AS deals_f,
       ratio_agg(clicks, impressions) AS ads, score_agg(score) AS nps,
       score_agg(csat_score, 5) AS csat, retention_agg(start_rev, end_rev) AS ret,
       retention_agg(start_rev::float8, end_rev::float8) AS ret_f,
       cost_agg(spend, acquired) AS acq, cost_agg(spend, leads) AS leads,
       funnel_agg(stage, spend) AS funnel
FROM roll_events;

-- stored per day and segment
CREATE TABLE roll_daily AS
SELECT day, segment,
       ratio_agg(won, amount) AS deals, ratio_agg(won, amount_f) AS deals_f,
       ratio_agg(clicks, impressions) AS ads, score_agg(score) AS nps,
       score_agg(csat_score, 5) AS csat, retention_agg(start_rev, end_rev) AS ret,
       retention_agg(start_rev::float8, end_rev::float8) AS ret_f,
       cost_agg(spend, acquired) AS acq, cost_agg(spend, leads) AS leads,
       funnel_agg(stage, spend) AS funnel
FROM roll_events GROUP BY day, segment;
-- and per month and segment in a materialized view
CREATE MATERIALIZED VIEW roll_monthly AS
SELECT date_trunc('month', day)::date AS month, segment,
       ratio_agg(won, amount) AS deals, ratio_agg(won, amount_f) AS deals_f,
       ratio_agg(clicks, impressions) AS ads, score_agg(score) AS nps,
       score_agg(csat_score, 5) AS csat, retention_agg(start_rev, end_rev) AS ret,
       retention_agg(start_rev::float8, end_rev::float8) AS ret_f,
       cost_agg(spend, acquired) AS acq, cost_agg(spend, leads) AS leads,
       funnel_agg(stage, spend) AS funnel
FROM roll_events GROUP BY 1, 2;
SELECT (SELECT count(*) FROM roll_daily) > 300 AS many_daily_rows,
       (SELECT count(*) FROM roll_monthly) = 12 AS monthly_rows_3_months_4_segments;

-- same_summaries(a, b): every summary of two rows is the same text
CREATE FUNCTION pg_temp.same_summaries(a roll_direct, b roll_direct) RETURNS boolean
LANGUAGE sql AS $$
    SELECT a.deals::text = b.deals::text AND a.deals_f::text = b.deals_f::text
       AND a.ads::text = b.ads::text AND a.nps::text = b.nps::text AND a.csat::text = b.csat::text
       AND a.ret::text = b.ret::text AND a.ret_f::text = b.ret_f::text
       AND a.acq::text = b.acq::text AND a.leads::text = b.leads::text
       AND a.funnel::text = b.funnel::text
$$;

--
-- rollup() of the stored summaries equals the direct aggregate over all rows
--
SELECT pg_temp.same_summaries(
         (SELECT ROW(rollup(deals), rollup(deals_f), rollup(ads), rollup(nps), rollup(csat), rollup(ret),
                     rollup(ret_f), rollup(acq), rollup(leads), rollup(funnel))::roll_direct FROM roll_daily),
         (SELECT d FROM roll_direct d)) AS daily_rollup_equals_direct,
       pg_temp.same_summaries(
         (SELECT ROW(rollup(deals), rollup(deals_f), rollup(ads), rollup(nps), rollup(csat), rollup(ret),
                     rollup(ret_f), rollup(acq), rollup(leads), rollup(funnel))::roll_direct FROM roll_monthly),
         (SELECT d FROM roll_direct d)) AS monthly_rollup_equals_direct;

-- the same per segment (including the NULL segment) and per month
CREATE TEMP TABLE by_segment AS
SELECT segment, ratio_agg(won, amount)::text AS deals, score_agg(score)::text AS nps,
       retention_agg(start_rev, end_rev)::text AS ret, cost_agg(spend, acquired)::text AS acq,
       funnel_agg(stage, spend)::text AS funnel
FROM roll_events GROUP BY segment;
SELECT count(*) AS segments_4,
       bool_and(d.deals = s.deals AND d.nps = s.nps AND d.ret = s.ret AND d.acq = s.acq AND d.funnel = s.funnel)
         AS daily_rollup_per_segment
FROM by_segment s JOIN (SELECT segment, rollup(deals)::text AS deals, rollup(nps)::text AS nps,
                               rollup(ret)::text AS ret, rollup(acq)::text AS acq, rollup(funnel)::text AS funnel
                        FROM roll_daily GROUP BY segment) d
  ON d.segment IS NOT DISTINCT FROM s.segment;
SELECT count(*) AS months_x_segments_12,
       bool_and(d.deals = m.deals::text AND d.ret = m.ret::text AND d.funnel = m.funnel::text
                AND d.csat = m.csat::text AND d.leads = m.leads::text) AS daily_rollup_equals_monthly_view
FROM roll_monthly m JOIN (SELECT date_trunc('month', day)::date AS month, segment,
                                 rollup(deals)::text AS deals, rollup(ret)::text AS ret,
                                 rollup(funnel)::text AS funnel, rollup(csat)::text AS csat,
                                 rollup(leads)::text AS leads
                          FROM roll_daily GROUP BY 1, 2) d
  ON d.month = m.month AND d.segment IS NOT DISTINCT FROM m.segment;
-- rollups of rollups: day -> month -> all
SELECT (SELECT rollup(r) FROM (SELECT rollup(deals) AS r FROM roll_daily GROUP BY date_trunc('month', day)) q)::text
       = (SELECT deals::text FROM roll_direct) AS hierarchical;

--
-- The + operator, folded over the daily rows in date order, gives the same
--
WITH RECURSIVE ordered AS (
  SELECT row_number() OVER (ORDER BY day, segment NULLS FIRST) AS n, * FROM roll_daily
), folded AS (
  SELECT n, deals, deals_f, ads, nps, csat, ret, ret_f, acq, leads, funnel FROM ordered WHERE n = 1
  UNION ALL
  SELECT o.n, f.deals + o.deals, f.deals_f + o.deals_f, f.ads + o.ads, f.nps + o.nps, f.csat + o.csat,
         f.ret + o.ret, f.ret_f + o.ret_f, f.acq + o.acq, f.leads + o.leads, f.funnel + o.funnel
  FROM folded f JOIN ordered o ON o.n = f.n + 1
)
SELECT pg_temp.same_summaries(
         (SELECT ROW(deals, deals_f, ads, nps, csat, ret, ret_f, acq, leads, funnel)::roll_direct
          FROM folded ORDER BY n DESC LIMIT 1),
         (SELECT d FROM roll_direct d)) AS plus_fold_equals_direct;
-- and in the reverse order
WITH RECURSIVE ordered AS (
  SELECT row_number() OVER (ORDER BY day DESC, segment NULLS LAST) AS n, * FROM roll_daily
), folded AS (
  SELECT n, deals, nps, ret, acq, funnel FROM ordered WHERE n = 1
  UNION ALL
  SELECT o.n, o.deals + f.deals, o.nps + f.nps, o.ret + f.ret, o.acq + f.acq, o.funnel + f.funnel
  FROM folded f JOIN ordered o ON o.n = f.n + 1
)
SELECT deals::text = (SELECT deals::text FROM roll_direct) AND nps::text = (SELECT nps::text FROM roll_direct)
       AND ret::text = (SELECT ret::text FROM roll_direct) AND acq::text = (SELECT acq::text FROM roll_direct)
       AND funnel::text = (SELECT funnel::text FROM roll_direct) AS reverse_fold_equals_direct
FROM folded ORDER BY n DESC LIMIT 1;

--
-- The rolled-up numbers equal plain SQL sums and counts over the rows
--
CREATE TEMP TABLE rolled AS
SELECT rollup(deals) AS deals, rollup(deals_f) AS deals_f, rollup(ads) AS ads, rollup(nps) AS nps,
       rollup(csat) AS csat, rollup(ret) AS ret, rollup(acq) AS acq, rollup(leads) AS leads,
       rollup(funnel) AS funnel
FROM roll_daily;

-- deals: rows with a NULL outcome or amount are skipped
SELECT successes(deals) = (SELECT count(*) FROM roll_events WHERE won AND amount IS NOT NULL) AS successes,
       trials(deals) = (SELECT count(*) FROM roll_events WHERE won IS NOT NULL AND amount IS NOT NULL) AS trials,
       success_amount(deals) = (SELECT sum(amount) FROM roll_events WHERE won) AS won_amount,
       trial_amount(deals) = (SELECT sum(amount) FROM roll_events WHERE won IS NOT NULL) AS decided_amount,
       trial_amount(deals)::text = (SELECT sum(amount)::text FROM roll_events WHERE won IS NOT NULL) AS same_scale_as_sum,
       abs(weighted_win_rate(deals) - (SELECT ((sum(amount) FILTER (WHERE won)) / (sum(amount) FILTER (WHERE won IS NOT NULL)))::float8
                                       FROM roll_events)) < 1e-15 AS weighted_rate,
       success_amount(deals_f) = (SELECT sum(amount_f::numeric) FROM roll_events WHERE won) AS won_amount_f,
       trial_amount(deals_f) = (SELECT sum(amount_f::numeric) FROM roll_events WHERE won IS NOT NULL) AS decided_amount_f
FROM rolled;
SELECT successes(ads) = (SELECT sum(clicks) FROM roll_events) AS clicks,
       trials(ads) = (SELECT sum(impressions) FROM roll_events) AS impressions,
       rate(ads) = (SELECT sum(clicks)::float8 / sum(impressions) FROM roll_events) AS ctr
FROM rolled;
-- scores: every count, NPS and CSAT
SELECT bool_and(score_count(nps, k) = (SELECT count(*) FROM roll_events WHERE score = k)) AS nps_counts,
       bool_and(score_count(csat, k) = (SELECT count(*) FROM roll_events WHERE csat_score = k)) AS csat_counts,
       every(responses(nps) = (SELECT count(score) FROM roll_events)) AS responses
FROM rolled, generate_series(0, 10) k;
SELECT nps_score(nps) = (SELECT 100 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))::float8 / count(score)
                         FROM roll_events) AS nps,
       csat(csat) = (SELECT count(*) FILTER (WHERE csat_score >= 4)::float8 / count(*) FROM roll_events) AS csat
FROM rolled;
-- retention: the revenue bridge, account by account
SELECT accounts(ret) = (SELECT count(*) FROM roll_events WHERE start_rev > 0) AS accounts,
       churned_accounts(ret) = (SELECT count(*) FROM roll_events WHERE start_rev > 0 AND coalesce(end_rev, 0) = 0) AS churned_accounts,
       new_accounts(ret) = (SELECT count(*) FROM roll_events WHERE coalesce(start_rev, 0) = 0 AND end_rev > 0) AS new_accounts,
       start_revenue(ret) = (SELECT sum(start_rev) FROM roll_events WHERE start_rev > 0) AS start_revenue,
       expansion(ret) = (SELECT sum(end_rev - start_rev) FROM roll_events WHERE start_rev > 0 AND end_rev > start_rev) AS expansion,
       contraction(ret) = (SELECT sum(start_rev - end_rev) FROM roll_events WHERE start_rev > 0 AND end_rev > 0 AND end_rev < start_rev) AS contraction,
       churned_revenue(ret) = (SELECT sum(start_rev) FROM roll_events WHERE start_rev > 0 AND coalesce(end_rev, 0) = 0) AS churned_revenue,
       new_revenue(ret) = (SELECT sum(end_rev) FROM roll_events WHERE coalesce(start_rev, 0) = 0 AND end_rev > 0) AS new_revenue,
       end_revenue(ret) = (SELECT sum(coalesce(end_rev, 0)) FROM roll_events WHERE start_rev > 0) AS end_revenue,
       retained_revenue(ret) = (SELECT sum(least(start_rev, coalesce(end_rev, 0))) FROM roll_events WHERE start_rev > 0) AS retained_revenue,
       abs(nrr(ret) - (SELECT (sum(coalesce(end_rev, 0)) / sum(start_rev))::float8 FROM roll_events WHERE start_rev > 0)) < 1e-15 AS nrr,
       abs(grr(ret) - (SELECT (sum(least(start_rev, coalesce(end_rev, 0))) / sum(start_rev))::float8 FROM roll_events WHERE start_rev > 0)) < 1e-15 AS grr
FROM rolled;
-- cost: all spend over the accounts acquired; spend over leads
SELECT spend(acq) = (SELECT sum(spend) FROM roll_events) AS spend,
       units(acq) = (SELECT count(*) FROM roll_events WHERE acquired) AS acquired,
       cac(acq) = (SELECT sum(spend) / count(*) FILTER (WHERE acquired) FROM roll_events) AS cac,
       units(leads) = (SELECT sum(leads) FROM roll_events) AS leads,
       cpl(leads) = (SELECT sum(spend) / sum(leads) FROM roll_events) AS cpl
FROM rolled;
-- funnel: accounts reaching each stage, and the spend
SELECT bool_and(stage_accounts(funnel, s) = (SELECT count(*) FROM roll_events WHERE stage >= s)) AS reaching_each_stage,
       every(spend(funnel) = (SELECT sum(spend) FROM roll_events)) AS spend
FROM rolled, (SELECT abm_stage(p) AS s FROM generate_series(1, 6) p) st;

--
-- Moving and running windows over the stored days: a 7-day window rolled up
-- equals the direct aggregate over the same 7 days
--
CREATE TEMP TABLE per_day AS
SELECT day, rollup(deals) AS deals, rollup(funnel) AS funnel, rollup(ret) AS ret,
       rollup(nps) AS nps, rollup(acq) AS acq
FROM roll_daily GROUP BY day;
SELECT count(*) AS days,
       bool_and(w.deals = (SELECT ratio_agg(won, amount)::text FROM roll_events e
                           WHERE e.day BETWEEN w.day - 6 AND w.day)) AS deals_7_days,
       bool_and(w.funnel = (SELECT funnel_agg(stage, spend)::text FROM roll_events e
                            WHERE e.day BETWEEN w.day - 6 AND w.day)) AS funnel_7_days,
       bool_and(w.nps = (SELECT score_agg(score)::text FROM roll_events e
                         WHERE e.day BETWEEN w.day - 6 AND w.day)) AS nps_7_days,
       bool_and(w.acq = (SELECT cost_agg(spend, acquired)::text FROM roll_events e
                         WHERE e.day BETWEEN w.day - 6 AND w.day)) AS acq_7_days,
       bool_and(w.ret = (SELECT retention_agg(start_rev, end_rev)::text FROM roll_events e
                         WHERE e.day BETWEEN w.day - 6 AND w.day)) AS retention_7_days,
       bool_and(w.running = (SELECT retention_agg(start_rev, end_rev)::text FROM roll_events e
                             WHERE e.day <= w.day)) AS retention_to_date
FROM (SELECT day,
             (rollup(deals) OVER (ORDER BY day RANGE BETWEEN '6 days' PRECEDING AND CURRENT ROW))::text AS deals,
             (rollup(funnel) OVER (ORDER BY day RANGE BETWEEN '6 days' PRECEDING AND CURRENT ROW))::text AS funnel,
             (rollup(nps) OVER (ORDER BY day RANGE BETWEEN '6 days' PRECEDING AND CURRENT ROW))::text AS nps,
             (rollup(acq) OVER (ORDER BY day RANGE BETWEEN '6 days' PRECEDING AND CURRENT ROW))::text AS acq,
             (rollup(ret) OVER (ORDER BY day RANGE BETWEEN '6 days' PRECEDING AND CURRENT ROW))::text AS ret,
             (rollup(ret) OVER (ORDER BY day))::text AS running
      FROM per_day) w;

--
-- Moving windows over rows (each row enters and later leaves the frame): 50
-- rows at a time, against the direct aggregate over the same 50 rows
--
CREATE TEMP TABLE win_rows AS SELECT * FROM roll_events WHERE i <= 2000;
CREATE TEMP TABLE moving AS
SELECT i, ratio_agg(won, amount) OVER w AS deals, ratio_agg(won, amount_f) OVER w AS deals_f,
       ratio_agg(clicks, impressions) OVER w AS ads, win_rate(won, amount) OVER w AS weighted,
       score_agg(score) OVER w AS nps, csat(csat_score, 5) OVER w AS csat_5,
       retention_agg(start_rev, end_rev) OVER w AS ret, nrr(start_rev, end_rev) OVER w AS nrr,
       cost_agg(spend, acquired) OVER w AS acq, cpl(spend, leads) OVER w AS cpl,
       funnel_agg(stage, spend) OVER w AS funnel
FROM win_rows WINDOW w AS (ORDER BY i ROWS BETWEEN 49 PRECEDING AND CURRENT ROW);
SELECT count(*) AS frames,
       bool_and(successes(m.deals) = successes(d.deals) AND trials(m.deals) = trials(d.deals)
                AND success_amount(m.deals) = success_amount(d.deals)
                AND trial_amount(m.deals) = trial_amount(d.deals)) AS deals,
       bool_and(success_amount(m.deals_f) = success_amount(d.deals_f)
                AND trial_amount(m.deals_f) = trial_amount(d.deals_f)) AS deals_f,
       bool_and(m.ads::text = d.ads::text) AS ads,
       bool_and(m.weighted IS NOT DISTINCT FROM d.weighted) AS weighted,
       bool_and(m.nps::text = d.nps::text) AS nps,
       bool_and(m.csat_5 IS NOT DISTINCT FROM d.csat_5) AS csat_5,
       bool_and(accounts(m.ret) = accounts(d.ret) AND churned_accounts(m.ret) = churned_accounts(d.ret)
                AND new_accounts(m.ret) = new_accounts(d.ret) AND start_revenue(m.ret) = start_revenue(d.ret)
                AND expansion(m.ret) = expansion(d.ret) AND contraction(m.ret) = contraction(d.ret)
                AND churned_revenue(m.ret) = churned_revenue(d.ret) AND new_revenue(m.ret) = new_revenue(d.ret)) AS ret,
       bool_and(m.nrr IS NOT DISTINCT FROM d.nrr) AS nrr,
       bool_and(spend(m.acq) = spend(d.acq) AND units(m.acq) = units(d.acq)) AS acq,
       bool_and(m.cpl IS NOT DISTINCT FROM d.cpl) AS cpl,
       bool_and(m.funnel::text = d.funnel::text) AS funnel
FROM moving m,
     LATERAL (SELECT ratio_agg(won, amount) AS deals, ratio_agg(won, amount_f) AS deals_f,
                     ratio_agg(clicks, impressions) AS ads, win_rate(won, amount) AS weighted,
                     score_agg(score) AS nps, csat(csat_score, 5) AS csat_5,
                     retention_agg(start_rev, end_rev) AS ret, nrr(start_rev, end_rev) AS nrr,
                     cost_agg(spend, acquired) AS acq, cpl(spend, leads) AS cpl,
                     funnel_agg(stage, spend) AS funnel
              FROM win_rows e WHERE e.i BETWEEN m.i - 49 AND m.i) d;

--
-- Incremental maintenance: a new day arrives, only its summaries are added;
-- the materialized view is refreshed.  Everything still agrees.
--
INSERT INTO roll_events
SELECT 20000 + i, date '2024-03-31', (ARRAY['enterprise', 'mid'])[1 + i % 2], i % 4 = 0, i * 10.5,
       i * 1.25::float8, i, i * 10, i % 11, 1 + i % 5, NULLIF(i % 3, 0) * 100.0, (i % 5) * 75.0,
       i * 0.5, i % 10 = 0, i % 3, abm_stage(1 + i % 6)
FROM generate_series(1, 500) i;
INSERT INTO roll_daily
SELECT day, segment,
       ratio_agg(won, amount), ratio_agg(won, amount_f), ratio_agg(clicks, impressions), score_agg(score),
       score_agg(csat_score, 5), retention_agg(start_rev, end_rev),
       retention_agg(start_rev::float8, end_rev::float8), cost_agg(spend, acquired), cost_agg(spend, leads),
       funnel_agg(stage, spend)
FROM roll_events WHERE i > 20000 GROUP BY day, segment;
REFRESH MATERIALIZED VIEW roll_monthly;
SELECT pg_temp.same_summaries(
         (SELECT ROW(rollup(deals), rollup(deals_f), rollup(ads), rollup(nps), rollup(csat), rollup(ret),
                     rollup(ret_f), rollup(acq), rollup(leads), rollup(funnel))::roll_direct FROM roll_daily),
         (SELECT d FROM roll_direct d)) AS daily_after_new_day,
       pg_temp.same_summaries(
         (SELECT ROW(rollup(deals), rollup(deals_f), rollup(ads), rollup(nps), rollup(csat), rollup(ret),
                     rollup(ret_f), rollup(acq), rollup(leads), rollup(funnel))::roll_direct FROM roll_monthly),
         (SELECT d FROM roll_direct d)) AS monthly_after_refresh,
       (SELECT trials(rollup(deals)) FROM roll_daily) = (SELECT count(*) FROM roll_events WHERE won IS NOT NULL AND amount IS NOT NULL)
         AS trials_after_new_day;

--
-- rollup() over nothing, over NULLs, and with a FILTER: the empty summary
--
SELECT rollup(deals)::text = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0' AS no_rows,
       win_rate(rollup(deals)) IS NULL AS no_rows_rate
FROM roll_daily WHERE false;
SELECT rollup(s)::text = 'v1 units=0 spend=0' AS only_nulls
FROM (VALUES (NULL::cost_summary), (NULL)) v(s);
SELECT rollup(deals) FILTER (WHERE day < '2000-01-01')::text
         = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0' AS filtered,
       rollup(nps) FILTER (WHERE day < '2000-01-01')::text
         = 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0' AS filtered_scores,
       rollup(ret) FILTER (WHERE day < '2000-01-01')::text
         = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0' AS filtered_retention,
       rollup(funnel) FILTER (WHERE day < '2000-01-01')::text
         = 'v1 furthest=0,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0' AS filtered_funnel
FROM roll_daily;
-- NULL summaries among real ones are skipped
SELECT rollup(s)::text = 'v1 units=3 spend=7.5' AS nulls_skipped
FROM (VALUES ('v1 units=1 spend=2.5'::cost_summary), (NULL), ('v1 units=2 spend=5')) v(s);

DROP FUNCTION pg_temp.same_summaries(roll_direct, roll_direct);
DROP MATERIALIZED VIEW roll_monthly;
DROP VIEW roll_direct;
DROP TABLE roll_events, roll_daily;
