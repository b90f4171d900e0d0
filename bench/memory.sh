#!/usr/bin/env bash
# make bench-memory [MEMORY_ROWS=n]: does every kind of abm aggregate run in
# bounded memory however many rows it reads? In a throwaway PostgreSQL 15
# cluster, each case aggregates a generated series of SMALL rows and then of
# MEMORY_ROWS rows (default 100,000,000), each in a fresh session, and reads
# the backend's peak resident memory (VmHWM of /proc/self/status, through
# pg_read_file) after the query. The case is bounded when the peak at
# MEMORY_ROWS is no more than the peak at SMALL rows plus a margin (8 MB:
# shared buffers the scan touches are counted in RSS too). count(*) over the
# same series is the reference. Serial plans; work_mem 4MB, so the series'
# tuplestore spills to disk as it would for any large function scan.
#
# Writes bench/memory.md (and prints it); exits 1 when a case is not bounded.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/common.sh
source "$BENCH_DIR/../scripts/common.sh"

MEMORY_ROWS=${MEMORY_ROWS:-100000000}
SMALL_ROWS=${SMALL_ROWS:-1000000}
MARGIN_KB=8192
[[ $MEMORY_ROWS =~ ^[0-9]+$ ]] && ((MEMORY_ROWS >= SMALL_ROWS)) ||
    abm_die "MEMORY_ROWS must be a whole number >= $SMALL_ROWS (got '$MEMORY_ROWS')"

# name|query over g, a bigint from generate_series(1, :rows)
CASES=(
    "count(*) (reference)|SELECT count(*) FROM generate_series(1, :rows) AS g"
    "win_rate(boolean)|SELECT win_rate(g % 3 = 0) FROM generate_series(1, :rows) AS g"
    "win_rate(boolean, numeric)|SELECT win_rate(g % 3 = 0, (g % 100000) / 100.0) FROM generate_series(1, :rows) AS g"
    "ctr(bigint, bigint)|SELECT ctr(g % 7, 10) FROM generate_series(1, :rows) AS g"
    "nps_score(integer)|SELECT nps_score((g % 11)::integer) FROM generate_series(1, :rows) AS g"
    "csat(integer)|SELECT csat((g % 5 + 1)::integer) FROM generate_series(1, :rows) AS g"
    "nrr(numeric, numeric)|SELECT nrr((g % 1000)::numeric, (g % 1300)::numeric) FROM generate_series(1, :rows) AS g"
    "cac(numeric, boolean)|SELECT cac((g % 5000) / 100.0, g % 50 = 0) FROM generate_series(1, :rows) AS g"
    "funnel_agg(abm_stage, numeric)|SELECT stage_accounts(funnel_agg(abm_stage((g % 6 + 1)::integer), (g % 900)::numeric), 'won') FROM generate_series(1, :rows) AS g"
    "funnel_agg(timestamptz[])|SELECT stage_accounts(funnel_agg(ARRAY[t, t + interval '3 days', CASE WHEN g % 2 = 0 THEN t + interval '9 days' END, NULL, NULL, NULL]), 'opportunity') FROM generate_series(1, :rows) AS g, LATERAL (SELECT timestamptz '2025-01-01' + g * interval '1 second') AS x(t)"
    "rollup(score_summary)|SELECT responses(rollup(s)) FROM generate_series(1, :rows) AS g, (SELECT score_agg(v) FROM generate_series(0, 10) AS v) AS c(s)"
    "nps_score, moving 90-row window|SELECT max(n) FROM (SELECT nps_score((g % 11)::integer) OVER (ORDER BY g ROWS 89 PRECEDING) AS n FROM generate_series(1, :rows) AS g) AS w"
)

peak_kb() {
    local rows=$1 query=$2
    psql -X -q -v ON_ERROR_STOP=1 -At \
        -c "SET max_parallel_workers_per_gather = 0" -c "SET work_mem = '4MB'" -c "SET jit = off" \
        -c "${query//:rows/$rows}" \
        -c "SELECT substring(pg_read_file('/proc/self/status') FROM 'VmHWM:\s+(\d+) kB')" |
        tail -n 1
}

in_cluster() {
    psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION abm'
    local out=$BENCH_DIR/memory.md.new failed=0 entry name query small large start
    {
        echo "# Peak backend memory of abm aggregates, $SMALL_ROWS vs $MEMORY_ROWS rows"
        echo
        echo "PostgreSQL $(psql -X -At -c 'SHOW server_version'), $(nproc) cores, $(date -u +%Y-%m-%d)." \
            "Peak resident memory (VmHWM) of a fresh backend after one query; serial plan, work_mem 4MB."
        echo "Bounded: the peak at $MEMORY_ROWS rows is at most the peak at $SMALL_ROWS rows + $((MARGIN_KB / 1024)) MB."
        echo
        echo "| case | peak KB, $SMALL_ROWS rows | peak KB, $MEMORY_ROWS rows | growth KB | seconds | bounded |"
        echo "|---|---:|---:|---:|---:|---|"
    } >"$out"
    for entry in "${CASES[@]}"; do
        name=${entry%%|*}
        query=${entry#*|}
        small=$(peak_kb "$SMALL_ROWS" "$query")
        start=$SECONDS
        large=$(peak_kb "$MEMORY_ROWS" "$query")
        local verdict=yes
        if ((large > small + MARGIN_KB)); then
            verdict=NO
            failed=1
        fi
        printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$small" "$large" "$((large - small))" \
            "$((SECONDS - start))" "$verdict" | tee -a "$out"
    done
    mv "$out" "$BENCH_DIR/memory.md"
    echo
    cat "$BENCH_DIR/memory.md"
    return "$failed"
}

if [[ ${1:-} == --in-cluster ]]; then
    in_cluster
    exit
fi

abm_setup
abm_say "memory: $SMALL_ROWS vs $MEMORY_ROWS rows per case (throwaway PostgreSQL $ABM_PG_VERSION cluster)"
abm_in_cluster bash "$BENCH_DIR/memory.sh" --in-cluster
