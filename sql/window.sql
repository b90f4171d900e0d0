--
-- Window mode (1.1): every abm aggregate as a window function over a sliding
-- frame, through its inverse transition function (moving-aggregate mode).
--
-- The reference is the same aggregate computed afresh, without any window,
-- over exactly the rows of each frame (a correlated subquery).  Counts and
-- numeric money are exact, so the two must agree exactly on every row: the
-- float8 and numeric KPIs by value (IS DISTINCT FROM), the summaries both by
-- value (their text with trailing decimal zeros trimmed) and by their text form.
-- The series is 3,000 random rows (setseed) with NULLs in every input, a
-- stretch of 100 rows without any input, and days with duplicates and gaps,
-- so frames shrink to empty both at the ends and in the middle.
--
\set VERBOSITY default

------------------------------------------------------------------------------
-- The moving mode is really there: every abm aggregate except min and max of
-- abm_stage (which have no inverse) has an inverse transition function, and its
-- moving-mode columns repeat the plain ones, as CREATE AGGREGATE would make them.
------------------------------------------------------------------------------
CREATE TEMP VIEW abm_aggregates AS
SELECT a.*, a.aggfnoid::regprocedure AS agg
FROM pg_aggregate a
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = a.aggfnoid AND d.deptype = 'e'
JOIN pg_extension e ON d.refclassid = 'pg_extension'::regclass AND d.refobjid = e.oid AND e.extname = 'abm';

SELECT count(*) AS abm_aggregates,
       count(*) FILTER (WHERE aggminvtransfn <> 0) AS with_inverse
FROM abm_aggregates;

-- the aggregates without a moving mode: min and max, and the account_set
-- aggregates (a union cannot be undone: their sliding frames recompute)
SELECT agg FROM abm_aggregates WHERE aggminvtransfn = 0 ORDER BY agg::text;

-- the check of the issue: no KPI or summary aggregate lacks the inverse
SELECT aggfnoid::regprocedure FROM pg_aggregate
WHERE aggfnoid::regprocedure::text ~ '^(win_rate|conversion_rate|rate|ctr|vtr|open_rate|click_rate|click_to_open_rate|unsubscribe_rate|nps_score|csat|nrr|grr|cac|cpl|ratio_agg|score_agg|retention_agg|cost_agg|funnel_agg|rollup)\('
  AND aggfnoid IN (SELECT aggfnoid FROM abm_aggregates)
  AND aggtranstype <> 'account_set'::regtype
  AND aggminvtransfn = 0;

-- moving mode = plain mode plus the inverse
SELECT agg FROM abm_aggregates
WHERE aggminvtransfn <> 0
  AND (aggmtransfn IS DISTINCT FROM aggtransfn OR aggmfinalfn IS DISTINCT FROM aggfinalfn
       OR aggmtranstype IS DISTINCT FROM aggtranstype OR aggminitval IS DISTINCT FROM agginitval
       OR aggmfinalextra IS DISTINCT FROM aggfinalextra OR aggmfinalmodify IS DISTINCT FROM aggfinalmodify);

-- what CREATE AGGREGATE checks of an inverse: the transition function's
-- arguments, the moving state type as result, the same strictness; and the
-- aggregate depends on it.  No row is a problem.
SELECT a.agg, i.oid::regprocedure AS inverse
FROM abm_aggregates a
JOIN pg_proc t ON t.oid = a.aggmtransfn
JOIN pg_proc i ON i.oid = a.aggminvtransfn
WHERE i.proargtypes <> t.proargtypes OR i.prorettype <> a.aggmtranstype
   OR i.proisstrict <> t.proisstrict
   OR NOT EXISTS (SELECT FROM pg_depend d
                  WHERE d.classid = 'pg_proc'::regclass AND d.objid = a.aggfnoid
                    AND d.refclassid = 'pg_proc'::regclass AND d.refobjid = i.oid);

------------------------------------------------------------------------------
-- A small series worked out by hand.
--   day  won   amount   clicks/impr  score
--   1    true   100.00    1/10        10
--   2    false   50.00    2/10         0
--   3    NULL      NULL   NULL/10      NULL
--   4    true   200.00    3/20         9
--   5    false   25.00    0/0          7
-- ROWS BETWEEN 1 PRECEDING AND CURRENT ROW:
--   win_rate:  1, 1/2, 0 (only day 2 decided), 1 (only day 4), 1/2
--   weighted:  1, 100/150, 0, 1, 200/225
--   ctr:       1/10, 3/20, 2/10 (day 3's clicks are unknown, its row skipped),
--              3/20, 3/20
--   nps:       100, 0, -100, 100, 50
-- ROWS BETWEEN 3 PRECEDING AND 2 PRECEDING: days 1-2 empty -> NULL;
--   day 3: {1} -> 1; day 4: {1,2} -> 1/2; day 5: {2,3} -> 0
------------------------------------------------------------------------------
CREATE TEMP TABLE small (day int, won boolean, amount numeric, clicks bigint, impressions bigint, score int);
INSERT INTO small VALUES (1, true, 100.00, 1, 10, 10), (2, false, 50.00, 2, 10, 0),
                         (3, NULL, NULL, NULL, 10, NULL), (4, true, 200.00, 3, 20, 9),
                         (5, false, 25.00, 0, 0, 7);
SELECT day,
       win_rate(won) OVER w AS win_rate, win_rate(won) OVER w = r.win AS win_ok,
       win_rate(won, amount) OVER w = r.weighted AS weighted_ok,
       ctr(clicks, impressions) OVER w = r.ctr AS ctr_ok,
       nps_score(score) OVER w AS nps, nps_score(score) OVER w = r.nps AS nps_ok,
       win_rate(won) OVER lagged AS lagged, win_rate(won) OVER lagged IS NOT DISTINCT FROM r.lagged AS lagged_ok,
       ratio_agg(won, amount) OVER w AS summary
FROM small
JOIN (VALUES (1, 1.0, 1.0, 1 / 10.0, 100.0, NULL),
             (2, 0.5, 100 / 150.0, 3 / 20.0, 0.0, NULL),
             (3, 0.0, 0.0, 2 / 10.0, -100.0, 1.0),
             (4, 1.0, 1.0, 3 / 20.0, 100.0, 0.5),
             (5, 0.5, 200 / 225.0, 3 / 20.0, 50.0, 0.0))
     AS r(day, win, weighted, ctr, nps, lagged) USING (day)
WINDOW w AS (ORDER BY day ROWS BETWEEN 1 PRECEDING AND CURRENT ROW),
       lagged AS (ORDER BY day ROWS BETWEEN 3 PRECEDING AND 2 PRECEDING)
ORDER BY day;

-- The plan: a WindowAgg over the rows sorted by day (PostgreSQL 18 adds a
-- line naming the window, so check the nodes rather than print the plan).
CREATE FUNCTION pg_temp.plan_lines(query text) RETURNS SETOF text
LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY EXECUTE 'EXPLAIN (COSTS OFF) ' || query;
END
$$;
SELECT bool_or(line ~ '^ *WindowAgg') AS window_agg, bool_or(line ~ 'Sort Key: day') AS sorted_by_day
FROM pg_temp.plan_lines('SELECT day, win_rate(won) OVER (ORDER BY day ROWS BETWEEN 89 PRECEDING AND CURRENT ROW) FROM small') AS line;

------------------------------------------------------------------------------
-- The random series.
------------------------------------------------------------------------------
SELECT setseed(0.3);
CREATE TEMP TABLE raw AS
SELECT i AS id, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6,
       random() r7, random() r8, random() r9, random() r10, random() r11, random() r12,
       random() r13, random() r14, random() r15, random() r16, random() r17, random() r18
FROM generate_series(1, 3000) i;

-- ids 1501..1600: a stretch without any input (NULL everywhere)
CREATE TEMP TABLE series AS
SELECT id,
       1 + floor(r1 * 3)::int AS seg,
       date '2024-01-01' + sum(CASE WHEN r2 < 0.5 THEN 0 WHEN r2 < 0.8 THEN 1 ELSE 2 + (r2 * 1000)::int % 9 END)
                           OVER (ORDER BY id)::int AS day,
       CASE WHEN quiet OR r3 < 0.1 THEN NULL ELSE r3 < 0.4 END AS won,
       CASE WHEN quiet OR r4 < 0.05 THEN NULL ELSE round((r4 * 100000)::numeric, 2) END AS amount,
       CASE WHEN quiet OR r4 < 0.05 THEN NULL ELSE round(r4 * 10000000) / 100 END AS amount_f,
       CASE WHEN quiet OR r5 < 0.05 THEN NULL ELSE floor(r5 * 1000)::bigint END AS impressions,
       CASE WHEN quiet OR r6 < 0.05 THEN NULL
            ELSE floor(r6 * (CASE WHEN r5 < 0.05 THEN 50 ELSE floor(r5 * 1000) END + 1))::bigint END AS clicks,
       CASE WHEN quiet OR r7 < 0.1 THEN NULL ELSE floor(r7 * 11)::int END AS score,
       CASE WHEN quiet OR r8 < 0.1 THEN NULL ELSE 1 + floor(r8 * 5)::int END AS csat5,
       CASE WHEN quiet OR r8 < 0.1 THEN NULL ELSE 1 + floor(r8 * 7000)::int % 7 END AS csat7,
       CASE WHEN quiet OR r9 < 0.1 THEN NULL WHEN r9 < 0.2 THEN 0.00
            ELSE round((r9 * 10000)::numeric, 2) END AS start_rev,
       CASE WHEN quiet OR r10 < 0.1 THEN NULL WHEN r10 < 0.15 THEN 0.00
            ELSE round((r10 * 15000)::numeric, 2) END AS end_rev,
       CASE WHEN quiet OR r11 < 0.05 THEN NULL ELSE round((r11 * 5000)::numeric, 2) END AS spend,
       CASE WHEN quiet OR r12 < 0.1 THEN NULL ELSE r12 < 0.3 END AS acquired,
       CASE WHEN quiet OR r13 < 0.05 THEN NULL ELSE floor(r13 * 50)::bigint END AS leads,
       CASE WHEN quiet OR r14 < 0.1 THEN NULL ELSE abm_stage(1 + floor(r14 * 6)::int) END AS stage,
       -- stages reached up to a random furthest one, now and then one skipped (NULL)
       CASE WHEN quiet THEN NULL ELSE
         ARRAY(SELECT CASE WHEN j <= floor(r15 * 7)::int AND j <> 1 + floor(r16 * 12)::int
                           THEN timestamptz '2024-01-01 00:00+00' + id * interval '1 hour'
                                + j * (r16 * interval '20 days') END
               FROM generate_series(1, 6) j ORDER BY j) END AS reached,
       r17, r18
FROM raw, LATERAL (SELECT id BETWEEN 1501 AND 1600 AS quiet) q;
ALTER TABLE series ADD COLUMN start_f float8, ADD COLUMN end_f float8, ADD COLUMN spend_f float8,
                   ADD COLUMN day_rank int, ADD COLUMN seg_pos int;
UPDATE series SET start_f = start_rev::float8, end_f = end_rev::float8, spend_f = spend::float8;
UPDATE series s SET day_rank = r.day_rank, seg_pos = r.seg_pos
FROM (SELECT id, dense_rank() OVER (ORDER BY day) AS day_rank,
             row_number() OVER (PARTITION BY seg ORDER BY id) AS seg_pos FROM series) r
WHERE r.id = s.id;

-- Stored summaries to roll up: each row holds the summaries of 0 to 3 rows of
-- the series (0: an empty summary); one row in ten holds NULL instead.
ALTER TABLE series ADD COLUMN rs ratio_summary, ADD COLUMN ss score_summary,
                   ADD COLUMN cs score_summary, ADD COLUMN ts retention_summary,
                   ADD COLUMN ks cost_summary, ADD COLUMN fs funnel_summary;
UPDATE series t SET rs = g.rs, ss = g.ss, cs = g.cs, ts = g.ts, ks = g.ks, fs = g.fs
FROM series o, LATERAL (
    SELECT ratio_agg(s.won, s.amount) AS rs, score_agg(s.score) AS ss, score_agg(s.csat5, 5) AS cs,
           retention_agg(s.start_rev, s.end_rev) AS ts, cost_agg(s.spend, s.acquired) AS ks,
           CASE WHEN o.r18 < 0.5 THEN funnel_agg(s.stage, s.spend) ELSE funnel_agg(s.reached, s.spend) END AS fs
    FROM series s WHERE s.id BETWEEN o.id AND o.id + floor(o.r17 * 4)::int - 1) g
WHERE o.id = t.id AND o.r18 >= 0.1;
CREATE INDEX ON series (id);
CREATE INDEX ON series (day);
CREATE INDEX ON series (day_rank);
CREATE INDEX ON series (seg, seg_pos);
ANALYZE series;

-- What the series holds (so the checks below are known to meet NULLs, empty
-- stored summaries, and days with several rows or none).
SELECT count(*) AS rows, count(DISTINCT day) AS days, max(day) - min(day) + 1 AS calendar_days,
       count(*) - count(won) AS null_won, count(*) - count(amount) AS null_amount,
       count(*) - count(clicks) AS null_clicks, count(*) - count(score) AS null_score,
       count(*) - count(start_rev) AS null_start, count(*) - count(end_rev) AS null_end,
       count(*) - count(spend) AS null_spend, count(*) - count(stage) AS null_stage,
       count(*) - count(rs) AS null_summaries,
       count(*) FILTER (WHERE trials(rs) = 0) AS empty_summaries
FROM series;

-- Value form of a summary's text: trailing decimal zeros trimmed (2.50 -> 2.5, 3.00 -> 3).
CREATE FUNCTION pg_temp.value_form(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT regexp_replace(regexp_replace(t, '(\.[0-9]*?)0+(?=[ ,]|$)', '\1', 'g'), '\.(?=[ ,]|$)', '', 'g')
$$;
SELECT pg_temp.value_form('v1 a=2.50 b=3.00 c=0.000,10.05,7 d=100') AS value_form;

-- Every aggregate checked: name, kind ('value' for a float8 or numeric KPI,
-- 'summary' for a summary), and the call.
CREATE TEMP TABLE checks (n serial, kind text, call text);
INSERT INTO checks (kind, call) VALUES
    ('value', 'win_rate(won)'), ('value', 'win_rate(won, amount)'), ('value', 'win_rate(won, amount_f)'),
    ('value', 'conversion_rate(won)'),
    ('value', 'rate(clicks, impressions)'), ('value', 'ctr(clicks, impressions)'),
    ('value', 'vtr(clicks, impressions)'), ('value', 'open_rate(clicks, impressions)'),
    ('value', 'click_rate(clicks, impressions)'), ('value', 'click_to_open_rate(clicks, impressions)'),
    ('value', 'unsubscribe_rate(clicks, impressions)'),
    ('value', 'nps_score(score)'), ('value', 'csat(csat5)'), ('value', 'csat(csat7, 7)'),
    ('value', 'nrr(start_rev, end_rev)'), ('value', 'nrr(start_f, end_f)'),
    ('value', 'grr(start_rev, end_rev)'), ('value', 'grr(start_f, end_f)'),
    ('value', 'cac(spend, acquired)'), ('value', 'cac(spend_f, acquired)'),
    ('value', 'cpl(spend, leads)'), ('value', 'cpl(spend_f, leads)'),
    ('summary', 'ratio_agg(won)'), ('summary', 'ratio_agg(won, amount)'),
    ('summary', 'ratio_agg(won, amount_f)'), ('summary', 'ratio_agg(clicks, impressions)'),
    ('summary', 'score_agg(score)'), ('summary', 'score_agg(csat7, 7)'),
    ('summary', 'retention_agg(start_rev, end_rev)'), ('summary', 'retention_agg(start_f, end_f)'),
    ('summary', 'cost_agg(spend, acquired)'), ('summary', 'cost_agg(spend_f, acquired)'),
    ('summary', 'cost_agg(spend, leads)'), ('summary', 'cost_agg(spend_f, leads)'),
    ('summary', 'funnel_agg(stage)'), ('summary', 'funnel_agg(stage, spend)'),
    ('summary', 'funnel_agg(reached)'), ('summary', 'funnel_agg(reached, spend)'),
    ('summary', 'rollup(rs)'), ('summary', 'rollup(ss)'), ('summary', 'rollup(cs)'),
    ('summary', 'rollup(ts)'), ('summary', 'rollup(ks)'), ('summary', 'rollup(fs)');

-- compare_frame(frame, condition): every check as a window function over the
-- frame, against the same aggregate over "FROM series s WHERE condition" for
-- each row t.  Returns the rows compared, how many frames were empty and how
-- many had no decided deal (won all NULL: NULL win rates), how many results
-- were compared, the value mismatches as
-- "call: rows", and separately the summaries equal in value whose text form
-- differs (e.g. 2.50 against 2.5) as "call: rows".
CREATE FUNCTION pg_temp.compare_frame(frame text, cond text,
    OUT rows bigint, OUT empty_frames bigint, OUT frames_without_won bigint, OUT results bigint,
    OUT value_mismatches text, OUT text_mismatches text)
LANGUAGE plpgsql AS $$
DECLARE
    win_cols text;
    sub_cols text;
    value_tests text;
    text_tests text;
BEGIN
    SELECT string_agg(format('%s OVER w AS c%s', call, n), ', ' ORDER BY n),
           string_agg(format('%s AS c%s', call, n), ', ' ORDER BY n),
           string_agg(format('nullif(%L || '': '' || count(*) FILTER (WHERE %s), %L)',
                             call,
                             CASE kind WHEN 'value' THEN format('w.c%1$s IS DISTINCT FROM s.c%1$s', n)
                                       ELSE format('pg_temp.value_form(w.c%1$s::text) IS DISTINCT FROM pg_temp.value_form(s.c%1$s::text)', n)
                             END,
                             call || ': 0'), ', ' ORDER BY n),
           string_agg(format('nullif(%L || '': '' || count(*) FILTER (WHERE %s), %L)',
                             call,
                             format('pg_temp.value_form(w.c%1$s::text) IS NOT DISTINCT FROM pg_temp.value_form(s.c%1$s::text) AND w.c%1$s::text IS DISTINCT FROM s.c%1$s::text', n),
                             call || ': 0'), ', ' ORDER BY n) FILTER (WHERE kind = 'summary')
      INTO win_cols, sub_cols, value_tests, text_tests
    FROM checks;

    EXECUTE format($q$
        SELECT count(*), count(*) FILTER (WHERE s.frame_rows = 0), count(*) FILTER (WHERE s.frame_won = 0),
               count(*) * %s, concat_ws(', ', %s), concat_ws(', ', %s)
        FROM (SELECT id, %s FROM series WINDOW w AS (%s)) w
        JOIN (SELECT t.id, x.* FROM series t,
                     LATERAL (SELECT count(*) AS frame_rows, count(s.won) AS frame_won, %s
                              FROM series s WHERE %s) x) s
          USING (id)
        $q$,
        (SELECT count(*) FROM checks), value_tests, text_tests, win_cols, frame, sub_cols, cond)
    INTO rows, empty_frames, frames_without_won, results, value_mismatches, text_mismatches;
END $$;

-- The frames: a 90-row rolling window; a lagged one (5 to 3 rows back, empty
-- for the first rows); a leading one (1 to 3 rows ahead, empty for the last);
-- RANGE frames over days with duplicates and gaps (the lagged one often empty);
-- GROUPS of days; and a partitioned frame reaching ahead.
SELECT frame, c.*
FROM (VALUES
    ('ROWS 89',       'ORDER BY id ROWS BETWEEN 89 PRECEDING AND CURRENT ROW',
                      's.id BETWEEN t.id - 89 AND t.id'),
    ('ROWS 5-3 back', 'ORDER BY id ROWS BETWEEN 5 PRECEDING AND 3 PRECEDING',
                      's.id BETWEEN t.id - 5 AND t.id - 3'),
    ('ROWS 1-3 ahead', 'ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING',
                      's.id BETWEEN t.id + 1 AND t.id + 3'),
    ('RANGE 6 days',  'ORDER BY day RANGE BETWEEN ''6 days'' PRECEDING AND CURRENT ROW',
                      's.day BETWEEN t.day - 6 AND t.day'),
    ('RANGE 10-4 days back', 'ORDER BY day RANGE BETWEEN ''10 days'' PRECEDING AND ''4 days'' PRECEDING',
                      's.day BETWEEN t.day - 10 AND t.day - 4'),
    ('GROUPS 3-1 back', 'ORDER BY day GROUPS BETWEEN 3 PRECEDING AND 1 PRECEDING',
                      's.day_rank BETWEEN t.day_rank - 3 AND t.day_rank - 1'),
    ('PARTITION seg', 'PARTITION BY seg ORDER BY id ROWS BETWEEN 20 PRECEDING AND 5 FOLLOWING',
                      's.seg = t.seg AND s.seg_pos BETWEEN t.seg_pos - 20 AND t.seg_pos + 5'))
    AS f(frame, clause, cond),
    pg_temp.compare_frame(clause, cond) c;

------------------------------------------------------------------------------
-- Exactness after many additions and removals, with money of mixed decimal
-- places (0 to 3, changing every 20 rows): a 10-row frame slides over all
-- 3,000 rows; on every row its summary equals the fresh one in value and in
-- text (as sum(numeric) over a window shows the decimal places of the rows
-- in the frame).
------------------------------------------------------------------------------
CREATE TEMP TABLE mixed AS
SELECT id, won,
       CASE (id / 20) % 4 WHEN 0 THEN round(amount, 0) WHEN 1 THEN round(amount, 1)
                          WHEN 2 THEN amount ELSE amount + 0.005 END AS amount
FROM series;
SELECT count(*) AS rows,
       count(*) FILTER (WHERE pg_temp.value_form(w.r::text) = pg_temp.value_form(f.r::text)) AS value_same,
       count(*) FILTER (WHERE w.r::text = f.r::text) AS text_same
FROM (SELECT id, ratio_agg(won, amount) OVER (ORDER BY id ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS r
      FROM mixed) w,
     LATERAL (SELECT ratio_agg(m.won, m.amount) AS r FROM mixed m WHERE m.id BETWEEN w.id - 9 AND w.id) f;

-- Tiny, by hand: amounts 1.125 (3 places), 2.5, 3, 4.25 over 2-row frames.
--   rows 1-2: 1.125 + 2.5 = 3.625; rows 2-3: 2.5 + 3 = 5.5 (the 3-place amount
--   has left, so 1 place is left); rows 3-4: 3 + 4.25 = 7.25 (won: 4.25).
-- The window summary reads like the fresh one, as sum(numeric) as a window
-- function shows 5.5 and 7.25 like a fresh sum does.
CREATE TEMP TABLE scales (id int, won boolean, amount numeric);
INSERT INTO scales VALUES (1, true, 1.125), (2, true, 2.5), (3, false, 3), (4, true, 4.25);
SELECT id,
       sum(amount) OVER w AS sum_window,
       ratio_agg(won, amount) OVER w AS window_summary,
       (SELECT ratio_agg(s2.won, s2.amount) FROM scales s2 WHERE s2.id BETWEEN s1.id - 1 AND s1.id) AS fresh_summary,
       success_amount(ratio_agg(won, amount) OVER w) = (SELECT sum(amount) FILTER (WHERE won) FROM scales s2
                                                       WHERE s2.id BETWEEN s1.id - 1 AND s1.id) AS won_value_same,
       trial_amount(ratio_agg(won, amount) OVER w) = sum(amount) OVER w AS decided_value_same
FROM scales s1
WINDOW w AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
ORDER BY id;

-- Counts stay exact near the top of bigint: rows of 4e18 trials slide by.
SELECT id, trials(r) AS trials, successes(r) AS successes, rate(r) AS rate
FROM (SELECT id, ratio_agg(n, d) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS r
      FROM (VALUES (1, 1::bigint, 4000000000000000000::bigint), (2, 4000000000000000000, 4000000000000000000),
                   (3, 0, 4000000000000000000), (4, 3, 5)) v(id, n, d)) q
ORDER BY id;
