-- The database scripts/sqlsmith.sh points SQLsmith at.
--
-- SQLsmith builds random queries from what the catalog offers: the columns of
-- the tables it finds, and the functions, aggregates and operators whose
-- argument types it can produce. A column is its main source of non-NULL
-- values (its constants are mostly NULLs and casts of NULL, which a strict
-- function never sees), so these tables hold every abm type, and every plain
-- type abm's functions and aggregates take, with varied values: NULLs,
-- empty summaries, summaries on different scales, extreme counts and money,
-- out-of-domain inputs (negative money, scores outside 0..10, numerator >
-- denominator, NaN and infinity), so that the errors abm raises are
-- exercised as well.
--
-- Loaded by the superuser after CREATE EXTENSION abm; scripts/sqlsmith.sh
-- then lets SQLsmith's role (not a superuser) read every table but write only
-- abm_scratch, so that its INSERT, UPDATE, DELETE and MERGE statements
-- (which commit) cannot empty the tables the rest of the run reads.
-- Everything is reproducible (setseed).

SET client_min_messages = warning;
SET TimeZone = 'UTC';
SELECT setseed(0.4242);

-- Raw rows: the plain inputs of the aggregates, NULL in roughly one row in ten.
CREATE TABLE abm_rows (
    id          int PRIMARY KEY,
    segment     text,
    stage       abm_stage,
    won         boolean,
    acquired    boolean,
    amount      numeric,        -- money, mostly valid; a few negative, NaN, huge
    amount_f    float8,         -- money as double precision, incl. -0, NaN, Infinity
    score       int,            -- 0..10 mostly; a few out of range
    csat        int,            -- 1..5
    scale_max   int,            -- 3..10 mostly; a few out of range
    numerator   bigint,
    denominator bigint,         -- usually >= numerator
    clicks      bigint,
    impressions bigint,
    start_rev   numeric,
    end_rev     numeric,
    start_rev_f float8,
    end_rev_f   float8,
    spend       numeric,
    spend_f     float8,
    units       bigint,
    confidence  float8,         -- 0.95 mostly; 0, 1, out of range
    margin      float8,
    churn       float8,
    term        interval,
    reached_at  timestamptz[],  -- six stage times, NULL = not reached
    at          timestamptz
);

INSERT INTO abm_rows
SELECT i,
       'seg' || (i % 4),
       CASE WHEN random() < 0.1 THEN NULL ELSE abm_stage(1 + floor(random() * 6)::int) END,
       CASE WHEN random() < 0.15 THEN NULL ELSE random() < 0.4 END,
       CASE WHEN random() < 0.1 THEN NULL ELSE random() < 0.3 END,
       CASE WHEN random() < 0.1 THEN NULL
            WHEN i % 97 = 0 THEN -1.5
            WHEN i % 89 = 0 THEN 'NaN'::numeric
            WHEN i % 83 = 0 THEN 99999999999999999999999999999999999.99
            WHEN i % 7 = 0 THEN 0
            ELSE round((random() * 100000)::numeric, i % 5) END,
       CASE WHEN random() < 0.1 THEN NULL
            WHEN i % 101 = 0 THEN 'NaN'::float8
            WHEN i % 103 = 0 THEN 'Infinity'::float8
            WHEN i % 107 = 0 THEN '-0'::float8
            WHEN i % 109 = 0 THEN 1e300
            ELSE random() * 50000 END,
       CASE WHEN random() < 0.1 THEN NULL
            WHEN i % 61 = 0 THEN 11
            WHEN i % 67 = 0 THEN -1
            ELSE floor(random() * 11)::int END,
       CASE WHEN random() < 0.1 THEN NULL ELSE 1 + floor(random() * 5)::int END,
       CASE WHEN random() < 0.1 THEN NULL
            WHEN i % 53 = 0 THEN 2
            WHEN i % 59 = 0 THEN 11
            ELSE 3 + floor(random() * 8)::int END,
       n, CASE WHEN i % 71 = 0 THEN n - 1 ELSE n + floor(random() * 20)::bigint END,
       CASE WHEN random() < 0.1 THEN NULL ELSE floor(random() * 50)::bigint END,
       CASE WHEN random() < 0.1 THEN NULL WHEN i % 13 = 0 THEN 0 ELSE 50 + floor(random() * 1000)::bigint END,
       CASE WHEN random() < 0.15 THEN NULL WHEN i % 11 = 0 THEN 0 ELSE round((random() * 50000)::numeric, 2) END,
       CASE WHEN random() < 0.15 THEN NULL WHEN i % 9 = 0 THEN 0 ELSE round((random() * 60000)::numeric, 3) END,
       CASE WHEN random() < 0.15 THEN NULL ELSE random() * 50000 END,
       CASE WHEN random() < 0.15 THEN NULL ELSE random() * 60000 END,
       CASE WHEN random() < 0.1 THEN NULL WHEN i % 79 = 0 THEN -10 ELSE round((random() * 3000)::numeric, i % 3) END,
       CASE WHEN random() < 0.1 THEN NULL ELSE random() * 3000 END,
       CASE WHEN random() < 0.1 THEN NULL WHEN i % 73 = 0 THEN -1 ELSE floor(random() * 5)::bigint END,
       CASE WHEN i % 17 = 0 THEN 0 WHEN i % 19 = 0 THEN 1 WHEN i % 23 = 0 THEN 1.5 ELSE 0.95 END,
       CASE WHEN random() < 0.1 THEN NULL ELSE random() END,
       CASE WHEN random() < 0.1 THEN NULL WHEN i % 29 = 0 THEN 0 ELSE random() / 10 END,
       CASE WHEN random() < 0.1 THEN NULL WHEN i % 31 = 0 THEN interval '0' ELSE (1 + i % 36) * interval '1 month' END,
       CASE WHEN random() < 0.1 THEN NULL
            WHEN i % 37 = 0 THEN ARRAY[]::timestamptz[]
            WHEN i % 41 = 0 THEN ARRAY[timestamptz '2024-01-01', NULL]   -- wrong length
            WHEN i % 43 = 0 THEN ARRAY[timestamptz '2024-02-01', '2024-01-01', NULL, NULL, NULL, NULL] -- out of order
            ELSE ARRAY(SELECT CASE WHEN j <= 1 + (i % 6) THEN timestamptz '2024-01-01 00:00+00'
                                        + i * interval '1 hour' + j * interval '2 days 5 hours 0.5 seconds' END
                       FROM generate_series(1, 6) j ORDER BY j) END,
       timestamptz '2024-01-01 00:00+00' + i * interval '7 hours'
FROM generate_series(1, 400) i,
     LATERAL (SELECT CASE WHEN random() < 0.1 THEN NULL ELSE floor(random() * 30)::bigint END) AS r(n);

-- Summaries: one row per segment, computed by the aggregates, on different
-- scales and money scales, plus an all-NULL row and empty summaries.
CREATE TABLE abm_summaries (
    id      int PRIMARY KEY,
    segment text,
    ratio   ratio_summary,
    ratio_n ratio_summary,     -- counts only (ratio_agg(bigint, bigint))
    score   score_summary,     -- 0..10 (NPS)
    score5  score_summary,     -- 1..5 (CSAT)
    ret     retention_summary,
    cost    cost_summary,
    funnel  funnel_summary,
    funnel_t funnel_summary,   -- from stage times
    first_stage abm_stage,
    last_stage  abm_stage,
    day     date,
    stages  abm_stage[],
    ratios  ratio_summary[],
    media   media_summary      -- clicks, impressions, spend, units as conversions
);

INSERT INTO abm_summaries
SELECT row_number() OVER (ORDER BY segment), segment,
       ratio_agg(won, amount) FILTER (WHERE amount >= 0 AND amount < 1e30 AND amount <> 'NaN'),
       ratio_agg(numerator, denominator) FILTER (WHERE numerator <= denominator),
       score_agg(score) FILTER (WHERE score BETWEEN 0 AND 10),
       score_agg(csat, 5),
       retention_agg(start_rev, end_rev),
       cost_agg(spend, acquired) FILTER (WHERE spend >= 0),
       funnel_agg(stage, spend) FILTER (WHERE spend >= 0),
       funnel_agg(reached_at) FILTER (WHERE cardinality(reached_at) = 6 AND id % 43 <> 0),
       min(stage), max(stage), date '2024-01-01' + length(segment) + ascii(right(segment, 1)),
       array_agg(DISTINCT stage),
       ARRAY[ratio_agg(won), NULL],
       media_agg(clicks, impressions, spend, units) FILTER (
           WHERE coalesce(clicks >= 0 AND clicks <= impressions, true) AND coalesce(impressions >= 0, true)
             AND coalesce(spend >= 0 AND spend < 1e30, true) AND coalesce(units >= 0, true))
FROM abm_rows GROUP BY segment;

INSERT INTO abm_summaries (id, segment) VALUES (100, 'all NULL');

INSERT INTO abm_summaries
SELECT 101, 'empty', ratio_agg(won), ratio_agg(numerator, denominator), score_agg(score),
       score_agg(csat, 5), retention_agg(start_rev, end_rev), cost_agg(spend, acquired),
       funnel_agg(stage), funnel_agg(reached_at), NULL, NULL, date '2024-06-30',
       ARRAY[]::abm_stage[], ARRAY[]::ratio_summary[], media_agg(clicks, impressions, spend)
FROM abm_rows WHERE false;

-- Extreme values from the text forms: counts at the int64 limit and money
-- near the limit of the 128-bit sums, so that + and rollup() overflow.
INSERT INTO abm_summaries (id, segment, ratio, score, score5, ret, cost, funnel, first_stage, last_stage)
VALUES
  (102, 'extreme',
   'v1 successes=9223372036854775807 trials=9223372036854775807 success_amount=170141183460469231731687303715884105727 trial_amount=170141183460469231731687303715884105727',
   'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,9223372036854775807',
   'v1 scale=1-10 counts=0,1,1,1,1,1,1,1,1,1,1',
   'v1 accounts=4 churned_accounts=1 new_accounts=2 start_revenue=200000 expansion=20000 contraction=4000 churned_revenue=6000 new_revenue=35000',
   'v1 units=9223372036854775807 spend=99999999999999999999999999999999999999',
   'v1 furthest=4,3,1,2,0,0 spend=1000.00 step_n=0,6,3,2,0,0 step_us=0,600,300,200,0,0 touch_n=0,6,3,2,0,0 touch_us=0,0,300,500,0,0',
   'target', 'expanded'),
  (103, 'tiny',
   'v1 successes=1 trials=1 success_amount=0.00000000000000000000000000000000000001 trial_amount=1.00000000000000000000000000000000000000',
   'v1 scale=1-3 counts=0,1,2,3,0,0,0,0,0,0,0',
   'v1 scale=1-5 counts=0,0,0,0,0,0,0,0,0,0,0',
   'v1 accounts=2 churned_accounts=0 new_accounts=0 start_revenue=110.500 expansion=0.125 contraction=0.250 churned_revenue=0.000 new_revenue=0.000',
   'v1 units=0 spend=5.00',
   'v1 furthest=0,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0',
   'won', 'won');

-- Account sets (1.2): per segment, empty, the largest a set may be (any
-- union with it overflows the count) and the largest id.
ALTER TABLE abm_summaries ADD COLUMN engaged account_set;
UPDATE abm_summaries s SET engaged = t.engaged
FROM (SELECT segment, account_set_agg(id::bigint * 97 % 1000) AS engaged FROM abm_rows GROUP BY segment) t
WHERE s.segment = t.segment;
UPDATE abm_summaries SET engaged = '{}' WHERE id = 101;
UPDATE abm_summaries SET engaged = '{-9223372036854775808--2}' WHERE id = 102;
UPDATE abm_summaries SET engaged = '{9223372036854775807}' WHERE id = 103;

-- One stored summary a day, as in docs/bi.md, for rollup() over many rows.
CREATE TABLE abm_daily AS
SELECT at::date AS day, segment, account_set_agg(id) AS engaged,
       ratio_agg(won) AS ratio, score_agg(score) FILTER (WHERE score BETWEEN 0 AND 10) AS score,
       retention_agg(start_rev_f, end_rev_f) AS ret, cost_agg(spend_f, units) FILTER (WHERE units >= 0) AS cost,
       funnel_agg(stage) AS funnel, max(stage) AS furthest,
       media_agg(clicks, NULL::bigint, spend_f) FILTER (WHERE clicks >= 0 AND spend_f >= 0 AND spend_f < 1e30) AS media
FROM abm_rows GROUP BY 1, 2;

-- 1.2 (issue 13): measures and engagement states, one per segment and day.
CREATE TABLE abm_measures AS
SELECT at::date AS day, segment,
       measure_agg(units) AS touches, measure_agg(spend_f) FILTER (WHERE abs(spend_f) < 1e100) AS spend,
       engagement_trans('v1 rows=0 as_of=0 half_life=0 score=0', max(at), 1, max(at), '7 days') AS engagement
FROM abm_rows GROUP BY 1, 2;
-- Pipeline summaries (1.2), per segment, plus an empty one and an extreme
-- literal: counts at the int64 limit, money near the 128-bit limit, a
-- sketch from bucket 0 to the last one (2242).
CREATE TABLE abm_pipelines AS
SELECT segment,
       pipeline_agg(won, amount, at, at + term, confidence)
           FILTER (WHERE amount >= 0 AND amount < 1e30 AND amount <> 'NaN'
                   AND confidence BETWEEN 0 AND 1 AND term >= interval '0') AS pipe,
       pipeline_agg(won, amount_f, at, at + interval '3 days')
           FILTER (WHERE amount_f >= 0 AND amount_f < 1e30) AS pipe_f
FROM abm_rows GROUP BY segment;
INSERT INTO abm_pipelines (segment, pipe, pipe_f)
SELECT 'empty', pipeline_agg(won, amount, at, at), pipeline_agg(won, amount_f, at, at)
FROM abm_rows WHERE false;
INSERT INTO abm_pipelines (segment, pipe) VALUES
  ('extreme', 'v1 open=1 won=9223372036854775806 lost=0 won_with_amount=1 pipeline=170141183460469231731687303715884105727 weighted_pipeline=1 won_amount=1 lost_amount=0 won_cycles=9223372036854775806 won_cycle_us=170141183460469231731687303715884105727 lost_cycles=0 lost_cycle_us=0 cycle_sketch={0:1,1:9223372036854775804,2242:1}');

-- The one table SQLsmith may change: a copy of the summaries.
CREATE TABLE abm_scratch AS SELECT * FROM abm_summaries;
ALTER TABLE abm_scratch ADD PRIMARY KEY (id);

CREATE INDEX abm_rows_stage ON abm_rows (stage);
CREATE INDEX abm_summaries_last ON abm_summaries USING hash (last_stage);
ANALYZE;
