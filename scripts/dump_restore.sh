#!/usr/bin/env bash
# Durable summaries: pg_dump / pg_restore of a database whose tables,
# materialized view and views hold every abm type (ratio_summary,
# score_summary, retention_summary, cost_summary, funnel_summary, abm_stage,
# and from 1.2 measure_summary, engagement_state, pipeline_summary, media_summary
# and account_set,
# with NULLs, empty and extreme values, and arrays of them) must restore
# identical values.
#
# Runs against an existing (throwaway) cluster: the PG* environment variables
# say where, e.g.
#   make install PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
#   pg_virtualenv -v 15 bash scripts/dump_restore.sh
# It creates a source database, dumps it with pg_dump -Fc and restores it
# with pg_restore into a new database (and, as a second check, dumps it as
# plain SQL and restores that with psql), then compares, query by query, the
# text of every value, the binary (send) form of every summary, a few
# accessors and KPIs, the materialized view and the views between source and
# restores. It prints PASS or FAIL per check, drops its databases, and ends
# with "dump_restore: N passed, M failed"; the exit status is non-zero on any
# failure.
#
# PG_BINDIR picks the client programs (default /usr/lib/postgresql/15/bin).
# ABM_DUMP_FROM=1.1 makes the source database with abm 1.1: the dump then
# restores into the current version (pg_dump records CREATE EXTENSION
# without a version), so summaries stored under 1.1 must read back
# identically under the current one.
set -euo pipefail

PG_BINDIR=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
for prog in psql pg_dump pg_restore; do
    [[ -x $PG_BINDIR/$prog ]] || { echo "dump_restore: $PG_BINDIR/$prog not found (set PG_BINDIR)" >&2; exit 2; }
done

SRC=abm_dump_src_$$
DST=abm_dump_restored_$$
DST_PLAIN=abm_dump_plain_$$
WORK=$(mktemp -d "${TMPDIR:-/tmp}/abm_dump_restore.XXXXXX")
passed=0
failed=0

psql_db() {
    local db=$1
    shift
    "$PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"
}
# Query result as unaligned text (one line per row, | between columns).
query() {
    psql_db "$1" -A -t -c "$2"
}

cleanup() {
    local db
    for db in "$SRC" "$DST" "$DST_PLAIN"; do
        psql_db postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

pass() { echo "PASS  $1"; passed=$((passed + 1)); }
fail() { echo "FAIL  $1"; failed=$((failed + 1)); }

echo "dump_restore: server $("$PG_BINDIR/psql" -X -A -t -d postgres -c 'SHOW server_version'), client $("$PG_BINDIR/pg_dump" --version)"

psql_db postgres -c "CREATE DATABASE $SRC"
psql_db "$SRC" -c 'SET client_min_messages = warning' \
    -c "CREATE EXTENSION abm${ABM_DUMP_FROM:+ VERSION '$ABM_DUMP_FROM'}" >/dev/null
echo "dump_restore: source database with abm $(query "$SRC" "SELECT extversion FROM pg_extension WHERE extname = 'abm'")"
psql_db "$SRC" >/dev/null <<'SQL'
SET client_min_messages = warning;
SET TimeZone = 'UTC';

-- Raw rows (random but reproducible), with NULLs in every column.
SELECT setseed(0.25);
CREATE TABLE events AS
SELECT i AS id,
       'seg' || (i % 5) AS segment,
       CASE WHEN random() < 0.1 THEN NULL ELSE random() < 0.35 END AS won,
       CASE WHEN random() < 0.05 THEN NULL ELSE round((random() * 100000)::numeric, (i % 4)) END AS amount,
       CASE WHEN random() < 0.1 THEN NULL ELSE floor(random() * 11)::int END AS score,
       CASE WHEN random() < 0.1 THEN NULL ELSE 1 + floor(random() * 5)::int END AS csat,
       CASE WHEN random() < 0.1 THEN NULL WHEN random() < 0.1 THEN 0 ELSE round((random() * 50000)::numeric, 2) END AS start_rev,
       CASE WHEN random() < 0.1 THEN NULL WHEN random() < 0.1 THEN 0 ELSE round((random() * 60000)::numeric, 2) END AS end_rev,
       CASE WHEN random() < 0.05 THEN NULL ELSE (random() * 3000)::float8 END AS spend_f,
       CASE WHEN random() < 0.1 THEN NULL ELSE random() < 0.25 END AS acquired,
       CASE WHEN random() < 0.1 THEN NULL ELSE abm_stage(1 + floor(random() * 6)::int) END AS stage,
       CASE WHEN random() < 0.1 THEN NULL ELSE
         ARRAY(SELECT CASE WHEN j <= 1 + (i % 6) THEN timestamptz '2024-01-01 00:00+00' + i * interval '1 hour'
                                                     + j * interval '3 days 7 hours 12.5 seconds' END
               FROM generate_series(1, 6) j ORDER BY j) END AS reached
FROM generate_series(1, 2000) i;

-- A table with a column of every type, one row per segment plus a row of NULLs.
CREATE TABLE summaries (
    id int PRIMARY KEY,
    segment text,
    r ratio_summary, rc ratio_summary, s score_summary, cs score_summary,
    t retention_summary, c cost_summary, f funnel_summary, ft funnel_summary,
    first_stage abm_stage, last_stage abm_stage,
    ra ratio_summary[], sa abm_stage[]);
INSERT INTO summaries
SELECT row_number() OVER (ORDER BY segment), segment,
       ratio_agg(won, amount), ratio_agg(won), score_agg(score), score_agg(csat, 5),
       retention_agg(start_rev, end_rev), cost_agg(spend_f, acquired), funnel_agg(stage, amount), funnel_agg(reached, amount),
       min(stage), max(stage),
       ARRAY[ratio_agg(won, amount), NULL, ratio_agg(won)], array_agg(DISTINCT stage)
FROM events GROUP BY segment;
INSERT INTO summaries (id, segment) VALUES (100, 'all NULL');
-- Empty summaries (aggregates over no rows).
INSERT INTO summaries (id, segment, r, rc, s, cs, t, c, f, ft, ra, sa)
SELECT 101, 'empty', ratio_agg(won, amount), ratio_agg(won), score_agg(score), score_agg(csat, 5),
       retention_agg(start_rev, end_rev), cost_agg(spend_f, acquired), funnel_agg(stage, amount), funnel_agg(reached, amount),
       ARRAY[]::ratio_summary[], ARRAY[]::abm_stage[]
FROM events WHERE false;

-- Extreme and hand-written values, from their text form.
CREATE TABLE literals (id int PRIMARY KEY, r ratio_summary, s score_summary, t retention_summary,
                       c cost_summary, f funnel_summary, st abm_stage);
INSERT INTO literals VALUES
  (1, 'v1 successes=9223372036854775807 trials=9223372036854775807 success_amount=170141183460469231731687303715884105727 trial_amount=170141183460469231731687303715884105727',
      'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,9223372036854775807',
      'v1 accounts=4 churned_accounts=1 new_accounts=2 start_revenue=200000 expansion=20000 contraction=4000 churned_revenue=6000 new_revenue=35000',
      'v1 units=9223372036854775807 spend=99999999999999999999999999999999999999',
      'v1 furthest=4,3,1,2,0,0 spend=1000.00 step_n=0,6,3,2,0,0 step_us=0,600,300,200,0,0 touch_n=0,6,3,2,0,0 touch_us=0,0,300,500,0,0',
      'target'),
  (2, 'v1 successes=1 trials=1 success_amount=0.00000000000000000000000000000000000001 trial_amount=1.00000000000000000000000000000000000000',
      'v1 scale=1-3 counts=0,1,2,3,0,0,0,0,0,0,0',
      'v1 accounts=2 churned_accounts=0 new_accounts=0 start_revenue=110.500 expansion=0.125 contraction=0.250 churned_revenue=0.000 new_revenue=0.000',
      'v1 units=3 spend=10.75', NULL, 'expanded'),
  (3, 'v1 successes=0 trials=5 success_amount=0.000 trial_amount=12.345',
      'v1 scale=1-10 counts=0,1,1,1,1,1,1,1,1,1,1',
      'v1 accounts=1 churned_accounts=1 new_accounts=0 start_revenue=5 expansion=0 contraction=0 churned_revenue=5 new_revenue=0',
      'v1 units=0 spend=5.00',
      'v1 furthest=0,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0',
      NULL),
  (4, NULL, NULL, NULL, NULL, NULL, 'won');
-- A btree index on abm_stage (its operator class must come back too).
CREATE INDEX literals_stage ON literals (st);
CREATE INDEX events_stage ON events (stage);

-- Materialized view of summaries (pg_restore refreshes it from the restored rows).
CREATE MATERIALIZED VIEW segment_summaries AS
SELECT segment, ratio_agg(won, amount) AS r, score_agg(score) AS s, score_agg(csat, 5) AS cs,
       retention_agg(start_rev, end_rev) AS t, cost_agg(spend_f, acquired) AS c,
       funnel_agg(reached, amount) AS f, max(stage) AS furthest
FROM events GROUP BY segment;
-- A materialized view rolling up the stored summaries.
CREATE MATERIALIZED VIEW rolled_up AS
SELECT rollup(r) AS r, rollup(s) AS s, rollup(cs) AS cs, rollup(t) AS t, rollup(c) AS c, rollup(f) AS f
FROM summaries;
-- Views: KPIs from the aggregates, and rolling window KPIs.
CREATE VIEW segment_kpis AS
SELECT segment, win_rate(won) AS win_rate, win_rate(won, amount) AS weighted, nps_score(score) AS nps,
       csat(csat) AS csat, nrr(start_rev, end_rev) AS nrr, grr(start_rev, end_rev) AS grr,
       cac(spend_f, acquired) AS cac
FROM events GROUP BY segment;
CREATE VIEW rolling AS
SELECT id, win_rate(won) OVER w AS win_rate, nps_score(score) OVER w AS nps, nrr(start_rev, end_rev) OVER w AS nrr,
       rollup(r) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS r3
FROM events LEFT JOIN (SELECT id, r FROM summaries) s USING (id)
WINDOW w AS (ORDER BY id ROWS BETWEEN 29 PRECEDING AND CURRENT ROW);
SQL

# 1.2 types (issue 13): measure_summary in both forms and engagement_state,
# with empty, extreme and NULL values; not in a 1.1 source.
if [[ -z ${ABM_DUMP_FROM:-} ]]; then
psql_db "$SRC" >/dev/null <<'SQL'
CREATE TABLE measures (id int PRIMARY KEY, m measure_summary, e engagement_state);
INSERT INTO measures
SELECT g, measure_agg(CASE WHEN g = 2 THEN x / 8.0 ELSE x END),
       engagement_trans('v1 rows=0 as_of=0 half_life=0 score=0', '2024-03-01', g, '2024-03-15', '7 days')
FROM generate_series(1, 3) g, generate_series(1, 50) x GROUP BY g;
INSERT INTO measures VALUES
  (4, 'v1 n=0 sum=0 sum_squares=0', 'v1 rows=0 as_of=0 half_life=0 score=0'),
  (5, 'v1 n=9223372036854775807 mean=-1.7976931348623157e+308 m2=5e-324',
      'v1 rows=9223372036854775807 as_of=-5 half_life=9223372036854775807 score=170141183460469231731687303715884105727'),
  (6, NULL, NULL);
SQL
fi

# pipeline_summary (1.2): variable length, stored compressible; its sketches
# of a wide spread of cycles pass 2 kB, so they are compressed (TOAST).
if [[ -z ${ABM_DUMP_FROM:-} ]]; then
    psql_db "$SRC" >/dev/null <<'SQL'
SET client_min_messages = warning;
SET TimeZone = 'UTC';
CREATE TABLE pipelines (id int PRIMARY KEY, segment text, p pipeline_summary);
INSERT INTO pipelines
SELECT row_number() OVER (ORDER BY segment), segment,
       pipeline_agg(won, amount, timestamptz '2024-01-01' + id * interval '1 hour',
                    timestamptz '2024-01-01' + id * interval '1 hour' + (id % 400) * interval '1 day'
                    + (id % 7) * interval '1 minute', amount / 200000)
FROM events GROUP BY segment;
INSERT INTO pipelines (id, segment) VALUES (100, 'all NULL');
INSERT INTO pipelines (id, segment, p)
SELECT 101, 'empty', pipeline_agg(won, amount, NULL, NULL) FROM events WHERE false;
INSERT INTO pipelines VALUES (102, 'literal',
    'v1 open=1 won=2 lost=0 won_with_amount=1 pipeline=10.50 weighted_pipeline=5.25 won_amount=3 lost_amount=0 won_cycles=2 won_cycle_us=86400000000 lost_cycles=0 lost_cycle_us=0 cycle_sketch={0:1,1273:1}');
CREATE MATERIALIZED VIEW pipeline_rolled_up AS SELECT rollup(p) AS p FROM pipelines;
SQL
fi

# account_set (1.2): stored sets, one of them large enough to be TOASTed, and
# a materialized view of their rollup.
if [[ -z ${ABM_DUMP_FROM:-} ]]; then
    psql_db "$SRC" >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE TABLE account_sets AS
SELECT segment, account_set_agg(id) AS engaged, account_set_agg(id * 7919 % 1000003 - 500000) AS sparse
FROM events GROUP BY segment;
INSERT INTO account_sets VALUES ('large', (SELECT account_set_agg(i * 3) FROM generate_series(1, 200000) i), '{}'),
                                ('none', NULL, NULL);
CREATE MATERIALIZED VIEW account_reach AS
SELECT reach(rollup(engaged)) AS reach, rollup(sparse) AS sparse FROM account_sets;
SQL
fi

# The checks: a name and a query, run in the source and in each restore.
declare -a NAMES QUERIES
check() { NAMES+=("$1"); QUERIES+=("$2"); }

# Across versions the restored extension is the current one (checked after
# the restores), so only its presence is compared here.
if [[ -n ${ABM_DUMP_FROM:-} ]]; then
    check "extension" "SELECT extname FROM pg_extension WHERE extname = 'abm'"
else
    check "extension version" "SELECT extname, extversion FROM pg_extension WHERE extname = 'abm'"
fi
check "events: every value's text" \
    "SELECT e::text FROM events e ORDER BY id"
check "summaries: every value's text" \
    "SELECT s::text FROM summaries s ORDER BY id"
check "literals: every value's text" \
    "SELECT l::text FROM literals l ORDER BY id"
check "summaries: binary (send) forms" \
    "SELECT id, encode(ratio_summary_send(r), 'hex'), encode(ratio_summary_send(rc), 'hex'),
            encode(score_summary_send(s), 'hex'), encode(score_summary_send(cs), 'hex'),
            encode(retention_summary_send(t), 'hex'), encode(cost_summary_send(c), 'hex'),
            encode(funnel_summary_send(f), 'hex'), encode(funnel_summary_send(ft), 'hex'),
            encode(abm_stage_send(first_stage), 'hex'), encode(abm_stage_send(last_stage), 'hex')
     FROM summaries ORDER BY id"
check "literals: binary (send) forms" \
    "SELECT id, encode(ratio_summary_send(r), 'hex'), encode(score_summary_send(s), 'hex'),
            encode(retention_summary_send(t), 'hex'), encode(cost_summary_send(c), 'hex'),
            encode(funnel_summary_send(f), 'hex'), encode(abm_stage_send(st), 'hex')
     FROM literals ORDER BY id"
check "ratio_summary accessors" \
    "SELECT id, successes(r), trials(r), failures(r), success_amount(r), trial_amount(r),
            win_rate(r), weighted_win_rate(r), rate(rc), successes(ra[1]), ra[2] IS NULL
     FROM summaries ORDER BY id"
check "score_summary accessors" \
    "SELECT id, responses(s), promoters(s), passives(s), detractors(s), nps_score(s), mean_score(s),
            responses(cs), csat(cs), csat(cs, 5), score_count(cs, 5)
     FROM summaries ORDER BY id"
check "retention_summary accessors" \
    "SELECT id, accounts(t), churned_accounts(t), new_accounts(t), start_revenue(t), end_revenue(t),
            retained_revenue(t), expansion(t), contraction(t), churned_revenue(t), new_revenue(t),
            nrr(t), grr(t), logo_retention(t)
     FROM summaries ORDER BY id"
check "cost_summary accessors" \
    "SELECT id, spend(c), units(c), cac(c), cpl(c), cost_per_unit(c) FROM summaries ORDER BY id"
check "funnel_summary: funnel_stages" \
    "SELECT s.id, f.* FROM summaries s, funnel_stages(s.ft) f ORDER BY s.id, f.position"
check "abm_stage: order, positions and the btree index" \
    "SET enable_seqscan = off; SELECT id, st, stage_position(st) FROM literals WHERE st >= 'target' ORDER BY st, id"
check "abm_stage: events by stage (index)" \
    "SET enable_seqscan = off; SELECT stage, count(*) FROM events WHERE stage > 'engaged' GROUP BY stage ORDER BY stage"
check "literals: accessors of extreme values" \
    "SELECT id, trials(r), success_amount(r), responses(s), mean_score(s), nrr(t), cac(c), stage_accounts(f, 'engaged')
     FROM literals ORDER BY id"
check "statistics on the stored summaries" \
    "SELECT s.id, w.*, n.* FROM summaries s
       LEFT JOIN LATERAL wilson_interval(s.rc) w ON true
       LEFT JOIN LATERAL nps_interval(s.s) n ON true
     ORDER BY s.id"
check "materialized view segment_summaries" \
    "SELECT m::text FROM segment_summaries m ORDER BY segment"
check "materialized view rolled_up" \
    "SELECT m::text FROM rolled_up m"
check "view segment_kpis" \
    "SELECT k::text FROM segment_kpis k ORDER BY segment"
check "view rolling (window functions)" \
    "SELECT r::text FROM rolling r ORDER BY id"
if [[ -z ${ABM_DUMP_FROM:-} ]]; then
    check "pipelines: every value's text and binary form" \
        "SELECT id, p::text, encode(pipeline_summary_send(p), 'hex') FROM pipelines ORDER BY id"
    check "pipeline_summary accessors" \
        "SELECT id, opportunities(p), pipeline_amount(p), weighted_pipeline(p), won_amount(p), win_rate(p),
                average_deal_size(p), sales_cycle_days(p), sales_cycle_days(p, 0.5), pipeline_velocity(p)
         FROM pipelines ORDER BY id"
    check "materialized view pipeline_rolled_up" \
        "SELECT p::text FROM pipeline_rolled_up"
fi
check "rollup and + of restored summaries" \
    "SELECT rollup(r)::text, rollup(t)::text, rollup(f)::text, (SELECT r + r FROM summaries WHERE id = 1)::text
     FROM summaries"

if [[ -z ${ABM_DUMP_FROM:-} ]]; then
    check "measures: text, binary and accessors" \
        "SELECT id, m::text, e::text, encode(measure_summary_send(m), 'hex'), encode(engagement_state_send(e), 'hex'),
                sample_size(m), mean(m), sample_variance(m), engagement_final(e)
         FROM measures ORDER BY id"
fi

# media_summary (1.2): daily campaign summaries, with channels without
# impressions, NULLs, an empty summary and extreme values, a materialized
# rollup and a moving window.  Only when the source has it (not under 1.1).
if [[ $(query "$SRC" "SELECT to_regtype('media_summary') IS NOT NULL") == t ]]; then
    psql_db "$SRC" >/dev/null <<'SQL'
SET client_min_messages = warning;
SELECT setseed(0.5);
CREATE TABLE campaign_days AS
SELECT d AS day, ch AS channel,
       CASE WHEN random() < 0.05 THEN NULL ELSE floor(random() * 40)::bigint END AS clicks,
       CASE WHEN ch IN ('events', 'syndication') THEN NULL ELSE 40 + floor(random() * 2000)::bigint END AS impressions,
       CASE WHEN random() < 0.05 THEN NULL ELSE round((random() * 900)::numeric, (d % 3)) END AS spend,
       CASE WHEN random() < 0.2 THEN NULL ELSE floor(random() * 6)::bigint END AS conversions,
       CASE WHEN ch = 'ctv' THEN floor(random() * 40)::bigint END AS completed_views
FROM generate_series(1, 120) d, unnest(ARRAY['display', 'ctv', 'linkedin', 'events', 'syndication']) ch;
CREATE TABLE media_days (day int, channel text, m media_summary, PRIMARY KEY (day, channel));
INSERT INTO media_days
SELECT day, channel, media_agg(clicks, impressions, spend, conversions, completed_views)
FROM campaign_days GROUP BY day, channel;
INSERT INTO media_days VALUES (0, 'all NULL', NULL);
INSERT INTO media_days SELECT -1, 'empty', media_agg(clicks, impressions, spend) FROM campaign_days WHERE false;
INSERT INTO media_days VALUES (-2, 'extreme',
  'v1 impressions=9223372036854775807 clicks=9223372036854775807 completed_views=0 conversions=1 spend=99999999999999999999999999999999999999 ctr_clicks=9223372036854775807 ctr_impressions=9223372036854775807 vtr_views=0 vtr_impressions=0 conv_conversions=1 conv_clicks=1 cpc_spend=1 cpc_clicks=1 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0');
CREATE MATERIALIZED VIEW media_by_channel AS
SELECT channel, rollup(m) AS m FROM media_days WHERE day > 0 GROUP BY channel;
CREATE VIEW media_rolling AS
SELECT day, channel, rollup(m) OVER (PARTITION BY channel ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS m7
FROM media_days WHERE day > 0;
SQL
    check "media_summary: every value's text" \
        "SELECT day, channel, m::text FROM media_days ORDER BY day, channel"
    check "media_summary: binary (send) forms" \
        "SELECT day, channel, encode(media_summary_send(m), 'hex') FROM media_days ORDER BY day, channel"
    check "media_summary accessors" \
        "SELECT day, channel, ctr(m), vtr(m), conversions_per_click(m), cpc(m), cpm(m), cost_per_conversion(m),
                impressions(m), clicks(m), spend(m), conversions(m), completed_views(m)
         FROM media_days ORDER BY day, channel"
    check "media_summary: materialized rollup and moving window" \
        "SELECT channel, m::text, ctr(m), cpm(m) FROM media_by_channel
         UNION ALL SELECT channel || day, m7::text, ctr(m7), cpm(m7) FROM media_rolling ORDER BY 1"
fi
if [[ -z ${ABM_DUMP_FROM:-} ]]; then
    check "account_set: text, binary, reach" \
        "SELECT segment, engaged::text, sparse::text, encode(account_set_send(engaged), 'hex'),
                reach(engaged), reach(sparse) FROM account_sets ORDER BY segment"
    check "account_set: materialized view of a rollup" \
        "SELECT reach, sparse::text FROM account_reach"
fi

# The source's answers, and a sanity check that they hold something.
for i in "${!NAMES[@]}"; do
    if ! query "$SRC" "${QUERIES[$i]}" >"$WORK/src.$i" 2>"$WORK/src.$i.err"; then
        fail "source: ${NAMES[$i]}: $(head -3 "$WORK/src.$i.err")"
        echo "dump_restore: $passed passed, $failed failed"
        exit 1
    fi
done
if [[ $(wc -l <"$WORK/src.2") -lt 7 || $(wc -l <"$WORK/src.1") -lt 2000 ]]; then
    fail "source database holds the data"
else
    pass "source database holds the data ($(wc -l <"$WORK/src.1") events, $(wc -l <"$WORK/src.2") summary rows)"
fi

# pg_dump -Fc, pg_restore into a new database.
"$PG_BINDIR/pg_dump" -Fc -f "$WORK/abm.dump" -d "$SRC"
psql_db postgres -c "CREATE DATABASE $DST"
if "$PG_BINDIR/pg_restore" --exit-on-error -d "$DST" "$WORK/abm.dump" 2>"$WORK/restore.err"; then
    pass "pg_restore of the pg_dump -Fc archive"
else
    fail "pg_restore of the pg_dump -Fc archive: $(head -5 "$WORK/restore.err")"
fi

# pg_dump as plain SQL, restored with psql.
"$PG_BINDIR/pg_dump" -Fp -f "$WORK/abm.sql" -d "$SRC"
psql_db postgres -c "CREATE DATABASE $DST_PLAIN"
if psql_db "$DST_PLAIN" -f "$WORK/abm.sql" >/dev/null 2>"$WORK/plain.err"; then
    pass "psql restore of the plain pg_dump"
else
    fail "psql restore of the plain pg_dump: $(head -5 "$WORK/plain.err")"
fi

default_version=$(query postgres "SELECT default_version FROM pg_available_extensions WHERE name = 'abm'")
for target in "$DST" "$DST_PLAIN"; do
    label=$([[ $target == "$DST" ]] && echo "pg_restore" || echo "plain SQL")
    restored_version=$(query "$target" "SELECT extversion FROM pg_extension WHERE extname = 'abm'")
    if [[ $restored_version == "$default_version" ]]; then
        pass "$label: restored under abm $restored_version, the current version"
    else
        fail "$label: restored under abm $restored_version, not the current $default_version"
    fi
    for i in "${!NAMES[@]}"; do
        if ! query "$target" "${QUERIES[$i]}" >"$WORK/dst.$i" 2>"$WORK/dst.$i.err"; then
            fail "$label: ${NAMES[$i]}: $(head -3 "$WORK/dst.$i.err")"
        elif cmp -s "$WORK/src.$i" "$WORK/dst.$i"; then
            pass "$label: ${NAMES[$i]} ($(wc -l <"$WORK/src.$i") rows identical)"
        else
            fail "$label: ${NAMES[$i]}"
            { diff "$WORK/src.$i" "$WORK/dst.$i" || true; } | head -10 | sed 's/^/      /' || true
        fi
    done
done

echo "dump_restore: $passed passed, $failed failed"
((failed == 0))
