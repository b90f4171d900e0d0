-- pgTAP: measure_summary, surge_score and engagement_score (issue 13).
-- Expected values are the worked examples of kpi-definitions.md, by hand.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS abm;

BEGIN;
SELECT plan(16);

-- 2, 4, 4, 4, 5, 5, 7, 9: mean 40/8 = 5; squared deviations 32; variance 32/7
SELECT is(mean(measure_agg(x)), 5::float8, 'measures: mean of the worked example is 5')
  FROM unnest('{2,4,4,4,5,5,7,9}'::float8[]) x;
SELECT is(sample_variance(measure_agg(x)), 32::float8 / 7, 'measures: sample variance 32/7')
  FROM unnest('{2,4,4,4,5,5,7,9}'::float8[]) x;
SELECT is(round(sample_stddev(measure_agg(x))::numeric, 7), 2.1380899, 'measures: sample SD 2.1380899')
  FROM unnest('{2,4,4,4,5,5,7,9}'::float8[]) x;
SELECT is(sample_size(measure_agg(x)), 8::bigint, 'measures: NULLs are not counted')
  FROM unnest('{2,4,4,4,5,5,7,9,NULL}'::float8[]) x;
SELECT is(measure_agg(x)::text, 'v1 n=8 sum=40 sum_squares=232', 'measures: whole numbers keep exact sums')
  FROM unnest('{2,4,4,4,5,5,7,9}'::numeric[]) x;

-- Welch: a = 1..5, b = 2..10 by 2: t = -3 / sqrt(0.5 + 2) = -1.8973666, df = 6.25 / 1.0625 = 5.8823529
SELECT is(round(t::numeric, 7), -1.8973666, 'mean_test: Welch t of the worked example')
  FROM mean_test((SELECT measure_agg(x) FROM generate_series(1, 5) x), (SELECT measure_agg(2 * x) FROM generate_series(1, 5) x));
SELECT is(round(df::numeric, 7), 5.8823529, 'mean_test: Welch-Satterthwaite df of the worked example')
  FROM mean_test((SELECT measure_agg(x) FROM generate_series(1, 5) x), (SELECT measure_agg(2 * x) FROM generate_series(1, 5) x));
-- t(0.975, 7) = 2.365 (table): 5 +- 2.365 * 2.1380899 / sqrt(8) = 5 +- 1.788
SELECT is(round(upper::numeric, 2), 6.79, 'mean_interval: 95% Student-t upper end')
  FROM mean_interval((SELECT measure_agg(x) FROM unnest('{2,4,4,4,5,5,7,9}'::float8[]) x));

-- surge: baseline 3, 5, 4, 6, 2 (mean 4, SD sqrt(10/4)), this week 12: z = 8 / 1.5811388 = 5.0596443
SELECT is(round(surge_score(12, measure_agg(x))::numeric, 7), 5.0596443, 'surge_score of the worked example')
  FROM unnest('{3,5,4,6,2}'::float8[]) x;
SELECT is(surge_score(12, measure_agg(x)), NULL, 'surge_score: NULL without spread')
  FROM unnest('{4,4}'::float8[]) x;

-- engagement: weight 1 at T, T - 7 days, T - 14 days, half-life 7 days: 1.75
SELECT is(engagement_score(t, 1, '2024-03-15', '7 days'), 1.75::float8, 'engagement_score of the worked example')
  FROM unnest('{2024-03-15,2024-03-08,2024-03-01}'::timestamptz[]) t;
SELECT is(engagement_score(t, w, '2024-03-15', '7 days'), 1.75::float8, 'engagement_score: later touches and NULL weights are ignored')
  FROM (VALUES ('2024-03-15'::timestamptz, 1::float8), ('2024-03-08', 1), ('2024-03-01', 1),
               ('2024-03-16', 9), ('2024-03-14', NULL)) v(t, w);

SELECT throws_ok($$SELECT engagement_score(now(), -1, now(), '7 days')$$, '22003', NULL,
                 'engagement_score: a negative weight is 22003');
SELECT throws_ok($$SELECT engagement_score(now(), 1, now(), '0 days')$$, '22023', NULL,
                 'engagement_score: a half-life of 0 is 22023');
SELECT throws_ok($$SELECT engagement_score(t, 1, t, '7 days') FROM unnest('{2024-03-01,2024-03-02}'::timestamptz[]) t$$,
                 '22023', NULL, 'engagement_score: as_of differing within a group is 22023');
SELECT throws_ok($$SELECT measure_agg('NaN'::float8)$$, '22003', NULL, 'measure_agg: NaN is 22003');

SELECT * FROM finish();
ROLLBACK;
