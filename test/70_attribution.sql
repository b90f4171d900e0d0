-- pgTAP: the errors of attribution_weight and attributed_amount (issue 12),
-- each with its SQLSTATE and a message that names the offending value:
--   22023 invalid_parameter_value    an unknown model or milestone, a model
--         called with the arguments of another, half_life <= 0, custom
--         weights < 0 or not summing to 1, a model / parameter / amount
--         that differs between the rows of one conversion
--   22003 numeric_value_out_of_range a negative or NaN amount
--   42809 wrong_object_type          called without OVER (as a plain function
--         or in a GROUP BY query)
--   0A000 feature_not_supported      FILTER, DISTINCT or ORDER BY inside the call
-- and what is not an error: NULL arguments and partitions without credit.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS abm;

BEGIN;
SELECT plan(46);

CREATE TEMP TABLE t (c int, seq int, touched_at timestamptz, amount numeric, model text, h interval) ON COMMIT DROP;
INSERT INTO t VALUES (1, 1, '2026-02-01', 10.00, 'linear', '7 days'), (1, 2, '2026-02-10', 10.00, 'linear', '7 days'),
                     (2, 1, '2026-02-01', 5.00, 'u_shaped', '1 day'), (2, 2, '2026-02-10', 6.00, 'linear', '2 days');

-- The DETAIL and HINT of the error a statement raises.
CREATE FUNCTION pg_temp.error_field(q text, field text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    d text;
    h text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL, h = PG_EXCEPTION_HINT;
    RETURN CASE field WHEN 'detail' THEN d ELSE h END;
END $$;

------------------------------------------------------------------------------
-- Unknown model, and models called with another model's arguments (22023)
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT attribution_weight('position_based') OVER () FROM t$$, '22023',
    'unknown attribution model "position_based"', 'unknown model: 22023 naming it');
SELECT is(pg_temp.error_field($$SELECT attribution_weight('position_based') OVER () FROM t$$, 'detail'),
    'The models are first_touch, last_touch, linear, u_shaped, time_decay, w_shaped and full_path.',
    'unknown model: the detail lists the models');
SELECT throws_ok($$SELECT attributed_amount(amount, 'Linear') OVER () FROM t$$, '22023',
    'unknown attribution model "Linear"', 'model names are case-sensitive: 22023');
SELECT throws_ok($$SELECT attribution_weight('time_decay', '{lead_created}'::text[]) OVER () FROM t$$, '22023',
    'attribution model "time_decay" needs touched_at, converted_at and half_life',
    'time_decay without its times: 22023');
SELECT throws_ok($$SELECT attribution_weight('time_decay') OVER () FROM t$$, '22023',
    'attribution model "time_decay" needs touched_at, converted_at and half_life',
    'time_decay as a position model: 22023');
SELECT is(pg_temp.error_field($$SELECT attribution_weight('time_decay') OVER () FROM t$$, 'hint'),
    'Call attribution_weight(''time_decay'', touched_at, converted_at, half_life).',
    'time_decay as a position model: the hint shows the call');
SELECT is(pg_temp.error_field($$SELECT attributed_amount(amount, 'full_path') OVER () FROM t$$, 'hint'),
    'Call attributed_amount(amount, ''full_path'', milestones).',
    'full_path without milestones in attributed_amount: the hint shows the call with the amount');
SELECT throws_ok($$SELECT attribution_weight('w_shaped') OVER () FROM t$$, '22023',
    'attribution model "w_shaped" needs the milestones of each touch', 'w_shaped without milestones: 22023');
SELECT throws_ok($$SELECT attributed_amount(1, 'full_path') OVER () FROM t$$, '22023',
    'attribution model "full_path" needs the milestones of each touch', 'full_path without milestones: 22023');
SELECT throws_ok($$SELECT attribution_weight('linear', '{lead_created}'::text[]) OVER () FROM t$$, '22023',
    'attribution model "linear" takes no other argument', 'linear with milestones: 22023');
SELECT throws_ok($$SELECT attribution_weight('u_shaped', touched_at, touched_at, '1 day') OVER () FROM t$$, '22023',
    'attribution model "u_shaped" takes no other argument', 'u_shaped with times: 22023');
SELECT throws_ok($$SELECT attribution_weight('w_shaped', touched_at, touched_at, '1 day') OVER () FROM t$$, '22023',
    'attribution model "w_shaped" needs the milestones of each touch', 'w_shaped with times: 22023');

------------------------------------------------------------------------------
-- Milestones (22023)
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT attribution_weight('w_shaped', '{lead_created,mql}'::text[]) OVER () FROM t$$, '22023',
    'attribution_weight: unknown milestone "mql"', 'unknown milestone: 22023 naming it');
SELECT throws_ok($$SELECT attributed_amount(1, 'full_path', '{Closed_Won}'::text[]) OVER () FROM t$$, '22023',
    'attributed_amount: unknown milestone "Closed_Won"', 'milestones are case-sensitive: 22023');
SELECT is(pg_temp.error_field($$SELECT attribution_weight('w_shaped', '{x}'::text[]) OVER () FROM t$$, 'detail'),
    'The milestones are lead_created, opportunity_created and closed_won.', 'unknown milestone: the detail lists them');

------------------------------------------------------------------------------
-- half_life <= 0 (22023)
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT attribution_weight('time_decay', touched_at, '2026-03-01', '0') OVER () FROM t$$, '22023',
    'half_life must be a positive interval, got "00:00:00"', 'half_life 0: 22023');
SELECT throws_ok($$SELECT attribution_weight('time_decay', touched_at, '2026-03-01', '-7 days') OVER () FROM t$$, '22023',
    NULL, 'half_life -7 days: 22023');
SELECT throws_ok($$SELECT attributed_amount(1, 'time_decay', touched_at, '2026-03-01', '1 day -25 hours') OVER () FROM t$$,
    '22023', NULL, 'half_life 1 day - 25 hours (negative in all): 22023');
SELECT lives_ok($$SELECT attribution_weight('time_decay', touched_at, '2026-03-01', '1 microsecond') OVER () FROM t$$,
    'half_life of 1 microsecond is positive');

------------------------------------------------------------------------------
-- Custom weights (22023)
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT attribution_weight(-0.1, 0.6, 0.5) OVER () FROM t$$, '22023',
    'custom attribution weights must be at least 0 and sum to 1, got -0.1, 0.6, 0.5', 'a negative weight: 22023');
SELECT throws_ok($$SELECT attribution_weight(0.3, 0.3, 0.3) OVER () FROM t$$, '22023',
    'custom attribution weights must be at least 0 and sum to 1, got 0.3, 0.3, 0.3', 'weights summing to 0.9: 22023');
SELECT throws_ok($$SELECT attribution_weight(0.5, 0, 0.5 + 2e-9) OVER () FROM t$$, '22023', NULL,
    'weights summing to 1 + 2e-9: 22023');
SELECT lives_ok($$SELECT attribution_weight(0.5, 0, 0.5 + 5e-10) OVER () FROM t$$, 'weights summing to 1 + 5e-10 are accepted');
SELECT throws_ok($$SELECT attribution_weight('NaN', 0, 1) OVER () FROM t$$, '22023', NULL, 'a NaN weight: 22023');
SELECT throws_ok($$SELECT attributed_amount(amount, 'Infinity', 0, 0) OVER () FROM t$$, '22023', NULL, 'an infinite weight: 22023');

------------------------------------------------------------------------------
-- Amounts (22003, and 22023 when one conversion has several)
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT attributed_amount(-10.00, 'linear') OVER () FROM t$$, '22003',
    'amount must not be negative, got "-10.00"', 'a negative amount: 22003 naming it');
SELECT throws_ok($$SELECT attributed_amount('NaN', 'linear') OVER () FROM t$$, '22003', NULL, 'a NaN amount: 22003');
SELECT throws_ok($$SELECT attributed_amount(amount, 'linear') OVER (PARTITION BY c ORDER BY seq) FROM t$$, '22023',
    'attributed_amount: the amount must be the same on every row of a partition',
    'two amounts in one conversion (5.00 and 6.00): 22023');
SELECT throws_ok($$SELECT attributed_amount(CASE WHEN seq = 1 THEN NULL ELSE amount END, 'linear') OVER (PARTITION BY c) FROM t$$,
    '22023', NULL, 'an amount NULL on one row only: 22023');
SELECT lives_ok($$SELECT attributed_amount(amount, 'linear') OVER (PARTITION BY c ORDER BY seq) FROM t WHERE c = 1$$,
    'one amount per conversion is fine');
SELECT is(pg_temp.error_field($$SELECT attributed_amount(amount, 'linear') OVER (PARTITION BY c ORDER BY seq) FROM t$$, 'hint'),
    'Partition the window by conversion, e.g. PARTITION BY opportunity_id.', 'two amounts: the hint says how to partition');

------------------------------------------------------------------------------
-- Parameters that differ between the rows of one conversion (22023)
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT attribution_weight(model) OVER (PARTITION BY c ORDER BY seq) FROM t$$, '22023',
    'attribution_weight: model must be the same on every row of a partition', 'two models in one conversion: 22023');
SELECT lives_ok($$SELECT attribution_weight(model) OVER (PARTITION BY c ORDER BY seq) FROM t WHERE c = 1$$,
    'a model from a column, the same on every row, is fine');
SELECT throws_ok($$SELECT attribution_weight('time_decay', touched_at, '2026-03-01', h) OVER (PARTITION BY c ORDER BY seq) FROM t$$,
    '22023', 'attribution_weight: half_life must be the same on every row of a partition', 'two half-lives in one conversion: 22023');
SELECT throws_ok($$SELECT attribution_weight(seq * 0.25, 1 - seq * 0.5, seq * 0.25) OVER (PARTITION BY c ORDER BY seq) FROM t$$,
    '22023', 'attribution_weight: first must be the same on every row of a partition', 'two custom weightings in one conversion: 22023');

------------------------------------------------------------------------------
-- Called as a plain function or an aggregate: PostgreSQL's own errors
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT attribution_weight('linear')$$, '42809',
    'window function attribution_weight requires an OVER clause', 'as a plain function: 42809');
SELECT throws_ok($$SELECT attributed_amount(amount, 'linear') FROM t$$, '42809',
    'window function attributed_amount requires an OVER clause', 'attributed_amount without OVER: 42809');
SELECT throws_ok($$SELECT c, attribution_weight('linear') FROM t GROUP BY c$$, '42809', NULL, 'as an aggregate (GROUP BY): 42809');
SELECT throws_ok($$SELECT attribution_weight('linear') FILTER (WHERE seq > 1) OVER () FROM t$$, '0A000', NULL,
    'FILTER: 0A000');
SELECT throws_ok($$SELECT attribution_weight(DISTINCT 'linear') OVER () FROM t$$, '0A000', NULL, 'DISTINCT: 0A000');
SELECT throws_ok($$SELECT attribution_weight('linear' ORDER BY seq) OVER () FROM t$$, '0A000', NULL, 'ORDER BY inside: 0A000');

------------------------------------------------------------------------------
-- Not errors: NULL arguments give NULL (no credit) for the conversion
------------------------------------------------------------------------------
SELECT is((SELECT count(*) FROM (SELECT attribution_weight(NULL::text) OVER () w FROM t) x WHERE w IS NULL), 4::bigint,
    'a NULL model: NULL weights');
SELECT is((SELECT count(*) FROM (SELECT attribution_weight('time_decay', touched_at, '2026-03-01', NULL) OVER () w FROM t) x
           WHERE w IS NULL), 4::bigint, 'a NULL half_life: NULL weights');
SELECT is((SELECT count(*) FROM (SELECT attribution_weight(0.5, NULL, 0.5) OVER () w FROM t) x WHERE w IS NULL), 4::bigint,
    'a NULL custom weight: NULL weights');
SELECT is((SELECT count(*) FROM (SELECT attributed_amount(NULL, 'linear') OVER () w FROM t) x WHERE w IS NULL), 4::bigint,
    'a NULL amount: NULL credits');
SELECT is((SELECT sum(w) FROM (SELECT attribution_weight('time_decay', NULL, '2026-03-01', '1 day') OVER () w FROM t) x),
    NULL, 'time decay with every touch time NULL: no credit (NULL)');

SELECT * FROM finish();
ROLLBACK;
