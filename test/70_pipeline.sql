-- pgTAP: pipeline_summary (the Pipeline section of kpi-definitions.md) and
-- the renewal rates of retention_summary.  Every expected value is worked
-- out by hand in the comments; floats are compared within 1e-12 relative,
-- the sketch's quantiles within its bound (0.99%), exact values exactly.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS abm;

BEGIN;
SELECT plan(50);

CREATE FUNCTION pg_temp.is_close(got float8, want float8, tolerance float8, descr text) RETURNS text
LANGUAGE sql AS $$
    SELECT CASE
           WHEN got IS NOT NULL AND abs(got - want) <= tolerance * abs(want) THEN ok(true, descr)
           ELSE ok(false, descr) || E'\n' || diag(format('    have: %s', coalesce(got::text, 'NULL')))
                                 || E'\n' || diag(format('    want: %s', want)) END
$$;

------------------------------------------------------------------------------
-- The worked example (19): won 100, 200, 300 (cycles 10, 20, 60 days); lost
-- 50 (15 days); open 1,000 at probability 0.5 and 400 with none.
--   6 opportunities, 2 open, 3 won, 1 lost; pipeline 1,400; weighted 500;
--   won 600; lost 50; average deal 200; win rate 0.75; weighted 600/650;
--   mean cycle 30; median 20; velocity 2 x 0.75 x 200 / 30 = 10;
--   won and lost cycle (10 + 20 + 60 + 15) / 4 = 26.25.
------------------------------------------------------------------------------
CREATE TEMP TABLE tap_opp (won boolean, amount numeric, created_at timestamptz,
                           closed_at timestamptz, probability numeric) ON COMMIT DROP;
INSERT INTO tap_opp VALUES
    (true,  100,  '2026-01-01 00:00+00', '2026-01-11 00:00+00', NULL),
    (true,  200,  '2026-01-01 00:00+00', '2026-01-21 00:00+00', NULL),
    (true,  300,  '2026-01-01 00:00+00', '2026-03-02 00:00+00', NULL),
    (false, 50,   '2026-01-01 00:00+00', '2026-01-16 00:00+00', NULL),
    (NULL,  1000, '2026-02-01 00:00+00', '2026-06-30 00:00+00', 0.5),
    (NULL,  400,  '2026-02-01 00:00+00', '2026-06-30 00:00+00', NULL);
CREATE TEMP TABLE tap_ex ON COMMIT DROP AS
    SELECT pipeline_agg(won, amount, created_at, closed_at, probability) AS s FROM tap_opp;

SELECT is(opportunities(s), 6::bigint, 'opportunities = 6') FROM tap_ex;
SELECT is(open_opportunities(s), 2::bigint, 'open_opportunities = 2') FROM tap_ex;
SELECT is(won_opportunities(s), 3::bigint, 'won_opportunities = 3') FROM tap_ex;
SELECT is(lost_opportunities(s), 1::bigint, 'lost_opportunities = 1') FROM tap_ex;
SELECT is(pipeline_amount(s), 1400::numeric, 'pipeline_amount = 1,400') FROM tap_ex;
SELECT is(weighted_pipeline(s), 500::numeric, 'weighted_pipeline = 1,000 x 0.5 = 500') FROM tap_ex;
SELECT is(won_amount(s), 600::numeric, 'won_amount = 600') FROM tap_ex;
SELECT is(lost_amount(s), 50::numeric, 'lost_amount = 50') FROM tap_ex;
SELECT is(average_deal_size(s), 200::numeric, 'average_deal_size = 600 / 3 = 200') FROM tap_ex;
SELECT is(win_rate(s), 0.75::float8, 'win_rate = 3 / 4') FROM tap_ex;
SELECT pg_temp.is_close(weighted_win_rate(s), 600 / 650::float8, 1e-12, 'weighted_win_rate = 600 / 650') FROM tap_ex;
SELECT is(sales_cycle_days(s), 30::float8, 'sales_cycle_days = (10 + 20 + 60) / 3 = 30') FROM tap_ex;
SELECT is(closed_cycle_days(s), 26.25::float8, 'closed_cycle_days = 105 / 4 = 26.25') FROM tap_ex;
SELECT is(pipeline_velocity(s), 10::numeric, 'pipeline_velocity = 2 x 0.75 x 200 / 30 = 10') FROM tap_ex;
SELECT pg_temp.is_close(sales_cycle_days(s, 0.5), 20, 0.0099, 'median cycle 20 days, within 0.99%') FROM tap_ex;
SELECT pg_temp.is_close(sales_cycle_days(s, 0), 10, 0.0099, 'quantile 0: the shortest cycle, 10 days') FROM tap_ex;
SELECT pg_temp.is_close(sales_cycle_days(s, 1), 60, 0.0099, 'quantile 1: the longest cycle, 60 days') FROM tap_ex;
-- rank ceil(0.34 x 3) = 2: the second cycle, 20 days; ceil(0.33 x 3) = 1: 10 days
SELECT pg_temp.is_close(sales_cycle_days(s, 0.34), 20, 0.0099, 'quantile 0.34 is the 2nd of 3, as percentile_disc') FROM tap_ex;
SELECT pg_temp.is_close(sales_cycle_days(s, 0.33), 10, 0.0099, 'quantile 0.33 is the 1st of 3, as percentile_disc') FROM tap_ex;

------------------------------------------------------------------------------
-- Storage and combination (8)
------------------------------------------------------------------------------
SELECT is(s::text::pipeline_summary::text, s::text, 'text form round-trips') FROM tap_ex;
SELECT is((SELECT (pipeline_agg(won, amount, created_at, closed_at, probability) FILTER (WHERE won)
                 + pipeline_agg(won, amount, created_at, closed_at, probability) FILTER (WHERE won IS NOT TRUE))::text
             FROM tap_opp),
          (SELECT s::text FROM tap_ex), 'won + the rest = all, sketch included');
SELECT is((SELECT rollup(p)::text FROM (
              SELECT pipeline_agg(won, amount, created_at, closed_at, probability) p
              FROM tap_opp GROUP BY won) g),
          (SELECT s::text FROM tap_ex), 'rollup of the groups by outcome = all');
SELECT is((SELECT pipeline_subtract(s, p)::text FROM tap_ex,
                  (SELECT pipeline_agg(won, amount, created_at, closed_at, probability) p FROM tap_opp WHERE won) w),
          (SELECT pipeline_agg(won, amount, created_at, closed_at, probability)::text FROM tap_opp WHERE won IS NOT TRUE),
          'subtracting the won deals leaves the rest');
SELECT is(pipeline_agg(won, amount::float8, created_at, closed_at, probability::float8)::text, (SELECT s::text FROM tap_ex),
          'double precision amounts and probabilities give the same summary') FROM tap_opp;
SELECT is(pipeline_agg(won, amount::bigint, created_at, closed_at, probability)::text, (SELECT s::text FROM tap_ex),
          'bigint amounts give the same summary') FROM tap_opp;
SELECT is(pipeline_agg(won, amount::integer, created_at, closed_at, probability)::text, (SELECT s::text FROM tap_ex),
          'integer amounts give the same summary') FROM tap_opp;
SELECT is(array_agg(opportunities(w) ORDER BY n), ARRAY[1, 2, 2, 2, 2, 2]::bigint[],
          'a moving window of two rows counts two opportunities')
  FROM (SELECT row_number() OVER () n,
               pipeline_agg(won, amount, created_at, closed_at, probability) OVER (ROWS 1 PRECEDING) w
        FROM tap_opp) x;

------------------------------------------------------------------------------
-- NULLs (7)
------------------------------------------------------------------------------
SELECT is(opportunities(pipeline_agg(NULL::boolean, NULL::numeric, NULL, NULL)), 1::bigint,
          'a row of NULLs is one open opportunity');
SELECT is(pipeline_amount(pipeline_agg(NULL::boolean, NULL::numeric, NULL, NULL)), 0::numeric,
          'a NULL amount adds no money');
-- two won: 100 (cycle 4 days) and NULL (no amount, cycle 2 days): average 100 / 1
SELECT is(average_deal_size(pipeline_agg(true, a, '2026-01-01', d)), 100::numeric,
          'average_deal_size is over the won deals with an amount')
  FROM (VALUES (100::numeric, '2026-01-05'::timestamptz), (NULL, '2026-01-03')) v(a, d);
SELECT is(sales_cycle_days(pipeline_agg(true, 1::numeric, c, '2026-01-05')), 4::float8,
          'a NULL created_at leaves the deal out of cycle times only')
  FROM (VALUES ('2026-01-01'::timestamptz), (NULL)) v(c);
SELECT is(won_opportunities(pipeline_agg(true, 1::numeric, c, '2026-01-05')), 2::bigint,
          '... and the deal is still counted')
  FROM (VALUES ('2026-01-01'::timestamptz), (NULL)) v(c);
SELECT is(weighted_pipeline(pipeline_agg(NULL, 100::numeric, NULL, NULL, p)), 25::numeric,
          'a NULL probability leaves the deal out of the weighted pipeline only: 100 x 0.25')
  FROM (VALUES (0.25), (NULL)) v(p);
SELECT is(pipeline_velocity(pipeline_agg(NULL::boolean, 1::numeric, NULL, NULL)), NULL,
          'pipeline_velocity is NULL when nothing closed');

------------------------------------------------------------------------------
-- Errors (9)
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT pipeline_agg(true, -1::numeric, NULL, NULL)$$, '22003', NULL, 'negative amount: 22003');
SELECT throws_ok($$SELECT pipeline_agg(NULL, 1::numeric, NULL, NULL, 1.01)$$, '22003', NULL, 'probability above 1: 22003');
SELECT throws_ok($$SELECT pipeline_agg(NULL, 1::numeric, NULL, NULL, -0.5::float8)$$, '22003', NULL, 'negative probability: 22003');
SELECT throws_ok($$SELECT pipeline_agg(true, 1::numeric, '2026-02-01', '2026-01-01')$$, '22023', NULL,
                 'closed before created: 22023');
SELECT lives_ok($$SELECT pipeline_agg(NULL, 1::numeric, '2026-02-01', '2026-01-01')$$,
                'an open deal''s expected close date may precede its creation');
SELECT throws_ok($$SELECT sales_cycle_days(pipeline_agg(true, 1::numeric, NULL, NULL), 2)$$, '22003', NULL,
                 'quantile above 1: 22003');
SELECT throws_ok($$SELECT 'v1 open=1'::pipeline_summary$$, '22P02', NULL, 'truncated text: 22P02');
SELECT throws_ok($$SELECT 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={9:1}'::pipeline_summary$$,
                 '22P02', NULL, 'a sketch that does not match won_cycles: 22P02');
SELECT throws_ok($$SELECT pipeline_subtract(s, s + s) FROM tap_ex$$, '22023', NULL,
                 'subtracting what was never added: 22023');

------------------------------------------------------------------------------
-- Renewal rates (7): 50 contracts and $4M due; 47 renew, 3 of them
-- downgrading by $300k in all; 3 churn with $500k.  One renewal upsells by
-- $1M.  logo 47/50 = 0.94; dollar (4,000k - 300k - 500k) / 4,000k = 0.80;
-- the upsell is expansion: NRR (4,000k - 800k + 1,000k) / 4,000k = 1.05.
------------------------------------------------------------------------------
CREATE TEMP TABLE tap_renewals (due numeric, renewed numeric) ON COMMIT DROP;
INSERT INTO tap_renewals VALUES (200000, NULL), (150000, 0), (150000, NULL),        -- churn 500k
                                (200000, 100000), (200000, 100000), (200000, 100000), -- downgrade 300k
                                (105000, 1105000);                                    -- upsell 1,000k
INSERT INTO tap_renewals SELECT 65000, 65000 FROM generate_series(1, 43);            -- 2,795k flat
CREATE TEMP TABLE tap_ren ON COMMIT DROP AS SELECT retention_agg(due, renewed) AS s FROM tap_renewals;
SELECT is(accounts(s), 50::bigint, '50 contracts due') FROM tap_ren;
SELECT is(start_revenue(s), 4000000::numeric, '$4M due') FROM tap_ren;
SELECT is(renewal_rate(s), 0.94::float8, 'renewal_rate = 47 / 50 = 0.94') FROM tap_ren;
SELECT pg_temp.is_close(dollar_renewal_rate(s), 0.80, 1e-12, 'dollar_renewal_rate = 3,200k / 4,000k = 0.80') FROM tap_ren;
SELECT pg_temp.is_close(nrr(s), 1.05, 1e-12, 'the upsell raises NRR to 1.05, not the dollar renewal rate') FROM tap_ren;
SELECT is(renewal_rate(s), logo_retention(s), 'renewal_rate reads logo retention over the contracts due') FROM tap_ren;
SELECT is(dollar_renewal_rate(s), grr(s), 'dollar_renewal_rate reads GRR over the contracts due') FROM tap_ren;

SELECT * FROM finish();
ROLLBACK;
