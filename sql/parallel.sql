--
-- Parallel and partitionwise aggregation.  Every aggregate is parallel safe
-- and has a combine function, so the planner splits it into Partial and
-- Finalize Aggregate; the combined result must be exactly the serial one
-- (sums are exact, so not even float8 money may differ by a bit), and both
-- must equal plain SQL sums and counts.
--
\set VERBOSITY default

-- 100,000 deterministic rows (no random(): the data is the same everywhere)
CREATE TABLE par_data AS
SELECT i,
       i % 7 AS seg,
       i % 1000 AS bucket,
       CASE WHEN i % 5 = 0 THEN NULL ELSE i % 3 = 0 END AS won,
       (i * 37 % 100000) / 100.0 AS amount,
       (i * 37 % 100000) / 100.0::float8 AS amount_f,
       (i % 50)::bigint AS clicks,
       (50 + i % 950)::bigint AS impressions,
       i % 11 AS score,
       1 + i * 3 % 5 AS csat_score,
       CASE i % 10 WHEN 0 THEN NULL WHEN 1 THEN 0 ELSE (i * 13 % 10000) / 10.0 END AS start_rev,
       CASE WHEN i % 6 = 0 THEN NULL ELSE (i * 17 % 12000) / 10.0 END AS end_rev,
       (i % 500) * 1.25 AS spend,
       ((i % 500) * 1.25)::float8 AS spend_f,
       i % 9 = 0 AS acquired,
       (i % 4)::bigint AS leads,
       abm_stage(1 + i * 7 % 6) AS stage
FROM generate_series(1, 100000) i;
ANALYZE par_data;

-- The same rows in a table partitioned in three
CREATE TABLE par_part (LIKE par_data) PARTITION BY RANGE (i);
CREATE TABLE par_part_1 PARTITION OF par_part FOR VALUES FROM (1) TO (33334);
CREATE TABLE par_part_2 PARTITION OF par_part FOR VALUES FROM (33334) TO (66667);
CREATE TABLE par_part_3 PARTITION OF par_part FOR VALUES FROM (66667) TO (100001);
INSERT INTO par_part SELECT * FROM par_data;
ANALYZE par_part;

-- Every aggregate over a source table, one column each.  The views are
-- inlined, so the planner sees the aggregates directly.
CREATE VIEW par_kpis AS
SELECT win_rate(won) AS win_rate, win_rate(won, amount) AS win_rate_amount,
       win_rate(won, amount_f) AS win_rate_amount_f, conversion_rate(won) AS conversion_rate,
       rate(clicks, impressions) AS rate, ctr(clicks, impressions) AS ctr,
       vtr(clicks, impressions) AS vtr, open_rate(clicks, impressions) AS open_rate,
       click_rate(clicks, impressions) AS click_rate,
       click_to_open_rate(clicks, impressions) AS click_to_open_rate,
       unsubscribe_rate(clicks, impressions) AS unsubscribe_rate,
       nps_score(score) AS nps_score, csat(csat_score) AS csat, csat(csat_score, 5) AS csat_5,
       nrr(start_rev, end_rev) AS nrr, nrr(start_rev::float8, end_rev::float8) AS nrr_f,
       grr(start_rev, end_rev) AS grr, grr(start_rev::float8, end_rev::float8) AS grr_f,
       cac(spend, acquired) AS cac, cac(spend_f, acquired) AS cac_f,
       cpl(spend, leads) AS cpl, cpl(spend_f, leads) AS cpl_f,
       ratio_agg(won) AS ratio_won, ratio_agg(won, amount) AS ratio_amount,
       ratio_agg(won, amount_f) AS ratio_amount_f, ratio_agg(clicks, impressions) AS ratio_counts,
       score_agg(score) AS score_nps, score_agg(csat_score, 5) AS score_csat,
       retention_agg(start_rev, end_rev) AS retention,
       retention_agg(start_rev::float8, end_rev::float8) AS retention_f,
       cost_agg(spend, acquired) AS cost_acquired, cost_agg(spend_f, acquired) AS cost_acquired_f,
       cost_agg(spend, leads) AS cost_leads, cost_agg(spend_f, leads) AS cost_leads_f,
       funnel_agg(stage) AS funnel, funnel_agg(stage, spend) AS funnel_spend,
       min(stage) AS min_stage, max(stage) AS max_stage
FROM par_data;
CREATE VIEW par_part_kpis AS
SELECT win_rate(won) AS win_rate, win_rate(won, amount) AS win_rate_amount,
       win_rate(won, amount_f) AS win_rate_amount_f, conversion_rate(won) AS conversion_rate,
       rate(clicks, impressions) AS rate, ctr(clicks, impressions) AS ctr,
       vtr(clicks, impressions) AS vtr, open_rate(clicks, impressions) AS open_rate,
       click_rate(clicks, impressions) AS click_rate,
       click_to_open_rate(clicks, impressions) AS click_to_open_rate,
       unsubscribe_rate(clicks, impressions) AS unsubscribe_rate,
       nps_score(score) AS nps_score, csat(csat_score) AS csat, csat(csat_score, 5) AS csat_5,
       nrr(start_rev, end_rev) AS nrr, nrr(start_rev::float8, end_rev::float8) AS nrr_f,
       grr(start_rev, end_rev) AS grr, grr(start_rev::float8, end_rev::float8) AS grr_f,
       cac(spend, acquired) AS cac, cac(spend_f, acquired) AS cac_f,
       cpl(spend, leads) AS cpl, cpl(spend_f, leads) AS cpl_f,
       ratio_agg(won) AS ratio_won, ratio_agg(won, amount) AS ratio_amount,
       ratio_agg(won, amount_f) AS ratio_amount_f, ratio_agg(clicks, impressions) AS ratio_counts,
       score_agg(score) AS score_nps, score_agg(csat_score, 5) AS score_csat,
       retention_agg(start_rev, end_rev) AS retention,
       retention_agg(start_rev::float8, end_rev::float8) AS retention_f,
       cost_agg(spend, acquired) AS cost_acquired, cost_agg(spend_f, acquired) AS cost_acquired_f,
       cost_agg(spend, leads) AS cost_leads, cost_agg(spend_f, leads) AS cost_leads_f,
       funnel_agg(stage) AS funnel, funnel_agg(stage, spend) AS funnel_spend,
       min(stage) AS min_stage, max(stage) AS max_stage
FROM par_part;

-- Stored summaries to roll up: one row per bucket (1,000 rows)
CREATE TABLE par_buckets AS
SELECT bucket, ratio_agg(won, amount) AS r, score_agg(score) AS s, score_agg(csat_score, 5) AS c5,
       retention_agg(start_rev, end_rev) AS t, cost_agg(spend, acquired) AS c,
       funnel_agg(stage, spend) AS f
FROM par_data GROUP BY bucket;
ANALYZE par_buckets;
CREATE VIEW par_rollups AS
SELECT rollup(r) AS ratio_amount, rollup(s) AS score_nps, rollup(c5) AS score_csat,
       rollup(t) AS retention, rollup(c) AS cost_acquired, rollup(f) AS funnel_spend
FROM par_buckets;

-- plan_count(query, text): how many lines of EXPLAIN (COSTS OFF) mention the text
CREATE FUNCTION pg_temp.plan_count(query text, node text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    line text;
    n integer := 0;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        IF line LIKE '%' || node || '%' THEN
            n := n + 1;
        END IF;
    END LOOP;
    RETURN n;
END
$$;

-- differences(a, b): how many keys two rows have, and which values differ
CREATE FUNCTION pg_temp.differences(a jsonb, b jsonb, OUT compared bigint, OUT differing text)
LANGUAGE sql AS $$
    SELECT count(*), coalesce(string_agg(key, ', ' ORDER BY key) FILTER (WHERE x.value IS DISTINCT FROM y.value), '')
    FROM jsonb_each(a) x FULL JOIN jsonb_each(b) y USING (key)
$$;

-- plan_has(query, text): does EXPLAIN (COSTS OFF) of the query mention the text?
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

--
-- Serial results
--
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) SELECT * FROM par_kpis;
CREATE TABLE par_serial AS SELECT to_jsonb(k) AS j FROM par_kpis k;
CREATE TABLE par_serial_rollups AS SELECT to_jsonb(k) AS j FROM par_rollups k;

--
-- Forced parallel plans: every aggregate is split into Partial and Finalize
--
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF) SELECT * FROM par_kpis;
EXPLAIN (COSTS OFF) SELECT * FROM par_rollups;

-- each aggregate on its own
SELECT call, pg_temp.plan_has('SELECT ' || call || ' FROM ' || source, 'Partial Aggregate') AS partial,
       pg_temp.plan_has('SELECT ' || call || ' FROM ' || source, 'Gather') AS gather
FROM (VALUES
  ('win_rate(won)', 'par_data'), ('win_rate(won, amount)', 'par_data'),
  ('win_rate(won, amount_f)', 'par_data'), ('conversion_rate(won)', 'par_data'),
  ('rate(clicks, impressions)', 'par_data'), ('ctr(clicks, impressions)', 'par_data'),
  ('vtr(clicks, impressions)', 'par_data'), ('open_rate(clicks, impressions)', 'par_data'),
  ('click_rate(clicks, impressions)', 'par_data'), ('click_to_open_rate(clicks, impressions)', 'par_data'),
  ('unsubscribe_rate(clicks, impressions)', 'par_data'), ('nps_score(score)', 'par_data'),
  ('csat(csat_score)', 'par_data'), ('csat(csat_score, 5)', 'par_data'),
  ('nrr(start_rev, end_rev)', 'par_data'), ('nrr(start_rev::float8, end_rev::float8)', 'par_data'),
  ('grr(start_rev, end_rev)', 'par_data'), ('grr(start_rev::float8, end_rev::float8)', 'par_data'),
  ('cac(spend, acquired)', 'par_data'), ('cac(spend_f, acquired)', 'par_data'),
  ('cpl(spend, leads)', 'par_data'), ('cpl(spend_f, leads)', 'par_data'),
  ('ratio_agg(won)', 'par_data'), ('ratio_agg(won, amount)', 'par_data'),
  ('ratio_agg(won, amount_f)', 'par_data'), ('ratio_agg(clicks, impressions)', 'par_data'),
  ('score_agg(score)', 'par_data'), ('score_agg(csat_score, 5)', 'par_data'),
  ('retention_agg(start_rev, end_rev)', 'par_data'),
  ('retention_agg(start_rev::float8, end_rev::float8)', 'par_data'),
  ('cost_agg(spend, acquired)', 'par_data'), ('cost_agg(spend_f, acquired)', 'par_data'),
  ('cost_agg(spend, leads)', 'par_data'), ('cost_agg(spend_f, leads)', 'par_data'),
  ('funnel_agg(stage)', 'par_data'), ('funnel_agg(stage, spend)', 'par_data'),
  ('min(stage)', 'par_data'), ('max(stage)', 'par_data'),
  ('rollup(r)', 'par_buckets'), ('rollup(s)', 'par_buckets'), ('rollup(c5)', 'par_buckets'),
  ('rollup(t)', 'par_buckets'), ('rollup(c)', 'par_buckets'), ('rollup(f)', 'par_buckets')
) v(call, source)
ORDER BY source, call;

-- parallel results equal the serial ones, value for value
CREATE TABLE par_parallel AS SELECT to_jsonb(k) AS j FROM par_kpis k;
CREATE TABLE par_parallel_rollups AS SELECT to_jsonb(k) AS j FROM par_rollups k;
SELECT d.* FROM par_serial s, par_parallel p, pg_temp.differences(s.j, p.j) d;
SELECT d.* FROM par_serial_rollups s, par_parallel_rollups p, pg_temp.differences(s.j, p.j) d;
-- rolling up the stored bucket summaries gives the summaries of all rows
SELECT d.* FROM par_serial s, par_parallel_rollups r,
       pg_temp.differences(r.j, (SELECT jsonb_object_agg(key, value) FROM jsonb_each(s.j)
                                 WHERE key IN (SELECT jsonb_object_keys(r.j)))) d;

-- and they equal plain SQL over the same rows
SELECT (j->>'win_rate')::float8 = (SELECT count(*) FILTER (WHERE won)::float8 / count(won) FROM par_data) AS win_rate,
       success_amount((j->>'ratio_amount')::ratio_summary) = (SELECT sum(amount) FILTER (WHERE won) FROM par_data) AS won_amount,
       trial_amount((j->>'ratio_amount')::ratio_summary) = (SELECT sum(amount) FILTER (WHERE won IS NOT NULL) FROM par_data) AS decided_amount,
       success_amount((j->>'ratio_amount_f')::ratio_summary) = (SELECT sum(amount_f::numeric) FILTER (WHERE won) FROM par_data) AS won_amount_f,
       (j->>'ctr')::float8 = (SELECT sum(clicks)::float8 / sum(impressions) FROM par_data) AS ctr,
       (j->>'nps_score')::float8 = (SELECT 100 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))::float8
                                           / count(score) FROM par_data) AS nps,
       (j->>'csat')::float8 = (SELECT count(*) FILTER (WHERE csat_score >= 4)::float8 / count(csat_score) FROM par_data) AS csat,
       start_revenue((j->>'retention')::retention_summary) = (SELECT sum(start_rev) FILTER (WHERE start_rev > 0) FROM par_data) AS start_revenue,
       end_revenue((j->>'retention')::retention_summary) = (SELECT sum(coalesce(end_rev, 0)) FILTER (WHERE start_rev > 0) FROM par_data) AS end_revenue,
       new_revenue((j->>'retention')::retention_summary) = (SELECT sum(end_rev) FILTER (WHERE coalesce(start_rev, 0) = 0) FROM par_data) AS new_revenue,
       (j->>'cac')::numeric = (SELECT sum(spend) / count(*) FILTER (WHERE acquired) FROM par_data) AS cac,
       (j->>'cpl')::numeric = (SELECT sum(spend) / sum(leads) FROM par_data) AS cpl,
       stage_accounts((j->>'funnel_spend')::funnel_summary, 'won') = (SELECT count(*) FILTER (WHERE stage >= 'won') FROM par_data) AS reached_won,
       spend((j->>'funnel_spend')::funnel_summary) = (SELECT sum(spend) FROM par_data) AS funnel_spend
FROM par_parallel;

--
-- Partitionwise aggregation: each partition is aggregated on its own and the
-- partial states are combined, even without parallel workers.
--
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) SELECT ratio_agg(won, amount), nps_score(score), funnel_agg(stage) FROM par_part;
CREATE TABLE par_partitionwise AS SELECT to_jsonb(k) AS j FROM par_part_kpis k;
SELECT d.* FROM par_serial s, par_partitionwise p, pg_temp.differences(s.j, p.j) d;
-- grouped by a column that is not the partition key: a partial aggregate per
-- partition (3), then the finalize step
SELECT pg_temp.plan_count('SELECT seg, ratio_agg(won, amount), funnel_agg(stage) FROM par_part GROUP BY seg', 'Partial') AS partials_3,
       pg_temp.plan_count('SELECT seg, ratio_agg(won, amount), funnel_agg(stage) FROM par_part GROUP BY seg', 'Finalize') AS finalize_1;
CREATE TABLE par_part_by_seg AS SELECT seg, ratio_agg(won, amount)::text AS r, funnel_agg(stage)::text AS f FROM par_part GROUP BY seg;
CREATE TABLE par_data_by_seg AS SELECT seg, ratio_agg(won, amount)::text AS r, funnel_agg(stage)::text AS f FROM par_data GROUP BY seg;
SELECT count(*) AS groups_7, bool_and(a.r = b.r AND a.f = b.f) AS same
FROM par_part_by_seg a JOIN par_data_by_seg b USING (seg);
-- and with parallel workers too
SET max_parallel_workers_per_gather = 2;
SELECT pg_temp.plan_has('SELECT ratio_agg(won, amount), nps_score(score) FROM par_part', 'Partial Aggregate') AS partial,
       pg_temp.plan_has('SELECT ratio_agg(won, amount), nps_score(score) FROM par_part', 'Parallel') AS parallel;
CREATE TABLE par_partitionwise_parallel AS SELECT to_jsonb(k) AS j FROM par_part_kpis k;
SELECT d.* FROM par_serial s, par_partitionwise_parallel p, pg_temp.differences(s.j, p.j) d;
RESET enable_partitionwise_aggregate;

--
-- GROUP BY: serial, parallel, hash and sort grouping all agree
--
CREATE VIEW par_by_seg AS
SELECT seg, to_jsonb(k) AS j FROM (
  SELECT seg, win_rate(won, amount_f) AS w, ratio_agg(won, amount) AS r, score_agg(score) AS s,
         csat(csat_score, 5) AS c, retention_agg(start_rev, end_rev) AS t, nrr(start_rev, end_rev) AS n,
         cost_agg(spend_f, leads) AS c2, funnel_agg(stage, spend) AS f
  FROM par_data GROUP BY seg) k;
CREATE VIEW par_by_bucket AS
SELECT bucket, to_jsonb(k) AS j FROM (
  SELECT bucket, ratio_agg(won, amount) AS r, score_agg(score) AS s, retention_agg(start_rev, end_rev) AS t,
         cost_agg(spend, acquired) AS c, funnel_agg(stage, spend) AS f
  FROM par_data GROUP BY bucket) k;

SET max_parallel_workers_per_gather = 0;
SET enable_hashagg = off;
SELECT pg_temp.plan_has('SELECT * FROM par_by_seg', 'GroupAggregate') AS sorted;
CREATE TABLE par_seg_sort AS SELECT * FROM par_by_seg;
CREATE TABLE par_bucket_sort AS SELECT * FROM par_by_bucket;
RESET enable_hashagg;
SET enable_sort = off;
SELECT pg_temp.plan_has('SELECT * FROM par_by_seg', 'HashAggregate') AS hashed;
CREATE TABLE par_seg_hash AS SELECT * FROM par_by_seg;
-- a hash table far bigger than work_mem spills to disk
SET work_mem = '64kB';
SELECT pg_temp.plan_has('SELECT * FROM par_by_bucket', 'HashAggregate') AS hashed;
CREATE TABLE par_bucket_hash AS SELECT * FROM par_by_bucket;
RESET work_mem;
RESET enable_sort;
SET max_parallel_workers_per_gather = 2;
SELECT pg_temp.plan_has('SELECT * FROM par_by_seg', 'Partial') AS partial,
       pg_temp.plan_has('SELECT * FROM par_by_seg', 'Gather') AS gather;
CREATE TABLE par_seg_parallel AS SELECT * FROM par_by_seg;
CREATE TABLE par_bucket_parallel AS SELECT * FROM par_by_bucket;

SELECT count(*) AS groups_7,
       bool_and(a.j = b.j) AS hash_equals_sort,
       bool_and(a.j = c.j) AS parallel_equals_sort
FROM par_seg_sort a JOIN par_seg_hash b USING (seg) JOIN par_seg_parallel c USING (seg);
SELECT count(*) AS groups_1000,
       bool_and(a.j = b.j) AS spilled_hash_equals_sort,
       bool_and(a.j = c.j) AS parallel_equals_sort
FROM par_bucket_sort a JOIN par_bucket_hash b USING (bucket) JOIN par_bucket_parallel c USING (bucket);
-- the per-group summaries roll up to the whole
SELECT (SELECT rollup((j->>'r')::ratio_summary) FROM par_seg_parallel)::text = par_parallel.j->>'ratio_amount' AS ratio,
       (SELECT rollup((j->>'t')::retention_summary) FROM par_seg_parallel)::text = par_parallel.j->>'retention' AS retention,
       (SELECT rollup((j->>'f')::funnel_summary) FROM par_seg_parallel)::text = par_parallel.j->>'funnel_spend' AS funnel,
       (SELECT rollup((j->>'c2')::cost_summary) FROM par_seg_parallel)::text = par_parallel.j->>'cost_leads_f' AS cost
FROM par_parallel;

RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

DROP VIEW par_kpis, par_part_kpis, par_rollups, par_by_seg, par_by_bucket;
DROP TABLE par_data, par_part, par_buckets, par_serial, par_serial_rollups, par_parallel,
           par_parallel_rollups, par_partitionwise, par_partitionwise_parallel, par_seg_sort,
           par_seg_hash, par_seg_parallel, par_bucket_sort, par_bucket_hash, par_bucket_parallel,
           par_part_by_seg, par_data_by_seg;
