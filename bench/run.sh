#!/usr/bin/env bash
# make bench [ROWS=n]: abm's KPI aggregates against the plain SQL a careful
# analyst would write and against the scan floor (count() over the same
# columns), in a throwaway PostgreSQL 15 cluster.
#
#   ROWS       rows per generated table (default 10000000)
#   REPS       timed runs per query; the median is reported
#              (default 5, or 3 when ROWS >= 5000000)
#   BENCH_SHARED_BUFFERS, BENCH_WORK_MEM   server settings (default 8GB, 256MB)
#   BENCH_JIT  jit setting of the server (default on, PostgreSQL's default)
#
# Writes bench/results.md (and prints it). Fails when abm and the plain SQL
# disagree on any answer. See bench/README.md.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# abm_setup (packages, build, install), abm_in_cluster, abm_say, ABM_* settings.
# shellcheck source=scripts/common.sh
source "$BENCH_DIR/../scripts/common.sh"

ROWS=${ROWS:-10000000}
[[ $ROWS =~ ^[0-9]+$ ]] && ((ROWS >= 10000)) ||
    { echo "error: ROWS must be a whole number >= 10000 (got '$ROWS')" >&2; exit 2; }
if [[ -z ${REPS:-} ]]; then
    if ((ROWS >= 5000000)); then REPS=3; else REPS=5; fi
fi
export ROWS REPS

# Runs inside the cluster (pg_virtualenv sets PGHOST, PGPORT, PGUSER, ...).
in_cluster() {
    cd "$BENCH_DIR"
    local start=$SECONDS load_start
    # Other work on the machine skews the timings: the load average is reported.
    load_start=$(cut -d' ' -f1-3 /proc/loadavg)
    local psql=(psql -X -q -v ON_ERROR_STOP=1 -P pager=off)
    # 1,000,000 groups for the memory case (fewer for small ROWS: 10 rows a
    # group), 1,000,000 daily rows for the moving window (at most ROWS).
    local groups=$((ROWS / 10 < 1000000 ? ROWS / 10 : 1000000))
    local wrows=$((ROWS < 1000000 ? ROWS : 1000000))
    local vars=(-v rows="$ROWS" -v groups="$groups" -v wrows="$wrows" -v reps="$REPS"
        -v nproc="$(nproc)")

    "${psql[@]}" -c 'CREATE EXTENSION abm' -c 'CREATE EXTENSION pg_prewarm'

    abm_say "settings"
    "${psql[@]}" "${vars[@]}" -f settings.sql

    abm_say "generating data: $ROWS rows per table"
    "${psql[@]}" "${vars[@]}" -f data.sql
    local datasecs=$((SECONDS - start))
    abm_say "data ready after $datasecs s"

    "${psql[@]}" -f harness.sql
    abm_say "benchmark cases (median of $REPS runs; EXPLAIN (ANALYZE, TIMING OFF) execution time)"
    "${psql[@]}" "${vars[@]}" -f cases.sql
    abm_say "cases done after $((SECONDS - start)) s"
    # Every timed run, for a closer look (tmp_check/ is scratch space).
    mkdir -p "$ABM_SCRATCH"
    "${psql[@]}" -c "\\copy bench_sample TO '$ABM_SCRATCH/bench-samples.csv' CSV HEADER" \
        -c "\\copy bench_result TO '$ABM_SCRATCH/bench-result.csv' CSV HEADER" \
        -c "\\copy bench_memory TO '$ABM_SCRATCH/bench-memory.csv' CSV HEADER"

    local load_end
    load_end=$(cut -d' ' -f1-3 /proc/loadavg)
    "${psql[@]}" "${vars[@]}" -v elapsed="$((SECONDS - start))" -v datasecs="$datasecs" \
        -v load_start="$load_start" -v load_end="$load_end" -At -f report.sql >results.md.new
    mv results.md.new results.md
    echo
    cat results.md
}

if [[ ${1:-} == --in-cluster ]]; then
    in_cluster
    exit
fi

start=$SECONDS
abm_setup
abm_say "starting a throwaway PostgreSQL $ABM_PG_VERSION cluster (pg_virtualenv)"
ABM_CLUSTER_SETTINGS=(
    "shared_buffers=${BENCH_SHARED_BUFFERS:-8GB}"
    "work_mem=${BENCH_WORK_MEM:-256MB}"
    maintenance_work_mem=1GB
    max_parallel_workers_per_gather=2
    "jit=${BENCH_JIT:-on}"
    max_wal_size=8GB
    checkpoint_timeout=30min
    timezone=UTC
)
rc=0
abm_in_cluster bash "$BENCH_DIR/run.sh" --in-cluster || rc=$?
if ((rc != 0)); then
    echo "make bench FAILED (exit $rc); pg_virtualenv log: $ABM_SCRATCH/pg_virtualenv.log" >&2
    tail -n 30 "$ABM_SCRATCH/pg_virtualenv.log" >&2
    exit "$rc"
fi
abm_say "make bench: done in $((SECONDS - start)) s; results in bench/results.md"
