-- make bench: timing and checking machinery (server side, PL/pgSQL).
--
-- A query is timed by the "Execution Time" of
-- EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON): executor time on the server,
-- without parsing, planning or sending rows to the client.

CREATE TABLE bench_sample (
    case_name text, mode text, variant text, rep int, ms float8, workers int, jit boolean);

CREATE TABLE bench_result (
    ord serial, section text, case_name text, class text, mode text, nrows bigint,
    abm_ms float8, sql_ms float8, floor_ms float8,
    abm_workers int, sql_workers int, floor_workers int, jit text, note text,
    abm_min float8, sql_min float8, floor_min float8, spread float8);

CREATE TABLE bench_memory (
    ord serial, case_name text, groups bigint,
    abm_kb bigint, sql_kb bigint, abm_batches int, sql_batches int,
    abm_disk_kb bigint, sql_disk_kb bigint, abm_ms float8, sql_ms float8,
    abm_strategy text, sql_strategy text);

-- Execution time (ms), the number of parallel workers launched, and whether
-- the query was JIT-compiled (jit_above_cost).
CREATE FUNCTION bench_explain(q text, OUT ms float8, OUT workers int, OUT jit boolean)
LANGUAGE plpgsql AS $$
DECLARE
    j jsonb;
BEGIN
    EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) ' || q INTO j;
    ms := (j -> 0 ->> 'Execution Time')::float8;
    jit := (j -> 0) ? 'JIT';
    SELECT coalesce(sum(w::text::int), 0) INTO workers
      FROM jsonb_path_query(j, 'strict $.**."Workers Launched"') AS w;
END $$;

-- Fail loudly unless queries a and b give the same rows: the same number of
-- rows, matched in the order of keys, and in every column of a the same value
-- as b's column of that name (numbers exactly when exact, else within 1e-12
-- relative: float8 KPIs against numeric SQL).
CREATE FUNCTION bench_check(label text, a text, b text, keys text, exact boolean)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    o text := CASE WHEN keys IS NULL THEN '' ELSE 'ORDER BY ' || keys END;
    conds text;
    bad bigint;
    total bigint;
    first_a jsonb;
    first_b jsonb;
BEGIN
    EXECUTE 'CREATE TEMPORARY VIEW bench_check_cols AS ' || a;
    SELECT string_agg(
               CASE WHEN t.typcategory = 'N' THEN
                   format(CASE WHEN exact THEN '(a.%1$I::numeric = b.%1$I::numeric)'
                          ELSE '(abs(a.%1$I::numeric - b.%1$I::numeric) <= 1e-12 * greatest(abs(b.%1$I::numeric), 1))' END,
                          att.attname)
               ELSE format('(a.%1$I::text = b.%1$I::text)', att.attname) END
               || format(' OR (a.%1$I IS NULL AND b.%1$I IS NULL)', att.attname),
               ') AND (' ORDER BY att.attnum)
      INTO conds
      FROM pg_attribute att JOIN pg_type t ON t.oid = att.atttypid
     WHERE att.attrelid = 'bench_check_cols'::regclass AND att.attnum > 0;
    DROP VIEW bench_check_cols;

    EXECUTE format(
        'WITH a AS (SELECT row_number() OVER (%1$s) AS bench_rn, t.* FROM (%2$s) AS t),'
        '     b AS (SELECT row_number() OVER (%1$s) AS bench_rn, t.* FROM (%3$s) AS t),'
        '     c AS (SELECT a, b, coalesce(a.bench_rn IS NOT NULL AND b.bench_rn IS NOT NULL AND ((%4$s)), false) AS ok'
        '             FROM a FULL JOIN b ON a.bench_rn = b.bench_rn)'
        ' SELECT count(*) FILTER (WHERE NOT ok), count(*),'
        '        (array_agg(to_jsonb(c.a)) FILTER (WHERE NOT ok))[1],'
        '        (array_agg(to_jsonb(c.b)) FILTER (WHERE NOT ok))[1]'
        '   FROM c', o, a, b, conds)
        INTO bad, total, first_a, first_b;
    IF bad > 0 OR total = 0 THEN
        RAISE EXCEPTION 'bench: % gives a different answer from its plain-SQL equivalent (% of % rows differ)',
            label, bad, total
            USING DETAIL = format(E'abm: %s\nSQL: %s\nabm query: %s\nSQL query: %s',
                                  first_a, first_b, a, b);
    END IF;
    RETURN total;
END $$;

-- One KPI case in the modes given: 'par0' / 'par2' (no grouping, with
-- max_parallel_workers_per_gather 0 / 2) and 'grouped' (GROUP BY the
-- 1,000-value segment column, max_parallel_workers_per_gather 0).
-- Queries are templates: {k} becomes '' or 'segment, ', {g} becomes '' or
-- ' GROUP BY segment'. keys: extra ordering columns of the result (e.g.
-- 'position' for the funnel). The abm and SQL queries are checked to agree,
-- then each of abm, SQL and floor is run reps times in turn; medians kept.
CREATE PROCEDURE bench_case(
    p_section text, p_case text, p_class text, p_rows bigint,
    p_abm text, p_sql text, p_floor text,
    p_keys text DEFAULT NULL, p_exact boolean DEFAULT false,
    p_modes text[] DEFAULT '{par0,par2,grouped}', p_note text DEFAULT NULL)
LANGUAGE plpgsql AS $$
DECLARE
    reps int := current_setting('bench.reps')::int;
    m text;
    k text;
    g text;
    keys text;
    q text[];
    variants text[] := ARRAY['abm', 'sql', 'floor'];
    t record;
    checked bigint;
BEGIN
    FOREACH m IN ARRAY p_modes LOOP
        IF m = 'grouped' THEN
            k := 'segment, ';
            g := ' GROUP BY segment';
            keys := concat_ws(', ', 'segment', p_keys);
        ELSE
            k := '';
            g := '';
            keys := p_keys;
        END IF;
        PERFORM set_config('max_parallel_workers_per_gather',
                           CASE m WHEN 'par2' THEN '2' ELSE '0' END, false);
        q := ARRAY[replace(replace(p_abm, '{k}', k), '{g}', g),
                   replace(replace(p_sql, '{k}', k), '{g}', g),
                   replace(replace(p_floor, '{k}', k), '{g}', g)];

        checked := bench_check(p_case || ' [' || m || ']', q[1], q[2], keys, p_exact);

        FOR r IN 1..reps LOOP
            FOR v IN 1..3 LOOP
                CONTINUE WHEN q[v] IS NULL;
                SELECT * INTO t FROM bench_explain(q[v]);
                INSERT INTO bench_sample VALUES (p_case, m, variants[v], r, t.ms, t.workers, t.jit);
            END LOOP;
        END LOOP;

        INSERT INTO bench_result (section, case_name, class, mode, nrows, abm_ms, sql_ms, floor_ms,
                                  abm_workers, sql_workers, floor_workers, jit, note,
                                  abm_min, sql_min, floor_min, spread)
        SELECT p_section, p_case, p_class, m, p_rows,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE variant = 'abm'),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE variant = 'sql'),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE variant = 'floor'),
               max(workers) FILTER (WHERE variant = 'abm'),
               max(workers) FILTER (WHERE variant = 'sql'),
               max(workers) FILTER (WHERE variant = 'floor'),
               nullif(concat_ws(', ', CASE WHEN bool_or(jit) FILTER (WHERE variant = 'abm') THEN 'abm' END,
                                CASE WHEN bool_or(jit) FILTER (WHERE variant = 'sql') THEN 'SQL' END,
                                CASE WHEN bool_or(jit) FILTER (WHERE variant = 'floor') THEN 'floor' END), ''),
               p_note,
               min(ms) FILTER (WHERE variant = 'abm'),
               min(ms) FILTER (WHERE variant = 'sql'),
               min(ms) FILTER (WHERE variant = 'floor'),
               (SELECT max((hi - lo) / med)
                  FROM (SELECT max(ms) AS hi, min(ms) AS lo,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS med
                          FROM bench_sample
                         WHERE case_name = p_case AND mode = m GROUP BY variant) AS x)
          FROM bench_sample WHERE case_name = p_case AND mode = m;

        SELECT * INTO t FROM bench_result ORDER BY ord DESC LIMIT 1;
        RAISE NOTICE '% [%]: abm % ms, SQL % ms, floor % ms (checked % result rows)',
            p_case, m, round(t.abm_ms::numeric, 1), round(t.sql_ms::numeric, 1),
            coalesce(round(t.floor_ms::numeric, 1)::text, '-'), checked;
    END LOOP;
    RESET max_parallel_workers_per_gather;
END $$;

-- Peak memory of a hashed GROUP BY: abm aggregate against plain SQL, each
-- run once with EXPLAIN (ANALYZE) (memory figures are deterministic), no
-- parallelism, sorting disabled so that both use a HashAggregate.
CREATE PROCEDURE bench_memory_case(p_case text, p_abm text, p_sql text)
LANGUAGE plpgsql AS $$
DECLARE
    ja jsonb;
    js jsonb;
    na jsonb;
    ns jsonb;
BEGIN
    SET LOCAL max_parallel_workers_per_gather = 0;
    SET LOCAL enable_sort = off;
    EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) ' || p_abm INTO ja;
    EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) ' || p_sql INTO js;
    SELECT n INTO na FROM jsonb_path_query(ja, 'strict $.**? (@."Node Type" == "Aggregate")') AS n LIMIT 1;
    SELECT n INTO ns FROM jsonb_path_query(js, 'strict $.**? (@."Node Type" == "Aggregate")') AS n LIMIT 1;
    INSERT INTO bench_memory (case_name, groups, abm_kb, sql_kb, abm_batches, sql_batches,
                              abm_disk_kb, sql_disk_kb, abm_ms, sql_ms, abm_strategy, sql_strategy)
    VALUES (p_case, (na ->> 'Actual Rows')::numeric::bigint,
            (na ->> 'Peak Memory Usage')::bigint, (ns ->> 'Peak Memory Usage')::bigint,
            (na ->> 'HashAgg Batches')::int, (ns ->> 'HashAgg Batches')::int,
            (na ->> 'Disk Usage')::bigint, (ns ->> 'Disk Usage')::bigint,
            (ja -> 0 ->> 'Execution Time')::float8, (js -> 0 ->> 'Execution Time')::float8,
            na ->> 'Strategy', ns ->> 'Strategy');
    RAISE NOTICE '%: abm peak % kB (% batches), SQL peak % kB (% batches), % groups',
        p_case, na ->> 'Peak Memory Usage', na ->> 'HashAgg Batches',
        ns ->> 'Peak Memory Usage', ns ->> 'HashAgg Batches', na ->> 'Actual Rows';
END $$;
