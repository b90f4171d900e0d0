-- pgTAP: the ABM funnel (funnel_summary, funnel_agg, rollup, +, funnel_stages,
-- abm_stages). Expected values are worked out by hand from docs/semantics.md.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS abm;

BEGIN;
SELECT plan(69);

SET LOCAL TimeZone = 'UTC';
SET LOCAL DateStyle = 'ISO, YMD';

-- The SQLSTATE a statement raises (for the one case whose code the contract
-- leaves open).
CREATE FUNCTION pg_temp.sqlstate_of(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;

------------------------------------------------------------------------------
-- Signatures (16)
------------------------------------------------------------------------------
SELECT has_type('funnel_summary', 'type funnel_summary exists');
SELECT is_aggregate('funnel_agg', ARRAY['abm_stage'], 'funnel_agg(abm_stage) is an aggregate');
SELECT is_aggregate('funnel_agg', ARRAY['abm_stage', 'numeric'], 'funnel_agg(abm_stage, numeric) is an aggregate');
SELECT is_aggregate('funnel_agg', ARRAY['timestamp with time zone[]'], 'funnel_agg(timestamptz[]) is an aggregate');
SELECT is_aggregate('funnel_agg', ARRAY['timestamp with time zone[]', 'numeric'], 'funnel_agg(timestamptz[], numeric) is an aggregate');
SELECT function_returns('funnel_agg', ARRAY['abm_stage', 'numeric'], 'funnel_summary', 'funnel_agg returns funnel_summary');
SELECT is_aggregate('rollup', ARRAY['funnel_summary'], 'rollup(funnel_summary) is an aggregate');
SELECT function_returns('rollup', ARRAY['funnel_summary'], 'funnel_summary', 'rollup(funnel_summary) returns funnel_summary');
SELECT has_operator('funnel_summary', '+', 'funnel_summary', 'funnel_summary', 'funnel_summary + funnel_summary exists');
SELECT has_function('funnel_stages', ARRAY['funnel_summary'], 'funnel_stages(funnel_summary) exists');
SELECT function_returns('funnel_stages', ARRAY['funnel_summary'], 'setof record', 'funnel_stages returns a set of records');
SELECT has_function('abm_stages', ARRAY[]::name[], 'abm_stages() exists');
SELECT has_function('stage_accounts', ARRAY['funnel_summary', 'abm_stage'], 'stage_accounts(funnel_summary, abm_stage) exists');
SELECT function_returns('stage_accounts', ARRAY['funnel_summary', 'abm_stage'], 'bigint', 'stage_accounts returns bigint');
SELECT has_function('spend', ARRAY['funnel_summary'], 'spend(funnel_summary) exists');
SELECT function_returns('spend', ARRAY['funnel_summary'], 'numeric', 'spend(funnel_summary) returns numeric');

------------------------------------------------------------------------------
-- Funnel by furthest stage (19)
------------------------------------------------------------------------------
-- Tier A: target x2, engaged, opportunity, won, expanded (NULL spend): 800.
-- Tier B: target x2, engaged, won, and a NULL-stage row with 100 of spend: 400.
-- All: furthest 4,2,1,2,0,1; cumulative 10,6,4,3,1,1; spend 1200.
CREATE TEMP TABLE tap_accounts (id int, tier text, stage abm_stage, spend numeric) ON COMMIT DROP;
INSERT INTO tap_accounts VALUES
    (1, 'A', 'target', 100), (2, 'A', 'target', 100), (3, 'A', 'engaged', 150),
    (4, 'A', 'opportunity', 200), (5, 'A', 'won', 250), (6, 'A', 'expanded', NULL),
    (7, 'B', 'target', 50), (8, 'B', 'target', 50), (9, 'B', 'engaged', 100),
    (10, 'B', 'won', 100), (11, 'B', NULL, 100);
CREATE TEMP TABLE tap_stages ON COMMIT DROP AS
    SELECT f.* FROM (SELECT funnel_agg(stage, spend) s FROM tap_accounts) t, funnel_stages(t.s) f;

SELECT is((SELECT funnel_agg(stage, spend)::text FROM tap_accounts),
    'v1 furthest=4,2,1,2,0,1 spend=1200 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0',
    'text form of the stage funnel');
SELECT results_eq('SELECT stage::text, position, accounts FROM tap_stages ORDER BY position',
    $$VALUES ('target', 1, 10::bigint), ('engaged', 2, 6::bigint), ('opportunity', 3, 4::bigint),
             ('won', 4, 3::bigint), ('retained', 5, 1::bigint), ('expanded', 6, 1::bigint)$$,
    'cumulative accounts per stage');
SELECT results_eq('SELECT share_of_target FROM tap_stages ORDER BY position',
    $$VALUES (1::float8), (0.6::float8), (0.4::float8), (0.3::float8), (0.1::float8), (0.1::float8)$$,
    'share of target accounts');
SELECT is((SELECT conversion_rate FROM tap_stages WHERE stage = 'target'), NULL, 'no conversion into target');
SELECT is((SELECT conversion_rate FROM tap_stages WHERE stage = 'engaged'), 0.6::float8, 'conversion target -> engaged 6/10');
SELECT ok((SELECT abs(conversion_rate - 4 / 6::float8) < 1e-12 FROM tap_stages WHERE stage = 'opportunity'), 'conversion engaged -> opportunity 4/6');
SELECT is((SELECT conversion_rate FROM tap_stages WHERE stage = 'won'), 0.75::float8, 'conversion opportunity -> won 3/4');
SELECT results_eq('SELECT drop_off FROM tap_stages ORDER BY position',
    $$VALUES (NULL::bigint), (4::bigint), (2::bigint), (1::bigint), (2::bigint), (0::bigint)$$,
    'drop-off from the previous stage');
SELECT is((SELECT spend_per_account FROM tap_stages WHERE stage = 'engaged'), 200::numeric, 'cost per engaged account 1200/6');
SELECT is((SELECT spend_per_account FROM tap_stages WHERE stage = 'opportunity'), 300::numeric, 'cost per opportunity account 1200/4');
SELECT is((SELECT spend_per_account FROM tap_stages WHERE stage = 'won'), 400::numeric, 'cost per won account 1200/3');
SELECT is((SELECT count(*) FROM tap_stages WHERE avg_days_from_previous IS NOT NULL OR avg_days_from_first_touch IS NOT NULL),
    0::bigint, 'no times: no day averages');
SELECT is((SELECT bar FROM tap_stages WHERE stage = 'target'), repeat(U&'\2588', 30), 'target bar: 30 full blocks');
SELECT is((SELECT char_length(bar) FROM tap_stages WHERE stage = 'engaged'), 18, 'engaged bar: 0.6 * 30 = 18 blocks');
SELECT is(stage_accounts((SELECT funnel_agg(stage, spend) FROM tap_accounts), 'won'), 3::bigint, 'stage_accounts(won) = 3');
SELECT is(spend((SELECT funnel_agg(stage, spend) FROM tap_accounts)), 1200::numeric, 'spend() = 1200, NULL-stage spend included');
SELECT is((SELECT char_length(f.bar) FROM (SELECT funnel_agg(stage, spend) s FROM tap_accounts WHERE tier = 'B') t,
               funnel_stages(t.s) f WHERE f.stage = 'engaged'), 15, 'half the target accounts: 15 blocks');
SELECT results_eq(
    $$SELECT t.tier, f.accounts FROM (SELECT tier, funnel_agg(stage, spend) s FROM tap_accounts GROUP BY tier) t,
             funnel_stages(t.s) f WHERE f.stage = 'won' ORDER BY t.tier$$,
    $$VALUES ('A', 2::bigint), ('B', 1::bigint)$$,
    'LATERAL funnel_stages per tier');
SELECT is((SELECT rollup(s)::text FROM (SELECT funnel_agg(stage, spend) s FROM tap_accounts GROUP BY tier) t),
          (SELECT funnel_agg(stage, spend)::text FROM tap_accounts),
          'rollup of the tiers = funnel of all rows');

------------------------------------------------------------------------------
-- Funnel from stage times (10)
------------------------------------------------------------------------------
-- t1 won T0,+2d,+5d,+9d; t2 won T0,+4.5d,NULL,+10d; t3 opp NULL,+1d,+2d;
-- t4 opp T0,NULL,+6d; t5 target T0; t6 all NULL; t7 expanded
-- T0,+1d,+2d,+3d,+368d,+400d. Spend 100+200+NULL+300+0+60+540 = 1200.
-- Cumulative 6,5,5,3,1,1. Days from previous: engaged (2+4.5+1)/3 = 2.5,
-- opportunity (3+1+6+1)/4 = 2.75, won (4+5.5+1)/3 = 3.5, retained 365, expanded 32.
-- From first touch: engaged 0, opportunity (3+1+1)/3, won (7+5.5+2)/3, 367, 399.
CREATE TEMP TABLE tap_times (reached_at timestamptz[], spend numeric) ON COMMIT DROP;
INSERT INTO tap_times VALUES
    (ARRAY['2024-01-01 00:00+00', '2024-01-03 00:00+00', '2024-01-06 00:00+00', '2024-01-10 00:00+00', NULL, NULL]::timestamptz[], 100),
    (ARRAY['2024-01-01 00:00+00', '2024-01-05 12:00+00', NULL, '2024-01-11 00:00+00', NULL, NULL]::timestamptz[], 200),
    (ARRAY[NULL, '2024-01-02 00:00+00', '2024-01-03 00:00+00', NULL, NULL, NULL]::timestamptz[], NULL),
    (ARRAY['2024-01-01 00:00+00', NULL, '2024-01-07 00:00+00', NULL, NULL, NULL]::timestamptz[], 300),
    (ARRAY['2024-01-01 00:00+00', NULL, NULL, NULL, NULL, NULL]::timestamptz[], 0),
    (ARRAY[NULL, NULL, NULL, NULL, NULL, NULL]::timestamptz[], 60),
    (ARRAY['2024-01-01 00:00+00', '2024-01-02 00:00+00', '2024-01-03 00:00+00', '2024-01-04 00:00+00', '2025-01-03 00:00+00', '2025-02-04 00:00+00']::timestamptz[], 540);
CREATE TEMP TABLE tap_time_stages ON COMMIT DROP AS
    SELECT f.* FROM (SELECT funnel_agg(reached_at, spend) s FROM tap_times) t, funnel_stages(t.s) f;

SELECT results_eq('SELECT accounts FROM tap_time_stages ORDER BY position',
    $$VALUES (6::bigint), (5::bigint), (5::bigint), (3::bigint), (1::bigint), (1::bigint)$$,
    'times: skipped stages count as reached');
SELECT results_eq('SELECT avg_days_from_previous FROM tap_time_stages ORDER BY position',
    $$VALUES (NULL::float8), (2.5::float8), (2.75::float8), (3.5::float8), (365::float8), (32::float8)$$,
    'average days from the latest earlier timed stage');
SELECT is((SELECT avg_days_from_first_touch FROM tap_time_stages WHERE stage = 'engaged'), 0::float8, 'first touch to engaged: 0 days');
SELECT ok((SELECT abs(avg_days_from_first_touch - 5 / 3::float8) < 1e-12 FROM tap_time_stages WHERE stage = 'opportunity'),
    'first touch to opportunity: 5/3 days (no sample without an engaged time)');
SELECT ok((SELECT abs(avg_days_from_first_touch - 14.5 / 3::float8) < 1e-12 FROM tap_time_stages WHERE stage = 'won'),
    'first touch to won: 14.5/3 days');
SELECT is((SELECT avg_days_from_first_touch FROM tap_time_stages WHERE stage = 'expanded'), 399::float8, 'first touch to expanded: 399 days');
SELECT is((SELECT spend_per_account FROM tap_time_stages WHERE stage = 'engaged'), 240::numeric, 'times: cost per engaged account 1200/5');
SELECT is((SELECT funnel_agg(reached_at, spend)::text FROM tap_times),
    'v1 furthest=1,0,2,2,0,1 spend=1200 step_n=0,3,4,3,1,1'
    ' step_us=0,648000000000,950400000000,907200000000,31536000000000,2764800000000'
    ' touch_n=0,4,3,3,1,1 touch_us=0,0,432000000000,1252800000000,31708800000000,34473600000000',
    'times: exact counts and microsecond sums');
SELECT is((SELECT s::text::funnel_summary::text = s::text FROM (SELECT funnel_agg(reached_at, spend) s FROM tap_times) t),
    true, 'text round trip');
SELECT is((SELECT a.s + b.s FROM (SELECT funnel_agg(reached_at, spend) s FROM tap_times WHERE spend >= 200) a,
                                (SELECT funnel_agg(reached_at, spend) s FROM tap_times WHERE spend < 200 OR spend IS NULL) b)::text,
          (SELECT funnel_agg(reached_at, spend)::text FROM tap_times),
          'a + b of two halves = funnel of all rows');

------------------------------------------------------------------------------
-- Edge funnels (6)
------------------------------------------------------------------------------
SELECT is((SELECT funnel_agg(stage) FILTER (WHERE false)::text FROM tap_accounts),
    'v1 furthest=0,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0',
    'no rows: the empty summary');
SELECT is((SELECT count(*) FROM funnel_stages((SELECT funnel_agg(stage) FROM tap_accounts WHERE false)) f
           WHERE f.accounts = 0 AND f.share_of_target IS NULL AND f.conversion_rate IS NULL
             AND f.spend_per_account IS NULL),
    6::bigint, 'empty funnel: 6 rows, every ratio NULL');
SELECT results_eq($$SELECT conversion_rate FROM funnel_stages((SELECT funnel_agg(st)
                        FROM (VALUES ('target'::abm_stage), ('target')) v(st))) ORDER BY position$$,
    $$VALUES (NULL::float8), (0::float8), (NULL::float8), (NULL::float8), (NULL::float8), (NULL::float8)$$,
    'only targets: conversion 0 into engaged, NULL after an empty stage');
SELECT results_eq($$SELECT accounts, conversion_rate, drop_off FROM funnel_stages((SELECT funnel_agg(st)
                        FROM (VALUES ('expanded'::abm_stage), ('expanded'), ('expanded')) v(st))) WHERE position > 1 ORDER BY position$$,
    $$VALUES (3::bigint, 1::float8, 0::bigint), (3, 1, 0), (3, 1, 0), (3, 1, 0), (3, 1, 0)$$,
    'all expanded: every stage 3, conversion 1, no drop-off');
SELECT is((SELECT funnel_agg(st, sp)::text FROM (VALUES (NULL::abm_stage, 10), ('won', NULL)) v(st, sp)),
    'v1 furthest=0,0,0,1,0,0 spend=10 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0',
    'NULL stage: no account, spend counts; NULL spend adds nothing');
SELECT is((SELECT funnel_agg(ARRAY[NULL, NULL, '2024-01-02 00:00+00', NULL, NULL, NULL]::timestamptz[])::text),
    'v1 furthest=0,0,1,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0',
    'opportunity with only its own time: reached, no timing samples');

------------------------------------------------------------------------------
-- abm_stages() (3)
------------------------------------------------------------------------------
SELECT results_eq('SELECT position, stage::text FROM abm_stages()',
    $$VALUES (1, 'target'), (2, 'engaged'), (3, 'opportunity'), (4, 'won'), (5, 'retained'), (6, 'expanded')$$,
    'abm_stages(): six stages in order');
SELECT is((SELECT count(*) FROM abm_stages() WHERE cardinality(kpis) > 0 AND description <> ''), 6::bigint,
    'every stage has a description and KPIs');
SELECT is((SELECT count(*) FROM abm_stages(), unnest(kpis) k WHERE coalesce(k, '') = ''), 0::bigint,
    'no empty KPI names');

------------------------------------------------------------------------------
-- Errors (15)
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT funnel_agg(ARRAY['2024-01-05 00:00+00', '2024-01-02 00:00+00', NULL, NULL, NULL, NULL]::timestamptz[])$$,
    '22023', NULL, 'out-of-order times: 22023');
SELECT throws_like($$SELECT funnel_agg(ARRAY['2024-01-05 00:00+00', '2024-01-02 00:00+00', NULL, NULL, NULL, NULL]::timestamptz[])$$,
    '%{"2024-01-05 00:00:00+00","2024-01-02 00:00:00+00",NULL,NULL,NULL,NULL}%',
    'out-of-order times: the message shows the array');
SELECT throws_ok($$SELECT funnel_agg(ARRAY['2024-01-05 00:00+00', NULL, '2024-01-03 00:00+00', NULL, NULL, NULL]::timestamptz[], 1)$$,
    '22023', NULL, 'decrease across a skipped stage: 22023');
SELECT throws_ok($$SELECT funnel_agg('{"2024-01-01 00:00+00",NULL,NULL,NULL,NULL}'::timestamptz[])$$,
    '22023', NULL, '5 elements: 22023');
SELECT throws_ok($$SELECT funnel_agg('{"2024-01-01 00:00+00",NULL,NULL,NULL,NULL,NULL,NULL}'::timestamptz[], 1)$$,
    '22023', NULL, '7 elements: 22023');
SELECT throws_ok($$SELECT funnel_agg('{{"2024-01-01 00:00+00",NULL,NULL},{NULL,NULL,NULL}}'::timestamptz[])$$,
    '22023', NULL, '2-D array: 22023');
SELECT ok(pg_temp.sqlstate_of($$SELECT funnel_agg(ARRAY['2024-01-01 00:00+00', 'infinity', NULL, NULL, NULL, NULL]::timestamptz[])$$)
          IN ('22023', '22003'),
    'infinite time rejected (22023 or 22003: the contract does not say which)');
SELECT throws_ok($$SELECT funnel_agg('won'::abm_stage, -1)$$, '22003', NULL, 'negative spend: 22003');
SELECT throws_ok($$SELECT funnel_agg('won'::abm_stage, 'NaN'::numeric)$$, '22003', NULL, 'NaN spend: 22003');
SELECT throws_ok($$SELECT funnel_agg(ARRAY['2024-01-01 00:00+00', NULL, NULL, NULL, NULL, NULL]::timestamptz[], -1)$$,
    '22003', NULL, 'times, negative spend: 22003');
SELECT throws_ok($$SELECT funnel_agg(ARRAY['2024-01-01 00:00+00', NULL, NULL, NULL, NULL, NULL]::timestamptz[], 'NaN'::numeric)$$,
    '22003', NULL, 'times, NaN spend: 22003');
SELECT throws_ok($$SELECT 'v1 furthest=1,1,1,1,1 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0'::funnel_summary$$,
    '22P02', NULL, 'text: 5 furthest items: 22P02');
SELECT throws_ok($$SELECT 'v1 furthest=1,0,0,0,0,0 spend=-1 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0'::funnel_summary$$,
    '22P02', NULL, 'text: negative spend: 22P02');
SELECT throws_ok($$SELECT 'v1 furthest=1,0,0,0,0,0 spend=0 step_n=0,1,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0'::funnel_summary$$,
    '22P02', NULL, 'text: more steps than accounts reaching the stage: 22P02');
SELECT throws_ok($$SELECT 'v1 furthest=1,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0'::funnel_summary$$,
    '22P02', NULL, 'text: missing field: 22P02');

SELECT * FROM finish();
ROLLBACK;
