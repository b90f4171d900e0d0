-- KPI report over the sample data set (demo/sample.sql), with abm.
-- abm returns rates as fractions (0.25) and NPS as an index (-100..100);
-- pct() below only formats fractions for reading.

SET search_path = abm_demo, public;
SET client_min_messages = warning;

CREATE OR REPLACE FUNCTION pct(fraction double precision, digits integer DEFAULT 1)
RETURNS text LANGUAGE sql IMMUTABLE STRICT
AS $$ SELECT to_char(100 * fraction, 'FM99990.' || repeat('0', digits)) || '%' $$;

\echo '================================================================'
\echo ' abm demo: ABM KPI report, Q1 sample (40 target accounts)'
\echo '================================================================'

\echo
\echo '== 1. Funnel =='
\echo 'Cumulative: an account counts in every stage up to its furthest one.'
\echo 'Spend per account = all ABM spend / accounts that reached the stage.'
WITH funnel AS (
    SELECT abm_stage(n) AS stage,
           count(*) FILTER (WHERE a.furthest_stage >= abm_stage(n)) AS accounts,
           count(*) FILTER (WHERE a.furthest_stage >= abm_stage(n) AND a.tier = 1) AS tier_1,
           count(*) FILTER (WHERE a.furthest_stage >= abm_stage(n) AND a.tier = 2) AS tier_2,
           count(*) FILTER (WHERE a.furthest_stage >= abm_stage(n) AND a.tier = 3) AS tier_3,
           cost_agg(a.spend, a.furthest_stage >= abm_stage(n)) AS cost
    FROM generate_series(1, 6) AS n
    CROSS JOIN accounts AS a
    GROUP BY n
)
SELECT stage,
       accounts,
       tier_1 AS "tier 1",
       tier_2 AS "tier 2",
       tier_3 AS "tier 3",
       pct(accounts::double precision / lag(accounts) OVER (ORDER BY stage)) AS "from previous",
       round(cost_per_unit(cost), 2) AS "spend per account"
FROM funnel
ORDER BY stage;

\echo 'The same funnel from one summary, funnel_agg(), read by funnel_stages():'
SELECT stage, accounts, pct(share_of_target) AS "of target", bar
FROM funnel_stages((SELECT funnel_agg(furthest_stage, spend) FROM accounts));

\echo
\echo '== 2. Opportunities =='
\echo 'Win rate = won / (won + lost); open deals are left out.'
\echo 'Amount-weighted win rate = won amount / (won + lost amount).'
SELECT coalesce('tier ' || a.tier, 'all') AS accounts,
       count(*) FILTER (WHERE o.won) AS won,
       count(*) FILTER (WHERE NOT o.won) AS lost,
       count(*) FILTER (WHERE o.won IS NULL) AS open,
       pct(win_rate(o.won)) AS "win rate",
       pct(win_rate(o.won, o.amount)) AS "weighted win rate",
       coalesce(sum(o.amount) FILTER (WHERE o.won), 0) AS "won amount",
       coalesce(sum(o.amount) FILTER (WHERE o.won IS NULL), 0) AS "open pipeline"
FROM opportunities AS o
JOIN accounts AS a USING (account_id)
GROUP BY GROUPING SETS ((a.tier), ())
ORDER BY grouping(a.tier), a.tier;

\echo 'How sure is that win rate? Its 95% Wilson score interval:'
SELECT pct(win_rate(deals)) AS "win rate",
       pct(lower) AS "95% interval from",
       pct(upper) AS "to"
FROM (SELECT ratio_agg(won) AS deals FROM opportunities) AS closed,
     wilson_interval(deals);

\echo
\echo '== 3. Customer voice =='
\echo 'NPS = 100 * (promoters 9-10 - detractors 0-6) / responses.'
SELECT responses(s) AS responses,
       promoters(s) AS promoters,
       passives(s) AS passives,
       detractors(s) AS detractors,
       round(nps_score(s)::numeric, 1) AS nps,
       round(i.lower::numeric, 1) AS "95% interval from",
       round(i.upper::numeric, 1) AS "to"
FROM (SELECT score_agg(score) AS s FROM nps_responses) AS survey,
     nps_interval(s) AS i;

\echo 'CSAT = share of 1-5 answers that are 4 or 5.'
SELECT count(*) AS responses,
       pct(csat(score)) AS csat,
       round(mean_score(score_agg(score, 5))::numeric, 2) AS "mean score"
FROM csat_responses;

\echo
\echo '== 4. Revenue retention (ARR, start to end of quarter) =='
\echo 'NRR = end / start ARR of existing customers; GRR caps each account at its start ARR.'
\echo 'New customers (no start ARR) are left out of both.'
SELECT accounts(r) AS customers,
       start_revenue(r) AS "start ARR",
       expansion(r) AS expansion,
       contraction(r) AS contraction,
       churned_revenue(r) AS churn,
       end_revenue(r) AS "end ARR",
       pct(nrr(r)) AS nrr,
       pct(grr(r)) AS grr,
       pct(logo_retention(r)) AS "logo retention"
FROM (SELECT retention_agg(arr_start, arr_end) AS r FROM revenue) AS quarter;

SELECT new_accounts(r) AS "new customers",
       new_revenue(r) AS "new ARR",
       churned_accounts(r) AS "churned customers"
FROM (SELECT retention_agg(arr_start, arr_end) AS r FROM revenue) AS quarter;

\echo
\echo '== 5. Acquisition cost =='
\echo 'CAC = all ABM spend (won or not) / accounts acquired.'
SELECT sum(spend) AS "ABM spend",
       count(*) FILTER (WHERE acquired) AS acquired,
       round(cac(spend, acquired), 2) AS cac
FROM accounts;

\echo 'Paid media: CTR = clicks / impressions, CPL = spend / leads.'
SELECT coalesce(campaign, 'all') AS campaign,
       sum(impressions) AS impressions,
       sum(clicks) AS clicks,
       pct(ctr(clicks, impressions), 2) AS ctr,
       sum(spend) AS spend,
       sum(leads) AS leads,
       round(cpl(spend, leads), 2) AS cpl
FROM ads
GROUP BY GROUPING SETS ((campaign), ())
ORDER BY grouping(campaign), campaign;

\echo
\echo '== 6. Stored daily summaries, rolled up later =='
\echo 'Aggregate once a day into summaries, store them, and roll them up exactly'
\echo 'to any coarser grain with rollup().'
DROP TABLE IF EXISTS daily_ads;
CREATE TABLE daily_ads (
    day       date,
    campaign  text,
    clicks    ratio_summary NOT NULL,  -- clicks out of impressions
    lead_cost cost_summary NOT NULL,   -- spend and leads
    PRIMARY KEY (day, campaign)
);
INSERT INTO daily_ads
SELECT day, campaign, ratio_agg(clicks, impressions), cost_agg(spend, leads)
FROM ads
GROUP BY day, campaign;

DROP TABLE IF EXISTS daily_nps;
CREATE TABLE daily_nps (
    day    date PRIMARY KEY,
    scores score_summary NOT NULL
);
INSERT INTO daily_nps
SELECT responded_on, score_agg(score)
FROM nps_responses
GROUP BY responded_on;

\echo 'Stored rows (text form of the summaries):'
SELECT day, campaign, clicks, lead_cost
FROM daily_ads
WHERE day = '2024-03-04'
ORDER BY campaign;

\echo 'The week, rolled up from the daily rows:'
SELECT coalesce(campaign, 'all') AS campaign,
       pct(rate(rollup(clicks)), 2) AS ctr,
       round(cpl(rollup(lead_cost)), 2) AS cpl,
       count(*) AS "daily rows"
FROM daily_ads
GROUP BY GROUPING SETS ((campaign), ())
ORDER BY grouping(campaign), campaign;

\echo 'NPS: rolling up daily summaries gives the exact weekly NPS; averaging daily NPS does not.'
SELECT round(nps_score(rollup(scores))::numeric, 1) AS "rollup of daily summaries",
       (SELECT round(nps_score(score)::numeric, 1) FROM nps_responses) AS "from raw responses",
       round(avg(nps_score(scores))::numeric, 1) AS "mean of daily NPS (wrong)"
FROM daily_nps;
