-- The abm demo dashboard over the warehouse of demo/warehouse.sql.
--
--   psql -X -v ON_ERROR_STOP=1 -P footer=off -d DB -f demo/dashboard.sql
--
-- Every figure is computed by abm: rates come back as fractions (0.25) and
-- NPS as an index (-100..100); pct() and the round() calls only format them.
-- The reporting year is 2025, the last of the warehouse's three (2023 is a
-- ramp-up year; 2024 and 2025 are comparable).

\set ON_ERROR_STOP on
SET search_path = warehouse, public;
SET client_min_messages = warning;

CREATE OR REPLACE FUNCTION pg_temp.pct(fraction double precision, digits integer DEFAULT 1)
RETURNS text LANGUAGE sql IMMUTABLE STRICT
AS $$ SELECT to_char(100 * fraction, 'FM99990.' || repeat('0', digits)) || '%' $$;

\echo '======================================================================'
\echo ' abm demo dashboard: a B2B ABM warehouse, 2023-2025 (report year 2025)'
\echo '======================================================================'
SELECT (SELECT count(*) FROM accounts) AS accounts,
       (SELECT count(*) FROM accounts WHERE is_target) AS "target accounts",
       (SELECT count(*) FROM contacts) AS contacts,
       (SELECT count(*) FROM touches) AS touches,
       (SELECT count(*) FROM opportunities) AS opportunities,
       (SELECT count(*) FROM survey_responses) AS "survey answers",
       (SELECT count(*) FROM campaign_days) AS "campaign days";

\echo
\echo '== 1. Account funnel (target accounts, 2023-2025) =='
\echo 'Cumulative: an account counts at every stage up to its furthest. Spend per'
\echo 'account = all paid spend on the target accounts / accounts reaching the stage.'
SELECT stage,
       accounts,
       pg_temp.pct(share_of_target) AS "of target",
       pg_temp.pct(conversion_rate) AS "from previous",
       round(spend_per_account) AS "spend/account",
       round(avg_days_from_previous::numeric, 1) AS "days from previous",
       bar
FROM funnel_stages((SELECT funnel_agg(a.reached_at, coalesce(s.spend, 0))
                    FROM accounts AS a LEFT JOIN account_spend AS s USING (account_id)
                    WHERE a.is_target));

\echo
\echo '== 2. Win rate by tier (new-business deals closed in 2025) =='
\echo 'Win rate = won / (won + lost); open deals are left out. The 95% Wilson'
\echo 'interval says how far the rate could be from the truth with this many deals.'
SELECT coalesce('tier ' || a.tier, 'all') AS accounts,
       successes(d) AS won,
       failures(d) AS lost,
       pg_temp.pct(win_rate(d)) AS "win rate",
       pg_temp.pct(wilson_lower(d)) || ' .. ' || pg_temp.pct(wilson_upper(d)) AS "95% interval",
       pg_temp.pct(weighted_win_rate(d)) AS "amount-weighted",
       success_amount(d) AS "won ACV"
FROM (SELECT a.tier, ratio_agg(o.won, o.amount) AS d
      FROM opportunities AS o JOIN accounts AS a USING (account_id)
      WHERE o.kind = 'new business' AND o.closed_at >= '2025-01-01' AND o.closed_at < '2026-01-01'
      GROUP BY GROUPING SETS ((a.tier), ())) AS a
ORDER BY a.tier NULLS LAST;

\echo
\echo '== 3. Revenue retention, January to December 2025 (ARR = 12 x MRR) =='
\echo 'NRR = December ARR / January ARR of January customers; GRR caps each at its'
\echo 'January ARR. Churned customers count with 0; new 2025 customers count in neither.'
WITH arr AS (
    SELECT coalesce(j.account_id, d.account_id) AS account_id,
           12 * j.mrr AS start_arr, 12 * d.mrr AS end_arr
    FROM (SELECT account_id, mrr FROM subscriptions WHERE month = '2025-01-01') AS j
    FULL JOIN (SELECT account_id, mrr FROM subscriptions WHERE month = '2025-12-01') AS d USING (account_id)
)
SELECT coalesce('tier ' || tier, 'all') AS accounts,
       accounts(r) AS customers,
       start_revenue(r) AS "start ARR",
       expansion(r) AS expansion,
       contraction(r) AS contraction,
       churned_revenue(r) AS churn,
       end_revenue(r) AS "end ARR",
       pg_temp.pct(nrr(r)) AS nrr,
       pg_temp.pct(grr(r)) AS grr,
       pg_temp.pct(logo_retention(r)) AS "logo retention",
       new_accounts(r) AS "new customers"
FROM (SELECT a.tier, retention_agg(arr.start_arr, arr.end_arr) AS r
      FROM arr JOIN accounts AS a USING (account_id)
      GROUP BY GROUPING SETS ((a.tier), ())) AS t
ORDER BY tier NULLS LAST;

\echo
\echo '== 4. Customer voice by quarter =='
\echo 'NPS = 100 x (promoters 9-10 - detractors 0-6) / answers, with its 95% margin'
\echo 'of error; CSAT = share of 1-5 support ratings that are 4 or 5.'
SELECT to_char(q.quarter, 'YYYY "Q"Q') AS quarter,
       responses(q.nps) AS answers,
       round(i.nps::numeric, 1) AS nps,
       '± ' || round(((i.upper - i.lower) / 2)::numeric, 1) AS margin,
       round(i.lower::numeric, 1) || ' .. ' || round(i.upper::numeric, 1) AS "95% interval",
       responses(q.csat) AS ratings,
       pg_temp.pct(csat(q.csat)) AS csat
FROM (SELECT date_trunc('quarter', responded_at) AS quarter,
             score_agg(score) FILTER (WHERE survey = 'nps') AS nps,
             score_agg(score, 5) FILTER (WHERE survey = 'csat') AS csat
      FROM survey_responses
      GROUP BY 1) AS q
CROSS JOIN LATERAL nps_interval(q.nps) AS i
ORDER BY q.quarter;

\echo 'Did NPS move between the last two quarters? (z-test of two NPS)'
SELECT round(t.difference::numeric, 1) AS "Q4 - Q3",
       round(t.z::numeric, 2) AS z,
       round(t.p_value::numeric, 3) AS "p-value"
FROM nps_test((SELECT score_agg(score) FROM survey_responses
               WHERE survey = 'nps' AND responded_at >= '2025-10-01' AND responded_at < '2026-01-01'),
              (SELECT score_agg(score) FROM survey_responses
               WHERE survey = 'nps' AND responded_at >= '2025-07-01' AND responded_at < '2025-10-01')) AS t;

\echo
\echo '== 5. Paid channels in 2025 =='
\echo 'CTR = clicks / impressions (email: clicks / delivered); CPL = spend / leads.'
SELECT c.channel,
       sum(cd.impressions) AS impressions,
       sum(cd.delivered) AS delivered,
       sum(cd.clicks) AS clicks,
       pg_temp.pct(ctr(cd.clicks, cd.impressions), 3) AS ctr,
       pg_temp.pct(vtr(cd.completed_views, cd.impressions)) AS "video completion",
       pg_temp.pct(open_rate(cd.opened, cd.delivered)) AS "open rate",
       pg_temp.pct(click_rate(cd.clicks, cd.delivered), 2) AS "click rate",
       sum(cd.spend) AS spend,
       sum(cd.leads) AS leads,
       round(cpl(cd.spend, cd.leads), 2) AS cpl
FROM campaign_days AS cd JOIN campaigns AS c USING (campaign_id)
WHERE cd.day >= '2025-01-01'
GROUP BY c.channel
ORDER BY sum(cd.spend) DESC;

\echo 'Is the best ad CTR really better than the runner-up? (two-proportion z-test)'
WITH ad AS (
    SELECT c.channel, ratio_agg(cd.clicks, cd.impressions) AS clicks
    FROM campaign_days AS cd JOIN campaigns AS c USING (campaign_id)
    WHERE cd.day >= '2025-01-01' AND cd.impressions IS NOT NULL
    GROUP BY c.channel
), ranked AS (
    SELECT channel, clicks, row_number() OVER (ORDER BY rate(clicks) DESC) AS place FROM ad
)
SELECT b.channel AS best, pg_temp.pct(rate(b.clicks), 3) AS "its CTR",
       r.channel AS "runner-up", pg_temp.pct(rate(r.clicks), 3) AS "its CTR ",
       pg_temp.pct(t.difference, 3) AS difference,
       round(t.z::numeric, 1) AS z,
       CASE WHEN t.p_value < 0.001 THEN '< 0.001' ELSE round(t.p_value::numeric, 3)::text END AS "p-value"
FROM ranked AS b
JOIN ranked AS r ON b.place = 1 AND r.place = 2
CROSS JOIN LATERAL proportion_test(b.clicks, r.clicks) AS t;

\echo
\echo '== 6. Acquisition cost (target accounts, 2023-2025) =='
\echo 'All paid spend on target accounts, divided by the accounts that reached each'
\echo 'stage: spend on accounts that never got there is still cost.'
SELECT sum(coalesce(s.spend, 0)) AS spend,
       round(cost_per_unit(cost_agg(coalesce(s.spend, 0), a.furthest_stage >= 'engaged')), 2) AS "per engaged",
       round(cost_per_unit(cost_agg(coalesce(s.spend, 0), a.furthest_stage >= 'opportunity')), 2) AS "per opportunity",
       round(cac(coalesce(s.spend, 0), a.furthest_stage >= 'won'), 2) AS "CAC (per won)",
       count(*) FILTER (WHERE a.furthest_stage >= 'won') AS "won accounts"
FROM accounts AS a LEFT JOIN account_spend AS s USING (account_id)
WHERE a.is_target;

\echo 'Unit economics: LTV from December ARPA, 80% gross margin and 2025 monthly'
\echo 'logo churn; LTV/CAC and months to pay back CAC.'
WITH economics AS (
    SELECT (SELECT avg(mrr) FROM subscriptions WHERE month = '2025-12-01') AS arpa,
           (SELECT 1 - power(logo_retention(retention_agg(j.mrr, d.mrr)), 1.0 / 11)
            FROM (SELECT account_id, mrr FROM subscriptions WHERE month = '2025-01-01') AS j
            LEFT JOIN (SELECT account_id, mrr FROM subscriptions WHERE month = '2025-12-01') AS d
                   USING (account_id)) AS monthly_churn,
           (SELECT cac(coalesce(s.spend, 0), a.furthest_stage >= 'won')
            FROM accounts AS a LEFT JOIN account_spend AS s USING (account_id)
            WHERE a.is_target) AS cac
)
SELECT round(arpa, 2) AS "monthly ARPA",
       pg_temp.pct(monthly_churn, 2) AS "monthly churn",
       round(clv(arpa, 0.8, monthly_churn)) AS ltv,
       round(cac) AS cac,
       round(ltv_to_cac(clv(arpa, 0.8, monthly_churn), cac)::numeric, 1) AS "LTV/CAC",
       round(cac_payback_months(cac, arpa, 0.8)::numeric, 1) AS "payback months"
FROM economics;

\echo
\echo '== 7. Rolled up from stored daily summaries =='
\echo 'A nightly job stores one row per day and channel (daily_channel_summaries) and'
\echo 'per day and tier (daily_nps_summaries); rollup() combines them exactly.'
SELECT to_char(date_trunc('quarter', day), 'YYYY "Q"Q') AS quarter,
       count(*) AS "daily rows",
       pg_temp.pct(rate(rollup(clicks) FILTER (WHERE channel = 'linkedin')), 3) AS "LinkedIn CTR",
       pg_temp.pct(rate(rollup(clicks) FILTER (WHERE channel = 'display')), 3) AS "display CTR",
       round(cpl(rollup(lead_cost)), 2) AS "CPL, all channels"
FROM daily_channel_summaries
WHERE day >= '2025-01-01'
GROUP BY 1
ORDER BY 1;

\echo 'The same 2025 figures from the raw rows, to show the rollup is exact:'
SELECT pg_temp.pct(ctr(cd.clicks, cd.impressions) FILTER (WHERE c.channel = 'linkedin'), 3) AS "LinkedIn CTR",
       pg_temp.pct(ctr(cd.clicks, cd.impressions) FILTER (WHERE c.channel = 'display'), 3) AS "display CTR",
       round(cpl(cd.spend, cd.leads), 2) AS "CPL, all channels",
       (SELECT rollup(clicks) FROM daily_channel_summaries WHERE day >= '2025-01-01' AND channel = 'linkedin')::text
         = (ratio_agg(cd.clicks, cd.impressions) FILTER (WHERE c.channel = 'linkedin'))::text AS "same LinkedIn summary"
FROM campaign_days AS cd JOIN campaigns AS c USING (campaign_id)
WHERE cd.day >= '2025-01-01';

\echo '2025 NPS by tier: rollup of the daily summaries is exact; the mean of the'
\echo 'daily NPS values (what a dashboard averaging a stored NPS would show) is not.'
SELECT coalesce('tier ' || tier, 'all') AS accounts,
       count(*) AS "daily rows",
       responses(rollup(scores)) AS answers,
       round(nps_score(rollup(scores))::numeric, 1) AS "NPS (rollup)",
       round(avg(nps_score(scores))::numeric, 1) AS "mean of daily NPS (wrong)"
FROM daily_nps_summaries
WHERE day >= '2025-01-01'
GROUP BY GROUPING SETS ((tier), ())
ORDER BY tier NULLS LAST;

\echo
\echo '== 8. Pipeline by tier at the end of 2025 (all opportunities) =='
\echo 'Open = still open at the period end, with its stage probability; won, lost and'
\echo 'the cycles count the deals closed in 2025. Velocity = open deals x win rate x'
\echo 'average deal / mean cycle days (money per day); the median cycle is the sketch'
\echo 'quantile sales_cycle_days(s, 0.5).'
SELECT coalesce('tier ' || tier, 'all') AS accounts,
       open_opportunities(p) AS open,
       round(pipeline_amount(p)) AS pipeline,
       round(weighted_pipeline(p)) AS weighted,
       won_opportunities(p) AS won,
       lost_opportunities(p) AS lost,
       round(won_amount(p)) AS bookings,
       pg_temp.pct(win_rate(p)) AS "win rate",
       round(average_deal_size(p)) AS "average deal",
       round(sales_cycle_days(p)::numeric, 1) AS "mean cycle",
       round(sales_cycle_days(p, 0.5)::numeric, 1) AS "median cycle",
       round(pipeline_velocity(p)) AS "velocity/day"
FROM (SELECT a.tier,
             pipeline_agg(o.won, o.amount, o.created_at, coalesce(o.closed_at, o.expected_close_at), o.probability) AS p
      FROM opportunities AS o JOIN accounts AS a USING (account_id)
      WHERE o.status = 'open' OR o.closed_at >= '2025-01-01'
      GROUP BY GROUPING SETS ((a.tier), ())) AS t
ORDER BY tier NULLS LAST;

\echo
\echo '== 9. Attribution by channel: new-business pipeline created and revenue won in 2025 =='
\echo 'Each deal''s amount is split over its account''s touches up to the deal''s'
\echo 'creation (pipeline) or close (won), in touch order; W-shaped and full path read'
\echo 'the lead-created, opportunity-created and closed-won milestones of the touches.'
\echo 'Time decay: 30-day half-life to the conversion. Every column sums exactly to the'
\echo 'total of the deals (last row).'
CREATE TEMP TABLE credited AS
WITH conversions AS (
    SELECT 'pipeline' AS measure, opportunity_id, account_id, amount, created_at AS converted_at
    FROM opportunities
    WHERE kind = 'new business' AND created_at >= '2025-01-01'
    UNION ALL
    SELECT 'won', opportunity_id, account_id, amount, closed_at
    FROM opportunities
    WHERE kind = 'new business' AND status = 'won' AND closed_at >= '2025-01-01'
)
SELECT c.measure, t.channel,
       attributed_amount(c.amount, 'first_touch') OVER w AS first_touch,
       attributed_amount(c.amount, 'last_touch') OVER w AS last_touch,
       attributed_amount(c.amount, 'linear') OVER w AS linear,
       attributed_amount(c.amount, 'u_shaped') OVER w AS u_shaped,
       attributed_amount(c.amount, 'time_decay', t.touched_at, c.converted_at, interval '30 days') OVER w AS time_decay,
       attributed_amount(c.amount, 'w_shaped', t.milestones) OVER w AS w_shaped,
       attributed_amount(c.amount, 'full_path', t.milestones) OVER w AS full_path
FROM conversions AS c
JOIN touches AS t ON t.account_id = c.account_id AND t.touched_at <= c.converted_at
WINDOW w AS (PARTITION BY c.measure, c.opportunity_id ORDER BY t.touched_at, t.touch_id);

SELECT measure, coalesce(channel, 'total') AS channel,
       sum(first_touch) AS "first touch", sum(last_touch) AS "last touch", sum(linear) AS linear,
       sum(u_shaped) AS "U-shaped", sum(time_decay) AS "time decay",
       sum(w_shaped) AS "W-shaped", sum(full_path) AS "full path"
FROM credited
GROUP BY GROUPING SETS ((measure, channel), (measure))
ORDER BY measure DESC, channel IS NULL, sum(linear) DESC;

\echo 'Reconciliation: under every model the credits sum to the deals'' total.'
SELECT c.measure, c.deals, c.amount,
       bool_and(x.total = c.amount) AS "every model sums to the amount"
FROM (SELECT 'pipeline' AS measure, count(*) AS deals, sum(amount) AS amount
      FROM opportunities WHERE kind = 'new business' AND created_at >= '2025-01-01'
      UNION ALL
      SELECT 'won', count(*), sum(amount)
      FROM opportunities WHERE kind = 'new business' AND status = 'won' AND closed_at >= '2025-01-01') AS c
JOIN (SELECT measure, unnest(ARRAY[sum(first_touch), sum(last_touch), sum(linear), sum(u_shaped),
                                   sum(time_decay), sum(w_shaped), sum(full_path)]) AS total
      FROM credited GROUP BY measure) AS x USING (measure)
GROUP BY c.measure, c.deals, c.amount
ORDER BY c.measure DESC;
DROP TABLE credited;

\echo
\echo '== 10. Target accounts engaged, by quarter (from stored daily account sets) =='
\echo 'daily_engaged_accounts keeps, per day, the set of accounts active after they'
\echo 'engaged; a quarter''s engaged accounts are the union of its days (rollup), and'
\echo '& keeps the target accounts. Exact, unlike summing daily counts.'
WITH target AS (
    SELECT account_set_agg(account_id) FILTER (WHERE is_target) AS s FROM accounts
), quarters AS (
    SELECT date_trunc('quarter', day) AS quarter, rollup(accounts) AS engaged,
           sum(reach(accounts)) AS daily_sum
    FROM daily_engaged_accounts
    GROUP BY 1
)
SELECT to_char(q.quarter, 'YYYY "Q"Q') AS quarter,
       reach(q.engaged & t.s) AS "engaged target accounts",
       reach(t.s) AS "target accounts",
       pg_temp.pct(reach(q.engaged & t.s)::double precision / reach(t.s)) AS engaged,
       pg_temp.pct(1 - reach(q.engaged & t.s)::double precision / reach(t.s)) AS unengaged,
       reach(q.engaged - t.s) AS "engaged, not target",
       q.daily_sum AS "sum of daily counts"
FROM quarters AS q CROSS JOIN target AS t
ORDER BY q.quarter;

\echo
\echo '== 11. Top surging accounts, week of 22 December 2025 =='
\echo 'Intent events this week against the 12 weeks before (measure_agg over a window);'
\echo 'surge = (this week - baseline mean) / baseline SD. A surge on the product topics'
\echo 'comes before an opportunity; on the competitor, before a churn. Weeks of fewer'
\echo 'than 5 events are left out: over a near-empty baseline any event looks like a surge.'
WITH pairs AS (
    SELECT DISTINCT account_id, topic FROM intent_events WHERE week >= date '2025-12-22' - 84
), weekly AS (
    SELECT p.account_id, p.topic, w::date AS week, coalesce(e.events, 0) AS events
    FROM pairs AS p
    CROSS JOIN generate_series(date '2025-12-22' - 84, date '2025-12-22', interval '7 days') AS w
    LEFT JOIN intent_events AS e ON e.account_id = p.account_id AND e.topic = p.topic AND e.week = w::date
), scored AS (
    SELECT *, surge_score(events, measure_agg(events) OVER (PARTITION BY account_id, topic ORDER BY week
                                                            ROWS BETWEEN 12 PRECEDING AND 1 PRECEDING)) AS z
    FROM weekly
)
SELECT a.name AS account, a.tier, a.furthest_stage AS stage,
       string_agg(s.topic || ' (' || s.events || ', z ' || round(s.z::numeric, 1) || ')', ', ' ORDER BY s.z DESC) AS "surging topics",
       round(max(s.z)::numeric, 1) AS "top surge"
FROM scored AS s JOIN accounts AS a USING (account_id)
WHERE s.week = '2025-12-22' AND s.z >= 2 AND s.events >= 5   -- fewer is noise over a near-empty baseline
GROUP BY a.account_id, a.name, a.tier, a.furthest_stage
ORDER BY max(s.z) DESC, a.account_id
LIMIT 10;

\echo
\echo '== 12. Channel performance in 2025, from the stored media summaries =='
\echo 'rollup(media) of daily_channel_summaries: CTR and CPM over the days with'
\echo 'impressions only (events and syndication have none, so no CTR); conversions are'
\echo 'the leads.'
SELECT channel,
       impressions(m) AS impressions,
       clicks(m) AS clicks,
       pg_temp.pct(ctr(m), 3) AS ctr,
       pg_temp.pct(vtr(m)) AS vtr,
       spend(m) AS spend,
       conversions(m) AS conversions,
       round(cpc(m), 2) AS cpc,
       round(cpm(m), 2) AS cpm,
       round(cost_per_conversion(m), 2) AS "cost/conversion"
FROM (SELECT channel, rollup(media) AS m
      FROM daily_channel_summaries
      WHERE day >= '2025-01-01'
      GROUP BY channel) AS c
ORDER BY spend(m) DESC;

\echo
\echo '== 13. Engagement and sales activity by quarter, 2025 =='
\echo 'High-value pages: pricing and demo request. Form fills: gated downloads and demo'
\echo 'requests. Visitors identified: web visits whose contact is known, not only the'
\echo 'account (de-anonymization). Content read by funnel stage (syndicated downloads and'
\echo 'email clicks).'
SELECT to_char(e.quarter, 'YYYY "Q"Q') AS quarter, e.web_visits AS "web visits",
       e.high_value AS "high-value pages", e.form_fills AS "form fills",
       pg_temp.pct(e.identified) AS "visitors identified", e.social AS "social interactions",
       e.top AS "top of funnel", e.middle, e.bottom, e.seconds AS "seconds per asset",
       s.chats, s.calls, s.demos AS "demos scheduled"
FROM (SELECT date_trunc('quarter', t.touched_at) AS quarter,
             count(*) FILTER (WHERE t.channel = 'web visit') AS web_visits,
             count(*) FILTER (WHERE t.page IN ('/pricing', '/demo-request')) AS high_value,
             count(*) FILTER (WHERE t.form_fill) AS form_fills,
             avg(t.identified::integer) AS identified,
             count(t.interaction) AS social,
             count(*) FILTER (WHERE ca.funnel_stage = 'top') AS top,
             count(*) FILTER (WHERE ca.funnel_stage = 'middle') AS middle,
             count(*) FILTER (WHERE ca.funnel_stage = 'bottom') AS bottom,
             round(avg(t.seconds) FILTER (WHERE ca.asset_id IS NOT NULL)) AS seconds
      FROM touches AS t LEFT JOIN content_assets AS ca USING (asset_id)
      WHERE t.touched_at >= '2025-01-01'
      GROUP BY 1) AS e
LEFT JOIN (SELECT date_trunc('quarter', happened_at) AS quarter,
                  count(*) FILTER (WHERE kind = 'chat') AS chats,
                  count(*) FILTER (WHERE kind = 'call') AS calls,
                  count(*) FILTER (WHERE kind = 'demo scheduled') AS demos
           FROM sales_activities GROUP BY 1) AS s USING (quarter)
ORDER BY e.quarter;

\echo '2025 NPS and CSAT by product; mean buying-committee size of the 2025 new-business deals'
SELECT s.product,
       responses(s.nps) AS "NPS answers",
       round(nps_score(s.nps)::numeric, 1) AS nps,
       pg_temp.pct(csat(s.csat)) AS csat,
       (SELECT round(avg(n), 1)
        FROM (SELECT count(*) AS n FROM opportunity_contacts AS oc JOIN opportunities AS o USING (opportunity_id)
              WHERE o.created_at >= '2025-01-01' GROUP BY oc.opportunity_id) AS c) AS "buying committee (2025 deals)"
FROM (SELECT product,
             score_agg(score) FILTER (WHERE survey = 'nps') AS nps,
             score_agg(score, 5) FILTER (WHERE survey = 'csat') AS csat
      FROM survey_responses
      WHERE responded_at >= '2025-01-01'
      GROUP BY product) AS s
JOIN products USING (product)
ORDER BY products.listed;


\if :{?load_seconds}
\echo
\echo 'Warehouse generated in' :load_seconds 's.'
\endif
