--
-- Statistics (1.1): Wilson score interval, NPS interval (Wald and adjusted
-- Wald), the pooled two-proportion z-test and the NPS z-test.
--
-- Every expected value is either a published figure from the KPI reference
-- ("Statistics" and "Worked examples") or was computed independently with
-- python3 + mpmath at 50 significant digits (z = sqrt(2) * erfinv(c),
-- p = erfc(|z| / sqrt(2)); cross-checked against statistics.NormalDist and
-- math.erfc), and is written into the query: a "t" column is the check.
-- Tolerances: 1e-12 absolute (or relative, for tiny values) unless a comment
-- says otherwise; published figures to their printed precision.
-- Errors are followed by their SQLSTATE.
--
\set VERBOSITY default

-- Helpers: a is within tol of b (absolute), and within tol * |b| (relative).
CREATE FUNCTION pg_temp.near(a float8, b float8, tol float8 DEFAULT 1e-12) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$ SELECT a IS NOT NULL AND abs(a - b) <= tol $$;
CREATE FUNCTION pg_temp.rel(a float8, b float8, tol float8 DEFAULT 1e-12) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$ SELECT a IS NOT NULL AND abs(a - b) <= tol * abs(b) $$;

------------------------------------------------------------------------------
-- Wilson score interval
------------------------------------------------------------------------------

--
-- Published (confidence 0.95, z = 1.959963985), to the 7 printed decimals:
--   1 of 11   -> [0.0162322, 0.3773584]
--   50 of 100 -> [0.4038315, 0.5961685]
--   0 of 100  -> [0, 0.0369935]
--   100 of 100 -> [0.9630065, 1]
-- mpmath (50 digits):
--   1/11    0.016232172885884843  0.37735843645159567
--   50/100  0.40383153036599563   0.59616846963400437
--   0/100   0                     0.036993498206985685
--   100/100 0.96300650179301432   1
--
SELECT x, n, round(lower::numeric, 7) AS lower, round(upper::numeric, 7) AS upper,
       pg_temp.near(lower, pub_lower, 5e-8) AND pg_temp.near(upper, pub_upper, 5e-8) AS published,
       pg_temp.near(lower, ref_lower) AND pg_temp.near(upper, ref_upper) AS to_1e_12
FROM (VALUES (1, 11, 0.0162322, 0.3773584, 0.016232172885884843, 0.37735843645159567),
             (50, 100, 0.4038315, 0.5961685, 0.40383153036599563, 0.59616846963400437),
             (0, 100, 0, 0.0369935, 0, 0.036993498206985685),
             (100, 100, 0.9630065, 1, 0.96300650179301432, 1))
       AS v(x, n, pub_lower, pub_upper, ref_lower, ref_upper),
     wilson_interval(x, n);

-- 0 of n and n of n: the exact end is exactly 0 or 1, not merely close.
SELECT lower = 0 AS lower_is_0 FROM wilson_interval(0, 100);
SELECT upper = 1 AS upper_is_1 FROM wilson_interval(100, 100);
SELECT wilson_lower(0, 1, 0.999) = 0 AS lower_is_0, wilson_upper(1, 1, 0.999) = 1 AS upper_is_1,
       wilson_lower(0, 1000000000000, 0.5) = 0 AS huge_lower_is_0,
       wilson_upper(1000000000000, 1000000000000, 0.5) = 1 AS huge_upper_is_1;

-- Published tables that round z to 1.96 give 1 in 11 -> [0.0162318, 0.3773646]; the
-- confidence with z = 1.96 exactly is erf(1.96 / sqrt(2)) = 0.95000420970355913
-- (mpmath: [0.016231752262800, 0.377364625486]).
SELECT pg_temp.near(lower, 0.0162318, 5e-8) AND pg_temp.near(upper, 0.3773646, 5e-8) AS published_z_196
FROM wilson_interval(1, 11, 0.95000420970355913);

-- Defaults: confidence 0.95; wilson_lower / wilson_upper are the two ends.
SELECT (SELECT row(lower, upper) FROM wilson_interval(1, 11))
         = (SELECT row(lower, upper) FROM wilson_interval(1, 11, 0.95)) AS default_is_095,
       wilson_lower(1, 11) = (SELECT lower FROM wilson_interval(1, 11)) AS lower_ok,
       wilson_upper(1, 11) = (SELECT upper FROM wilson_interval(1, 11)) AS upper_ok,
       wilson_lower(3, 12, 0.999) = (SELECT lower FROM wilson_interval(3, 12, 0.999)) AS lower_999_ok,
       wilson_upper(3, 12, 0.5) = (SELECT upper FROM wilson_interval(3, 12, 0.5)) AS upper_05_ok;

--
-- Boundaries, mpmath:
--   n = 1:  0 of 1 at 0.95  -> [0, 0.79345068562276261]
--           1 of 1 at 0.95  -> [0.20654931437723739, 1]
--           0 of 1 at 0.5   -> [0, 0.31268474408258331]
--           1 of 1 at 0.999 -> [0.084548248183165070, 1]
--   confidence 0.5:   1/11   -> [0.047606049675836997, 0.16670648183370142]
--                     50/100 -> [0.46635196422237973, 0.53364803577762027]
--   confidence 0.999: 1/11   -> [0.0071746004892788916, 0.58050274614516082]
--                     50/100 -> [0.34371707547475834, 0.65628292452524166]
--   3 of 12 at 0.95   -> [0.088941668394054741, 0.53230533493356571]
--
SELECT x, n, c, round(lower::numeric, 9) AS lower, round(upper::numeric, 9) AS upper,
       pg_temp.near(lower, ref_lower) AND pg_temp.near(upper, ref_upper) AS to_1e_12
FROM (VALUES (0, 1, 0.95, 0, 0.79345068562276261),
             (1, 1, 0.95, 0.20654931437723739, 1),
             (0, 1, 0.5, 0, 0.31268474408258331),
             (1, 1, 0.999, 0.084548248183165070, 1),
             (1, 11, 0.5, 0.047606049675836997, 0.16670648183370142),
             (50, 100, 0.5, 0.46635196422237973, 0.53364803577762027),
             (1, 11, 0.999, 0.0071746004892788916, 0.58050274614516082),
             (50, 100, 0.999, 0.34371707547475834, 0.65628292452524166),
             (3, 12, 0.95, 0.088941668394054741, 0.53230533493356571))
       AS v(x, n, c, ref_lower, ref_upper),
     wilson_interval(x, n, c);

--
-- The inverse normal behind the confidence.  With 0 of 1 the upper end is
-- z^2 / (1 + z^2), so it shows z itself.  mpmath, z for the two-sided
-- confidence c (the tail (1 - c) / 2 taken from the double c exactly):
--   c = 1e-6     z = 1.2533141373158283e-6   upper = 1.5707963267932515e-12
--   c = 0.5      z = 0.67448975019608174     upper = 0.31268474408258331
--   c = 0.9      z = 1.6448536269514728      upper = 0.73013405121594595
--   c = 0.95     z = 1.9599639845400539      upper = 0.79345068562276255
--   c = 0.99     z = 2.5758293035489005      upper = 0.86902245671981413
--   c = 0.999    z = 3.2905267314918945      upper = 0.91545175181683492
--   c = 0.999999 z = 4.8916384756929318      upper = 0.95988467160298535
-- z is checked to 1e-12 absolute and the upper end to 1e-12 relative, except
-- where double precision itself cannot do better whatever the method: at
-- c = 0.999999 the tail is 5e-7, and forming (1 + c) / 2 in double already moves
-- z by 2e-11 (z to 1e-10 there); at c = 1e-6, z = 1.25e-6 carries an absolute
-- error of ~1e-16 from the same rounding, 1e-10 of its size (upper to 1e-9
-- relative there).
--
SELECT c, pg_temp.rel(wilson_upper(0, 1, c), ref_upper, upper_tol) AS upper_ok,
       pg_temp.near(sqrt(wilson_upper(0, 1, c) / (1 - wilson_upper(0, 1, c))), ref_z, z_tol) AS z_ok
FROM (VALUES (1e-6, 1.2533141373158283e-6, 1.5707963267932515e-12, 1e-12, 1e-9),
             (0.5, 0.67448975019608174, 0.31268474408258331, 1e-12, 1e-12),
             (0.9, 1.6448536269514728, 0.73013405121594595, 1e-12, 1e-12),
             (0.95, 1.9599639845400539, 0.79345068562276255, 1e-12, 1e-12),
             (0.99, 2.5758293035489005, 0.86902245671981413, 1e-12, 1e-12),
             (0.999, 3.2905267314918945, 0.91545175181683492, 1e-12, 1e-12),
             (0.999999, 4.8916384756929318, 0.95988467160298535, 1e-10, 1e-12))
       AS v(c, ref_z, ref_upper, z_tol, upper_tol);

--
-- Huge counts: no overflow, no loss.  mpmath:
--   5e11 of 1e12        -> [0.49999902001800773, 0.50000097998199227]
--   1 of 1e12           -> [1.7652455493517473e-13, 5.6649342657365115e-12]
--   999999999999 of 1e12 -> [0.99999999999433507, 0.99999999999982348]
--   1e12 of 1e12        -> [0.99999999999615854, 1]
--   123456789012 of 1e12 at 0.999 -> [0.12345570656175942, 0.12345787147039468]
--   2^61 of 2^62        -> [0.49999999954366032, 0.50000000045633968]
--   2^62 of 2^62        -> lower 2^62 / (2^62 + z^2) = 1 - 8.33e-19, i.e. 1.0 in double
--
SELECT x, n, c,
       pg_temp.rel(lower, ref_lower, 1e-9) AND pg_temp.rel(upper, ref_upper, 1e-9) AS rel_1e_9,
       pg_temp.near(lower, ref_lower, 1e-15) AND pg_temp.near(upper, ref_upper, 1e-15) AS abs_1e_15
FROM (VALUES (500000000000, 1000000000000, 0.95, 0.49999902001800773, 0.50000097998199227),
             (1, 1000000000000, 0.95, 1.7652455493517473e-13, 5.6649342657365115e-12),
             (999999999999, 1000000000000, 0.95, 0.99999999999433507, 0.99999999999982348),
             (1000000000000, 1000000000000, 0.95, 0.99999999999615854, 1),
             (123456789012, 1000000000000, 0.999, 0.12345570656175942, 0.12345787147039468),
             (2305843009213693952, 4611686018427387904, 0.95, 0.49999999954366032, 0.50000000045633968),
             (4611686018427387904, 4611686018427387904, 0.95, 1, 1))
       AS v(x, n, c, ref_lower, ref_upper),
     wilson_interval(x, n, c);

-- The summary form equals the count form, also from stored text and for huge counts.
CREATE TEMP TABLE outcomes (variant text, won boolean);
INSERT INTO outcomes SELECT 'a', i <= 45 FROM generate_series(1, 100) i;
INSERT INTO outcomes SELECT 'b', i <= 30 FROM generate_series(1, 100) i;
INSERT INTO outcomes VALUES ('a', NULL), ('b', NULL);  -- open: not trials
SELECT variant, successes(s), trials(s),
       (SELECT row(lower, upper) FROM wilson_interval(s))
         = (SELECT row(lower, upper) FROM wilson_interval(successes(s), trials(s))) AS same_as_counts,
       wilson_lower(s, 0.9) = wilson_lower(successes(s), trials(s), 0.9) AS lower_same,
       wilson_upper(s, 0.9) = wilson_upper(successes(s), trials(s), 0.9) AS upper_same
FROM (SELECT variant, ratio_agg(won) AS s FROM outcomes GROUP BY variant) q ORDER BY variant;
SELECT pg_temp.near(lower, 0.40383153036599563) AND pg_temp.near(upper, 0.59616846963400437) AS stored_50_of_100,
       pg_temp.near(wilson_lower('v1 successes=1 trials=11 success_amount=0 trial_amount=0'::ratio_summary), 0.016232172885884843) AS lower_1_of_11,
       pg_temp.near(wilson_upper('v1 successes=1 trials=11 success_amount=0 trial_amount=0'::ratio_summary), 0.37735843645159567) AS upper_1_of_11
FROM wilson_interval('v1 successes=50 trials=100 success_amount=0 trial_amount=0'::ratio_summary);
SELECT pg_temp.rel(lower, 0.49999902001800773, 1e-12) AND pg_temp.rel(upper, 0.50000097998199227, 1e-12) AS huge_summary
FROM wilson_interval('v1 successes=500000000000 trials=1000000000000 success_amount=0 trial_amount=0'::ratio_summary);
SELECT pg_temp.rel(lower, 0.49999902001800773, 1e-12) AS huge_rollup
FROM (SELECT rollup(s) AS s
      FROM (SELECT 'v1 successes=5000000000 trials=10000000000 success_amount=0 trial_amount=0'::ratio_summary AS s
            FROM generate_series(1, 100)) r) q,
     wilson_interval(q.s);

-- No trials: NULLs, never an error; STRICT: a NULL argument gives NULL.
SELECT lower IS NULL AND upper IS NULL AS nulls FROM wilson_interval(0, 0);
SELECT lower IS NULL AND upper IS NULL AS nulls FROM wilson_interval(0, 0, 0.999);
SELECT wilson_lower(0, 0) IS NULL AS lower_null, wilson_upper(0, 0) IS NULL AS upper_null,
       wilson_lower(ratio_agg(won)) IS NULL AS empty_summary_lower,
       wilson_upper(ratio_agg(won)) IS NULL AS empty_summary_upper
FROM outcomes WHERE false;
SELECT lower IS NULL AND upper IS NULL AS empty_summary
FROM (SELECT ratio_agg(won) AS s FROM outcomes WHERE won IS NULL) q, wilson_interval(q.s);
SELECT lower IS NULL AND upper IS NULL AS null_confidence FROM wilson_interval(1, 11, NULL);
SELECT wilson_lower(NULL::bigint, 11) IS NULL AS null_successes,
       wilson_upper(NULL::ratio_summary) IS NULL AS null_summary;

-- Confidence must lie strictly between 0 and 1: 22023 (checked even when n = 0).
SELECT * FROM wilson_interval(1, 11, 0);
\echo SQLSTATE :SQLSTATE
SELECT * FROM wilson_interval(1, 11, 1);
\echo SQLSTATE :SQLSTATE
SELECT * FROM wilson_interval(1, 11, -0.5);
\echo SQLSTATE :SQLSTATE
SELECT * FROM wilson_interval(1, 11, 1.5);
\echo SQLSTATE :SQLSTATE
SELECT * FROM wilson_interval(1, 11, 'NaN');
\echo SQLSTATE :SQLSTATE
SELECT * FROM wilson_interval(1, 11, 'Infinity');
\echo SQLSTATE :SQLSTATE
SELECT * FROM wilson_interval(0, 0, 95);
\echo SQLSTATE :SQLSTATE
SELECT wilson_lower(1, 11, 0);
\echo SQLSTATE :SQLSTATE
SELECT wilson_upper('v1 successes=1 trials=11 success_amount=0 trial_amount=0'::ratio_summary, 1);
\echo SQLSTATE :SQLSTATE
-- Counts that are not a proportion: 22003 (a number out of its range).
SELECT * FROM wilson_interval(12, 11);
\echo SQLSTATE :SQLSTATE
SELECT * FROM wilson_interval(-1, 11);
\echo SQLSTATE :SQLSTATE
SELECT wilson_upper(0, -1);
\echo SQLSTATE :SQLSTATE

------------------------------------------------------------------------------
-- NPS interval
------------------------------------------------------------------------------

--
-- Published: 150 promoters, 100 passives, 50 detractors (n = 300) -> NPS 33.333...,
-- SE 4.30331, 95% interval [24.8988, 41.7678].
-- mpmath: SE = 100 sqrt((0.5 + 1/6 - (1/3)^2) / 300) = 4.3033148291193521;
--   at c = 0.95 (z = 1.95996...)  [24.898991254122265, 41.767675412544401];
--   at z = 1.96 (c = 0.95000420970355913) [24.898836268259403, 41.767830398407263].
-- The published interval is the one with z rounded to 1.96 (with z = 1.959964
-- it would print as [24.8990, 41.7677]), so it is checked at that confidence.
--
CREATE TEMP TABLE survey (name text, score integer);
INSERT INTO survey SELECT 'published', CASE WHEN i <= 150 THEN 9 + i % 2
                                            WHEN i <= 250 THEN 7 + i % 2
                                            ELSE i % 7 END
FROM generate_series(1, 300) i;
INSERT INTO survey VALUES ('published', NULL);  -- skipped
-- q1 (published NPS example): 6 promoters, 4 passives, 7 detractors
INSERT INTO survey SELECT 'q1', s FROM unnest(ARRAY[9, 10, 10, 9, 9, 10, 7, 8, 7, 8, 0, 3, 5, 6, 6, 4, 1]) s;
INSERT INTO survey VALUES ('one promoter', 10), ('one detractor', 3),
                          ('all passives', 7), ('all passives', 8), ('all passives', 7);
-- 9 promoters and 1 detractor; 1 promoter and 9 detractors
INSERT INTO survey SELECT 'mostly promoters', CASE WHEN i <= 9 THEN 9 ELSE 0 END FROM generate_series(1, 10) i;
INSERT INTO survey SELECT 'mostly detractors', CASE WHEN i <= 1 THEN 10 ELSE 6 END FROM generate_series(1, 10) i;
CREATE TEMP TABLE surveys AS SELECT name, score_agg(score) AS s FROM survey GROUP BY name;

SELECT responses(s), promoters(s), passives(s), detractors(s),
       round(i.nps::numeric, 6) AS nps, round(i.standard_error::numeric, 5) AS se,
       round(i.lower::numeric, 4) AS lower, round(i.upper::numeric, 4) AS upper,
       pg_temp.near(i.nps, 100.0 / 3) AS nps_ok,
       pg_temp.near(i.standard_error, 4.30331, 5e-6) AS se_published,
       pg_temp.near(i.standard_error, 4.3033148291193521) AS se_1e_12,
       pg_temp.near(i.lower, 24.898991254122265) AND pg_temp.near(i.upper, 41.767675412544401) AS interval_1e_12
FROM surveys, nps_interval(s) i WHERE name = 'published';
SELECT round(lower::numeric, 4) AS lower, round(upper::numeric, 4) AS upper,
       pg_temp.near(lower, 24.8988, 5e-5) AND pg_temp.near(upper, 41.7678, 5e-5) AS published,
       pg_temp.near(lower, 24.898836268259403) AND pg_temp.near(upper, 41.767830398407263) AS to_1e_12
FROM surveys, nps_interval(s, 0.95000420970355913) WHERE name = 'published';
-- defaults: confidence 0.95, method 'wald'
SELECT (SELECT row(nps, lower, upper, standard_error) FROM nps_interval(s))
         = (SELECT row(nps, lower, upper, standard_error) FROM nps_interval(s, 0.95, 'wald')) AS defaults_ok
FROM surveys WHERE name = 'published';

--
-- Other confidences, adjusted Wald, small samples and clamping, mpmath.
-- Adjusted Wald: 3/4 more promoters and detractors and 3 more responses for the
-- interval and its SE; the nps column stays the NPS of the summary.
--   published 0.5 wald:   [30.430791589225527, 36.235875077441139]
--   published 0.999 wald: [19.173160854090630, 47.493505812576037]
--   published adjusted:   SE 4.2840355977431306, [24.606744849968944, 41.399855810097062]
--   q1 wald:     NPS -5.8823529411764706, SE 21.161086299544160, [-47.357319962026994, 35.592614079674053]
--   q1 adjusted: SE 19.006577808748212, [-42.252207974504719, 32.252207974504719]
--   one promoter wald:      100, SE 0, [100, 100]
--   one promoter adjusted:  p = 1.75/4, d = 0.75/4 -> center 25, SE 37.5,
--                           [-48.498649420252034, 98.498649420252034]
--   one detractor adjusted: -100, SE 37.5, [-98.498649420252034, 48.498649420252034]
--   all passives wald:      0, SE 0, [0, 0]
--   mostly promoters wald:  80, SE 18.973665961010276, [42.812298061726302, 100] (clamped from 117.19)
--   mostly detractors wald: -80, SE 18.973665961010276, [-100, -42.812298061726302] (clamped)
--
SELECT name, c, method,
       round(i.nps::numeric, 9) AS nps, round(i.standard_error::numeric, 9) AS se,
       round(i.lower::numeric, 9) AS lower, round(i.upper::numeric, 9) AS upper,
       pg_temp.near(i.nps, ref_nps) AND pg_temp.near(i.standard_error, ref_se)
         AND pg_temp.near(i.lower, ref_lower) AND pg_temp.near(i.upper, ref_upper) AS to_1e_12
FROM (VALUES ('published', 0.5, 'wald', 100.0 / 3, 4.3033148291193521, 30.430791589225527, 36.235875077441139),
             ('published', 0.999, 'wald', 100.0 / 3, 4.3033148291193521, 19.173160854090630, 47.493505812576037),
             ('published', 0.95, 'adjusted_wald', 100.0 / 3, 4.2840355977431306, 24.606744849968944, 41.399855810097062),
             ('q1', 0.95, 'wald', -5.8823529411764706, 21.161086299544160, -47.357319962026994, 35.592614079674053),
             ('q1', 0.95, 'adjusted_wald', -5.8823529411764706, 19.006577808748212, -42.252207974504719, 32.252207974504719),
             ('one promoter', 0.95, 'wald', 100, 0, 100, 100),
             ('one promoter', 0.95, 'adjusted_wald', 100, 37.5, -48.498649420252034, 98.498649420252034),
             ('one detractor', 0.95, 'adjusted_wald', -100, 37.5, -98.498649420252034, 48.498649420252034),
             ('all passives', 0.95, 'wald', 0, 0, 0, 0),
             ('mostly promoters', 0.95, 'wald', 80, 18.973665961010276, 42.812298061726302, 100),
             ('mostly detractors', 0.95, 'wald', -80, 18.973665961010276, -100, -42.812298061726302))
       AS v(name, c, method, ref_nps, ref_se, ref_lower, ref_upper)
     JOIN surveys USING (name),
     nps_interval(s, c, method) i
ORDER BY name, c, method;

-- Huge counts: 3e11 promoters, 4e11 passives, 3e11 detractors (n = 1e12).
-- mpmath: NPS 0, SE 7.7459666924148338e-5, [-1.5181815742579922e-4, 1.5181815742579922e-4]
SELECT nps = 0 AS nps_0, pg_temp.rel(standard_error, 7.7459666924148338e-5) AS se_ok,
       pg_temp.rel(lower, -1.5181815742579922e-4) AND pg_temp.rel(upper, 1.5181815742579922e-4) AS interval_ok
FROM nps_interval('v1 scale=0-10 counts=300000000000,0,0,0,0,0,0,400000000000,0,0,300000000000'::score_summary);

-- No responses: all NULL, for both methods; STRICT: NULL arguments give NULL.
SELECT nps IS NULL AND lower IS NULL AND upper IS NULL AND standard_error IS NULL AS wald_nulls
FROM (SELECT score_agg(score) AS s FROM survey WHERE score IS NULL) q, nps_interval(q.s);
SELECT nps IS NULL AND lower IS NULL AND upper IS NULL AND standard_error IS NULL AS adjusted_nulls
FROM (SELECT score_agg(score) AS s FROM survey WHERE false) q, nps_interval(q.s, 0.9, 'adjusted_wald');
SELECT nps IS NULL AS null_method FROM surveys, nps_interval(s, 0.95, NULL) WHERE name = 'q1';
SELECT nps IS NULL AS null_confidence FROM surveys, nps_interval(s, NULL) WHERE name = 'q1';

-- Errors: an unknown method (exact names, so also 'Wald') is 22023 naming the
-- methods; so is a confidence outside (0, 1); a CSAT (1-5) summary has no NPS (22023).
SELECT * FROM surveys, nps_interval(s, 0.95, 'wilson') WHERE name = 'q1';
\echo SQLSTATE :SQLSTATE
SELECT * FROM surveys, nps_interval(s, 0.95, 'Wald') WHERE name = 'q1';
\echo SQLSTATE :SQLSTATE
SELECT * FROM surveys, nps_interval(s, 0.95, '') WHERE name = 'q1';
\echo SQLSTATE :SQLSTATE
SELECT * FROM nps_interval('v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0', 0.95, 'exact');
\echo SQLSTATE :SQLSTATE
SELECT * FROM surveys, nps_interval(s, 1) WHERE name = 'q1';
\echo SQLSTATE :SQLSTATE
SELECT * FROM surveys, nps_interval(s, 0, 'adjusted_wald') WHERE name = 'q1';
\echo SQLSTATE :SQLSTATE
SELECT * FROM nps_interval('v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0', -1);
\echo SQLSTATE :SQLSTATE
SELECT * FROM nps_interval((SELECT score_agg(s, 5) FROM unnest(ARRAY[5, 4, 1]) s));
\echo SQLSTATE :SQLSTATE

------------------------------------------------------------------------------
-- Two-proportion z-test (pooled)
------------------------------------------------------------------------------

--
-- Published: 45/100 vs 30/100 -> z 2.19089, p 0.028460.
-- mpmath: difference 0.15, z 2.1908902300206645, p 0.028459736916310577.
--
SELECT round(difference::numeric, 12) AS difference, round(z::numeric, 5) AS z, round(p_value::numeric, 6) AS p,
       pg_temp.near(z, 2.19089, 5e-6) AND pg_temp.near(p_value, 0.028460, 5e-7) AS published,
       pg_temp.near(difference, 0.15) AND pg_temp.near(z, 2.1908902300206645)
         AND pg_temp.near(p_value, 0.028459736916310577) AS to_1e_12
FROM (SELECT ratio_agg(won) FILTER (WHERE variant = 'a') AS a,
             ratio_agg(won) FILTER (WHERE variant = 'b') AS b FROM outcomes) q,
     proportion_test(a, b);
-- swapped: the sign of the difference and z turns, the p-value stays
SELECT pg_temp.near(difference, -0.15) AND pg_temp.near(z, -2.1908902300206645)
         AND pg_temp.near(p_value, 0.028459736916310577) AS swapped_ok
FROM (SELECT ratio_agg(won) FILTER (WHERE variant = 'a') AS a,
             ratio_agg(won) FILTER (WHERE variant = 'b') AS b FROM outcomes) q,
     proportion_test(b, a);

--
-- More, mpmath (x1/n1 vs x2/n2 -> difference, z, p):
--   12/40 vs 12/40       -> 0, 0, 1
--   1/1 vs 0/1           -> 1, sqrt(2) = 1.4142135623730950, erfc(1) = 0.15729920705028513
--   1/3 vs 5/7           -> -0.38095238095238095, -1.1268723396380221, 0.25979645967794177
--   520/1000 vs 500/1000 -> 0.02, 0.89460613012164213, 0.37099767373660842
--   130/1000 vs 100/1000 -> 0.03, 2.1027406056221143, 0.035488450466474692
--   250/1000 vs 180/1000 -> 0.07, 3.8100351632878084, 0.00013894702800839572
--   2000/4000 vs 1000/4000 -> 0.25, 23.094010767585031, 5.3182449538974574e-118
--   5e11/1e12 vs 499999000000/1e12 -> 1e-6, 1.4142135623738022, 0.15729920705007758
-- The p-values span both sides of |z| / sqrt(2) = 2.5 and a far tail: erfc to
-- 1e-12 absolute, and 1e-9 relative in the tail.  z to 1e-12 relative, except
-- for the last row: two float8 rates 1e-6 apart keep only ~10 of their 16
-- digits when subtracted, so z and p are checked to 1e-9 there (the difference
-- itself is still right to 1e-12).
--
SELECT x1, n1, x2, n2,
       pg_temp.near(difference, ref_d) AS difference_ok,
       pg_temp.near(z, ref_z, tol * greatest(1, abs(ref_z))) AS z_ok,
       pg_temp.near(p_value, ref_p, tol) AS p_abs_ok,
       pg_temp.rel(p_value, ref_p, 1e-9) AS p_rel_1e_9
FROM (VALUES (12, 40, 12, 40, 0, 0, 1, 1e-12),
             (1, 1, 0, 1, 1, 1.4142135623730950, 0.15729920705028513, 1e-12),
             (1, 3, 5, 7, -0.38095238095238095, -1.1268723396380221, 0.25979645967794177, 1e-12),
             (520, 1000, 500, 1000, 0.02, 0.89460613012164213, 0.37099767373660842, 1e-12),
             (130, 1000, 100, 1000, 0.03, 2.1027406056221143, 0.035488450466474692, 1e-12),
             (250, 1000, 180, 1000, 0.07, 3.8100351632878084, 0.00013894702800839572, 1e-12),
             (2000, 4000, 1000, 4000, 0.25, 23.094010767585031, 5.3182449538974574e-118, 1e-12),
             (500000000000, 1000000000000, 499999000000, 1000000000000, 1e-6, 1.4142135623738022, 0.15729920705007758, 1e-9))
       AS v(x1, n1, x2, n2, ref_d, ref_z, ref_p, tol),
     proportion_test(format('v1 successes=%s trials=%s success_amount=0 trial_amount=0', x1, n1)::ratio_summary,
                     format('v1 successes=%s trials=%s success_amount=0 trial_amount=0', x2, n2)::ratio_summary);

-- No spread (both 0% or both 100%): the difference is 0, z and p are NULL.
-- No trials on either side: all NULL.
SELECT difference = 0 AS difference_0, z IS NULL AS z_null, p_value IS NULL AS p_null
FROM proportion_test('v1 successes=0 trials=10 success_amount=0 trial_amount=0',
                     'v1 successes=0 trials=20 success_amount=0 trial_amount=0');
SELECT difference = 0 AS difference_0, z IS NULL AS z_null, p_value IS NULL AS p_null
FROM proportion_test('v1 successes=10 trials=10 success_amount=0 trial_amount=0',
                     'v1 successes=20 trials=20 success_amount=0 trial_amount=0');
SELECT difference IS NULL AND z IS NULL AND p_value IS NULL AS no_trials_a
FROM proportion_test('v1 successes=0 trials=0 success_amount=0 trial_amount=0',
                     'v1 successes=30 trials=100 success_amount=0 trial_amount=0');
SELECT difference IS NULL AND z IS NULL AND p_value IS NULL AS no_trials_b
FROM proportion_test('v1 successes=45 trials=100 success_amount=0 trial_amount=0',
                     'v1 successes=0 trials=0 success_amount=0 trial_amount=0');
SELECT difference IS NULL AS null_argument
FROM proportion_test(NULL, 'v1 successes=30 trials=100 success_amount=0 trial_amount=0');

------------------------------------------------------------------------------
-- NPS z-test: difference of two independent NPS, SE = sqrt(SE1^2 + SE2^2)
------------------------------------------------------------------------------

--
-- mpmath (promoters/passives/detractors):
--   150/100/50 vs 100/100/100 -> 33.333333333333333, 5.2223296786709351, 1.76686044218784e-7
--   6/4/7 vs 150/100/50       -> -39.215686274509804, -1.8160274646675882, 0.06936615921030158
--   30/50/20 vs 25/50/25      -> 10, 1.0050378152592121, 0.31487864133641988
--   150/100/50 vs itself      -> 0, 0, 1
--   6e11/2e11/2e11 vs 599999000000/2e11/200001000000 -> 0.0002, 1.7677658481158211, 0.077100056525213944
--
-- (z to 1e-12, except 1e-9 for the last row, whose two NPS differ in the 7th digit)
SELECT a, b, pg_temp.near(difference, ref_d, 1e-11) AS difference_ok,
       pg_temp.near(z, ref_z, tol) AS z_ok, pg_temp.rel(p_value, ref_p, 1e-9) AND pg_temp.near(p_value, ref_p, tol) AS p_ok
FROM (VALUES ('150/100/50', '100/100/100', 33.333333333333333, 5.2223296786709351, 1.76686044218784e-7, 1e-12),
             ('6/4/7', '150/100/50', -39.215686274509804, -1.8160274646675882, 0.06936615921030158, 1e-12),
             ('30/50/20', '25/50/25', 10, 1.0050378152592121, 0.31487864133641988, 1e-12),
             ('150/100/50', '150/100/50', 0, 0, 1, 1e-12),
             ('600000000000/200000000000/200000000000', '599999000000/200000000000/200001000000',
              0.0002, 1.7677658481158211, 0.077100056525213944, 1e-9))
       AS v(a, b, ref_d, ref_z, ref_p, tol),
     LATERAL (SELECT format('v1 scale=0-10 counts=%s,0,0,0,0,0,0,%s,0,0,%s',
                            split_part(a, '/', 3), split_part(a, '/', 2), split_part(a, '/', 1))::score_summary AS sa,
                     format('v1 scale=0-10 counts=%s,0,0,0,0,0,0,%s,0,0,%s',
                            split_part(b, '/', 3), split_part(b, '/', 2), split_part(b, '/', 1))::score_summary AS sb) s,
     nps_test(sa, sb);
-- the published survey against q1, from aggregates: the same as the stored form
SELECT pg_temp.near(difference, 39.215686274509804, 1e-11) AND pg_temp.near(z, 1.8160274646675882)
         AND pg_temp.near(p_value, 0.06936615921030158) AS aggregated_ok
FROM (SELECT s FROM surveys WHERE name = 'published') a(sa), (SELECT s FROM surveys WHERE name = 'q1') b(sb),
     nps_test(sa, sb);
-- no spread on either side: z and p NULL; no responses on a side: all NULL
SELECT difference = 100 AS difference_100, z IS NULL AS z_null, p_value IS NULL AS p_null
FROM nps_test('v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,10', 'v1 scale=0-10 counts=0,0,0,0,0,0,0,10,0,0,0');
SELECT difference IS NULL AND z IS NULL AND p_value IS NULL AS no_responses
FROM nps_test('v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0', 'v1 scale=0-10 counts=1,0,0,0,0,0,0,0,0,0,1');
-- a CSAT summary has no NPS
SELECT * FROM nps_test('v1 scale=0-10 counts=1,0,0,0,0,0,0,0,0,0,1', (SELECT score_agg(s, 5) FROM unnest(ARRAY[5, 4, 1]) s));
\echo SQLSTATE :SQLSTATE

------------------------------------------------------------------------------
-- Signatures and properties: IMMUTABLE, STRICT, PARALLEL SAFE, output columns.
------------------------------------------------------------------------------
SELECT p.oid::regprocedure AS function, p.provolatile AS volatility, p.proisstrict AS strict,
       p.proparallel AS parallel, pg_get_function_result(p.oid) AS result
FROM pg_proc p
WHERE p.proname IN ('wilson_interval', 'wilson_lower', 'wilson_upper', 'nps_interval', 'proportion_test', 'nps_test')
  AND p.pronamespace = (SELECT extnamespace FROM pg_extension WHERE extname = 'abm')
ORDER BY p.oid::regprocedure::text;
