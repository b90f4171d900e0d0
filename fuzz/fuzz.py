"""Fuzz the text and binary input functions of abm's types.

For every type (abm_stage, the summaries and account_set) the harness takes valid
values made by the extension itself (aggregates over generated data, edge
cases included), mutates their text output and their binary send output,
and feeds the mutants back to the server:

  text    each candidate goes through the type's input function inside a
          PL/pgSQL function that catches the error of each case on its own
          (one subtransaction per case, many cases per call).  Candidates
          that are valid UTF-8 run in a UTF8 database; the others (invalid
          UTF-8 byte sequences) in a SQL_ASCII database, where any byte but
          NUL reaches the input function unchanged.
  binary  each candidate is one tuple of a real binary COPY file built
          here (PGCOPY signature, header, tuples of an int4 case number and
          the value, trailer) and loaded with COPY ... FROM STDIN (FORMAT
          binary).  A COPY stops at the first bad tuple; the error's
          context names its line, so that case is recorded as rejected and
          the COPY resumes after it.  The accepted cases are then loaded in
          one last COPY, which must succeed.

Every case must be either accepted or rejected with an ERROR whose SQLSTATE
is one abm documents for bad input (22P02 and 22003 for text, 22P03 and 22003
for binary), and whose message, detail and hint are valid in the server
encoding (they quote the input).  An accepted value must round-trip:

  text    o1 = out(in(x)); then out(in(o1)) = o1, and send(in(x)) =
          send(in(o1)) (the same value, not only the same text).
  binary  send(recv(b)) = b byte for byte (the binary form has no two
          spellings of one value, so the canonical form is b itself); and
          the text output reads back to the same value: out(in(out(v))) =
          out(v) and send(in(out(v))) = b.

Anything else, a crash (lost connection, "terminated by signal" or "TRAP:"
in the server log), a hang (statement_timeout) or a round-trip mismatch,
is a failure: the reproducing input is printed in hex with the seed, and
the exit status is 1.

Runs with Debian's /usr/bin/python3 and python3-psycopg2; connects with the
PG* environment variables.  See scripts/fuzz.sh for a throwaway cluster.

    /usr/bin/python3 fuzz/fuzz.py [--cases N] [--seed S] [--types t1,t2]
                                  [--server-log PATH] [--forms text,binary]
"""

import argparse
import collections
import io
import os
import re
import random
import struct
import subprocess
import sys
import threading
import time

import psycopg2
import psycopg2.extensions

TYPES = ["abm_stage", "ratio_summary", "score_summary", "retention_summary",
         "cost_summary", "funnel_summary", "measure_summary", "engagement_state", "pipeline_summary",
         "media_summary", "account_set"]

# How a valid text output starts (summaries: their format version).
OUTPUT_START = {"abm_stage": b"", "account_set": b"{"}

# SQLSTATEs an input function may answer bad input with (README, Conventions).
ALLOWED = {
    "text": {"22P02", "22003"},
    "binary": {"22P03", "22003"},
}

UTF8_DB = "abm_fuzz"
ASCII_DB = "abm_fuzz_sqlascii"


# ---------------------------------------------------------------------------
# Seeds: valid values made by the extension itself.
# ---------------------------------------------------------------------------

def _none(t):
    """A zero-row input for an aggregate."""
    return f"(SELECT NULL::{t} AS x WHERE false)"


# Aggregates take amounts of up to 37 significant digits here (see the
# report on abm_amount_from_numeric); the text input takes all 38.
D38 = "1.234567890123456789012345678901234567"             # 36 places, 37 digits
T38 = "1.2345678901234567890123456789012345678"            # 37 places, 38 digits
MAX128 = "170141183460469231731687303715884105727"         # int128 max, 39 digits
TINY = "0.00000000000000000000000000000000000001"          # 10^-38
BIG38 = "99999999999999999999999999999999999999"           # 38 nines
I64 = "9223372036854775807"

SEEDS = {
    "abm_stage": [
        "SELECT abm_stage(n) FROM generate_series(1, 6) n",
        "SELECT min(abm_stage(n)) FROM generate_series(2, 5) n",
        "SELECT max(abm_stage(n)) FROM generate_series(2, 5) n",
    ],
    "ratio_summary": [
        f"SELECT ratio_agg(x) FROM {_none('boolean')} s",
        "SELECT ratio_agg(random() < 0.4) FROM generate_series(1, 100)",
        "SELECT ratio_agg(g % 3 = 0, g * 1234.5678) FROM generate_series(1, 50) g",
        "SELECT ratio_agg(g % 2 = 0, (g * 0.1)::float8) FROM generate_series(1, 30) g",
        f"SELECT ratio_agg(true, {TINY})",
        f"SELECT ratio_agg(g = 1, {D38}) FROM generate_series(1, 1) g",
        f"SELECT ratio_agg(g < 3, {BIG38}::numeric / 4) FROM generate_series(1, 4) g",
        f"SELECT ratio_agg({I64}::bigint, {I64}::bigint)",
        f"SELECT ratio_agg(0::bigint, {I64}::bigint)",
        "SELECT ratio_agg(false, 0.000)",
        "SELECT rollup(s) FROM (SELECT ratio_agg(g % 2 = 0, g::numeric / 8) s"
        " FROM generate_series(1, 40) g GROUP BY g % 4) t",
        "SELECT ratio_agg(true, 5) + ratio_agg(false, 2.50)",
        f"SELECT 'v1 successes=1 trials=2 success_amount={T38} trial_amount={T38}'::ratio_summary",
        f"SELECT 'v1 successes=0 trials={I64} success_amount=0 trial_amount={MAX128}'::ratio_summary",
        f"SELECT 'v1 successes=1 trials=1 success_amount=1.{MAX128[1:]} trial_amount=1.{MAX128[1:]}'"
        "::ratio_summary",
    ],
    "score_summary": [
        f"SELECT score_agg(x) FROM {_none('integer')} s",
        "SELECT score_agg(g % 11) FROM generate_series(1, 1000) g",
        "SELECT score_agg(10)",
        "SELECT score_agg(0)",
    ] + [f"SELECT score_agg((g * 7) % {n} + 1, {n}) FROM generate_series(1, {10 * n}) g"
         for n in range(3, 11)] + [
        "SELECT score_agg(3, 3)",
        f"SELECT 'v1 scale=0-10 counts={I64},0,0,0,0,0,0,0,0,0,0'::score_summary",
        "SELECT 'v1 scale=1-7 counts=0,4611686018427387903,0,0,0,0,0,4611686018427387904,0,0,0'"
        "::score_summary",
        "SELECT rollup(s) FROM (SELECT score_agg(g % 11) s FROM generate_series(1, 90) g"
        " GROUP BY g % 3) t",
    ],
    "retention_summary": [
        f"SELECT retention_agg(x, x) FROM {_none('numeric')} s",
        "SELECT retention_agg(s, e) FROM (VALUES (100.00, 120.00), (50, 0), (80, NULL),"
        " (NULL, 30), (0, 40.5), (200, 150)) v(s, e)",
        "SELECT retention_agg(round((random() * 1000)::numeric, 2),"
        " CASE WHEN random() < 0.2 THEN NULL ELSE round((random() * 1200)::numeric, 2) END)"
        " FROM generate_series(1, 200)",
        f"SELECT retention_agg({TINY}, 1.5)",
        "SELECT retention_agg(1e30, 1.5e30)",
        "SELECT retention_agg(100.5::float8, 99.25::float8)",
        "SELECT retention_agg(10, NULL)",
        "SELECT retention_agg(NULL, 7.125)",
        f"SELECT 'v1 accounts=1 churned_accounts=1 new_accounts=1 start_revenue={T38}"
        f" expansion=0 contraction=0 churned_revenue={T38} new_revenue={TINY}'::retention_summary",
        f"SELECT 'v1 accounts={I64} churned_accounts=0 new_accounts={I64} start_revenue={MAX128}"
        f" expansion={MAX128} contraction={MAX128} churned_revenue=0 new_revenue=1'::retention_summary",
        "SELECT rollup(s) FROM (SELECT retention_agg(g, g % 7 * 3) s"
        " FROM generate_series(1, 60) g GROUP BY g % 5) t",
    ],
    "cost_summary": [
        f"SELECT cost_agg(x, NULL::boolean) FROM {_none('numeric')} s",
        "SELECT cost_agg(round((random() * 5000)::numeric, 2), random() < 0.3)"
        " FROM generate_series(1, 100)",
        f"SELECT cost_agg(12.5, {I64}::bigint)",
        f"SELECT cost_agg({TINY}, 1::bigint)",
        f"SELECT cost_agg({BIG38}, true)",
        f"SELECT cost_agg({D38}, false)",
        "SELECT cost_agg(1234.5::float8, 3::bigint)",
        f"SELECT 'v1 units={I64} spend={MAX128}'::cost_summary",
        f"SELECT 'v1 units=0 spend={T38}'::cost_summary",
        "SELECT rollup(s) FROM (SELECT cost_agg(g * 1.5, g % 2 = 0) s"
        " FROM generate_series(1, 30) g GROUP BY g % 3) t",
    ],
    "funnel_summary": [
        f"SELECT funnel_agg(x) FROM {_none('abm_stage')} s",
        "SELECT funnel_agg(abm_stage(1 + g % 6)) FROM generate_series(1, 100) g",
        "SELECT funnel_agg(abm_stage(1 + g % 6), round((random() * 1000)::numeric, 3))"
        " FROM generate_series(1, 100) g",
        f"SELECT funnel_agg('expanded'::abm_stage, {D38})",
        "SELECT funnel_agg(ARRAY[t, t + interval '1 day', t + interval '9 days 3 hours',"
        " CASE WHEN g % 2 = 0 THEN t + interval '40 days' END, NULL,"
        " CASE WHEN g % 3 = 0 THEN t + interval '400 days 0.000001 seconds' END]::timestamptz[],"
        " g * 10.5) FROM (SELECT g, timestamptz '2024-01-01' + g * interval '1 hour' AS t"
        " FROM generate_series(1, 50) g) s",
        "SELECT funnel_agg(ARRAY[NULL, '2000-01-01', NULL, NULL, NULL,"
        " '2290-01-01']::timestamptz[], NULL::numeric)",
        "SELECT funnel_agg(ARRAY['4713-11-24 BC', '4713-11-24 BC', '294276-12-31',"
        " '294276-12-31', '294276-12-31', '294276-12-31']::timestamptz[], 0.5)",
        f"SELECT 'v1 furthest=0,0,0,0,0,{I64} spend={MAX128} step_n=0,{I64},{I64},{I64},{I64},{I64}"
        f" step_us=0,{MAX128},{MAX128},1,1,1 touch_n=0,1,{I64},{I64},{I64},{I64}"
        f" touch_us=0,0,{MAX128},{MAX128},0,0'::funnel_summary",
        "SELECT rollup(s) FROM (SELECT funnel_agg(abm_stage(1 + g % 6), g) s"
        " FROM generate_series(1, 60) g GROUP BY g % 4) t",
    ],
    "measure_summary": [
        f"SELECT measure_agg(x) FROM {_none('float8')} s",
        "SELECT measure_agg(g % 11) FROM generate_series(1, 1000) g",
        "SELECT measure_agg(g - 500) FROM generate_series(1, 1000) g",
        "SELECT measure_agg(random() * 1000) FROM generate_series(1, 100)",
        "SELECT measure_agg((g * 0.1)::numeric) FROM generate_series(1, 30) g",
        "SELECT measure_agg(x) FROM unnest(ARRAY[2^53, -2^53, 2^53]::float8[]) x",
        "SELECT measure_agg(x) FROM unnest(ARRAY[1e150, -1e150, 5e-324]::float8[]) x",
        "SELECT measure_agg(-0.0::float8)",
        "SELECT measure_agg(7::float8)",
        "SELECT rollup(s) FROM (SELECT measure_agg(g % 7) s FROM generate_series(1, 60) g GROUP BY g % 4) t",
        "SELECT measure_agg(1) + measure_agg(0.5)",
        f"SELECT 'v1 n={I64} mean=-1.7976931348623157e+308 m2=1.7976931348623157e+308'::measure_summary",
        "SELECT 'v1 n=2 sum=-18014398509481984 sum_squares=162259276829213363391578010288128'::measure_summary",
    ],
    "engagement_state": [
        "SELECT 'v1 rows=0 as_of=0 half_life=0 score=0'::engagement_state",
        "SELECT engagement_trans('v1 rows=0 as_of=0 half_life=0 score=0', '2024-03-01', 1, '2024-03-15', '7 days')",
        "SELECT engagement_trans('v1 rows=0 as_of=0 half_life=0 score=0', '2024-03-16', 1, '2024-03-15', '7 days')",
        "SELECT engagement_trans('v1 rows=0 as_of=0 half_life=0 score=0', '-infinity', 2^53, '294276-12-31', '1 microsecond')",
        "SELECT engagement_trans('v1 rows=0 as_of=0 half_life=0 score=0', '4713-11-24 BC', 3.5, '4713-11-24 BC', '1 year')",
        f"SELECT 'v1 rows={I64} as_of=-5 half_life={I64} score={MAX128}'::engagement_state",
    ],
    "pipeline_summary": [
        f"SELECT pipeline_agg(x, NULL::numeric, NULL, NULL) FROM {_none('boolean')} s",
        "SELECT pipeline_agg(CASE g % 3 WHEN 0 THEN NULL WHEN 1 THEN true ELSE false END,"
        " round((random() * 10000)::numeric, 2), t, t + (1 + g % 400) * interval '1 day',"
        " round(random()::numeric, 3))"
        " FROM (SELECT g, timestamptz '2024-01-01' + g * interval '1 hour' AS t"
        " FROM generate_series(1, 200) g) s",
        "SELECT pipeline_agg(true, 1::numeric, '2026-01-01', '2026-01-01')",
        "SELECT pipeline_agg(g % 2 = 0, g, '2026-01-01', timestamptz '2026-01-01' + g * interval '1 second')"
        " FROM generate_series(1, 5) g",
        f"SELECT pipeline_agg(NULL, {D38}, NULL, NULL, 1)",
        "SELECT pipeline_agg(NULL, 1234.5::float8, NULL, NULL, (1/3)::float8)",
        "SELECT pipeline_agg(true, 5::bigint, '4713-11-24 BC', '294276-12-31')",
        "SELECT pipeline_agg(false, 7, '2026-01-01', '2026-02-01')",
        f"SELECT 'v1 open={I64} won=0 lost=0 won_with_amount=0 pipeline={MAX128} weighted_pipeline={MAX128}"
        " won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0"
        " cycle_sketch={}'::pipeline_summary",
        f"SELECT 'v1 open=0 won={I64} lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0"
        f" won_amount=0 lost_amount=0 won_cycles={I64} won_cycle_us={MAX128} lost_cycles=0 lost_cycle_us=0"
        " cycle_sketch={0:1,1:9223372036854775805,2242:1}'::pipeline_summary",
        "SELECT rollup(s) FROM (SELECT pipeline_agg(g % 3 = 0, g * 1.5, '2026-01-01',"
        " timestamptz '2026-01-01' + g * interval '3 days') s"
        " FROM generate_series(1, 60) g GROUP BY g % 4) t",
    ],
    "media_summary": [
        f"SELECT media_agg(x, NULL::bigint, NULL::numeric) FROM {_none('bigint')} s",
        "SELECT media_agg((g % 30)::bigint, CASE WHEN g % 4 = 0 THEN NULL ELSE (30 + g % 900)::bigint END,"
        " round((random() * 500)::numeric, 2), (g % 5)::bigint, (g % 20)::bigint)"
        " FROM generate_series(1, 100) g",
        f"SELECT media_agg({I64}::bigint, {I64}::bigint, {BIG38}, {I64}::bigint, {I64}::bigint)",
        f"SELECT media_agg(1::bigint, NULL::bigint, {TINY}, 3::bigint)",
        f"SELECT media_agg(0::bigint, 7::bigint, {D38})",
        "SELECT media_agg(12::bigint, 800::bigint, 96.5::float8, 2::bigint)",
        "SELECT media_agg(3::bigint, 9::bigint, 9223372036854775807::bigint)",
        "SELECT media_agg(NULL::bigint, 9::bigint, 5, NULL::bigint, 4::bigint)",
        "SELECT rollup(s) FROM (SELECT media_agg(g::bigint, (g * 3)::bigint, g * 1.25, g::bigint, g::bigint) s"
        " FROM generate_series(1, 40) g GROUP BY g % 3) t",
    ],
    "account_set": [
        f"SELECT account_set_agg(x) FROM {_none('bigint')} s",
        "SELECT account_set_agg(g) FROM generate_series(1, 1000) g",
        "SELECT account_set_agg(g * 3 + g % 2) FROM generate_series(-20, 40) g",
        "SELECT account_set_agg((random() * 1e6)::bigint) FROM generate_series(1, 60)",
        "SELECT account_set_agg(((random() - 0.5) * 1.8e19)::bigint) FROM generate_series(1, 20)",
        f"SELECT '{{-9223372036854775808,-5--3,0,{I64}}}'::account_set",
        "SELECT '{-9223372036854775808--2}'::account_set",
        f"SELECT '{{1-{I64}}}'::account_set",
        "SELECT rollup(s) FROM (SELECT account_set_agg(g * g) s FROM generate_series(1, 80) g"
        " GROUP BY g % 4) t",
        "SELECT '{1-10,20,22}'::account_set & '{5-30}'",
        "SELECT '{1-10,20,22}'::account_set - '{5-6}'",
    ],
}

# Types whose binary form has a variable-length tail after its fixed
# fields (the cycle sketch): SIZE is then the smallest value.
VARIABLE = {"pipeline_summary", "account_set"}

# Binary layout of each type: (offset, width) of every field, in recv order.
def _layout(type_name):
    if type_name == "abm_stage":
        return [(0, 1)]
    if type_name == "ratio_summary":
        return [(0, 1), (1, 8), (9, 8), (17, 2), (19, 16), (35, 16)]
    if type_name == "score_summary":
        return [(0, 1), (1, 1)] + [(2 + 8 * k, 8) for k in range(11)]
    if type_name == "retention_summary":
        return [(0, 1), (1, 8), (9, 8), (17, 8), (25, 2)] + [(27 + 16 * i, 16) for i in range(5)]
    if type_name == "cost_summary":
        return [(0, 1), (1, 8), (9, 2), (11, 16)]
    if type_name == "funnel_summary":
        f = [(0, 1), (1, 2), (3, 16)]
        for i in range(6):
            b = 19 + 56 * i
            f += [(b, 8), (b + 8, 8), (b + 16, 16), (b + 32, 8), (b + 40, 16)]
        return f
    if type_name == "measure_summary":
        return [(0, 1), (1, 1), (2, 8), (10, 16), (26, 16), (42, 8), (50, 8)]
    if type_name == "engagement_state":
        return [(0, 1), (1, 8), (9, 8), (17, 8), (25, 16)]
    if type_name == "pipeline_summary":
        # version, 4 counts, scale, 4 money sums, won cycles (8 + 16),
        # lost cycles (8 + 16); the sketch: zero cycles (8), buckets in
        # use (4), then per bucket its number (2) and count (8).
        return ([(0, 1)] + [(1 + 8 * i, 8) for i in range(4)] + [(33, 2)]
                + [(35 + 16 * i, 16) for i in range(4)]
                + [(99, 8), (107, 16), (123, 8), (131, 16), (147, 8), (155, 4)])
    if type_name == "media_summary":
        # version, 4 totals, scale, spend, 6 paired counts, then (money,
        # count) for cpc, cpm and cost per conversion
        f = [(0, 1), (1, 8), (9, 8), (17, 8), (25, 8), (33, 2), (35, 16)]
        f += [(51 + 8 * k, 8) for k in range(6)]
        for i in range(3):
            f += [(99 + 24 * i, 16), (115 + 24 * i, 8)]
        return f
    if type_name == "account_set":
        return [(0, 1), (1, 8), (9, 8)]        # then the encoded runs, to the end
    raise KeyError(type_name)


LAYOUT = {t: _layout(t) for t in TYPES}
SIZE = {t: sum(w for _, w in LAYOUT[t]) for t in TYPES}
# the first 40 buckets of a sketch mutate too
LAYOUT["pipeline_summary"] = LAYOUT["pipeline_summary"] + [
    f for i in range(40) for f in ((159 + 10 * i, 2), (161 + 10 * i, 8))]


# ---------------------------------------------------------------------------
# Mutators.
# ---------------------------------------------------------------------------

INT_TOKENS = [
    b"0", b"1", b"00", b"01", b"2", b"5", b"9", b"10", b"11", b"3", b"6", b"7",
    b"9223372036854775806", b"9223372036854775807", b"9223372036854775808",
    b"18446744073709551615", b"18446744073709551616", b"99999999999999999999",
    b"170141183460469231731687303715884105727", b"170141183460469231731687303715884105728",
    b"340282366920938463463374607431768211455", b"340282366920938463463374607431768211456",
    b"1" + b"0" * 38, b"9" * 38, b"9" * 39, b"0" * 60 + b"7", b"9" * 400, b"1" * 5000,
]
DEC_TOKENS = [
    b"0.0", b"1.5", b"0." + b"0" * 37 + b"1", b"0." + b"0" * 38 + b"1", b"1." + b"0" * 38,
    b"1." + b"0" * 37, b"1.70141183460469231731687303715884105727",
    b"1.70141183460469231731687303715884105728", b"17014118346046923173168730371588410572.7",
    b"99999999999999999999999999999999999999.9", b"9.9999999999999999999999999999999999999",
    b"0." + b"9" * 38, b"1.", b".5", b"1..5", b"1.2.3", b"1e5", b"1E+5", b"1e-5", b"NaN",
    b"Infinity", b"-Infinity", b"inf", b"-0", b"+1", b"-1", b"-0.0", b"0x10", b"1_000",
    b"1,5", b"\xef\xbc\x91\xef\xbc\x92",  # fullwidth 12
    b"\xd9\xa3",  # Arabic-Indic 3
]
WORDS = [b"v1", b"v0", b"v2", b"V1", b"v", b"v10", b"v1x", b"=", b"==", b",", b",,", b" ",
         b"  ", b"\t", b"\n", b"\r\n", b"-", b"+", b".", b"e", b"x=1", b"scale=", b"counts=",
         b"successes=", b"trials=", b"spend=", b"units=", b"accounts=", b"furthest=",
         b"impressions=", b"clicks=", b"ctr_clicks=", b"cpm_spend=",
         b"0-10", b"1-5", b"1-10", b"1-2", b"1-11", b"0-5", b"1-", b"-10", b"target", b"won",
         b"expanded", b"WON", b"Won", b"wonn", b"retaine", b"\\", b"\"", b"'", b"%s", b"%n",
         b"{", b"}", b"{}", b"--", b"-9223372036854775808", b"0-0", b"5-3"]
UTF8_JUNK = [
    "\u00a0", "\u2212", "\u200b", "\ufeff", "\uff10", "\u0660", "\u0131", "\u017f",
    "\u212a", "\u00e9", "\U0001f4a9", "\u202e", "\u0001",
]
BAD_UTF8 = [b"\xc0\x80", b"\xed\xa0\x80", b"\xff", b"\xfe", b"\xe2\x82", b"\xf4\x90\x80\x80",
            b"\x80", b"\xc3", b"\xf0\x9f\x92", b"\xc1\xbf", b"\xe0\x80\xaf"]

DIGITS = re.compile(rb"[0-9]+(?:\.[0-9]+)?")
TOKEN = re.compile(rb"[^ ]+")


def _rand_bytes(rng, n, low=1, high=255):
    return bytes(rng.randint(low, high) for _ in range(n))


def _rand_codepoint(rng):
    while True:
        cp = rng.choice([rng.randint(0x80, 0x7ff), rng.randint(0x800, 0xffff),
                         rng.randint(0x10000, 0x10ffff)])
        if not 0xd800 <= cp <= 0xdfff:
            return chr(cp).encode()


def mutate_text_once(rng, s, pool):
    """One mutation of a text input (bytes)."""
    n = len(s)
    if rng.random() < 0.35:
        # Keep the structure, change a number: most such cases are valid or
        # fail one semantic check, the deepest code of the input functions.
        ms = list(DIGITS.finditer(s))
        if ms:
            m = rng.choice(ms)
            r = rng.random()
            if r < 0.3:                                 # +- a little
                try:
                    v = int(m.group()) + rng.choice([-1, 1, -2, 2, 10])
                except ValueError:
                    v = 0
                tok = str(max(v, 0)).encode()
            elif r < 0.6:                               # a random count
                tok = str(rng.choice([rng.randint(0, 20), rng.randint(0, 1 << 63),
                                      rng.randint(0, 1 << 64)])).encode()
            elif r < 0.8:                               # a random decimal
                ip = str(rng.randint(0, 10 ** rng.randint(0, 39))).encode()
                tok = ip + b"." + b"".join(bytes([rng.randint(48, 57)])
                                            for _ in range(rng.randint(1, 40)))
            else:                                       # another number of the input
                tok = rng.choice(ms).group()
            return s[:m.start()] + tok + s[m.end():]
    op = rng.randrange(20)
    if op == 0 and n:                                   # truncate
        return s[:rng.randrange(n)]
    if op == 1 and n:                                   # delete a span
        i = rng.randrange(n)
        return s[:i] + s[i + rng.randint(1, 8):]
    if op == 2:                                         # insert a control byte
        i = rng.randint(0, n)
        c = bytes([rng.choice(list(range(1, 32)) + [127])])
        return s[:i] + c + s[i:]
    if op == 3 and DIGITS.search(s):                    # replace a number
        ms = list(DIGITS.finditer(s))
        m = rng.choice(ms)
        tok = rng.choice(INT_TOKENS if rng.random() < 0.55 else DEC_TOKENS)
        return s[:m.start()] + tok + s[m.end():]
    if op == 4:                                         # digit flip
        idx = [i for i, c in enumerate(s) if 48 <= c <= 57]
        if idx:
            i = rng.choice(idx)
            return s[:i] + bytes([rng.randint(48, 57)]) + s[i + 1:]
    if op == 5:                                         # sign flip
        ms = list(DIGITS.finditer(s))
        if ms:
            m = rng.choice(ms)
            return s[:m.start()] + rng.choice([b"-", b"+", b"--", b"-0"]) + s[m.start():]
    if op == 6:                                         # duplicate a field
        toks = list(TOKEN.finditer(s))
        if toks:
            t = rng.choice(toks)
            j = rng.choice(toks)
            return s[:j.end()] + b" " + s[t.start():t.end()] + s[j.end():]
    if op == 7:                                         # extra field at the end
        return s + rng.choice([b" extra=1", b" x=", b" =", b" ", b"  ", b" v1", b"=1", b",0",
                               b" counts=1", b" spend=0", b"\n", b" \t"])
    if op == 8:                                         # drop a field
        toks = list(TOKEN.finditer(s))
        if toks:
            t = rng.choice(toks)
            return s[:t.start()] + s[t.end() + 1:]
    if op == 9:                                         # swap two fields
        toks = list(TOKEN.finditer(s))
        if len(toks) >= 2:
            a, b = sorted(rng.sample(toks, 2), key=lambda m: m.start())
            return (s[:a.start()] + s[b.start():b.end()] + s[a.end():b.start()]
                    + s[a.start():a.end()] + s[b.end():])
    if op == 10:                                        # separators
        seps = [i for i, c in enumerate(s) if c in b" ,=-."]
        if seps:
            i = rng.choice(seps)
            return s[:i] + rng.choice([b"  ", b"\t", b"\n", b";", b",,", b"", b"==", b" = ",
                                       b"--", b"..", b", "]) + s[i + 1:]
    if op == 11:                                        # case changes
        if rng.random() < 0.5:
            return s.upper()
        i = rng.randrange(n) if n else 0
        return s[:i] + s[i:i + rng.randint(1, 6)].swapcase() + s[i + rng.randint(1, 6):]
    if op == 12 and rng.random() < 0.3:                 # a long run of one character
        i = rng.randint(0, n)
        g = rng.choice(UTF8_JUNK).encode() if rng.random() < 0.5 else _rand_codepoint(rng)
        return s[:i] + g * rng.randint(20, 200) + s[i:]
    if op == 12:                                        # valid UTF-8 garbage
        i = rng.randint(0, n)
        g = rng.choice(UTF8_JUNK).encode() if rng.random() < 0.5 else _rand_codepoint(rng)
        return s[:i] + g + s[i:]
    if op == 13:                                        # invalid UTF-8 bytes
        i = rng.randint(0, n)
        g = rng.choice(BAD_UTF8) if rng.random() < 0.6 else _rand_bytes(rng, rng.randint(1, 4), 128)
        return s[:i] + g + s[i:]
    if op == 14 and pool:                               # splice with another seed
        o = rng.choice(pool)
        return s[:rng.randint(0, n)] + o[rng.randint(0, len(o)):]
    if op == 15:                                        # a word at a random place
        i = rng.randint(0, n)
        return s[:i] + rng.choice(WORDS) + s[i:]
    if op == 16:                                        # version
        return re.sub(rb"^ *v1", rng.choice([b"v0", b"v2", b"V1", b"", b"v", b" v1", b"v1v1",
                                            b"v01", b"v1\t"]), s, count=1)
    if op == 17 and n:                                  # flip a bit
        i = rng.randrange(n)
        return s[:i] + bytes([s[i] ^ (1 << rng.randrange(8))]) + s[i + 1:]
    if op == 18:                                        # many decimal places / digits
        ms = list(DIGITS.finditer(s))
        if ms:
            m = rng.choice(ms)
            k = rng.choice([1, 2, 37, 38, 39, 40, 100])
            extra = (b"." if b"." not in m.group() else b"") + b"".join(
                bytes([rng.randint(48, 57)]) for _ in range(k))
            return s[:m.end()] + extra + s[m.end():]
    if op == 19:                                        # leading/trailing space
        return rng.choice([b" ", b"  ", b"\t", b"\n"]) * rng.randint(0, 1) + s + \
            rng.choice([b" ", b"  ", b"\t", b"", b"\n"])
    # The chosen mutation did not apply: insert a random printable byte.
    i = rng.randint(0, n)
    return s[:i] + bytes([rng.randint(32, 126)]) + s[i:]


def make_text_case(rng, pool):
    r = rng.random()
    if r < 0.03:                                        # random printable junk
        return bytes(rng.randint(32, 126) for _ in range(rng.randint(0, 80)))
    if r < 0.05:                                        # random bytes
        return _rand_bytes(rng, rng.randint(0, 80))
    s = rng.choice(pool)
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4])):
        s = mutate_text_once(rng, s, pool)
    return s.replace(b"\x00", b"\x01")[:200000]


INTERESTING = {
    1: [0, 1, 2, 3, 5, 6, 7, 9, 10, 11, 0x7f, 0x80, 0xff],
    2: [0, 1, 2, 37, 38, 39, 40, 0x7fff, 0x8000, 0xffff, 0x0100, 0xff00],
    4: [0, 1, 2, 3, 1273, 1576, 2241, 2242, 2243, 0x7fffffff, 0x80000000, 0xffffffff],
    8: [0, 1, 2, 3, (1 << 64) - 1, (1 << 63) - 1, 1 << 63, (1 << 63) - 2, (1 << 63) + 1,
        1 << 32, 10 ** 18, 4611686018427387904],
    16: [0, 1, 2, (1 << 128) - 1, (1 << 127) - 1, 1 << 127, 10 ** 38, 10 ** 38 - 1, 10 ** 38 + 1,
         1 << 64, 1 << 63, (1 << 64) - 1, 10 ** 18, (1 << 127) - 2, (1 << 126)],
}


def _field_get(b, off, w):
    return int.from_bytes(b[off:off + w], "big")


def _field_set(b, off, w, v):
    return b[:off] + (v % (1 << (8 * w))).to_bytes(w, "big") + b[off + w:]


def mutate_binary_once(rng, b, pool, layout):
    n = len(b)
    fields = [(o, w) for o, w in layout if o + w <= n]
    op = rng.randrange(14)
    if op == 0 and n:                                   # bit flips
        b = bytearray(b)
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(n)
            b[i] ^= 1 << rng.randrange(8)
        return bytes(b)
    if op == 1 and n:                                   # random byte
        i = rng.randrange(n)
        return b[:i] + bytes([rng.randrange(256)]) + b[i + 1:]
    if op in (2, 3, 4) and fields:                      # interesting field value
        o, w = rng.choice(fields)
        return _field_set(b, o, w, rng.choice(INTERESTING[w]))
    if op == 5 and fields:                              # arithmetic on a field
        o, w = rng.choice(fields)
        return _field_set(b, o, w, _field_get(b, o, w) + rng.choice([-2, -1, 1, 2, 10, -10]))
    if op == 6 and n:                                   # truncate
        return b[:rng.randrange(n)]
    if op == 7:                                         # extend
        return b + _rand_bytes(rng, rng.randint(1, 20), 0)
    if op == 8 and n:                                   # delete or insert a byte
        i = rng.randrange(n)
        if rng.random() < 0.5:
            return b[:i] + b[i + 1:]
        return b[:i] + bytes([rng.randrange(256)]) + b[i:]
    if op == 9 and pool and fields:                     # crossover with another seed
        o, w = rng.choice(fields)
        other = rng.choice(pool)
        if len(other) >= o + w:
            return b[:o] + other[o:o + w] + b[o + w:]
    if op == 10 and len(fields) >= 2:                   # copy a field onto another
        same = collections.defaultdict(list)
        for o, w in fields:
            same[w].append(o)
        ws = [w for w in same if len(same[w]) >= 2]
        if ws:
            w = rng.choice(ws)
            src, dst = rng.sample(same[w], 2)
            return b[:dst] + b[src:src + w] + b[dst + w:]
    if op == 11 and fields:                             # small negative / sign bit
        o, w = rng.choice(fields)
        return _field_set(b, o, w, _field_get(b, o, w) ^ (1 << (8 * w - 1)))
    if op == 12 and n:                                  # version byte
        return bytes([rng.choice([0, 1, 2, 255, rng.randrange(256)])]) + b[1:]
    if op == 13 and fields:                             # random field value
        o, w = rng.choice(fields)
        return b[:o] + _rand_bytes(rng, w, 0) + b[o + w:]
    return bytes([rng.randrange(256)]) + b[1:] if n else b"\x01"


def make_binary_case(rng, pool, type_name):
    size = SIZE[type_name]
    r = rng.random()
    if r < 0.02:                                        # random bytes of the right size
        return bytes([1]) + _rand_bytes(rng, size - 1, 0) if size > 1 else _rand_bytes(rng, 1, 0)
    if r < 0.04:                                        # random bytes, random length
        return _rand_bytes(rng, rng.randint(0, 2 * size + 2), 0)
    b = rng.choice(pool)
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        b = mutate_binary_once(rng, b, pool, LAYOUT[type_name])
    return b


# ---------------------------------------------------------------------------
# Server side.
# ---------------------------------------------------------------------------

TEXT_FUNCTION = """
CREATE OR REPLACE FUNCTION pg_temp.fuzz_text_{t}(inputs bytea[])
RETURNS TABLE (k int, code text, out1 bytea, ok boolean, detail bytea)
LANGUAGE plpgsql AS $f$
DECLARE
    enc name := current_setting('server_encoding');
    t text;
    m text;
    d text;
    h text;
    v {t};
    v2 {t};
    o1 text;
    o2 text;
BEGIN
    FOR i IN 1 .. coalesce(array_length(inputs, 1), 0) LOOP
        k := i;
        -- Outside the per-case block: the harness routes invalid UTF-8 to
        -- the SQL_ASCII database, so this never fails.
        t := convert_from(inputs[i], enc);
        BEGIN
            v := t::{t};
        EXCEPTION WHEN OTHERS THEN
            code := SQLSTATE; out1 := NULL; ok := NULL; detail := convert_to(SQLERRM, enc);
            -- The message quotes the input: it must still be valid in the
            -- server encoding (convert_from checks), or a client with
            -- another encoding gets an encoding error instead of this one.
            GET STACKED DIAGNOSTICS m = MESSAGE_TEXT, d = PG_EXCEPTION_DETAIL,
                                    h = PG_EXCEPTION_HINT;
            BEGIN
                PERFORM convert_from(convert_to(m || ' ' || d || ' ' || h, enc), enc);
            EXCEPTION WHEN OTHERS THEN
                code := 'ENC:' || code;
                detail := convert_to('the error message or its detail is not valid '
                                     || enc || ': ' || SQLERRM, enc);
            END;
            RETURN NEXT;
            CONTINUE;
        END;
        code := NULL; detail := NULL;
        BEGIN
            o1 := v::text;
            out1 := convert_to(o1, enc);
            v2 := o1::{t};
            o2 := v2::text;
            ok := o2 = o1 COLLATE "C" AND {t}_send(v) = {t}_send(v2);
            IF NOT ok THEN
                detail := convert_to(format('out(in(x)) = %s; out(in(out(in(x)))) = %s; send %s vs %s',
                                 o1, o2, {t}_send(v), {t}_send(v2)), enc);
            END IF;
        EXCEPTION WHEN OTHERS THEN
            ok := false; code := SQLSTATE;
            detail := convert_to(format('re-reading the output %s failed: %s: %s', o1, SQLSTATE, SQLERRM), enc);
        END;
        RETURN NEXT;
    END LOOP;
END
$f$
"""

BIN_CHECK_FUNCTION = """
CREATE OR REPLACE FUNCTION pg_temp.fuzz_bin_check_{t}()
RETURNS TABLE (k int, send1 bytea, out1 text, send2 bytea, out2 text, err text)
LANGUAGE plpgsql AS $f$
DECLARE
    r record;
    v2 {t};
BEGIN
    FOR r IN SELECT b.k AS kk, b.v FROM fuzz_bin_{t} b LOOP
        k := r.kk; send1 := NULL; out1 := NULL; send2 := NULL; out2 := NULL; err := NULL;
        BEGIN
            send1 := {t}_send(r.v);
            out1 := r.v::text;
            v2 := out1::{t};
            send2 := {t}_send(v2);
            out2 := v2::text;
        EXCEPTION WHEN OTHERS THEN
            err := SQLSTATE || ': ' || SQLERRM;
        END;
        RETURN NEXT;
    END LOOP;
END
$f$
"""

COPY_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"


def copy_file(cases):
    """A binary COPY file of (k int4, v) tuples."""
    out = io.BytesIO()
    out.write(COPY_SIGNATURE)
    out.write(struct.pack("!ii", 0, 0))
    for k, b in cases:
        out.write(struct.pack("!hii", 2, 4, k))
        out.write(struct.pack("!i", len(b)))
        out.write(b)
    out.write(struct.pack("!h", -1))
    out.seek(0)
    return out


class Crash(Exception):
    """The connection was lost: the backend died."""


class Hang(Exception):
    """A batch exceeded statement_timeout."""


def is_lost(conn, exc):
    return conn.closed != 0 or (isinstance(exc, (psycopg2.OperationalError,
                                                 psycopg2.InterfaceError))
                                and exc.pgcode is None)


class Fuzzer:
    def __init__(self, args):
        self.args = args
        self.failures = []          # (type, form, what, input bytes, detail)
        self.conns = {}
        self.timeout_ms = int(args.timeout * 1000)
        # Watchdog: statement_timeout cancels a slow batch, but a loop that
        # never checks for interrupts cannot be cancelled.  When a call runs
        # far past the timeout, print its cases and exit.
        self.call = None                # (started, type, form, cases)
        threading.Thread(target=self.watchdog, daemon=True).start()

    def watchdog(self):
        limit = self.args.timeout * 1.5 + 30
        while True:
            time.sleep(1)
            call = self.call
            if call and time.time() - call[0] > limit:
                started, t, form, cases = call
                print(f"FAIL {t} {form} hang: a call of {len(cases)} cases did not end in "
                      f"{limit:.0f} s and could not be cancelled (seed {self.args.seed});"
                      f" its inputs, one hex line each:", flush=True)
                for idx, b in cases:
                    print(f"  case {idx}: {b.hex()}", flush=True)
                os._exit(2)

    def guarded(self, t, form, cases, fn):
        self.call = (time.time(), t, form, cases)
        try:
            return fn()
        finally:
            self.call = None

    # -- connections --------------------------------------------------------

    def connect(self, dbname, wait=0.0):
        deadline = time.time() + wait
        while True:
            try:
                c = psycopg2.connect(dbname=dbname)
                break
            except psycopg2.OperationalError:
                if time.time() >= deadline:
                    raise
                time.sleep(0.5)
        c.autocommit = True
        with c.cursor() as cur:
            cur.execute("SET statement_timeout = %s", (self.timeout_ms,))
            cur.execute("SET client_min_messages = warning")
            cur.execute("SET search_path = public")
        return c

    def setup_databases(self):
        admin = self.connect(os.environ.get("PGDATABASE", "postgres"))
        with admin.cursor() as cur:
            for db, opts in ((UTF8_DB, "ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"),
                             (ASCII_DB, "ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C'")):
                cur.execute(f"DROP DATABASE IF EXISTS {db}")
                try:
                    cur.execute(f"CREATE DATABASE {db} TEMPLATE template0 {opts}")
                except psycopg2.Error:
                    # Another locale set-up: the encoding is what matters.
                    enc = "UTF8" if db == UTF8_DB else "SQL_ASCII"
                    lc = "C"
                    cur.execute(f"CREATE DATABASE {db} TEMPLATE template0 ENCODING '{enc}'"
                                f" LC_COLLATE '{lc}' LC_CTYPE '{lc}'")
        admin.close()
        for db in (UTF8_DB, ASCII_DB):
            c = self.connect(db)
            with c.cursor() as cur:
                cur.execute("CREATE EXTENSION abm")
            c.close()

    def drop_databases(self):
        try:
            admin = self.connect(os.environ.get("PGDATABASE", "postgres"),
                                 wait=self.args.restart_wait)
            for c in self.conns.values():
                c.close()
            with admin.cursor() as cur:
                for db in (UTF8_DB, ASCII_DB):
                    cur.execute(f"DROP DATABASE IF EXISTS {db}")
            admin.close()
        except psycopg2.Error as e:
            print(f"warning: could not drop the fuzz databases: {e}", file=sys.stderr)

    def conn(self, db, t):
        """A session of database db with the PL/pgSQL helpers of type t."""
        key = (db, t)
        c = self.conns.get(key)
        if c is None or c.closed:
            c = self.connect(db, wait=self.args.restart_wait)
            with c.cursor() as cur:
                cur.execute(TEXT_FUNCTION.format(t=t))
                if db == UTF8_DB:
                    cur.execute(f"CREATE TEMP TABLE fuzz_bin_{t} (k int4, v {t})")
                    cur.execute(BIN_CHECK_FUNCTION.format(t=t))
            self.conns[key] = c
        return c

    def alive(self, db, t):
        c = self.conn(db, t)
        try:
            with c.cursor() as cur:
                cur.execute("SELECT 1")
                return cur.fetchone()[0] == 1
        except psycopg2.Error:
            return False

    # -- seeds ----------------------------------------------------------------

    def seeds(self, t):
        c = self.conn(UTF8_DB, t)
        texts, bins = [], []
        with c.cursor() as cur:
            cur.execute("SELECT setseed(0.5)")
            for q in SEEDS[t]:
                cur.execute(f"SELECT v::text, {t}_send(v) FROM ({q}) s(v)")
                for text, send in cur.fetchall():
                    texts.append(text.encode())
                    bins.append(bytes(send))
        for b in bins:
            if len(b) != SIZE[t] and not (t in VARIABLE and len(b) >= SIZE[t]):
                raise SystemExit(f"harness: {t} send gives {len(b)} bytes, layout says {SIZE[t]}")
        return texts, bins

    # -- failures -------------------------------------------------------------

    def fail(self, t, form, what, data, detail, index=None):
        self.failures.append((t, form, what, data, detail))
        where = f" (case {index})" if index is not None else ""
        print(f"FAIL {t} {form} {what}{where}: seed {self.args.seed}, input hex {data.hex()}"
              f"\n     input {data!r}\n     {detail}", flush=True)

    # -- text -----------------------------------------------------------------

    def run_text_batch(self, t, db, cases):
        """Runs cases [(index, bytes)] in db; returns the rows, or raises Crash/Hang."""
        c = self.conn(db, t)
        try:
            with c.cursor() as cur:
                self.guarded(t, "text", cases, lambda: cur.execute(
                    f"SELECT k, code, out1, ok, detail FROM pg_temp.fuzz_text_{t}(%s)",
                    ([psycopg2.Binary(b) for _, b in cases],)))
                return cur.fetchall()
        except psycopg2.Error as e:
            if is_lost(c, e):
                raise Crash(str(e)) from None
            if e.pgcode == "57014":
                raise Hang(str(e)) from None
            raise

    def isolate(self, t, form, runner, cases, kind, stats):
        """After a crash or hang of a batch: run its cases one at a time, to
        name the input(s) that crash or hang."""
        print(f"{kind} during a {t} {form} batch of {len(cases)} cases: isolating", flush=True)
        found = 0
        for idx, b in cases:
            try:
                runner([(idx, b)])
            except (Crash, Hang) as e:
                # Confirm, once the server is back: right after a crash a new
                # session may still be killed by the postmaster's restart.
                self.wait_for_restart()
                try:
                    runner([(idx, b)])
                    print(f"case {idx} failed once ({e.__class__.__name__}) but not again:"
                          f" not counted", flush=True)
                    continue
                except (Crash, Hang):
                    self.wait_for_restart()
                found += 1
                stats["crashes" if isinstance(e, Crash) else "hangs"] += 1
                self.fail(t, form, "crash" if isinstance(e, Crash) else "hang", b,
                          str(e).strip(), idx)
                if self.crashes_and_hangs() >= self.args.max_crashes:
                    break
        if not found:
            stats["crashes" if kind == "Crash" else "hangs"] += 1
            self.fail(t, form, kind.lower() + " (not reproduced one case at a time)",
                      b"", f"the batch of cases {cases[0][0]}..{cases[-1][0]}")

    def wait_for_restart(self):
        """After a crash: give the postmaster time to kill every session and
        recover, then drop our sessions and wait until it accepts one."""
        time.sleep(1.5)
        for c in self.conns.values():
            c.close()
        self.conns.clear()
        self.connect(UTF8_DB, wait=self.args.restart_wait).close()

    def crashes_and_hangs(self):
        return sum(1 for f in self.failures if f[2] in ("crash", "hang"))

    def fuzz_text(self, t, n, texts, stats):
        rng = random.Random(f"{self.args.seed}:{t}:text")
        pool = list(texts)
        pool_cap = 400
        done = 0
        while done < n and self.crashes_and_hangs() < self.args.max_crashes:
            m = min(self.args.batch, n - done)
            batch = [(done + i, make_text_case(rng, pool)) for i in range(m)]
            done += m
            stats["cases"] += m
            groups = collections.defaultdict(list)
            for idx, b in batch:
                try:
                    b.decode("utf-8")
                    groups[UTF8_DB].append((idx, b))
                except UnicodeDecodeError:
                    groups[ASCII_DB].append((idx, b))
            for db, cases in groups.items():
                stats["utf8" if db == UTF8_DB else "sql_ascii"] += len(cases)
                try:
                    rows = self.run_text_batch(t, db, cases)
                except (Crash, Hang) as e:
                    kind = "Crash" if isinstance(e, Crash) else "Hang"
                    self.wait_for_restart()
                    self.isolate(t, "text", lambda cs, db=db: self.run_text_batch(t, db, cs),
                                 cases, kind, stats)
                    continue
                for k, sqlstate, out1, ok, detail in rows:
                    idx, b = cases[k - 1]
                    detail = bytes(detail).decode("utf-8", "replace") if detail is not None else ""

                    if ok is None and sqlstate.startswith("ENC:"):
                        stats["rejected"] += 1
                        stats["bad_encoding"] += 1
                        stats["sqlstate"][sqlstate[4:]] += 1
                        self.fail(t, "text", "invalid encoding in the error message", b, detail, idx)
                    elif ok is None:
                        stats["rejected"] += 1
                        stats["sqlstate"][sqlstate] += 1
                        if sqlstate not in ALLOWED["text"]:
                            stats["bad_sqlstate"] += 1
                            self.fail(t, "text", f"unexpected SQLSTATE {sqlstate}", b, detail, idx)
                    elif ok:
                        stats["accepted"] += 1
                        out1 = bytes(out1)
                        if not out1.isascii() or not out1.startswith(OUTPUT_START.get(t, b"v1 ")):
                            stats["rt_fail"] += 1
                            self.fail(t, "text", "odd output", b, f"output {out1!r}", idx)
                        elif out1 not in pool and rng.random() < 0.05:
                            if len(pool) < pool_cap:
                                pool.append(out1)
                            else:
                                pool[rng.randrange(len(texts), pool_cap)] = out1
                    else:
                        stats["rt_fail"] += 1
                        self.fail(t, "text", "round trip", b, detail, idx)
            if not self.alive(UTF8_DB, t):
                stats["crashes"] += 1
                self.fail(t, "text", "crash", b"", f"server not alive after the batch ending {done}")

    # -- binary ---------------------------------------------------------------

    def copy(self, c, t, cases):
        with c.cursor() as cur:
            self.guarded(t, "binary", cases, lambda: cur.copy_expert(
                f"COPY fuzz_bin_{t} FROM STDIN (FORMAT binary)", copy_file(cases)))

    def run_binary_batch(self, t, cases):
        """Loads cases [(index, bytes)]; returns (accepted cases, rejected [(case, sqlstate,
        message)], round-trip rows)."""
        c = self.conn(UTF8_DB, t)
        accepted, rejected = [], []
        pending = list(cases)
        try:
            with c.cursor() as cur:
                cur.execute("BEGIN")
                cur.execute(f"TRUNCATE fuzz_bin_{t}")
                cur.execute("SAVEPOINT batch")
            while pending:
                try:
                    self.copy(c, t, pending)
                    accepted += pending
                    pending = []
                except psycopg2.Error as e:
                    if is_lost(c, e) or e.pgcode == "57014":
                        raise
                    m = re.search(r"COPY fuzz_bin_\w+, line (\d+)", e.diag.context or "")
                    if not m or not 1 <= int(m.group(1)) <= len(pending):
                        raise RuntimeError(f"harness: COPY error without a line: {e}") from None
                    line = int(m.group(1))
                    accepted += pending[:line - 1]
                    rejected.append((pending[line - 1], e.pgcode, e.diag.message_primary))
                    pending = pending[line:]
                    with c.cursor() as cur:
                        cur.execute("ROLLBACK TO SAVEPOINT batch")
            # Load every accepted case in one COPY (the last one may have
            # loaded only a tail), then check the round trips.
            with c.cursor() as cur:
                cur.execute("ROLLBACK TO SAVEPOINT batch")
            rows = []
            if accepted:
                try:
                    self.copy(c, t, accepted)
                except psycopg2.Error as e:
                    if is_lost(c, e) or e.pgcode == "57014":
                        raise
                    raise RuntimeError(f"harness: cases accepted one by one failed together: {e}")
                with c.cursor() as cur:
                    cur.execute(f"SELECT * FROM pg_temp.fuzz_bin_check_{t}()")
                    rows = cur.fetchall()
            with c.cursor() as cur:
                cur.execute("ROLLBACK")
            return accepted, rejected, rows
        except psycopg2.Error as e:
            if is_lost(c, e):
                raise Crash(str(e)) from None
            if e.pgcode == "57014":
                try:
                    c.rollback()
                    with c.cursor() as cur:
                        cur.execute("ROLLBACK")
                except psycopg2.Error:
                    pass
                raise Hang(str(e)) from None
            raise

    def fuzz_binary(self, t, n, bins, stats):
        rng = random.Random(f"{self.args.seed}:{t}:binary")
        pool = list(bins)
        pool_cap = 400
        done = 0
        while done < n and self.crashes_and_hangs() < self.args.max_crashes:
            m = min(self.args.batch, n - done)
            cases = [(done + i, make_binary_case(rng, pool, t)) for i in range(m)]
            done += m
            stats["cases"] += m
            try:
                accepted, rejected, rows = self.run_binary_batch(t, cases)
            except (Crash, Hang) as e:
                kind = "Crash" if isinstance(e, Crash) else "Hang"
                self.wait_for_restart()
                self.isolate(t, "binary", lambda cs: self.run_binary_batch(t, cs), cases, kind,
                             stats)
                continue
            for (idx, b), sqlstate, msg in rejected:
                stats["rejected"] += 1
                stats["sqlstate"][sqlstate] += 1
                if sqlstate not in ALLOWED["binary"]:
                    stats["bad_sqlstate"] += 1
                    self.fail(t, "binary", f"unexpected SQLSTATE {sqlstate}", b, msg, idx)
            stats["accepted"] += len(accepted)
            by_k = dict(cases)
            seen = set()
            for k, send1, out1, send2, out2, err in rows:
                b = by_k[k]
                seen.add(k)
                send1 = bytes(send1) if send1 is not None else None
                send2 = bytes(send2) if send2 is not None else None
                problem = None
                if err:
                    problem = f"the accepted value does not print and read back: {err}"
                elif send1 != b:
                    problem = f"send(recv(b)) = {send1.hex()} differs from b"
                elif send2 != b:
                    problem = f"its text {out1!r} reads back as send {send2.hex()}"
                elif out2 != out1:
                    problem = f"its text {out1!r} reads back and prints as {out2!r}"
                if problem:
                    stats["rt_fail"] += 1
                    self.fail(t, "binary", "round trip", b, problem, k)
                elif b not in pool and rng.random() < 0.05:
                    if len(pool) < pool_cap:
                        pool.append(b)
                    else:
                        pool[rng.randrange(len(bins), pool_cap)] = b
            missing = {k for k, _ in accepted} - seen
            if missing:
                stats["rt_fail"] += len(missing)
                self.fail(t, "binary", "accepted but not stored", by_k[min(missing)],
                          f"{len(missing)} cases", min(missing))
            if not self.alive(UTF8_DB, t):
                stats["crashes"] += 1
                self.fail(t, "binary", "crash", b"", f"server not alive after the batch ending {done}")


# ---------------------------------------------------------------------------
# Server log.
# ---------------------------------------------------------------------------

LOG_PATTERNS = re.compile(r"terminated by signal|TRAP:|server process .* was terminated|PANIC")


def find_server_log(path):
    if path:
        return path
    try:
        out = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True,
                             timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    port = os.environ.get("PGPORT")
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 7 and (port is None or f[2] == port):
            return f[-1]
    return None


def log_size(path):
    try:
        return os.path.getsize(path)
    except OSError:
        return None


def scan_log(path, start):
    try:
        with open(path, "rb") as f:
            f.seek(start or 0)
            text = f.read().decode("utf-8", "replace")
    except OSError as e:
        return None, str(e)
    return [line for line in text.splitlines() if LOG_PATTERNS.search(line)], None


# ---------------------------------------------------------------------------

def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cases", type=int, default=100000,
                   help="text cases and binary cases per type (default 100000 each)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--types", default=",".join(TYPES),
                   help="comma-separated types (default all: %(default)s)")
    p.add_argument("--forms", default="text,binary", help="text, binary or both (default)")
    p.add_argument("--batch", type=int, default=1000, help="cases per server call (default 1000)")
    p.add_argument("--timeout", type=float, default=120,
                   help="statement_timeout per batch in seconds: longer is a hang (default 120)")
    p.add_argument("--server-log", help="server log to scan at the end (default: pg_lsclusters)")
    p.add_argument("--restart-wait", type=float, default=60,
                   help="seconds to wait for the server to come back after a crash")
    p.add_argument("--max-crashes", type=int, default=5,
                   help="stop isolating after this many crashing inputs")
    p.add_argument("--keep", action="store_true", help="keep the fuzz databases")
    args = p.parse_args()

    types = [t.strip() for t in args.types.split(",") if t.strip()]
    for t in types:
        if t not in TYPES:
            p.error(f"unknown type {t}; known: {', '.join(TYPES)}")
    forms = [f.strip() for f in args.forms.split(",") if f.strip()]
    for f in forms:
        if f not in ("text", "binary"):
            p.error(f"unknown form {f}")

    log = find_server_log(args.server_log)
    log_start = log_size(log) if log else None

    fz = Fuzzer(args)
    fz.setup_databases()
    print(f"abm fuzz: seed {args.seed}, {args.cases} cases per type and form, "
          f"types {', '.join(types)}", flush=True)
    total_start = time.time()
    for t in types:
        texts, bins = fz.seeds(t)
        for form in forms:
            stats = collections.Counter()
            stats["sqlstate"] = collections.Counter()
            start = time.time()
            if form == "text":
                fz.fuzz_text(t, args.cases, texts, stats)
            else:
                fz.fuzz_binary(t, args.cases, bins, stats)
            elapsed = time.time() - start
            hist = " ".join(f"{k}:{v}" for k, v in sorted(stats["sqlstate"].items()))
            extra = (f" (utf8 {stats['utf8']}, sql_ascii {stats['sql_ascii']})"
                     if form == "text" else "")
            if stats["cases"] < args.cases:
                extra += f" (stopped after {stats['cases']}: --max-crashes reached)"
            print(f"{t:<18} {form:<6} cases {stats['cases']}{extra} seeds "
                  f"{len(texts) if form == 'text' else len(bins)}: accepted {stats['accepted']},"
                  f" rejected {stats['rejected']} [{hist}], round-trip failures {stats['rt_fail']},"
                  f" unexpected SQLSTATEs {stats['bad_sqlstate']},"
                  + (f" badly encoded messages {stats['bad_encoding']}," if form == "text" else "")
                  + f" crashes {stats['crashes']},"
                  f" hangs {stats['hangs']}; {elapsed:.1f} s ({stats['cases'] / max(elapsed, 1e-9):.0f}"
                  f" cases/s)", flush=True)

    if log and os.path.exists(log):
        # The postmaster logs a crash after it reaped the backend: let it.
        try:
            fz.connect(os.environ.get("PGDATABASE", "postgres"), wait=args.restart_wait).close()
        except psycopg2.Error:
            pass
        time.sleep(0.5)
        lines, err = scan_log(log, log_start)
        if err:
            print(f"warning: cannot read the server log {log}: {err}")
        elif lines:
            print(f"server log {log} shows a crash:")
            for line in lines[:50]:
                print(f"  {line}")
            fz.failures.append(("server", "log", "crash in the server log", b"", lines[0]))
        else:
            print(f"server log {log}: no crash, no TRAP")
    else:
        print("server log: not found (pass --server-log PATH to scan it)")

    if not args.keep:
        fz.drop_databases()
    print(f"abm fuzz: {len(fz.failures)} failure(s), {time.time() - total_start:.1f} s in all,"
          f" seed {args.seed}", flush=True)
    return 1 if fz.failures else 0


if __name__ == "__main__":
    sys.exit(main())
