--
-- Text and binary I/O of the summary types: ratio_summary, score_summary,
-- retention_summary, cost_summary, funnel_summary.
--   * text: output -> input -> the same output, for ordinary and extreme values;
--   * malformed text (each field wrong in turn, missing, extra, wrong version,
--     negative, inconsistent, garbage, too big) -> 22P02 quoting the input;
--   * binary: a binary COPY round trip with NULL rows keeps every value;
--     malformed binary values -> 22P03.
-- Errors are followed by their SQLSTATE.
--
\set VERBOSITY default

--
-- Text round trips.  Each literal is written in the canonical form (fields in
-- order, money with its decimal places), so value::type::text = value.
--
CREATE TEMP TABLE canonical (type regtype, value text);
INSERT INTO canonical VALUES
  ('ratio_summary', 'v1 successes=0 trials=0 success_amount=0 trial_amount=0'),
  ('ratio_summary', 'v1 successes=3 trials=12 success_amount=300000.00 trial_amount=400000.00'),
  ('ratio_summary', 'v1 successes=2150 trials=9850 success_amount=0 trial_amount=0'),
  ('ratio_summary', 'v1 successes=0 trials=5 success_amount=0.000 trial_amount=12.345'),
  -- the largest count and the largest money sum (2^127 - 1 units)
  ('ratio_summary', 'v1 successes=9223372036854775807 trials=9223372036854775807 success_amount=170141183460469231731687303715884105727 trial_amount=170141183460469231731687303715884105727'),
  -- 38 decimal places
  ('ratio_summary', 'v1 successes=1 trials=1 success_amount=0.00000000000000000000000000000000000001 trial_amount=1.00000000000000000000000000000000000000'),
  ('score_summary', 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0'),
  ('score_summary', 'v1 scale=0-10 counts=1,1,0,1,1,1,2,2,2,3,3'),
  ('score_summary', 'v1 scale=1-5 counts=0,0,0,0,0,0,0,0,0,0,0'),
  ('score_summary', 'v1 scale=1-5 counts=0,5,5,10,20,10,0,0,0,0,0'),
  ('score_summary', 'v1 scale=1-3 counts=0,1,2,3,0,0,0,0,0,0,0'),
  ('score_summary', 'v1 scale=1-10 counts=0,1,1,1,1,1,1,1,1,1,1'),
  ('score_summary', 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,9223372036854775807'),
  ('retention_summary', 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0'),
  ('retention_summary', 'v1 accounts=4 churned_accounts=1 new_accounts=2 start_revenue=200000 expansion=20000 contraction=4000 churned_revenue=6000 new_revenue=35000'),
  ('retention_summary', 'v1 accounts=2 churned_accounts=0 new_accounts=0 start_revenue=110.500 expansion=0.125 contraction=0.250 churned_revenue=0.000 new_revenue=0.000'),
  ('retention_summary', 'v1 accounts=1 churned_accounts=1 new_accounts=0 start_revenue=5 expansion=0 contraction=0 churned_revenue=5 new_revenue=0'),
  ('cost_summary', 'v1 units=0 spend=0'),
  ('cost_summary', 'v1 units=120 spend=170000'),
  ('cost_summary', 'v1 units=3 spend=10.75'),
  ('cost_summary', 'v1 units=0 spend=5.00'),
  ('cost_summary', 'v1 units=9223372036854775807 spend=99999999999999999999999999999999999999'),
  ('funnel_summary', 'v1 furthest=0,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0'),
  -- 10 accounts: 4 target, 3 engaged, 1 opportunity, 2 won; reaching engaged 6,
  -- opportunity 3, won 2; a timed step per account into each stage it reached
  ('funnel_summary', 'v1 furthest=4,3,1,2,0,0 spend=1000.00 step_n=0,6,3,2,0,0 step_us=0,600,300,200,0,0 touch_n=0,6,3,2,0,0 touch_us=0,0,300,500,0,0');

SELECT type, value::text = CASE type
         WHEN 'ratio_summary'::regtype THEN value::ratio_summary::text
         WHEN 'score_summary'::regtype THEN value::score_summary::text
         WHEN 'retention_summary'::regtype THEN value::retention_summary::text
         WHEN 'cost_summary'::regtype THEN value::cost_summary::text
         WHEN 'funnel_summary'::regtype THEN value::funnel_summary::text END AS round_trip,
       left(value, 60) AS value
FROM canonical ORDER BY type::text, value;

-- aggregate output -> input -> the same output
CREATE TEMP TABLE io_rows AS
SELECT i,
       CASE WHEN i % 5 = 0 THEN NULL ELSE i % 3 = 0 END AS won,
       (i * 37 % 1000) / 100.0 AS amount,
       i % 11 AS score,
       1 + i % 5 AS csat_score,
       CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 13 % 500)::numeric END AS start_rev,
       CASE WHEN i % 4 = 0 THEN NULL ELSE (i * 17 % 600) / 4.0 END AS end_rev,
       (i % 9) * 1.5 AS spend,
       abm_stage(1 + i % 6) AS stage
FROM generate_series(1, 500) i;
SELECT (SELECT ratio_agg(won, amount) FROM io_rows)::text::ratio_summary::text
         = (SELECT ratio_agg(won, amount) FROM io_rows)::text AS ratio_ok,
       (SELECT score_agg(score) FROM io_rows)::text::score_summary::text
         = (SELECT score_agg(score) FROM io_rows)::text AS score_ok,
       (SELECT score_agg(csat_score, 5) FROM io_rows)::text::score_summary::text
         = (SELECT score_agg(csat_score, 5) FROM io_rows)::text AS csat_ok,
       (SELECT retention_agg(start_rev, end_rev) FROM io_rows)::text::retention_summary::text
         = (SELECT retention_agg(start_rev, end_rev) FROM io_rows)::text AS retention_ok,
       (SELECT cost_agg(spend, won) FROM io_rows)::text::cost_summary::text
         = (SELECT cost_agg(spend, won) FROM io_rows)::text AS cost_ok,
       (SELECT funnel_agg(stage, spend) FROM io_rows)::text::funnel_summary::text
         = (SELECT funnel_agg(stage, spend) FROM io_rows)::text AS funnel_ok;
-- the accessors read the same numbers back from text input
SELECT successes(s) = 3 AS successes, trials(s) = 12 AS trials,
       success_amount(s) = 300000 AS won_amount, weighted_win_rate(s) = 0.75 AS weighted
FROM (SELECT 'v1 successes=3 trials=12 success_amount=300000.00 trial_amount=400000.00'::ratio_summary AS s) q;
SELECT nps_score('v1 scale=0-10 counts=1,1,0,1,1,1,2,2,2,3,3'::score_summary) = -5.882352941176471 AS nps,
       csat('v1 scale=1-5 counts=0,5,5,10,20,10,0,0,0,0,0'::score_summary) = 0.6 AS csat,
       nrr('v1 accounts=4 churned_accounts=1 new_accounts=2 start_revenue=200000 expansion=20000 contraction=4000 churned_revenue=6000 new_revenue=35000'::retention_summary) = 1.05 AS nrr,
       cac('v1 units=120 spend=170000'::cost_summary) = 170000::numeric / 120 AS cac;

--
-- Malformed text: 22P02, quoting the input and saying what was expected.
--
-- ratio_summary: garbage, empty, wrong or missing version
SELECT 'garbage'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT ''::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v2 successes=3 trials=12 success_amount=0 trial_amount=0'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'successes=3 trials=12 success_amount=0 trial_amount=0'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
-- each field wrong in turn
SELECT 'v1 successes=x trials=12 success_amount=0 trial_amount=0'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 successes=3 trials=twelve success_amount=0 trial_amount=0'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 successes=3 trials=12 success_amount=1e5 trial_amount=0'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 successes=3 trials=12 success_amount=0 trial_amount=NaN'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
-- negative values
SELECT 'v1 successes=-3 trials=12 success_amount=0 trial_amount=0'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 successes=3 trials=12 success_amount=-1 trial_amount=0'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
-- a field missing, a field without a value, fields out of order, renamed, extra
SELECT 'v1 successes=3 trials=12 success_amount=300000'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 successes=3 trials= success_amount=0 trial_amount=0'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 trials=12 successes=3 success_amount=0 trial_amount=0'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 wins=3 trials=12 success_amount=0 trial_amount=0'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 successes=3 trials=12 success_amount=0 trial_amount=0 extra=1'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 successes=3 trials=12 success_amount=0 trial_amount=0 trial_amount=0'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1  successes=3 trials=12 success_amount=0 trial_amount=0'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
-- inconsistent: more successes than trials, more won money than decided, money without trials
SELECT 'v1 successes=13 trials=12 success_amount=0 trial_amount=0'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 successes=3 trials=12 success_amount=500 trial_amount=400'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 successes=0 trials=0 success_amount=0 trial_amount=5'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
-- too big: a count above 2^63 - 1, money above 2^127 - 1 units, 39 decimal places
SELECT 'v1 successes=0 trials=9223372036854775808 success_amount=0 trial_amount=0'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 successes=0 trials=99999999999999999999999 success_amount=0 trial_amount=0'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 successes=0 trials=1 success_amount=0 trial_amount=170141183460469231731687303715884105728'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 successes=0 trials=1 success_amount=0 trial_amount=0.000000000000000000000000000000000000001'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
-- 2^127 - 1 units at scale 0 and 1 unit at scale 38 cannot share one scale
SELECT 'v1 successes=1 trials=1 success_amount=0.00000000000000000000000000000000000001 trial_amount=170141183460469231731687303715884105727'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
-- money spelled in ways abm never writes
SELECT 'v1 successes=0 trials=1 success_amount=0 trial_amount=1.'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 successes=0 trials=1 success_amount=0 trial_amount=.5'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 successes=0 trials=1 success_amount=0 trial_amount=+5'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 successes=0 trials=1 success_amount=0 trial_amount=1,000'::text::ratio_summary;
\echo SQLSTATE :SQLSTATE

-- score_summary
SELECT 'v1 scale=0-10'::text::score_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 counts=0,0,0,0,0,0,0,0,0,0,0 scale=0-10'::text::score_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 scale=1-2 counts=0,1,1,0,0,0,0,0,0,0,0'::text::score_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 scale=1-11 counts=0,0,0,0,0,0,0,0,0,0,0'::text::score_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 scale=0-5 counts=0,0,0,0,0,0,0,0,0,0,0'::text::score_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 scale=nps counts=0,0,0,0,0,0,0,0,0,0,0'::text::score_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0'::text::score_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0,0'::text::score_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 scale=0-10 counts=0,0,0,,0,0,0,0,0,0,0'::text::score_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 scale=0-10 counts=0,0,0,-1,0,0,0,0,0,0,0'::text::score_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 scale=0-10 counts=0,0,0,x,0,0,0,0,0,0,0'::text::score_summary;
\echo SQLSTATE :SQLSTATE
-- a 1-5 summary with responses at 0 or above 5
SELECT 'v1 scale=1-5 counts=1,0,0,0,0,0,0,0,0,0,0'::text::score_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 scale=1-5 counts=0,0,0,0,0,0,1,0,0,0,0'::text::score_summary;
\echo SQLSTATE :SQLSTATE
-- the total of responses must fit in 64 bits
SELECT 'v1 scale=0-10 counts=9223372036854775807,1,0,0,0,0,0,0,0,0,0'::text::score_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,9223372036854775808'::text::score_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0 extra'::text::score_summary;
\echo SQLSTATE :SQLSTATE

-- retention_summary
SELECT 'v1 accounts=1 churned_accounts=0 new_accounts=0 start_revenue=5 expansion=0 contraction=0 churned_revenue=0'::text::retention_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 accounts=1 churned_accounts=2 new_accounts=0 start_revenue=5 expansion=0 contraction=0 churned_revenue=5 new_revenue=0'::text::retention_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 accounts=1 churned_accounts=0 new_accounts=-1 start_revenue=5 expansion=0 contraction=0 churned_revenue=0 new_revenue=0'::text::retention_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 accounts=2 churned_accounts=1 new_accounts=0 start_revenue=10 expansion=0 contraction=6 churned_revenue=5 new_revenue=0'::text::retention_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=10 expansion=0 contraction=0 churned_revenue=0 new_revenue=0'::text::retention_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 accounts=3 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0'::text::retention_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=7 contraction=0 churned_revenue=0 new_revenue=0'::text::retention_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 accounts=2 churned_accounts=1 new_accounts=0 start_revenue=10 expansion=0 contraction=0 churned_revenue=0 new_revenue=0'::text::retention_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=9'::text::retention_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 accounts=0 churned_accounts=0 new_accounts=1 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0'::text::retention_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 accounts=1 churned_accounts=0 new_accounts=0 start_revenue=5 expansion=-1 contraction=0 churned_revenue=0 new_revenue=0'::text::retention_summary;
\echo SQLSTATE :SQLSTATE

-- cost_summary
SELECT 'v1 units=1'::text::cost_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 spend=5 units=1'::text::cost_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 units=-1 spend=0'::text::cost_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 units=1 spend=-5'::text::cost_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 units=1 spend=5 leads=1'::text::cost_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 units=1.5 spend=5'::text::cost_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'V1 units=1 spend=5'::text::cost_summary;
\echo SQLSTATE :SQLSTATE

-- funnel_summary
SELECT 'v1 furthest=0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0'::text::funnel_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 furthest=-1,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0'::text::funnel_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 furthest=0,0,0,0,0,0 spend=-1 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0'::text::funnel_summary;
\echo SQLSTATE :SQLSTATE
-- more timed steps into won (3) than accounts reaching it (2)
SELECT 'v1 furthest=4,3,1,2,0,0 spend=0 step_n=0,6,3,3,0,0 step_us=0,600,300,300,0,0 touch_n=0,6,3,2,0,0 touch_us=0,0,300,500,0,0'::text::funnel_summary;
\echo SQLSTATE :SQLSTATE
-- time without a step, and a step into target (which has no previous stage)
SELECT 'v1 furthest=1,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,5,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0'::text::funnel_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 furthest=1,0,0,0,0,0 spend=0 step_n=1,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0'::text::funnel_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 furthest=0,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0'::text::funnel_summary;
\echo SQLSTATE :SQLSTATE
SELECT 'v1 furthest=0,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0.5 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0'::text::funnel_summary;
\echo SQLSTATE :SQLSTATE

--
-- Binary COPY round trip: every summary type, with NULL rows, out to a file
-- and back; the text of every value is unchanged.
--
CREATE TEMP TABLE summaries (id integer, r ratio_summary, s score_summary,
                             t retention_summary, c cost_summary, f funnel_summary);
INSERT INTO summaries
SELECT 1, ratio_agg(won, amount), score_agg(score), retention_agg(start_rev, end_rev),
       cost_agg(spend, won), funnel_agg(stage, spend) FROM io_rows;
INSERT INTO summaries
SELECT 2, ratio_agg(won), score_agg(csat_score, 5), retention_agg(start_rev, end_rev),
       cost_agg(spend, 1::bigint), funnel_agg(stage) FROM io_rows WHERE i <= 10;
INSERT INTO summaries
SELECT 3, ratio_agg(won), score_agg(score), retention_agg(start_rev, end_rev),
       cost_agg(spend, won), funnel_agg(stage) FROM io_rows WHERE false;
INSERT INTO summaries VALUES (4, NULL, NULL, NULL, NULL, NULL);
INSERT INTO summaries
SELECT 100 + row_number() OVER (), value::ratio_summary, NULL, NULL, NULL, NULL
FROM canonical WHERE type = 'ratio_summary'::regtype;
INSERT INTO summaries
SELECT 200 + row_number() OVER (), NULL, value::score_summary, NULL, NULL, NULL
FROM canonical WHERE type = 'score_summary'::regtype;
INSERT INTO summaries
SELECT 300 + row_number() OVER (), NULL, NULL, value::retention_summary, NULL, NULL
FROM canonical WHERE type = 'retention_summary'::regtype;
INSERT INTO summaries
SELECT 400 + row_number() OVER (), NULL, NULL, NULL, value::cost_summary, NULL
FROM canonical WHERE type = 'cost_summary'::regtype;
INSERT INTO summaries
SELECT 500 + row_number() OVER (), NULL, NULL, NULL, NULL, value::funnel_summary
FROM canonical WHERE type = 'funnel_summary'::regtype;
SELECT count(*) AS rows_, count(r) AS ratio, count(s) AS score, count(t) AS retention,
       count(c) AS cost, count(f) AS funnel FROM summaries;

-- the files go to the cluster's own data directory (the server can always write there)
SELECT current_setting('data_directory') || '/abm_regress_summaries.bin' AS bin_file,
       current_setting('data_directory') || '/abm_regress_summaries.txt' AS txt_file \gset
COPY summaries TO :'bin_file' (FORMAT binary);
CREATE TEMP TABLE summaries_back (LIKE summaries);
COPY summaries_back FROM :'bin_file' (FORMAT binary);
SELECT count(*) AS rows_back,
       bool_and(a.r::text IS NOT DISTINCT FROM b.r::text) AS ratio_equal,
       bool_and(a.s::text IS NOT DISTINCT FROM b.s::text) AS score_equal,
       bool_and(a.t::text IS NOT DISTINCT FROM b.t::text) AS retention_equal,
       bool_and(a.c::text IS NOT DISTINCT FROM b.c::text) AS cost_equal,
       bool_and(a.f::text IS NOT DISTINCT FROM b.f::text) AS funnel_equal
FROM summaries a JOIN summaries_back b USING (id);
-- the same through text COPY
COPY summaries TO :'txt_file';
TRUNCATE summaries_back;
COPY summaries_back FROM :'txt_file';
SELECT count(*) AS rows_back,
       bool_and(a.r::text IS NOT DISTINCT FROM b.r::text AND a.s::text IS NOT DISTINCT FROM b.s::text
                AND a.t::text IS NOT DISTINCT FROM b.t::text AND a.c::text IS NOT DISTINCT FROM b.c::text
                AND a.f::text IS NOT DISTINCT FROM b.f::text) AS all_equal
FROM summaries a JOIN summaries_back b USING (id);
-- the binary form starts with the format version, 1
SELECT get_byte(ratio_summary_send(r), 0) AS ratio_version FROM summaries WHERE id = 1;
SELECT get_byte(score_summary_send(s), 0) AS score_version FROM summaries WHERE id = 1;
SELECT get_byte(retention_summary_send(t), 0) AS retention_version FROM summaries WHERE id = 1;
SELECT get_byte(cost_summary_send(c), 0) AS cost_version FROM summaries WHERE id = 1;
SELECT get_byte(funnel_summary_send(f), 0) AS funnel_version FROM summaries WHERE id = 1;

--
-- Malformed binary values.  The receive functions take an internal argument
-- and cannot be called from SQL, so each payload goes through binary COPY: a
-- bytea column written with binary COPY carries exactly its bytes, and COPY
-- FROM hands them to the type's receive function.  recv_as(type, payload)
-- does that and returns the received value as text.
--
CREATE TEMP TABLE payload (b bytea);
CREATE FUNCTION pg_temp.recv_as(target regtype, bytes bytea) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    file text := current_setting('data_directory') || '/abm_regress_payload.bin';
    result text;
BEGIN
    DELETE FROM payload;
    INSERT INTO payload VALUES (bytes);
    EXECUTE format('COPY payload TO %L (FORMAT binary)', file);
    EXECUTE format('CREATE TEMP TABLE received (v %s)', target);
    EXECUTE format('COPY received FROM %L (FORMAT binary)', file);
    SELECT v::text INTO result FROM received;
    DROP TABLE received;
    RETURN result;
END
$$;
-- the function's name in CONTEXT lines carries a session-specific schema
\set SHOW_CONTEXT never

-- valid payloads come back unchanged
SELECT pg_temp.recv_as('ratio_summary', ratio_summary_send(r)) = r::text AS ratio_ok,
       pg_temp.recv_as('score_summary', score_summary_send(s)) = s::text AS score_ok,
       pg_temp.recv_as('retention_summary', retention_summary_send(t)) = t::text AS retention_ok,
       pg_temp.recv_as('cost_summary', cost_summary_send(c)) = c::text AS cost_ok,
       pg_temp.recv_as('funnel_summary', funnel_summary_send(f)) = f::text AS funnel_ok
FROM summaries WHERE id = 1;

-- ratio_summary, v1 binary layout: version (1 byte), successes (int8),
-- trials (int8), money scale (int2), success_amount and trial_amount (int16
-- each, high half first).  Base value: 3 of 12, 300000.00 of 400000.00.
\set ratio_bin '(SELECT ratio_summary_send(''v1 successes=3 trials=12 success_amount=300000.00 trial_amount=400000.00''))'
SELECT length(:ratio_bin) AS ratio_bytes_51;
SELECT pg_temp.recv_as('ratio_summary', :ratio_bin) AS base;
-- version 2, version 0
SELECT pg_temp.recv_as('ratio_summary', set_byte(:ratio_bin, 0, 2));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('ratio_summary', set_byte(:ratio_bin, 0, 0));
\echo SQLSTATE :SQLSTATE
-- a byte too many, a byte too few, nothing at all
SELECT pg_temp.recv_as('ratio_summary', :ratio_bin || '\x00'::bytea);
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('ratio_summary', substr(:ratio_bin, 1, 50));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('ratio_summary', '\x'::bytea);
\echo SQLSTATE :SQLSTATE
-- successes = -1 (bytes 1..8 all 0xff)
SELECT pg_temp.recv_as('ratio_summary', overlay(:ratio_bin placing '\xffffffffffffffff'::bytea from 2 for 8));
\echo SQLSTATE :SQLSTATE
-- successes = 13 > trials = 12 (last byte of successes)
SELECT pg_temp.recv_as('ratio_summary', set_byte(:ratio_bin, 8, 13));
\echo SQLSTATE :SQLSTATE
-- money scale -1 and 39
SELECT pg_temp.recv_as('ratio_summary', overlay(:ratio_bin placing '\xffff'::bytea from 18 for 2));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('ratio_summary', overlay(:ratio_bin placing '\x0027'::bytea from 18 for 2));
\echo SQLSTATE :SQLSTATE
-- success_amount negative (high half all 0xff)
SELECT pg_temp.recv_as('ratio_summary', overlay(:ratio_bin placing '\xffffffffffffffff'::bytea from 20 for 8));
\echo SQLSTATE :SQLSTATE
-- success_amount above trial_amount (the two amounts swapped)
SELECT pg_temp.recv_as('ratio_summary', substr(:ratio_bin, 1, 19) || substr(:ratio_bin, 36, 16) || substr(:ratio_bin, 20, 16));
\echo SQLSTATE :SQLSTATE

-- score_summary, v1 binary layout: version, scale (1 byte: 0 for 0-10, N for
-- 1-N), then the 11 counts (int8 each).  Base value: the q1 NPS survey.
\set score_bin '(SELECT score_summary_send(''v1 scale=0-10 counts=1,1,0,1,1,1,2,2,2,3,3''))'
SELECT length(:score_bin) AS score_bytes_90;
SELECT pg_temp.recv_as('score_summary', :score_bin) AS base;
SELECT pg_temp.recv_as('score_summary', set_byte(:score_bin, 0, 9));
\echo SQLSTATE :SQLSTATE
-- scale 1-2, 1-11, and 1-5 while scores 0 and 6..10 have responses
SELECT pg_temp.recv_as('score_summary', set_byte(:score_bin, 1, 2));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('score_summary', set_byte(:score_bin, 1, 11));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('score_summary', set_byte(:score_bin, 1, 5));
\echo SQLSTATE :SQLSTATE
-- the count of score 0 negative; two counts of 2^63 - 1 (total overflows)
SELECT pg_temp.recv_as('score_summary', overlay(:score_bin placing '\xffffffffffffffff'::bytea from 3 for 8));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('score_summary', overlay(:score_bin placing '\x7fffffffffffffff7fffffffffffffff'::bytea from 3 for 16));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('score_summary', :score_bin || '\x00'::bytea);
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('score_summary', substr(:score_bin, 1, 89));
\echo SQLSTATE :SQLSTATE

-- retention_summary, v1 binary layout: version, accounts, churned_accounts,
-- new_accounts (int8 each), money scale (int2), then start_revenue,
-- expansion, contraction, churned_revenue, new_revenue (int16 each).
-- Base value: example 1 of retention.sql.
\set retention_bin '(SELECT retention_summary_send(''v1 accounts=4 churned_accounts=1 new_accounts=2 start_revenue=200000 expansion=20000 contraction=4000 churned_revenue=6000 new_revenue=35000''))'
SELECT length(:retention_bin) AS retention_bytes_107;
SELECT pg_temp.recv_as('retention_summary', :retention_bin) AS base;
SELECT pg_temp.recv_as('retention_summary', set_byte(:retention_bin, 0, 2));
\echo SQLSTATE :SQLSTATE
-- churned_accounts 5 > accounts 4
SELECT pg_temp.recv_as('retention_summary', set_byte(:retention_bin, 16, 5));
\echo SQLSTATE :SQLSTATE
-- new_accounts -1
SELECT pg_temp.recv_as('retention_summary', overlay(:retention_bin placing '\xffffffffffffffff'::bytea from 18 for 8));
\echo SQLSTATE :SQLSTATE
-- contraction (4,000) raised to 200,000 (0x030d40): contraction + churn > start
SELECT pg_temp.recv_as('retention_summary', overlay(:retention_bin placing '\x030d40'::bytea from 73 for 3));
\echo SQLSTATE :SQLSTATE
-- money scale 40
SELECT pg_temp.recv_as('retention_summary', overlay(:retention_bin placing '\x0028'::bytea from 26 for 2));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('retention_summary', :retention_bin || '\x0000'::bytea);
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('retention_summary', substr(:retention_bin, 1, 100));
\echo SQLSTATE :SQLSTATE

-- cost_summary, v1 binary layout: version, units (int8), money scale (int2),
-- spend (int16).  Base value: 120 units, 170000 spend.
\set cost_bin '(SELECT cost_summary_send(''v1 units=120 spend=170000''))'
SELECT length(:cost_bin) AS cost_bytes_27;
SELECT pg_temp.recv_as('cost_summary', :cost_bin) AS base;
-- 170000 at scale 2 reads as 1700.00
SELECT pg_temp.recv_as('cost_summary', overlay(:cost_bin placing '\x0002'::bytea from 10 for 2)) AS scale_2;
SELECT pg_temp.recv_as('cost_summary', set_byte(:cost_bin, 0, 255));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('cost_summary', overlay(:cost_bin placing '\xffffffffffffffff'::bytea from 2 for 8));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('cost_summary', overlay(:cost_bin placing '\xffffffffffffffff'::bytea from 12 for 8));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('cost_summary', overlay(:cost_bin placing '\x8000'::bytea from 10 for 2));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('cost_summary', :cost_bin || '\x01'::bytea);
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('cost_summary', substr(:cost_bin, 1, 9));
\echo SQLSTATE :SQLSTATE

-- funnel_summary: wrong version, a byte too many, a byte too few
\set funnel_bin '(SELECT funnel_summary_send(''v1 furthest=4,3,1,2,0,0 spend=1000.00 step_n=0,6,3,2,0,0 step_us=0,600,300,200,0,0 touch_n=0,6,3,2,0,0 touch_us=0,0,300,500,0,0''))'
SELECT pg_temp.recv_as('funnel_summary', :funnel_bin) AS base;
SELECT pg_temp.recv_as('funnel_summary', set_byte(:funnel_bin, 0, 2));
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('funnel_summary', :funnel_bin || '\x00'::bytea);
\echo SQLSTATE :SQLSTATE
SELECT pg_temp.recv_as('funnel_summary', substr(:funnel_bin, 1, length(:funnel_bin) - 1));
\echo SQLSTATE :SQLSTATE
\set SHOW_CONTEXT errors

DROP TABLE canonical, io_rows, summaries, summaries_back, payload;
