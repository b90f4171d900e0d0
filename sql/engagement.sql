--
-- engagement_score: sum of weight * 2^(-(as_of - touched_at) / half_life)
-- over the touches at or before as_of.  Expected values worked by hand.
--
\set VERBOSITY default
SET TimeZone = 'UTC';

------------------------------------------------------------------------------
-- Worked example (kpi-definitions): three touches of weight 1 at T, T - 7
-- days and T - 14 days, half-life 7 days: 1 + 1/2 + 1/4 = 1.75
------------------------------------------------------------------------------
CREATE TEMP TABLE touch (account_id int, touched_at timestamptz, weight float8, kind text);
INSERT INTO touch VALUES
    (1, '2024-03-15 12:00', 1, 'ad_click'),
    (1, '2024-03-08 12:00', 1, 'web_visit'),
    (1, '2024-03-01 12:00', 1, 'email_opened'),
    -- after as_of: ignored
    (1, '2024-03-16 12:00', 5, 'meeting'),
    -- NULL weight: skipped
    (1, '2024-03-14 12:00', NULL, 'web_visit'),
    -- account 2: weight 2 three and a half days back: 2 * 2^-0.5 = 1.4142136;
    -- weight 4 two half-lives back (14 days): 1; a reply (weight 3) 28 days
    -- back: 3/16 = 0.1875.  Total 2.6017136
    (2, '2024-03-12 00:00', 2, 'web_visit'),
    (2, '2024-03-01 12:00', 4, 'meeting'),
    (2, '2024-02-16 12:00', 3, 'email_replied');
SELECT account_id, round(engagement_score(touched_at, weight, '2024-03-15 12:00', '7 days')::numeric, 7) AS score
FROM touch GROUP BY account_id ORDER BY account_id;
-- the worked example to the bit: 1.75 is a multiple of 2^-64
SELECT engagement_score(touched_at, weight, '2024-03-15 12:00', '7 days') = 1.75 AS exact
FROM touch WHERE account_id = 1;

-- A relationship score is an engagement score over two-way interactions
-- only (emails answered, meetings): account 1's only meeting is after as_of,
-- so its score is 0; account 2: the meeting 1 + the reply 0.1875 = 1.1875
SELECT account_id,
       engagement_score(touched_at, weight, '2024-03-15 12:00', '7 days')
           FILTER (WHERE kind IN ('email_replied', 'meeting')) AS relationship
FROM touch GROUP BY account_id ORDER BY account_id;

-- no rows: NULL; only later touches: 0
SELECT engagement_score(touched_at, weight, '2024-03-15', '7 days') FROM touch WHERE false;
SELECT engagement_score(touched_at, weight, '2024-01-01', '7 days') FROM touch;
-- a touch at -infinity has decayed to nothing; one at +infinity is later
SELECT engagement_score(t, 1, '2024-03-15', '1 day')
FROM unnest('{-infinity,infinity,2024-03-14}'::timestamptz[]) t;
-- a month of half-life counts as EXTRACT(EPOCH) does: 30.4375 days;
-- a touch 30.4375 days back weighs 1/2
SELECT engagement_score('2024-03-15'::timestamptz - interval '30 days 10 hours 30 minutes', 1, '2024-03-15', '1 month');

-- against the plain SQL sum over random touches, within float8 rounding
CREATE TEMP TABLE touches AS
SELECT i % 50 AS account_id, timestamptz '2024-01-01' + (i * 7919 % 10000) * interval '1 hour' AS touched_at,
       (i % 7) / 2.0::float8 AS weight
FROM generate_series(1, 20000) i;
SELECT count(*) AS accounts,
       count(*) FILTER (WHERE abs(a - b) > 1e-12 * b) AS differ
FROM (SELECT account_id, engagement_score(touched_at, weight, '2024-12-01', '30 days') a,
             sum(weight * 2 ^ (-extract(epoch FROM timestamptz '2024-12-01' - touched_at) / extract(epoch FROM interval '30 days')))
                 FILTER (WHERE touched_at <= '2024-12-01') b
      FROM touches GROUP BY account_id) q;

------------------------------------------------------------------------------
-- Plan independence: each term is rounded to a multiple of 2^-64 and added
-- as an integer, so the forced parallel plan gives the serial score to the bit.
------------------------------------------------------------------------------
CREATE TABLE engagement_par AS SELECT * FROM touches, generate_series(1, 5) r;
ANALYZE engagement_par;
CREATE TEMP TABLE serial AS
SELECT engagement_score(touched_at, weight, '2024-12-01', '30 days') AS s FROM engagement_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
CREATE FUNCTION pg_temp.plan_has(query text, node text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        IF line LIKE '%' || node || '%' THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END
$$;
SELECT pg_temp.plan_has($$SELECT engagement_score(touched_at, weight, '2024-12-01', '30 days') FROM engagement_par$$,
                        'Partial Aggregate') AS partial;
SELECT p.s = serial.s AS identical
FROM (SELECT engagement_score(touched_at, weight, '2024-12-01', '30 days') s FROM engagement_par) p, serial;
-- partial states that disagree on as_of are caught in the combine function
-- too (which state comes first depends on the workers: no detail shown)
\set VERBOSITY terse
SELECT engagement_score(touched_at, weight, CASE WHEN r = 5 THEN timestamptz '2024-12-02' ELSE '2024-12-01' END, '30 days')
FROM engagement_par;
\echo SQLSTATE :SQLSTATE
\set VERBOSITY default
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE engagement_par;

-- moving window: removal is exact, so every frame equals the score afresh
CREATE TEMP TABLE acct3 AS
SELECT row_number() OVER (ORDER BY touched_at, weight) AS k, touched_at, weight FROM touches WHERE account_id = 3;
SELECT count(*) AS frames, count(*) FILTER (WHERE moving IS DISTINCT FROM afresh) AS differ
FROM (SELECT k, engagement_score(touched_at, weight, '2024-12-01', '30 days')
                    OVER (ORDER BY k ROWS BETWEEN 20 PRECEDING AND CURRENT ROW) AS moving,
             (SELECT engagement_score(touched_at, weight, '2024-12-01', '30 days')
              FROM acct3 b WHERE b.k BETWEEN a.k - 20 AND a.k) AS afresh
      FROM acct3 a) q;

------------------------------------------------------------------------------
-- Errors
------------------------------------------------------------------------------
-- 22003: a negative, NaN or too large weight
SELECT engagement_score(now(), -1, now(), '7 days');
\echo SQLSTATE :SQLSTATE
SELECT engagement_score(now(), 'NaN', now(), '7 days');
\echo SQLSTATE :SQLSTATE
SELECT engagement_score(now(), 1e16, now(), '7 days');
\echo SQLSTATE :SQLSTATE
-- 22023: half_life <= 0
SELECT engagement_score(now(), 1, now(), '0 days');
\echo SQLSTATE :SQLSTATE
SELECT engagement_score(now(), 1, now(), '-1 hour');
\echo SQLSTATE :SQLSTATE
SELECT engagement_score(now(), 1, now(), '1 month -31 days');
\echo SQLSTATE :SQLSTATE
SELECT engagement_score(now(), 1, now(), '300000 years');
\echo SQLSTATE :SQLSTATE
-- 22023: an infinite as_of
SELECT engagement_score(now(), 1, 'infinity', '7 days');
\echo SQLSTATE :SQLSTATE
-- 22023: as_of or half_life differing within one group
SELECT engagement_score(t, 1, t, '7 days') FROM unnest('{2024-03-01,2024-03-02}'::timestamptz[]) t;
\echo SQLSTATE :SQLSTATE
SELECT engagement_score('2024-03-01', 1, '2024-03-02', h) FROM unnest('{7 days,1 week 1 second}'::interval[]) h;
\echo SQLSTATE :SQLSTATE
-- the same instant written twice is the same as_of
SELECT engagement_score('2024-03-01', 1, a, '7 days') = 2 AS same
FROM unnest(ARRAY['2024-03-01 00:00+00', '2024-03-01 01:00+01']::timestamptz[]) a;
-- 22023: removing what was never added (a direct call of the inverse)
SELECT engagement_inv('v1 rows=0 as_of=0 half_life=0 score=0', '2024-03-01', 1, '2024-03-01', '7 days');
\echo SQLSTATE :SQLSTATE
-- 22P02: text input of the state
SELECT 'v1 rows=0 as_of=0 half_life=0 score=0'::engagement_state AS empty;
SELECT 'v1 rows=3 as_of=763732800000000 half_life=604800000000 score=32281802128991715328'::engagement_state AS example;
SELECT 'v1 rows=0 as_of=5 half_life=0 score=0'::engagement_state;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 rows=1 as_of=0 half_life=0 score=0'::engagement_state;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 rows=1 as_of=9223372036854775807 half_life=1 score=0'::engagement_state;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 rows=1 as_of=0 half_life=1 score=-1'::engagement_state;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 rows=1 as_of=0 half_life=1'::engagement_state;
\echo SQLSTATE :SQLSTATE
-- the example state is the worked example's
SELECT engagement_final('v1 rows=3 as_of=763732800000000 half_life=604800000000 score=32281802128991715328') AS score_1_75;
-- binary: 41 bytes; round trip through send and text
SELECT length(engagement_state_send('v1 rows=3 as_of=-5 half_life=1 score=7')) AS bytes,
       engagement_state_send('v1 rows=3 as_of=-5 half_life=1 score=7') AS value;
