--
-- score_summary, NPS and CSAT.
-- NPS = 100 * (promoters (9-10) - detractors (0-6)) / responses, on 0..10.
-- CSAT = share of responses in the top two points of a 1..N scale (default 5).
-- Expected values are worked out by hand in the comments and written into the
-- queries.  Errors are followed by their SQLSTATE.
--
\set VERBOSITY default

--
-- NPS surveys.
--   q1 (published): 6 promoters, 4 passives, 7 detractors -> 100 * -1 / 17
--       = -5.882352941176471.  Scores: 9 9 9 10 10 10 | 7 7 8 8 | 0 1 3 4 5 6 6
--       counts per score 0..10: 1,1,0,1,1,1,2,2,2,3,3; mean 112 / 17
--   promoters: 9 10 10 -> 100;  passives: 7 8 -> 0;  detractors: 0 3 6 -> -100
--   p30d20 (published): 30 promoters, 50 passives, 20 detractors -> 10
--   unanswered: only NULL scores -> NULL
--
CREATE TEMP TABLE answers (survey text, score integer);
INSERT INTO answers SELECT 'q1', s FROM unnest(ARRAY[9, 10, 10, 9, 9, 10, 7, 8, 7, 8, 0, 3, 5, 6, 6, 4, 1]) s;
INSERT INTO answers VALUES ('promoters', 9), ('promoters', 10), ('promoters', 10),
                           ('passives', 7), ('passives', 8),
                           ('detractors', 0), ('detractors', 3), ('detractors', 6),
                           ('unanswered', NULL), ('unanswered', NULL);
-- 1..30: 9 or 10; 31..80: 7 or 8; 81..100: 0..6
INSERT INTO answers
SELECT 'p30d20', CASE WHEN i <= 30 THEN 9 + i % 2 WHEN i <= 80 THEN 7 + i % 2 ELSE i % 7 END
FROM generate_series(1, 100) i;

SELECT nps_score(score) AS nps, nps_score(score) = -5.882352941176471 AS published,
       nps_score(score) = 100 * (6 - 7) / 17::float8 AS by_hand
FROM answers WHERE survey = 'q1';

SELECT score_agg(score) AS summary FROM answers WHERE survey = 'q1';
SELECT s::text = 'v1 scale=0-10 counts=1,1,0,1,1,1,2,2,2,3,3' AS text_ok,
       nps_score(s) = -5.882352941176471 AS nps_ok,
       responses(s) = 17 AS responses_17, promoters(s) = 6 AS promoters_6,
       passives(s) = 4 AS passives_4, detractors(s) = 7 AS detractors_7,
       mean_score(s) = 112 / 17::float8 AS mean_ok
FROM (SELECT score_agg(score) AS s FROM answers WHERE survey = 'q1') q;
SELECT k, score_count(s, k) AS n, score_count(s, k) = (ARRAY[1, 1, 0, 1, 1, 1, 2, 2, 2, 3, 3])[k + 1] AS ok
FROM (SELECT score_agg(score) AS s FROM answers WHERE survey = 'q1') q, generate_series(0, 10) k
ORDER BY k;

-- every survey, direct and through the summary, against the hand values
SELECT survey, nps_score(score) AS nps, responses(score_agg(score)) AS responses,
       nps_score(score) IS NOT DISTINCT FROM
         CASE survey WHEN 'q1' THEN -5.882352941176471 WHEN 'promoters' THEN 100
                     WHEN 'passives' THEN 0 WHEN 'detractors' THEN -100 WHEN 'p30d20' THEN 10 END AS ok,
       nps_score(score_agg(score)) IS NOT DISTINCT FROM nps_score(score) AS accessor_ok
FROM answers GROUP BY survey ORDER BY survey;
SELECT promoters(s) = 30 AS promoters_30, passives(s) = 50 AS passives_50, detractors(s) = 20 AS detractors_20
FROM (SELECT score_agg(score) AS s FROM answers WHERE survey = 'p30d20') q;

-- the + operator and rollup: q1 + promoters = 20 responses, 9 promoters,
-- 7 detractors -> 100 * 2 / 20 = 10
SELECT (SELECT score_agg(score) FROM answers WHERE survey = 'q1')
     + (SELECT score_agg(score) FROM answers WHERE survey = 'promoters') AS q1_plus_promoters;
SELECT nps_score(s) = 10 AS nps_10, s::text = 'v1 scale=0-10 counts=1,1,0,1,1,1,2,2,2,4,5' AS text_ok
FROM (SELECT (SELECT score_agg(score) FROM answers WHERE survey = 'q1')
           + (SELECT score_agg(score) FROM answers WHERE survey = 'promoters') AS s) q;
SELECT nps_score(rollup(s)) = 10 AS rollup_nps_10
FROM (SELECT score_agg(score) AS s FROM answers WHERE survey IN ('q1', 'promoters') GROUP BY survey) q;

--
-- Empty input, all-NULL input, FILTER removing every row -> NULL
--
SELECT nps_score(score) IS NULL AS empty_nps, csat(score) IS NULL AS empty_csat,
       csat(score, 7) IS NULL AS empty_csat_7,
       score_agg(score)::text = 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0' AS empty_summary,
       nps_score(score_agg(score)) IS NULL AS empty_summary_nps,
       csat(score_agg(score)) IS NULL AS empty_summary_csat,
       mean_score(score_agg(score)) IS NULL AS empty_mean,
       responses(score_agg(score)) = 0 AS no_responses
FROM answers WHERE false;
SELECT nps_score(score) IS NULL AS all_null_nps, csat(score) IS NULL AS all_null_csat,
       score_agg(score, 5)::text = 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0' AS all_null_summary
FROM answers WHERE survey = 'unanswered';
SELECT nps_score(score) FILTER (WHERE score > 10) IS NULL AS filtered_nps,
       csat(score) FILTER (WHERE score > 10) IS NULL AS filtered_csat,
       csat(score, 5) FILTER (WHERE score > 10) IS NULL AS filtered_csat_5
FROM answers;
-- a NULL scale_max skips the row like a NULL score
SELECT csat(score, NULL::integer) IS NULL AS null_scale_skips FROM (VALUES (4), (5)) v(score);

--
-- CSAT (published): 10 fives, 20 fours, 10 threes, 5 twos, 5 ones -> 30 / 50 = 0.6
-- counts per score 0..10: 0,5,5,10,20,10,0,0,0,0,0; mean 175 / 50 = 3.5
--
CREATE TEMP TABLE csat_answers AS
SELECT CASE WHEN i <= 10 THEN 5 WHEN i <= 30 THEN 4 WHEN i <= 40 THEN 3 WHEN i <= 45 THEN 2 ELSE 1 END AS score
FROM generate_series(1, 50) i;
INSERT INTO csat_answers VALUES (NULL);
SELECT csat(score) AS csat, csat(score) = 0.6 AS csat_06, csat(score, 5) = 0.6 AS csat_5_06
FROM csat_answers;
SELECT score_agg(score, 5) AS summary FROM csat_answers;
SELECT s::text = 'v1 scale=1-5 counts=0,5,5,10,20,10,0,0,0,0,0' AS text_ok,
       csat(s) = 0.6 AS csat_06, csat(s, 5) = 0.6 AS csat_5_06,
       responses(s) = 50 AS responses_50, mean_score(s) = 3.5 AS mean_35
FROM (SELECT score_agg(score, 5) AS s FROM csat_answers) q;
-- the same scores collected on the 0-10 summary: csat() uses the default 1-5
SELECT csat(s) = 0.6 AS csat_default_06, csat(s, 5) = 0.6 AS csat_5_06
FROM (SELECT score_agg(score) AS s FROM csat_answers) q;
-- other scales: the top two points of 1-10 are 9 and 10, of 1-3 are 2 and 3
SELECT csat(score, 10) = 0.5 AS csat_10, score_agg(score, 10)::text = 'v1 scale=1-10 counts=0,1,0,0,0,0,0,0,1,1,1' AS text_ok
FROM (VALUES (10), (9), (8), (1)) v(score);
SELECT csat(score, 3) = 0.5 AS csat_3 FROM (VALUES (3), (2), (1), (1)) v(score);
SELECT csat(score, 7) = 0.75 AS csat_7 FROM (VALUES (7), (6), (5), (7)) v(score);
SELECT csat(score_agg(score, 7)) = 0.75 AS accessor_uses_scale_7 FROM (VALUES (7), (6), (5), (7)) v(score);
-- a 1-10 summary is on a 0..10 range, so NPS applies: 2 promoters, 1 passive,
-- 1 detractor -> 100 * (2 - 1) / 4 = 25
SELECT nps_score(score_agg(score, 10)) = 25 AS nps_of_1_10 FROM (VALUES (10), (9), (8), (1)) v(score);
-- a 0-10 summary whose responses lie in 1..5 can be read on a 1-10 scale: no 9 or 10 -> 0
SELECT csat(score_agg(score), 10) = 0 AS csat_10_of_low_scores FROM (VALUES (5), (4)) v(score);
-- an empty summary combines with any scale and takes the other one's
SELECT (SELECT score_agg(score) FROM answers WHERE false) + score_agg(score, 5) AS empty_plus_1_5,
       score_agg(score, 5) + (SELECT score_agg(score) FROM answers WHERE false) AS one_5_plus_empty
FROM (VALUES (5), (4)) v(score);
SELECT rollup(s) AS rollup_with_empty
FROM (SELECT score_agg(score, 5) AS s FROM (VALUES (5), (1)) v(score)
      UNION ALL SELECT score_agg(score) FROM answers WHERE false) q;
SELECT csat(rollup(s)) = 0.6 AS rollup_csat_06
FROM (SELECT score_agg(score, 5) AS s FROM csat_answers GROUP BY score) q;

--
-- Bad input
--
-- NPS scores outside 0..10: 22003
SELECT nps_score(score) FROM (VALUES (11)) v(score);
\echo SQLSTATE :SQLSTATE
SELECT nps_score(score) FROM (VALUES (5), (-1)) v(score);
\echo SQLSTATE :SQLSTATE
SELECT score_agg(score) FROM (VALUES (100)) v(score);
\echo SQLSTATE :SQLSTATE
-- CSAT scores outside 1..N: 22003
SELECT csat(score) FROM (VALUES (0)) v(score);
\echo SQLSTATE :SQLSTATE
SELECT csat(score) FROM (VALUES (6)) v(score);
\echo SQLSTATE :SQLSTATE
SELECT csat(score, 5) FROM (VALUES (7)) v(score);
\echo SQLSTATE :SQLSTATE
SELECT score_agg(score, 3) FROM (VALUES (0)) v(score);
\echo SQLSTATE :SQLSTATE
-- scale_max outside 3..10: 22023
SELECT csat(score, 2) FROM (VALUES (1)) v(score);
\echo SQLSTATE :SQLSTATE
SELECT csat(score, 11) FROM (VALUES (1)) v(score);
\echo SQLSTATE :SQLSTATE
SELECT score_agg(score, 0) FROM (VALUES (1)) v(score);
\echo SQLSTATE :SQLSTATE
-- scale_max changing within one group: 22023
SELECT csat(score, n) FROM (VALUES (4, 5), (3, 7)) v(score, n);
\echo SQLSTATE :SQLSTATE
-- combining summaries on different scales: 22023
SELECT score_agg(score, 5) + score_agg(score) FROM (VALUES (4)) v(score);
\echo SQLSTATE :SQLSTATE
SELECT score_agg(score, 5) + score_agg(score, 7) FROM (VALUES (4)) v(score);
\echo SQLSTATE :SQLSTATE
SELECT rollup(s) FROM (SELECT score_agg(score) AS s FROM (VALUES (9)) v(score)
                       UNION ALL SELECT score_agg(score, 5) FROM (VALUES (4)) v(score)) q;
\echo SQLSTATE :SQLSTATE
-- NPS of a 1-N summary with N < 10: 22023
SELECT nps_score(score_agg(score, 5)) FROM csat_answers;
\echo SQLSTATE :SQLSTATE
-- CSAT of a 0-10 summary with responses outside 1..5: 22023
SELECT csat(score_agg(score)) FROM answers WHERE survey = 'q1';
\echo SQLSTATE :SQLSTATE
SELECT csat(score_agg(score)) FROM (VALUES (0), (4)) v(score);
\echo SQLSTATE :SQLSTATE
SELECT csat(score_agg(score), 7) FROM (VALUES (8), (4)) v(score);
\echo SQLSTATE :SQLSTATE
-- CSAT of a 1-M summary asked on a 1-N scale, N != M: 22023
SELECT csat(score_agg(score, 5), 7) FROM csat_answers;
\echo SQLSTATE :SQLSTATE
SELECT csat(score_agg(score, 5), 2) FROM csat_answers;
\echo SQLSTATE :SQLSTATE
-- score_count outside 0..10: 22003
SELECT score_count(score_agg(score), 11) FROM csat_answers;
\echo SQLSTATE :SQLSTATE
SELECT score_count(score_agg(score), -1) FROM csat_answers;
\echo SQLSTATE :SQLSTATE

DROP TABLE answers, csat_answers;
