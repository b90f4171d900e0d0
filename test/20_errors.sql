-- pgTAP: every error of the contract (docs/semantics.md, "Conventions"):
--   22003 numeric_value_out_of_range  a number out of its range (negative
--         money, NaN, infinity, a score outside the scale, numerator >
--         denominator, a term <= 0, a sum too large)
--   22023 invalid_parameter_value     a bad option (scale_max outside 3..10,
--         mixing scales, NPS of a 1-N summary...)
--   22P02 invalid_text_representation bad type input text
--   22P03 invalid_binary_representation bad binary input
-- and that messages name the offending value.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS abm;

BEGIN;
SELECT plan(182);

-- The HINT of the error a statement raises.
CREATE FUNCTION pg_temp.error_hint(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    h text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
    RETURN h;
END $$;

-- Binary input: feeds payload to the type's recv function through COPY
-- FROM PROGRAM in binary format (printf writes the stream; no file is
-- left behind). Returns 'ok: <value as text>' or the SQLSTATE.
CREATE FUNCTION pg_temp.can_copy_from_program() RETURNS boolean LANGUAGE sql AS $$
    SELECT rolsuper OR pg_has_role(current_user, 'pg_execute_server_program', 'USAGE')
      FROM pg_roles WHERE rolname = current_user
$$;
CREATE FUNCTION pg_temp.recv(typ regtype, payload bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    stream bytea;
    octal text;
    result text;
BEGIN
    stream := '\x5047434f50590aff0d0a00'::bytea      -- signature PGCOPY\n\377\r\n\0
           || '\x0000000000000000'::bytea            -- flags, header extension length
           || '\x0001'::bytea                        -- one field
           || int4send(length(payload)) || payload
           || '\xffff'::bytea;                       -- trailer
    SELECT string_agg('\' || (b >> 6)::text || ((b >> 3) & 7)::text || (b & 7)::text, '' ORDER BY i)
      INTO octal
      FROM (SELECT i, get_byte(stream, i) AS b FROM generate_series(0, length(stream) - 1) i) x;
    EXECUTE format('CREATE TEMP TABLE tap_recv (v %s)', typ);
    BEGIN
        EXECUTE format('COPY tap_recv FROM PROGRAM %L (FORMAT binary)', 'printf ''' || octal || '''');
        EXECUTE 'SELECT ''ok: '' || v::text FROM tap_recv' INTO result;
    EXCEPTION WHEN OTHERS THEN
        result := SQLSTATE;
    END;
    DROP TABLE tap_recv;
    RETURN result;
END $$;
-- base with the bytes at which a and b differ replaced by b's: moves one
-- field (the one a and b differ in) into base. NULL if the lengths differ.
CREATE FUNCTION pg_temp.splice(base bytea, a bytea, b bytea) RETURNS bytea LANGUAGE plpgsql AS $$
DECLARE
    r bytea := base;
BEGIN
    IF length(base) <> length(a) OR length(a) <> length(b) THEN
        RETURN NULL;
    END IF;
    FOR i IN 0 .. length(a) - 1 LOOP
        IF get_byte(a, i) <> get_byte(b, i) THEN
            r := set_byte(r, i, get_byte(b, i));
        END IF;
    END LOOP;
    RETURN r;
END $$;

------------------------------------------------------------------------------
-- abm_stage (11)
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT 'bogus'::abm_stage$$, '22P02', NULL, 'bad stage text: 22P02');
SELECT throws_like($$SELECT 'bogus'::abm_stage$$, '%"bogus"%', 'bad stage text: the message quotes the input');
SELECT matches(pg_temp.error_hint($$SELECT 'bogus'::abm_stage$$), 'target.*engaged.*opportunity.*won.*retained.*expanded',
    'bad stage text: the hint lists the six accepted names');
SELECT throws_ok($$SELECT ''::abm_stage$$, '22P02', NULL, 'empty stage text: 22P02');
SELECT throws_ok($$SELECT 'won x'::abm_stage$$, '22P02', NULL, 'trailing garbage after a stage name: 22P02');
SELECT throws_ok($$SELECT abm_stage(0)$$, '22003', NULL, 'abm_stage(0): 22003');
SELECT throws_ok($$SELECT abm_stage(7)$$, '22003', NULL, 'abm_stage(7): 22003');
SELECT throws_matching($$SELECT abm_stage(7)$$, '\m7\M', 'abm_stage(7): the message names 7');
SELECT throws_ok($$SELECT 0::abm_stage$$, '22003', NULL, 'cast 0 -> abm_stage: 22003');
SELECT throws_ok($$SELECT 7::abm_stage$$, '22003', NULL, 'cast 7 -> abm_stage: 22003');
SELECT throws_ok($$SELECT (-1)::abm_stage$$, '22003', NULL, 'cast -1 -> abm_stage: 22003');

------------------------------------------------------------------------------
-- NPS scores (6)
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT nps_score(11)$$, '22003', NULL, 'nps_score(11): 22003');
SELECT throws_ok($$SELECT nps_score(-1)$$, '22003', NULL, 'nps_score(-1): 22003');
SELECT throws_matching($$SELECT nps_score(11)$$, '\m11\M', 'nps_score(11): the message names 11');
SELECT throws_ok($$SELECT score_agg(11)$$, '22003', NULL, 'score_agg(11): 22003');
SELECT throws_ok($$SELECT score_agg(-1)$$, '22003', NULL, 'score_agg(-1): 22003');
SELECT throws_ok($$SELECT nps_score(x) FROM unnest(ARRAY[9, 10, 12, 0]) x$$, '22003', NULL,
    'one bad score among good ones: 22003');

------------------------------------------------------------------------------
-- CSAT scores and scales (21)
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT csat(0)$$, '22003', NULL, 'csat(0) on the default 1-5 scale: 22003');
SELECT throws_ok($$SELECT csat(6)$$, '22003', NULL, 'csat(6) on the default 1-5 scale: 22003');
SELECT throws_matching($$SELECT csat(6)$$, '\m6\M', 'csat(6): the message names 6');
SELECT throws_ok($$SELECT csat(0, 5)$$, '22003', NULL, 'csat(0, 5): 22003');
SELECT throws_ok($$SELECT csat(6, 5)$$, '22003', NULL, 'csat(6, 5): 22003');
SELECT throws_ok($$SELECT csat(8, 7)$$, '22003', NULL, 'csat(8, 7): 22003');
SELECT throws_ok($$SELECT score_agg(0, 5)$$, '22003', NULL, 'score_agg(0, 5): 22003');
SELECT throws_ok($$SELECT score_agg(6, 5)$$, '22003', NULL, 'score_agg(6, 5): 22003');
SELECT throws_ok($$SELECT csat(3, 2)$$, '22023', NULL, 'csat scale_max 2: 22023');
SELECT throws_ok($$SELECT csat(3, 11)$$, '22023', NULL, 'csat scale_max 11: 22023');
SELECT throws_matching($$SELECT csat(3, 11)$$, '\m11\M', 'csat scale_max 11: the message names 11');
SELECT throws_ok($$SELECT score_agg(3, 2)$$, '22023', NULL, 'score_agg scale_max 2: 22023');
SELECT throws_ok($$SELECT score_agg(3, 11)$$, '22023', NULL, 'score_agg scale_max 11: 22023');
SELECT throws_ok($$SELECT score_agg(x, n) FROM (VALUES (1, 5), (1, 7)) v(x, n)$$, '22023', NULL,
    'score_agg: scale_max changing within a group: 22023');
SELECT throws_ok($$SELECT csat(x, n) FROM (VALUES (1, 5), (1, 7)) v(x, n)$$, '22023', NULL,
    'csat: scale_max changing within a group: 22023');
SELECT throws_ok($$SELECT nps_score(score_agg(4, 5))$$, '22023', NULL, 'NPS of a 1-5 summary: 22023');
SELECT throws_ok($$SELECT csat(score_agg(9))$$, '22023', NULL, 'csat of a 0-10 summary with a 9 (outside 1..5): 22023');
SELECT throws_ok($$SELECT csat(score_agg(0))$$, '22023', NULL, 'csat of a 0-10 summary with a 0 (outside 1..5): 22023');
SELECT throws_ok($$SELECT csat(score_agg(4, 5), 2)$$, '22023', NULL, 'csat(summary, 2): 22023');
SELECT throws_ok($$SELECT csat(score_agg(4, 5), 11)$$, '22023', NULL, 'csat(summary, 11): 22023');
SELECT throws_ok($$SELECT csat(score_agg(4, 5), 7)$$, '22023', NULL, 'csat(1-5 summary, 7): 22023');

------------------------------------------------------------------------------
-- Mixing score scales; score_count (7)
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT score_agg(5) + score_agg(5, 5)$$, '22023', NULL, '0-10 summary + 1-5 summary: 22023');
SELECT throws_ok($$SELECT score_agg(5, 5) + score_agg(5, 7)$$, '22023', NULL, '1-5 summary + 1-7 summary: 22023');
SELECT throws_ok($$SELECT rollup(s) FROM (SELECT score_agg(5) UNION ALL SELECT score_agg(5, 5)) v(s)$$, '22023', NULL,
    'rollup of a 0-10 and a 1-5 summary: 22023');
SELECT throws_ok($$SELECT csat(score_agg(9, 10), 5)$$, '22023', NULL, 'csat(1-10 summary, 5): 22023');
SELECT throws_ok($$SELECT score_count(score_agg(5), 11)$$, '22003', NULL, 'score_count(s, 11): 22003');
SELECT throws_ok($$SELECT score_count(score_agg(5), -1)$$, '22003', NULL, 'score_count(s, -1): 22003');
SELECT throws_ok($$SELECT csat(score_agg(0), 5)$$, '22023', NULL, 'csat(0-10 summary with a 0, 5): 22023');

------------------------------------------------------------------------------
-- Money in ratio summaries (11)
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT win_rate(true, -1.5::numeric)$$, '22003', NULL, 'negative amount: 22003');
SELECT throws_matching($$SELECT win_rate(true, -1.5::numeric)$$, '-1\.5', 'negative amount: the message names -1.5');
SELECT throws_ok($$SELECT win_rate(false, 'NaN'::numeric)$$, '22003', NULL, 'NaN amount: 22003');
SELECT throws_ok($$SELECT win_rate(true, 'Infinity'::numeric)$$, '22003', NULL, 'infinite numeric amount: 22003');
SELECT throws_ok($$SELECT win_rate(true, '-Infinity'::numeric)$$, '22003', NULL, '-infinite numeric amount: 22003');
SELECT throws_ok($$SELECT win_rate(true, -1::float8)$$, '22003', NULL, 'negative float8 amount: 22003');
SELECT throws_ok($$SELECT win_rate(true, 'NaN'::float8)$$, '22003', NULL, 'NaN float8 amount: 22003');
SELECT throws_ok($$SELECT win_rate(true, 'Infinity'::float8)$$, '22003', NULL, 'infinite float8 amount: 22003');
SELECT throws_ok($$SELECT ratio_agg(true, -0.01::numeric)$$, '22003', NULL, 'ratio_agg: negative amount: 22003');
SELECT throws_ok($$SELECT ratio_agg(false, 'NaN'::float8)$$, '22003', NULL, 'ratio_agg: NaN float8 amount: 22003');
SELECT throws_ok($$SELECT win_rate(w, a) FROM (VALUES (true, 10::numeric), (false, -10)) v(w, a)$$, '22003', NULL,
    'a negative amount after good rows: 22003');

------------------------------------------------------------------------------
-- Counts: 0 <= numerator <= denominator (9)
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT rate(5, 3)$$, '22003', NULL, 'rate(5, 3): numerator > denominator: 22003');
SELECT throws_matching($$SELECT rate(5, 3)$$, '\m5\M.*\m3\M|\m3\M.*\m5\M', 'rate(5, 3): the message names 5 and 3');
SELECT throws_ok($$SELECT ratio_agg(5::bigint, 3::bigint)$$, '22003', NULL, 'ratio_agg(5, 3): 22003');
SELECT throws_ok($$SELECT ctr(-1, 10)$$, '22003', NULL, 'ctr(-1, 10): negative numerator: 22003');
SELECT throws_ok($$SELECT ctr(-1, -1)$$, '22003', NULL, 'ctr(-1, -1): negative counts: 22003');
SELECT throws_ok($$SELECT vtr(1, -1)$$, '22003', NULL, 'vtr(1, -1): 22003');
SELECT throws_ok($$SELECT open_rate(11, 10)$$, '22003', NULL, 'open_rate(11, 10): 22003');
SELECT throws_ok($$SELECT click_to_open_rate(3, 2)$$, '22003', NULL, 'click_to_open_rate(3, 2): 22003');
SELECT throws_ok($$SELECT unsubscribe_rate(c, d) FROM (VALUES (1::bigint, 10::bigint), (11, 10)) v(c, d)$$, '22003', NULL,
    'per row, not per sum: (1, 10) then (11, 10) is an error');

------------------------------------------------------------------------------
-- Retention money (10)
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT nrr(-1::numeric, 10::numeric)$$, '22003', NULL, 'negative start revenue: 22003');
SELECT throws_ok($$SELECT nrr(10::numeric, -1::numeric)$$, '22003', NULL, 'negative end revenue: 22003');
SELECT throws_ok($$SELECT grr('NaN'::numeric, 1::numeric)$$, '22003', NULL, 'NaN start revenue: 22003');
SELECT throws_ok($$SELECT retention_agg(1::numeric, 'Infinity'::numeric)$$, '22003', NULL, 'infinite end revenue: 22003');
SELECT throws_ok($$SELECT nrr('Infinity'::float8, 1::float8)$$, '22003', NULL, 'infinite float8 start: 22003');
SELECT throws_ok($$SELECT nrr(1::float8, 'NaN'::float8)$$, '22003', NULL, 'NaN float8 end: 22003');
SELECT throws_ok($$SELECT grr(-1::float8, 1::float8)$$, '22003', NULL, 'negative float8 start: 22003');
SELECT throws_ok($$SELECT nrr(-5::numeric, NULL::numeric)$$, '22003', NULL, 'negative start with a NULL end: 22003');
SELECT throws_ok($$SELECT nrr(NULL::numeric, -5::numeric)$$, '22003', NULL, 'NULL start with a negative end: 22003');
SELECT throws_matching($$SELECT nrr(10::numeric, -7.25::numeric)$$, '-7\.25', 'negative end: the message names -7.25');

------------------------------------------------------------------------------
-- Cost summaries (10)
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT cac(-1::numeric, true)$$, '22003', NULL, 'cac: negative spend: 22003');
SELECT throws_ok($$SELECT cac(-1::numeric, NULL::boolean)$$, '22003', NULL, 'cac: negative spend with NULL acquired: 22003');
SELECT throws_ok($$SELECT cac('NaN'::numeric, false)$$, '22003', NULL, 'cac: NaN spend: 22003');
SELECT throws_ok($$SELECT cac('Infinity'::float8, true)$$, '22003', NULL, 'cac: infinite float8 spend: 22003');
SELECT throws_ok($$SELECT cac(-0.5::float8, true)$$, '22003', NULL, 'cac: negative float8 spend: 22003');
SELECT throws_ok($$SELECT cpl(10::numeric, -1::bigint)$$, '22003', NULL, 'cpl: negative leads: 22003');
SELECT throws_ok($$SELECT cpl(NULL::numeric, -1::bigint)$$, '22003', NULL, 'cpl: negative leads with NULL spend: 22003');
SELECT throws_ok($$SELECT cpl(-10::numeric, 1::bigint)$$, '22003', NULL, 'cpl: negative spend: 22003');
SELECT throws_ok($$SELECT cpl('NaN'::float8, 1::bigint)$$, '22003', NULL, 'cpl: NaN float8 spend: 22003');
SELECT throws_ok($$SELECT cost_agg(-3::numeric, 1::bigint)$$, '22003', NULL, 'cost_agg: negative spend: 22003');

------------------------------------------------------------------------------
-- Scalars (22)
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT cac(-1::numeric, 1::bigint)$$, '22003', NULL, 'cac(total, n): negative spend: 22003');
SELECT throws_ok($$SELECT cac(1::numeric, -1::bigint)$$, '22003', NULL, 'cac(total, n): negative customers: 22003');
SELECT throws_ok($$SELECT acv(1000, '0 days')$$, '22003', NULL, 'acv: term 0: 22003');
SELECT throws_ok($$SELECT acv(1000, '-1 year')$$, '22003', NULL, 'acv: negative term: 22003');
SELECT throws_ok($$SELECT acv(1000, '1 year -12 months')$$, '22003', NULL, 'acv: term adding up to 0: 22003');
SELECT throws_ok($$SELECT acv(-1, '1 year')$$, '22003', NULL, 'acv: negative contract value: 22003');
SELECT throws_ok($$SELECT acv('NaN', '1 year')$$, '22003', NULL, 'acv: NaN contract value: 22003');
SELECT throws_ok($$SELECT acv(1000, '1 year', -1)$$, '22003', NULL, 'acv: negative fees: 22003');
SELECT throws_ok($$SELECT acv(1000, '1 year', 1001)$$, '22003', NULL, 'acv: fees above the contract value: 22003');
SELECT throws_ok($$SELECT clv(-1, 0.5, 0.1)$$, '22003', NULL, 'clv: negative ARPA: 22003');
SELECT throws_ok($$SELECT clv(100, 1.5, 0.1)$$, '22003', NULL, 'clv: margin above 1: 22003');
SELECT throws_ok($$SELECT clv(100, -0.1, 0.1)$$, '22003', NULL, 'clv: negative margin: 22003');
SELECT throws_ok($$SELECT clv(100, 0.5, -0.1)$$, '22003', NULL, 'clv: negative churn: 22003');
SELECT throws_ok($$SELECT clv(100, 0.5, 1.5)$$, '22003', NULL, 'clv: churn above 1: 22003');
SELECT throws_ok($$SELECT clv(100, 'NaN', 0.1)$$, '22003', NULL, 'clv: NaN margin: 22003');
SELECT throws_ok($$SELECT ltv_to_cac(-1, 1)$$, '22003', NULL, 'ltv_to_cac: negative LTV: 22003');
SELECT throws_ok($$SELECT ltv_to_cac(1, -1)$$, '22003', NULL, 'ltv_to_cac: negative CAC: 22003');
SELECT throws_ok($$SELECT cac_payback_months(-1, 100, 0.8)$$, '22003', NULL, 'payback: negative CAC: 22003');
SELECT throws_ok($$SELECT cac_payback_months(1200, -100, 0.8)$$, '22003', NULL, 'payback: negative ARPA: 22003');
SELECT throws_ok($$SELECT cac_payback_months(1200, 100, -0.8)$$, '22003', NULL, 'payback: negative margin: 22003');
SELECT throws_ok($$SELECT tam(-1, 10)$$, '22003', NULL, 'tam: negative accounts: 22003');
SELECT throws_ok($$SELECT tam(10, -1)$$, '22003', NULL, 'tam: negative contract value: 22003');

------------------------------------------------------------------------------
-- Sums out of range (6): money is kept as a 128-bit integer at the largest
-- scale seen, so about 1.7e38 / 10^scale is the limit; the error names the
-- amount being added. More than 38 decimal places is out of range too.
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT win_rate(true, a) FROM (VALUES (1e38), (1e38)) v(a)$$, '22003', NULL,
    '1e38 + 1e38 > 1.7e38: 22003');
SELECT throws_matching($$SELECT win_rate(true, a) FROM (VALUES (1e38), (1e38)) v(a)$$, '1(0){38}',
    'sum out of range: the message names the amount 1e38');
SELECT throws_ok($$SELECT win_rate(true, 1e-39)$$, '22003', NULL, 'an amount with 39 decimal places: 22003');
SELECT throws_ok($$SELECT win_rate(true, 1e39)$$, '22003', NULL, 'a single amount of 1e39: 22003');
SELECT throws_ok($$SELECT win_rate(true, a) FROM (VALUES (1e19), (1e-20)) v(a)$$, '22003', NULL,
    '1e19 at 20 decimals exceeds 1.7e38 / 1e20: 22003');
SELECT throws_ok($$SELECT rate(n, n) FROM (VALUES (9223372036854775807), (1)) v(n)$$, '22003', NULL,
    'a count past the bigint range: 22003');

------------------------------------------------------------------------------
-- Bad summary text (33)
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT 'garbage'::ratio_summary$$, '22P02', NULL, 'ratio_summary: garbage: 22P02');
SELECT throws_like($$SELECT 'garbage'::ratio_summary$$, '%garbage%', 'ratio_summary: the message quotes the input');
SELECT throws_ok($$SELECT ''::ratio_summary$$, '22P02', NULL, 'ratio_summary: empty: 22P02');
SELECT throws_ok($$SELECT 'v2 successes=0 trials=0 success_amount=0 trial_amount=0'::ratio_summary$$, '22P02', NULL,
    'ratio_summary: unknown version v2: 22P02');
SELECT throws_ok($$SELECT 'v1 successes=5 trials=3 success_amount=0 trial_amount=0'::ratio_summary$$, '22P02', NULL,
    'ratio_summary: successes > trials: 22P02');
SELECT throws_ok($$SELECT 'v1 successes=1 trials=3 success_amount=5 trial_amount=3'::ratio_summary$$, '22P02', NULL,
    'ratio_summary: success_amount > trial_amount: 22P02');
SELECT throws_ok($$SELECT 'v1 successes=-1 trials=3 success_amount=0 trial_amount=0'::ratio_summary$$, '22P02', NULL,
    'ratio_summary: negative successes: 22P02');
SELECT throws_ok($$SELECT 'v1 successes=1 trials=3 success_amount=0 trial_amount=-1'::ratio_summary$$, '22P02', NULL,
    'ratio_summary: negative amount: 22P02');
SELECT throws_ok($$SELECT 'v1 successes=1 trials=3 success_amount=NaN trial_amount=NaN'::ratio_summary$$, '22P02', NULL,
    'ratio_summary: NaN amounts: 22P02');
SELECT throws_ok($$SELECT 'v1 successes=1 trials=3 success_amount=0'::ratio_summary$$, '22P02', NULL,
    'ratio_summary: missing field: 22P02');
SELECT throws_ok($$SELECT 'v1 successes=1 trials=3 success_amount=0 trial_amount=0 extra=1'::ratio_summary$$, '22P02', NULL,
    'ratio_summary: extra field: 22P02');
SELECT throws_ok($$SELECT 'v1 successes=x trials=3 success_amount=0 trial_amount=0'::ratio_summary$$, '22P02', NULL,
    'ratio_summary: non-numeric count: 22P02');
SELECT throws_ok($$SELECT 'v1 successes=1 trials=99999999999999999999 success_amount=0 trial_amount=0'::ratio_summary$$, '22P02', NULL,
    'ratio_summary: count past bigint: 22P02');
SELECT throws_ok($$SELECT 'v1 scale=0-10 counts=0,0,0'::score_summary$$, '22P02', NULL, 'score_summary: 3 counts: 22P02');
SELECT throws_ok($$SELECT 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0,0'::score_summary$$, '22P02', NULL,
    'score_summary: 12 counts: 22P02');
SELECT throws_ok($$SELECT 'v1 scale=1-5 counts=1,0,0,0,0,0,0,0,0,0,0'::score_summary$$, '22P02', NULL,
    'score_summary: 1-5 scale with a count at 0: 22P02');
SELECT throws_ok($$SELECT 'v1 scale=1-5 counts=0,0,0,0,0,0,1,0,0,0,0'::score_summary$$, '22P02', NULL,
    'score_summary: 1-5 scale with a count at 6: 22P02');
SELECT throws_ok($$SELECT 'v1 scale=1-11 counts=0,0,0,0,0,0,0,0,0,0,0'::score_summary$$, '22P02', NULL,
    'score_summary: scale 1-11: 22P02');
SELECT throws_ok($$SELECT 'v1 scale=1-2 counts=0,0,0,0,0,0,0,0,0,0,0'::score_summary$$, '22P02', NULL,
    'score_summary: scale 1-2: 22P02');
SELECT throws_ok($$SELECT 'v1 scale=0-5 counts=0,0,0,0,0,0,0,0,0,0,0'::score_summary$$, '22P02', NULL,
    'score_summary: scale 0-5: 22P02');
SELECT throws_ok($$SELECT 'v1 scale=0-10 counts=0,0,0,0,0,-1,0,0,0,0,0'::score_summary$$, '22P02', NULL,
    'score_summary: negative count: 22P02');
SELECT throws_ok($$SELECT 'v1 accounts=1 churned_accounts=2 new_accounts=0 start_revenue=10 expansion=0 contraction=0 churned_revenue=10 new_revenue=0'::retention_summary$$,
    '22P02', NULL, 'retention_summary: churned_accounts > accounts: 22P02');
SELECT throws_ok($$SELECT 'v1 accounts=1 churned_accounts=0 new_accounts=0 start_revenue=10 expansion=0 contraction=20 churned_revenue=0 new_revenue=0'::retention_summary$$,
    '22P02', NULL, 'retention_summary: contraction + churn > start revenue: 22P02');
SELECT throws_ok($$SELECT 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=10 expansion=0 contraction=0 churned_revenue=0 new_revenue=0'::retention_summary$$,
    '22P02', NULL, 'retention_summary: start revenue without accounts: 22P02');
SELECT throws_ok($$SELECT 'v1 accounts=1 churned_accounts=0 new_accounts=0 start_revenue=10 expansion=-1 contraction=0 churned_revenue=0 new_revenue=0'::retention_summary$$,
    '22P02', NULL, 'retention_summary: negative expansion: 22P02');
SELECT throws_ok($$SELECT 'v1 accounts=2 churned_accounts=1 new_accounts=0 start_revenue=10 expansion=0 contraction=0 churned_revenue=0 new_revenue=0'::retention_summary$$,
    '22P02', NULL, 'retention_summary: churned accounts without churned revenue: 22P02');
SELECT throws_ok($$SELECT 'v1 accounts=1 churned_accounts=0 new_accounts=0 start_revenue=10'::retention_summary$$,
    '22P02', NULL, 'retention_summary: missing fields: 22P02');
SELECT throws_ok($$SELECT 'v1 units=-1 spend=0'::cost_summary$$, '22P02', NULL, 'cost_summary: negative units: 22P02');
SELECT throws_ok($$SELECT 'v1 units=1 spend=-5'::cost_summary$$, '22P02', NULL, 'cost_summary: negative spend: 22P02');
SELECT throws_ok($$SELECT 'v1 units=1 spend=Infinity'::cost_summary$$, '22P02', NULL, 'cost_summary: infinite spend: 22P02');
SELECT throws_ok($$SELECT 'v1 units=1'::cost_summary$$, '22P02', NULL, 'cost_summary: missing spend: 22P02');
SELECT throws_ok($$SELECT 'units=1 spend=5'::cost_summary$$, '22P02', NULL, 'cost_summary: missing version: 22P02');
SELECT throws_ok($$SELECT 'v1 units=1 spend=5 units=2'::cost_summary$$, '22P02', NULL, 'cost_summary: repeated field: 22P02');

------------------------------------------------------------------------------
-- Bad binary input (36): through COPY ... FROM PROGRAM (FORMAT binary),
-- which needs superuser or pg_execute_server_program; skipped otherwise.
-- recv checks the version byte and the exact length before reading any
-- field: truncated, padded, empty and garbage values are 22P03, and so are
-- well-formed bytes that encode an invalid value.
------------------------------------------------------------------------------
CREATE TEMP TABLE tap_bin (typ regtype, s text, payload bytea, canon text) ON COMMIT DROP;
INSERT INTO tap_bin VALUES
    ('ratio_summary', 'v1 successes=2 trials=5 success_amount=1234.56 trial_amount=98765.4321', NULL),
    ('score_summary', 'v1 scale=0-10 counts=1,0,2,0,3,0,4,0,5,0,6', NULL),
    ('retention_summary', 'v1 accounts=3 churned_accounts=1 new_accounts=2 start_revenue=300.5 expansion=20.25 contraction=10 churned_revenue=100 new_revenue=7', NULL),
    ('cost_summary', 'v1 units=120 spend=170000.01', NULL),
    ('funnel_summary', 'v1 furthest=4,2,1,2,0,1 spend=1200 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0', NULL);
UPDATE tap_bin SET payload = CASE typ
    WHEN 'ratio_summary'::regtype THEN ratio_summary_send(s::ratio_summary)
    WHEN 'score_summary'::regtype THEN score_summary_send(s::score_summary)
    WHEN 'retention_summary'::regtype THEN retention_summary_send(s::retention_summary)
    WHEN 'cost_summary'::regtype THEN cost_summary_send(s::cost_summary)
    WHEN 'funnel_summary'::regtype THEN funnel_summary_send(s::funnel_summary) END;
-- canon: the value's own text output (one money scale per summary, so
-- 1234.56 may print as 1234.5600 next to 98765.4321).
UPDATE tap_bin SET canon = CASE typ
    WHEN 'ratio_summary'::regtype THEN s::ratio_summary::text
    WHEN 'score_summary'::regtype THEN s::score_summary::text
    WHEN 'retention_summary'::regtype THEN s::retention_summary::text
    WHEN 'cost_summary'::regtype THEN s::cost_summary::text
    WHEN 'funnel_summary'::regtype THEN s::funnel_summary::text END;

CREATE TEMP TABLE tap_can ON COMMIT DROP AS SELECT pg_temp.can_copy_from_program() AS ok;

SELECT CASE WHEN (SELECT ok FROM tap_can)
            THEN is(pg_temp.recv('abm_stage', '\x04'), 'ok: won', 'abm_stage recv of byte 4: won')
            ELSE skip('needs pg_execute_server_program', 1) END;
SELECT CASE WHEN (SELECT ok FROM tap_can)
            THEN is(pg_temp.recv('abm_stage', abm_stage_send('expanded')), 'ok: expanded', 'abm_stage send/recv round trip')
            ELSE skip('needs pg_execute_server_program', 1) END;
SELECT CASE WHEN (SELECT ok FROM tap_can)
            THEN is(pg_temp.recv('abm_stage', b), '22P03', format('abm_stage recv of %s: 22P03', b))
            ELSE skip('needs pg_execute_server_program', 1) END
  FROM unnest(ARRAY['\x00', '\x07', '\xff']::bytea[]) b;
SELECT CASE WHEN (SELECT ok FROM tap_can)
            THEN is(pg_temp.recv('abm_stage', '\x0401'), '22P03', 'abm_stage recv of two bytes: 22P03')
            ELSE skip('needs pg_execute_server_program', 1) END;
SELECT CASE WHEN (SELECT ok FROM tap_can)
            THEN is(pg_temp.recv('abm_stage', '\x'), '22P03', 'abm_stage recv of no bytes: 22P03')
            ELSE skip('needs pg_execute_server_program', 1) END;
-- Each summary type: round trip, truncated, padded, all 0xff, empty (5 x 5 = 25).
SELECT CASE WHEN (SELECT ok FROM tap_can)
            THEN is(pg_temp.recv(typ, payload), 'ok: ' || canon, format('%s send/recv round trip', typ))
            ELSE skip('needs pg_execute_server_program', 1) END
  FROM tap_bin;
SELECT CASE WHEN (SELECT ok FROM tap_can)
            THEN is(pg_temp.recv(typ, substr(payload, 1, length(payload) - 1)), '22P03',
                    format('%s recv of its binary form minus the last byte: 22P03', typ))
            ELSE skip('needs pg_execute_server_program', 1) END
  FROM tap_bin;
SELECT CASE WHEN (SELECT ok FROM tap_can)
            THEN is(pg_temp.recv(typ, payload || '\x00'::bytea), '22P03',
                    format('%s recv of its binary form plus a zero byte: 22P03', typ))
            ELSE skip('needs pg_execute_server_program', 1) END
  FROM tap_bin;
SELECT CASE WHEN (SELECT ok FROM tap_can)
            THEN is(pg_temp.recv(typ, decode(repeat('ff', length(payload)), 'hex')), '22P03',
                    format('%s recv of as many 0xff bytes: 22P03', typ))
            ELSE skip('needs pg_execute_server_program', 1) END
  FROM tap_bin;
SELECT CASE WHEN (SELECT ok FROM tap_can)
            THEN is(pg_temp.recv(typ, '\x'), '22P03', format('%s recv of no bytes: 22P03', typ))
            ELSE skip('needs pg_execute_server_program', 1) END
  FROM tap_bin;
-- Well-formed but invalid: one field moved between two valid encodings.
-- successes=6 spliced into a summary with trials=5: successes > trials.
SELECT CASE WHEN (SELECT ok FROM tap_can)
            THEN is(pg_temp.recv('ratio_summary', pg_temp.splice(
                        ratio_summary_send('v1 successes=0 trials=5 success_amount=0 trial_amount=0'),
                        ratio_summary_send('v1 successes=0 trials=6 success_amount=0 trial_amount=0'),
                        ratio_summary_send('v1 successes=6 trials=6 success_amount=0 trial_amount=0'))),
                    '22P03', 'ratio_summary recv: successes > trials: 22P03')
            ELSE skip('needs pg_execute_server_program', 1) END;
-- success_amount=9 spliced into a summary with trial_amount=5.
SELECT CASE WHEN (SELECT ok FROM tap_can)
            THEN is(pg_temp.recv('ratio_summary', pg_temp.splice(
                        ratio_summary_send('v1 successes=1 trials=2 success_amount=0 trial_amount=5'),
                        ratio_summary_send('v1 successes=1 trials=2 success_amount=0 trial_amount=9'),
                        ratio_summary_send('v1 successes=1 trials=2 success_amount=9 trial_amount=9'))),
                    '22P03', 'ratio_summary recv: success_amount > trial_amount: 22P03')
            ELSE skip('needs pg_execute_server_program', 1) END;
-- The counts of a 0-10 summary with one 0 spliced into a 1-5 summary.
SELECT CASE WHEN (SELECT ok FROM tap_can)
            THEN is(pg_temp.recv('score_summary', pg_temp.splice(
                        score_summary_send('v1 scale=1-5 counts=0,1,0,0,0,0,0,0,0,0,0'),
                        score_summary_send('v1 scale=0-10 counts=0,1,0,0,0,0,0,0,0,0,0'),
                        score_summary_send('v1 scale=0-10 counts=1,0,0,0,0,0,0,0,0,0,0'))),
                    '22P03', 'score_summary recv: a 1-5 summary with a count at 0: 22P03')
            ELSE skip('needs pg_execute_server_program', 1) END;
-- churned_accounts=2 spliced into a summary with accounts=1.
SELECT CASE WHEN (SELECT ok FROM tap_can)
            THEN is(pg_temp.recv('retention_summary', pg_temp.splice(
                        retention_summary_send('v1 accounts=1 churned_accounts=1 new_accounts=0 start_revenue=10 expansion=0 contraction=0 churned_revenue=10 new_revenue=0'),
                        retention_summary_send('v1 accounts=2 churned_accounts=1 new_accounts=0 start_revenue=10 expansion=0 contraction=0 churned_revenue=10 new_revenue=0'),
                        retention_summary_send('v1 accounts=2 churned_accounts=2 new_accounts=0 start_revenue=10 expansion=0 contraction=0 churned_revenue=10 new_revenue=0'))),
                    '22P03', 'retention_summary recv: churned_accounts > accounts: 22P03')
            ELSE skip('needs pg_execute_server_program', 1) END;

SELECT * FROM finish();
ROLLBACK;
