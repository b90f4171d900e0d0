--
-- COPY ... (ON_ERROR ignore) (PostgreSQL 17+; this file runs only there, see
-- the Makefile) skips malformed summary rows and loads the rest, because
-- abm's text input reports softly.
--
CREATE TEMP TABLE daily (day int, wins ratio_summary, answers score_summary, stage abm_stage);
-- Rows 2 (successes above trials), 4 (an unknown stage) and 5 (a score
-- count list too short) are malformed: 2 of the 5 rows load.
COPY daily FROM STDIN (ON_ERROR ignore);
1	v1 successes=1 trials=2 success_amount=0 trial_amount=0	v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,1	won
2	v1 successes=3 trials=2 success_amount=0 trial_amount=0	v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,1	won
3	v1 successes=2 trials=3 success_amount=0 trial_amount=0	v1 scale=0-10 counts=1,0,0,0,0,0,0,0,0,0,0	engaged
4	v1 successes=2 trials=3 success_amount=0 trial_amount=0	v1 scale=0-10 counts=1,0,0,0,0,0,0,0,0,0,0	closed
5	v1 successes=2 trials=3 success_amount=0 trial_amount=0	v1 scale=0-10 counts=1,0,0	engaged
\.
SELECT day FROM daily ORDER BY day;
-- The loaded rows roll up: (1 + 2) / (2 + 3) = 0.6; NPS of one 10 and one 0 = 0.
SELECT win_rate(rollup(wins)) AS win_rate_0_6, nps_score(rollup(answers)) AS nps_0 FROM daily;
