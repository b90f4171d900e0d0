--
-- account_set: an exact set of bigint account ids.  reach(id) is
-- count(DISTINCT id); stored sets roll up by union; | & - are set union,
-- intersection and difference; @> tests membership.
--
\set VERBOSITY default

--
-- 1. Text form: ascending ids, a-b for a range; the output joins touching
--    ids into runs and writes runs of three or more as first-last.
--
SELECT '{}'::account_set AS empty,
       ' { 1 , 2,3, 5,7-9,10 , 20-21 } '::account_set AS runs,      -- {1-3,5,7-10,20,21}
       '{-10--5,-1-1}'::account_set AS negatives,                    -- {-10--5,-1-1}
       '{9223372036854775806,9223372036854775807}'::account_set AS top,
       '{-9223372036854775808--2}'::account_set AS bottom;
-- 2^63 - 1 ids, the most a set holds (reach() is a bigint)
SELECT reach('{-9223372036854775808--2}'::account_set) AS most_ids,
       reach('{1-9223372036854775807}'::account_set) AS most_ids_too;
-- the output reads back to the same value
SELECT s::text::account_set::text = s::text AS round_trip
FROM (VALUES ('{1-1000,5000,7003-7010}'::account_set), ('{-3,0,3}'), ('{}')) v(s);

--
-- 2. The worked example (kpi-definitions.md, Reach): {1, 2, 3} on Monday,
--    {2, 3, 4} on Tuesday: reach over both days 4 (not 6); both days 2.
--
CREATE TEMP TABLE touches (day text, account_id bigint);
INSERT INTO touches VALUES ('mon', 1), ('mon', 2), ('mon', 3), ('mon', 2),
                           ('tue', 2), ('tue', 3), ('tue', 4), ('tue', NULL);
CREATE TEMP TABLE daily AS
SELECT day, account_set_agg(account_id) AS engaged, reach(account_id) AS reach
FROM touches GROUP BY day;
SELECT day, engaged, reach, reach(engaged) AS reach_of_set FROM daily ORDER BY day;
SELECT reach(rollup(engaged)) AS reach_4, rollup(engaged) AS both_days_union FROM daily;
SELECT reach((SELECT engaged FROM daily WHERE day = 'mon') & (SELECT engaged FROM daily WHERE day = 'tue')) AS both_days_2;
SELECT reach(account_id) AS reach_4, count(DISTINCT account_id) AS count_distinct_4 FROM touches;

--
-- 3. The KPI: share of target accounts engaged, from daily stored sets.
--    engaged: day 1 {1,2,3}, day 2 {3,4,10}, day 3 {11-20}
--    -> rollup {1-4,10-20}; target {2-5,10-12,100}: 4 + 3 + 1 = 8 accounts;
--    engaged & target = {2-4,10-12}: 6 accounts -> 6 / 8 = 0.75
--
CREATE TEMP TABLE engaged_daily (day int, engaged account_set);
INSERT INTO engaged_daily VALUES (1, '{1,2,3}'), (2, '{3,4,10}'), (3, '{11-20}'), (4, NULL);
CREATE TEMP TABLE targets (target account_set);
INSERT INTO targets VALUES ('{2-5,10-12,100}');
SELECT (SELECT rollup(engaged) FROM engaged_daily) AS engaged,
       reach((SELECT rollup(engaged) FROM engaged_daily) & target) AS engaged_targets_6,
       reach(target) AS targets_8,
       reach((SELECT rollup(engaged) FROM engaged_daily) & target)::float8 / reach(target) AS share_0_75
FROM targets;
-- the same in one aggregate query
SELECT reach(rollup(engaged) & (SELECT target FROM targets))::float8
       / reach((SELECT target FROM targets)) AS share_0_75
FROM engaged_daily;
-- the target accounts not engaged: {5,100}; joined back to rows by account_ids()
SELECT t.target - (SELECT rollup(engaged) FROM engaged_daily) AS not_engaged_5_100 FROM targets t;
-- not engaged on day 3 ({11-20}): {2-5,10,100}
SELECT a FROM targets t, engaged_daily e, account_ids(t.target - e.engaged) a WHERE e.day = 3 ORDER BY a;

--
-- 4. Set algebra and membership on small sets worked by hand
--    a = {1-10,20}, b = {5-15,30}
--
SELECT '{1-10,20}'::account_set | '{5-15,30}' AS union_1_15_20_30,
       '{1-10,20}'::account_set & '{5-15,20,30}' AS intersect_5_10_20,
       '{1-10,20}'::account_set - '{5-6,20}' AS except_1_4_7_10,
       '{1-10}'::account_set - '{1-10}' AS except_all_empty,
       '{1-10}'::account_set & '{}' AS intersect_empty,
       '{}'::account_set | '{7}' AS union_with_empty,
       '{1-3}'::account_set | '{4-6}' AS touching_runs_join;          -- {1-6}
SELECT '{1-10,20}'::account_set @> 5 AS has_5, '{1-10,20}'::account_set @> 11 AS has_11,
       '{1-10,20}'::account_set @> 20 AS has_20, '{}'::account_set @> 0 AS empty_has_0,
       '{-9223372036854775808}'::account_set @> -9223372036854775808 AS has_min;
SELECT * FROM account_ids('{1-3,7,9223372036854775806-9223372036854775807}');
SELECT count(*) AS no_rows FROM account_ids('{}');
-- a direct call of the transition functions returns a new set, the input stays
SELECT account_set_trans(s, 4) AS added, s AS unchanged,
       account_set_combine(s, '{10}') AS combined, s AS still_unchanged
FROM (SELECT '{1-3}'::account_set AS s) v;
-- empty input: account_set_agg gives {}, reach 0 (like count(DISTINCT)), rollup {}
SELECT account_set_agg(account_id) AS empty_set, reach(account_id) AS reach_0,
       count(DISTINCT account_id) AS count_0
FROM touches WHERE false;
SELECT rollup(engaged) AS empty_rollup FROM engaged_daily WHERE false;
SELECT account_set_agg(account_id) FILTER (WHERE account_id > 2) AS filtered FROM touches;

--
-- 5. reach(id) = count(DISTINCT id) on random data, dense and sparse ids,
--    negatives, NULLs, and enough rows per group to merge many batches
--
SELECT setseed(0.13);
CREATE TABLE aset_data AS
SELECT i, i % 5 AS g,
       CASE WHEN i % 97 = 0 THEN NULL
            WHEN i % 3 = 0 THEN (random() * 30000)::bigint                      -- dense
            WHEN i % 3 = 1 THEN ((random() - 0.5) * 9.2e18)::bigint             -- hashed, sparse
            ELSE (random() * 2000000)::bigint * 7 - 5000000 END AS id           -- gaps, negatives
FROM generate_series(1, 300000) i;
ANALYZE aset_data;
CREATE TABLE aset_part (LIKE aset_data) PARTITION BY RANGE (i);
CREATE TABLE aset_part_1 PARTITION OF aset_part FOR VALUES FROM (1) TO (100001);
CREATE TABLE aset_part_2 PARTITION OF aset_part FOR VALUES FROM (100001) TO (200001);
CREATE TABLE aset_part_3 PARTITION OF aset_part FOR VALUES FROM (200001) TO (300001);
INSERT INTO aset_part SELECT * FROM aset_data;
ANALYZE aset_part;

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

CREATE TABLE aset_truth AS
SELECT count(DISTINCT id) AS n, array_agg(DISTINCT id ORDER BY id) FILTER (WHERE id IS NOT NULL) AS ids
FROM aset_data;
CREATE TABLE aset_truth_by_g AS
SELECT g, count(DISTINCT id) AS n FROM aset_data GROUP BY g;

-- serial
SET max_parallel_workers_per_gather = 0;
SELECT pg_temp.plan_count('SELECT reach(id) FROM aset_data', 'Partial') AS serial_no_partial;
SELECT reach(id) = (SELECT n FROM aset_truth) AS serial_reach,
       array(SELECT account_ids(account_set_agg(id))) = (SELECT ids FROM aset_truth) AS serial_ids
FROM aset_data;
SELECT bool_and(r = n) AS serial_grouped FROM (SELECT g, reach(id) AS r FROM aset_data GROUP BY g) a JOIN aset_truth_by_g USING (g);
-- hash aggregation that spills to disk (3,000 groups in 64 kB): the rows of
-- groups that do not fit are aggregated in later batches
SET work_mem = '64kB';
SET enable_sort = off;
SELECT count(*) AS groups_3000, bool_and(r = n) AS spilled_hash_grouped
FROM (SELECT i % 3000 AS g3, reach(id) AS r FROM aset_data GROUP BY 1) a
JOIN (SELECT i % 3000 AS g3, count(DISTINCT id) AS n FROM aset_data GROUP BY 1) b USING (g3);
RESET enable_sort;
RESET work_mem;

-- forced parallel
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT pg_temp.plan_count('SELECT reach(id) FROM aset_data', 'Partial Aggregate') AS parallel_partial_1;
SELECT reach(id) = (SELECT n FROM aset_truth) AS parallel_reach,
       array(SELECT account_ids(account_set_agg(id))) = (SELECT ids FROM aset_truth) AS parallel_ids
FROM aset_data;
SET enable_hashagg = off;
SELECT bool_and(r = n) AS parallel_grouped_sort FROM (SELECT g, reach(id) AS r FROM aset_data GROUP BY g) a JOIN aset_truth_by_g USING (g);
RESET enable_hashagg;
SET enable_sort = off;
SELECT bool_and(r = n) AS parallel_grouped_hash FROM (SELECT g, reach(id) AS r FROM aset_data GROUP BY g) a JOIN aset_truth_by_g USING (g);
RESET enable_sort;

-- partitionwise: a partial aggregate per partition, combined
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
SELECT pg_temp.plan_count('SELECT g, reach(id) FROM aset_part GROUP BY g', 'Partial') AS partials_3;
SELECT reach(id) = (SELECT n FROM aset_truth) AS partitionwise_reach,
       array(SELECT account_ids(account_set_agg(id))) = (SELECT ids FROM aset_truth) AS partitionwise_ids
FROM aset_part;
SELECT bool_and(r = n) AS partitionwise_grouped FROM (SELECT g, reach(id) AS r FROM aset_part GROUP BY g) a JOIN aset_truth_by_g USING (g);
SET max_parallel_workers_per_gather = 2;
SELECT reach(id) = (SELECT n FROM aset_truth) AS partitionwise_parallel_reach FROM aset_part;
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

--
-- 6. Rollups of stored sets equal the set of the raw rows
--
CREATE TABLE aset_daily AS
SELECT i % 90 AS day, account_set_agg(id) AS s FROM aset_data GROUP BY i % 90;
SELECT array(SELECT account_ids(rollup(s))) = (SELECT ids FROM aset_truth) AS rollup_is_raw_set,
       reach(rollup(s)) = (SELECT n FROM aset_truth) AS rollup_reach
FROM aset_daily;
-- any 30 days: the rollup against count(DISTINCT) of the raw rows of those days
SELECT reach(rollup(s)) = (SELECT count(DISTINCT id) FROM aset_data WHERE i % 90 BETWEEN 30 AND 59) AS days_30_59
FROM aset_daily WHERE day BETWEEN 30 AND 59;
-- rollup in parallel, and the | operator, give the same set
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT rollup(s)::text = (SELECT account_set_agg(id)::text FROM aset_data) AS parallel_rollup FROM aset_daily;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SELECT ((SELECT s FROM aset_daily WHERE day = 1) | (SELECT s FROM aset_daily WHERE day = 2))::text
     = (SELECT rollup(s) FROM aset_daily WHERE day IN (1, 2))::text AS union_is_rollup;

--
-- 7. Set algebra against SQL INTERSECT and EXCEPT on random sets
--
CREATE TABLE aset_pairs AS
SELECT p, account_set_agg(id) FILTER (WHERE i % 2 = 0) AS a, account_set_agg(id) FILTER (WHERE i % 2 = 1) AS b
FROM (SELECT i, i % 3 AS p,
             CASE i % 3 WHEN 0 THEN id WHEN 1 THEN id % 5000 ELSE id % 1000000 END AS id
      FROM aset_data) d
GROUP BY p;
SELECT p,
       array(SELECT account_ids(a & b)) = array(SELECT * FROM account_ids(a) INTERSECT SELECT * FROM account_ids(b) ORDER BY 1) AS intersect_ok,
       array(SELECT account_ids(a - b)) = array(SELECT * FROM account_ids(a) EXCEPT SELECT * FROM account_ids(b) ORDER BY 1) AS except_ok,
       array(SELECT account_ids(b - a)) = array(SELECT * FROM account_ids(b) EXCEPT SELECT * FROM account_ids(a) ORDER BY 1) AS except_reversed_ok,
       array(SELECT account_ids(a | b)) = array(SELECT * FROM account_ids(a) UNION SELECT * FROM account_ids(b) ORDER BY 1) AS union_ok,
       reach(a & b) > 0 AS overlapping
FROM aset_pairs ORDER BY p;
-- membership: every id of a is in a, and in b exactly when in a & b
-- (sets of the first 10,000 rows: @> reads its set on each row)
CREATE TEMP TABLE aset_members AS
SELECT account_set_agg(id) FILTER (WHERE i % 2 = 0) AS a, account_set_agg(id % 20000) FILTER (WHERE i % 2 = 1) AS b
FROM aset_data WHERE i <= 10000;
SELECT bool_and(a @> x) AS all_members,
       count(*) FILTER (WHERE b @> x) = (SELECT reach(a & b) FROM aset_members) AS b_members_are_intersection,
       count(*) FILTER (WHERE b @> x) > 0 AS some_in_b
FROM aset_members, account_ids(a) x;
SELECT p, count(*) = max(reach(a & b)) AS intersect_is_sql_intersect
FROM aset_pairs, LATERAL (SELECT * FROM account_ids(a) INTERSECT SELECT * FROM account_ids(b)) z
GROUP BY p ORDER BY p;

--
-- 8. Windows: no moving-window mode (a union cannot be undone); a sliding
--    frame recomputes, a growing frame accumulates.
--    rows (day, id): (1,1) (2,2) (3,1) (4,3): running {1} {1,2} {1,2} {1-3};
--    last two rows {1} {1,2} {1,2} {1,3}
--
SELECT day, account_set_agg(id) OVER (ORDER BY day) AS running,
       reach(id) OVER (ORDER BY day ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS sliding_reach,
       account_set_agg(id) OVER (ORDER BY day ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS sliding
FROM (VALUES (1, 1::bigint), (2, 2), (3, 1), (4, 3)) v(day, id) ORDER BY day;

--
-- 9. Storage: bytes per id, TOAST, binary COPY round trip
--    (24 header bytes; a dense run of any length costs a few bytes)
--
SELECT pg_column_size(account_set_agg(i)) AS dense_100000_ids_bytes
FROM generate_series(1, 100000) i;
-- every 10th id: a gap of 8 and one id per run, 1 byte each
SELECT pg_column_size(account_set_agg(i * 10)) AS every_10th_bytes,
       round((pg_column_size(account_set_agg(i * 10)) - 24) / 100000.0, 2) AS bytes_per_id
FROM generate_series(1, 100000) i;
CREATE TABLE aset_stored (k int, s account_set);
INSERT INTO aset_stored SELECT 1, account_set_agg(id) FROM aset_data;
INSERT INTO aset_stored SELECT 2, account_set_agg(i) FROM generate_series(1, 1000000) i;
INSERT INTO aset_stored VALUES (3, '{}'), (4, NULL);
SELECT k, reach(s) FROM aset_stored ORDER BY k;
SELECT reach(s) = (SELECT n FROM aset_truth) AS toasted_reach,
       array(SELECT account_ids(s)) = (SELECT ids FROM aset_truth) AS toasted_ids,
       s @> (SELECT ids[100] FROM aset_truth) AS toasted_contains
FROM aset_stored WHERE k = 1;
SELECT current_setting('data_directory') || '/abm_regress_account_set.bin' AS set_file,
       current_setting('data_directory') || '/abm_regress_account_set_raw.bin' AS raw_file \gset
COPY aset_stored TO :'set_file' (FORMAT binary);
CREATE TEMP TABLE aset_copy (k int, s account_set);
COPY aset_copy FROM :'set_file' (FORMAT binary);
SELECT count(*) AS rows_4, bool_and(c.s::text IS NOT DISTINCT FROM a.s::text) AS all_equal
FROM aset_copy c JOIN aset_stored a USING (k);
-- the binary form of {1-1000,5000,7003-7010}: version 1, 1009 ids, 3 runs, then
--   run 1: first id 1, zigzag 2, a long run: (2 << 1) | 1 = 05; 1000 - 2 = 998
--          as a varint: e6 07
--   run 2: gap 5000 - 1000 - 2 = 3998: low six bits 30 -> (30 << 1) | 0x80 = bc,
--          then 3998 >> 6 = 62 = 3e
--   run 3: gap 7003 - 5000 - 2 = 2001: low six bits 17 -> (17 << 1) | 1 | 0x80 = a3,
--          2001 >> 6 = 31 = 1f; 8 - 2 = 6: 06
SELECT account_set_send('{1-1000,5000,7003-7010}') AS sent;

--
-- 10. Every error
--
-- text (22P02; 22003 for what does not fit a bigint)
SELECT '{3,1}'::account_set;
SELECT '{1,1}'::account_set;
SELECT '{1-5,3}'::account_set;
SELECT '{1-5,5-8}'::account_set;
SELECT '{5-1}'::account_set;
SELECT '{1,}'::account_set;
SELECT '{1-}'::account_set;
SELECT '{a}'::account_set;
SELECT '{1 2}'::account_set;
SELECT '1,2'::account_set;
SELECT '{1} x'::account_set;
SELECT '{--1}'::account_set;
SELECT ''::account_set;
SELECT '{99999999999999999999}'::account_set;
SELECT '{-9223372036854775809}'::account_set;
SELECT '{-9223372036854775808-9223372036854775807}'::account_set;
-- a union of more ids than a bigint counts
SELECT '{-9223372036854775808--2}'::account_set | '{0}';
SELECT rollup(s) FROM (VALUES ('{-9223372036854775808--2}'::account_set), ('{0}')) v(s);
-- binary (22P03): crafted values through binary COPY of a bytea column
CREATE TEMP TABLE aset_raw (b bytea);
CREATE FUNCTION pg_temp.recv_detail(b bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    detail text;
BEGIN
    TRUNCATE aset_raw;
    INSERT INTO aset_raw VALUES (b);
    EXECUTE format('COPY aset_raw TO %L (FORMAT binary)', current_setting('data_directory') || '/abm_regress_account_set_raw.bin');
    TRUNCATE aset_copy;
    EXECUTE format('COPY aset_copy (s) FROM %L (FORMAT binary)', current_setting('data_directory') || '/abm_regress_account_set_raw.bin');
    RETURN 'accepted ' || (SELECT s::text FROM aset_copy);
EXCEPTION WHEN others THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    RETURN SQLSTATE || ' ' || detail;
END
$$;
-- h(text): bytes from hex digits written in groups
CREATE FUNCTION pg_temp.h(hex text) RETURNS bytea LANGUAGE sql AS $$ SELECT decode(replace(hex, ' ', ''), 'hex') $$;
--                        version count            runs             encoded runs
SELECT hex, pg_temp.recv_detail(pg_temp.h(hex)) AS received FROM (VALUES
    ('01 0000000000000001 0000000000000001 02'),            -- {-1}: zigzag 1, head 02
    ('01 0000000000000000 0000000000000000'),               -- {}
    (''),                                                   -- empty
    ('02 0000000000000000 0000000000000000'),               -- version 2
    ('01 0000'),                                            -- cut short
    ('01 0000000000000002 0000000000000001 02'),            -- says 2 ids, holds 1
    ('01 0000000000000001 0000000000000001 0200'),          -- a stray byte
    ('01 0000000000000005 0000000000000005 02'),            -- 5 runs in 1 byte
    ('01 ffffffffffffffff 0000000000000000'),               -- -1 ids
    ('01 0000000000000001 0000000000000001 8200'),          -- gap varint not minimal
    ('01 0000000000000001 0000000000000001 82'),            -- gap varint cut short
    ('01 0000000000000002 0000000000000001 03'),            -- a long run without its length
    ('01 0000000000000002 0000000000000001 01 ffffffffffffffffffff01'),  -- length varint of 11 bytes
    -- first id 9223372036854775807 (zigzag 2^64 - 2: head fc, then 2^58 - 1),
    -- then a run after it: beyond the largest bigint
    ('01 0000000000000002 0000000000000002 fc ffffffffffffffff03 00'),
    -- from 0, 2^64 - 1 + 2 ids: beyond the largest bigint
    ('01 0000000000000002 0000000000000001 01 ffffffffffffffffff01')
) v(hex);
