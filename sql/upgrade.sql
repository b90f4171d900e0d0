--
-- ALTER EXTENSION abm UPDATE from 1.0 through 1.1 to 1.2 keeps stored
-- summaries, the views and materialized views built on the aggregates, and
-- adds the statistics and the window (moving-aggregate) mode, which then work
-- on the stored values.  It changes nothing that is not abm's: a user's own
-- aggregate on abm's support functions is left as it was.  Afterwards the
-- catalog is the same as a fresh 1.2 installation's, which runs no upgrade
-- script at all (abm--1.2.sql is complete), so the comparison can fail.
--
-- The test database already has abm 1.2 (pg_regress --load-extension=abm), so
-- the upgrade runs in a database of its own, abm_upgrade, dropped at the end.
-- Expected KPI values are the published ones (../shared/kpi-definitions.md) or
-- worked out by hand in the comments; the statistics were computed with
-- python3 + mpmath (50 digits).  Errors are followed by their SQLSTATE.
--
\set VERBOSITY default
\set orig_db :DBNAME

-- The catalog description of a fresh 1.2 installation, to compare the updated
-- one with: every member object, the signature, result, properties, body and
-- comment of every function, and every column of every aggregate (one line
-- each, newlines shown as \n).  The view is defined in both databases from the
-- same text (a psql variable).
SELECT $view$
CREATE TEMP VIEW abm_catalog AS
SELECT replace(line, E'\n', '\n') AS line FROM (
WITH members AS (
    SELECT d.classid, d.objid, d.objsubid
    FROM pg_depend d JOIN pg_extension e ON d.refobjid = e.oid
    WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND e.extname = 'abm')
SELECT pg_describe_object(classid, objid, objsubid) AS line FROM members
UNION ALL
SELECT format('function %s returns %s; %s %s %s %s %s; %s; %s', p.oid::regprocedure,
              pg_get_function_result(p.oid), p.prokind, p.provolatile, p.proisstrict, p.proparallel,
              pg_get_function_arguments(p.oid), coalesce(p.probin, '') || ':' || p.prosrc,
              coalesce(obj_description(p.oid, 'pg_proc'), ''))
FROM members m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
UNION ALL
SELECT format('aggregate %s: %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s', a.aggfnoid::regprocedure,
              a.aggkind, a.aggtransfn::regprocedure, a.aggfinalfn, a.aggcombinefn, a.aggserialfn,
              a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn, a.aggfinalextra,
              a.aggmfinalextra, a.aggfinalmodify, a.aggmfinalmodify, a.aggsortop::regoperator,
              a.aggtranstype::regtype, a.aggmtranstype::regtype, a.agginitval, a.aggminitval,
              (SELECT string_agg(i.oid::regprocedure::text, ',' ORDER BY i.oid::regprocedure::text)
               FROM pg_depend d JOIN pg_proc i ON d.refobjid = i.oid
               WHERE d.classid = 'pg_proc'::regclass AND d.objid = a.aggfnoid
                 AND d.refclassid = 'pg_proc'::regclass AND d.deptype = 'n'))
FROM members m JOIN pg_aggregate a ON m.classid = 'pg_proc'::regclass AND m.objid = a.aggfnoid
) lines
$view$ AS abm_catalog_view \gset
:abm_catalog_view;

SELECT extversion AS fresh_version FROM pg_extension WHERE extname = 'abm';
SELECT count(*) > 150 AS described, string_agg(line, E'\n' ORDER BY line) AS fresh_catalog
FROM abm_catalog \gset
\echo described :described

SET client_min_messages = warning;
DROP DATABASE IF EXISTS abm_upgrade;  -- left over from an interrupted run
RESET client_min_messages;
CREATE DATABASE abm_upgrade;
\c abm_upgrade
SET client_min_messages = warning;
SET TimeZone = 'UTC';
CREATE EXTENSION abm VERSION '1.0';
:abm_catalog_view;
RESET client_min_messages;
SELECT extversion AS installed FROM pg_extension WHERE extname = 'abm';
SELECT path AS update_path FROM pg_extension_update_paths('abm') WHERE source = '1.0' AND target = '1.2';

-- A user's own aggregate on abm's support functions, made under 1.0 (abm is
-- trusted: a database owner who is not a superuser can do this): the update
-- must leave its catalog row and its dependencies exactly as they are.
CREATE AGGREGATE my_wins(boolean) (
    SFUNC = ratio_trans, STYPE = ratio_summary, FINALFUNC = win_rate,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0');
CREATE TEMP VIEW my_wins_catalog AS
SELECT a::text AS aggregate_row,
       (SELECT string_agg(format('%s %s', d.refobjid::regprocedure, d.deptype), ', ' ORDER BY d.refobjid::regprocedure::text)
        FROM pg_depend d
        WHERE d.classid = 'pg_proc'::regclass AND d.objid = a.aggfnoid
          AND d.refclassid = 'pg_proc'::regclass) AS depends_on
FROM pg_aggregate a WHERE a.aggfnoid = 'my_wins(boolean)'::regprocedure;
CREATE TABLE my_wins_before AS SELECT * FROM my_wins_catalog;
SELECT aggminvtransfn AS my_wins_inverse, aggmtransfn AS my_wins_moving
FROM pg_aggregate WHERE aggfnoid = 'my_wins(boolean)'::regprocedure;

-- 1.0 has neither the statistics nor a moving mode.
SELECT to_regprocedure('wilson_interval(bigint, bigint, double precision)') IS NULL AS no_wilson,
       to_regprocedure('nps_interval(score_summary, double precision, text)') IS NULL AS no_nps_interval,
       to_regprocedure('ratio_inv(ratio_summary, boolean)') IS NULL AS no_inverse,
       (SELECT count(*) FROM pg_aggregate
        WHERE aggminvtransfn <> 0
          AND aggfnoid IN (SELECT objid FROM pg_depend
                           WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
                             AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'abm'))) AS moving_abm_aggregates;

------------------------------------------------------------------------------
-- Data under 1.0.
--   segment a: 1 won (1,000.00) and 10 lost (100.50 each) of 11 decided, 1 open;
--              scores 150 promoters / 100 passives / 50 detractors (published
--              NPS example); accounts start 100,000 -> 120,000 (expansion 20,000),
--              94,000 -> 90,000 (contraction 4,000), 6,000 -> NULL (churned):
--              NRR 1.05, GRR 0.95 (published); spend 60,000 + 90,000 + 12,000
--              + 8,000 over 120 acquired accounts: CAC 1416.666... (published)
--   segment b: 45 won of 100 (10.00 each), 30% promoters / 20% detractors (NPS
--              10, published); one account 50,000 -> 51,000: NRR 1.02, GRR 1;
--              spend 500 over 50 acquired accounts: CAC 10
--   segment c: 30 won of 100; no scores, no accounts, no spend
------------------------------------------------------------------------------
CREATE TABLE events (id int PRIMARY KEY, segment text, won boolean, amount numeric, score int,
                     start_rev numeric, end_rev numeric, spend numeric, acquired boolean,
                     stage abm_stage, reached timestamptz[]);
INSERT INTO events (id, segment, won, amount)
SELECT i, 'a', CASE WHEN i = 1 THEN true WHEN i <= 11 THEN false END,
       CASE WHEN i = 1 THEN 1000.00 WHEN i <= 11 THEN 100.50 ELSE 5000.00 END
FROM generate_series(1, 12) i;
INSERT INTO events (id, segment, won, amount) SELECT 100 + i, 'b', i <= 45, 10.00 FROM generate_series(1, 100) i;
INSERT INTO events (id, segment, won, amount) SELECT 300 + i, 'c', i <= 30, NULL FROM generate_series(1, 100) i;
UPDATE events SET score = CASE WHEN id - 100 <= 30 THEN 9 WHEN id - 100 <= 80 THEN 8 ELSE 3 END
WHERE segment = 'b';
INSERT INTO events (id, segment, score)
SELECT 1000 + i, 'a', CASE WHEN i <= 150 THEN 10 WHEN i <= 250 THEN 7 ELSE 0 END FROM generate_series(1, 300) i;
UPDATE events SET start_rev = v.s, end_rev = v.e, spend = v.spend, acquired = v.acq, stage = v.stage, reached = v.reached
FROM (VALUES (1, 100000.00, 120000.00, 60000.00, NULL::boolean, 'won'::abm_stage,
              '{"2024-01-01 00:00+00","2024-01-02 00:00+00","2024-01-05 12:00+00","2024-01-10 00:00+00",NULL,NULL}'::timestamptz[]),
             (2, 94000.00, 90000.00, 90000.00, NULL, 'engaged', '{"2024-02-01 00:00+00","2024-02-03 06:00+00",NULL,NULL,NULL,NULL}'),
             (3, 6000.00, NULL, 12000.00, NULL, NULL, NULL),
             (4, NULL, NULL, 8000.00, NULL, 'expanded',
              '{"2024-03-01 00:00+00",NULL,"2024-03-04 00:00+00","2024-03-09 00:00+00","2025-03-09 00:00+00","2025-06-01 00:00+00"}'),
             (101, 50000, 51000, 500, true, 'target', '{"2024-04-01 00:00+00",NULL,NULL,NULL,NULL,NULL}'),
             (102, NULL, NULL, NULL, true, NULL, NULL))
     AS v(id, s, e, spend, acq, stage, reached)
WHERE events.id = v.id;
-- 120 acquired accounts in segment a (no spend of their own)
UPDATE events SET acquired = true WHERE segment = 'a' AND id BETWEEN 1001 AND 1120;
-- 48 more acquired in segment b: 50 in all
UPDATE events SET acquired = true WHERE id BETWEEN 103 AND 150;

-- Stored summaries (and stages, with NULLs): a table ...
CREATE TABLE stored (segment text PRIMARY KEY, r ratio_summary, rc ratio_summary, s score_summary,
                     t retention_summary, c cost_summary, f funnel_summary, ft funnel_summary,
                     furthest abm_stage);
INSERT INTO stored
SELECT segment, ratio_agg(won, amount), ratio_agg(won), score_agg(score), retention_agg(start_rev, end_rev),
       cost_agg(spend, acquired), funnel_agg(stage, spend), funnel_agg(reached), max(stage)
FROM events GROUP BY segment;
INSERT INTO stored VALUES ('csat', NULL, NULL, (SELECT score_agg(v, 5) FROM unnest(ARRAY[5, 5, 4, 3, 1]) v),
                           NULL, NULL, NULL, NULL, NULL);
-- ... a materialized view of summaries ...
CREATE MATERIALIZED VIEW segment_summaries AS
SELECT segment, ratio_agg(won, amount) AS r, score_agg(score) AS s, retention_agg(start_rev, end_rev) AS t,
       cost_agg(spend, acquired) AS c, funnel_agg(reached, spend) AS f, min(stage) AS first_stage
FROM events GROUP BY segment;
CREATE UNIQUE INDEX ON segment_summaries (segment);
-- ... a view of KPIs from the aggregates ...
CREATE VIEW segment_kpis AS
SELECT segment, win_rate(won) AS win_rate, win_rate(won, amount) AS weighted_win_rate,
       conversion_rate(won) AS conversion_rate, nps_score(score) AS nps,
       nrr(start_rev, end_rev) AS nrr, grr(start_rev, end_rev) AS grr, cac(spend, acquired) AS cac
FROM events GROUP BY segment;
-- ... a view of KPIs from the stored summaries ...
CREATE VIEW stored_kpis AS
SELECT segment, win_rate(r) AS win_rate, weighted_win_rate(r) AS weighted, nps_score(s) AS nps,
       nrr(t) AS nrr, grr(t) AS grr, cac(c) AS cac, stage_accounts(f, 'won') AS won_accounts
FROM stored WHERE segment <> 'csat';
-- ... and a view with window functions (no moving mode yet under 1.0).
CREATE VIEW rolling AS
SELECT id, win_rate(won) OVER w AS win_rate, win_rate(won, amount) OVER w AS weighted,
       rollup(rc) OVER (ORDER BY segment, id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS r2
FROM events LEFT JOIN stored USING (segment)
WINDOW w AS (ORDER BY id ROWS BETWEEN 4 PRECEDING AND CURRENT ROW);

-- Everything's text form before the update.
CREATE TABLE before_stored AS SELECT segment, x::text AS row_text FROM stored x;
CREATE TABLE before_binary AS
SELECT segment, ratio_summary_send(r) AS r, score_summary_send(s) AS s, retention_summary_send(t) AS t,
       cost_summary_send(c) AS c, funnel_summary_send(f) AS f, abm_stage_send(furthest) AS furthest
FROM stored;
CREATE TABLE before_mv AS SELECT segment, x::text AS row_text FROM segment_summaries x;
CREATE TABLE before_kpis AS SELECT segment, x::text AS row_text FROM segment_kpis x;
CREATE TABLE before_stored_kpis AS SELECT segment, x::text AS row_text FROM stored_kpis x;
CREATE TABLE before_rolling AS SELECT id, x::text AS row_text FROM rolling x;

SELECT segment, win_rate, weighted_win_rate, conversion_rate, nps, nrr, grr, cac
FROM segment_kpis ORDER BY segment;
SELECT * FROM stored ORDER BY segment;

------------------------------------------------------------------------------
-- The update.
------------------------------------------------------------------------------
ALTER EXTENSION abm UPDATE;
SELECT extversion AS updated FROM pg_extension WHERE extname = 'abm';

-- The user's aggregate: untouched (no moving mode added, no dependency
-- recorded), and it still works.
SELECT aggminvtransfn AS my_wins_inverse, aggmtransfn AS my_wins_moving
FROM pg_aggregate WHERE aggfnoid = 'my_wins(boolean)'::regprocedure;
SELECT b.aggregate_row = n.aggregate_row AS row_unchanged,
       b.depends_on IS NOT DISTINCT FROM n.depends_on AS depends_unchanged
FROM my_wins_before b, my_wins_catalog n;
SELECT my_wins(w) AS my_win_rate FROM (VALUES (true), (false), (false), (true)) v(w);

-- The same catalog as a fresh 1.2 installation: no line missing, none extra.
SELECT 'missing after update' AS problem, line
FROM (SELECT unnest(string_to_array(:'fresh_catalog', E'\n')) AS line
      EXCEPT SELECT line FROM abm_catalog) m
UNION ALL
SELECT 'not in a fresh 1.2', line
FROM (SELECT line FROM abm_catalog
      EXCEPT SELECT unnest(string_to_array(:'fresh_catalog', E'\n'))) x
ORDER BY 1, 2;

-- Stored values unchanged, in text and binary.
SELECT count(*) AS rows, count(*) FILTER (WHERE b.row_text = x::text) AS text_unchanged
FROM stored x JOIN before_stored b USING (segment);
SELECT count(*) AS rows,
       count(*) FILTER (WHERE b.r IS NOT DISTINCT FROM ratio_summary_send(s.r)
                          AND b.s IS NOT DISTINCT FROM score_summary_send(s.s)
                          AND b.t IS NOT DISTINCT FROM retention_summary_send(s.t)
                          AND b.c IS NOT DISTINCT FROM cost_summary_send(s.c)
                          AND b.f IS NOT DISTINCT FROM funnel_summary_send(s.f)
                          AND b.furthest IS NOT DISTINCT FROM abm_stage_send(s.furthest)) AS binary_unchanged
FROM stored s JOIN before_binary b USING (segment);
-- The materialized view: unchanged, and the same again after a refresh.
SELECT count(*) AS rows, count(*) FILTER (WHERE b.row_text = x::text) AS unchanged
FROM segment_summaries x JOIN before_mv b USING (segment);
REFRESH MATERIALIZED VIEW CONCURRENTLY segment_summaries;
SELECT count(*) AS rows, count(*) FILTER (WHERE b.row_text = x::text) AS unchanged_after_refresh
FROM segment_summaries x JOIN before_mv b USING (segment);
-- The views still work and say the same.
SELECT count(*) AS rows, count(*) FILTER (WHERE b.row_text = x::text) AS unchanged
FROM segment_kpis x JOIN before_kpis b USING (segment);
SELECT count(*) AS rows, count(*) FILTER (WHERE b.row_text = x::text) AS unchanged
FROM stored_kpis x JOIN before_stored_kpis b USING (segment);
SELECT count(*) AS rows, count(*) FILTER (WHERE b.row_text = x::text) AS unchanged
FROM rolling x JOIN before_rolling b USING (id);

-- The stored summaries read back as the published values.
--   a: win rate 1/11, weighted 1000 / (1000 + 10 * 100.50) = 1000 / 2005;
--      NPS 33.333...; NRR 1.05, GRR 0.95; CAC 170,000 / 120 = 1416.666...;
--      won or further: 2 accounts (won, expanded)
--   b: win rate 0.45, weighted 450 / 1000; NPS 10; NRR 51,000 / 50,000 = 1.02;
--      GRR 1 (no loss); CAC 500 / 50 = 10; none won
--   c: r has no rows (every amount is NULL, so every row is skipped): win rate
--      and weighted NULL; no scores, accounts or units: NPS, NRR, GRR, CAC NULL
CREATE FUNCTION pg_temp.same(x float8, want float8, tol float8) RETURNS boolean LANGUAGE sql AS $$
    SELECT CASE WHEN want IS NULL THEN x IS NULL ELSE abs(x - want) < tol END
$$;
SELECT segment,
       pg_temp.same(win_rate, CASE segment WHEN 'a' THEN 1 / 11.0 WHEN 'b' THEN 0.45 END, 1e-15) AS win_rate_ok,
       pg_temp.same(weighted, CASE segment WHEN 'a' THEN 1000 / 2005.0 WHEN 'b' THEN 0.45 END, 1e-15) AS weighted_ok,
       pg_temp.same(nps, CASE segment WHEN 'a' THEN 100 / 3.0 WHEN 'b' THEN 10 END, 1e-12) AS nps_ok,
       pg_temp.same(nrr, CASE segment WHEN 'a' THEN 1.05 WHEN 'b' THEN 1.02 END, 1e-15) AS nrr_ok,
       pg_temp.same(grr, CASE segment WHEN 'a' THEN 0.95 WHEN 'b' THEN 1 END, 1e-15) AS grr_ok,
       round(cac, 6) AS cac, won_accounts
FROM stored_kpis ORDER BY segment;

------------------------------------------------------------------------------
-- 1.1 on the stored values.
------------------------------------------------------------------------------
-- Moving mode on every aggregate but min/max(abm_stage).
SELECT count(*) FILTER (WHERE aggminvtransfn = 0) AS without_inverse,
       count(*) FILTER (WHERE aggminvtransfn <> 0) AS with_inverse
FROM pg_aggregate
WHERE aggfnoid IN (SELECT objid FROM pg_depend
                   WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
                     AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'abm'));
SELECT aggfnoid::regprocedure AS without_inverse FROM pg_aggregate
WHERE aggminvtransfn = 0
  AND aggfnoid IN (SELECT objid FROM pg_depend
                   WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
                     AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'abm'))
ORDER BY aggfnoid::regprocedure::text;

-- Statistics on the stored summaries (mpmath):
--   a: Wilson 1 of 11 -> [0.016232172885884843, 0.37735843645159567] (published [0.0162322, 0.3773584]);
--      NPS 150/100/50 -> SE 4.3033148291193521, [24.898991254122265, 41.767675412544401]
--   b against c: 45/100 vs 30/100 -> z 2.1908902300206645, p 0.028459736916310577
--      (published z 2.19089, p 0.028460)
--   b: NPS 10 (30/50/20), SE 100 sqrt((0.5 - 0.01) / 100) = 7;
--      adjusted Wald: 30.75 and 20.75 of 103 -> center 9.7087378640776699,
--      SE 6.9013439025334182, [-3.8176476298129334, 23.235123357968273]
SELECT abs(w.lower - 0.016232172885884843) < 1e-12 AND abs(w.upper - 0.37735843645159567) < 1e-12 AS wilson_ok,
       abs(wilson_lower(r, 0.95) - 0.016232172885884843) < 1e-12 AS lower_ok,
       abs(n.standard_error - 4.3033148291193521) < 1e-12 AND abs(n.lower - 24.898991254122265) < 1e-12
         AND abs(n.upper - 41.767675412544401) < 1e-12 AS nps_interval_ok
FROM stored, wilson_interval(rc) w, nps_interval(s) n
WHERE segment = 'a';
SELECT abs(t.difference - 0.15) < 1e-12 AND abs(t.z - 2.1908902300206645) < 1e-12
         AND abs(t.p_value - 0.028459736916310577) < 1e-12 AS proportion_test_ok
FROM stored b, stored c, proportion_test(b.rc, c.rc) t
WHERE b.segment = 'b' AND c.segment = 'c';
SELECT abs(n.nps - 10) < 1e-12 AND abs(n.standard_error - 6.9013439025334182) < 1e-12
         AND abs(n.lower - -3.8176476298129334) < 1e-12 AND abs(n.upper - 23.235123357968273) < 1e-12 AS adjusted_ok,
       abs(w.standard_error - 7) < 1e-12 AS wald_se_7
FROM stored, nps_interval(s, 0.95, 'adjusted_wald') n, nps_interval(s) w
WHERE segment = 'b';
SELECT * FROM stored, nps_interval(s) WHERE segment = 'csat';
\echo SQLSTATE :SQLSTATE
SELECT round(difference::numeric, 6) AS nps_a_minus_b FROM stored a, stored b, nps_test(a.s, b.s)
WHERE a.segment = 'a' AND b.segment = 'b';

-- Window mode over the stored summaries and the events: the window results
-- equal the same aggregates over each frame's rows (summaries compared by
-- their counts and amounts).
SELECT segment, successes(w) = successes(f) AND trials(w) = trials(f)
                AND success_amount(w) = success_amount(f) AND trial_amount(w) = trial_amount(f) AS rollup_same
FROM (SELECT segment, rollup(r) OVER (ORDER BY segment ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS w,
             (SELECT rollup(s2.r) FROM stored s2
              WHERE s2.segment IN (s1.segment, (SELECT max(s3.segment) FROM stored s3 WHERE s3.segment < s1.segment))) AS f
      FROM stored s1) q
ORDER BY segment;
SELECT count(*) AS rows,
       count(*) FILTER (WHERE w.win_rate IS NOT DISTINCT FROM f.win_rate AND w.weighted IS NOT DISTINCT FROM f.weighted)
         AS same_as_fresh
FROM rolling w,
     LATERAL (SELECT win_rate(won) AS win_rate, win_rate(won, amount) AS weighted
              FROM (SELECT won, amount FROM events e WHERE e.id <= w.id ORDER BY e.id DESC LIMIT 5) l) f;
-- The view's plan has a WindowAgg (shown as a boolean: the scan under it may vary).
CREATE FUNCTION pg_temp.plan_has(q text, node text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        IF line ~ ('^\s*(->\s*)?' || node) THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END $$;
SELECT pg_temp.plan_has('SELECT win_rate FROM rolling', 'WindowAgg') AS window_agg;

-- Stored summaries stay usable after the update: + and rollup as in 1.0.
SELECT (SELECT rollup(rc) FROM stored)::text AS rollup_all,
       (SELECT r FROM stored WHERE segment = 'a') + (SELECT r FROM stored WHERE segment = 'b') AS a_plus_b;

-- A second UPDATE has nothing to do; the updated extension drops cleanly (the
-- dependencies the update recorded included) and installs afresh.
ALTER EXTENSION abm UPDATE;
DROP VIEW rolling, stored_kpis, segment_kpis;
DROP MATERIALIZED VIEW segment_summaries;
DROP TABLE stored, events, before_binary;
DROP VIEW my_wins_catalog;
DROP AGGREGATE my_wins(boolean);
DROP EXTENSION abm;
SELECT count(*) AS abm_functions_left FROM pg_proc WHERE proname IN ('ratio_inv', 'win_rate', 'wilson_interval');
CREATE EXTENSION abm;
SELECT extversion AS reinstalled FROM pg_extension WHERE extname = 'abm';

\c :orig_db
DROP DATABASE abm_upgrade;
SELECT count(*) AS upgrade_databases_left FROM pg_database WHERE datname = 'abm_upgrade';
