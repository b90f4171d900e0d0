#!/usr/bin/env bash
# BI-client compatibility test: the same dashboard queries over the same
# fixture, through the two client libraries BI tools and notebooks use most,
# with exact expected values and the client-side type of every column:
#
#   JDBC      clients/ClientTest.java with Debian's pgjdbc
#             (libpostgresql-jdbc-java: /usr/share/java/postgresql.jar), the
#             driver of Metabase, DBeaver and every Java BI tool
#   Python    clients/client_test.py with Debian's psycopg2 (python3-psycopg2),
#             run by Debian's /usr/bin/python3
#
# Usage: clients/run_clients.sh
#
# Connects with the libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD,
# PGDATABASE), as make test does inside its throwaway cluster; abm must be
# installed and the user needs CREATEDB. It (re)creates the database
# abm_clients, loads clients/fixture.sql into it, and leaves it there.
# Ends with "clients: N passed, M failed"; exits non-zero when a check failed
# or a client could not run.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
scratch=${ABM_SCRATCH:-$root/tmp_check}/clients
jdbc_jar=${ABM_JDBC_JAR:-/usr/share/java/postgresql.jar}
# Debian's interpreter, which has python3-psycopg2; `python3` on PATH may be a
# pyenv or virtualenv one without it.
python=${ABM_PYTHON:-/usr/bin/python3}
db=abm_clients

mkdir -p "$scratch"
passed=0
failed=0

# run_client NAME COMMAND...: runs a client, shows its output, and adds up
# its closing "NAME: N passed, M failed" line (a client that dies before
# printing it counts as one failure).
run_client() {
    local name=$1 out=$scratch/$1.out rc=0 summary
    shift
    "$@" >"$out" 2>&1 || rc=$?
    cat "$out"
    summary=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed$" "$out" | tail -n 1 || true)
    if [[ -z $summary ]]; then
        echo "not ok - $name: the client stopped (exit $rc) before its summary"
        failed=$((failed + 1))
        return 0
    fi
    read -r p f < <(sed -E 's/^[^:]+: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/' <<<"$summary")
    passed=$((passed + p))
    failed=$((failed + f))
    if ((rc != 0 && f == 0)); then
        echo "not ok - $name: exit $rc"
        failed=$((failed + 1))
    fi
}

echo "clients: fixture in database $db"
PGOPTIONS='-c client_min_messages=warning' \
    psql -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
PGDATABASE=$db PGOPTIONS='-c client_min_messages=warning' \
    psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION abm' -f "$here/fixture.sql"

# JDBC: compiled with javac when the JDK has it, else run as a single source
# file (java File.java, Java 11 and later).
if [[ ! -r $jdbc_jar ]]; then
    echo "not ok - jdbc: no JDBC driver at $jdbc_jar (Debian: libpostgresql-jdbc-java)"
    failed=$((failed + 1))
elif ! command -v java >/dev/null; then
    echo "not ok - jdbc: no java (Debian: default-jdk-headless)"
    failed=$((failed + 1))
elif command -v javac >/dev/null; then
    rm -rf "$scratch/jdbc"
    if javac -d "$scratch/jdbc" "$here/ClientTest.java"; then
        PGDATABASE=$db run_client jdbc java -cp "$jdbc_jar:$scratch/jdbc" ClientTest
    else
        echo "not ok - jdbc: ClientTest.java does not compile"
        failed=$((failed + 1))
    fi
else
    PGDATABASE=$db run_client jdbc java -cp "$jdbc_jar" "$here/ClientTest.java"
fi

# Python.
if [[ ! -x $python ]] || ! "$python" -c 'import psycopg2' 2>/dev/null; then
    echo "not ok - python: $python cannot import psycopg2 (Debian: python3-psycopg2)"
    failed=$((failed + 1))
else
    PGDATABASE=$db run_client python "$python" "$here/client_test.py"
fi

echo "clients: $passed passed, $failed failed"
((failed == 0))
