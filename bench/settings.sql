-- make bench: the server and machine the numbers come from.
\pset footer off
SELECT version() AS server_version;
SELECT name, setting, unit FROM pg_settings
 WHERE name IN ('shared_buffers', 'work_mem', 'hash_mem_multiplier', 'max_parallel_workers_per_gather',
                'max_parallel_workers', 'max_worker_processes', 'jit', 'server_version', 'TimeZone',
                'effective_cache_size', 'huge_pages')
 ORDER BY name;
SELECT :'nproc' AS nproc, :'rows' AS rows_per_table, :'reps' AS runs_per_query,
       :'groups' AS groups_for_memory_case, :'wrows' AS moving_window_rows,
       (SELECT extversion FROM pg_extension WHERE extname = 'abm') AS abm_version;
