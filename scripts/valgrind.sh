#!/usr/bin/env bash
# The pg_regress suite (make installcheck: sql/, expected/) against a
# throwaway PostgreSQL 15 cluster whose server runs under Valgrind's memcheck.
# Fails when a test fails or when an error report that Valgrind did not
# suppress involves abm: an abm frame (abm.so, or one of src/*.c) in the
# error's stack or in the stack that created the bad value (--track-origins),
# so that uninitialised bytes abm leaves in a summary are caught even when
# PostgreSQL's own code is what later writes them to disk or to the client.
# Errors with no abm frame are listed and counted, and fail the run only
# with --strict.
#
# Usage: scripts/valgrind.sh [--O0] [--strict] [TEST...]
#   --O0      build abm with -O0 -g3 for exact line numbers (no optimiser
#             artefacts); the normal build is rebuilt and reinstalled at the end
#   --strict  also fail on unsuppressed errors that do not involve abm
#   TEST...   only these pg_regress tests (names from the Makefile's REGRESS,
#             e.g. "stage ratio"); default: all of them
#
# Needs Debian's valgrind package (apt-get install valgrind). Like
# scripts/test.sh it installs the other Debian packages that are missing (as
# root), builds and installs abm. The whole suite takes about 35 minutes on
# 2 cores (window.sql alone 23: its moving frames are checked against
# self-joins); name a few tests for a quick run.
# Artefacts in tmp_check/valgrind/: one memcheck log per server process
# (valgrind.<pid>.log), server.log, regression.diffs on a test failure, and
# summary.txt.
#
# Debian's PostgreSQL is not built with USE_VALGRIND, so palloc() chunks are
# not marked to Valgrind one by one: a chunk reused inside a memory context
# block counts as defined (it was written before), and reading past the end
# of a chunk but inside its block is not an invalid read. What is caught:
# invalid reads and writes outside the blocks PostgreSQL got from malloc()
# and outside shared memory, use of never-written bytes of a fresh block
# (uninitialised padding in a new summary, typically) in a branch or in a
# write() or send(), and the origin of such bytes.
#
# fuzz/valgrind.supp suppresses only PostgreSQL's own false positives that
# can never carry an extension's data (Debian does not ship PostgreSQL's
# src/tools/valgrind.supp). Uninitialised bytes PostgreSQL writes to WAL and
# to temporary files (struct padding, buffer tails) stay unsuppressed, since
# that is where uninitialised bytes in an abm value would show up too; they
# are listed by origin and do not fail the run unless abm made them.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ABM_VALGRIND_SUPP=$ABM_ROOT/fuzz/valgrind.supp
# Regular expression for a stack frame in abm: the shared library (frames
# without debug information) or one of abm's source files.
ABM_FRAME_RE='abm\.so|\((abm|stage|money|summary_text|ratio|score|retention|cost|value_metrics|funnel|funnel_stages|normal|statistics)\.[ch]:[0-9]+\)'

# Runs inside the cluster (abm_in_cluster).
run_under_valgrind() {
    local strict=$1 tests=$2
    local out=$ABM_SCRATCH/valgrind
    local conf datadir owner vgdir pgpid rc=0 start
    cd "$ABM_ROOT"
    rm -rf "$out"
    mkdir -p "$out"

    conf=$PG_CLUSTER_CONF_ROOT/$ABM_PG_VERSION/regress/postgresql.conf
    datadir=$(pg_lsclusters --no-header | awk -v v="$ABM_PG_VERSION" '$1 == v && $2 == "regress" { print $6 }')
    [[ -r $conf && -d $datadir ]] || abm_die "cannot find the cluster's configuration and data directory"
    owner=$(stat -c %U "$datadir")

    # The server writes the Valgrind logs: a directory it owns.
    vgdir=$(mktemp -d "${TMPDIR:-/tmp}/abm_valgrind.XXXXXX")
    chmod 755 "$vgdir"
    abm_is_root && chown "$owner" "$vgdir"
    cp "$ABM_VALGRIND_SUPP" "$vgdir/abm.supp"
    chmod 644 "$vgdir/abm.supp"

    as_owner() {
        if abm_is_root; then runuser -u "$owner" -- "$@"; else "$@"; fi
    }

    abm_say "restarting the server under valgrind memcheck (logs: $out)"
    pg_ctlcluster "$ABM_PG_VERSION" regress stop
    # jit = off: code LLVM generates at run time is not what we test, and is
    # not in the regression outputs. --error-exitcode is not used: a backend
    # exiting with it would make the postmaster restart as after a crash and
    # fail every later test; the logs are the verdict instead.
    # --trace-children: the server forks without exec (Valgrind follows
    # forks anyway); this covers anything it execs.
    as_owner valgrind --tool=memcheck --trace-children=yes --track-origins=yes --read-var-info=yes \
        --num-callers=40 --error-limit=no --leak-check=no --gen-suppressions=all \
        --suppressions="$vgdir/abm.supp" --log-file="$vgdir/valgrind.%p.log" \
        "$ABM_PG_BINDIR/postgres" -c config_file="$conf" -c jit=off \
        >"$out/server.log" 2>&1 </dev/null &
    pgpid=$!
    stop_server() {
        as_owner "$ABM_PG_BINDIR/pg_ctl" -D "$datadir" stop -m fast -t 600 >/dev/null 2>&1 || true
        wait "$pgpid" 2>/dev/null || true
    }
    trap stop_server EXIT

    local i
    for ((i = 0; i < 600; i++)); do
        pg_isready -q && break
        kill -0 "$pgpid" 2>/dev/null || { cat "$out/server.log"; abm_die "the server under valgrind did not start"; }
        sleep 1
    done
    pg_isready -q || abm_die "the server under valgrind did not accept connections within 600 s"

    abm_say "pg_regress: make installcheck under valgrind (slow)"
    start=$SECONDS
    rm -rf results regression.diffs regression.out
    if [[ -n $tests ]]; then
        timeout 5400 make --no-print-directory installcheck PG_CONFIG="$ABM_PG_CONFIG" REGRESS="$tests" || rc=$?
    else
        timeout 5400 make --no-print-directory installcheck PG_CONFIG="$ABM_PG_CONFIG" || rc=$?
    fi
    abm_say "pg_regress finished in $((SECONDS - start))s (exit $rc)"
    [[ -f regression.diffs ]] && cp regression.diffs "$out/"

    stop_server
    trap - EXIT
    cp "$vgdir"/valgrind.*.log "$out/" 2>/dev/null || true
    rm -rf "$vgdir"

    local vrc=0
    summarise "$out" "$strict" || vrc=$?
    if grep -Eq "$ABM_CRASH_RE" "$out/server.log"; then
        echo "valgrind: the server log shows a crash:"
        grep -E -A2 "$ABM_CRASH_RE" "$out/server.log" | head -n 40
        vrc=1
    fi
    if ((rc != 0)); then
        [[ -f regression.diffs ]] && head -n 200 regression.diffs
        echo "valgrind: pg_regress FAILED under valgrind (exit $rc)"
        return 1
    fi
    return "$vrc"
}

# Reads every memcheck log, prints the counts and each unsuppressed error
# (abm's first, with full stacks), writes summary.txt, and returns non-zero
# when an error involves abm (or, with --strict, on any error).
summarise() {
    local out=$1 strict=$2
    ABM_FRAME_RE=$ABM_FRAME_RE STRICT=$strict /usr/bin/python3 - "$out" <<'PY' | tee "$out/summary.txt"
import glob, os, re, sys

out = sys.argv[1]
frame = re.compile(os.environ["ABM_FRAME_RE"])
strict = os.environ["STRICT"] == "1"
logs = sorted(glob.glob(os.path.join(out, "valgrind.*.log")))
errors = []          # (log, kind, text)
suppressed = 0
summary_errors = 0
for path in logs:
    with open(path, errors="replace") as f:
        # ==pid== lines are the reports; --pid-- lines are Valgrind's own notes.
        lines = [re.sub(r"^==\d+== ?", "", l.rstrip("\n")) for l in f if not re.match(r"--\d+--", l)]
    i = 0
    in_supp = False
    block = []
    def flush():
        if block and re.match(r"(Invalid|Conditional|Use of|Syscall param|Mismatched|Source and destination|Argument|Jump to|Process terminating)", block[0]):
            errors.append((os.path.basename(path), block[0], "\n".join(block)))
    for l in lines:
        if l == "{":
            in_supp = True
            continue
        if in_supp:
            if l == "}":
                in_supp = False
            continue
        m = re.match(r"ERROR SUMMARY: (\d+) errors from \d+ contexts \(suppressed: (\d+) from", l)
        if m:
            summary_errors += int(m.group(1))
            suppressed += int(m.group(2))
        if l.strip() == "":
            flush()
            block = []
        else:
            block.append(l)
    flush()

abm = [e for e in errors if frame.search(e[2])]
other = [e for e in errors if not frame.search(e[2])]
kinds = {}
for e in errors:
    k = re.sub(r"\d+", "N", e[1])
    kinds[k] = kinds.get(k, 0) + 1
print(f"valgrind: {len(logs)} process logs; {summary_errors} errors reported "
      f"({len(errors)} error records), {suppressed} suppressed; "
      f"{len(abm)} involve abm, {len(other)} do not")
for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
    print(f"  {n:6d}  {k}")
NOISE = re.compile(r"^(\?\?\?|write|pwrite|pwrite64|fwrite|new_do_write|_IO_\S+|__\S+|malloc|calloc|realloc|palloc|palloc0|repalloc|"
                   r"MemoryContextAlloc\S*|AllocSet\S*|FileWrite|mdwrite|smgrwrite)$")

def signature(text):
    """Kind, first telling frame of the error, first telling frame of the origin."""
    lines = text.splitlines()
    kind = re.sub(r"\d+", "N", lines[0])
    def first(frames):
        for l in frames:
            m = re.match(r"\s*(?:at|by) 0x[0-9A-F]+: (\S+)", l)
            if m and not NOISE.match(m.group(1).split("@")[0]):
                return m.group(1)
        return "?"
    cut = next((k for k, l in enumerate(lines) if "created by" in l or l.lstrip().startswith("Address ")), len(lines))
    origin_at = next((k for k, l in enumerate(lines) if "created by" in l), None)
    where = first(lines[1:cut])
    origin = first(lines[origin_at + 1:]) if origin_at is not None else "-"
    return kind, where, origin

if abm:
    print(f"---- errors involving abm: first {min(len(abm), 10)} distinct stacks of {len(abm)} ----")
    seen = set()
    for log, kind, text in abm:
        key = "\n".join(l for l in text.splitlines() if l.lstrip().startswith(("at ", "by ")))
        if key in seen:
            continue
        seen.add(key)
        print(f"[{log}]\n{text}\n")
        if len(seen) >= 10:
            break
if other:
    groups = {}
    for log, kind, text in other:
        groups.setdefault(signature(text), []).append((log, text))
    print(f"---- errors with no abm frame in their stack or origin: {len(other)}, by (kind | in | origin) ----")
    for (k, where, origin), items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(items):5d}  {k} | in {where} | origin {origin}   e.g. {items[0][0]}")
fail = bool(abm) or (strict and bool(errors))
print("valgrind: " + ("FAIL" if fail else "PASS") +
      (" (errors involving abm)" if abm else " (unsuppressed errors, --strict)" if fail else ""))
sys.exit(1 if fail else 0)
PY
}

if [[ ${1:-} == --in-cluster ]]; then
    run_under_valgrind "$2" "${3:-}"
    exit
fi

O0=0
STRICT=0
TESTS=()
for arg in "$@"; do
    case $arg in
    --O0) O0=1 ;;
    --strict) STRICT=1 ;;
    -*) abm_die "usage: scripts/valgrind.sh [--O0] [--strict] [TEST...]" ;;
    *) [[ -f $ABM_ROOT/sql/$arg.sql ]] || abm_die "no pg_regress test sql/$arg.sql"; TESTS+=("$arg") ;;
    esac
done
[[ -r $ABM_ROOT/fuzz/valgrind.supp ]] || abm_die "missing $ABM_ROOT/fuzz/valgrind.supp"

# Only this run needs valgrind: abm_setup installs it with the rest.
ABM_PACKAGES+=(valgrind)
abm_setup
command -v valgrind >/dev/null ||
    abm_die "valgrind not found: install Debian's package (sudo apt-get install valgrind)"
if ((O0)); then
    abm_say "rebuilding abm with -O0 -g3 for valgrind"
    rm -f abm.so src/*.o src/*.bc
    make --no-print-directory PG_CONFIG="$ABM_PG_CONFIG" COPT='-O0 -g3'
    abm_install
    restore_build() {
        abm_say "restoring the normal build of abm"
        cd "$ABM_ROOT"
        rm -f abm.so src/*.o src/*.bc
        make --no-print-directory PG_CONFIG="$ABM_PG_CONFIG" && abm_install
    }
    trap restore_build EXIT
fi
abm_say "starting a throwaway PostgreSQL $ABM_PG_VERSION cluster (pg_virtualenv)"
abm_in_cluster bash "$ABM_ROOT/scripts/valgrind.sh" --in-cluster "$STRICT" "${TESTS[*]}"
