-- Quick timing of reach against count(DISTINCT) (not part of make bench,
-- whose reach cases are in cases.sql): 10,000,000 touches of 100,000
-- accounts over 90 days, the 90 stored daily sets, then each query three
-- times serial and in parallel. Run with psql in a database with abm:
--     psql -f bench/reach_timing.sql
\timing on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
DROP TABLE IF EXISTS touch_raw, touch_daily;
SELECT setseed(0.3);
CREATE UNLOGGED TABLE touch_raw AS
SELECT (i % 90) AS day, (random() * 100000)::bigint AS id FROM generate_series(1, 10000000) i;
VACUUM ANALYZE touch_raw;
CREATE TABLE touch_daily AS SELECT day, account_set_agg(id) AS s FROM touch_raw GROUP BY day;
VACUUM ANALYZE touch_daily;
SELECT pg_size_pretty(pg_total_relation_size('touch_daily')) AS daily_sets_size, avg(pg_column_size(s)) AS avg_bytes, avg(reach(s)) AS avg_ids FROM touch_daily;
\echo == serial, 3 runs each
SELECT count(*) FROM touch_raw;
SELECT count(*) FROM touch_raw;
SELECT count(DISTINCT id) FROM touch_raw;
SELECT reach(id) FROM touch_raw;
SELECT count(DISTINCT id) FROM touch_raw;
SELECT reach(id) FROM touch_raw;
SELECT count(DISTINCT id) FROM touch_raw;
SELECT reach(id) FROM touch_raw;
\echo == rollup of 90 stored daily sets vs count(DISTINCT) of the raw rows
SELECT reach(rollup(s)) FROM touch_daily;
SELECT reach(rollup(s)) FROM touch_daily;
SELECT reach(rollup(s)) FROM touch_daily;
\echo == parallel (2 workers)
SET max_parallel_workers_per_gather = 2;
SELECT reach(id) FROM touch_raw;
SELECT reach(id) FROM touch_raw;
SELECT reach(id) FROM touch_raw;
SELECT count(DISTINCT id) FROM touch_raw;
\echo == sparse ids: 10,000,000 touches of 700,000 random 64-bit ids
SET max_parallel_workers_per_gather = 0;
DROP TABLE IF EXISTS sparse_raw;
CREATE UNLOGGED TABLE sparse_raw AS
SELECT hashint8((random() * 100000)::bigint) * 4294967296 + hashint8(i % 7) AS id FROM generate_series(1, 10000000) i;
VACUUM ANALYZE sparse_raw;
SELECT count(DISTINCT id) FROM sparse_raw;
SELECT reach(id) FROM sparse_raw;
SELECT count(DISTINCT id) FROM sparse_raw;
SELECT reach(id) FROM sparse_raw;
\echo == bytes per id
SELECT 'dense 1..1,000,000' AS ids, pg_column_size(account_set_agg(i)) AS bytes,
       round(pg_column_size(account_set_agg(i))::numeric / 1000000, 4) AS bytes_per_id FROM generate_series(1, 1000000) i
UNION ALL
SELECT 'half of 1..2,000,000 at random', pg_column_size(s), round(pg_column_size(s)::numeric / reach(s), 4)
  FROM (SELECT account_set_agg(i) FILTER (WHERE random() < 0.5) AS s FROM generate_series(1, 2000000) i) t
UNION ALL
SELECT '1% of 1..100,000,000 at random', pg_column_size(s), round(pg_column_size(s)::numeric / reach(s), 4)
  FROM (SELECT account_set_agg((random() * 1e8)::bigint) AS s FROM generate_series(1, 1000000)) t
UNION ALL
SELECT '1,000,000 random 32-bit hashes', pg_column_size(s), round(pg_column_size(s)::numeric / reach(s), 4)
  FROM (SELECT account_set_agg(hashint8(i)) AS s FROM generate_series(1, 1000000) i) t
UNION ALL
SELECT '1,000,000 random 64-bit hashes', pg_column_size(s), round(pg_column_size(s)::numeric / reach(s), 4)
  FROM (SELECT account_set_agg(((random() - 0.5) * 1.8e19)::bigint) AS s FROM generate_series(1, 1000000)) t;
\echo == stored (TOAST-compressed) size of a daily set
SELECT avg(pg_column_size(s)) AS stored_bytes, avg(length(account_set_send(s))) AS raw_bytes FROM touch_daily;
