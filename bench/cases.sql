-- make bench: the cases. psql variables: rows, groups, wrows, reps.
--
-- bench_case(section, case, class, rows, abm query, plain-SQL query, floor
-- query, result keys, exact?, modes, note): see harness.sql. In the queries
-- {k} is '' or 'segment, ' and {g} is '' or ' GROUP BY segment'.
-- class decides the target in the report: counting, money, media, funnel, rollup,
-- window, or info (no target).

SELECT set_config('bench.reps', :'reps', false) \gset

------------------------------------------------------------------------------
-- KPI aggregates: abm, the plain SQL a careful analyst would write (NULLIF
-- against division by zero), and the floor: count() over the same columns.
------------------------------------------------------------------------------

CALL bench_case('kpi', 'win rate: win_rate(won)', 'counting', :rows,
    $q$SELECT {k}win_rate(won) AS v FROM opportunities{g}$q$,
    $q$SELECT {k}count(*) FILTER (WHERE won)::float8 / NULLIF(count(won), 0) AS v FROM opportunities{g}$q$,
    $q$SELECT {k}count(won) AS n FROM opportunities{g}$q$);

CALL bench_case('kpi', 'NPS: nps_score(score)', 'counting', :rows,
    $q$SELECT {k}nps_score(score) AS v FROM survey{g}$q$,
    $q$SELECT {k}100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))
              / NULLIF(count(score), 0) AS v FROM survey{g}$q$,
    $q$SELECT {k}count(score) AS n FROM survey{g}$q$);

CALL bench_case('kpi', 'CSAT: csat(score) on 1..5', 'counting', :rows,
    $q$SELECT {k}csat(csat) AS v FROM survey{g}$q$,
    $q$SELECT {k}count(*) FILTER (WHERE csat >= 4)::float8 / NULLIF(count(csat), 0) AS v FROM survey{g}$q$,
    $q$SELECT {k}count(csat) AS n FROM survey{g}$q$);

CALL bench_case('kpi', 'CTR: ctr(clicks, impressions) (bigint)', 'counting', :rows,
    $q$SELECT {k}ctr(clicks, impressions) AS v FROM ads{g}$q$,
    $q$SELECT {k}sum(clicks)::float8 / NULLIF(sum(impressions), 0) AS v FROM ads{g}$q$,
    $q$SELECT {k}count(clicks) AS n1, count(impressions) AS n2 FROM ads{g}$q$);

CALL bench_case('kpi', 'amount-weighted win rate: win_rate(won, amount numeric)', 'money', :rows,
    $q$SELECT {k}win_rate(won, amount) AS v FROM opportunities{g}$q$,
    $q$SELECT {k}(coalesce(sum(amount) FILTER (WHERE won), 0)
              / NULLIF(sum(amount) FILTER (WHERE won IS NOT NULL), 0))::float8 AS v FROM opportunities{g}$q$,
    $q$SELECT {k}count(won) AS n1, count(amount) AS n2 FROM opportunities{g}$q$);

CALL bench_case('kpi', 'NRR: nrr(start, end numeric)', 'money', :rows,
    $q$SELECT {k}nrr(start_revenue, end_revenue) AS v FROM revenue{g}$q$,
    $q$SELECT {k}(sum(CASE WHEN start_revenue > 0 THEN coalesce(end_revenue, 0) END)
              / NULLIF(sum(CASE WHEN start_revenue > 0 THEN start_revenue END), 0))::float8 AS v
         FROM revenue{g}$q$,
    $q$SELECT {k}count(start_revenue) AS n1, count(end_revenue) AS n2 FROM revenue{g}$q$);

CALL bench_case('kpi', 'GRR: grr(start, end numeric)', 'money', :rows,
    $q$SELECT {k}grr(start_revenue, end_revenue) AS v FROM revenue{g}$q$,
    $q$SELECT {k}(sum(CASE WHEN start_revenue > 0 THEN least(start_revenue, coalesce(end_revenue, 0)) END)
              / NULLIF(sum(CASE WHEN start_revenue > 0 THEN start_revenue END), 0))::float8 AS v
         FROM revenue{g}$q$,
    $q$SELECT {k}count(start_revenue) AS n1, count(end_revenue) AS n2 FROM revenue{g}$q$);

CALL bench_case('kpi', 'CAC: cac(spend numeric, acquired)', 'money', :rows,
    $q$SELECT {k}cac(spend, acquired) AS v FROM accounts{g}$q$,
    $q$SELECT {k}sum(spend) / NULLIF(count(*) FILTER (WHERE acquired), 0) AS v FROM accounts{g}$q$,
    $q$SELECT {k}count(spend) AS n1, count(acquired) AS n2 FROM accounts{g}$q$,
    p_exact => true);

CALL bench_case('kpi', 'CPL: cpl(spend numeric, leads bigint)', 'money', :rows,
    $q$SELECT {k}cpl(spend, leads) AS v FROM ads{g}$q$,
    $q$SELECT {k}sum(spend) / NULLIF(sum(leads), 0) AS v FROM ads{g}$q$,
    $q$SELECT {k}count(spend) AS n1, count(leads) AS n2 FROM ads{g}$q$,
    p_exact => true);

-- One media_summary per row set, four ratios from it, against the plain SQL
-- of the same four ratios.  The ads rows have no NULLs, so the plain SQL
-- needs no FILTER per ratio (with NULL impressions, as events have, it would;
-- media_agg needs nothing more).  leads stand for conversions.
CALL bench_case('kpi', 'media: ctr, cpc, cpm, cost_per_conversion of media_agg(clicks, impressions, spend numeric, conversions)', 'media', :rows,
    $q$SELECT {k}ctr(m) AS ctr, cpc(m) AS cpc, cpm(m) AS cpm, cost_per_conversion(m) AS cpa
         FROM (SELECT {k}media_agg(clicks, impressions, spend, leads) AS m FROM ads{g}) AS a$q$,
    $q$SELECT {k}sum(clicks)::float8 / NULLIF(sum(impressions), 0) AS ctr,
              sum(spend) / NULLIF(sum(clicks), 0) AS cpc,
              sum(spend) * 1000 / NULLIF(sum(impressions), 0) AS cpm,
              sum(spend) / NULLIF(sum(leads), 0) AS cpa FROM ads{g}$q$,
    $q$SELECT {k}count(clicks) AS n1, count(impressions) AS n2, count(spend) AS n3, count(leads) AS n4 FROM ads{g}$q$,
    p_exact => true);

-- Funnel from stage timestamps: per stage, accounts reaching it, share of
-- target, conversion from the previous stage, drop-off, and the average days
-- from the previous stage and from the first touch (engaged). The plain SQL
-- relies on the data having no skipped stages (no NULL before the furthest
-- stage), which is true here; abm does not need that.
CALL bench_case('kpi', 'funnel: funnel_stages(funnel_agg(reached_at timestamptz[6]))', 'funnel', :rows,
    $q$SELECT {k}s.position, s.accounts, s.share_of_target, s.conversion_rate, s.drop_off,
              s.avg_days_from_previous, s.avg_days_from_first_touch
         FROM (SELECT {k}funnel_agg(reached_at) AS f FROM accounts{g}) AS a,
              funnel_stages(a.f) AS s$q$,
    $q$SELECT {k}x.position, x.accounts,
              x.accounts::float8 / NULLIF(a.c1, 0) AS share_of_target,
              x.accounts::float8 / NULLIF(x.prev, 0) AS conversion_rate,
              x.prev - x.accounts AS drop_off,
              x.avg_days_from_previous, x.avg_days_from_first_touch
         FROM (SELECT {k}count(reached_at[1]) AS c1, count(reached_at[2]) AS c2,
                      count(reached_at[3]) AS c3, count(reached_at[4]) AS c4,
                      count(reached_at[5]) AS c5, count(reached_at[6]) AS c6,
                      avg(extract(epoch FROM reached_at[2] - reached_at[1])) / 86400 AS p2,
                      avg(extract(epoch FROM reached_at[3] - reached_at[2])) / 86400 AS p3,
                      avg(extract(epoch FROM reached_at[4] - reached_at[3])) / 86400 AS p4,
                      avg(extract(epoch FROM reached_at[5] - reached_at[4])) / 86400 AS p5,
                      avg(extract(epoch FROM reached_at[6] - reached_at[5])) / 86400 AS p6,
                      avg(extract(epoch FROM reached_at[4] - reached_at[2])) / 86400 AS f4,
                      avg(extract(epoch FROM reached_at[5] - reached_at[2])) / 86400 AS f5,
                      avg(extract(epoch FROM reached_at[6] - reached_at[2])) / 86400 AS f6
                 FROM accounts{g}) AS a,
              LATERAL (VALUES (1, c1, NULL::bigint, NULL::numeric, NULL::numeric),
                              (2, c2, c1, p2, CASE WHEN c2 > 0 THEN 0 END),
                              (3, c3, c2, p3, p3),
                              (4, c4, c3, p4, f4),
                              (5, c5, c4, p5, f5),
                              (6, c6, c5, p6, f6))
                   AS x(position, accounts, prev, avg_days_from_previous, avg_days_from_first_touch)$q$,
    $q$SELECT {k}count(reached_at) AS n FROM accounts{g}$q$,
    p_keys => 'position');

------------------------------------------------------------------------------
-- Pipeline (abm 1.2): every accessor of one pipeline_summary against the
-- plain SQL that computes the same counts, sums and mean cycle; the median
-- cycle from the summary's sketch against percentile_cont.
------------------------------------------------------------------------------

CALL bench_case('kpi', 'pipeline: pipeline_agg(won, amount, created_at, closed_at, probability), all accessors', 'money', :rows,
    $q$SELECT {k}opportunities(s) AS n, open_opportunities(s) AS n_open, won_opportunities(s) AS n_won,
              lost_opportunities(s) AS n_lost, pipeline_amount(s) AS pipeline, weighted_pipeline(s) AS weighted,
              won_amount(s) AS won, lost_amount(s) AS lost, win_rate(s) AS win_rate,
              weighted_win_rate(s) AS weighted_win_rate, average_deal_size(s) AS deal,
              sales_cycle_days(s) AS cycle, pipeline_velocity(s) AS velocity
         FROM (SELECT {k}pipeline_agg(won, amount, created_at, closed_at, probability) AS s
                 FROM pipeline{g}) AS a$q$,
    $q$SELECT {k}n, n_open, n_won, n_lost, pipeline, weighted, won, lost,
              n_won::float8 / NULLIF(n_won + n_lost, 0) AS win_rate,
              (won / NULLIF(won + lost, 0))::float8 AS weighted_win_rate, deal, cycle,
              n_open * (n_won::numeric / NULLIF(n_won + n_lost, 0)) * deal / NULLIF(cycle, 0) AS velocity
         FROM (SELECT {k}count(*) AS n, count(*) FILTER (WHERE won IS NULL) AS n_open,
                      count(*) FILTER (WHERE won) AS n_won, count(*) FILTER (WHERE NOT won) AS n_lost,
                      coalesce(sum(amount) FILTER (WHERE won IS NULL), 0) AS pipeline,
                      coalesce(sum(amount * probability) FILTER (WHERE won IS NULL), 0) AS weighted,
                      coalesce(sum(amount) FILTER (WHERE won), 0) AS won,
                      coalesce(sum(amount) FILTER (WHERE NOT won), 0) AS lost,
                      avg(amount) FILTER (WHERE won) AS deal,
                      extract(epoch FROM avg(closed_at - created_at) FILTER (WHERE won)) / 86400 AS cycle
                 FROM pipeline{g}) AS a$q$,
    $q$SELECT {k}count(won) AS n1, count(amount) AS n2, count(created_at) AS n3, count(closed_at) AS n4,
              count(probability) AS n5 FROM pipeline{g}$q$);

CALL bench_case('kpi', 'pipeline: median sales cycle, sales_cycle_days(pipeline_agg(...), 0.5) vs percentile_cont(0.5)', 'quantile', :rows,
    $q$SELECT {k}sales_cycle_days(pipeline_agg(won, amount, created_at, closed_at), 0.5) AS v FROM pipeline{g}$q$,
    $q$SELECT {k}extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY closed_at - created_at)
                                   FILTER (WHERE won)) / 86400 AS v FROM pipeline{g}$q$,
    $q$SELECT {k}count(won) AS n1, count(created_at) AS n2, count(closed_at) AS n3 FROM pipeline{g}$q$,
    p_tolerance => 0.011, p_modes => '{par0,par2}',
    p_note => 'checked within 1.1%: the sketch is within 0.99% of percentile_disc, and percentile_cont interpolates');

-- Per segment (few won deals each) percentile_cont interpolates between
-- values far apart, so the grouped case compares with percentile_disc, the
-- rank-based quantile the sketch's bound is stated against.
CALL bench_case('kpi', 'pipeline: median sales cycle per segment, sales_cycle_days(pipeline_agg(...), 0.5) vs percentile_disc(0.5)', 'quantile', :rows,
    $q$SELECT {k}sales_cycle_days(pipeline_agg(won, amount, created_at, closed_at), 0.5) AS v FROM pipeline{g}$q$,
    $q$SELECT {k}extract(epoch FROM percentile_disc(0.5) WITHIN GROUP (ORDER BY closed_at - created_at)
                                   FILTER (WHERE won)) / 86400 AS v FROM pipeline{g}$q$,
    $q$SELECT {k}count(won) AS n1, count(created_at) AS n2, count(closed_at) AS n3 FROM pipeline{g}$q$,
    p_tolerance => 0.01, p_modes => '{grouped}',
    p_note => 'checked within 1%: the sketch''s bound against percentile_disc is 0.99%');

------------------------------------------------------------------------------
-- Rollup: KPIs from stored daily summaries (one year x 1,000 segments)
-- against recomputing them from the raw rows. Floor: count() over the stored
-- summaries (the cost of just reading them).
------------------------------------------------------------------------------

SELECT count(*) AS nps_summaries FROM nps_daily \gset
SELECT count(*) AS win_summaries FROM win_daily \gset

CALL bench_case('rollup', format('NPS: rollup of %s daily summaries vs plain SQL on the raw rows', :'nps_summaries'),
    'rollup', :rows,
    $q$SELECT {k}nps_score(rollup(s)) AS v FROM nps_daily{g}$q$,
    $q$SELECT {k}100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))
              / NULLIF(count(score), 0) AS v FROM survey{g}$q$,
    $q$SELECT {k}count(s) AS n FROM nps_daily{g}$q$);

CALL bench_case('rollup', format('NPS: rollup of %s daily summaries vs nps_score on the raw rows', :'nps_summaries'),
    'rollup', :rows,
    $q$SELECT {k}nps_score(rollup(s)) AS v FROM nps_daily{g}$q$,
    $q$SELECT {k}nps_score(score) AS v FROM survey{g}$q$,
    $q$SELECT {k}count(s) AS n FROM nps_daily{g}$q$);

CALL bench_case('rollup', format('amount-weighted win rate: rollup of %s daily summaries vs plain SQL on the raw rows', :'win_summaries'),
    'rollup', :rows,
    $q$SELECT {k}weighted_win_rate(rollup(s)) AS v FROM win_daily{g}$q$,
    $q$SELECT {k}(coalesce(sum(amount) FILTER (WHERE won), 0)
              / NULLIF(sum(amount) FILTER (WHERE won IS NOT NULL), 0))::float8 AS v FROM opportunities{g}$q$,
    $q$SELECT {k}count(s) AS n FROM win_daily{g}$q$);

------------------------------------------------------------------------------
-- Reach: the number of distinct accounts. reach(account_id) against
-- count(DISTINCT account_id) (which sorts, and never runs in parallel); and
-- from the 90 stored daily account sets against count(DISTINCT) over the raw
-- rows of those days.
------------------------------------------------------------------------------

CALL bench_case('reach', 'reach: reach(account_id) vs count(DISTINCT account_id), 100,000 accounts', 'distinct', :rows,
    $q$SELECT {k}reach(account_id) AS v FROM reach_touches{g}$q$,
    $q$SELECT {k}count(DISTINCT account_id) AS v FROM reach_touches{g}$q$,
    $q$SELECT {k}count(account_id) AS n FROM reach_touches{g}$q$);

SELECT count(*) AS reach_sets FROM reach_daily \gset
CALL bench_case('reach', format('reach: rollup of %s daily account sets vs count(DISTINCT) on the raw rows', :'reach_sets'),
    'reach_rollup', :rows,
    $q$SELECT reach(rollup(s)) AS v FROM reach_daily$q$,
    $q$SELECT count(DISTINCT account_id) AS v FROM reach_touches$q$,
    $q$SELECT count(s) AS n FROM reach_daily$q$,
    p_modes => '{par0,par2}');

------------------------------------------------------------------------------
-- Moving window: NPS over the last 90 daily rows. abm's aggregates have
-- inverse transitions (moving-aggregate mode); the recompute is the same
-- aggregate with a volatile FILTER, which makes PostgreSQL restart the
-- aggregate for every row (no moving mode). Plain SQL's count() has inverse
-- transitions too, so that comparison is between two O(1)-per-row windows.
------------------------------------------------------------------------------

CALL bench_case('window', 'moving NPS, 90 rows: nps_score OVER w vs the same recomputed per row (no moving mode)',
    'window', :wrows,
    $q$SELECT day, nps_score(score) OVER w AS v FROM daily
        WINDOW w AS (ORDER BY day ROWS BETWEEN 89 PRECEDING AND CURRENT ROW)$q$,
    $q$SELECT day, nps_score(score) FILTER (WHERE random() >= 0) OVER w AS v FROM daily
        WINDOW w AS (ORDER BY day ROWS BETWEEN 89 PRECEDING AND CURRENT ROW)$q$,
    $q$SELECT day, count(score) OVER w AS n FROM daily
        WINDOW w AS (ORDER BY day ROWS BETWEEN 89 PRECEDING AND CURRENT ROW)$q$,
    p_keys => 'day', p_modes => '{par0}');

CALL bench_case('window', 'moving NPS, 90 rows: nps_score OVER w vs plain-SQL FILTER counts OVER w (both moving)',
    'info', :wrows,
    $q$SELECT day, nps_score(score) OVER w AS v FROM daily
        WINDOW w AS (ORDER BY day ROWS BETWEEN 89 PRECEDING AND CURRENT ROW)$q$,
    $q$SELECT day, 100.0 * (count(*) FILTER (WHERE score >= 9) OVER w - count(*) FILTER (WHERE score <= 6) OVER w)
              / NULLIF(count(score) OVER w, 0) AS v FROM daily
        WINDOW w AS (ORDER BY day ROWS BETWEEN 89 PRECEDING AND CURRENT ROW)$q$,
    $q$SELECT day, count(score) OVER w AS n FROM daily
        WINDOW w AS (ORDER BY day ROWS BETWEEN 89 PRECEDING AND CURRENT ROW)$q$,
    p_keys => 'day', p_modes => '{par0}');

------------------------------------------------------------------------------
-- 1.2 (issue 13): measures and engagement.  Targets: measure_agg with its
-- accessors <= 1.0x the SQL count, avg, var_samp, stddev_samp (class money:
-- abm/SQL <= 1.0); engagement_score <= 1.0x the SQL sum of decayed weights;
-- a moving 12-row measure_agg window >= 5x faster than recomputing it.
------------------------------------------------------------------------------
CALL bench_case('kpi', 'measure: sample_size, mean, sample_variance, sample_stddev of measure_agg(score)', 'money', :rows,
    $q$SELECT {k}sample_size(m) AS n, mean(m) AS mean, sample_variance(m) AS var, sample_stddev(m) AS sd
         FROM (SELECT {k}measure_agg(score) AS m FROM survey{g}) s$q$,
    $q$SELECT {k}count(score) AS n, avg(score)::float8 AS mean, var_samp(score)::float8 AS var,
              stddev_samp(score)::float8 AS sd FROM survey{g}$q$,
    $q$SELECT {k}count(score) AS n FROM survey{g}$q$);

CALL bench_case('kpi', 'engagement_score(day, weight, as_of, 30 days) vs sum(weight * 2 ^ -age/half_life)', 'money', :rows,
    $q$SELECT {k}engagement_score(day::timestamptz, csat::float8, '2025-01-01', '30 days') AS v FROM survey{g}$q$,
    $q$SELECT {k}sum(csat::float8 * 2 ^ (-extract(epoch FROM timestamptz '2025-01-01' - day::timestamptz)
                                         / extract(epoch FROM interval '30 days')))
                  FILTER (WHERE day::timestamptz <= '2025-01-01') AS v FROM survey{g}$q$,
    $q$SELECT {k}count(day) AS n1, count(csat) AS n2 FROM survey{g}$q$);

CALL bench_case('window', 'moving measure, 12 rows: measure_agg OVER w vs the same recomputed per row (no moving mode)',
    'window', :wrows,
    $q$SELECT day, sample_stddev(measure_agg(score) OVER w) AS v FROM daily
        WINDOW w AS (ORDER BY day ROWS BETWEEN 12 PRECEDING AND 1 PRECEDING)$q$,
    $q$SELECT day, sample_stddev(measure_agg(score) FILTER (WHERE random() >= 0) OVER w) AS v FROM daily
        WINDOW w AS (ORDER BY day ROWS BETWEEN 12 PRECEDING AND 1 PRECEDING)$q$,
    $q$SELECT day, count(score) OVER w AS n FROM daily
        WINDOW w AS (ORDER BY day ROWS BETWEEN 12 PRECEDING AND 1 PRECEDING)$q$,
    p_keys => 'day', p_modes => '{par0}');

------------------------------------------------------------------------------
-- Attribution (window functions) over the touches table: ROWS touches in
-- ROWS / 10 conversions.  The floor is the sort: row_number() over the same
-- window.  Each model's target is abm/floor <= 1.3; U-shaped and time decay
-- also abm/SQL <= 0.7 against the SQL a careful analyst writes by hand.
-- Results are per touch, matched on touch_id.
------------------------------------------------------------------------------

CALL bench_case('attribution', 'first touch: attribution_weight(''first_touch'') OVER w', 'attribution', :rows,
    $q$SELECT touch_id, attribution_weight('first_touch') OVER w AS v
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    $q$SELECT touch_id, CASE WHEN row_number() OVER w = 1 THEN 1 ELSE 0 END::float8 AS v
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    $q$SELECT touch_id, row_number() OVER w AS n
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    p_keys => 'touch_id', p_modes => '{par0}');

CALL bench_case('attribution', 'last touch: attribution_weight(''last_touch'') OVER w', 'attribution', :rows,
    $q$SELECT touch_id, attribution_weight('last_touch') OVER w AS v
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    $q$SELECT touch_id, CASE WHEN row_number() OVER w = count(*) OVER (PARTITION BY conversion_id) THEN 1 ELSE 0 END::float8 AS v
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    $q$SELECT touch_id, row_number() OVER w AS n
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    p_keys => 'touch_id', p_modes => '{par0}');

CALL bench_case('attribution', 'linear: attribution_weight(''linear'') OVER w', 'attribution', :rows,
    $q$SELECT touch_id, attribution_weight('linear') OVER w AS v
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    $q$SELECT touch_id, 1 / count(*) OVER (PARTITION BY conversion_id)::float8 AS v FROM touches$q$,
    $q$SELECT touch_id, row_number() OVER w AS n
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    p_keys => 'touch_id', p_modes => '{par0}');

CALL bench_case('attribution', 'U-shaped: attribution_weight(''u_shaped'') OVER w vs CASE over row_number() and count(*)',
    'attribution_sql', :rows,
    $q$SELECT touch_id, attribution_weight('u_shaped') OVER w AS v
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    $q$SELECT touch_id,
              CASE WHEN n = 1 THEN 1 WHEN n = 2 THEN 0.5 WHEN rn IN (1, n) THEN 0.4 ELSE 0.2::float8 / (n - 2) END AS v
         FROM (SELECT touch_id, row_number() OVER w AS rn, count(*) OVER (PARTITION BY conversion_id) AS n
                 FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)) AS s$q$,
    $q$SELECT touch_id, row_number() OVER w AS n
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    p_keys => 'touch_id', p_modes => '{par0}');

CALL bench_case('attribution', 'time decay (7 days): attribution_weight(''time_decay'', ...) OVER w vs 2^(-age/h) / sum() OVER',
    'attribution_sql', :rows,
    $q$SELECT touch_id, attribution_weight('time_decay', touched_at, converted_at, '7 days') OVER w AS v
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    $q$SELECT touch_id, d / sum(d) OVER (PARTITION BY conversion_id) AS v
         FROM (SELECT touch_id, conversion_id,
                      2::float8 ^ (-extract(epoch FROM converted_at - touched_at)::float8 / 604800) AS d
                 FROM touches) AS s$q$,
    $q$SELECT touch_id, row_number() OVER w AS n
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    p_keys => 'touch_id', p_modes => '{par0}');

CALL bench_case('attribution', 'W-shaped: attribution_weight(''w_shaped'', milestones) OVER w', 'attribution', :rows,
    $q$SELECT touch_id, attribution_weight('w_shaped', milestones) OVER w AS v
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    NULL,
    $q$SELECT touch_id, row_number() OVER w AS n
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    p_keys => 'touch_id', p_modes => '{par0}');

CALL bench_case('attribution', 'full path: attribution_weight(''full_path'', milestones) OVER w', 'attribution', :rows,
    $q$SELECT touch_id, attribution_weight('full_path', milestones) OVER w AS v
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    NULL,
    $q$SELECT touch_id, row_number() OVER w AS n
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    p_keys => 'touch_id', p_modes => '{par0}');

CALL bench_case('attribution', 'custom (0.3, 0.3, 0.4): attribution_weight(0.3, 0.3, 0.4) OVER w', 'attribution', :rows,
    $q$SELECT touch_id, attribution_weight(0.3, 0.3, 0.4) OVER w AS v
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    NULL,
    $q$SELECT touch_id, row_number() OVER w AS n
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    p_keys => 'touch_id', p_modes => '{par0}');

-- Money: exact credits (largest remainder) against round(amount * share, 2),
-- which does not sum to the amount.  The answers differ by design, so both
-- return only whether the credit is >= 0 (every credit is computed all the same).
CALL bench_case('attribution', 'U-shaped money: attributed_amount(amount, ''u_shaped'') OVER w vs round(amount * share, 2)',
    'info', :rows,
    $q$SELECT touch_id, attributed_amount(amount, 'u_shaped') OVER w >= 0 AS v
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    $q$SELECT touch_id,
              round(amount * CASE WHEN n = 1 THEN 1 WHEN n = 2 THEN 0.5 WHEN rn IN (1, n) THEN 0.4 ELSE 0.2 / (n - 2) END, 2) >= 0 AS v
         FROM (SELECT touch_id, amount, row_number() OVER w AS rn, count(*) OVER (PARTITION BY conversion_id) AS n
                 FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)) AS s$q$,
    $q$SELECT touch_id, row_number() OVER w AS n
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    p_keys => 'touch_id', p_modes => '{par0}',
    p_note => 'the SQL''s credits do not sum to the amount');

CALL bench_case('attribution', 'time-decay money: attributed_amount(amount, ''time_decay'', ...) OVER w vs round(amount * share, 2)',
    'info', :rows,
    $q$SELECT touch_id, attributed_amount(amount, 'time_decay', touched_at, converted_at, '7 days') OVER w >= 0 AS v
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    $q$SELECT touch_id, round(amount * (d / sum(d) OVER (PARTITION BY conversion_id))::numeric, 2) >= 0 AS v
         FROM (SELECT touch_id, conversion_id, amount,
                      2::float8 ^ (-extract(epoch FROM converted_at - touched_at)::float8 / 604800) AS d
                 FROM touches) AS s$q$,
    $q$SELECT touch_id, row_number() OVER w AS n
         FROM touches WINDOW w AS (PARTITION BY conversion_id ORDER BY touched_at)$q$,
    p_keys => 'touch_id', p_modes => '{par0}',
    p_note => 'the SQL''s credits do not sum to the amount');

------------------------------------------------------------------------------
-- Memory: hashed GROUP BY with :groups groups (grp = row number % groups).
------------------------------------------------------------------------------

CALL bench_memory_case('win rate',
    $q$SELECT grp, win_rate(won) FROM opportunities GROUP BY grp$q$,
    $q$SELECT grp, count(*) FILTER (WHERE won)::float8 / NULLIF(count(won), 0) FROM opportunities GROUP BY grp$q$);
CALL bench_memory_case('NPS',
    $q$SELECT grp, nps_score(score) FROM survey GROUP BY grp$q$,
    $q$SELECT grp, 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))
              / NULLIF(count(score), 0) FROM survey GROUP BY grp$q$);
CALL bench_memory_case('CTR',
    $q$SELECT grp, ctr(clicks, impressions) FROM ads GROUP BY grp$q$,
    $q$SELECT grp, sum(clicks)::float8 / NULLIF(sum(impressions), 0) FROM ads GROUP BY grp$q$);
CALL bench_memory_case('amount-weighted win rate',
    $q$SELECT grp, win_rate(won, amount) FROM opportunities GROUP BY grp$q$,
    $q$SELECT grp, (coalesce(sum(amount) FILTER (WHERE won), 0)
              / NULLIF(sum(amount) FILTER (WHERE won IS NOT NULL), 0))::float8 FROM opportunities GROUP BY grp$q$);
CALL bench_memory_case('NRR',
    $q$SELECT grp, nrr(start_revenue, end_revenue) FROM revenue GROUP BY grp$q$,
    $q$SELECT grp, (sum(CASE WHEN start_revenue > 0 THEN coalesce(end_revenue, 0) END)
              / NULLIF(sum(CASE WHEN start_revenue > 0 THEN start_revenue END), 0))::float8
         FROM revenue GROUP BY grp$q$);
CALL bench_memory_case('CAC',
    $q$SELECT grp, cac(spend, acquired) FROM accounts GROUP BY grp$q$,
    $q$SELECT grp, sum(spend) / NULLIF(count(*) FILTER (WHERE acquired), 0) FROM accounts GROUP BY grp$q$);
CALL bench_memory_case('pipeline (summary per group)',
    $q$SELECT grp, pipeline_agg(won, amount, created_at, closed_at, probability) FROM pipeline GROUP BY grp$q$,
    $q$SELECT grp, count(*), count(*) FILTER (WHERE won IS NULL), count(*) FILTER (WHERE won),
              count(*) FILTER (WHERE NOT won), sum(amount) FILTER (WHERE won IS NULL),
              sum(amount * probability) FILTER (WHERE won IS NULL), sum(amount) FILTER (WHERE won),
              sum(amount) FILTER (WHERE NOT won), avg(amount) FILTER (WHERE won),
              avg(closed_at - created_at) FILTER (WHERE won)
         FROM pipeline GROUP BY grp$q$);
CALL bench_memory_case('funnel (summary per group)',
    $q$SELECT grp, funnel_agg(reached_at) FROM accounts GROUP BY grp$q$,
    $q$SELECT grp, count(reached_at[1]), count(reached_at[2]), count(reached_at[3]),
              count(reached_at[4]), count(reached_at[5]), count(reached_at[6]),
              avg(extract(epoch FROM reached_at[2] - reached_at[1])),
              avg(extract(epoch FROM reached_at[3] - reached_at[2])),
              avg(extract(epoch FROM reached_at[4] - reached_at[3])),
              avg(extract(epoch FROM reached_at[5] - reached_at[4])),
              avg(extract(epoch FROM reached_at[6] - reached_at[5])),
              avg(extract(epoch FROM reached_at[4] - reached_at[2])),
              avg(extract(epoch FROM reached_at[5] - reached_at[2])),
              avg(extract(epoch FROM reached_at[6] - reached_at[2]))
         FROM accounts GROUP BY grp$q$);

