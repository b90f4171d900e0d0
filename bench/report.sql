-- make bench: bench/results.md from bench_result and bench_memory (psql -At).

CREATE TEMPORARY VIEW r AS
SELECT *,
       abm_ms / NULLIF(sql_ms, 0) AS abm_sql,
       abm_ms / NULLIF(floor_ms, 0) AS abm_floor,
       CASE class
           WHEN 'counting' THEN abm_ms / sql_ms <= 0.9 AND abm_ms / floor_ms <= 1.15
           WHEN 'money' THEN abm_ms / sql_ms <= 1.0
           WHEN 'funnel' THEN abm_ms / sql_ms <= 0.5
           WHEN 'quantile' THEN abm_ms / sql_ms <= 0.2
           WHEN 'media' THEN abm_ms / sql_ms <= 0.9
           WHEN 'rollup' THEN abm_ms / sql_ms <= 0.01
           WHEN 'window' THEN abm_ms / sql_ms <= 0.1
           WHEN 'distinct' THEN abm_ms / sql_ms <= 1.0
           WHEN 'reach_rollup' THEN abm_ms / sql_ms <= 0.05
           WHEN 'attribution' THEN abm_ms / floor_ms <= 1.3
           WHEN 'attribution_sql' THEN abm_ms / floor_ms <= 1.3 AND abm_ms / sql_ms <= 0.7
       END AS met,
       CASE class
           WHEN 'counting' THEN 'abm/SQL ≤ 0.9, abm/floor ≤ 1.15'
           WHEN 'money' THEN 'abm/SQL ≤ 1.0'
           WHEN 'funnel' THEN 'abm/SQL ≤ 0.5'
           WHEN 'quantile' THEN 'abm/SQL ≤ 0.2'
           WHEN 'media' THEN 'abm/SQL ≤ 0.9'
           WHEN 'rollup' THEN '≥ 100× faster than raw (abm/SQL ≤ 0.01)'
           WHEN 'window' THEN '≥ 10× faster than recompute (abm/SQL ≤ 0.1)'
           WHEN 'distinct' THEN 'abm/count(DISTINCT) ≤ 1.0'
           WHEN 'reach_rollup' THEN '≥ 20× faster than raw (abm/SQL ≤ 0.05)'
           WHEN 'attribution' THEN 'abm/floor ≤ 1.3'
           WHEN 'attribution_sql' THEN 'abm/floor ≤ 1.3, abm/SQL ≤ 0.7'
           ELSE '— (for information)'
       END AS target,
       CASE mode
           WHEN 'par0' THEN 'serial'
           WHEN 'par2' THEN format('parallel 2 (workers %s/%s/%s)',
                                   abm_workers, sql_workers, coalesce(floor_workers::text, '-'))
           WHEN 'grouped' THEN 'GROUP BY segment, serial'
       END || CASE WHEN jit IS NULL THEN '' ELSE ', JIT' END AS mode_text,
       abm_min / NULLIF(sql_min, 0) AS best_abm_sql,
       abm_min / NULLIF(floor_min, 0) AS best_abm_floor
  FROM bench_result;

CREATE TEMPORARY VIEW m AS
SELECT *, abm_kb * 1024.0 / NULLIF(groups, 0) AS abm_bpg, sql_kb * 1024.0 / NULLIF(groups, 0) AS sql_bpg,
       abm_kb <= sql_kb AND coalesce(abm_batches, 1) <= coalesce(sql_batches, 1) AS met
  FROM bench_memory;

CREATE FUNCTION pg_temp.ms(x float8) RETURNS text LANGUAGE sql AS
$$ SELECT CASE WHEN x IS NULL THEN '—' ELSE to_char(x, 'FM999,999,990.0') END $$;
CREATE FUNCTION pg_temp.ratio(x float8) RETURNS text LANGUAGE sql AS
$$ SELECT CASE WHEN x IS NULL THEN '—' WHEN x < 0.1 THEN to_char(x, 'FM0.0000') ELSE to_char(x, 'FM990.00') END $$;
CREATE FUNCTION pg_temp.n(x numeric) RETURNS text LANGUAGE sql AS
$$ SELECT to_char(x, 'FM999,999,999,990') $$;
CREATE FUNCTION pg_temp.met(x boolean) RETURNS text LANGUAGE sql AS
$$ SELECT CASE WHEN x IS NULL THEN '' WHEN x THEN 'met' ELSE '**missed**' END $$;

SELECT concat_ws(E'\n',
'# abm benchmark results',
'',
'Written by `make bench` (bench/run.sh). Rows per table: ' || pg_temp.n(:rows) ||
    '; every query run ' || :reps || ' times, the **median** is reported.',
'',
'- Machine: ' || :nproc || ' cores (nproc), ' ||
    (SELECT pg_size_pretty(setting::bigint * 8192) FROM pg_settings WHERE name = 'shared_buffers') ||
    ' shared_buffers',
'- Server: ' || version(),
'- abm ' || (SELECT extversion FROM pg_extension WHERE extname = 'abm'),
'- Settings: ' || (SELECT string_agg(name || ' = ' || current_setting(name), ', ' ORDER BY name)
                     FROM pg_settings
                    WHERE name IN ('shared_buffers', 'work_mem', 'hash_mem_multiplier', 'jit',
                                   'max_parallel_workers', 'max_worker_processes')) ||
    '; max_parallel_workers_per_gather as given per row',
'- Timing: "Execution Time" of `EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON)` — executor time on the ' ||
    'server, without planning or sending rows. Data in unlogged, frozen, analyzed tables, ' ||
    'read into shared_buffers with pg_prewarm first. abm, SQL and floor run in turn in each round.',
'- Every abm answer was checked against the plain-SQL answer (exactly for numeric results, ' ||
    'within 1e-12 relative for float8) before timing; the run fails on any difference.',
'- Load average (1, 5, 15 min) at the start: ' || :'load_start' || '; at the end: ' || :'load_end' ||
    ' (anything well above 0 means other work competed for the ' || :nproc || ' cores).',
'- Whole run in the cluster: ' || :elapsed || ' s, of which data generation ' || :datasecs || ' s.',
'',
'## Speed',
'',
'SQL ms is the plain SQL a careful analyst would write (see bench/cases.sql); floor ms is ' ||
    '`count()` over the same columns, the cost of just scanning them. For rollup rows, SQL is the ' ||
    'recomputation from the raw rows and floor is `count()` over the stored summaries; for the ' ||
    'first window row, SQL is the same window without moving-aggregate mode. For attribution rows, ' ||
    'floor is `row_number()` over the same window (the sort is the floor) and SQL the hand-written ' ||
    'window SQL (— where nobody writes one by hand).',
'',
'Mode: serial = max_parallel_workers_per_gather 0; parallel 2 = max_parallel_workers_per_gather 2 ' ||
    '(workers launched for abm/SQL/floor); GROUP BY segment = 1,000 groups, serial; JIT = ' ||
    'PostgreSQL JIT-compiled the queries (jit_above_cost). Noise = largest (max − min) / median ' ||
    'of the runs of one query; above 15% the verdict is uncertain, and the best-of-' || :reps ||
    ' ratios are given under "Targets missed".',
'',
'| case | mode | rows | abm ms | SQL ms | floor ms | abm/SQL | abm/floor | target | result | noise |',
'|---|---|--:|--:|--:|--:|--:|--:|---|---|--:|',
(SELECT string_agg(format('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s%% |',
                          case_name, mode_text, pg_temp.n(nrows), pg_temp.ms(abm_ms), pg_temp.ms(sql_ms),
                          pg_temp.ms(floor_ms), pg_temp.ratio(abm_sql), pg_temp.ratio(abm_floor),
                          target, pg_temp.met(met), round((100 * spread)::numeric)), E'\n' ORDER BY ord)
   FROM r),
'',
'## Memory: hashed GROUP BY with ' || pg_temp.n((SELECT max(groups) FROM m)) || ' groups',
'',
'Peak Memory Usage of the HashAggregate from `EXPLAIN (ANALYZE)` (serial, sorting disabled so ' ||
    'both use hashing; work_mem = ' || current_setting('work_mem') || ', hash_mem_multiplier = ' ||
    current_setting('hash_mem_multiplier') || '; batches > 1 means it spilled to disk). ' ||
    'Target: abm memory per group ≤ plain SQL''s.',
'',
'| case | groups | abm peak kB | SQL peak kB | abm B/group | SQL B/group | abm batches (disk kB) | SQL batches (disk kB) | abm ms | SQL ms | result |',
'|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
(SELECT string_agg(format('| %s | %s | %s | %s | %s | %s | %s (%s) | %s (%s) | %s | %s | %s |',
                          case_name, pg_temp.n(groups), pg_temp.n(abm_kb), pg_temp.n(sql_kb),
                          pg_temp.n(round(abm_bpg)), pg_temp.n(round(sql_bpg)),
                          coalesce(abm_batches::text, abm_strategy), coalesce(abm_disk_kb, 0),
                          coalesce(sql_batches::text, sql_strategy), coalesce(sql_disk_kb, 0),
                          pg_temp.ms(abm_ms), pg_temp.ms(sql_ms), pg_temp.met(met)),
                   E'\n' ORDER BY ord)
   FROM m),
'',
'## Targets missed',
'',
coalesce((SELECT string_agg(format('- %s [%s]: %s', case_name, mode,
                                   CASE class
                                       WHEN 'counting' THEN format('abm/SQL %s, abm/floor %s (targets 0.9, 1.15); ' ||
                                                                   'best of %s: %s, %s; SQL/floor is %s, so abm/SQL ≤ 0.9 ' ||
                                                                   'needs abm/floor ≤ %s',
                                                                   pg_temp.ratio(abm_sql), pg_temp.ratio(abm_floor),
                                                                   :reps, pg_temp.ratio(best_abm_sql), pg_temp.ratio(best_abm_floor),
                                                                   pg_temp.ratio(sql_ms / floor_ms),
                                                                   pg_temp.ratio(0.9 * sql_ms / floor_ms))
                                       WHEN 'rollup' THEN format('%s× faster (target 100×)', round((1 / abm_sql)::numeric, 1))
                                       WHEN 'window' THEN format('%s× faster (target 10×)', round((1 / abm_sql)::numeric, 1))
                                       WHEN 'reach_rollup' THEN format('%s× faster (target 20×)', round((1 / abm_sql)::numeric, 1))
                                       WHEN 'attribution' THEN format('abm/floor %s (%s); best of %s: %s',
                                                   pg_temp.ratio(abm_floor), target, :reps, pg_temp.ratio(best_abm_floor))
                                       WHEN 'attribution_sql' THEN format('abm/floor %s, abm/SQL %s (%s); best of %s: %s, %s',
                                                   pg_temp.ratio(abm_floor), pg_temp.ratio(abm_sql), target, :reps,
                                                   pg_temp.ratio(best_abm_floor), pg_temp.ratio(best_abm_sql))
                                       ELSE format('abm/SQL %s (%s); best of %s: %s',
                                                   pg_temp.ratio(abm_sql), target, :reps, pg_temp.ratio(best_abm_sql)) END
                                   || CASE WHEN spread > 0.15 THEN format(' — noisy (%s%%)', round((100 * spread)::numeric)) ELSE '' END),
                            E'\n' ORDER BY ord)
            FROM r WHERE NOT met), '- none (speed)'),
coalesce((SELECT string_agg(format('- memory, %s: abm %s B/group vs SQL %s B/group', case_name,
                                   round(abm_bpg), round(sql_bpg)), E'\n' ORDER BY ord)
            FROM m WHERE NOT met), '- none (memory)'),
'',
'## Notes',
'',
'- Plain-SQL recomputation of the moving window is PostgreSQL''s own count() with inverse ' ||
    'transitions, so it is as O(1) per row as abm''s; the "recomputed per row" row forces ' ||
    'PostgreSQL to restart the aggregate for each of the ' || pg_temp.n(:wrows) ||
    ' rows (a volatile FILTER disables moving-aggregate mode), which is what a window costs ' ||
    'without inverse transition functions.',
'- Rollup: ' || pg_temp.n(:rows) || ' raw rows against ' ||
    (SELECT pg_temp.n(count(*)) FROM nps_daily) || ' stored NPS summaries, ' ||
    (SELECT round(:rows::numeric / count(*), 1) FROM nps_daily) || ' raw rows per summary. ' ||
    'A speed-up beyond that factor needs reading and combining a summary to cost less than ' ||
    'scanning one raw row; compare abm/floor of the rollup rows (combining) with the scan floor.',
'- The plain-SQL funnel counts `reached_at[k]` per stage, which is right only because the ' ||
    'generated data never skips a stage; abm also handles skipped stages.',
'- Aggregates not timed here share a timed one''s transition function: conversion_rate and ' ||
    'ratio_agg(boolean) use win_rate''s; rate, vtr, open_rate, click_rate, click_to_open_rate and ' ||
    'unsubscribe_rate use ctr''s; score_agg uses nps_score''s; retention_agg uses nrr''s; cost_agg uses ' ||
    'cac''s and cpl''s.'
);
