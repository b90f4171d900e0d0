-- make bench: the cases. psql variables: rows, groups, wrows, reps.
--
-- bench_case(section, case, class, rows, abm query, plain-SQL query, floor
-- query, result keys, exact?, modes, note): see harness.sql. In the queries
-- {k} is '' or 'segment, ' and {g} is '' or ' GROUP BY segment'.
-- class decides the target in the report: counting, money, funnel, rollup,
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
    $q$SELECT {k}reach(account_id) AS v FROM touches{g}$q$,
    $q$SELECT {k}count(DISTINCT account_id) AS v FROM touches{g}$q$,
    $q$SELECT {k}count(account_id) AS n FROM touches{g}$q$);

SELECT count(*) AS reach_sets FROM reach_daily \gset
CALL bench_case('reach', format('reach: rollup of %s daily account sets vs count(DISTINCT) on the raw rows', :'reach_sets'),
    'reach_rollup', :rows,
    $q$SELECT reach(rollup(s)) AS v FROM reach_daily$q$,
    $q$SELECT count(DISTINCT account_id) AS v FROM touches$q$,
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
