#!/usr/bin/env bash
# make demo: on Debian 12, install what is missing, build and install abm,
# start a throwaway PostgreSQL 15 cluster, load the sample ABM data set
# (demo/sample.sql) and print a KPI report over it (demo/report.sql).
# The cluster is dropped at the end.
#
# Usage: scripts/demo.sh     (from any directory; as root it installs packages)
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Runs inside the cluster (abm_in_cluster sets PGHOST, PGPORT, ...).
run_demo() {
    cd "$ABM_ROOT"
    psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE DATABASE abm_demo'
    echo
    PGDATABASE=abm_demo psql -X -q -v ON_ERROR_STOP=1 -P footer=off \
        -c 'CREATE EXTENSION abm' \
        -f demo/sample.sql \
        -f demo/report.sql
}

if [[ ${1:-} == --in-cluster ]]; then
    run_demo
    exit
fi

abm_setup
abm_say "starting a throwaway PostgreSQL $ABM_PG_VERSION cluster (pg_virtualenv)"
abm_in_cluster bash "$ABM_ROOT/scripts/demo.sh" --in-cluster
