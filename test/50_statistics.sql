-- pgTAP: the statistics of abm 1.1 (wilson_interval, wilson_lower,
-- wilson_upper, nps_interval, proportion_test, nps_test) and the window
-- (moving-aggregate) mode of the aggregates.
-- Expected values are the published figures of kpi-definitions.md
-- ("Statistics", "Worked examples"), to their printed precision, or were
-- computed independently with python3 + mpmath at 50 digits (z = sqrt(2) *
-- erfinv(c), p = erfc(|z| / sqrt(2)); cross-checked with statistics.NormalDist
-- and math.erfc), compared within 1e-12 unless a comment says why not.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS abm;

BEGIN;
SELECT plan(177);

-- ok() when got is within tol of want (absolute), with both values in the
-- diagnostics otherwise.
CREATE FUNCTION pg_temp.is_near(got float8, want float8, tol float8, descr text) RETURNS text
LANGUAGE sql AS $$
    SELECT CASE
           WHEN got IS NOT NULL AND abs(got - want) <= tol THEN ok(true, descr)
           ELSE ok(false, descr) || E'\n' || diag(format('    have: %s', coalesce(got::text, 'NULL')))
                                 || E'\n' || diag(format('    want: %s (within %s)', want, tol)) END
$$;
-- The same within tol * |want|.
CREATE FUNCTION pg_temp.is_rel(got float8, want float8, tol float8, descr text) RETURNS text
LANGUAGE sql AS $$
    SELECT pg_temp.is_near(got, want, tol * abs(want), descr)
$$;
-- SQLSTATE, message, detail and hint of the error a statement raises.
CREATE FUNCTION pg_temp.error_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    state text; message text; detail text; hint text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                            detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
    RETURN concat_ws(' | ', state, message, nullif(detail, ''), nullif(hint, ''));
END $$;
-- The OUT columns of a function and their types, as "(name, ...)" when all
-- are double precision.
CREATE FUNCTION pg_temp.out_columns(f text) RETURNS text LANGUAGE sql AS $$
    SELECT '(' || string_agg(CASE WHEN t = 'double precision'::regtype THEN n ELSE n || ' ' || t::regtype END, ', ' ORDER BY o) || ')'
    FROM pg_proc p, unnest(p.proargnames, p.proargmodes, p.proallargtypes::regtype[]) WITH ORDINALITY u(n, m, t, o)
    WHERE p.oid = f::regprocedure AND u.m = 'o'
$$;
-- A ratio or NPS summary from counts.
CREATE FUNCTION pg_temp.ratio(x bigint, n bigint) RETURNS ratio_summary LANGUAGE sql AS $$
    SELECT format('v1 successes=%s trials=%s success_amount=0 trial_amount=0', x, n)::ratio_summary
$$;
CREATE FUNCTION pg_temp.nps(promoters bigint, passives bigint, detractors bigint) RETURNS score_summary
LANGUAGE sql AS $$
    SELECT format('v1 scale=0-10 counts=%s,0,0,0,0,0,0,%s,0,0,%s', detractors, passives, promoters)::score_summary
$$;

------------------------------------------------------------------------------
-- Signatures (18)
------------------------------------------------------------------------------
SELECT has_function('wilson_interval', ARRAY['bigint', 'bigint', 'double precision'], 'wilson_interval(bigint, bigint, float8) exists');
SELECT has_function('wilson_interval', ARRAY['ratio_summary', 'double precision'], 'wilson_interval(ratio_summary, float8) exists');
SELECT has_function('wilson_lower', ARRAY['bigint', 'bigint', 'double precision'], 'wilson_lower(bigint, bigint, float8) exists');
SELECT has_function('wilson_lower', ARRAY['ratio_summary', 'double precision'], 'wilson_lower(ratio_summary, float8) exists');
SELECT has_function('wilson_upper', ARRAY['bigint', 'bigint', 'double precision'], 'wilson_upper(bigint, bigint, float8) exists');
SELECT has_function('wilson_upper', ARRAY['ratio_summary', 'double precision'], 'wilson_upper(ratio_summary, float8) exists');
SELECT has_function('nps_interval', ARRAY['score_summary', 'double precision', 'text'], 'nps_interval(score_summary, float8, text) exists');
SELECT has_function('proportion_test', ARRAY['ratio_summary', 'ratio_summary'], 'proportion_test(ratio_summary, ratio_summary) exists');
SELECT has_function('nps_test', ARRAY['score_summary', 'score_summary'], 'nps_test(score_summary, score_summary) exists');
SELECT function_returns('wilson_lower', ARRAY['bigint', 'bigint', 'double precision'], 'double precision', 'wilson_lower returns float8');
SELECT function_returns('wilson_upper', ARRAY['ratio_summary', 'double precision'], 'double precision', 'wilson_upper returns float8');
SELECT is(pg_temp.out_columns(f), cols, f || ' returns ' || cols)
FROM (VALUES ('wilson_interval(bigint, bigint, double precision)', '(lower, upper)'),
             ('nps_interval(score_summary, double precision, text)', '(nps, lower, upper, standard_error)'),
             ('proportion_test(ratio_summary, ratio_summary)', '(difference, z, p_value)'),
             ('nps_test(score_summary, score_summary)', '(difference, z, p_value)')) v(f, cols);
SELECT is(pg_get_function_arguments('nps_interval(score_summary, double precision, text)'::regprocedure),
          'summary score_summary, confidence double precision DEFAULT 0.95, method text DEFAULT ''wald''::text, OUT nps double precision, OUT lower double precision, OUT upper double precision, OUT standard_error double precision',
          'nps_interval defaults: confidence 0.95, method wald');
SELECT is((SELECT count(*) FROM pg_proc
           WHERE proname IN ('wilson_interval', 'wilson_lower', 'wilson_upper', 'nps_interval', 'proportion_test', 'nps_test')
             AND provolatile = 'i' AND proisstrict AND proparallel = 's'),
          9::bigint, 'all nine are IMMUTABLE, STRICT and PARALLEL SAFE');
SELECT is((SELECT count(*) FROM pg_proc
           WHERE proname IN ('wilson_interval', 'wilson_lower', 'wilson_upper')
             AND pg_get_function_arguments(oid) LIKE '%confidence double precision DEFAULT 0.95%'),
          6::bigint, 'every Wilson function has confidence DEFAULT 0.95');

------------------------------------------------------------------------------
-- Wilson: published vectors (16), z = 1.96 (2), defaults and forms (6)
--   1/11    published [0.0162322, 0.3773584]  mpmath [0.016232172885884843, 0.37735843645159567]
--   50/100  published [0.4038315, 0.5961685]  mpmath [0.40383153036599563, 0.59616846963400437]
--   0/100   published [0, 0.0369935]          mpmath [0, 0.036993498206985685]
--   100/100 published [0.9630065, 1]          mpmath [0.96300650179301432, 1]
------------------------------------------------------------------------------
SELECT pg_temp.is_near(lower, pub_lower, 5e-8, format('Wilson %s/%s lower = %s (published)', x, n, pub_lower))
  FROM (VALUES (1, 11, 0.0162322, 0.3773584), (50, 100, 0.4038315, 0.5961685),
               (0, 100, 0, 0.0369935), (100, 100, 0.9630065, 1)) v(x, n, pub_lower, pub_upper),
       wilson_interval(x, n)
UNION ALL
SELECT pg_temp.is_near(upper, pub_upper, 5e-8, format('Wilson %s/%s upper = %s (published)', x, n, pub_upper))
  FROM (VALUES (1, 11, 0.0162322, 0.3773584), (50, 100, 0.4038315, 0.5961685),
               (0, 100, 0, 0.0369935), (100, 100, 0.9630065, 1)) v(x, n, pub_lower, pub_upper),
       wilson_interval(x, n);
SELECT pg_temp.is_near(lower, ref_lower, 1e-12, format('Wilson %s/%s lower to 1e-12', x, n))
  FROM (VALUES (1, 11, 0.016232172885884843, 0.37735843645159567), (50, 100, 0.40383153036599563, 0.59616846963400437),
               (0, 100, 0, 0.036993498206985685), (100, 100, 0.96300650179301432, 1)) v(x, n, ref_lower, ref_upper),
       wilson_interval(x, n)
UNION ALL
SELECT pg_temp.is_near(upper, ref_upper, 1e-12, format('Wilson %s/%s upper to 1e-12', x, n))
  FROM (VALUES (1, 11, 0.016232172885884843, 0.37735843645159567), (50, 100, 0.40383153036599563, 0.59616846963400437),
               (0, 100, 0, 0.036993498206985685), (100, 100, 0.96300650179301432, 1)) v(x, n, ref_lower, ref_upper),
       wilson_interval(x, n);
-- with z rounded to 1.96 (confidence erf(1.96 / sqrt(2)) = 0.95000420970355913):
-- published [0.0162318, 0.3773646]
SELECT pg_temp.is_near(wilson_lower(1, 11, 0.95000420970355913), 0.0162318, 5e-8, 'Wilson 1/11 at z = 1.96: lower 0.0162318 (published)');
SELECT pg_temp.is_near(wilson_upper(1, 11, 0.95000420970355913), 0.3773646, 5e-8, 'Wilson 1/11 at z = 1.96: upper 0.3773646 (published)');
SELECT is(wilson_lower(0, 100), 0::float8, 'Wilson 0 of n: lower is exactly 0');
SELECT is(wilson_upper(100, 100), 1::float8, 'Wilson n of n: upper is exactly 1');
SELECT is(wilson_lower(1, 11), wilson_lower(1, 11, 0.95), 'wilson_lower: confidence defaults to 0.95');
SELECT is((SELECT row(lower, upper)::text FROM wilson_interval(pg_temp.ratio(3, 12), 0.9)),
          (SELECT row(lower, upper)::text FROM wilson_interval(3, 12, 0.9)), 'wilson_interval(summary) = wilson_interval(counts)');
SELECT is(wilson_lower(pg_temp.ratio(3, 12), 0.999), wilson_lower(3, 12, 0.999), 'wilson_lower(summary) = wilson_lower(counts)');
SELECT is(wilson_upper(pg_temp.ratio(3, 12)), (SELECT upper FROM wilson_interval(3, 12)), 'wilson_upper = upper of wilson_interval');

------------------------------------------------------------------------------
-- Wilson boundaries (22): n = 1, confidence 0.5 and 0.999 (mpmath)
--   0/1 0.95 [0, 0.79345068562276261]       1/1 0.95 [0.20654931437723739, 1]
--   0/1 0.5  [0, 0.31268474408258331]       1/1 0.999 [0.084548248183165070, 1]
--   1/11 0.5 [0.047606049675836997, 0.16670648183370142]
--   1/11 0.999 [0.0071746004892788916, 0.58050274614516082]
--   50/100 0.5 [0.46635196422237973, 0.53364803577762027]
--   50/100 0.999 [0.34371707547475834, 0.65628292452524166]
-- and the inverse normal through 0 of 1 (upper = z^2 / (1 + z^2)), for c =
-- 0.5, 0.9, 0.99, 0.999: upper 0.31268474408258331, 0.73013405121594595,
-- 0.86902245671981413, 0.91545175181683492 (1e-12 relative).
------------------------------------------------------------------------------
SELECT pg_temp.is_near(lower, ref_lower, 1e-12, format('Wilson %s/%s at %s: lower', x, n, c))
  FROM (VALUES (0, 1, 0.95, 0, 0.79345068562276261), (1, 1, 0.95, 0.20654931437723739, 1),
               (0, 1, 0.5, 0, 0.31268474408258331), (1, 1, 0.999, 0.084548248183165070, 1),
               (1, 11, 0.5, 0.047606049675836997, 0.16670648183370142),
               (1, 11, 0.999, 0.0071746004892788916, 0.58050274614516082),
               (50, 100, 0.5, 0.46635196422237973, 0.53364803577762027),
               (50, 100, 0.999, 0.34371707547475834, 0.65628292452524166)) v(x, n, c, ref_lower, ref_upper),
       wilson_interval(x, n, c)
UNION ALL
SELECT pg_temp.is_near(upper, ref_upper, 1e-12, format('Wilson %s/%s at %s: upper', x, n, c))
  FROM (VALUES (0, 1, 0.95, 0, 0.79345068562276261), (1, 1, 0.95, 0.20654931437723739, 1),
               (0, 1, 0.5, 0, 0.31268474408258331), (1, 1, 0.999, 0.084548248183165070, 1),
               (1, 11, 0.5, 0.047606049675836997, 0.16670648183370142),
               (1, 11, 0.999, 0.0071746004892788916, 0.58050274614516082),
               (50, 100, 0.5, 0.46635196422237973, 0.53364803577762027),
               (50, 100, 0.999, 0.34371707547475834, 0.65628292452524166)) v(x, n, c, ref_lower, ref_upper),
       wilson_interval(x, n, c);
SELECT pg_temp.is_rel(wilson_upper(0, 1, c), ref, 1e-12, format('inverse normal at confidence %s', c))
  FROM (VALUES (0.5, 0.31268474408258331), (0.9, 0.73013405121594595),
               (0.99, 0.86902245671981413), (0.999, 0.91545175181683492)) v(c, ref);
SELECT is(wilson_lower(0, 1, 0.999), 0::float8, 'Wilson 0/1 at 0.999: lower exactly 0');
SELECT is(wilson_upper(1, 1, 0.5), 1::float8, 'Wilson 1/1 at 0.5: upper exactly 1');

------------------------------------------------------------------------------
-- Wilson with huge counts (8), mpmath
--   5e11 of 1e12   [0.49999902001800773, 0.50000097998199227]
--   1 of 1e12      [1.7652455493517473e-13, 5.6649342657365115e-12]
--   999999999999 of 1e12 [0.99999999999433507, 0.99999999999982348]
--   2^61 of 2^62   [0.49999999954366032, 0.50000000045633968]
------------------------------------------------------------------------------
SELECT pg_temp.is_rel(wilson_lower(500000000000, 1000000000000), 0.49999902001800773, 1e-12, 'Wilson 5e11 of 1e12: lower');
SELECT pg_temp.is_rel(wilson_upper(500000000000, 1000000000000), 0.50000097998199227, 1e-12, 'Wilson 5e11 of 1e12: upper');
SELECT pg_temp.is_rel(wilson_lower(1, 1000000000000), 1.7652455493517473e-13, 1e-9, 'Wilson 1 of 1e12: lower (1e-9 relative)');
SELECT pg_temp.is_rel(wilson_upper(1, 1000000000000), 5.6649342657365115e-12, 1e-9, 'Wilson 1 of 1e12: upper (1e-9 relative)');
SELECT pg_temp.is_near(wilson_lower(999999999999, 1000000000000), 0.99999999999433507, 1e-15, 'Wilson 999999999999 of 1e12: lower');
SELECT pg_temp.is_near(wilson_upper(999999999999, 1000000000000), 0.99999999999982348, 1e-15, 'Wilson 999999999999 of 1e12: upper');
SELECT pg_temp.is_rel(wilson_lower(pg_temp.ratio(2305843009213693952, 4611686018427387904)), 0.49999999954366032, 1e-12,
                      'Wilson 2^61 of 2^62 (summary): lower, no overflow');
SELECT pg_temp.is_rel(wilson_upper(pg_temp.ratio(2305843009213693952, 4611686018427387904)), 0.50000000045633968, 1e-12,
                      'Wilson 2^61 of 2^62 (summary): upper, no overflow');

------------------------------------------------------------------------------
-- Wilson: no trials, NULLs, errors (14)
------------------------------------------------------------------------------
SELECT ok((SELECT lower IS NULL AND upper IS NULL FROM wilson_interval(0, 0)), 'Wilson 0 of 0: (NULL, NULL)');
SELECT ok(wilson_lower(0, 0, 0.5) IS NULL AND wilson_upper(0, 0) IS NULL, 'wilson_lower/upper of 0 trials: NULL');
SELECT ok((SELECT lower IS NULL AND upper IS NULL FROM wilson_interval((SELECT ratio_agg(b) FROM unnest(ARRAY[NULL, NULL]::boolean[]) b))),
          'Wilson of an empty summary (only open deals): NULLs');
SELECT ok(wilson_lower(1, 11, NULL) IS NULL AND wilson_upper(NULL::ratio_summary) IS NULL, 'Wilson: NULL argument -> NULL');
SELECT throws_ok('SELECT * FROM wilson_interval(1, 11, 0)', '22023', NULL, 'Wilson confidence 0 -> 22023');
SELECT throws_ok('SELECT * FROM wilson_interval(1, 11, 1)', '22023', NULL, 'Wilson confidence 1 -> 22023');
SELECT throws_ok('SELECT * FROM wilson_interval(1, 11, -0.95)', '22023', NULL, 'Wilson confidence -0.95 -> 22023');
SELECT throws_ok('SELECT * FROM wilson_interval(1, 11, 95)', '22023', NULL, 'Wilson confidence 95 -> 22023');
SELECT throws_ok('SELECT * FROM wilson_interval(1, 11, ''NaN'')', '22023', NULL, 'Wilson confidence NaN -> 22023');
SELECT throws_ok('SELECT wilson_lower(0, 0, ''Infinity'')', '22023', NULL, 'Wilson confidence Infinity -> 22023, even with no trials');
SELECT throws_ok('SELECT wilson_upper(''v1 successes=1 trials=2 success_amount=0 trial_amount=0''::ratio_summary, 1.0)',
                 '22023', NULL, 'wilson_upper(summary, 1.0) -> 22023');
SELECT throws_ok('SELECT * FROM wilson_interval(12, 11)', '22003', NULL, 'Wilson 12 of 11 -> 22003');
SELECT throws_ok('SELECT * FROM wilson_interval(-1, 11)', '22003', NULL, 'Wilson -1 of 11 -> 22003');
SELECT matches(pg_temp.error_of('SELECT * FROM wilson_interval(1, 11, 1.5)'), '^22023 \| .*1\.5',
               'the confidence error names the value');

------------------------------------------------------------------------------
-- NPS interval (35)
--   150/100/50: NPS 33.333..., SE 4.30331 (published), 4.3033148291193521;
--     0.95: [24.898991254122265, 41.767675412544401]; z = 1.96: [24.898836268259403,
--     41.767830398407263], published [24.8988, 41.7678] (which uses z = 1.96);
--     0.5: [30.430791589225527, 36.235875077441139]; 0.999: [19.173160854090630,
--     47.493505812576037]; adjusted Wald: SE 4.2840355977431306,
--     [24.606744849968944, 41.399855810097062]
--   one promoter: Wald 100, SE 0, [100, 100]; adjusted: SE 37.5,
--     [-48.498649420252034, 98.498649420252034] (the nps column stays 100)
--   9 promoters, 1 detractor: 80, SE 18.973665961010276, [42.812298061726302, 100 (clamped)]
--   1 promoter, 9 detractors: -80, [-100 (clamped), -42.812298061726302]
--   3e11/4e11/3e11: 0, SE 7.7459666924148338e-5, [-1.5181815742579922e-4, +1.5181815742579922e-4]
------------------------------------------------------------------------------
CREATE TEMP TABLE tap_answers (score int) ON COMMIT DROP;
INSERT INTO tap_answers SELECT CASE WHEN i <= 150 THEN 9 + i % 2 WHEN i <= 250 THEN 7 + i % 2 ELSE i % 7 END
FROM generate_series(1, 300) i;
INSERT INTO tap_answers VALUES (NULL);
CREATE TEMP TABLE tap_survey ON COMMIT DROP AS SELECT score_agg(score) AS s FROM tap_answers;

SELECT is(responses(s), 300::bigint, 'published survey: 300 responses') FROM tap_survey;
SELECT pg_temp.is_near(nps, 100.0 / 3, 1e-12, 'nps_interval: NPS 33.333...') FROM tap_survey, nps_interval(s);
SELECT pg_temp.is_near(standard_error, 4.30331, 5e-6, 'nps_interval: SE 4.30331 (published)') FROM tap_survey, nps_interval(s);
SELECT pg_temp.is_near(standard_error, 4.3033148291193521, 1e-12, 'nps_interval: SE to 1e-12') FROM tap_survey, nps_interval(s);
SELECT pg_temp.is_near(lower, 24.898991254122265, 1e-12, 'nps_interval 0.95: lower') FROM tap_survey, nps_interval(s);
SELECT pg_temp.is_near(upper, 41.767675412544401, 1e-12, 'nps_interval 0.95: upper') FROM tap_survey, nps_interval(s);
SELECT pg_temp.is_near(lower, 24.8988, 5e-5, 'nps_interval at z = 1.96: lower 24.8988 (published)')
  FROM tap_survey, nps_interval(s, 0.95000420970355913);
SELECT pg_temp.is_near(upper, 41.7678, 5e-5, 'nps_interval at z = 1.96: upper 41.7678 (published)')
  FROM tap_survey, nps_interval(s, 0.95000420970355913);
SELECT pg_temp.is_near(lower, 24.898836268259403, 1e-12, 'nps_interval at z = 1.96: lower to 1e-12')
  FROM tap_survey, nps_interval(s, 0.95000420970355913);
SELECT pg_temp.is_near(lower, 30.430791589225527, 1e-12, 'nps_interval 0.5: lower') FROM tap_survey, nps_interval(s, 0.5);
SELECT pg_temp.is_near(upper, 36.235875077441139, 1e-12, 'nps_interval 0.5: upper') FROM tap_survey, nps_interval(s, 0.5);
SELECT pg_temp.is_near(lower, 19.173160854090630, 1e-12, 'nps_interval 0.999: lower') FROM tap_survey, nps_interval(s, 0.999);
SELECT pg_temp.is_near(upper, 47.493505812576037, 1e-12, 'nps_interval 0.999: upper') FROM tap_survey, nps_interval(s, 0.999);
SELECT pg_temp.is_near(standard_error, 4.2840355977431306, 1e-12, 'adjusted Wald: SE')
  FROM tap_survey, nps_interval(s, 0.95, 'adjusted_wald');
SELECT pg_temp.is_near(lower, 24.606744849968944, 1e-12, 'adjusted Wald: lower') FROM tap_survey, nps_interval(s, 0.95, 'adjusted_wald');
SELECT pg_temp.is_near(upper, 41.399855810097062, 1e-12, 'adjusted Wald: upper') FROM tap_survey, nps_interval(s, 0.95, 'adjusted_wald');
SELECT pg_temp.is_near(nps, 100.0 / 3, 1e-12, 'adjusted Wald: the nps column is the NPS of the summary')
  FROM tap_survey, nps_interval(s, 0.95, 'adjusted_wald');
SELECT is((SELECT row(nps, lower, upper, standard_error)::text FROM tap_survey, nps_interval(s)),
          (SELECT row(nps, lower, upper, standard_error)::text FROM tap_survey, nps_interval(s, 0.95, 'wald')),
          'nps_interval defaults to 0.95 and wald');
SELECT is((SELECT row(nps, lower, upper, standard_error)::text FROM nps_interval(pg_temp.nps(1, 0, 0))),
          '(100,100,100,0)', 'one promoter, Wald: (100, 100, 100, 0)');
SELECT pg_temp.is_near(lower, -48.498649420252034, 1e-12, 'one promoter, adjusted Wald: lower')
  FROM nps_interval(pg_temp.nps(1, 0, 0), 0.95, 'adjusted_wald');
SELECT pg_temp.is_near(upper, 98.498649420252034, 1e-12, 'one promoter, adjusted Wald: upper')
  FROM nps_interval(pg_temp.nps(1, 0, 0), 0.95, 'adjusted_wald');
SELECT pg_temp.is_near(standard_error, 37.5, 1e-12, 'one promoter, adjusted Wald: SE 37.5')
  FROM nps_interval(pg_temp.nps(1, 0, 0), 0.95, 'adjusted_wald');
SELECT is((SELECT row(nps, lower, upper, standard_error)::text FROM nps_interval(pg_temp.nps(0, 3, 0))),
          '(0,0,0,0)', 'all passives: (0, 0, 0, 0)');
SELECT pg_temp.is_near(lower, 42.812298061726302, 1e-12, '9 promoters 1 detractor: lower')
  FROM nps_interval(pg_temp.nps(9, 0, 1));
SELECT is(upper, 100::float8, '9 promoters 1 detractor: upper clamped to 100') FROM nps_interval(pg_temp.nps(9, 0, 1));
SELECT is(lower, -100::float8, '1 promoter 9 detractors: lower clamped to -100') FROM nps_interval(pg_temp.nps(1, 0, 9));
SELECT pg_temp.is_near(upper, -42.812298061726302, 1e-12, '1 promoter 9 detractors: upper')
  FROM nps_interval(pg_temp.nps(1, 0, 9));
SELECT pg_temp.is_rel(standard_error, 7.7459666924148338e-5, 1e-12, 'NPS with 1e12 responses: SE')
  FROM nps_interval(pg_temp.nps(300000000000, 400000000000, 300000000000));
SELECT pg_temp.is_rel(upper, 1.5181815742579922e-4, 1e-12, 'NPS with 1e12 responses: upper')
  FROM nps_interval(pg_temp.nps(300000000000, 400000000000, 300000000000));
SELECT ok((SELECT nps IS NULL AND lower IS NULL AND upper IS NULL AND standard_error IS NULL
           FROM nps_interval(pg_temp.nps(0, 0, 0))), 'no responses, Wald: all NULL');
SELECT ok((SELECT nps IS NULL AND lower IS NULL AND upper IS NULL AND standard_error IS NULL
           FROM nps_interval(pg_temp.nps(0, 0, 0), 0.99, 'adjusted_wald')), 'no responses, adjusted Wald: all NULL');
SELECT throws_ok('SELECT * FROM nps_interval(''v1 scale=0-10 counts=1,0,0,0,0,0,0,0,0,0,1'', 0.95, ''wilson'')',
                 '22023', NULL, 'nps_interval method wilson -> 22023');
SELECT matches(pg_temp.error_of('SELECT * FROM nps_interval(''v1 scale=0-10 counts=1,0,0,0,0,0,0,0,0,0,1'', 0.95, ''Wald'')'),
               '^22023 \| .*\ywald\y.*\yadjusted_wald\y', 'the method error names the accepted methods');
SELECT throws_ok('SELECT * FROM nps_interval(''v1 scale=0-10 counts=1,0,0,0,0,0,0,0,0,0,1'', 1)',
                 '22023', NULL, 'nps_interval confidence 1 -> 22023');
SELECT throws_ok('SELECT * FROM nps_interval(''v1 scale=1-5 counts=0,1,0,0,0,2,0,0,0,0,0'')',
                 '22023', NULL, 'nps_interval of a CSAT (1-5) summary -> 22023');

------------------------------------------------------------------------------
-- proportion_test (16)
--   45/100 vs 30/100: published z 2.19089, p 0.028460; mpmath z 2.1908902300206645,
--     p 0.028459736916310577
--   1/1 vs 0/1: z sqrt(2), p erfc(1) = 0.15729920705028513
--   250/1000 vs 180/1000: z 3.8100351632878084, p 0.00013894702800839572
--   2000/4000 vs 1000/4000: z 23.094010767585031, p 5.3182449538974574e-118 (1e-9 relative)
--   5e11/1e12 vs 499999000000/1e12: difference 1e-6, z 1.4142135623738022,
--     p 0.15729920705007758 (two float8 rates 1e-6 apart keep ~10 digits: 1e-9)
------------------------------------------------------------------------------
SELECT pg_temp.is_near(z, 2.19089, 5e-6, 'two proportions 45/100 vs 30/100: z 2.19089 (published)')
  FROM proportion_test(pg_temp.ratio(45, 100), pg_temp.ratio(30, 100));
SELECT pg_temp.is_near(p_value, 0.028460, 5e-7, 'two proportions 45/100 vs 30/100: p 0.028460 (published)')
  FROM proportion_test(pg_temp.ratio(45, 100), pg_temp.ratio(30, 100));
SELECT pg_temp.is_near(difference, 0.15, 1e-12, '45/100 vs 30/100: difference 0.15')
  FROM proportion_test(pg_temp.ratio(45, 100), pg_temp.ratio(30, 100));
SELECT pg_temp.is_near(z, 2.1908902300206645, 1e-12, '45/100 vs 30/100: z to 1e-12')
  FROM proportion_test(pg_temp.ratio(45, 100), pg_temp.ratio(30, 100));
SELECT pg_temp.is_near(p_value, 0.028459736916310577, 1e-12, '45/100 vs 30/100: p to 1e-12')
  FROM proportion_test(pg_temp.ratio(45, 100), pg_temp.ratio(30, 100));
SELECT pg_temp.is_near(z, -2.1908902300206645, 1e-12, '30/100 vs 45/100: z negative')
  FROM proportion_test(pg_temp.ratio(30, 100), pg_temp.ratio(45, 100));
SELECT pg_temp.is_near(p_value, 0.15729920705028513, 1e-12, '1/1 vs 0/1: p = erfc(1)')
  FROM proportion_test(pg_temp.ratio(1, 1), pg_temp.ratio(0, 1));
SELECT pg_temp.is_near(p_value, 0.00013894702800839572, 1e-12, '250/1000 vs 180/1000: p (erfc beyond 2.5)')
  FROM proportion_test(pg_temp.ratio(250, 1000), pg_temp.ratio(180, 1000));
SELECT pg_temp.is_rel(p_value, 5.3182449538974574e-118, 1e-9, '2000/4000 vs 1000/4000: p 5.3e-118')
  FROM proportion_test(pg_temp.ratio(2000, 4000), pg_temp.ratio(1000, 4000));
SELECT pg_temp.is_near(difference, 1e-6, 1e-12, 'huge counts: difference 1e-6')
  FROM proportion_test(pg_temp.ratio(500000000000, 1000000000000), pg_temp.ratio(499999000000, 1000000000000));
SELECT pg_temp.is_near(z, 1.4142135623738022, 1e-9, 'huge counts: z')
  FROM proportion_test(pg_temp.ratio(500000000000, 1000000000000), pg_temp.ratio(499999000000, 1000000000000));
SELECT pg_temp.is_near(p_value, 0.15729920705007758, 1e-9, 'huge counts: p')
  FROM proportion_test(pg_temp.ratio(500000000000, 1000000000000), pg_temp.ratio(499999000000, 1000000000000));
SELECT is((SELECT row(difference, z, p_value)::text FROM proportion_test(pg_temp.ratio(12, 40), pg_temp.ratio(12, 40))),
          '(0,0,1)', 'equal rates: (0, 0, 1)');
SELECT ok((SELECT difference = 0 AND z IS NULL AND p_value IS NULL
           FROM proportion_test(pg_temp.ratio(0, 10), pg_temp.ratio(0, 20))), 'both 0%: difference 0, z and p NULL');
SELECT ok((SELECT difference IS NULL AND z IS NULL AND p_value IS NULL
           FROM proportion_test(pg_temp.ratio(0, 0), pg_temp.ratio(30, 100))), 'no trials on a side: all NULL');
SELECT ok((SELECT difference IS NULL FROM proportion_test(NULL, pg_temp.ratio(30, 100))), 'proportion_test(NULL, b): NULL');

------------------------------------------------------------------------------
-- nps_test (9), mpmath:
--   150/100/50 vs 100/100/100: 33.333333333333333, z 5.2223296786709351, p 1.76686044218784e-7
--   6/4/7 vs 150/100/50: -39.215686274509804, z -1.8160274646675882, p 0.06936615921030158
--   30/50/20 vs 25/50/25: 10, z 1.0050378152592121, p 0.31487864133641988
------------------------------------------------------------------------------
SELECT pg_temp.is_near(difference, 100.0 / 3, 1e-11, 'nps_test 150/100/50 vs 100/100/100: difference')
  FROM nps_test(pg_temp.nps(150, 100, 50), pg_temp.nps(100, 100, 100));
SELECT pg_temp.is_near(z, 5.2223296786709351, 1e-12, 'nps_test 150/100/50 vs 100/100/100: z')
  FROM nps_test(pg_temp.nps(150, 100, 50), pg_temp.nps(100, 100, 100));
SELECT pg_temp.is_rel(p_value, 1.76686044218784e-7, 1e-9, 'nps_test 150/100/50 vs 100/100/100: p')
  FROM nps_test(pg_temp.nps(150, 100, 50), pg_temp.nps(100, 100, 100));
SELECT pg_temp.is_near(z, -1.8160274646675882, 1e-12, 'nps_test 6/4/7 vs 150/100/50: z')
  FROM nps_test(pg_temp.nps(6, 4, 7), pg_temp.nps(150, 100, 50));
SELECT pg_temp.is_near(p_value, 0.06936615921030158, 1e-12, 'nps_test 6/4/7 vs 150/100/50: p')
  FROM nps_test(pg_temp.nps(6, 4, 7), pg_temp.nps(150, 100, 50));
SELECT pg_temp.is_near(p_value, 0.31487864133641988, 1e-12, 'nps_test 30/50/20 vs 25/50/25: p')
  FROM nps_test(pg_temp.nps(30, 50, 20), pg_temp.nps(25, 50, 25));
SELECT ok((SELECT difference = 100 AND z IS NULL AND p_value IS NULL
           FROM nps_test(pg_temp.nps(10, 0, 0), pg_temp.nps(0, 10, 0))), 'nps_test without spread: difference, no z or p');
SELECT ok((SELECT difference IS NULL AND z IS NULL AND p_value IS NULL
           FROM nps_test(pg_temp.nps(0, 0, 0), pg_temp.nps(1, 0, 1))), 'nps_test without responses: all NULL');
SELECT throws_ok('SELECT * FROM nps_test(''v1 scale=0-10 counts=1,0,0,0,0,0,0,0,0,0,1'', ''v1 scale=1-5 counts=0,1,0,0,0,2,0,0,0,0,0'')',
                 '22023', NULL, 'nps_test with a CSAT summary -> 22023');

------------------------------------------------------------------------------
-- Window mode (31): the moving mode is in the catalog; a WindowAgg; and on
-- every row of a 2,000-row random series with NULLs, each aggregate over a
-- sliding 30-row frame and over a lagged frame (8 to 4 rows back, empty at
-- the start) equals the same aggregate over the frame's rows.
------------------------------------------------------------------------------
SELECT is_empty($$
    SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate a
    JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = a.aggfnoid AND d.deptype = 'e'
    JOIN pg_extension e ON d.refobjid = e.oid AND e.extname = 'abm'
    WHERE a.aggminvtransfn = 0 AND a.aggfnoid::regprocedure::text !~ '^(min|max)\(abm_stage\)$'
      AND a.aggtranstype <> 'account_set'::regtype$$,
    'every abm aggregate but min/max(abm_stage) and those of account_set (a union cannot be undone) has an inverse transition function');
SELECT is((SELECT count(*) FROM pg_aggregate a
           JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = a.aggfnoid AND d.deptype = 'e'
           JOIN pg_extension e ON d.refobjid = e.oid AND e.extname = 'abm'
           WHERE a.aggfnoid::regprocedure::text ~ '^rollup\(' AND a.aggminvtransfn <> 0),
          8::bigint, 'rollup() of each of the eight summary types has a moving mode');

SELECT setseed(0.7);
CREATE TEMP TABLE tap_series ON COMMIT DROP AS
SELECT id,
       CASE WHEN r1 < 0.1 THEN NULL ELSE r1 < 0.45 END AS won,
       CASE WHEN r2 < 0.05 THEN NULL ELSE round((r2 * 10000)::numeric, 2) END AS amount,
       CASE WHEN r3 < 0.05 THEN NULL ELSE floor(r3 * 500)::bigint END AS impressions,
       CASE WHEN r4 < 0.05 THEN NULL ELSE floor(r4 * floor(r3 * 500))::bigint END AS clicks,
       CASE WHEN r5 < 0.1 THEN NULL ELSE floor(r5 * 11)::int END AS score,
       CASE WHEN r5 < 0.1 THEN NULL ELSE 1 + floor(r5 * 5)::int END AS csat5,
       CASE WHEN r6 < 0.1 THEN NULL WHEN r6 < 0.2 THEN 0.00 ELSE round((r6 * 5000)::numeric, 2) END AS start_rev,
       CASE WHEN r7 < 0.1 THEN NULL WHEN r7 < 0.15 THEN 0.00 ELSE round((r7 * 7000)::numeric, 2) END AS end_rev,
       CASE WHEN r8 < 0.05 THEN NULL ELSE round((r8 * 900)::numeric, 2) END AS spend,
       CASE WHEN r9 < 0.1 THEN NULL ELSE r9 < 0.3 END AS acquired,
       CASE WHEN r10 < 0.05 THEN NULL ELSE floor(r10 * 20)::bigint END AS leads,
       CASE WHEN r11 < 0.1 THEN NULL ELSE abm_stage(1 + floor(r11 * 6)::int) END AS stage
FROM (SELECT i AS id, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6,
             random() r7, random() r8, random() r9, random() r10, random() r11
      FROM generate_series(1, 2000) i) r;
CREATE INDEX ON tap_series (id);
-- stored summaries of 1 to 3 rows each, NULL for every 7th row
CREATE TEMP TABLE tap_stored ON COMMIT DROP AS
SELECT t.id, g.*
FROM tap_series t, LATERAL (
    SELECT ratio_agg(s.won, s.amount) AS rs, score_agg(s.score) AS ss, retention_agg(s.start_rev, s.end_rev) AS ts,
           cost_agg(s.spend, s.acquired) AS ks, funnel_agg(s.stage, s.spend) AS fs
    FROM tap_series s WHERE s.id BETWEEN t.id AND t.id + t.id % 3) g
WHERE t.id % 7 <> 0
UNION ALL SELECT id, NULL, NULL, NULL, NULL, NULL FROM tap_series WHERE id % 7 = 0;
CREATE INDEX ON tap_stored (id);

CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        plan := plan || line || E'\n';
    END LOOP;
    RETURN plan;
END $$;
SELECT matches(pg_temp.plan_of('SELECT win_rate(won) OVER (ORDER BY id ROWS BETWEEN 89 PRECEDING AND CURRENT ROW) FROM tap_series'),
               '^WindowAgg', 'EXPLAIN of a rolling win_rate shows a WindowAgg');

-- window value = fresh value on every row; q is the window query, f the
-- same aggregate over "FROM tap_series s WHERE <cond on t>".
CREATE FUNCTION pg_temp.window_equals(call text, frame text, cond text, source text DEFAULT 'tap_series') RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    bad bigint;
BEGIN
    EXECUTE format($q$
        SELECT count(*) FILTER (WHERE w.v IS DISTINCT FROM f.v)
        FROM (SELECT id, (%1$s OVER (ORDER BY id %2$s))::text AS v FROM %4$s) w,
             LATERAL (SELECT (%1$s)::text AS v FROM %4$s s WHERE %3$s) f
        $q$, call, frame, replace(cond, 't.id', 'w.id'), source)
    INTO bad;
    RETURN bad;
END $$;

SELECT is(pg_temp.window_equals(call, 'ROWS BETWEEN 29 PRECEDING AND CURRENT ROW', 's.id BETWEEN t.id - 29 AND t.id', src),
          0::bigint, call || ' over a sliding 30-row frame = fresh, on all 2,000 rows')
FROM (VALUES ('win_rate(won)', 'tap_series'), ('win_rate(won, amount)', 'tap_series'), ('conversion_rate(won)', 'tap_series'),
             ('ctr(clicks, impressions)', 'tap_series'), ('nps_score(score)', 'tap_series'), ('csat(csat5)', 'tap_series'),
             ('nrr(start_rev, end_rev)', 'tap_series'), ('grr(start_rev, end_rev)', 'tap_series'),
             ('cac(spend, acquired)', 'tap_series'), ('cpl(spend, leads)', 'tap_series'),
             ('rollup(rs)', 'tap_stored'), ('rollup(ss)', 'tap_stored'), ('rollup(ts)', 'tap_stored'),
             ('rollup(ks)', 'tap_stored'), ('rollup(fs)', 'tap_stored')) v(call, src);
SELECT is(pg_temp.window_equals(call, 'ROWS BETWEEN 8 PRECEDING AND 4 PRECEDING', 's.id BETWEEN t.id - 8 AND t.id - 4', src),
          0::bigint, call || ' over a lagged frame (empty at first) = fresh, on all 2,000 rows')
FROM (VALUES ('win_rate(won)', 'tap_series'), ('nps_score(score)', 'tap_series'), ('nrr(start_rev, end_rev)', 'tap_series'),
             ('cac(spend, acquired)', 'tap_series'), ('ratio_agg(won, amount)', 'tap_series'),
             ('rollup(rs)', 'tap_stored'), ('rollup(ss)', 'tap_stored'), ('rollup(ts)', 'tap_stored'),
             ('rollup(ks)', 'tap_stored'), ('rollup(fs)', 'tap_stored')) v(call, src);

-- A frame left with only empty summaries holds an empty summary, as the same
-- rollup over those rows does (scale 0-10: its NPS is NULL, not an error),
-- whatever scale the rows that left had.
CREATE TEMP TABLE tap_csat (id int, s score_summary) ON COMMIT DROP;
INSERT INTO tap_csat VALUES (1, 'v1 scale=1-5 counts=0,1,0,1,1,2,0,0,0,0,0'),
    (2, 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0'), (3, 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0');
SELECT is((SELECT r::text FROM (SELECT id, rollup(s) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS r
                                FROM tap_csat) q WHERE id = 3),
          (SELECT rollup(s)::text FROM tap_csat WHERE id IN (2, 3)),
          'rollup(score_summary) over a frame of empty summaries = the fresh rollup of them');
SELECT lives_ok($$SELECT CASE WHEN id = 3 THEN nps_score(rollup(s) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)) END
                  FROM tap_csat$$,
                'nps_score of that window rollup is NULL, as of the fresh one, not an error');

-- The statistics over a window of summaries: a 30-day rolling Wilson interval.
SELECT is((SELECT count(*) FROM (
               SELECT id, wilson_lower(ratio_agg(won) OVER (ORDER BY id ROWS BETWEEN 29 PRECEDING AND CURRENT ROW)) AS lo
               FROM tap_series) w
           WHERE w.lo IS DISTINCT FROM (SELECT wilson_lower(ratio_agg(s.won)) FROM tap_series s
                                        WHERE s.id BETWEEN w.id - 29 AND w.id)),
          0::bigint, 'wilson_lower of a rolling ratio_agg = of the fresh one, on all rows');

SELECT * FROM finish();
ROLLBACK;
