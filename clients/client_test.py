"""abm through psycopg2 (Debian's python3-psycopg2), the way a Python
notebook, Superset or a script talks to PostgreSQL: the dashboard queries of
ClientTest.java over the fixture (clients/fixture.sql), the Python type of
every result column (float8 -> float, numeric -> Decimal, bigint -> int), and
the abm types (abm_stage and the five summaries) read as str and sent back as
parameters. Every expected value is worked out by hand from the fixture.

Run it with Debian's interpreter, which has psycopg2 (a python3 from pyenv or
a virtualenv usually has not):

    /usr/bin/python3 clients/client_test.py

It connects with the libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD,
PGDATABASE) to a database where the fixture is loaded; clients/run_clients.sh
creates that database. Prints each failed check and ends with
"python: N passed, M failed"; exits 1 on any failure.
"""

import math
import sys
from decimal import Decimal

import psycopg2

TOLERANCE = 1e-12   # irrational results (Wilson, NPS margins); exact ones exactly

passed = 0
failed = 0


def fail(what, detail):
    global failed
    failed += 1
    print(f"not ok - python: {what}: {detail}")


def check(what, ok, detail):
    global passed
    if ok:
        passed += 1
    else:
        fail(what, detail)


def describe(v):
    return "None" if v is None else f"{type(v).__name__} {v!r}"


def expect(what, expected, actual):
    """Same type and equal value (Decimal('3000.00') is not Decimal('3000') here)."""
    if expected is None:
        check(what, actual is None, f"expected None, got {describe(actual)}")
    elif type(actual) is not type(expected):
        fail(what, f"expected {describe(expected)}, got {describe(actual)}")
    elif isinstance(expected, Decimal):
        check(what, expected == actual and str(expected) == str(actual),
              f"expected {describe(expected)}, got {describe(actual)}")
    else:
        check(what, expected == actual, f"expected {describe(expected)}, got {describe(actual)}")


def expect_near(what, expected, actual):
    if type(actual) is not float:
        fail(what, f"expected float near {expected!r}, got {describe(actual)}")
    else:
        check(what, abs(actual - expected) <= TOLERANCE,
              f"expected {expected!r} +- {TOLERANCE}, got {actual!r}")


def query(cur, sql, params=None):
    """Rows as dicts, and the column type OIDs by name."""
    cur.execute(sql, params)
    names = [d.name for d in cur.description]
    types = {d.name: d.type_code for d in cur.description}
    return [dict(zip(names, row)) for row in cur.fetchall()], types


def scalar(cur, sql, params=None):
    cur.execute(sql, params)
    return cur.fetchone()[0]


def type_oids(cur):
    cur.execute("SELECT typname, oid FROM pg_type WHERE typname IN "
                "('abm_stage', 'ratio_summary', 'score_summary', 'retention_summary',"
                " 'cost_summary', 'funnel_summary', 'float8', 'numeric', 'int8', 'int4', 'text')"
                " AND typnamespace IN ('pg_catalog'::regnamespace,"
                " (SELECT extnamespace FROM pg_extension WHERE extname = 'abm'))")
    return dict(cur.fetchall())


def expect_columns(types, oids, wanted):
    for column, typname in wanted.items():
        check(f"column {column} type", types.get(column) == oids[typname],
              f"expected {typname} (oid {oids[typname]}), got oid {types.get(column)}")


def win_rate_by_tier(cur, oids):
    # Tier 1: 3 won of 4 closed (one open), 120000 of 140000; tier 2: 1 of 4,
    # 10000 of 40000; tier 3: no opportunities, so every rate is None.
    rows, types = query(cur, """
        WITH t AS (
            SELECT a.tier, count(o.opportunity_id) AS opportunities,
                   ratio_agg(o.won, o.amount) AS deals
            FROM accounts AS a LEFT JOIN opportunities AS o USING (account_id)
            GROUP BY a.tier)
        SELECT tier, opportunities, successes(deals) AS won, trials(deals) AS closed,
               success_amount(deals) AS won_amount, win_rate(deals) AS win_rate,
               weighted_win_rate(deals) AS weighted, w.lower, w.upper, deals
        FROM t CROSS JOIN LATERAL wilson_interval(deals) AS w
        ORDER BY tier""")
    expect_columns(types, oids, {"tier": "int4", "opportunities": "int8", "won_amount": "numeric",
                                 "win_rate": "float8", "lower": "float8", "deals": "ratio_summary"})
    want = [
        (1, 5, 3, 4, Decimal("120000.00"), 0.75, 6 / 7, 0.300641842582402, 0.9544127391902995,
         "v1 successes=3 trials=4 success_amount=120000.00 trial_amount=140000.00"),
        (2, 4, 1, 4, Decimal("10000.00"), 0.25, 0.25, 0.04558726080970059, 0.699358157417598,
         "v1 successes=1 trials=4 success_amount=10000.00 trial_amount=40000.00"),
        (3, 0, 0, 0, Decimal("0"), None, None, None, None,
         "v1 successes=0 trials=0 success_amount=0 trial_amount=0"),
    ]
    check("win rate by tier: 3 rows", len(rows) == 3, f"got {len(rows)}")
    for row, w in zip(rows, want):
        t = f"win rate, tier {w[0]}: "
        for i, col in enumerate(("tier", "opportunities", "won", "closed", "won_amount", "win_rate")):
            expect(t + col, w[i], row[col])
        for i, col in ((6, "weighted"), (7, "lower"), (8, "upper")):
            if w[i] is None:
                expect(t + col, None, row[col])
            else:
                expect_near(t + col, w[i], row[col])
        expect(t + "deals", w[9], row["deals"])


def nps(cur, oids):
    # 5 promoters, 2 passives, 3 detractors of 10: NPS 20,
    # SE = 100 * sqrt((0.5 + 0.3 - 0.2**2) / 10), margin = 1.959963985 * SE.
    rows, types = query(cur, """
        SELECT i.nps, i.lower, i.upper, i.standard_error,
               responses(s) AS responses, promoters(s) AS promoters,
               passives(s) AS passives, detractors(s) AS detractors, s AS scores
        FROM (SELECT score_agg(score) AS s FROM nps_responses) AS survey,
             nps_interval(s) AS i""")
    expect_columns(types, oids, {"nps": "float8", "responses": "int8", "scores": "score_summary"})
    r = rows[0]
    se = 100 * math.sqrt((0.5 + 0.3 - 0.2 ** 2) / 10)
    expect("nps", 20.0, r["nps"])
    expect_near("nps standard_error", se, r["standard_error"])
    expect_near("nps lower", -34.032478230482205, r["lower"])
    expect_near("nps upper", 74.03247823048221, r["upper"])
    for col, n in (("responses", 10), ("promoters", 5), ("passives", 2), ("detractors", 3)):
        expect("nps " + col, n, r[col])
    expect("nps scores", "v1 scale=0-10 counts=1,0,0,1,0,0,1,1,1,2,3", r["scores"])


def retention(cur, oids):
    # Start 250000.00, end 240000.00 (new account left out), retained 210000.00.
    rows, types = query(cur, """
        WITH s AS (SELECT retention_agg(arr_start, arr_end) AS r,
                          nrr(arr_start, arr_end) AS nrr_direct,
                          grr(arr_start, arr_end) AS grr_direct
                   FROM revenue)
        SELECT nrr(r) AS nrr, grr(r) AS grr, nrr_direct, grr_direct,
               logo_retention(r) AS logo_retention,
               start_revenue(r) AS start_revenue, end_revenue(r) AS end_revenue,
               expansion(r) AS expansion, contraction(r) AS contraction,
               churned_revenue(r) AS churned_revenue, new_revenue(r) AS new_revenue,
               accounts(r) AS accounts, churned_accounts(r) AS churned_accounts, r
        FROM s""")
    expect_columns(types, oids, {"nrr": "float8", "start_revenue": "numeric", "r": "retention_summary"})
    r = rows[0]
    for col, v in (("nrr", 0.96), ("grr", 0.84), ("nrr_direct", 0.96), ("grr_direct", 0.84),
                   ("logo_retention", 0.75),
                   ("start_revenue", Decimal("250000.00")), ("end_revenue", Decimal("240000.00")),
                   ("expansion", Decimal("30000.00")), ("contraction", Decimal("10000.00")),
                   ("churned_revenue", Decimal("30000.00")), ("new_revenue", Decimal("60000.00")),
                   ("accounts", 4), ("churned_accounts", 1)):
        expect(col, v, r[col])
    expect("retention summary",
           "v1 accounts=4 churned_accounts=1 new_accounts=1 start_revenue=250000.00"
           " expansion=30000.00 contraction=10000.00 churned_revenue=30000.00 new_revenue=60000.00",
           r["r"])


def cac(cur, oids):
    # 12000.00 of spend, 4 accounts acquired; 1500.00 for 12 leads.
    rows, types = query(cur, """
        SELECT cac(spend, acquired) AS cac, cost_agg(spend, acquired) AS cost,
               (SELECT cpl(spend, leads) FROM ads) AS cpl
        FROM accounts""")
    expect_columns(types, oids, {"cac": "numeric", "cost": "cost_summary"})
    expect("cac", Decimal("3000"), rows[0]["cac"])
    expect("cpl", Decimal("125"), rows[0]["cpl"])
    expect("cost summary", "v1 units=4 spend=12000.00", rows[0]["cost"])


def funnel(cur, oids):
    # Cumulative 10, 9, 6, 4, 2, 1 accounts; 12000.00 of spend; no timestamps.
    rows, types = query(cur, "SELECT f.* FROM funnel_stages("
                             "(SELECT funnel_agg(furthest_stage, spend) FROM accounts)) AS f")
    expect_columns(types, oids, {"stage": "abm_stage", "position": "int4", "accounts": "int8",
                                 "share_of_target": "float8", "drop_off": "int8",
                                 "spend_per_account": "numeric", "bar": "text"})
    want = [
        ("target", 1, 10, 1.0, None, None, Decimal("1200"), 30),
        ("engaged", 2, 9, 0.9, 0.9, 1, Decimal("1333.3333333333333333"), 27),
        ("opportunity", 3, 6, 0.6, 2 / 3, 3, Decimal("2000"), 18),
        ("won", 4, 4, 0.4, 2 / 3, 2, Decimal("3000"), 12),
        ("retained", 5, 2, 0.2, 0.5, 2, Decimal("6000"), 6),
        ("expanded", 6, 1, 0.1, 0.5, 1, Decimal("12000"), 3),
    ]
    check("funnel_stages: 6 rows", len(rows) == 6, f"got {len(rows)}")
    for r, w in zip(rows, want):
        t = f"funnel_stages {w[0]}: "
        expect(t + "stage", w[0], r["stage"])
        expect(t + "position", w[1], r["position"])
        expect(t + "accounts", w[2], r["accounts"])
        expect_near(t + "share_of_target", w[3], r["share_of_target"])
        if w[4] is None:
            expect(t + "conversion_rate", None, r["conversion_rate"])
        else:
            expect_near(t + "conversion_rate", w[4], r["conversion_rate"])
        expect(t + "drop_off", w[5], r["drop_off"])
        expect(t + "spend_per_account", w[6], r["spend_per_account"])
        expect(t + "avg_days_from_previous", None, r["avg_days_from_previous"])
        expect(t + "avg_days_from_first_touch", None, r["avg_days_from_first_touch"])
        check(t + "bar", isinstance(r["bar"], str) and len(r["bar"]) == w[7],
              f"expected {w[7]} characters, got {r['bar']!r}")

    # One funnel per tier, expanded with LATERAL.
    rows, _ = query(cur, """
        SELECT t.tier, f.stage, f.accounts
        FROM (SELECT tier, funnel_agg(furthest_stage, spend) AS funnel
              FROM accounts GROUP BY tier) AS t
        CROSS JOIN LATERAL funnel_stages(t.funnel) AS f
        ORDER BY t.tier, f.stage""")
    want = {1: [4, 4, 4, 3, 2, 1], 2: [3, 3, 2, 1, 0, 0], 3: [3, 2, 0, 0, 0, 0]}
    got = {}
    for r in rows:
        got.setdefault(r["tier"], []).append(r["accounts"])
    expect("funnel per tier", want, got)


def rollup_of_stored_summaries(cur):
    rows, _ = query(cur, """
        SELECT campaign, rate(rollup(clicks)) AS ctr, cpl(rollup(cost)) AS cpl
        FROM daily_ads GROUP BY ROLLUP (campaign) ORDER BY campaign NULLS LAST""")
    want = [("display", 130 / 78000, Decimal("133.3333333333333333")),
            ("linkedin", 270 / 22000, Decimal("122.2222222222222222")),
            (None, 0.004, Decimal("125"))]
    check("rollup: 3 rows", len(rows) == 3, f"got {len(rows)}")
    for r, w in zip(rows, want):
        expect(f"rollup {w[0]}: campaign", w[0], r["campaign"])
        expect_near(f"rollup {w[0]}: ctr", w[1], r["ctr"])
        expect(f"rollup {w[0]}: cpl", w[2], r["cpl"])
    # Rolling up stored summaries gives exactly the summary of the raw rows.
    for stored, raw, text in (
            ("SELECT rollup(clicks) FROM daily_ads", "SELECT ratio_agg(clicks, impressions) FROM ads",
             "v1 successes=400 trials=100000 success_amount=0 trial_amount=0"),
            ("SELECT rollup(cost) FROM daily_ads", "SELECT cost_agg(spend, leads) FROM ads",
             "v1 units=12 spend=1500.00"),
            ("SELECT rollup(scores) FROM daily_nps", "SELECT score_agg(score) FROM nps_responses",
             "v1 scale=0-10 counts=1,0,0,1,0,0,1,1,1,2,3")):
        expect("stored then rolled up: " + stored, text, scalar(cur, stored))
        expect("straight from the rows: " + raw, text, scalar(cur, raw))
    expect("nps of the rolled-up days", 20.0, scalar(cur, "SELECT nps_score(rollup(scores)) FROM daily_nps"))


def stages(cur):
    names = ["target", "engaged", "opportunity", "won", "retained", "expanded"]
    rows, _ = query(cur, "SELECT position, stage FROM abm_stages() ORDER BY stage")
    expect("abm_stages()", [(i + 1, n) for i, n in enumerate(names)],
           [(r["position"], r["stage"]) for r in rows])
    rows, _ = query(cur, "SELECT furthest_stage, count(*) AS n FROM accounts "
                         "GROUP BY furthest_stage ORDER BY furthest_stage")
    expect("GROUP BY abm_stage, in funnel order", list(zip(names, [1, 3, 2, 2, 1, 1])),
           [(r["furthest_stage"], r["n"]) for r in rows])
    # psycopg2 sends a str as a quoted literal, which PostgreSQL types from the context.
    for sql in ("SELECT count(*) FROM accounts WHERE furthest_stage >= %s",
                "SELECT count(*) FROM accounts WHERE furthest_stage >= %s::abm_stage"):
        expect("stage parameter: " + sql, 4, scalar(cur, sql, ("Won",)))


def round_trips(cur):
    # Every abm type read as str and sent back: into a typed column, and with a
    # cast. The same text comes back, and its KPI is the same number.
    cases = [
        ("abm_stage", "stage", "SELECT max(furthest_stage) FROM accounts", "stage_position({})", 6),
        ("ratio_summary", "ratio", "SELECT ratio_agg(won, amount) FROM opportunities",
         "weighted_win_rate({})", 130000 / 180000),
        ("score_summary", "score", "SELECT score_agg(score) FROM nps_responses", "nps_score({})", 20.0),
        ("retention_summary", "retention", "SELECT retention_agg(arr_start, arr_end) FROM revenue",
         "nrr({})", 0.96),
        ("cost_summary", "cost", "SELECT cost_agg(spend, acquired) FROM accounts", "cac({})", Decimal("3000")),
        ("funnel_summary", "funnel", "SELECT funnel_agg(furthest_stage, spend) FROM accounts",
         "stage_accounts({}, 'won')", 4),
    ]
    cur.execute("CREATE TEMPORARY TABLE round_trip (n integer, stage abm_stage, ratio ratio_summary,"
                " score score_summary, retention retention_summary, cost cost_summary,"
                " funnel funnel_summary)")
    for n, (typ, column, source, kpi, value) in enumerate(cases, 1):
        text = scalar(cur, source)
        check(f"{typ}: read as str", isinstance(text, str) and text != "", f"got {describe(text)}")
        cur.execute(f"INSERT INTO round_trip (n, {column}) VALUES (%s, %s)", (n, text))
        expect(f"{typ}: into a column, read back", text,
               scalar(cur, f"SELECT {column} FROM round_trip WHERE n = %s", (n,)))
        rows, _ = query(cur, f"SELECT %s::{typ} AS v, {kpi.format('%s::' + typ)} AS kpi", (text, text))
        expect(f"{typ}: %s::{typ} round trip", text, rows[0]["v"])
        expect(f"{typ}: %s::{typ} KPI", value, rows[0]["kpi"])
        expect(f"{typ}: equal on the server after the round trip", True,
               scalar(cur, f"SELECT ({source})::text = CAST(%s AS {typ})::text", (text,)))
    # A str parameter is an untyped literal: a function that is also an
    # aggregate over another type (nps_score(integer)) cannot tell which one
    # is meant, so the cast is needed (docs/bi.md).
    try:
        cur.execute("SELECT nps_score(%s)", ("v1 scale=0-10 counts=1,0,0,1,0,0,1,1,1,2,3",))
        fail("summary parameter of an overloaded function, no cast", "expected SQLSTATE 42725, but it ran")
    except psycopg2.Error as e:
        check("summary parameter of an overloaded function, no cast", e.pgcode == "42725",
              f"expected SQLSTATE 42725, got {e.pgcode} {e}")
    expect("stored ratio_summary keeps its KPI", 130000 / 180000,
           scalar(cur, "SELECT weighted_win_rate(ratio) FROM round_trip WHERE n = 2"))


def main():
    try:
        # An empty dsn: libpq reads PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE.
        conn = psycopg2.connect("", application_name="abm client_test.py")
    except psycopg2.Error as e:
        fail("connect", str(e).strip())
    else:
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                oids = type_oids(cur)
                win_rate_by_tier(cur, oids)
                nps(cur, oids)
                retention(cur, oids)
                cac(cur, oids)
                funnel(cur, oids)
                rollup_of_stored_summaries(cur)
                stages(cur)
                round_trips(cur)
        except psycopg2.Error as e:
            fail("unexpected SQL error", f"{e.pgcode} {str(e).strip()}")
        finally:
            conn.close()
    print(f"python: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
