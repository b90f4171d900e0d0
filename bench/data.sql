-- make bench: generated data. psql variables: rows (per table), groups (for
-- the 1,000,000-group memory case), wrows (rows of the moving-window table).
-- Unlogged tables (no WAL while loading; scans are the same), frozen and
-- analyzed, then read into shared_buffers with pg_prewarm.
--
-- Every table has segment (1..1000, for the grouped cases) and grp
-- (i % groups, for the memory case). random() is seeded: same data each run.

SELECT setseed(0.4242) \g /dev/null

-- Opportunities: won true / false / NULL (open), amount, day of the year.
CREATE UNLOGGED TABLE opportunities AS
SELECT CASE WHEN u < 0.30 THEN NULL WHEN u < 0.55 THEN true ELSE false END AS won,
       round((500 + random() * 99500)::numeric, 2)::numeric(14,2) AS amount,
       1 + floor(random() * 1000)::int AS segment,
       date '2024-01-01' + floor(random() * 365)::int AS day,
       (i % :groups)::int AS grp
  FROM (SELECT i, random() AS u FROM generate_series(1, :rows) AS i) AS g;

-- Pipeline (abm 1.2): one row per opportunity, 30% open with a probability
-- in hundredths, 25% won, 45% lost; created in 2024, closed (or expected to
-- close) 1 to 400 days later, at any second.
CREATE UNLOGGED TABLE pipeline AS
SELECT won, amount, created_at,
       created_at + (86400 + floor(random() * 399 * 86400)) * interval '1 second' AS closed_at,
       CASE WHEN won IS NULL THEN round(random()::numeric, 2) END AS probability,
       segment, grp
  FROM (SELECT CASE WHEN u < 0.30 THEN NULL WHEN u < 0.55 THEN true ELSE false END AS won,
               round((500 + random() * 99500)::numeric, 2)::numeric(14,2) AS amount,
               timestamptz '2024-01-01 00:00+00' + floor(random() * 365 * 86400) * interval '1 second' AS created_at,
               1 + floor(random() * 1000)::int AS segment,
               (i % :groups)::int AS grp
          FROM (SELECT i, random() AS u FROM generate_series(1, :rows) AS i) AS g) AS o;

-- Survey responses: NPS score 0..10 (35% promoters, 25% passives, 40%
-- detractors) and a CSAT score 1..5.
CREATE UNLOGGED TABLE survey AS
SELECT (CASE WHEN u < 0.35 THEN 9 + floor(random() * 2)
             WHEN u < 0.60 THEN 7 + floor(random() * 2)
             ELSE floor(random() * 7) END)::int AS score,
       (1 + floor(random() * 5))::int AS csat,
       date '2024-01-01' + floor(random() * 365)::int AS day,
       1 + floor(random() * 1000)::int AS segment,
       (i % :groups)::int AS grp
  FROM (SELECT i, random() AS u FROM generate_series(1, :rows) AS i) AS g;

-- Account revenue at the start and end of a period: 10% new (NULL start),
-- 8% churned (NULL end), the rest between 60% and 140% of the start.
CREATE UNLOGGED TABLE revenue AS
SELECT CASE WHEN u < 0.10 THEN NULL ELSE st END::numeric(14,2) AS start_revenue,
       CASE WHEN v < 0.08 THEN NULL
            WHEN u < 0.10 THEN round((1000 + random() * 49000)::numeric, 2)
            ELSE round(st * (0.6 + random() * 0.8)::numeric, 2) END::numeric(14,2) AS end_revenue,
       1 + floor(random() * 1000)::int AS segment,
       (i % :groups)::int AS grp
  FROM (SELECT i, random() AS u, random() AS v,
               round((1000 + random() * 99000)::numeric, 2) AS st
          FROM generate_series(1, :rows) AS i) AS g;

-- Ad rows: clicks <= impressions, spend, leads.
CREATE UNLOGGED TABLE ads AS
SELECT floor(imp * random() * 0.05)::bigint AS clicks,
       imp AS impressions,
       round((random() * 2000)::numeric, 2)::numeric(14,2) AS spend,
       floor(random() * 20)::bigint AS leads,
       1 + floor(random() * 1000)::int AS segment,
       (i % :groups)::int AS grp
  FROM (SELECT i, (100 + floor(random() * 99900))::bigint AS imp
          FROM generate_series(1, :rows) AS i) AS g;

-- Accounts: when each of the six stages was reached (increasing times, NULL
-- after the furthest stage), their spend, and acquired = reached won.
CREATE UNLOGGED TABLE accounts AS
SELECT ARRAY[t1,
             CASE WHEN f >= 2 THEN t2 END,
             CASE WHEN f >= 3 THEN t3 END,
             CASE WHEN f >= 4 THEN t4 END,
             CASE WHEN f >= 5 THEN t5 END,
             CASE WHEN f >= 6 THEN t6 END]::timestamptz[] AS reached_at,
       spend, f >= 4 AS acquired, segment, grp
  FROM (SELECT CASE WHEN u < 0.40 THEN 1 WHEN u < 0.65 THEN 2 WHEN u < 0.80 THEN 3
                    WHEN u < 0.90 THEN 4 WHEN u < 0.96 THEN 5 ELSE 6 END AS f,
               t1, t1 + d2 AS t2, t1 + d2 + d3 AS t3, t1 + d2 + d3 + d4 AS t4,
               t1 + d2 + d3 + d4 + d5 AS t5, t1 + d2 + d3 + d4 + d5 + d6 AS t6,
               spend, segment, grp
          FROM (SELECT random() AS u,
                       timestamptz '2023-01-01 00:00:00+00' + random() * interval '365 days' AS t1,
                       random() * interval '30 days' AS d2,
                       random() * interval '60 days' AS d3,
                       random() * interval '90 days' AS d4,
                       random() * interval '365 days' AS d5,
                       random() * interval '180 days' AS d6,
                       round((random() * 5000)::numeric, 2)::numeric(14,2) AS spend,
                       1 + floor(random() * 1000)::int AS segment,
                       (i % :groups)::int AS grp
                  FROM generate_series(1, :rows) AS i) AS a) AS b;

-- Moving window: one NPS response a day, in day order.
CREATE UNLOGGED TABLE daily AS
SELECT i AS day,
       (CASE WHEN u < 0.35 THEN 9 + floor(random() * 2)
             WHEN u < 0.60 THEN 7 + floor(random() * 2)
             ELSE floor(random() * 7) END)::int AS score
  FROM (SELECT i, random() AS u FROM generate_series(1, :wrows) AS i) AS g;
CREATE UNIQUE INDEX ON daily (day);

-- Stored daily summaries (one year x 1,000 segments) for the rollup case.
CREATE UNLOGGED TABLE nps_daily AS
SELECT day, segment, score_agg(score) AS s FROM survey GROUP BY day, segment;
CREATE UNLOGGED TABLE win_daily AS
SELECT day, segment, ratio_agg(won, amount) AS s FROM opportunities GROUP BY day, segment;

-- Touches for attribution: ROWS touches in ROWS / 10 conversions (1 to 19
-- touches each, 10 on average), in random order on disk.  A conversion's
-- amount and conversion time are functions of its id, so every one of its
-- rows carries the same; touches fall 0 to 120 days before the conversion.
-- Milestones (for W-shaped and full path): about 1 touch in 10 created the
-- lead, 1 in 10 the opportunity, 1 in 20 closed it.
CREATE UNLOGGED TABLE touches AS
SELECT row_number() OVER () AS touch_id, conversion_id,
       round((500 + (conversion_id * 7919) % 99500)::numeric, 2)::numeric(14,2) AS amount,
       converted_at, converted_at - random() * interval '120 days' AS touched_at,
       CASE WHEN u < 0.10 THEN '{lead_created}'::text[] WHEN u < 0.20 THEN '{opportunity_created}'
            WHEN u < 0.25 THEN '{closed_won}' END AS milestones
  FROM (SELECT conversion_id, random() AS u,
               timestamptz '2024-01-01 00:00:00+00' + conversion_id * interval '30 seconds' AS converted_at
          FROM (SELECT c AS conversion_id, 1 + floor(random() * 19)::int AS k
                  FROM generate_series(1, greatest(:rows / 10, 1)) AS c) AS conv,
               generate_series(1, k)
         ORDER BY random()) AS t;

-- Touches for reach: 100,000 accounts over 90 days (ROWS rows: at 10,000,000
-- ~100 touches per account), and the stored set of each day's engaged accounts.
CREATE UNLOGGED TABLE reach_touches AS
SELECT 1 + floor(random() * 100000)::bigint AS account_id,
       1 + (i % 90) AS day,
       1 + floor(random() * 1000)::int AS segment
  FROM generate_series(1, :rows) AS i;
CREATE UNLOGGED TABLE reach_daily AS
SELECT day, account_set_agg(account_id) AS s FROM reach_touches GROUP BY day;

VACUUM (FREEZE, ANALYZE) opportunities, pipeline, survey, revenue, ads, accounts, daily, nps_daily, win_daily, touches,
                         reach_touches, reach_daily;

\pset footer off
SELECT c.relname AS "table", c.reltuples::bigint AS "rows",
       pg_size_pretty(pg_relation_size(c.oid)) AS size,
       pg_prewarm(c.oid) AS "pages prewarmed"
  FROM pg_class c
 WHERE c.relname IN ('opportunities', 'pipeline', 'survey', 'revenue', 'ads', 'accounts', 'daily',
                     'daily_day_idx', 'nps_daily', 'win_daily', 'touches', 'reach_touches', 'reach_daily')
 ORDER BY pg_relation_size(c.oid) DESC;
