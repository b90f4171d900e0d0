#!/usr/bin/env bash
# make fuzz: on Debian 12, install what is missing, build and install abm,
# start a throwaway PostgreSQL 15 cluster and run the fuzz harness
# (fuzz/fuzz.py) in it: mutated text and binary (COPY ... FORMAT binary)
# input for abm_stage and every summary type. Exits non-zero on a crash, a
# hang, a round-trip mismatch or an unexpected SQLSTATE, after printing the
# reproducing input in hex and the seed.
#
# Usage: scripts/fuzz.sh [CASES] [SEED]
#   CASES  text cases and binary cases per type (default 100000)
#   SEED   random seed (default 1); the same seed and build replay the same cases
# Extra options for fuzz/fuzz.py (e.g. --types score_summary) go in ABM_FUZZ_ARGS.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if [[ ${1:-} == --in-cluster ]]; then
    shift
    cd "$ABM_ROOT"
    log=$(abm_server_log)
    rc=0
    # shellcheck disable=SC2086 # ABM_FUZZ_ARGS is a list of options
    /usr/bin/python3 fuzz/fuzz.py --cases "$1" --seed "$2" ${log:+--server-log "$log"} \
        ${ABM_FUZZ_ARGS:-} || rc=$?
    if ((rc != 0)); then
        abm_print_server_log 100 || true
    fi
    exit "$rc"
fi

cases=${1:-100000}
seed=${2:-1}
[[ $cases =~ ^[0-9]+$ ]] || abm_die "CASES must be a whole number, got '$cases'"
[[ $seed =~ ^[0-9]+$ ]] || abm_die "SEED must be a whole number, got '$seed'"

abm_setup
abm_say "fuzz: $cases text and $cases binary cases per type, seed $seed (throwaway PostgreSQL $ABM_PG_VERSION cluster)"
abm_in_cluster bash "$ABM_ROOT/scripts/fuzz.sh" --in-cluster "$cases" "$seed"
