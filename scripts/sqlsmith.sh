#!/usr/bin/env bash
# SQLsmith against abm: random queries built from the catalog (PostgreSQL's
# own functions, operators and aggregates and abm's) over tables holding
# every abm type (fuzz/sqlsmith_schema.sql), in a throwaway PostgreSQL 15
# cluster. Fails when the server log shows a backend killed by a signal, an
# assertion failure (TRAP:), a PANIC or a crash-restart of the server; it
# then prints the query the crashed backend was running. Errors raised by the
# queries (most of them: SQLsmith's queries are random) are expected and
# only counted.
#
# Usage: scripts/sqlsmith.sh [QUERIES [SEED]]
#   QUERIES  queries to generate (default 20000; make test runs 2000)
#   SEED     SQLsmith's random seed (default 1), so a run can be repeated
#
# Needs Debian's sqlsmith package (apt-get install sqlsmith). Like
# scripts/test.sh it installs the other Debian packages that are missing
# (as root), builds and installs abm. Artefacts are kept in
# tmp_check/sqlsmith/: queries.sql (every generated query, in order, each
# ending with ";"), sqlsmith.err (SQLsmith's progress and error ranking),
# server.log (this run's part of the server log), and the lists of abm
# functions exercised and not exercised.
#
# SQLsmith runs as a role of its own, not a superuser: PostgreSQL's
# superuser-only functions (pg_terminate_backend of other roles' sessions,
# pg_reload_conf, file access ...) fail instead of damaging the run, and the
# role can read every table but write only abm_scratch (SQLsmith's INSERT,
# UPDATE, DELETE and MERGE statements commit). Each statement has a 1 s
# statement_timeout (SQLsmith sets it; the database sets it as well).
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ABM_SQLSMITH_DB=abm_sqlsmith
ABM_SQLSMITH_ROLE=abm_smith

run_sqlsmith() {
    local queries=$1 seed=$2
    local out=$ABM_SCRATCH/sqlsmith
    local log offset rc=0 start elapsed crashes
    cd "$ABM_ROOT"
    rm -rf "$out"
    mkdir -p "$out"

    log=$(abm_server_log)
    [[ -n $log && -r $log ]] || abm_die "cannot find the server log"

    # Settings that need a restart: the full query text of a crashed backend
    # in the postmaster's "Failed process was running" line, and
    # pg_stat_statements (which aggregates ran in completed queries).
    # track_functions = all counts calls of abm's C functions.
    abm_cluster_set track_activity_query_size 64kB
    abm_cluster_set shared_preload_libraries pg_stat_statements
    abm_cluster_set pg_stat_statements.max $((queries + 1000))
    abm_cluster_set track_functions all
    # The SQLSTATE of each error (%e), to count errors by kind.
    abm_cluster_set log_line_prefix '%m [%p] %e %q%u@%d '
    abm_cluster_restart
    offset=$(stat -c %s "$log")

    abm_say "sqlsmith: database $ABM_SQLSMITH_DB (fuzz/sqlsmith_schema.sql), role $ABM_SQLSMITH_ROLE"
    psql -X -q -v ON_ERROR_STOP=1 -d postgres <<SQL
CREATE EXTENSION pg_stat_statements; -- here, out of SQLsmith's sight
CREATE ROLE $ABM_SQLSMITH_ROLE LOGIN PASSWORD '$PGPASSWORD';
CREATE DATABASE $ABM_SQLSMITH_DB;
ALTER DATABASE $ABM_SQLSMITH_DB SET statement_timeout = '1s';
SQL
    psql -X -q -v ON_ERROR_STOP=1 -d "$ABM_SQLSMITH_DB" \
        -c 'SET client_min_messages = warning' \
        -c 'CREATE EXTENSION abm' \
        -f fuzz/sqlsmith_schema.sql \
        -c "GRANT SELECT ON ALL TABLES IN SCHEMA public TO $ABM_SQLSMITH_ROLE" \
        -c "GRANT INSERT, UPDATE, DELETE ON abm_scratch TO $ABM_SQLSMITH_ROLE" \
        -c 'SELECT pg_stat_reset()' >/dev/null
    psql -X -q -v ON_ERROR_STOP=1 -d postgres -c 'SELECT pg_stat_statements_reset()' >/dev/null

    abm_say "sqlsmith: $queries queries, seed $seed"
    start=$SECONDS
    # --exclude-catalog: no queries over pg_catalog and information_schema
    # tables (the catalog's functions are still used). The time limit is a
    # safety net only: a run takes about 10 ms a query.
    timeout --kill-after=30 $((600 + queries / 10)) \
        sqlsmith --target="dbname=$ABM_SQLSMITH_DB host=$PGHOST port=$PGPORT user=$ABM_SQLSMITH_ROLE" \
        --max-queries="$queries" --seed="$seed" --exclude-catalog --verbose --dump-all-queries \
        >"$out/queries.sql" 2>"$out/sqlsmith.err" || rc=$?
    elapsed=$((SECONDS - start))
    sleep 1 # the statistics of sqlsmith's last session

    tail -c +$((offset + 1)) "$log" >"$out/server.log"

    report_errors "$out" "$queries" "$elapsed"
    report_coverage "$out"

    crashes=$(grep -Ec "$ABM_CRASH_RE" "$out/server.log" || true)
    if ((crashes > 0)); then
        echo "---- crashes in the server log ($out/server.log) ----"
        print_crashes "$out/server.log"
        echo "---- end of crashes ----"
        echo "sqlsmith FAILED: $crashes crash line(s) in the server log; every query is in $out/queries.sql"
        return 1
    fi
    if ((rc != 0)); then
        echo "sqlsmith FAILED: sqlsmith exited with status $rc (124: time limit); see $out/sqlsmith.err"
        tail -n 20 "$out/sqlsmith.err"
        return 1
    fi
    echo "sqlsmith: PASS, no crash in $queries queries (seed $seed, ${elapsed}s)"
}

# Queries run and errors by kind, from SQLsmith's progress characters
# (. ok, e error, t timeout, S syntax error, C connection lost) and its
# ranking of error messages.
report_errors() {
    local out=$1 queries=$2 elapsed=$3 progress
    progress=$(grep -E '^[.eStC]+$' "$out/sqlsmith.err" | tr -d '\n' || true)
    local ok=${progress//[^.]/} err=${progress//[^e]/} tmo=${progress//[^t]/} syn=${progress//[^S]/} lost=${progress//[^C]/}
    abm_say "sqlsmith: $queries queries in ${elapsed}s: ${#ok} ok, ${#err} errors, ${#tmo} timeouts, ${#syn} syntax errors, ${#lost} connections lost"
    echo "most frequent errors (SQLsmith's ranking; all in $out/sqlsmith.err):"
    # SQLsmith repeats its ranking as it goes: the last one covers the run.
    awk '/^queries: / { n = 0; delete top } /^[0-9]+\t/ { top[++n] = $0 } END { for (i = 1; i <= n && i <= 12; i++) print "  " top[i] }' \
        "$out/sqlsmith.err" || true
    echo "errors by SQLSTATE (server log; a parallel worker's error is logged twice):"
    sed -nE 's/^[0-9-]+ [0-9:.]+ [A-Z]+ \[[0-9]+\] ([0-9A-Z]{5}) .*ERROR: .*/\1/p' "$out/server.log" |
        sort | uniq -c | sort -rn | head -n 10 | sed 's/^/  /' || true
    echo "abm's own errors (by message, numbers and quoted values elided):"
    sed -nE 's/^.* ERROR: +//p' "$out/server.log" |
        grep -E 'abm|summary|score|scale_max|funnel|reached_at|confidence|negative|finite|numerator|successes|contract term|one_time_fees|decimal places|must lie' |
        grep -Ev '^(operator does not exist|could not identify|permission denied|function .* does not exist|COALESCE|UNION|CASE|argument of|column|cannot cast|duplicate key|null value in column|negative substring)' |
        sed -E 's/"[^"]*"/"…"/g; s/-?[0-9][0-9.e+-]*/N/g' | sort | uniq -c | sort -rn | head -n 15 | sed 's/^/  /' || true
}

# How much of abm the run reached: abm's C functions called (track_functions;
# a strict function called with a NULL is not called, and transition and
# final functions called by an aggregate are not counted there), abm's
# aggregates in queries that completed (pg_stat_statements), and abm's
# routine names in the generated queries.
report_coverage() {
    local out=$1
    psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$ABM_SQLSMITH_DB" \
        -c "SELECT DISTINCT p.proname FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass
              AND d.objid = p.oid AND d.deptype = 'e'
              JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'abm'" |
        LC_ALL=C sort >"$out/abm_names.txt"
    grep -oE 'public\.[a-z_0-9]+\(' "$out/queries.sql" | sed -E 's/^public\.//; s/\($//' | LC_ALL=C sort -u |
        LC_ALL=C comm -12 - "$out/abm_names.txt" >"$out/abm_names_generated.txt" || true
    # abm's functions and aggregates, and the C functions called.
    psql -X -q -A -t -F ' ' -v ON_ERROR_STOP=1 -d "$ABM_SQLSMITH_DB" >"$out/abm_coverage.txt" <<SQL
CREATE TEMPORARY VIEW abm AS
    SELECT p.oid, p.proname, p.prokind, p.oid::regprocedure::text AS sig
    FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'abm';
CREATE TEMPORARY VIEW called AS
    SELECT a.sig, s.calls FROM abm a JOIN pg_stat_user_functions s ON s.funcid = a.oid WHERE s.calls > 0;
SELECT 'functions', count(*) FILTER (WHERE prokind = 'f'), 'aggregates', count(*) FILTER (WHERE prokind = 'a'),
       'called', (SELECT count(*) FROM called), 'calls', (SELECT coalesce(sum(calls), 0) FROM called) FROM abm;
SELECT 'called ' || sig || ' ' || calls FROM called ORDER BY calls DESC;
SELECT 'aggregate_name ' || string_agg(DISTINCT proname, ' ') FROM abm WHERE prokind = 'a';
SQL
    # abm's aggregates named in statements that completed (pg_stat_statements
    # keeps only those), and how many completed statements name abm routines.
    local aggs names
    aggs=$(sed -n 's/^aggregate_name //p' "$out/abm_coverage.txt")
    names=$(tr '\n' ' ' <"$out/abm_names.txt")
    psql -X -q -A -t -F ' ' -v ON_ERROR_STOP=1 -d postgres -v aggs="$aggs" -v names="$names" \
        >"$out/abm_statements.txt" <<'SQL'
CREATE TEMPORARY VIEW stmts AS
    SELECT s.query FROM pg_stat_statements s
    WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = 'abm_sqlsmith')
      AND s.userid = (SELECT oid FROM pg_roles WHERE rolname = 'abm_smith');
SELECT 'statements', (SELECT count(*) FROM stmts),
       (SELECT count(*) FROM stmts s WHERE EXISTS (
            SELECT FROM unnest(string_to_array(:'names', ' ')) n WHERE n <> '' AND s.query ~ ('public\.' || n || '\('))),
       (SELECT count(*) FROM unnest(string_to_array(:'aggs', ' ')) n
        WHERE EXISTS (SELECT FROM stmts s WHERE s.query ~ ('public\.' || n || '\(')));
SELECT 'aggregate ' || n FROM unnest(string_to_array(:'aggs', ' ')) n
WHERE EXISTS (SELECT FROM stmts s WHERE s.query ~ ('public\.' || n || '\(')) ORDER BY 1;
SQL
    local n_f n_a n_an n_called n_calls n_aggs n_stmts n_abm_stmts n_names n_gen
    read -r _ n_f _ n_a _ n_called _ n_calls < <(sed -n 1p "$out/abm_coverage.txt")
    read -r _ n_stmts n_abm_stmts n_aggs < <(sed -n 1p "$out/abm_statements.txt")
    n_an=$(wc -w <<<"$aggs")
    n_names=$(wc -l <"$out/abm_names.txt")
    n_gen=$(wc -l <"$out/abm_names_generated.txt")
    abm_say "sqlsmith: abm coverage"
    echo "  abm routine names in generated queries:          $n_gen of $n_names ($out/abm_names_generated.txt)"
    echo "  abm C functions called (track_functions):        $n_called of $n_f functions, $n_calls calls"
    echo "  abm aggregate names in completed queries:        $n_aggs of $n_an names ($n_a aggregates)"
    echo "  completed statements (pg_stat_statements):       $n_stmts, $n_abm_stmts of them naming an abm routine"
    LC_ALL=C comm -23 "$out/abm_names.txt" "$out/abm_names_generated.txt" >"$out/abm_names_not_generated.txt"
    if [[ -s $out/abm_names_not_generated.txt ]]; then
        echo "  never generated: $(tr '\n' ' ' <"$out/abm_names_not_generated.txt")"
    fi
}

# Each crash line of the server log with the query the backend was running
# (the DETAIL line after it, which may span lines).
print_crashes() {
    awk -v re="$ABM_CRASH_RE" '
        $0 ~ re { print; show = 1; next }
        show && /Failed process was running:/ { print; inq = 1; next }
        inq && /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / { inq = 0; show = 0 }
        inq { print }
    ' "$1" | head -n 400
}

if [[ ${1:-} == --in-cluster ]]; then
    run_sqlsmith "$2" "$3"
    exit
fi

QUERIES=${1:-20000}
SEED=${2:-1}
[[ $QUERIES =~ ^[1-9][0-9]*$ ]] || abm_die "QUERIES must be a positive integer, not '$QUERIES'"
[[ $SEED =~ ^[0-9]+$ ]] || abm_die "SEED must be a non-negative integer, not '$SEED'"

abm_setup
# After abm_setup, which installs it once common.sh lists it in ABM_PACKAGES.
command -v sqlsmith >/dev/null ||
    abm_die "sqlsmith not found: install Debian's package (sudo apt-get install sqlsmith)"
abm_say "starting a throwaway PostgreSQL $ABM_PG_VERSION cluster"
abm_in_cluster bash "$ABM_ROOT/scripts/sqlsmith.sh" --in-cluster "$QUERIES" "$SEED"
