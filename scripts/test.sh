#!/usr/bin/env bash
# make test: on Debian 12, install what is missing, build and install abm,
# start a throwaway PostgreSQL 15 cluster, and run in it: pg_regress (make
# installcheck; sql/ and expected/) first; then the client test (JDBC and
# psycopg2, clients/run_clients.sh), the META.json check and the docs' SQL
# examples (clients/run_doc_examples.py) and the pg_dump/pg_restore round
# trip (scripts/dump_restore.sh), a short fuzz run (fuzz/fuzz.py), a small demo warehouse and its dashboard;
# then pgTAP (pg_prove over
# test/*.sql) last, so the output ends with pg_prove's summary. Exits non-zero
# when any of them fails.
#
# Before all that, a short SQLsmith run (2,000 queries, scripts/sqlsmith.sh)
# in a cluster of its own.
#
# Usage: scripts/test.sh     (from any directory; as root it installs packages)
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Runs inside the cluster (abm_in_cluster sets PGHOST, PGPORT, ...).
run_suites() {
    cd "$ABM_ROOT"
    local regress_rc=0 clients_rc=0 docs_rc=0 dump_rc=0 fuzz_rc=0 demo_rc=0 prove_rc=0 tests

    abm_say "pg_regress: make installcheck (PostgreSQL $ABM_PG_VERSION on port $PGPORT)"
    rm -rf results regression.diffs regression.out
    make --no-print-directory installcheck PG_CONFIG="$ABM_PG_CONFIG" || regress_rc=$?
    if ((regress_rc != 0)); then
        if [[ -f regression.diffs ]]; then
            echo "---- regression.diffs ----"
            cat regression.diffs
            echo "---- end of regression.diffs ----"
        fi
        abm_print_server_log 100 || true
        echo "pg_regress FAILED (exit $regress_rc): make test will fail whatever pgTAP says"
    fi

    abm_say "clients: dashboard queries through JDBC and psycopg2 (clients/run_clients.sh)"
    ABM_SCRATCH=$ABM_SCRATCH bash clients/run_clients.sh || clients_rc=$?
    if ((clients_rc != 0)); then
        abm_print_server_log 100 || true
        echo "client test FAILED (exit $clients_rc): make test will fail whatever pgTAP says"
    fi

    abm_say "docs: META.json, and every SQL block of README.md and docs/*.md (clients/run_doc_examples.py)"
    /usr/bin/python3 clients/check_meta.py || docs_rc=$?
    /usr/bin/python3 clients/run_doc_examples.py || docs_rc=$?
    if ((docs_rc != 0)); then
        abm_print_server_log 100 || true
        echo "doc check FAILED (exit $docs_rc): make test will fail whatever pgTAP says"
    fi

    abm_say "durability: pg_dump / pg_restore of every abm type, from this version and from 1.1 (scripts/dump_restore.sh)"
    PG_BINDIR=$ABM_PG_BINDIR bash scripts/dump_restore.sh || dump_rc=$?
    # A dump of summaries stored under 1.1, restored under the current version.
    PG_BINDIR=$ABM_PG_BINDIR ABM_DUMP_FROM=1.1 bash scripts/dump_restore.sh || dump_rc=$?
    if ((dump_rc != 0)); then
        abm_print_server_log 100 || true
        echo "dump/restore test FAILED (exit $dump_rc): make test will fail whatever pgTAP says"
    fi

    abm_say "hardening: 5,000 fuzzed text and binary inputs per type (fuzz/fuzz.py; make fuzz runs 100,000)"
    local log
    log=$(abm_server_log)
    /usr/bin/python3 fuzz/fuzz.py --cases 5000 --seed 1 ${log:+--server-log "$log"} || fuzz_rc=$?
    if ((fuzz_rc != 0)); then
        abm_print_server_log 100 || true
        echo "fuzz FAILED (exit $fuzz_rc): make test will fail whatever pgTAP says"
    fi

    abm_say "demo: the warehouse at SCALE=0.05, its invariants and its dashboard (demo/*.sql)"
    psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE DATABASE abm_demo_smoke'
    if PGDATABASE=abm_demo_smoke psql -X -q -v ON_ERROR_STOP=1 -P footer=off \
        -c 'CREATE EXTENSION abm' -v scale=0.05 -f demo/warehouse.sql -f demo/invariants.sql \
        -f demo/dashboard.sql \
        >"$ABM_SCRATCH/demo.out" 2>&1 &&
        grep -q 'mean of daily NPS' "$ABM_SCRATCH/demo.out"; then
        echo "demo dashboard: $(wc -l <"$ABM_SCRATCH/demo.out") lines, ok"
    else
        cat "$ABM_SCRATCH/demo.out"
        echo "demo FAILED: make test will fail whatever pgTAP says"
        demo_rc=1
    fi

    abm_say "pgTAP: pg_prove test/*.sql"
    tests=(test/*.sql)
    if [[ ! -e ${tests[0]} ]]; then
        echo "error: no pgTAP tests (test/*.sql)" >&2
        return 1
    fi
    # A database of its own: each test file creates the extensions it needs
    # (CREATE EXTENSION IF NOT EXISTS; the NOTICEs of the repeats are muted).
    psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE DATABASE abm_prove'
    PGDATABASE=abm_prove PGOPTIONS='-c client_min_messages=warning' \
        pg_prove --failures --comments "${tests[@]}" 2>&1 |
        tee "$ABM_SCRATCH/pg_prove.out" || prove_rc=$?

    # After a server log, end with pg_prove's summary all the same.
    if ((prove_rc != 0)) && abm_print_server_log 100; then
        if grep -q '^Test Summary Report' "$ABM_SCRATCH/pg_prove.out"; then
            sed -n '/^Test Summary Report/,$p' "$ABM_SCRATCH/pg_prove.out"
        else
            tail -n 3 "$ABM_SCRATCH/pg_prove.out"
        fi
    fi
    ((regress_rc == 0 && clients_rc == 0 && docs_rc == 0 && dump_rc == 0 && fuzz_rc == 0 && demo_rc == 0 && prove_rc == 0))
}

# Warnings fail the build here (and in CI), not in a user's own make.
export ABM_WERROR=1

if [[ ${1:-} == --in-cluster ]]; then
    run_suites
    exit
fi

abm_setup

# SQLsmith first, in a cluster of its own (it changes server settings and
# restarts the server), so that the output still ends with pg_prove's summary.
sqlsmith_rc=0
bash "$ABM_ROOT/scripts/sqlsmith.sh" 2000 1 || sqlsmith_rc=$?
((sqlsmith_rc == 0)) || echo "sqlsmith FAILED (exit $sqlsmith_rc): make test will fail whatever pgTAP says"

abm_say "starting a throwaway PostgreSQL $ABM_PG_VERSION cluster"
suites_rc=0
abm_in_cluster bash "$ABM_ROOT/scripts/test.sh" --in-cluster || suites_rc=$?
((sqlsmith_rc == 0 && suites_rc == 0))
