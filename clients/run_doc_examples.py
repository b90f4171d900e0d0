#!/usr/bin/python3
"""Run every SQL example of the documentation, so the docs cannot rot.

    clients/run_doc_examples.py [FILE.md ...]

Without arguments it reads README.md and docs/*.md. Every fenced block whose
info string starts with `sql` (a line "```sql") is an example; each one is run
with psql against a database loaded with clients/doc_fixture.sql (the demo's
tables, schema abm_demo, with search_path = abm_demo, public), and the check
fails when any statement of any block raises an error. Results are not
compared: the examples' comments are for the reader.

Conventions for writers of the docs:

  - The blocks of one file run in order in one database, a fresh copy of the
    fixture, so a block can use what an earlier block of the same file made
    (a table of daily summaries, a materialized view...). Files do not see
    each other's objects.
  - A block that creates the abm extension (CREATE EXTENSION ... abm) runs on
    its own, in a new empty database.
  - "```sql norun" marks a block that is not to be run: commands for another
    system (Citus's create_distributed_table, pg_cron), templates with BI
    tool placeholders ({{tier}}), fragments. GitHub renders it as SQL all the
    same. Keep such blocks few; everything that can run should.
  - A file whose first ```sql block is marked "```sql warehouse" (as
    docs/cookbook.md) runs, all its blocks, over the demo warehouse instead:
    a copy of a database with abm and demo/warehouse.sql loaded at
    scale 0.05 (-v scale=0.05: 250 accounts, about 50,000 touches, a
    couple of seconds to load), with search_path = warehouse, public. It is
    made once, the first time a file asks for it.
  - Blocks run through psql (-X, ON_ERROR_STOP), so psql meta-commands work,
    and each statement runs in its own transaction (VACUUM, CREATE DATABASE
    and REFRESH MATERIALIZED VIEW CONCURRENTLY are fine).

Connection settings come from the libpq environment (PGHOST, PGPORT, PGUSER,
PGPASSWORD, PGDATABASE); the user needs CREATEDB and abm must be installed.
It makes the databases abm_docs_fixture, abm_docs, abm_docs_empty and
abm_docs_warehouse (dropped first if they exist). Prints each failing block
with psql's error, and ends with "doc examples: N blocks run, K not run
(norun), F failed"; exits 1 when a block failed or when there was nothing to
run.
"""

import glob
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIXTURE = os.path.join(HERE, "doc_fixture.sql")
WAREHOUSE = os.path.join(ROOT, "demo", "warehouse.sql")
WAREHOUSE_SCALE = "0.05"

TEMPLATE_DB = "abm_docs_fixture"
FILE_DB = "abm_docs"
EMPTY_DB = "abm_docs_empty"
WAREHOUSE_DB = "abm_docs_warehouse"

OPEN = re.compile(r"^(\s*)(`{3,}|~{3,})\s*sql\b(.*)$")
CREATES_ABM = re.compile(r"\bcreate\s+extension\s+(if\s+not\s+exists\s+)?\"?abm\"?(\s|;|$)", re.I)


def blocks_of(path):
    """(first line number, info words, text) of each ```sql block."""
    out = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        m = OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, info = m.group(1), m.group(2), m.group(3).split()
        close = re.compile(r"^\s*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$")
        body = []
        start = i + 2
        i += 1
        while i < len(lines) and not close.match(lines[i]):
            line = lines[i]
            body.append(line[len(indent):] if line.startswith(indent) else line.lstrip())
            i += 1
        if i == len(lines):
            raise SystemExit(f"{path}:{start - 1}: unclosed ```sql block")
        out.append((start, info, "\n".join(body) + "\n"))
        i += 1
    return out


def psql(database, sql=None, files=(), options="", variables=()):
    """Run psql; returns (exit status, stderr)."""
    cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database]
    for v in variables:
        cmd += ["-v", v]
    for f in files:
        cmd += ["-f", f]
    if sql is not None:
        cmd += ["-f", "-"]
    env = dict(os.environ)
    env["PGOPTIONS"] = (env.get("PGOPTIONS", "") + " -c client_min_messages=warning "
                        "-c statement_timeout=120s " + options).strip()
    p = subprocess.run(cmd, input=sql, env=env, text=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return p.returncode, p.stderr


def admin(sql):
    """A statement run from the default database (PGDATABASE)."""
    rc, err = psql(os.environ.get("PGDATABASE", "postgres"), sql)
    if rc != 0:
        raise SystemExit(f"doc examples: could not run {sql.strip()!r}:\n{err}")


def fresh_database(name, template=None):
    admin(f"DROP DATABASE IF EXISTS {name};")
    admin(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else "") + ";")


def make_warehouse():
    """The template of the files marked "```sql warehouse"; None, or the error."""
    fresh_database(WAREHOUSE_DB)
    rc, err = psql(WAREHOUSE_DB, "CREATE EXTENSION abm;\n")
    if rc == 0:
        rc, err = psql(WAREHOUSE_DB, files=[WAREHOUSE], variables=["scale=" + WAREHOUSE_SCALE])
    return None if rc == 0 else err


def main(argv):
    files = argv or [os.path.join(ROOT, "README.md")] + sorted(glob.glob(os.path.join(ROOT, "docs", "*.md")))

    fresh_database(TEMPLATE_DB)
    rc, err = psql(TEMPLATE_DB, "CREATE EXTENSION abm;\n")
    if rc == 0:
        rc, err = psql(TEMPLATE_DB, files=[FIXTURE])
    if rc != 0:
        print(f"not ok - doc examples: the fixture {os.path.relpath(FIXTURE, ROOT)} failed:\n{err}", end="")
        print("doc examples: 0 blocks run, 0 not run (norun), 1 failed")
        return 1

    run = skipped = failed = 0
    warehouse_made = False
    for path in files:
        name = os.path.relpath(path, ROOT)
        blocks = blocks_of(path)
        if blocks and "warehouse" in blocks[0][1]:
            if not warehouse_made:
                err = make_warehouse()
                if err is not None:
                    print(f"not ok - doc examples: {name}: demo/warehouse.sql failed:\n{err}", end="")
                    failed += 1
                    continue
                warehouse_made = True
            template, search_path = WAREHOUSE_DB, "-c search_path=warehouse,public"
        else:
            template, search_path = TEMPLATE_DB, "-c search_path=abm_demo,public"
        fresh_database(FILE_DB, template)
        file_failed = 0
        for line, info, text in blocks:
            if "norun" in info:
                skipped += 1
                continue
            if CREATES_ABM.search(text):
                fresh_database(EMPTY_DB)
                rc, err = psql(EMPTY_DB, text)
            else:
                rc, err = psql(FILE_DB, text, options=search_path)
            run += 1
            if rc != 0:
                failed += 1
                file_failed += 1
                print(f"not ok - doc examples: {name}:{line}: the ```sql block failed:")
                for l in text.rstrip("\n").split("\n"):
                    print(f"    | {l}")
                # psql counts lines from the top of the block; show the file's.
                err = re.sub(r"psql:<stdin>:(\d+):",
                             lambda m: f"{name}:{line + int(m.group(1)) - 1}:", err)
                print("  " + err.rstrip("\n").replace("\n", "\n  "))
        norun = sum(1 for _, info, _ in blocks if "norun" in info)
        print(f"doc examples: {name}: {len(blocks) - norun} blocks run, {norun} not run,"
              f" {file_failed} failed")

    if failed == 0:     # after a failure, keep the databases to look into
        for db in (FILE_DB, EMPTY_DB, TEMPLATE_DB, WAREHOUSE_DB):
            admin(f"DROP DATABASE IF EXISTS {db};")
    if run == 0:
        print("not ok - doc examples: no ```sql block found")
        failed += 1
    print(f"doc examples: {run} blocks run, {skipped} not run (norun), {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
