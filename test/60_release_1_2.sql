-- pgTAP: what abm 1.2 changed (README, "Changes in 1.2"): exact acv() for any
-- term, exact integer money, weighted_win_rate(won, amount), the deprecated
-- forms still answering as in 1.1, and soft input errors on PostgreSQL 16+
-- (skipped on 15, which has no pg_input_is_valid()). Expected values are
-- worked out by hand in the comments.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS abm;

BEGIN;
SELECT plan(36);

------------------------------------------------------------------------------
-- acv (5): a year is 360 days (PostgreSQL's 30-day months), so
-- acv(v, term) = v x 360 days / term, exactly.
------------------------------------------------------------------------------
SELECT is(acv(1000, '100 days'), 3600::numeric, 'acv(1000, 100 days) = 1000 x 360 / 100 = 3600');
SELECT is(acv(1000, '100 days')::text, '3600', 'acv(1000, 100 days) prints as 3600, no trailing digits');
SELECT is(acv(1000, '20 days'), 18000::numeric, 'acv(1000, 20 days) = 18000');
SELECT is(acv(1000, '36 hours'), 240000::numeric, 'acv(1000, 36 hours) = 1000 x 8640 / 36 = 240000');
SELECT is(acv(5000, '6 months', 500), 9000::numeric, 'acv(5000, 6 months, fees 500) = 4500 x 2 = 9000');

------------------------------------------------------------------------------
-- Integer money (10): exact, through forms of its own.
------------------------------------------------------------------------------
SELECT is(success_amount(ratio_agg(true, 1234567890123456789::bigint)), 1234567890123456789::numeric,
          'ratio_agg(boolean, bigint) keeps 1234567890123456789 exactly');
SELECT is(spend(cost_agg(v, 1::bigint)), 27670116110564327421::numeric,
          'cost_agg(bigint, bigint): 3 x 9223372036854775807 = 27670116110564327421')
  FROM (VALUES (9223372036854775807::bigint), (9223372036854775807), (9223372036854775807)) t(v);
SELECT is(cpl(v, 2::bigint), 1073741823.5,
          'cpl(integer, bigint): 3 x 2147483647 / (3 x 2) = 1073741823.5')
  FROM (VALUES (2147483647), (2147483647), (2147483647)) t(v);
SELECT is(cac(v, true), 2147483647::numeric, 'cac(integer, boolean): 2147483647 / 1')
  FROM (VALUES (2147483647)) t(v);
SELECT is(start_revenue(retention_agg(s, e)), 9223372036854775807::numeric,
          'retention_agg(bigint, bigint) keeps the start revenue exactly')
  FROM (VALUES (9223372036854775807::bigint, 9223372036854775807::bigint)) t(s, e);
SELECT is(nrr(s, e), 250 / 300::float8, 'nrr(integer, integer) = (100 + 150 + 0) / 300')
  FROM (VALUES (100, 100), (100, 150), (100, NULL)) t(s, e);
SELECT is(grr(s, e), 200 / 300::float8, 'grr(integer, integer) = (100 + 100 + 0) / 300')
  FROM (VALUES (100, 100), (100, 150), (100, NULL)) t(s, e);
SELECT ok(to_regprocedure('ratio_agg(boolean,bigint)') IS NOT NULL
          AND to_regprocedure('ratio_agg(boolean,integer)') IS NOT NULL, 'ratio_agg has bigint and integer forms');
SELECT ok(to_regprocedure('cost_agg(integer,boolean)') IS NOT NULL
          AND to_regprocedure('cost_agg(bigint,bigint)') IS NOT NULL, 'cost_agg has bigint and integer forms');
SELECT throws_ok($$SELECT cost_agg(-5, 1::bigint)$$, '22003', NULL, 'negative integer spend: 22003');

------------------------------------------------------------------------------
-- weighted_win_rate(won, amount) (6): one won deal of 900, two lost of 100,
-- one open of 5000 -> 900 / 1100; by count 1 / 3.
------------------------------------------------------------------------------
CREATE TEMP TABLE tap_deals (won boolean, amount numeric) ON COMMIT DROP;
INSERT INTO tap_deals VALUES (true, 900), (false, 100), (false, 100), (NULL, 5000);
SELECT is(weighted_win_rate(won, amount), 900 / 1100::float8, 'weighted_win_rate(boolean, numeric) = 900 / 1100') FROM tap_deals;
SELECT is(weighted_win_rate(won, amount::float8), 900 / 1100::float8, 'weighted_win_rate(boolean, double precision)') FROM tap_deals;
SELECT is(weighted_win_rate(won, amount::bigint), 900 / 1100::float8, 'weighted_win_rate(boolean, bigint)') FROM tap_deals;
SELECT is(weighted_win_rate(won, amount::integer), 900 / 1100::float8, 'weighted_win_rate(boolean, integer)') FROM tap_deals;
SELECT is(win_rate(ratio_agg(won, amount)), 1 / 3::float8, 'win_rate of the same summary counts deals: 1 / 3') FROM tap_deals;
SELECT is(win_rate(won, amount), 900 / 1100::float8, 'the deprecated win_rate(won, amount) still gives 900 / 1100') FROM tap_deals;

------------------------------------------------------------------------------
-- Deprecated (5): their comments say so and name the replacement.
------------------------------------------------------------------------------
SELECT ok(obj_description(f::regprocedure, 'pg_proc') ~ '^deprecated.*use ', format('%s is marked deprecated', f))
  FROM unnest(ARRAY['win_rate(boolean,numeric)', 'win_rate(boolean,double precision)',
                    'win_rate(boolean,bigint)', 'win_rate(boolean,integer)', 'cac(numeric,bigint)']) f;

------------------------------------------------------------------------------
-- Soft input errors (10), PostgreSQL 16+: pg_input_is_valid() answers
-- without raising, and pg_input_error_info() gives the SQLSTATE of the cast.
------------------------------------------------------------------------------
CREATE FUNCTION pg_temp.soft(value text, type text, OUT valid boolean, OUT sqlstate text)
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE 'SELECT pg_input_is_valid($1, $2), (pg_input_error_info($1, $2)).sql_error_code'
        INTO valid, sqlstate USING value, type;
END
$$;
CREATE TEMP TABLE tap_inputs (type text, value text, valid boolean, sqlstate text) ON COMMIT DROP;
INSERT INTO tap_inputs VALUES
    ('abm_stage', 'expanded', true, NULL),
    ('abm_stage', 'churned', false, '22P02'),
    ('ratio_summary', 'v1 successes=1 trials=2 success_amount=0 trial_amount=0', true, NULL),
    ('ratio_summary', 'v1 successes=3 trials=2 success_amount=0 trial_amount=0', false, '22P02'),
    ('score_summary', 'v1 scale=0-10 counts=1,0,0', false, '22P02'),
    ('retention_summary', 'v1 accounts=1', false, '22P02'),
    ('cost_summary', 'v1 units=2 spend=10.50', true, NULL),
    ('cost_summary', 'v1 units=2 spend=-1', false, '22P02'),
    ('funnel_summary', 'v1 furthest=1,0,0,0,0,0', false, '22P02'),
    ('funnel_summary', 'v1 furthest=1,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0', true, NULL);
SELECT CASE WHEN current_setting('server_version_num')::int >= 160000
            THEN is(ROW(s.valid, s.sqlstate), ROW(i.valid, i.sqlstate),
                    format('pg_input_is_valid(%L, %L) is %s%s', i.value, i.type, i.valid,
                           coalesce(', ' || i.sqlstate, '')))
            ELSE skip('pg_input_is_valid() needs PostgreSQL 16', 1) END
  FROM tap_inputs i
  LEFT JOIN LATERAL (SELECT * FROM pg_temp.soft(i.value, i.type)
                     WHERE current_setting('server_version_num')::int >= 160000) s ON true
 ORDER BY i.type, i.value;

SELECT * FROM finish();
ROLLBACK;
