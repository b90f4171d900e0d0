-- abm: account-based-marketing and B2B revenue KPIs.
--
-- The one hand-written source of the extension's SQL: the build copies it to
-- the complete install script of the current version (abm--1.2.sql, see the
-- Makefile), and the upgrade scripts abm--A--B.sql bring older installations
-- to the same objects.  This script is the API reference.
--
-- Conventions (see docs and README):
--   * rates are float8 fractions in [0, 1]; NPS is an index in -100..100;
--   * money in and money out is numeric and exact; ratios of money are float8;
--   * a rate is always a ratio of sums, never a mean of per-row ratios;
--   * empty input or a zero denominator gives NULL;
--   * every aggregate's state is a storable summary type, so aggregates are
--     parallel safe, combinable, and can be stored and rolled up later;
--   * every aggregate over a summary type has a moving-aggregate mode (an
--     inverse transition), so sliding window frames cost O(1) per row.

\echo Use "CREATE EXTENSION abm" to load this file. \quit

------------------------------------------------------------------------------
-- abm_stage: the six-stage ABM funnel, ordered
--   target < engaged < opportunity < won < retained < expanded
------------------------------------------------------------------------------

CREATE TYPE abm_stage;

CREATE FUNCTION abm_stage_in(cstring) RETURNS abm_stage
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION abm_stage_out(abm_stage) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION abm_stage_recv(internal) RETURNS abm_stage
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION abm_stage_send(abm_stage) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE abm_stage (
    INPUT = abm_stage_in,
    OUTPUT = abm_stage_out,
    RECEIVE = abm_stage_recv,
    SEND = abm_stage_send,
    INTERNALLENGTH = 1,
    PASSEDBYVALUE,
    ALIGNMENT = char,
    STORAGE = plain
);
COMMENT ON TYPE abm_stage IS
    'ABM funnel stage: target < engaged < opportunity < won < retained < expanded';

CREATE FUNCTION stage_position(abm_stage) RETURNS integer
    AS 'MODULE_PATHNAME', 'abm_stage_position' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION stage_position(abm_stage) IS
    'position of the stage in the funnel, 1 (target) .. 6 (expanded)';

CREATE FUNCTION abm_stage(integer) RETURNS abm_stage
    AS 'MODULE_PATHNAME', 'abm_stage_from_position' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION abm_stage(integer) IS
    'the stage at a funnel position 1..6';

CREATE CAST (abm_stage AS integer) WITH FUNCTION stage_position(abm_stage);
CREATE CAST (integer AS abm_stage) WITH FUNCTION abm_stage(integer);

CREATE FUNCTION abm_stage_lt(abm_stage, abm_stage) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION abm_stage_le(abm_stage, abm_stage) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION abm_stage_eq(abm_stage, abm_stage) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION abm_stage_ne(abm_stage, abm_stage) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION abm_stage_ge(abm_stage, abm_stage) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION abm_stage_gt(abm_stage, abm_stage) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION abm_stage_cmp(abm_stage, abm_stage) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION abm_stage_hash(abm_stage) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION abm_stage_hash_extended(abm_stage, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION abm_stage_smaller(abm_stage, abm_stage) RETURNS abm_stage
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION abm_stage_larger(abm_stage, abm_stage) RETURNS abm_stage
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR < (LEFTARG = abm_stage, RIGHTARG = abm_stage, PROCEDURE = abm_stage_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = abm_stage, RIGHTARG = abm_stage, PROCEDURE = abm_stage_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR = (LEFTARG = abm_stage, RIGHTARG = abm_stage, PROCEDURE = abm_stage_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR <> (LEFTARG = abm_stage, RIGHTARG = abm_stage, PROCEDURE = abm_stage_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR >= (LEFTARG = abm_stage, RIGHTARG = abm_stage, PROCEDURE = abm_stage_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR > (LEFTARG = abm_stage, RIGHTARG = abm_stage, PROCEDURE = abm_stage_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);

CREATE OPERATOR CLASS abm_stage_ops DEFAULT FOR TYPE abm_stage USING btree AS
    OPERATOR 1 <,
    OPERATOR 2 <=,
    OPERATOR 3 =,
    OPERATOR 4 >=,
    OPERATOR 5 >,
    FUNCTION 1 abm_stage_cmp(abm_stage, abm_stage);

CREATE OPERATOR CLASS abm_stage_hash_ops DEFAULT FOR TYPE abm_stage USING hash AS
    OPERATOR 1 =,
    FUNCTION 1 abm_stage_hash(abm_stage),
    FUNCTION 2 abm_stage_hash_extended(abm_stage, bigint);

CREATE AGGREGATE min(abm_stage) (
    SFUNC = abm_stage_smaller, STYPE = abm_stage, COMBINEFUNC = abm_stage_smaller,
    SORTOP = <, PARALLEL = SAFE);
CREATE AGGREGATE max(abm_stage) (
    SFUNC = abm_stage_larger, STYPE = abm_stage, COMBINEFUNC = abm_stage_larger,
    SORTOP = >, PARALLEL = SAFE);
COMMENT ON AGGREGATE min(abm_stage) IS 'earliest funnel stage';
COMMENT ON AGGREGATE max(abm_stage) IS 'furthest funnel stage';

------------------------------------------------------------------------------
-- ratio_summary: successes out of trials, plus the money won out of the
-- money decided (for the amount-weighted win rate). State of win_rate,
-- conversion_rate, rate, ctr, vtr and the email rates.
-- Text form: v1 successes=3 trials=12 success_amount=300000.00 trial_amount=400000.00
------------------------------------------------------------------------------

CREATE TYPE ratio_summary;

CREATE FUNCTION ratio_summary_in(cstring) RETURNS ratio_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ratio_summary_out(ratio_summary) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ratio_summary_recv(internal) RETURNS ratio_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ratio_summary_send(ratio_summary) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE ratio_summary (
    INPUT = ratio_summary_in,
    OUTPUT = ratio_summary_out,
    RECEIVE = ratio_summary_recv,
    SEND = ratio_summary_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE ratio_summary IS
    'exact, combinable state of a rate: successes, trials, success amount, trial amount';

-- Transition functions. They change the state in place only when called by
-- the aggregate machinery, never when called directly.
CREATE FUNCTION ratio_trans(ratio_summary, boolean) RETURNS ratio_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ratio_trans(ratio_summary, boolean, numeric) RETURNS ratio_summary
    AS 'MODULE_PATHNAME', 'ratio_trans_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ratio_trans(ratio_summary, boolean, double precision) RETURNS ratio_summary
    AS 'MODULE_PATHNAME', 'ratio_trans_amount_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ratio_trans(ratio_summary, bigint, bigint) RETURNS ratio_summary
    AS 'MODULE_PATHNAME', 'ratio_trans_counts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ratio_combine(ratio_summary, ratio_summary) RETURNS ratio_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- rollup()'s transition: like the combine function, but each stored summary
-- counts as one unit, which moving windows over summaries need (1.1).
CREATE FUNCTION ratio_rollup(ratio_summary, ratio_summary) RETURNS ratio_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ratio_add(ratio_summary, ratio_summary) RETURNS ratio_summary
    AS 'MODULE_PATHNAME', 'ratio_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR + (LEFTARG = ratio_summary, RIGHTARG = ratio_summary,
    PROCEDURE = ratio_add, COMMUTATOR = +);
COMMENT ON FUNCTION ratio_add(ratio_summary, ratio_summary) IS
    'exact sum of two ratio summaries (the + operator)';

-- Accessors.
CREATE FUNCTION successes(ratio_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'ratio_successes' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION trials(ratio_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'ratio_trials' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION failures(ratio_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'ratio_failures' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION success_amount(ratio_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'ratio_success_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION trial_amount(ratio_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'ratio_trial_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rate(ratio_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'ratio_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION win_rate(ratio_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'ratio_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conversion_rate(ratio_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'ratio_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION weighted_win_rate(ratio_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'ratio_amount_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION successes(ratio_summary) IS 'successes (won deals, conversions, clicks...)';
COMMENT ON FUNCTION trials(ratio_summary) IS 'trials (decided deals, rows, impressions...)';
COMMENT ON FUNCTION failures(ratio_summary) IS 'trials minus successes (lost deals...)';
COMMENT ON FUNCTION success_amount(ratio_summary) IS 'money of the successes (won amount)';
COMMENT ON FUNCTION trial_amount(ratio_summary) IS 'money of all trials (won + lost amount)';
COMMENT ON FUNCTION rate(ratio_summary) IS 'successes / trials; NULL when no trials';
COMMENT ON FUNCTION win_rate(ratio_summary) IS 'won / (won + lost); NULL when nothing closed';
COMMENT ON FUNCTION conversion_rate(ratio_summary) IS 'converted / rows; NULL when no rows';
COMMENT ON FUNCTION weighted_win_rate(ratio_summary) IS
    'won amount / (won + lost amount); NULL when no amount decided';

-- Summary aggregates.
-- Inverse transitions, for moving windows: each removes what its transition added.
CREATE FUNCTION ratio_inv(ratio_summary, boolean) RETURNS ratio_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ratio_inv(ratio_summary, boolean, numeric) RETURNS ratio_summary
    AS 'MODULE_PATHNAME', 'ratio_inv_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ratio_inv(ratio_summary, boolean, double precision) RETURNS ratio_summary
    AS 'MODULE_PATHNAME', 'ratio_inv_amount_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ratio_inv(ratio_summary, bigint, bigint) RETURNS ratio_summary
    AS 'MODULE_PATHNAME', 'ratio_inv_counts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ratio_subtract(ratio_summary, ratio_summary) RETURNS ratio_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE ratio_agg(boolean) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);
CREATE AGGREGATE ratio_agg(boolean, numeric) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);
CREATE AGGREGATE ratio_agg(boolean, double precision) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);
CREATE AGGREGATE ratio_agg(numerator bigint, denominator bigint) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);
CREATE AGGREGATE rollup(ratio_summary) (
    SFUNC = ratio_rollup, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_rollup, MINVFUNC = ratio_subtract, MSTYPE = ratio_summary, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE ratio_agg(boolean) IS
    'ratio summary of outcomes: true = success, false = failure, NULL (open) skipped';
COMMENT ON AGGREGATE ratio_agg(boolean, numeric) IS
    'ratio summary of outcomes with their amounts (rows with a NULL skipped)';
COMMENT ON AGGREGATE ratio_agg(boolean, double precision) IS
    'ratio summary of outcomes with their amounts (double precision money, converted as ::numeric)';
COMMENT ON AGGREGATE ratio_agg(bigint, bigint) IS
    'ratio summary of per-row counts: numerator of denominator (0 <= numerator <= denominator)';
COMMENT ON AGGREGATE rollup(ratio_summary) IS 'exact combination of stored ratio summaries';

-- Direct KPI aggregates: the summary aggregate plus the accessor.
CREATE AGGREGATE win_rate(won boolean) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    FINALFUNC = win_rate,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MFINALFUNC = win_rate, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);
CREATE AGGREGATE win_rate(won boolean, amount numeric) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    FINALFUNC = weighted_win_rate,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MFINALFUNC = weighted_win_rate, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);
CREATE AGGREGATE win_rate(won boolean, amount double precision) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    FINALFUNC = weighted_win_rate,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MFINALFUNC = weighted_win_rate, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);
CREATE AGGREGATE conversion_rate(converted boolean) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    FINALFUNC = conversion_rate,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MFINALFUNC = conversion_rate, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);
CREATE AGGREGATE rate(numerator bigint, denominator bigint) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    FINALFUNC = rate,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MFINALFUNC = rate, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);
CREATE AGGREGATE ctr(clicks bigint, impressions bigint) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    FINALFUNC = rate,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MFINALFUNC = rate, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);
CREATE AGGREGATE vtr(completed_views bigint, impressions bigint) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    FINALFUNC = rate,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MFINALFUNC = rate, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);
CREATE AGGREGATE open_rate(opens bigint, delivered bigint) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    FINALFUNC = rate,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MFINALFUNC = rate, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);
CREATE AGGREGATE click_rate(clicks bigint, delivered bigint) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    FINALFUNC = rate,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MFINALFUNC = rate, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);
CREATE AGGREGATE click_to_open_rate(clicks bigint, opens bigint) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    FINALFUNC = rate,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MFINALFUNC = rate, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);
CREATE AGGREGATE unsubscribe_rate(unsubscribes bigint, delivered bigint) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    FINALFUNC = rate,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MFINALFUNC = rate, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE win_rate(boolean) IS 'won / (won + lost); NULL outcome = open, skipped';
COMMENT ON AGGREGATE conversion_rate(boolean) IS 'converted / non-NULL rows';
COMMENT ON AGGREGATE rate(bigint, bigint) IS 'sum(numerator) / sum(denominator) over rows with both set';
COMMENT ON AGGREGATE ctr(bigint, bigint) IS 'click-through rate: sum(clicks) / sum(impressions)';
COMMENT ON AGGREGATE vtr(bigint, bigint) IS 'view-through rate: sum(completed views) / sum(impressions)';
COMMENT ON AGGREGATE open_rate(bigint, bigint) IS 'email open rate: sum(opens) / sum(delivered)';
COMMENT ON AGGREGATE click_rate(bigint, bigint) IS 'email click rate: sum(clicks) / sum(delivered)';
COMMENT ON AGGREGATE click_to_open_rate(bigint, bigint) IS 'email click-to-open rate: sum(clicks) / sum(opens)';
COMMENT ON AGGREGATE unsubscribe_rate(bigint, bigint) IS 'email unsubscribe rate: sum(unsubscribes) / sum(delivered)';

------------------------------------------------------------------------------
-- score_summary: how many responses gave each score 0..10, and the scale the
-- scores were collected on (0-10 for NPS, 1-N for CSAT).
-- Text form: v1 scale=0-10 counts=0,0,0,0,0,0,7,2,2,3,3
------------------------------------------------------------------------------

CREATE TYPE score_summary;

CREATE FUNCTION score_summary_in(cstring) RETURNS score_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_summary_out(score_summary) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_summary_recv(internal) RETURNS score_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_summary_send(score_summary) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE score_summary (
    INPUT = score_summary_in,
    OUTPUT = score_summary_out,
    RECEIVE = score_summary_recv,
    SEND = score_summary_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE score_summary IS
    'exact, combinable state of survey scores: responses per score 0..10 and the scale';

CREATE FUNCTION score_trans(score_summary, integer) RETURNS score_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_trans(score_summary, integer, integer) RETURNS score_summary
    AS 'MODULE_PATHNAME', 'score_trans_scaled' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_trans_csat(score_summary, integer) RETURNS score_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_combine(score_summary, score_summary) RETURNS score_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_add(score_summary, score_summary) RETURNS score_summary
    AS 'MODULE_PATHNAME', 'score_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR + (LEFTARG = score_summary, RIGHTARG = score_summary,
    PROCEDURE = score_add, COMMUTATOR = +);
COMMENT ON FUNCTION score_add(score_summary, score_summary) IS
    'exact sum of two score summaries on the same scale (the + operator)';

CREATE FUNCTION responses(score_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'score_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION promoters(score_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'score_promoters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION passives(score_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'score_passives' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION detractors(score_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'score_detractors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_count(score_summary, score integer) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mean_score(score_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'score_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_score(score_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'score_nps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION csat(score_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'score_csat' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION csat(score_summary, scale_max integer) RETURNS double precision
    AS 'MODULE_PATHNAME', 'score_csat_scaled' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION responses(score_summary) IS 'number of responses';
COMMENT ON FUNCTION promoters(score_summary) IS 'responses scoring 9 or 10';
COMMENT ON FUNCTION passives(score_summary) IS 'responses scoring 7 or 8';
COMMENT ON FUNCTION detractors(score_summary) IS 'responses scoring 0 to 6';
COMMENT ON FUNCTION score_count(score_summary, integer) IS 'responses giving exactly this score (0..10)';
COMMENT ON FUNCTION mean_score(score_summary) IS 'mean score; NULL without responses';
COMMENT ON FUNCTION nps_score(score_summary) IS
    'Net Promoter Score, 100 * (promoters - detractors) / responses; NULL without responses';
COMMENT ON FUNCTION csat(score_summary) IS
    'share of responses in the top two points of the scale (the summary''s scale, else 1-5)';
COMMENT ON FUNCTION csat(score_summary, integer) IS
    'share of responses in the top two points of a 1..scale_max scale';

-- Inverse transitions, for moving windows: each removes what its transition added.
CREATE FUNCTION score_inv(score_summary, integer) RETURNS score_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_inv(score_summary, integer, integer) RETURNS score_summary
    AS 'MODULE_PATHNAME', 'score_inv_scaled' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_inv_csat(score_summary, integer) RETURNS score_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_subtract(score_summary, score_summary) RETURNS score_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE score_agg(score integer) (
    SFUNC = score_trans, STYPE = score_summary, COMBINEFUNC = score_combine,
    INITCOND = 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0',
    MSFUNC = score_trans, MINVFUNC = score_inv, MSTYPE = score_summary, MINITCOND = 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0',
    PARALLEL = SAFE);
CREATE AGGREGATE score_agg(score integer, scale_max integer) (
    SFUNC = score_trans, STYPE = score_summary, COMBINEFUNC = score_combine,
    INITCOND = 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0',
    MSFUNC = score_trans, MINVFUNC = score_inv, MSTYPE = score_summary, MINITCOND = 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0',
    PARALLEL = SAFE);
CREATE AGGREGATE rollup(score_summary) (
    SFUNC = score_combine, STYPE = score_summary, COMBINEFUNC = score_combine,
    INITCOND = 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0',
    MSFUNC = score_combine, MINVFUNC = score_subtract, MSTYPE = score_summary, MINITCOND = 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE score_agg(integer) IS 'score summary of 0..10 scores (NPS surveys)';
COMMENT ON AGGREGATE score_agg(integer, integer) IS 'score summary of 1..scale_max scores (CSAT surveys)';
COMMENT ON AGGREGATE rollup(score_summary) IS 'exact combination of stored score summaries';

CREATE AGGREGATE nps_score(score integer) (
    SFUNC = score_trans, STYPE = score_summary, COMBINEFUNC = score_combine,
    FINALFUNC = nps_score,
    INITCOND = 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0',
    MSFUNC = score_trans, MINVFUNC = score_inv, MSTYPE = score_summary, MFINALFUNC = nps_score, MINITCOND = 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0',
    PARALLEL = SAFE);
CREATE AGGREGATE csat(score integer) (
    SFUNC = score_trans_csat, STYPE = score_summary, COMBINEFUNC = score_combine,
    FINALFUNC = csat,
    INITCOND = 'v1 scale=1-5 counts=0,0,0,0,0,0,0,0,0,0,0',
    MSFUNC = score_trans_csat, MINVFUNC = score_inv_csat, MSTYPE = score_summary, MFINALFUNC = csat, MINITCOND = 'v1 scale=1-5 counts=0,0,0,0,0,0,0,0,0,0,0',
    PARALLEL = SAFE);
CREATE AGGREGATE csat(score integer, scale_max integer) (
    SFUNC = score_trans, STYPE = score_summary, COMBINEFUNC = score_combine,
    FINALFUNC = csat,
    INITCOND = 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0',
    MSFUNC = score_trans, MINVFUNC = score_inv, MSTYPE = score_summary, MFINALFUNC = csat, MINITCOND = 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,0,0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE nps_score(integer) IS 'Net Promoter Score of 0..10 scores, -100..100';
COMMENT ON AGGREGATE csat(integer) IS 'CSAT: share of 1..5 scores that are 4 or 5';
COMMENT ON AGGREGATE csat(integer, integer) IS 'CSAT: share of 1..scale_max scores in the top two points';

------------------------------------------------------------------------------
-- retention_summary: revenue of existing accounts at the start and end of a
-- period, split into retained, expansion, contraction and churn, plus new
-- accounts (start 0 or NULL), which NRR and GRR exclude.
-- Text form: v1 accounts=3 churned_accounts=1 new_accounts=0 start_revenue=... expansion=...
--            contraction=... churned_revenue=... new_revenue=...
------------------------------------------------------------------------------

CREATE TYPE retention_summary;

CREATE FUNCTION retention_summary_in(cstring) RETURNS retention_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION retention_summary_out(retention_summary) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION retention_summary_recv(internal) RETURNS retention_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION retention_summary_send(retention_summary) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE retention_summary (
    INPUT = retention_summary_in,
    OUTPUT = retention_summary_out,
    RECEIVE = retention_summary_recv,
    SEND = retention_summary_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE retention_summary IS
    'exact, combinable state of revenue retention: start revenue, expansion, contraction, churn, new';

-- Not STRICT: a NULL end revenue means the account churned (what a LEFT JOIN
-- gives), and a NULL start revenue means a new account.
CREATE FUNCTION retention_trans(retention_summary, numeric, numeric) RETURNS retention_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION retention_trans(retention_summary, double precision, double precision) RETURNS retention_summary
    AS 'MODULE_PATHNAME', 'retention_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION retention_combine(retention_summary, retention_summary) RETURNS retention_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- rollup()'s transition: like the combine function, but each stored summary
-- counts as one unit, which moving windows over summaries need (1.1).
CREATE FUNCTION retention_rollup(retention_summary, retention_summary) RETURNS retention_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION retention_add(retention_summary, retention_summary) RETURNS retention_summary
    AS 'MODULE_PATHNAME', 'retention_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR + (LEFTARG = retention_summary, RIGHTARG = retention_summary,
    PROCEDURE = retention_add, COMMUTATOR = +);
COMMENT ON FUNCTION retention_add(retention_summary, retention_summary) IS
    'exact sum of two retention summaries (the + operator)';

CREATE FUNCTION accounts(retention_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'retention_accounts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION churned_accounts(retention_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'retention_churned_accounts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION new_accounts(retention_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'retention_new_accounts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION start_revenue(retention_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'retention_start_revenue' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION end_revenue(retention_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'retention_end_revenue' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION retained_revenue(retention_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'retention_retained_revenue' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION expansion(retention_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'retention_expansion' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION contraction(retention_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'retention_contraction' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION churned_revenue(retention_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'retention_churned_revenue' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION new_revenue(retention_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'retention_new_revenue' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nrr(retention_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'retention_nrr' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION grr(retention_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'retention_grr' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION logo_retention(retention_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'retention_logo_retention' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION accounts(retention_summary) IS 'existing accounts (start revenue > 0)';
COMMENT ON FUNCTION churned_accounts(retention_summary) IS 'existing accounts whose end revenue is 0 or NULL';
COMMENT ON FUNCTION new_accounts(retention_summary) IS 'accounts with no start revenue and end revenue > 0';
COMMENT ON FUNCTION start_revenue(retention_summary) IS 'revenue of existing accounts at the start';
COMMENT ON FUNCTION end_revenue(retention_summary) IS 'revenue of existing accounts at the end (new accounts excluded)';
COMMENT ON FUNCTION retained_revenue(retention_summary) IS 'sum of min(start, end) over existing accounts';
COMMENT ON FUNCTION expansion(retention_summary) IS 'sum of max(end - start, 0)';
COMMENT ON FUNCTION contraction(retention_summary) IS 'sum of max(start - end, 0) over accounts still paying';
COMMENT ON FUNCTION churned_revenue(retention_summary) IS 'start revenue of churned accounts';
COMMENT ON FUNCTION new_revenue(retention_summary) IS 'end revenue of new accounts';
COMMENT ON FUNCTION nrr(retention_summary) IS 'net revenue retention: end / start revenue of existing accounts';
COMMENT ON FUNCTION grr(retention_summary) IS 'gross revenue retention: retained / start revenue, never above 1';
COMMENT ON FUNCTION logo_retention(retention_summary) IS 'share of existing accounts that did not churn';

-- Inverse transitions, for moving windows: each removes what its transition added.
CREATE FUNCTION retention_inv(retention_summary, numeric, numeric) RETURNS retention_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION retention_inv(retention_summary, double precision, double precision) RETURNS retention_summary
    AS 'MODULE_PATHNAME', 'retention_inv_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION retention_subtract(retention_summary, retention_summary) RETURNS retention_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE retention_agg(start_revenue numeric, end_revenue numeric) (
    SFUNC = retention_trans, STYPE = retention_summary, COMBINEFUNC = retention_combine,
    INITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    MSFUNC = retention_trans, MINVFUNC = retention_inv, MSTYPE = retention_summary, MINITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    PARALLEL = SAFE);
CREATE AGGREGATE retention_agg(start_revenue double precision, end_revenue double precision) (
    SFUNC = retention_trans, STYPE = retention_summary, COMBINEFUNC = retention_combine,
    INITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    MSFUNC = retention_trans, MINVFUNC = retention_inv, MSTYPE = retention_summary, MINITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    PARALLEL = SAFE);
CREATE AGGREGATE rollup(retention_summary) (
    SFUNC = retention_rollup, STYPE = retention_summary, COMBINEFUNC = retention_combine,
    INITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    MSFUNC = retention_rollup, MINVFUNC = retention_subtract, MSTYPE = retention_summary, MINITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE retention_agg(numeric, numeric) IS 'retention summary of per-account start and end revenue';
COMMENT ON AGGREGATE retention_agg(double precision, double precision) IS
    'retention summary of per-account start and end revenue (double precision money, converted as ::numeric)';
COMMENT ON AGGREGATE rollup(retention_summary) IS 'exact combination of stored retention summaries';

CREATE AGGREGATE nrr(start_revenue numeric, end_revenue numeric) (
    SFUNC = retention_trans, STYPE = retention_summary, COMBINEFUNC = retention_combine,
    FINALFUNC = nrr,
    INITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    MSFUNC = retention_trans, MINVFUNC = retention_inv, MSTYPE = retention_summary, MFINALFUNC = nrr, MINITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    PARALLEL = SAFE);
CREATE AGGREGATE nrr(start_revenue double precision, end_revenue double precision) (
    SFUNC = retention_trans, STYPE = retention_summary, COMBINEFUNC = retention_combine,
    FINALFUNC = nrr,
    INITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    MSFUNC = retention_trans, MINVFUNC = retention_inv, MSTYPE = retention_summary, MFINALFUNC = nrr, MINITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    PARALLEL = SAFE);
CREATE AGGREGATE grr(start_revenue numeric, end_revenue numeric) (
    SFUNC = retention_trans, STYPE = retention_summary, COMBINEFUNC = retention_combine,
    FINALFUNC = grr,
    INITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    MSFUNC = retention_trans, MINVFUNC = retention_inv, MSTYPE = retention_summary, MFINALFUNC = grr, MINITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    PARALLEL = SAFE);
CREATE AGGREGATE grr(start_revenue double precision, end_revenue double precision) (
    SFUNC = retention_trans, STYPE = retention_summary, COMBINEFUNC = retention_combine,
    FINALFUNC = grr,
    INITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    MSFUNC = retention_trans, MINVFUNC = retention_inv, MSTYPE = retention_summary, MFINALFUNC = grr, MINITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE nrr(numeric, numeric) IS
    'net revenue retention over accounts with start revenue > 0; NULL end revenue = churned';
COMMENT ON AGGREGATE nrr(double precision, double precision) IS
    'net revenue retention over accounts with start revenue > 0; NULL end revenue = churned';
COMMENT ON AGGREGATE grr(numeric, numeric) IS
    'gross revenue retention: sum(min(start, end)) / sum(start), never above 1';
COMMENT ON AGGREGATE grr(double precision, double precision) IS
    'gross revenue retention: sum(min(start, end)) / sum(start), never above 1';

------------------------------------------------------------------------------
-- cost_summary: spend and the number of units it bought (accounts acquired,
-- leads, accounts engaged...). State of cac and cpl.
-- Text form: v1 units=120 spend=170000
------------------------------------------------------------------------------

CREATE TYPE cost_summary;

CREATE FUNCTION cost_summary_in(cstring) RETURNS cost_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cost_summary_out(cost_summary) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cost_summary_recv(internal) RETURNS cost_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cost_summary_send(cost_summary) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE cost_summary (
    INPUT = cost_summary_in,
    OUTPUT = cost_summary_out,
    RECEIVE = cost_summary_recv,
    SEND = cost_summary_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE cost_summary IS 'exact, combinable state of a cost per unit: spend and units';

-- Not STRICT: like sum(spend) / count(*) FILTER (WHERE acquired), each
-- column's NULLs are skipped on their own (spend on an account that was
-- never acquired is still cost).
CREATE FUNCTION cost_trans(cost_summary, numeric, boolean) RETURNS cost_summary
    AS 'MODULE_PATHNAME', 'cost_trans_acquired' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cost_trans(cost_summary, double precision, boolean) RETURNS cost_summary
    AS 'MODULE_PATHNAME', 'cost_trans_acquired_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cost_trans(cost_summary, numeric, bigint) RETURNS cost_summary
    AS 'MODULE_PATHNAME', 'cost_trans_units' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cost_trans(cost_summary, double precision, bigint) RETURNS cost_summary
    AS 'MODULE_PATHNAME', 'cost_trans_units_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cost_combine(cost_summary, cost_summary) RETURNS cost_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- rollup()'s transition: like the combine function, but each stored summary
-- counts as one unit, which moving windows over summaries need (1.1).
CREATE FUNCTION cost_rollup(cost_summary, cost_summary) RETURNS cost_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cost_add(cost_summary, cost_summary) RETURNS cost_summary
    AS 'MODULE_PATHNAME', 'cost_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR + (LEFTARG = cost_summary, RIGHTARG = cost_summary,
    PROCEDURE = cost_add, COMMUTATOR = +);
COMMENT ON FUNCTION cost_add(cost_summary, cost_summary) IS
    'exact sum of two cost summaries (the + operator)';

CREATE FUNCTION spend(cost_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cost_spend' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION units(cost_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cost_units' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cost_per_unit(cost_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cost_per_unit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cac(cost_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cost_per_unit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cpl(cost_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cost_per_unit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION spend(cost_summary) IS 'total spend';
COMMENT ON FUNCTION units(cost_summary) IS 'units bought: accounts acquired, leads...';
COMMENT ON FUNCTION cost_per_unit(cost_summary) IS 'spend / units; NULL when no units';
COMMENT ON FUNCTION cac(cost_summary) IS 'customer acquisition cost: spend / accounts acquired';
COMMENT ON FUNCTION cpl(cost_summary) IS 'cost per lead: spend / leads';

-- Inverse transitions, for moving windows: each removes what its transition added.
CREATE FUNCTION cost_inv(cost_summary, numeric, boolean) RETURNS cost_summary
    AS 'MODULE_PATHNAME', 'cost_inv_acquired' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cost_inv(cost_summary, double precision, boolean) RETURNS cost_summary
    AS 'MODULE_PATHNAME', 'cost_inv_acquired_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cost_inv(cost_summary, numeric, bigint) RETURNS cost_summary
    AS 'MODULE_PATHNAME', 'cost_inv_units' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cost_inv(cost_summary, double precision, bigint) RETURNS cost_summary
    AS 'MODULE_PATHNAME', 'cost_inv_units_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cost_subtract(cost_summary, cost_summary) RETURNS cost_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE cost_agg(spend numeric, acquired boolean) (
    SFUNC = cost_trans, STYPE = cost_summary, COMBINEFUNC = cost_combine,
    INITCOND = 'v1 units=0 spend=0',
    MSFUNC = cost_trans, MINVFUNC = cost_inv, MSTYPE = cost_summary, MINITCOND = 'v1 units=0 spend=0',
    PARALLEL = SAFE);
CREATE AGGREGATE cost_agg(spend double precision, acquired boolean) (
    SFUNC = cost_trans, STYPE = cost_summary, COMBINEFUNC = cost_combine,
    INITCOND = 'v1 units=0 spend=0',
    MSFUNC = cost_trans, MINVFUNC = cost_inv, MSTYPE = cost_summary, MINITCOND = 'v1 units=0 spend=0',
    PARALLEL = SAFE);
CREATE AGGREGATE cost_agg(spend numeric, units bigint) (
    SFUNC = cost_trans, STYPE = cost_summary, COMBINEFUNC = cost_combine,
    INITCOND = 'v1 units=0 spend=0',
    MSFUNC = cost_trans, MINVFUNC = cost_inv, MSTYPE = cost_summary, MINITCOND = 'v1 units=0 spend=0',
    PARALLEL = SAFE);
CREATE AGGREGATE cost_agg(spend double precision, units bigint) (
    SFUNC = cost_trans, STYPE = cost_summary, COMBINEFUNC = cost_combine,
    INITCOND = 'v1 units=0 spend=0',
    MSFUNC = cost_trans, MINVFUNC = cost_inv, MSTYPE = cost_summary, MINITCOND = 'v1 units=0 spend=0',
    PARALLEL = SAFE);
CREATE AGGREGATE rollup(cost_summary) (
    SFUNC = cost_rollup, STYPE = cost_summary, COMBINEFUNC = cost_combine,
    INITCOND = 'v1 units=0 spend=0',
    MSFUNC = cost_rollup, MINVFUNC = cost_subtract, MSTYPE = cost_summary, MINITCOND = 'v1 units=0 spend=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE cost_agg(numeric, boolean) IS 'cost summary: all spend, units = accounts acquired';
COMMENT ON AGGREGATE cost_agg(double precision, boolean) IS 'cost summary: all spend, units = accounts acquired';
COMMENT ON AGGREGATE cost_agg(numeric, bigint) IS 'cost summary: sum of spend, sum of units (leads...)';
COMMENT ON AGGREGATE cost_agg(double precision, bigint) IS 'cost summary: sum of spend, sum of units (leads...)';
COMMENT ON AGGREGATE rollup(cost_summary) IS 'exact combination of stored cost summaries';

CREATE AGGREGATE cac(spend numeric, acquired boolean) (
    SFUNC = cost_trans, STYPE = cost_summary, COMBINEFUNC = cost_combine,
    FINALFUNC = cac, INITCOND = 'v1 units=0 spend=0',
    MSFUNC = cost_trans, MINVFUNC = cost_inv, MSTYPE = cost_summary, MFINALFUNC = cac, MINITCOND = 'v1 units=0 spend=0',
    PARALLEL = SAFE);
CREATE AGGREGATE cac(spend double precision, acquired boolean) (
    SFUNC = cost_trans, STYPE = cost_summary, COMBINEFUNC = cost_combine,
    FINALFUNC = cac, INITCOND = 'v1 units=0 spend=0',
    MSFUNC = cost_trans, MINVFUNC = cost_inv, MSTYPE = cost_summary, MFINALFUNC = cac, MINITCOND = 'v1 units=0 spend=0',
    PARALLEL = SAFE);
CREATE AGGREGATE cpl(spend numeric, leads bigint) (
    SFUNC = cost_trans, STYPE = cost_summary, COMBINEFUNC = cost_combine,
    FINALFUNC = cpl, INITCOND = 'v1 units=0 spend=0',
    MSFUNC = cost_trans, MINVFUNC = cost_inv, MSTYPE = cost_summary, MFINALFUNC = cpl, MINITCOND = 'v1 units=0 spend=0',
    PARALLEL = SAFE);
CREATE AGGREGATE cpl(spend double precision, leads bigint) (
    SFUNC = cost_trans, STYPE = cost_summary, COMBINEFUNC = cost_combine,
    FINALFUNC = cpl, INITCOND = 'v1 units=0 spend=0',
    MSFUNC = cost_trans, MINVFUNC = cost_inv, MSTYPE = cost_summary, MFINALFUNC = cpl, MINITCOND = 'v1 units=0 spend=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE cac(numeric, boolean) IS
    'customer acquisition cost: sum(spend) over all rows / accounts acquired';
COMMENT ON AGGREGATE cac(double precision, boolean) IS
    'customer acquisition cost: sum(spend) over all rows / accounts acquired';
COMMENT ON AGGREGATE cpl(numeric, bigint) IS 'cost per lead: sum(spend) / sum(leads)';
COMMENT ON AGGREGATE cpl(double precision, bigint) IS 'cost per lead: sum(spend) / sum(leads)';

------------------------------------------------------------------------------
-- Scalar value metrics
------------------------------------------------------------------------------

CREATE FUNCTION cac(total_spend numeric, new_customers bigint) RETURNS numeric
    AS 'MODULE_PATHNAME', 'abm_cac_scalar' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION acv(total_contract_value numeric, term interval, one_time_fees numeric DEFAULT 0)
    RETURNS numeric
    AS 'MODULE_PATHNAME', 'abm_acv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION clv(monthly_arpa numeric, gross_margin double precision, monthly_churn double precision)
    RETURNS numeric
    AS 'MODULE_PATHNAME', 'abm_clv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ltv_to_cac(ltv numeric, cac numeric) RETURNS double precision
    AS 'MODULE_PATHNAME', 'abm_ltv_to_cac' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cac_payback_months(cac numeric, monthly_arpa numeric, gross_margin double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'abm_cac_payback_months' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION tam(accounts bigint, average_contract_value numeric) RETURNS numeric
    AS 'MODULE_PATHNAME', 'abm_tam' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION acv(numeric, interval, numeric) IS
    'annual contract value: (total contract value - one-time fees) / term in years';
COMMENT ON FUNCTION clv(numeric, double precision, double precision) IS
    'customer lifetime value: monthly ARPA * gross margin / monthly churn; NULL when churn is 0';
COMMENT ON FUNCTION ltv_to_cac(numeric, numeric) IS 'LTV / CAC; NULL when CAC is 0';
COMMENT ON FUNCTION cac_payback_months(numeric, numeric, double precision) IS
    'months to earn back CAC: CAC / (monthly ARPA * gross margin); NULL when that is 0';
COMMENT ON FUNCTION tam(bigint, numeric) IS
    'total addressable market: accounts in the ideal customer profile * average contract value';

------------------------------------------------------------------------------
-- funnel_summary: accounts per furthest funnel stage, their spend, and the
-- exact time spent on each step (count and microsecond sum of the steps from
-- the previous timed stage, and of the spans from the first touch).
-- Text form: v1 furthest=a1,..,a6 spend=S step_n=..(6) step_us=..(6) touch_n=..(6) touch_us=..(6)
------------------------------------------------------------------------------

CREATE TYPE funnel_summary;

CREATE FUNCTION funnel_summary_in(cstring) RETURNS funnel_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION funnel_summary_out(funnel_summary) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION funnel_summary_recv(internal) RETURNS funnel_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION funnel_summary_send(funnel_summary) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE funnel_summary (
    INPUT = funnel_summary_in,
    OUTPUT = funnel_summary_out,
    RECEIVE = funnel_summary_recv,
    SEND = funnel_summary_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE funnel_summary IS
    'exact, combinable state of the ABM funnel: accounts per furthest stage, spend, step timings';

-- Not STRICT: a NULL stage (or all-NULL times) still brings its spend.
CREATE FUNCTION funnel_trans(funnel_summary, abm_stage) RETURNS funnel_summary
    AS 'MODULE_PATHNAME', 'funnel_trans_stage' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION funnel_trans(funnel_summary, abm_stage, numeric) RETURNS funnel_summary
    AS 'MODULE_PATHNAME', 'funnel_trans_stage' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION funnel_trans(funnel_summary, timestamptz[]) RETURNS funnel_summary
    AS 'MODULE_PATHNAME', 'funnel_trans_times' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION funnel_trans(funnel_summary, timestamptz[], numeric) RETURNS funnel_summary
    AS 'MODULE_PATHNAME', 'funnel_trans_times' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION funnel_combine(funnel_summary, funnel_summary) RETURNS funnel_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- rollup()'s transition: like the combine function, but each stored summary
-- counts as one unit, which moving windows over summaries need (1.1).
CREATE FUNCTION funnel_rollup(funnel_summary, funnel_summary) RETURNS funnel_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION funnel_add(funnel_summary, funnel_summary) RETURNS funnel_summary
    AS 'MODULE_PATHNAME', 'funnel_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR + (LEFTARG = funnel_summary, RIGHTARG = funnel_summary,
    PROCEDURE = funnel_add, COMMUTATOR = +);
COMMENT ON FUNCTION funnel_add(funnel_summary, funnel_summary) IS
    'exact sum of two funnel summaries (the + operator)';

CREATE FUNCTION stage_accounts(funnel_summary, abm_stage) RETURNS bigint
    AS 'MODULE_PATHNAME', 'funnel_stage_accounts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION spend(funnel_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'funnel_spend' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION stage_accounts(funnel_summary, abm_stage) IS
    'accounts that reached the stage (cumulative: furthest stage at or after it)';
COMMENT ON FUNCTION spend(funnel_summary) IS 'total spend attributed to the funnel''s accounts';

-- Inverse transitions, for moving windows: each removes what its transition added.
CREATE FUNCTION funnel_inv(funnel_summary, abm_stage) RETURNS funnel_summary
    AS 'MODULE_PATHNAME', 'funnel_inv_stage' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION funnel_inv(funnel_summary, abm_stage, numeric) RETURNS funnel_summary
    AS 'MODULE_PATHNAME', 'funnel_inv_stage' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION funnel_inv(funnel_summary, timestamptz[]) RETURNS funnel_summary
    AS 'MODULE_PATHNAME', 'funnel_inv_times' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION funnel_inv(funnel_summary, timestamptz[], numeric) RETURNS funnel_summary
    AS 'MODULE_PATHNAME', 'funnel_inv_times' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION funnel_subtract(funnel_summary, funnel_summary) RETURNS funnel_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE funnel_agg(furthest_stage abm_stage) (
    SFUNC = funnel_trans, STYPE = funnel_summary, COMBINEFUNC = funnel_combine,
    INITCOND = 'v1 furthest=0,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0',
    MSFUNC = funnel_trans, MINVFUNC = funnel_inv, MSTYPE = funnel_summary, MINITCOND = 'v1 furthest=0,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0',
    PARALLEL = SAFE);
CREATE AGGREGATE funnel_agg(furthest_stage abm_stage, spend numeric) (
    SFUNC = funnel_trans, STYPE = funnel_summary, COMBINEFUNC = funnel_combine,
    INITCOND = 'v1 furthest=0,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0',
    MSFUNC = funnel_trans, MINVFUNC = funnel_inv, MSTYPE = funnel_summary, MINITCOND = 'v1 furthest=0,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0',
    PARALLEL = SAFE);
CREATE AGGREGATE funnel_agg(reached_at timestamptz[]) (
    SFUNC = funnel_trans, STYPE = funnel_summary, COMBINEFUNC = funnel_combine,
    INITCOND = 'v1 furthest=0,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0',
    MSFUNC = funnel_trans, MINVFUNC = funnel_inv, MSTYPE = funnel_summary, MINITCOND = 'v1 furthest=0,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0',
    PARALLEL = SAFE);
CREATE AGGREGATE funnel_agg(reached_at timestamptz[], spend numeric) (
    SFUNC = funnel_trans, STYPE = funnel_summary, COMBINEFUNC = funnel_combine,
    INITCOND = 'v1 furthest=0,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0',
    MSFUNC = funnel_trans, MINVFUNC = funnel_inv, MSTYPE = funnel_summary, MINITCOND = 'v1 furthest=0,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0',
    PARALLEL = SAFE);
CREATE AGGREGATE rollup(funnel_summary) (
    SFUNC = funnel_rollup, STYPE = funnel_summary, COMBINEFUNC = funnel_combine,
    INITCOND = 'v1 furthest=0,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0',
    MSFUNC = funnel_rollup, MINVFUNC = funnel_subtract, MSTYPE = funnel_summary, MINITCOND = 'v1 furthest=0,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE funnel_agg(abm_stage) IS 'funnel summary of accounts by furthest stage';
COMMENT ON AGGREGATE funnel_agg(abm_stage, numeric) IS 'funnel summary of accounts by furthest stage, with spend';
COMMENT ON AGGREGATE funnel_agg(timestamptz[]) IS
    'funnel summary from the time each of the six stages was reached (NULL = not reached)';
COMMENT ON AGGREGATE funnel_agg(timestamptz[], numeric) IS
    'funnel summary from stage times, with spend';
COMMENT ON AGGREGATE rollup(funnel_summary) IS 'exact combination of stored funnel summaries';

CREATE FUNCTION funnel_stages(summary funnel_summary,
    OUT stage abm_stage, OUT "position" integer, OUT accounts bigint,
    OUT share_of_target double precision, OUT conversion_rate double precision,
    OUT drop_off bigint, OUT spend_per_account numeric,
    OUT avg_days_from_previous double precision, OUT avg_days_from_first_touch double precision,
    OUT bar text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 6;
COMMENT ON FUNCTION funnel_stages(funnel_summary) IS
    'one row per funnel stage: accounts reaching it, share of target, conversion from the previous stage, drop-off, spend per account, average days, and a bar';

CREATE FUNCTION abm_stages(OUT "position" integer, OUT stage abm_stage,
    OUT description text, OUT kpis text[])
    RETURNS SETOF record
    LANGUAGE sql IMMUTABLE PARALLEL SAFE ROWS 6
    AS $$
    VALUES
      (1, 'target'::@extschema@.abm_stage,
       'fits the ideal customer profile and is on the target list, not yet a customer',
       ARRAY['target accounts (by tier)', 'share of target accounts engaged / unengaged']),
      (2, 'engaged',
       'has interacted with the brand: ad click, web visit, email, meeting, chat',
       ARRAY['share of target accounts engaged', 'cost per engaged account', 'touches per account']),
      (3, 'opportunity',
       'a real revenue opportunity is open',
       ARRAY['share of engaged accounts with an opportunity', 'pipeline (open opportunity amount)',
             'days from first touch to opportunity', 'cost per opportunity account']),
      (4, 'won',
       'signed and pays',
       ARRAY['win rate', 'new revenue won', 'deal cycle days (first touch to signature)',
             'touches per won account', 'cost per won account (CAC)', 'ACV']),
      (5, 'retained',
       'renewed for the period',
       ARRAY['renewal rate', 'gross revenue retention', 'NPS', 'CSAT']),
      (6, 'expanded',
       'bought more: upsell, cross-sell, higher tier',
       ARRAY['net revenue retention', 'expansion revenue', 'total revenue won'])
    $$;
COMMENT ON FUNCTION abm_stages() IS
    'the six funnel stages: position, name, what it means, and the KPIs tracked there';

------------------------------------------------------------------------------
-- Support functions: I/O, comparison and aggregate machinery. Users call the
-- types, operators and aggregates above; these are documented for \df+.
------------------------------------------------------------------------------
COMMENT ON FUNCTION abm_stage_in(cstring) IS 'text input of abm_stage';
COMMENT ON FUNCTION abm_stage_out(abm_stage) IS 'text output of abm_stage';
COMMENT ON FUNCTION abm_stage_recv(internal) IS 'binary input of abm_stage (validates every field)';
COMMENT ON FUNCTION abm_stage_send(abm_stage) IS 'binary output of abm_stage';
COMMENT ON FUNCTION abm_stage_lt(abm_stage, abm_stage) IS 'less than (funnel order)';
COMMENT ON FUNCTION abm_stage_le(abm_stage, abm_stage) IS 'at most (funnel order)';
COMMENT ON FUNCTION abm_stage_eq(abm_stage, abm_stage) IS 'equal (funnel order)';
COMMENT ON FUNCTION abm_stage_ne(abm_stage, abm_stage) IS 'not equal (funnel order)';
COMMENT ON FUNCTION abm_stage_ge(abm_stage, abm_stage) IS 'at least (funnel order)';
COMMENT ON FUNCTION abm_stage_gt(abm_stage, abm_stage) IS 'greater than (funnel order)';
COMMENT ON FUNCTION abm_stage_cmp(abm_stage, abm_stage) IS 'btree comparison of funnel stages';
COMMENT ON FUNCTION abm_stage_hash(abm_stage) IS 'hash of a funnel stage';
COMMENT ON FUNCTION abm_stage_hash_extended(abm_stage, bigint) IS 'seeded 64-bit hash of a funnel stage';
COMMENT ON FUNCTION abm_stage_smaller(abm_stage, abm_stage) IS 'earlier of two stages (min support)';
COMMENT ON FUNCTION abm_stage_larger(abm_stage, abm_stage) IS 'later of two stages (max support)';
COMMENT ON FUNCTION ratio_summary_in(cstring) IS 'text input of ratio_summary';
COMMENT ON FUNCTION ratio_summary_out(ratio_summary) IS 'text output of ratio_summary';
COMMENT ON FUNCTION ratio_summary_recv(internal) IS 'binary input of ratio_summary (validates every field)';
COMMENT ON FUNCTION ratio_summary_send(ratio_summary) IS 'binary output of ratio_summary';
COMMENT ON FUNCTION ratio_trans(ratio_summary, boolean) IS 'aggregate transition: adds one row to a ratio_summary';
COMMENT ON FUNCTION ratio_trans(ratio_summary, boolean, numeric) IS 'aggregate transition: adds one row to a ratio_summary';
COMMENT ON FUNCTION ratio_trans(ratio_summary, boolean, double precision) IS 'aggregate transition: adds one row to a ratio_summary';
COMMENT ON FUNCTION ratio_trans(ratio_summary, bigint, bigint) IS 'aggregate transition: adds one row to a ratio_summary';
COMMENT ON FUNCTION ratio_combine(ratio_summary, ratio_summary) IS 'aggregate combine function: exact sum of two partial ratio_summary states';
COMMENT ON FUNCTION ratio_rollup(ratio_summary, ratio_summary) IS 'rollup() transition: adds one stored ratio_summary';
COMMENT ON FUNCTION score_summary_in(cstring) IS 'text input of score_summary';
COMMENT ON FUNCTION score_summary_out(score_summary) IS 'text output of score_summary';
COMMENT ON FUNCTION score_summary_recv(internal) IS 'binary input of score_summary (validates every field)';
COMMENT ON FUNCTION score_summary_send(score_summary) IS 'binary output of score_summary';
COMMENT ON FUNCTION score_trans(score_summary, integer) IS 'aggregate transition: adds one row to a score_summary';
COMMENT ON FUNCTION score_trans(score_summary, integer, integer) IS 'aggregate transition: adds one row to a score_summary';
COMMENT ON FUNCTION score_trans_csat(score_summary, integer) IS 'aggregate transition: adds one row to a score_summary';
COMMENT ON FUNCTION score_combine(score_summary, score_summary) IS 'aggregate combine function: exact sum of two partial score_summary states';
COMMENT ON FUNCTION retention_summary_in(cstring) IS 'text input of retention_summary';
COMMENT ON FUNCTION retention_summary_out(retention_summary) IS 'text output of retention_summary';
COMMENT ON FUNCTION retention_summary_recv(internal) IS 'binary input of retention_summary (validates every field)';
COMMENT ON FUNCTION retention_summary_send(retention_summary) IS 'binary output of retention_summary';
COMMENT ON FUNCTION retention_trans(retention_summary, numeric, numeric) IS 'aggregate transition: adds one row to a retention_summary';
COMMENT ON FUNCTION retention_trans(retention_summary, double precision, double precision) IS 'aggregate transition: adds one row to a retention_summary';
COMMENT ON FUNCTION retention_combine(retention_summary, retention_summary) IS 'aggregate combine function: exact sum of two partial retention_summary states';
COMMENT ON FUNCTION retention_rollup(retention_summary, retention_summary) IS 'rollup() transition: adds one stored retention_summary';
COMMENT ON FUNCTION cost_summary_in(cstring) IS 'text input of cost_summary';
COMMENT ON FUNCTION cost_summary_out(cost_summary) IS 'text output of cost_summary';
COMMENT ON FUNCTION cost_summary_recv(internal) IS 'binary input of cost_summary (validates every field)';
COMMENT ON FUNCTION cost_summary_send(cost_summary) IS 'binary output of cost_summary';
COMMENT ON FUNCTION cost_trans(cost_summary, numeric, boolean) IS 'aggregate transition: adds one row to a cost_summary';
COMMENT ON FUNCTION cost_trans(cost_summary, double precision, boolean) IS 'aggregate transition: adds one row to a cost_summary';
COMMENT ON FUNCTION cost_trans(cost_summary, numeric, bigint) IS 'aggregate transition: adds one row to a cost_summary';
COMMENT ON FUNCTION cost_trans(cost_summary, double precision, bigint) IS 'aggregate transition: adds one row to a cost_summary';
COMMENT ON FUNCTION cost_combine(cost_summary, cost_summary) IS 'aggregate combine function: exact sum of two partial cost_summary states';
COMMENT ON FUNCTION cost_rollup(cost_summary, cost_summary) IS 'rollup() transition: adds one stored cost_summary';
COMMENT ON FUNCTION funnel_summary_in(cstring) IS 'text input of funnel_summary';
COMMENT ON FUNCTION funnel_summary_out(funnel_summary) IS 'text output of funnel_summary';
COMMENT ON FUNCTION funnel_summary_recv(internal) IS 'binary input of funnel_summary (validates every field)';
COMMENT ON FUNCTION funnel_summary_send(funnel_summary) IS 'binary output of funnel_summary';
COMMENT ON FUNCTION funnel_trans(funnel_summary, abm_stage) IS 'aggregate transition: adds one row to a funnel_summary';
COMMENT ON FUNCTION funnel_trans(funnel_summary, abm_stage, numeric) IS 'aggregate transition: adds one row to a funnel_summary';
COMMENT ON FUNCTION funnel_trans(funnel_summary, timestamptz[]) IS 'aggregate transition: adds one row to a funnel_summary';
COMMENT ON FUNCTION funnel_trans(funnel_summary, timestamptz[], numeric) IS 'aggregate transition: adds one row to a funnel_summary';
COMMENT ON FUNCTION funnel_combine(funnel_summary, funnel_summary) IS 'aggregate combine function: exact sum of two partial funnel_summary states';
COMMENT ON FUNCTION funnel_rollup(funnel_summary, funnel_summary) IS 'rollup() transition: adds one stored funnel_summary';

------------------------------------------------------------------------------
-- Statistics: the uncertainty of rates and NPS, read from summaries.
-- Confidence must lie strictly between 0 and 1 (else 22023); a summary with
-- no trials or no responses gives NULLs.
------------------------------------------------------------------------------

CREATE FUNCTION wilson_interval(successes bigint, trials bigint,
    confidence double precision DEFAULT 0.95,
    OUT lower double precision, OUT upper double precision)
    AS 'MODULE_PATHNAME', 'wilson_interval_counts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION wilson_interval(summary ratio_summary,
    confidence double precision DEFAULT 0.95,
    OUT lower double precision, OUT upper double precision)
    AS 'MODULE_PATHNAME', 'wilson_interval_summary' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION wilson_lower(successes bigint, trials bigint, confidence double precision DEFAULT 0.95)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'wilson_lower_counts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION wilson_lower(summary ratio_summary, confidence double precision DEFAULT 0.95)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'wilson_lower_summary' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION wilson_upper(successes bigint, trials bigint, confidence double precision DEFAULT 0.95)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'wilson_upper_counts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION wilson_upper(summary ratio_summary, confidence double precision DEFAULT 0.95)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'wilson_upper_summary' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION wilson_interval(bigint, bigint, double precision) IS
    'Wilson score interval (lower, upper) of successes out of trials at a confidence level';
COMMENT ON FUNCTION wilson_interval(ratio_summary, double precision) IS
    'Wilson score interval (lower, upper) of a ratio summary''s rate at a confidence level';
COMMENT ON FUNCTION wilson_lower(bigint, bigint, double precision) IS 'lower end of the Wilson score interval';
COMMENT ON FUNCTION wilson_lower(ratio_summary, double precision) IS 'lower end of the Wilson score interval';
COMMENT ON FUNCTION wilson_upper(bigint, bigint, double precision) IS 'upper end of the Wilson score interval';
COMMENT ON FUNCTION wilson_upper(ratio_summary, double precision) IS 'upper end of the Wilson score interval';

CREATE FUNCTION nps_interval(summary score_summary,
    confidence double precision DEFAULT 0.95, method text DEFAULT 'wald',
    OUT nps double precision, OUT lower double precision, OUT upper double precision,
    OUT standard_error double precision)
    AS 'MODULE_PATHNAME', 'nps_interval' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_interval(score_summary, double precision, text) IS
    'NPS with its confidence interval and standard error; method ''wald'' or ''adjusted_wald''';

CREATE FUNCTION proportion_test(a ratio_summary, b ratio_summary,
    OUT difference double precision, OUT z double precision, OUT p_value double precision)
    AS 'MODULE_PATHNAME', 'proportion_test' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_test(a score_summary, b score_summary,
    OUT difference double precision, OUT z double precision, OUT p_value double precision)
    AS 'MODULE_PATHNAME', 'nps_test' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION proportion_test(ratio_summary, ratio_summary) IS
    'pooled two-proportion z-test of rate(a) - rate(b): difference, z, two-sided p-value';
COMMENT ON FUNCTION nps_test(score_summary, score_summary) IS
    'z-test of the difference of two independent NPS: difference, z, two-sided p-value';

--------------------------------------------------------------------------- Support functions for moving windows.
COMMENT ON FUNCTION ratio_inv(ratio_summary, boolean) IS 'inverse transition for moving windows: removes one row from a ratio_summary';
COMMENT ON FUNCTION ratio_inv(ratio_summary, boolean, numeric) IS 'inverse transition for moving windows: removes one row from a ratio_summary';
COMMENT ON FUNCTION ratio_inv(ratio_summary, boolean, double precision) IS 'inverse transition for moving windows: removes one row from a ratio_summary';
COMMENT ON FUNCTION ratio_inv(ratio_summary, bigint, bigint) IS 'inverse transition for moving windows: removes one row from a ratio_summary';
COMMENT ON FUNCTION ratio_subtract(ratio_summary, ratio_summary) IS 'inverse of rollup() for moving windows: removes one stored ratio_summary';
COMMENT ON FUNCTION score_inv(score_summary, integer) IS 'inverse transition for moving windows: removes one row from a score_summary';
COMMENT ON FUNCTION score_inv(score_summary, integer, integer) IS 'inverse transition for moving windows: removes one row from a score_summary';
COMMENT ON FUNCTION score_inv_csat(score_summary, integer) IS 'inverse transition for moving windows: removes one row from a score_summary';
COMMENT ON FUNCTION score_subtract(score_summary, score_summary) IS 'inverse of rollup() for moving windows: removes one stored score_summary';
COMMENT ON FUNCTION retention_inv(retention_summary, numeric, numeric) IS 'inverse transition for moving windows: removes one row from a retention_summary';
COMMENT ON FUNCTION retention_inv(retention_summary, double precision, double precision) IS 'inverse transition for moving windows: removes one row from a retention_summary';
COMMENT ON FUNCTION retention_subtract(retention_summary, retention_summary) IS 'inverse of rollup() for moving windows: removes one stored retention_summary';
COMMENT ON FUNCTION cost_inv(cost_summary, numeric, boolean) IS 'inverse transition for moving windows: removes one row from a cost_summary';
COMMENT ON FUNCTION cost_inv(cost_summary, double precision, boolean) IS 'inverse transition for moving windows: removes one row from a cost_summary';
COMMENT ON FUNCTION cost_inv(cost_summary, numeric, bigint) IS 'inverse transition for moving windows: removes one row from a cost_summary';
COMMENT ON FUNCTION cost_inv(cost_summary, double precision, bigint) IS 'inverse transition for moving windows: removes one row from a cost_summary';
COMMENT ON FUNCTION cost_subtract(cost_summary, cost_summary) IS 'inverse of rollup() for moving windows: removes one stored cost_summary';
COMMENT ON FUNCTION funnel_inv(funnel_summary, abm_stage) IS 'inverse transition for moving windows: removes one row from a funnel_summary';
COMMENT ON FUNCTION funnel_inv(funnel_summary, abm_stage, numeric) IS 'inverse transition for moving windows: removes one row from a funnel_summary';
COMMENT ON FUNCTION funnel_inv(funnel_summary, timestamptz[]) IS 'inverse transition for moving windows: removes one row from a funnel_summary';
COMMENT ON FUNCTION funnel_inv(funnel_summary, timestamptz[], numeric) IS 'inverse transition for moving windows: removes one row from a funnel_summary';
COMMENT ON FUNCTION funnel_subtract(funnel_summary, funnel_summary) IS 'inverse of rollup() for moving windows: removes one stored funnel_summary';

------------------------------------------------------------------------------
-- 1.2: integer money stays exact.  An integer amount would otherwise resolve
-- to the double precision forms (double precision is the preferred numeric
-- type), and 1234567890123456789 would come back as 1234567890123460000.
-- Each aggregate that takes money has bigint and integer forms, which add
-- whole units exactly, like numeric.
------------------------------------------------------------------------------

CREATE FUNCTION ratio_trans(ratio_summary, boolean, bigint) RETURNS ratio_summary
    AS 'MODULE_PATHNAME', 'ratio_trans_amount_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ratio_inv(ratio_summary, boolean, bigint) RETURNS ratio_summary
    AS 'MODULE_PATHNAME', 'ratio_inv_amount_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION retention_trans(retention_summary, bigint, bigint) RETURNS retention_summary
    AS 'MODULE_PATHNAME', 'retention_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION retention_inv(retention_summary, bigint, bigint) RETURNS retention_summary
    AS 'MODULE_PATHNAME', 'retention_inv_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cost_trans(cost_summary, bigint, boolean) RETURNS cost_summary
    AS 'MODULE_PATHNAME', 'cost_trans_acquired_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cost_inv(cost_summary, bigint, boolean) RETURNS cost_summary
    AS 'MODULE_PATHNAME', 'cost_inv_acquired_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cost_trans(cost_summary, bigint, bigint) RETURNS cost_summary
    AS 'MODULE_PATHNAME', 'cost_trans_units_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cost_inv(cost_summary, bigint, bigint) RETURNS cost_summary
    AS 'MODULE_PATHNAME', 'cost_inv_units_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION ratio_trans(ratio_summary, boolean, integer) RETURNS ratio_summary
    AS 'MODULE_PATHNAME', 'ratio_trans_amount_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ratio_inv(ratio_summary, boolean, integer) RETURNS ratio_summary
    AS 'MODULE_PATHNAME', 'ratio_inv_amount_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION retention_trans(retention_summary, integer, integer) RETURNS retention_summary
    AS 'MODULE_PATHNAME', 'retention_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION retention_inv(retention_summary, integer, integer) RETURNS retention_summary
    AS 'MODULE_PATHNAME', 'retention_inv_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cost_trans(cost_summary, integer, boolean) RETURNS cost_summary
    AS 'MODULE_PATHNAME', 'cost_trans_acquired_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cost_inv(cost_summary, integer, boolean) RETURNS cost_summary
    AS 'MODULE_PATHNAME', 'cost_inv_acquired_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cost_trans(cost_summary, integer, bigint) RETURNS cost_summary
    AS 'MODULE_PATHNAME', 'cost_trans_units_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cost_inv(cost_summary, integer, bigint) RETURNS cost_summary
    AS 'MODULE_PATHNAME', 'cost_inv_units_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE ratio_agg(boolean, bigint) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);

CREATE AGGREGATE win_rate(won boolean, amount bigint) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    FINALFUNC = weighted_win_rate,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MFINALFUNC = weighted_win_rate, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);

CREATE AGGREGATE retention_agg(start_revenue bigint, end_revenue bigint) (
    SFUNC = retention_trans, STYPE = retention_summary, COMBINEFUNC = retention_combine,
    INITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    MSFUNC = retention_trans, MINVFUNC = retention_inv, MSTYPE = retention_summary, MINITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    PARALLEL = SAFE);

CREATE AGGREGATE nrr(start_revenue bigint, end_revenue bigint) (
    SFUNC = retention_trans, STYPE = retention_summary, COMBINEFUNC = retention_combine,
    FINALFUNC = nrr,
    INITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    MSFUNC = retention_trans, MINVFUNC = retention_inv, MSTYPE = retention_summary, MFINALFUNC = nrr, MINITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    PARALLEL = SAFE);

CREATE AGGREGATE grr(start_revenue bigint, end_revenue bigint) (
    SFUNC = retention_trans, STYPE = retention_summary, COMBINEFUNC = retention_combine,
    FINALFUNC = grr,
    INITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    MSFUNC = retention_trans, MINVFUNC = retention_inv, MSTYPE = retention_summary, MFINALFUNC = grr, MINITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    PARALLEL = SAFE);

CREATE AGGREGATE cost_agg(spend bigint, acquired boolean) (
    SFUNC = cost_trans, STYPE = cost_summary, COMBINEFUNC = cost_combine,
    INITCOND = 'v1 units=0 spend=0',
    MSFUNC = cost_trans, MINVFUNC = cost_inv, MSTYPE = cost_summary, MINITCOND = 'v1 units=0 spend=0',
    PARALLEL = SAFE);

CREATE AGGREGATE cost_agg(spend bigint, units bigint) (
    SFUNC = cost_trans, STYPE = cost_summary, COMBINEFUNC = cost_combine,
    INITCOND = 'v1 units=0 spend=0',
    MSFUNC = cost_trans, MINVFUNC = cost_inv, MSTYPE = cost_summary, MINITCOND = 'v1 units=0 spend=0',
    PARALLEL = SAFE);

CREATE AGGREGATE cac(spend bigint, acquired boolean) (
    SFUNC = cost_trans, STYPE = cost_summary, COMBINEFUNC = cost_combine,
    FINALFUNC = cac,
    INITCOND = 'v1 units=0 spend=0',
    MSFUNC = cost_trans, MINVFUNC = cost_inv, MSTYPE = cost_summary, MFINALFUNC = cac, MINITCOND = 'v1 units=0 spend=0',
    PARALLEL = SAFE);

CREATE AGGREGATE cpl(spend bigint, leads bigint) (
    SFUNC = cost_trans, STYPE = cost_summary, COMBINEFUNC = cost_combine,
    FINALFUNC = cpl,
    INITCOND = 'v1 units=0 spend=0',
    MSFUNC = cost_trans, MINVFUNC = cost_inv, MSTYPE = cost_summary, MFINALFUNC = cpl, MINITCOND = 'v1 units=0 spend=0',
    PARALLEL = SAFE);

CREATE AGGREGATE ratio_agg(boolean, integer) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);

CREATE AGGREGATE win_rate(won boolean, amount integer) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    FINALFUNC = weighted_win_rate,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MFINALFUNC = weighted_win_rate, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);

CREATE AGGREGATE retention_agg(start_revenue integer, end_revenue integer) (
    SFUNC = retention_trans, STYPE = retention_summary, COMBINEFUNC = retention_combine,
    INITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    MSFUNC = retention_trans, MINVFUNC = retention_inv, MSTYPE = retention_summary, MINITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    PARALLEL = SAFE);

CREATE AGGREGATE nrr(start_revenue integer, end_revenue integer) (
    SFUNC = retention_trans, STYPE = retention_summary, COMBINEFUNC = retention_combine,
    FINALFUNC = nrr,
    INITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    MSFUNC = retention_trans, MINVFUNC = retention_inv, MSTYPE = retention_summary, MFINALFUNC = nrr, MINITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    PARALLEL = SAFE);

CREATE AGGREGATE grr(start_revenue integer, end_revenue integer) (
    SFUNC = retention_trans, STYPE = retention_summary, COMBINEFUNC = retention_combine,
    FINALFUNC = grr,
    INITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    MSFUNC = retention_trans, MINVFUNC = retention_inv, MSTYPE = retention_summary, MFINALFUNC = grr, MINITCOND = 'v1 accounts=0 churned_accounts=0 new_accounts=0 start_revenue=0 expansion=0 contraction=0 churned_revenue=0 new_revenue=0',
    PARALLEL = SAFE);

CREATE AGGREGATE cost_agg(spend integer, acquired boolean) (
    SFUNC = cost_trans, STYPE = cost_summary, COMBINEFUNC = cost_combine,
    INITCOND = 'v1 units=0 spend=0',
    MSFUNC = cost_trans, MINVFUNC = cost_inv, MSTYPE = cost_summary, MINITCOND = 'v1 units=0 spend=0',
    PARALLEL = SAFE);

CREATE AGGREGATE cost_agg(spend integer, units bigint) (
    SFUNC = cost_trans, STYPE = cost_summary, COMBINEFUNC = cost_combine,
    INITCOND = 'v1 units=0 spend=0',
    MSFUNC = cost_trans, MINVFUNC = cost_inv, MSTYPE = cost_summary, MINITCOND = 'v1 units=0 spend=0',
    PARALLEL = SAFE);

CREATE AGGREGATE cac(spend integer, acquired boolean) (
    SFUNC = cost_trans, STYPE = cost_summary, COMBINEFUNC = cost_combine,
    FINALFUNC = cac,
    INITCOND = 'v1 units=0 spend=0',
    MSFUNC = cost_trans, MINVFUNC = cost_inv, MSTYPE = cost_summary, MFINALFUNC = cac, MINITCOND = 'v1 units=0 spend=0',
    PARALLEL = SAFE);

CREATE AGGREGATE cpl(spend integer, leads bigint) (
    SFUNC = cost_trans, STYPE = cost_summary, COMBINEFUNC = cost_combine,
    FINALFUNC = cpl,
    INITCOND = 'v1 units=0 spend=0',
    MSFUNC = cost_trans, MINVFUNC = cost_inv, MSTYPE = cost_summary, MFINALFUNC = cpl, MINITCOND = 'v1 units=0 spend=0',
    PARALLEL = SAFE);


------------------------------------------------------------------------------
-- 1.2: weighted_win_rate(won, amount), the aggregate of
-- weighted_win_rate(ratio_summary): won amount / (won + lost amount).
-- win_rate(won, amount) computes the same and stays as it is until 2.0, but
-- it is deprecated: win_rate(ratio_summary) counts deals, so one name meant
-- two KPIs.
------------------------------------------------------------------------------

CREATE AGGREGATE weighted_win_rate(won boolean, amount numeric) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    FINALFUNC = weighted_win_rate,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MFINALFUNC = weighted_win_rate, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);

CREATE AGGREGATE weighted_win_rate(won boolean, amount double precision) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    FINALFUNC = weighted_win_rate,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MFINALFUNC = weighted_win_rate, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);

CREATE AGGREGATE weighted_win_rate(won boolean, amount bigint) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    FINALFUNC = weighted_win_rate,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MFINALFUNC = weighted_win_rate, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);

CREATE AGGREGATE weighted_win_rate(won boolean, amount integer) (
    SFUNC = ratio_trans, STYPE = ratio_summary, COMBINEFUNC = ratio_combine,
    FINALFUNC = weighted_win_rate,
    INITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    MSFUNC = ratio_trans, MINVFUNC = ratio_inv, MSTYPE = ratio_summary, MFINALFUNC = weighted_win_rate, MINITCOND = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0',
    PARALLEL = SAFE);


COMMENT ON AGGREGATE ratio_agg(boolean, bigint) IS
    'ratio summary of outcomes with their amounts (bigint money, exact; rows with a NULL skipped)';
COMMENT ON AGGREGATE win_rate(boolean, bigint) IS
    'deprecated (weighted by amount, unlike win_rate(ratio_summary)): use weighted_win_rate(won, amount); changes in 2.0';
COMMENT ON AGGREGATE retention_agg(bigint, bigint) IS 'retention summary of per-account start and end revenue (bigint money, exact)';
COMMENT ON AGGREGATE nrr(bigint, bigint) IS
    'net revenue retention over accounts with start revenue > 0; NULL end revenue = churned';
COMMENT ON AGGREGATE grr(bigint, bigint) IS
    'gross revenue retention: sum(min(start, end)) / sum(start), never above 1';
COMMENT ON AGGREGATE cost_agg(bigint, boolean) IS 'cost summary: all spend, units = accounts acquired';
COMMENT ON AGGREGATE cost_agg(bigint, bigint) IS 'cost summary: sum of spend, sum of units (leads...)';
COMMENT ON AGGREGATE cac(bigint, boolean) IS
    'customer acquisition cost: sum(spend) over all rows / accounts acquired';
COMMENT ON AGGREGATE cpl(bigint, bigint) IS 'cost per lead: sum(spend) / sum(leads)';
COMMENT ON AGGREGATE ratio_agg(boolean, integer) IS
    'ratio summary of outcomes with their amounts (integer money, exact; rows with a NULL skipped)';
COMMENT ON AGGREGATE win_rate(boolean, integer) IS
    'deprecated (weighted by amount, unlike win_rate(ratio_summary)): use weighted_win_rate(won, amount); changes in 2.0';
COMMENT ON AGGREGATE retention_agg(integer, integer) IS 'retention summary of per-account start and end revenue (integer money, exact)';
COMMENT ON AGGREGATE nrr(integer, integer) IS
    'net revenue retention over accounts with start revenue > 0; NULL end revenue = churned';
COMMENT ON AGGREGATE grr(integer, integer) IS
    'gross revenue retention: sum(min(start, end)) / sum(start), never above 1';
COMMENT ON AGGREGATE cost_agg(integer, boolean) IS 'cost summary: all spend, units = accounts acquired';
COMMENT ON AGGREGATE cost_agg(integer, bigint) IS 'cost summary: sum of spend, sum of units (leads...)';
COMMENT ON AGGREGATE cac(integer, boolean) IS
    'customer acquisition cost: sum(spend) over all rows / accounts acquired';
COMMENT ON AGGREGATE cpl(integer, bigint) IS 'cost per lead: sum(spend) / sum(leads)';
COMMENT ON AGGREGATE weighted_win_rate(boolean, numeric) IS
    'amount-weighted win rate: won amount / (won + lost amount); NULL outcome (open) or amount skipped';
COMMENT ON AGGREGATE weighted_win_rate(boolean, double precision) IS
    'amount-weighted win rate: won amount / (won + lost amount); NULL outcome (open) or amount skipped';
COMMENT ON AGGREGATE weighted_win_rate(boolean, bigint) IS
    'amount-weighted win rate: won amount / (won + lost amount); NULL outcome (open) or amount skipped';
COMMENT ON AGGREGATE weighted_win_rate(boolean, integer) IS
    'amount-weighted win rate: won amount / (won + lost amount); NULL outcome (open) or amount skipped';
COMMENT ON FUNCTION ratio_trans(ratio_summary, boolean, bigint) IS 'aggregate transition: adds one row to a ratio_summary';
COMMENT ON FUNCTION ratio_inv(ratio_summary, boolean, bigint) IS 'inverse transition for moving windows: removes one row from a ratio_summary';
COMMENT ON FUNCTION retention_trans(retention_summary, bigint, bigint) IS 'aggregate transition: adds one row to a retention_summary';
COMMENT ON FUNCTION retention_inv(retention_summary, bigint, bigint) IS 'inverse transition for moving windows: removes one row from a retention_summary';
COMMENT ON FUNCTION cost_trans(cost_summary, bigint, boolean) IS 'aggregate transition: adds one row to a cost_summary';
COMMENT ON FUNCTION cost_inv(cost_summary, bigint, boolean) IS 'inverse transition for moving windows: removes one row from a cost_summary';
COMMENT ON FUNCTION cost_trans(cost_summary, bigint, bigint) IS 'aggregate transition: adds one row to a cost_summary';
COMMENT ON FUNCTION cost_inv(cost_summary, bigint, bigint) IS 'inverse transition for moving windows: removes one row from a cost_summary';
COMMENT ON FUNCTION ratio_trans(ratio_summary, boolean, integer) IS 'aggregate transition: adds one row to a ratio_summary';
COMMENT ON FUNCTION ratio_inv(ratio_summary, boolean, integer) IS 'inverse transition for moving windows: removes one row from a ratio_summary';
COMMENT ON FUNCTION retention_trans(retention_summary, integer, integer) IS 'aggregate transition: adds one row to a retention_summary';
COMMENT ON FUNCTION retention_inv(retention_summary, integer, integer) IS 'inverse transition for moving windows: removes one row from a retention_summary';
COMMENT ON FUNCTION cost_trans(cost_summary, integer, boolean) IS 'aggregate transition: adds one row to a cost_summary';
COMMENT ON FUNCTION cost_inv(cost_summary, integer, boolean) IS 'inverse transition for moving windows: removes one row from a cost_summary';
COMMENT ON FUNCTION cost_trans(cost_summary, integer, bigint) IS 'aggregate transition: adds one row to a cost_summary';
COMMENT ON FUNCTION cost_inv(cost_summary, integer, bigint) IS 'inverse transition for moving windows: removes one row from a cost_summary';

------------------------------------------------------------------------------
-- 1.2: account_set, an exact set of bigint account ids: reach (the number of
-- distinct accounts) that rolls up from stored sets, and set algebra for
-- "share of target accounts engaged".
-- Text form: {} or {1-1000,5000,7003-7010} (ascending; a-b is a range).
-- Aggregates over account_set have no moving-window mode: a union cannot be
-- undone, so a sliding window frame recomputes.
------------------------------------------------------------------------------

CREATE TYPE account_set;

CREATE FUNCTION account_set_in(cstring) RETURNS account_set
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION account_set_out(account_set) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION account_set_recv(internal) RETURNS account_set
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION account_set_send(account_set) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Variable length and TOASTable (STORAGE = extended): large sets are
-- compressed and stored out of line; reach() reads only their header.
CREATE TYPE account_set (
    INPUT = account_set_in,
    OUTPUT = account_set_out,
    RECEIVE = account_set_recv,
    SEND = account_set_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE account_set IS
    'exact set of bigint account ids, stored as delta-coded runs; text form {1-1000,5000}';

-- Transition and combine functions. Inside an aggregate the state is an
-- expanded object that grows in place; called directly they return a new set.
CREATE FUNCTION account_set_trans(account_set, bigint) RETURNS account_set
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION account_set_combine(account_set, account_set) RETURNS account_set
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION reach(account_set) RETURNS bigint
    AS 'MODULE_PATHNAME', 'account_set_reach' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION account_ids(account_set) RETURNS SETOF bigint
    AS 'MODULE_PATHNAME', 'account_set_ids' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION account_set_union(account_set, account_set) RETURNS account_set
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION account_set_intersect(account_set, account_set) RETURNS account_set
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION account_set_except(account_set, account_set) RETURNS account_set
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION account_set_contains(account_set, bigint) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR | (LEFTARG = account_set, RIGHTARG = account_set,
    PROCEDURE = account_set_union, COMMUTATOR = |);
CREATE OPERATOR & (LEFTARG = account_set, RIGHTARG = account_set,
    PROCEDURE = account_set_intersect, COMMUTATOR = &);
CREATE OPERATOR - (LEFTARG = account_set, RIGHTARG = account_set,
    PROCEDURE = account_set_except);
CREATE OPERATOR @> (LEFTARG = account_set, RIGHTARG = bigint,
    PROCEDURE = account_set_contains);

-- No ORDER BY or DISTINCT inside: the state is a set already.
CREATE AGGREGATE account_set_agg(account_id bigint) (
    SFUNC = account_set_trans, STYPE = account_set, COMBINEFUNC = account_set_combine,
    INITCOND = '{}', PARALLEL = SAFE);
CREATE AGGREGATE reach(account_id bigint) (
    SFUNC = account_set_trans, STYPE = account_set, COMBINEFUNC = account_set_combine,
    FINALFUNC = reach, INITCOND = '{}', PARALLEL = SAFE);
CREATE AGGREGATE rollup(account_set) (
    SFUNC = account_set_combine, STYPE = account_set, COMBINEFUNC = account_set_combine,
    INITCOND = '{}', PARALLEL = SAFE);

COMMENT ON FUNCTION account_set_in(cstring) IS 'text input of account_set';
COMMENT ON FUNCTION account_set_out(account_set) IS 'text output of account_set';
COMMENT ON FUNCTION account_set_recv(internal) IS 'binary input of account_set';
COMMENT ON FUNCTION account_set_send(account_set) IS 'binary output of account_set';
COMMENT ON FUNCTION account_set_trans(account_set, bigint) IS 'aggregate transition: adds one account id to an account_set';
COMMENT ON FUNCTION account_set_combine(account_set, account_set) IS
    'aggregate combine and rollup transition: adds a set to an account_set';
COMMENT ON FUNCTION reach(account_set) IS 'the number of accounts in the set';
COMMENT ON FUNCTION account_ids(account_set) IS 'the account ids of the set, ascending, one row each';
COMMENT ON FUNCTION account_set_union(account_set, account_set) IS 'accounts in either set (the | operator)';
COMMENT ON FUNCTION account_set_intersect(account_set, account_set) IS 'accounts in both sets (the & operator)';
COMMENT ON FUNCTION account_set_except(account_set, account_set) IS
    'accounts in the first set and not in the second (the - operator)';
COMMENT ON FUNCTION account_set_contains(account_set, bigint) IS 'whether the set holds the account id (the @> operator)';
COMMENT ON AGGREGATE account_set_agg(bigint) IS 'the exact set of the account ids; NULL ids skipped; {} over no rows';
COMMENT ON AGGREGATE reach(bigint) IS
    'the number of distinct account ids, equal to count(DISTINCT account_id), and parallel';
COMMENT ON AGGREGATE rollup(account_set) IS 'union of stored account sets';

-- Deprecated in 1.2, unchanged until 2.0 (see "Changes in 1.2" in the README).
COMMENT ON AGGREGATE win_rate(boolean, numeric) IS
    'deprecated (weighted by amount, unlike win_rate(ratio_summary)): use weighted_win_rate(won, amount); changes in 2.0';
COMMENT ON AGGREGATE win_rate(boolean, double precision) IS
    'deprecated (weighted by amount, unlike win_rate(ratio_summary)): use weighted_win_rate(won, amount); changes in 2.0';
COMMENT ON FUNCTION cac(numeric, bigint) IS
    'deprecated (a scalar, unlike the cac and cpl aggregates): use cac(cost_agg(spend, units)) or spend / new customers; changes in 2.0';

------------------------------------------------------------------------------
-- 1.2: measure_summary, averages with confidence (touches per won account,
-- deal size, minutes on content).  Whole-number input is summed exactly
-- (n, sum, sum of squares in 128 bits), so parallel plans and moving windows
-- give the serial result to the bit; fractional input is kept as (n, mean,
-- M2) in float8.  Text form: v1 n=8 sum=40 sum_squares=232, or
-- v1 n=3 mean=0.5 m2=1.25.
------------------------------------------------------------------------------

CREATE TYPE measure_summary;

CREATE FUNCTION measure_summary_in(cstring) RETURNS measure_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION measure_summary_out(measure_summary) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION measure_summary_recv(internal) RETURNS measure_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION measure_summary_send(measure_summary) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE measure_summary (
    INPUT = measure_summary_in,
    OUTPUT = measure_summary_out,
    RECEIVE = measure_summary_recv,
    SEND = measure_summary_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE measure_summary IS
    'combinable state of a mean and sample variance: exact sums for whole numbers, (n, mean, M2) otherwise';
COMMENT ON FUNCTION measure_summary_in(cstring) IS 'text input of measure_summary';
COMMENT ON FUNCTION measure_summary_out(measure_summary) IS 'text output of measure_summary';
COMMENT ON FUNCTION measure_summary_recv(internal) IS 'binary input of measure_summary (validates every field)';
COMMENT ON FUNCTION measure_summary_send(measure_summary) IS 'binary output of measure_summary';

CREATE FUNCTION measure_trans(measure_summary, double precision) RETURNS measure_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION measure_trans(measure_summary, numeric) RETURNS measure_summary
    AS 'MODULE_PATHNAME', 'measure_trans_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- Inverse transitions: exact for whole numbers; NULL (PostgreSQL then
-- recomputes the frame) once a summary holds a fractional value.
CREATE FUNCTION measure_inv(measure_summary, double precision) RETURNS measure_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION measure_inv(measure_summary, numeric) RETURNS measure_summary
    AS 'MODULE_PATHNAME', 'measure_inv_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION measure_combine(measure_summary, measure_summary) RETURNS measure_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION measure_rollup(measure_summary, measure_summary) RETURNS measure_summary
    AS 'MODULE_PATHNAME', 'measure_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION measure_subtract(measure_summary, measure_summary) RETURNS measure_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION measure_add(measure_summary, measure_summary) RETURNS measure_summary
    AS 'MODULE_PATHNAME', 'measure_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR + (LEFTARG = measure_summary, RIGHTARG = measure_summary,
    PROCEDURE = measure_add, COMMUTATOR = +);
COMMENT ON FUNCTION measure_trans(measure_summary, double precision) IS 'aggregate transition: adds one value to a measure_summary';
COMMENT ON FUNCTION measure_trans(measure_summary, numeric) IS 'aggregate transition: adds one value to a measure_summary';
COMMENT ON FUNCTION measure_inv(measure_summary, double precision) IS 'inverse transition for moving windows: removes one value from a measure_summary';
COMMENT ON FUNCTION measure_inv(measure_summary, numeric) IS 'inverse transition for moving windows: removes one value from a measure_summary';
COMMENT ON FUNCTION measure_combine(measure_summary, measure_summary) IS 'aggregate combine function: merges two partial measure_summary states';
COMMENT ON FUNCTION measure_rollup(measure_summary, measure_summary) IS 'rollup() transition: adds one stored measure_summary';
COMMENT ON FUNCTION measure_subtract(measure_summary, measure_summary) IS 'rollup() inverse transition for moving windows';
COMMENT ON FUNCTION measure_add(measure_summary, measure_summary) IS 'merge of two measure summaries (the + operator)';

CREATE AGGREGATE measure_agg(x double precision) (
    SFUNC = measure_trans, STYPE = measure_summary, COMBINEFUNC = measure_combine,
    INITCOND = 'v1 n=0 sum=0 sum_squares=0',
    MSFUNC = measure_trans, MINVFUNC = measure_inv, MSTYPE = measure_summary,
    MINITCOND = 'v1 n=0 sum=0 sum_squares=0',
    PARALLEL = SAFE);
CREATE AGGREGATE measure_agg(x numeric) (
    SFUNC = measure_trans, STYPE = measure_summary, COMBINEFUNC = measure_combine,
    INITCOND = 'v1 n=0 sum=0 sum_squares=0',
    MSFUNC = measure_trans, MINVFUNC = measure_inv, MSTYPE = measure_summary,
    MINITCOND = 'v1 n=0 sum=0 sum_squares=0',
    PARALLEL = SAFE);
CREATE AGGREGATE rollup(measure_summary) (
    SFUNC = measure_rollup, STYPE = measure_summary, COMBINEFUNC = measure_combine,
    INITCOND = 'v1 n=0 sum=0 sum_squares=0',
    MSFUNC = measure_rollup, MINVFUNC = measure_subtract, MSTYPE = measure_summary,
    MINITCOND = 'v1 n=0 sum=0 sum_squares=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE measure_agg(double precision) IS
    'measure summary of the values (NULLs skipped): sample size, mean, sample variance';
COMMENT ON AGGREGATE measure_agg(numeric) IS
    'measure summary of the values, read as float8 (NULLs skipped): sample size, mean, sample variance';
COMMENT ON AGGREGATE rollup(measure_summary) IS 'combination of stored measure summaries (exact for whole numbers)';

CREATE FUNCTION sample_size(measure_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'measure_sample_size' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mean(measure_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'measure_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION sample_variance(measure_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'measure_sample_variance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION sample_stddev(measure_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'measure_sample_stddev' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sample_size(measure_summary) IS 'number of values (NULLs not counted)';
COMMENT ON FUNCTION mean(measure_summary) IS 'mean of the values; NULL without values';
COMMENT ON FUNCTION sample_variance(measure_summary) IS 'sample variance (n - 1 denominator); NULL below two values';
COMMENT ON FUNCTION sample_stddev(measure_summary) IS 'sample standard deviation; NULL below two values';

CREATE FUNCTION mean_interval(summary measure_summary,
    confidence double precision DEFAULT 0.95,
    OUT lower double precision, OUT upper double precision)
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mean_test(a measure_summary, b measure_summary,
    OUT difference double precision, OUT t double precision,
    OUT df double precision, OUT p_value double precision)
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION surge_score(current double precision, baseline measure_summary)
    RETURNS double precision
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_interval(measure_summary, double precision) IS
    'Student-t interval of the mean: mean +- t(confidence, n - 1) * s / sqrt(n); NULLs below two values';
COMMENT ON FUNCTION mean_test(measure_summary, measure_summary) IS
    'Welch''s test of mean(a) - mean(b): difference, t, Welch-Satterthwaite df, two-sided p';
COMMENT ON FUNCTION surge_score(double precision, measure_summary) IS
    'intent surge: (current - mean) / sample stddev of the baseline; NULL below two periods or without spread';

------------------------------------------------------------------------------
-- 1.2: engagement_score, the time-decayed sum of touches:
-- sum of weight * 2^(-(as_of - touched_at) / half_life) over touches at or
-- before as_of.  Its state records as_of and half_life, so that partial
-- states that disagree are caught (22023); each term is rounded to a
-- multiple of 2^-64 and added in 128 bits, so the score does not depend on
-- the plan.
------------------------------------------------------------------------------

CREATE TYPE engagement_state;

CREATE FUNCTION engagement_state_in(cstring) RETURNS engagement_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION engagement_state_out(engagement_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION engagement_state_recv(internal) RETURNS engagement_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION engagement_state_send(engagement_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE engagement_state (
    INPUT = engagement_state_in,
    OUTPUT = engagement_state_out,
    RECEIVE = engagement_state_recv,
    SEND = engagement_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE engagement_state IS
    'state of engagement_score: rows, as_of, half_life and the score in units of 2^-64';
COMMENT ON FUNCTION engagement_state_in(cstring) IS 'text input of engagement_state';
COMMENT ON FUNCTION engagement_state_out(engagement_state) IS 'text output of engagement_state';
COMMENT ON FUNCTION engagement_state_recv(internal) IS 'binary input of engagement_state (validates every field)';
COMMENT ON FUNCTION engagement_state_send(engagement_state) IS 'binary output of engagement_state';

CREATE FUNCTION engagement_trans(engagement_state, timestamptz, double precision, timestamptz, interval)
    RETURNS engagement_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION engagement_inv(engagement_state, timestamptz, double precision, timestamptz, interval)
    RETURNS engagement_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION engagement_combine(engagement_state, engagement_state) RETURNS engagement_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION engagement_final(engagement_state) RETURNS double precision
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION engagement_trans(engagement_state, timestamptz, double precision, timestamptz, interval) IS
    'aggregate transition: adds one touch to an engagement_state';
COMMENT ON FUNCTION engagement_inv(engagement_state, timestamptz, double precision, timestamptz, interval) IS
    'inverse transition for moving windows: removes one touch from an engagement_state';
COMMENT ON FUNCTION engagement_combine(engagement_state, engagement_state) IS
    'aggregate combine function: adds two partial engagement states with the same as_of and half_life';
COMMENT ON FUNCTION engagement_final(engagement_state) IS 'the engagement score of a state; NULL without rows';

CREATE AGGREGATE engagement_score(touched_at timestamptz, weight double precision,
                                  as_of timestamptz, half_life interval) (
    SFUNC = engagement_trans, STYPE = engagement_state, COMBINEFUNC = engagement_combine,
    FINALFUNC = engagement_final, INITCOND = 'v1 rows=0 as_of=0 half_life=0 score=0',
    MSFUNC = engagement_trans, MINVFUNC = engagement_inv, MSTYPE = engagement_state,
    MFINALFUNC = engagement_final, MINITCOND = 'v1 rows=0 as_of=0 half_life=0 score=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE engagement_score(timestamptz, double precision, timestamptz, interval) IS
    'sum of weight * 2^(-(as_of - touched_at) / half_life) over touches at or before as_of; NULL weight skipped';
-- 1.2: multi-touch attribution, as window functions (docs/attribution.md).
-- The partition is one conversion, ordered by touch time:
--   OVER (PARTITION BY opportunity_id ORDER BY touched_at)
-- Every form reads the whole partition whatever the frame clause; the
-- functions handle NULL arguments themselves (a window function's strictness
-- is not applied by the executor), so they are declared CALLED ON NULL INPUT.
------------------------------------------------------------------------------

CREATE FUNCTION attribution_weight(model text) RETURNS double precision
    AS 'MODULE_PATHNAME', 'attribution_weight' LANGUAGE C WINDOW IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION attribution_weight(model text, touched_at timestamptz, converted_at timestamptz,
                                   half_life interval) RETURNS double precision
    AS 'MODULE_PATHNAME', 'attribution_weight' LANGUAGE C WINDOW IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION attribution_weight(model text, milestones text[]) RETURNS double precision
    AS 'MODULE_PATHNAME', 'attribution_weight' LANGUAGE C WINDOW IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION attribution_weight(first double precision, middle double precision,
                                   last double precision) RETURNS double precision
    AS 'MODULE_PATHNAME', 'attribution_weight' LANGUAGE C WINDOW IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION attributed_amount(amount numeric, model text) RETURNS numeric
    AS 'MODULE_PATHNAME', 'attributed_amount' LANGUAGE C WINDOW IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION attributed_amount(amount numeric, model text, touched_at timestamptz,
                                  converted_at timestamptz, half_life interval) RETURNS numeric
    AS 'MODULE_PATHNAME', 'attributed_amount' LANGUAGE C WINDOW IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION attributed_amount(amount numeric, model text, milestones text[]) RETURNS numeric
    AS 'MODULE_PATHNAME', 'attributed_amount' LANGUAGE C WINDOW IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION attributed_amount(amount numeric, first double precision, middle double precision,
                                  last double precision) RETURNS numeric
    AS 'MODULE_PATHNAME', 'attributed_amount' LANGUAGE C WINDOW IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION attribution_weight(text) IS
    'window function: the touch''s share of its conversion under first_touch, last_touch, linear or u_shaped (0.4 / 0.2 / 0.4)';
COMMENT ON FUNCTION attribution_weight(text, timestamptz, timestamptz, interval) IS
    'window function: the touch''s share under time_decay, 2^(-(converted_at - touched_at) / half_life) normalized; touches after the conversion earn 0';
COMMENT ON FUNCTION attribution_weight(text, text[]) IS
    'window function: the touch''s share under w_shaped or full_path, from each touch''s milestones (lead_created, opportunity_created, closed_won)';
COMMENT ON FUNCTION attribution_weight(double precision, double precision, double precision) IS
    'window function: the touch''s share under custom first / middle / last position shares (>= 0, summing to 1)';
COMMENT ON FUNCTION attributed_amount(numeric, text) IS
    'window function: the touch''s credit of the conversion''s amount under a position model; the credits sum exactly to the amount';
COMMENT ON FUNCTION attributed_amount(numeric, text, timestamptz, timestamptz, interval) IS
    'window function: the touch''s credit of the conversion''s amount under time_decay; the credits sum exactly to the amount';
COMMENT ON FUNCTION attributed_amount(numeric, text, text[]) IS
    'window function: the touch''s credit of the conversion''s amount under w_shaped or full_path; the credits sum exactly to the amount';
COMMENT ON FUNCTION attributed_amount(numeric, double precision, double precision, double precision) IS
    'window function: the touch''s credit of the conversion''s amount under custom position shares; the credits sum exactly to the amount';
-- pipeline_summary (1.2): opportunities open, won and lost; open and weighted
-- pipeline, bookings and lost amount, exactly; the sales cycles of won and
-- lost deals (exact sums) and a sketch of the won cycles for quantiles.
-- State of pipeline_agg; pipeline, velocity and cycle KPIs read it.
-- Text form: v1 open=2 won=3 lost=1 won_with_amount=3 pipeline=1400.0
--   weighted_pipeline=500.0 won_amount=600.0 lost_amount=50.0 won_cycles=3
--   won_cycle_us=7776000000000 lost_cycles=1 lost_cycle_us=1296000000000
--   cycle_sketch={1387:1,1422:1,1478:1}
-- (cycle_sketch: bucket:count of won cycles; bucket 0 holds cycles of 0, bucket
-- k the cycles of gamma^(k-2) to gamma^(k-1) microseconds, gamma = 1.0099/0.9901.)
------------------------------------------------------------------------------

CREATE TYPE pipeline_summary;

CREATE FUNCTION pipeline_summary_in(cstring) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pipeline_summary_out(pipeline_summary) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pipeline_summary_recv(internal) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pipeline_summary_send(pipeline_summary) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Variable length (the sketch grows with the spread of cycles): stored
-- compressible, unlike the fixed-size summaries.
CREATE TYPE pipeline_summary (
    INPUT = pipeline_summary_in,
    OUTPUT = pipeline_summary_out,
    RECEIVE = pipeline_summary_recv,
    SEND = pipeline_summary_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE pipeline_summary IS
    'exact, combinable state of the pipeline: open, won and lost deals and amounts, weighted pipeline, sales cycles and their sketch';

-- Transition functions. Not STRICT: a NULL outcome means open, and NULL
-- amounts, dates and probabilities leave out only what needs them.
CREATE FUNCTION pipeline_trans(pipeline_summary, boolean, numeric, timestamptz, timestamptz) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_trans(pipeline_summary, boolean, double precision, timestamptz, timestamptz) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_trans(pipeline_summary, boolean, bigint, timestamptz, timestamptz) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_trans(pipeline_summary, boolean, integer, timestamptz, timestamptz) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_trans(pipeline_summary, boolean, numeric, timestamptz, timestamptz, numeric) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_trans(pipeline_summary, boolean, double precision, timestamptz, timestamptz, numeric) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_trans(pipeline_summary, boolean, bigint, timestamptz, timestamptz, numeric) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_trans(pipeline_summary, boolean, integer, timestamptz, timestamptz, numeric) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_trans(pipeline_summary, boolean, numeric, timestamptz, timestamptz, double precision) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_trans_pfloat8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_trans(pipeline_summary, boolean, double precision, timestamptz, timestamptz, double precision) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_trans_float8_pfloat8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_trans(pipeline_summary, boolean, bigint, timestamptz, timestamptz, double precision) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_trans_int8_pfloat8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_trans(pipeline_summary, boolean, integer, timestamptz, timestamptz, double precision) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_trans_int4_pfloat8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_combine(pipeline_summary, pipeline_summary) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- rollup()'s transition: like the combine function, but each stored summary
-- counts as one unit, which moving windows over summaries need.
CREATE FUNCTION pipeline_rollup(pipeline_summary, pipeline_summary) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pipeline_add(pipeline_summary, pipeline_summary) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR + (LEFTARG = pipeline_summary, RIGHTARG = pipeline_summary,
    PROCEDURE = pipeline_add, COMMUTATOR = +);
COMMENT ON FUNCTION pipeline_add(pipeline_summary, pipeline_summary) IS
    'exact sum of two pipeline summaries (the + operator)';

-- Accessors.
CREATE FUNCTION opportunities(pipeline_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'pipeline_opportunities' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION open_opportunities(pipeline_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'pipeline_open_opportunities' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION won_opportunities(pipeline_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'pipeline_won_opportunities' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION lost_opportunities(pipeline_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'pipeline_lost_opportunities' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pipeline_amount(pipeline_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'pipeline_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION weighted_pipeline(pipeline_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'pipeline_weighted' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION won_amount(pipeline_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'pipeline_won_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION lost_amount(pipeline_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'pipeline_lost_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION win_rate(pipeline_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'pipeline_win_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION weighted_win_rate(pipeline_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'pipeline_weighted_win_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION average_deal_size(pipeline_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'pipeline_average_deal_size' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION sales_cycle_days(pipeline_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'pipeline_sales_cycle_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION sales_cycle_days(pipeline_summary, quantile double precision) RETURNS double precision
    AS 'MODULE_PATHNAME', 'pipeline_sales_cycle_quantile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION closed_cycle_days(pipeline_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'pipeline_closed_cycle_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pipeline_velocity(pipeline_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'pipeline_velocity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION opportunities(pipeline_summary) IS
    'opportunities: open + won + lost';
COMMENT ON FUNCTION open_opportunities(pipeline_summary) IS
    'open opportunities (outcome NULL)';
COMMENT ON FUNCTION won_opportunities(pipeline_summary) IS
    'won opportunities';
COMMENT ON FUNCTION lost_opportunities(pipeline_summary) IS
    'lost opportunities';
COMMENT ON FUNCTION pipeline_amount(pipeline_summary) IS
    'open pipeline: sum of the amounts of open opportunities';
COMMENT ON FUNCTION weighted_pipeline(pipeline_summary) IS
    'sum of amount x probability over open opportunities, exact (probabilities rounded to 6 decimal places)';
COMMENT ON FUNCTION won_amount(pipeline_summary) IS
    'bookings: sum of the amounts of won opportunities';
COMMENT ON FUNCTION lost_amount(pipeline_summary) IS
    'sum of the amounts of lost opportunities';
COMMENT ON FUNCTION win_rate(pipeline_summary) IS
    'won / (won + lost) opportunities; NULL when nothing closed';
COMMENT ON FUNCTION weighted_win_rate(pipeline_summary) IS
    'won amount / (won + lost amount); NULL when no amount closed';
COMMENT ON FUNCTION average_deal_size(pipeline_summary) IS
    'won amount / won opportunities with an amount; NULL when none';
COMMENT ON FUNCTION sales_cycle_days(pipeline_summary) IS
    'mean days from created to closed over won opportunities, from exact sums; NULL when none';
COMMENT ON FUNCTION sales_cycle_days(pipeline_summary, double precision) IS
    'that quantile (0.5: median) of the days from created to closed over won opportunities, within 1% of percentile_disc';
COMMENT ON FUNCTION closed_cycle_days(pipeline_summary) IS
    'mean days from created to closed over won and lost opportunities; NULL when none';
COMMENT ON FUNCTION pipeline_velocity(pipeline_summary) IS
    'open opportunities x win rate x average deal size / mean sales cycle days: money per day; NULL when a factor is undefined';

-- Inverse transitions, for moving windows: each removes what its transition added.
CREATE FUNCTION pipeline_inv(pipeline_summary, boolean, numeric, timestamptz, timestamptz) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_inv' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_inv(pipeline_summary, boolean, double precision, timestamptz, timestamptz) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_inv_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_inv(pipeline_summary, boolean, bigint, timestamptz, timestamptz) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_inv_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_inv(pipeline_summary, boolean, integer, timestamptz, timestamptz) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_inv_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_inv(pipeline_summary, boolean, numeric, timestamptz, timestamptz, numeric) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_inv' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_inv(pipeline_summary, boolean, double precision, timestamptz, timestamptz, numeric) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_inv_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_inv(pipeline_summary, boolean, bigint, timestamptz, timestamptz, numeric) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_inv_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_inv(pipeline_summary, boolean, integer, timestamptz, timestamptz, numeric) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_inv_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_inv(pipeline_summary, boolean, numeric, timestamptz, timestamptz, double precision) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_inv_pfloat8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_inv(pipeline_summary, boolean, double precision, timestamptz, timestamptz, double precision) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_inv_float8_pfloat8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_inv(pipeline_summary, boolean, bigint, timestamptz, timestamptz, double precision) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_inv_int8_pfloat8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_inv(pipeline_summary, boolean, integer, timestamptz, timestamptz, double precision) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME', 'pipeline_inv_int4_pfloat8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION pipeline_subtract(pipeline_summary, pipeline_summary) RETURNS pipeline_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pipeline_summary_in(cstring) IS 'text input of pipeline_summary';
COMMENT ON FUNCTION pipeline_summary_out(pipeline_summary) IS 'text output of pipeline_summary';
COMMENT ON FUNCTION pipeline_summary_recv(internal) IS 'binary input of pipeline_summary (validates every field)';
COMMENT ON FUNCTION pipeline_summary_send(pipeline_summary) IS 'binary output of pipeline_summary';
COMMENT ON FUNCTION pipeline_combine(pipeline_summary, pipeline_summary) IS 'aggregate combine function: exact sum of two partial pipeline_summary states';
COMMENT ON FUNCTION pipeline_rollup(pipeline_summary, pipeline_summary) IS 'rollup() transition: adds one stored pipeline_summary';
COMMENT ON FUNCTION pipeline_subtract(pipeline_summary, pipeline_summary) IS 'inverse of rollup() for moving windows: removes one stored pipeline_summary';
COMMENT ON FUNCTION pipeline_trans(pipeline_summary, boolean, numeric, timestamptz, timestamptz) IS 'aggregate transition: adds one opportunity to a pipeline_summary';
COMMENT ON FUNCTION pipeline_trans(pipeline_summary, boolean, double precision, timestamptz, timestamptz) IS 'aggregate transition: adds one opportunity to a pipeline_summary';
COMMENT ON FUNCTION pipeline_trans(pipeline_summary, boolean, bigint, timestamptz, timestamptz) IS 'aggregate transition: adds one opportunity to a pipeline_summary';
COMMENT ON FUNCTION pipeline_trans(pipeline_summary, boolean, integer, timestamptz, timestamptz) IS 'aggregate transition: adds one opportunity to a pipeline_summary';
COMMENT ON FUNCTION pipeline_trans(pipeline_summary, boolean, numeric, timestamptz, timestamptz, numeric) IS 'aggregate transition: adds one opportunity to a pipeline_summary';
COMMENT ON FUNCTION pipeline_trans(pipeline_summary, boolean, double precision, timestamptz, timestamptz, numeric) IS 'aggregate transition: adds one opportunity to a pipeline_summary';
COMMENT ON FUNCTION pipeline_trans(pipeline_summary, boolean, bigint, timestamptz, timestamptz, numeric) IS 'aggregate transition: adds one opportunity to a pipeline_summary';
COMMENT ON FUNCTION pipeline_trans(pipeline_summary, boolean, integer, timestamptz, timestamptz, numeric) IS 'aggregate transition: adds one opportunity to a pipeline_summary';
COMMENT ON FUNCTION pipeline_trans(pipeline_summary, boolean, numeric, timestamptz, timestamptz, double precision) IS 'aggregate transition: adds one opportunity to a pipeline_summary';
COMMENT ON FUNCTION pipeline_trans(pipeline_summary, boolean, double precision, timestamptz, timestamptz, double precision) IS 'aggregate transition: adds one opportunity to a pipeline_summary';
COMMENT ON FUNCTION pipeline_trans(pipeline_summary, boolean, bigint, timestamptz, timestamptz, double precision) IS 'aggregate transition: adds one opportunity to a pipeline_summary';
COMMENT ON FUNCTION pipeline_trans(pipeline_summary, boolean, integer, timestamptz, timestamptz, double precision) IS 'aggregate transition: adds one opportunity to a pipeline_summary';
COMMENT ON FUNCTION pipeline_inv(pipeline_summary, boolean, numeric, timestamptz, timestamptz) IS 'inverse transition for moving windows: removes one opportunity from a pipeline_summary';
COMMENT ON FUNCTION pipeline_inv(pipeline_summary, boolean, double precision, timestamptz, timestamptz) IS 'inverse transition for moving windows: removes one opportunity from a pipeline_summary';
COMMENT ON FUNCTION pipeline_inv(pipeline_summary, boolean, bigint, timestamptz, timestamptz) IS 'inverse transition for moving windows: removes one opportunity from a pipeline_summary';
COMMENT ON FUNCTION pipeline_inv(pipeline_summary, boolean, integer, timestamptz, timestamptz) IS 'inverse transition for moving windows: removes one opportunity from a pipeline_summary';
COMMENT ON FUNCTION pipeline_inv(pipeline_summary, boolean, numeric, timestamptz, timestamptz, numeric) IS 'inverse transition for moving windows: removes one opportunity from a pipeline_summary';
COMMENT ON FUNCTION pipeline_inv(pipeline_summary, boolean, double precision, timestamptz, timestamptz, numeric) IS 'inverse transition for moving windows: removes one opportunity from a pipeline_summary';
COMMENT ON FUNCTION pipeline_inv(pipeline_summary, boolean, bigint, timestamptz, timestamptz, numeric) IS 'inverse transition for moving windows: removes one opportunity from a pipeline_summary';
COMMENT ON FUNCTION pipeline_inv(pipeline_summary, boolean, integer, timestamptz, timestamptz, numeric) IS 'inverse transition for moving windows: removes one opportunity from a pipeline_summary';
COMMENT ON FUNCTION pipeline_inv(pipeline_summary, boolean, numeric, timestamptz, timestamptz, double precision) IS 'inverse transition for moving windows: removes one opportunity from a pipeline_summary';
COMMENT ON FUNCTION pipeline_inv(pipeline_summary, boolean, double precision, timestamptz, timestamptz, double precision) IS 'inverse transition for moving windows: removes one opportunity from a pipeline_summary';
COMMENT ON FUNCTION pipeline_inv(pipeline_summary, boolean, bigint, timestamptz, timestamptz, double precision) IS 'inverse transition for moving windows: removes one opportunity from a pipeline_summary';
COMMENT ON FUNCTION pipeline_inv(pipeline_summary, boolean, integer, timestamptz, timestamptz, double precision) IS 'inverse transition for moving windows: removes one opportunity from a pipeline_summary';

CREATE AGGREGATE pipeline_agg(won boolean, amount numeric, created_at timestamptz, closed_at timestamptz) (
    SFUNC = pipeline_trans, STYPE = pipeline_summary, COMBINEFUNC = pipeline_combine,
    INITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    MSFUNC = pipeline_trans, MINVFUNC = pipeline_inv, MSTYPE = pipeline_summary, MINITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    PARALLEL = SAFE);
CREATE AGGREGATE pipeline_agg(won boolean, amount double precision, created_at timestamptz, closed_at timestamptz) (
    SFUNC = pipeline_trans, STYPE = pipeline_summary, COMBINEFUNC = pipeline_combine,
    INITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    MSFUNC = pipeline_trans, MINVFUNC = pipeline_inv, MSTYPE = pipeline_summary, MINITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    PARALLEL = SAFE);
CREATE AGGREGATE pipeline_agg(won boolean, amount bigint, created_at timestamptz, closed_at timestamptz) (
    SFUNC = pipeline_trans, STYPE = pipeline_summary, COMBINEFUNC = pipeline_combine,
    INITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    MSFUNC = pipeline_trans, MINVFUNC = pipeline_inv, MSTYPE = pipeline_summary, MINITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    PARALLEL = SAFE);
CREATE AGGREGATE pipeline_agg(won boolean, amount integer, created_at timestamptz, closed_at timestamptz) (
    SFUNC = pipeline_trans, STYPE = pipeline_summary, COMBINEFUNC = pipeline_combine,
    INITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    MSFUNC = pipeline_trans, MINVFUNC = pipeline_inv, MSTYPE = pipeline_summary, MINITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    PARALLEL = SAFE);
CREATE AGGREGATE pipeline_agg(won boolean, amount numeric, created_at timestamptz, closed_at timestamptz, probability numeric) (
    SFUNC = pipeline_trans, STYPE = pipeline_summary, COMBINEFUNC = pipeline_combine,
    INITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    MSFUNC = pipeline_trans, MINVFUNC = pipeline_inv, MSTYPE = pipeline_summary, MINITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    PARALLEL = SAFE);
CREATE AGGREGATE pipeline_agg(won boolean, amount double precision, created_at timestamptz, closed_at timestamptz, probability numeric) (
    SFUNC = pipeline_trans, STYPE = pipeline_summary, COMBINEFUNC = pipeline_combine,
    INITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    MSFUNC = pipeline_trans, MINVFUNC = pipeline_inv, MSTYPE = pipeline_summary, MINITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    PARALLEL = SAFE);
CREATE AGGREGATE pipeline_agg(won boolean, amount bigint, created_at timestamptz, closed_at timestamptz, probability numeric) (
    SFUNC = pipeline_trans, STYPE = pipeline_summary, COMBINEFUNC = pipeline_combine,
    INITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    MSFUNC = pipeline_trans, MINVFUNC = pipeline_inv, MSTYPE = pipeline_summary, MINITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    PARALLEL = SAFE);
CREATE AGGREGATE pipeline_agg(won boolean, amount integer, created_at timestamptz, closed_at timestamptz, probability numeric) (
    SFUNC = pipeline_trans, STYPE = pipeline_summary, COMBINEFUNC = pipeline_combine,
    INITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    MSFUNC = pipeline_trans, MINVFUNC = pipeline_inv, MSTYPE = pipeline_summary, MINITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    PARALLEL = SAFE);
CREATE AGGREGATE pipeline_agg(won boolean, amount numeric, created_at timestamptz, closed_at timestamptz, probability double precision) (
    SFUNC = pipeline_trans, STYPE = pipeline_summary, COMBINEFUNC = pipeline_combine,
    INITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    MSFUNC = pipeline_trans, MINVFUNC = pipeline_inv, MSTYPE = pipeline_summary, MINITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    PARALLEL = SAFE);
CREATE AGGREGATE pipeline_agg(won boolean, amount double precision, created_at timestamptz, closed_at timestamptz, probability double precision) (
    SFUNC = pipeline_trans, STYPE = pipeline_summary, COMBINEFUNC = pipeline_combine,
    INITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    MSFUNC = pipeline_trans, MINVFUNC = pipeline_inv, MSTYPE = pipeline_summary, MINITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    PARALLEL = SAFE);
CREATE AGGREGATE pipeline_agg(won boolean, amount bigint, created_at timestamptz, closed_at timestamptz, probability double precision) (
    SFUNC = pipeline_trans, STYPE = pipeline_summary, COMBINEFUNC = pipeline_combine,
    INITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    MSFUNC = pipeline_trans, MINVFUNC = pipeline_inv, MSTYPE = pipeline_summary, MINITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    PARALLEL = SAFE);
CREATE AGGREGATE pipeline_agg(won boolean, amount integer, created_at timestamptz, closed_at timestamptz, probability double precision) (
    SFUNC = pipeline_trans, STYPE = pipeline_summary, COMBINEFUNC = pipeline_combine,
    INITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    MSFUNC = pipeline_trans, MINVFUNC = pipeline_inv, MSTYPE = pipeline_summary, MINITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    PARALLEL = SAFE);
CREATE AGGREGATE rollup(pipeline_summary) (
    SFUNC = pipeline_rollup, STYPE = pipeline_summary, COMBINEFUNC = pipeline_combine,
    INITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    MSFUNC = pipeline_rollup, MINVFUNC = pipeline_subtract, MSTYPE = pipeline_summary, MINITCOND = 'v1 open=0 won=0 lost=0 won_with_amount=0 pipeline=0 weighted_pipeline=0 won_amount=0 lost_amount=0 won_cycles=0 won_cycle_us=0 lost_cycles=0 lost_cycle_us=0 cycle_sketch={}',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE pipeline_agg(boolean, numeric, timestamptz, timestamptz) IS
    'pipeline summary of opportunities: won true, lost false, open NULL';
COMMENT ON AGGREGATE pipeline_agg(boolean, double precision, timestamptz, timestamptz) IS
    'pipeline summary of opportunities: won true, lost false, open NULL (double precision money, converted as ::numeric)';
COMMENT ON AGGREGATE pipeline_agg(boolean, bigint, timestamptz, timestamptz) IS
    'pipeline summary of opportunities: won true, lost false, open NULL (whole units, exact)';
COMMENT ON AGGREGATE pipeline_agg(boolean, integer, timestamptz, timestamptz) IS
    'pipeline summary of opportunities: won true, lost false, open NULL (whole units, exact)';
COMMENT ON AGGREGATE pipeline_agg(boolean, numeric, timestamptz, timestamptz, numeric) IS
    'pipeline summary of opportunities: won true, lost false, open NULL, with the probability of open ones';
COMMENT ON AGGREGATE pipeline_agg(boolean, double precision, timestamptz, timestamptz, numeric) IS
    'pipeline summary of opportunities: won true, lost false, open NULL, with the probability of open ones (double precision money, converted as ::numeric)';
COMMENT ON AGGREGATE pipeline_agg(boolean, bigint, timestamptz, timestamptz, numeric) IS
    'pipeline summary of opportunities: won true, lost false, open NULL, with the probability of open ones (whole units, exact)';
COMMENT ON AGGREGATE pipeline_agg(boolean, integer, timestamptz, timestamptz, numeric) IS
    'pipeline summary of opportunities: won true, lost false, open NULL, with the probability of open ones (whole units, exact)';
COMMENT ON AGGREGATE pipeline_agg(boolean, numeric, timestamptz, timestamptz, double precision) IS
    'pipeline summary of opportunities: won true, lost false, open NULL, with the probability of open ones (rounded to 6 decimal places)';
COMMENT ON AGGREGATE pipeline_agg(boolean, double precision, timestamptz, timestamptz, double precision) IS
    'pipeline summary of opportunities: won true, lost false, open NULL, with the probability of open ones (rounded to 6 decimal places) (double precision money, converted as ::numeric)';
COMMENT ON AGGREGATE pipeline_agg(boolean, bigint, timestamptz, timestamptz, double precision) IS
    'pipeline summary of opportunities: won true, lost false, open NULL, with the probability of open ones (rounded to 6 decimal places) (whole units, exact)';
COMMENT ON AGGREGATE pipeline_agg(boolean, integer, timestamptz, timestamptz, double precision) IS
    'pipeline summary of opportunities: won true, lost false, open NULL, with the probability of open ones (rounded to 6 decimal places) (whole units, exact)';
COMMENT ON AGGREGATE rollup(pipeline_summary) IS 'exact combination of stored pipeline summaries';

------------------------------------------------------------------------------
-- Renewal rates (1.2): retention over the contracts due for renewal in a
-- period.  Aggregate retention_agg(value due, value renewed) over exactly the
-- contracts due in the period; a contract not renewed has a NULL (or 0)
-- renewed value.
------------------------------------------------------------------------------

CREATE FUNCTION renewal_rate(retention_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'retention_logo_retention' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION dollar_renewal_rate(retention_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'retention_grr' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION renewal_rate(retention_summary) IS
    'logo renewal rate: contracts renewed / contracts due (a retention summary over the contracts due in the period)';
COMMENT ON FUNCTION dollar_renewal_rate(retention_summary) IS
    'dollar renewal rate: sum of min(due, renewed) / sum of value due; downsell and churn lower it, upsell does not raise it';


------------------------------------------------------------------------------
-- 1.2: media_summary, one summary per campaign-day of paid media: totals of
-- impressions, clicks, completed views, conversions and spend, and per ratio
-- its two sums over the rows where both are set, so that each ratio equals
-- the aggregate over the same rows (ctr(media_agg(...)) = ctr(clicks,
-- impressions), which skips rows without impressions: events, syndication).
-- Text form: v1 impressions=1000 clicks=30 completed_views=0 conversions=3
--   spend=150.00 ctr_clicks=30 ctr_impressions=1000 vtr_views=0
--   vtr_impressions=0 conv_conversions=3 conv_clicks=30 cpc_spend=150.00
--   cpc_clicks=30 cpm_spend=150.00 cpm_impressions=1000 cpa_spend=150.00
--   cpa_conversions=3
------------------------------------------------------------------------------

CREATE TYPE media_summary;

CREATE FUNCTION media_summary_in(cstring) RETURNS media_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION media_summary_out(media_summary) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION media_summary_recv(internal) RETURNS media_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION media_summary_send(media_summary) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE media_summary (
    INPUT = media_summary_in,
    OUTPUT = media_summary_out,
    RECEIVE = media_summary_recv,
    SEND = media_summary_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE media_summary IS
    'exact, combinable state of paid-media KPIs: impressions, clicks, completed views, conversions, spend, paired per ratio';
COMMENT ON FUNCTION media_summary_in(cstring) IS 'text input of media_summary';
COMMENT ON FUNCTION media_summary_out(media_summary) IS 'text output of media_summary';
COMMENT ON FUNCTION media_summary_recv(internal) IS 'binary input of media_summary (validates every field)';
COMMENT ON FUNCTION media_summary_send(media_summary) IS 'binary output of media_summary';

-- Not STRICT: each column's NULLs are skipped on their own, and each ratio
-- uses only the rows where both of its sides are set.  One C function per
-- spend type serves the three arities.

CREATE FUNCTION media_trans(media_summary, bigint, bigint, numeric) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION media_inv(media_summary, bigint, bigint, numeric) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_inv' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION media_trans(media_summary, bigint, bigint, numeric) IS 'aggregate transition: adds one row to a media_summary';
COMMENT ON FUNCTION media_inv(media_summary, bigint, bigint, numeric) IS 'inverse transition for moving windows: removes one row from a media_summary';
CREATE FUNCTION media_trans(media_summary, bigint, bigint, numeric, bigint) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION media_inv(media_summary, bigint, bigint, numeric, bigint) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_inv' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION media_trans(media_summary, bigint, bigint, numeric, bigint) IS 'aggregate transition: adds one row to a media_summary';
COMMENT ON FUNCTION media_inv(media_summary, bigint, bigint, numeric, bigint) IS 'inverse transition for moving windows: removes one row from a media_summary';
CREATE FUNCTION media_trans(media_summary, bigint, bigint, numeric, bigint, bigint) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION media_inv(media_summary, bigint, bigint, numeric, bigint, bigint) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_inv' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION media_trans(media_summary, bigint, bigint, numeric, bigint, bigint) IS 'aggregate transition: adds one row to a media_summary';
COMMENT ON FUNCTION media_inv(media_summary, bigint, bigint, numeric, bigint, bigint) IS 'inverse transition for moving windows: removes one row from a media_summary';
CREATE FUNCTION media_trans(media_summary, bigint, bigint, double precision) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION media_inv(media_summary, bigint, bigint, double precision) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_inv_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION media_trans(media_summary, bigint, bigint, double precision) IS 'aggregate transition: adds one row to a media_summary';
COMMENT ON FUNCTION media_inv(media_summary, bigint, bigint, double precision) IS 'inverse transition for moving windows: removes one row from a media_summary';
CREATE FUNCTION media_trans(media_summary, bigint, bigint, double precision, bigint) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION media_inv(media_summary, bigint, bigint, double precision, bigint) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_inv_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION media_trans(media_summary, bigint, bigint, double precision, bigint) IS 'aggregate transition: adds one row to a media_summary';
COMMENT ON FUNCTION media_inv(media_summary, bigint, bigint, double precision, bigint) IS 'inverse transition for moving windows: removes one row from a media_summary';
CREATE FUNCTION media_trans(media_summary, bigint, bigint, double precision, bigint, bigint) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION media_inv(media_summary, bigint, bigint, double precision, bigint, bigint) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_inv_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION media_trans(media_summary, bigint, bigint, double precision, bigint, bigint) IS 'aggregate transition: adds one row to a media_summary';
COMMENT ON FUNCTION media_inv(media_summary, bigint, bigint, double precision, bigint, bigint) IS 'inverse transition for moving windows: removes one row from a media_summary';
CREATE FUNCTION media_trans(media_summary, bigint, bigint, bigint) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION media_inv(media_summary, bigint, bigint, bigint) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_inv_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION media_trans(media_summary, bigint, bigint, bigint) IS 'aggregate transition: adds one row to a media_summary';
COMMENT ON FUNCTION media_inv(media_summary, bigint, bigint, bigint) IS 'inverse transition for moving windows: removes one row from a media_summary';
CREATE FUNCTION media_trans(media_summary, bigint, bigint, bigint, bigint) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION media_inv(media_summary, bigint, bigint, bigint, bigint) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_inv_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION media_trans(media_summary, bigint, bigint, bigint, bigint) IS 'aggregate transition: adds one row to a media_summary';
COMMENT ON FUNCTION media_inv(media_summary, bigint, bigint, bigint, bigint) IS 'inverse transition for moving windows: removes one row from a media_summary';
CREATE FUNCTION media_trans(media_summary, bigint, bigint, bigint, bigint, bigint) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION media_inv(media_summary, bigint, bigint, bigint, bigint, bigint) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_inv_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION media_trans(media_summary, bigint, bigint, bigint, bigint, bigint) IS 'aggregate transition: adds one row to a media_summary';
COMMENT ON FUNCTION media_inv(media_summary, bigint, bigint, bigint, bigint, bigint) IS 'inverse transition for moving windows: removes one row from a media_summary';
CREATE FUNCTION media_trans(media_summary, bigint, bigint, integer) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION media_inv(media_summary, bigint, bigint, integer) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_inv_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION media_trans(media_summary, bigint, bigint, integer) IS 'aggregate transition: adds one row to a media_summary';
COMMENT ON FUNCTION media_inv(media_summary, bigint, bigint, integer) IS 'inverse transition for moving windows: removes one row from a media_summary';
CREATE FUNCTION media_trans(media_summary, bigint, bigint, integer, bigint) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION media_inv(media_summary, bigint, bigint, integer, bigint) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_inv_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION media_trans(media_summary, bigint, bigint, integer, bigint) IS 'aggregate transition: adds one row to a media_summary';
COMMENT ON FUNCTION media_inv(media_summary, bigint, bigint, integer, bigint) IS 'inverse transition for moving windows: removes one row from a media_summary';
CREATE FUNCTION media_trans(media_summary, bigint, bigint, integer, bigint, bigint) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION media_inv(media_summary, bigint, bigint, integer, bigint, bigint) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_inv_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION media_trans(media_summary, bigint, bigint, integer, bigint, bigint) IS 'aggregate transition: adds one row to a media_summary';
COMMENT ON FUNCTION media_inv(media_summary, bigint, bigint, integer, bigint, bigint) IS 'inverse transition for moving windows: removes one row from a media_summary';
CREATE FUNCTION media_combine(media_summary, media_summary) RETURNS media_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION media_rollup(media_summary, media_summary) RETURNS media_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION media_subtract(media_summary, media_summary) RETURNS media_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION media_add(media_summary, media_summary) RETURNS media_summary
    AS 'MODULE_PATHNAME', 'media_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR + (LEFTARG = media_summary, RIGHTARG = media_summary,
    PROCEDURE = media_add, COMMUTATOR = +);
COMMENT ON FUNCTION media_combine(media_summary, media_summary) IS 'aggregate combine function: exact sum of two partial media_summary states';
COMMENT ON FUNCTION media_rollup(media_summary, media_summary) IS 'rollup() transition: adds one stored media_summary';
COMMENT ON FUNCTION media_subtract(media_summary, media_summary) IS 'inverse of rollup() for moving windows: removes one stored media_summary';
COMMENT ON FUNCTION media_add(media_summary, media_summary) IS
    'exact sum of two media summaries (the + operator)';

-- Accessors.
CREATE FUNCTION ctr(media_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'media_ctr' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION vtr(media_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'media_vtr' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conversions_per_click(media_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'media_conversions_per_click' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cpc(media_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'media_cpc' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cpm(media_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'media_cpm' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cost_per_conversion(media_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'media_cost_per_conversion' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION impressions(media_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'media_impressions' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION clicks(media_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'media_clicks' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION completed_views(media_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'media_completed_views' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION conversions(media_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'media_conversions' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION spend(media_summary) RETURNS numeric
    AS 'MODULE_PATHNAME', 'media_spend' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ctr(media_summary) IS
    'click-through rate: clicks / impressions over rows with both; NULL when no impressions';
COMMENT ON FUNCTION vtr(media_summary) IS
    'view-through rate: completed views / impressions over rows with both; NULL when no impressions';
COMMENT ON FUNCTION conversions_per_click(media_summary) IS
    'conversions / clicks over rows with both (view-through conversions can make it exceed 1); NULL when no clicks';
COMMENT ON FUNCTION cpc(media_summary) IS
    'cost per click: spend / clicks over rows with both; NULL when no clicks';
COMMENT ON FUNCTION cpm(media_summary) IS
    'cost per mille: spend x 1000 / impressions over rows with both; NULL when no impressions';
COMMENT ON FUNCTION cost_per_conversion(media_summary) IS
    'spend / conversions over rows with both; NULL when no conversions';
COMMENT ON FUNCTION impressions(media_summary) IS 'all impressions (0 when none)';
COMMENT ON FUNCTION clicks(media_summary) IS 'all clicks (0 when none)';
COMMENT ON FUNCTION completed_views(media_summary) IS 'all completed views (0 when none)';
COMMENT ON FUNCTION conversions(media_summary) IS 'all conversions (0 when none)';
COMMENT ON FUNCTION spend(media_summary) IS 'all spend (0 when none)';

-- Summary aggregates.
CREATE AGGREGATE media_agg(clicks bigint, impressions bigint, spend numeric) (
    SFUNC = media_trans, STYPE = media_summary, COMBINEFUNC = media_combine,
    INITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    MSFUNC = media_trans, MINVFUNC = media_inv, MSTYPE = media_summary,
    MINITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE media_agg(bigint, bigint, numeric) IS
    'media summary of campaign rows; each column''s NULLs skipped on their own';
CREATE AGGREGATE media_agg(clicks bigint, impressions bigint, spend numeric, conversions bigint) (
    SFUNC = media_trans, STYPE = media_summary, COMBINEFUNC = media_combine,
    INITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    MSFUNC = media_trans, MINVFUNC = media_inv, MSTYPE = media_summary,
    MINITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE media_agg(bigint, bigint, numeric, bigint) IS
    'media summary of campaign rows; each column''s NULLs skipped on their own';
CREATE AGGREGATE media_agg(clicks bigint, impressions bigint, spend numeric, conversions bigint, completed_views bigint) (
    SFUNC = media_trans, STYPE = media_summary, COMBINEFUNC = media_combine,
    INITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    MSFUNC = media_trans, MINVFUNC = media_inv, MSTYPE = media_summary,
    MINITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE media_agg(bigint, bigint, numeric, bigint, bigint) IS
    'media summary of campaign rows; each column''s NULLs skipped on their own';
CREATE AGGREGATE media_agg(clicks bigint, impressions bigint, spend double precision) (
    SFUNC = media_trans, STYPE = media_summary, COMBINEFUNC = media_combine,
    INITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    MSFUNC = media_trans, MINVFUNC = media_inv, MSTYPE = media_summary,
    MINITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE media_agg(bigint, bigint, double precision) IS
    'media summary of campaign rows (double precision spend, converted as ::numeric); each column''s NULLs skipped on their own';
CREATE AGGREGATE media_agg(clicks bigint, impressions bigint, spend double precision, conversions bigint) (
    SFUNC = media_trans, STYPE = media_summary, COMBINEFUNC = media_combine,
    INITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    MSFUNC = media_trans, MINVFUNC = media_inv, MSTYPE = media_summary,
    MINITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE media_agg(bigint, bigint, double precision, bigint) IS
    'media summary of campaign rows (double precision spend, converted as ::numeric); each column''s NULLs skipped on their own';
CREATE AGGREGATE media_agg(clicks bigint, impressions bigint, spend double precision, conversions bigint, completed_views bigint) (
    SFUNC = media_trans, STYPE = media_summary, COMBINEFUNC = media_combine,
    INITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    MSFUNC = media_trans, MINVFUNC = media_inv, MSTYPE = media_summary,
    MINITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE media_agg(bigint, bigint, double precision, bigint, bigint) IS
    'media summary of campaign rows (double precision spend, converted as ::numeric); each column''s NULLs skipped on their own';
CREATE AGGREGATE media_agg(clicks bigint, impressions bigint, spend bigint) (
    SFUNC = media_trans, STYPE = media_summary, COMBINEFUNC = media_combine,
    INITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    MSFUNC = media_trans, MINVFUNC = media_inv, MSTYPE = media_summary,
    MINITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE media_agg(bigint, bigint, bigint) IS
    'media summary of campaign rows (bigint spend, exact); each column''s NULLs skipped on their own';
CREATE AGGREGATE media_agg(clicks bigint, impressions bigint, spend bigint, conversions bigint) (
    SFUNC = media_trans, STYPE = media_summary, COMBINEFUNC = media_combine,
    INITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    MSFUNC = media_trans, MINVFUNC = media_inv, MSTYPE = media_summary,
    MINITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE media_agg(bigint, bigint, bigint, bigint) IS
    'media summary of campaign rows (bigint spend, exact); each column''s NULLs skipped on their own';
CREATE AGGREGATE media_agg(clicks bigint, impressions bigint, spend bigint, conversions bigint, completed_views bigint) (
    SFUNC = media_trans, STYPE = media_summary, COMBINEFUNC = media_combine,
    INITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    MSFUNC = media_trans, MINVFUNC = media_inv, MSTYPE = media_summary,
    MINITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE media_agg(bigint, bigint, bigint, bigint, bigint) IS
    'media summary of campaign rows (bigint spend, exact); each column''s NULLs skipped on their own';
CREATE AGGREGATE media_agg(clicks bigint, impressions bigint, spend integer) (
    SFUNC = media_trans, STYPE = media_summary, COMBINEFUNC = media_combine,
    INITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    MSFUNC = media_trans, MINVFUNC = media_inv, MSTYPE = media_summary,
    MINITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE media_agg(bigint, bigint, integer) IS
    'media summary of campaign rows (integer spend, exact); each column''s NULLs skipped on their own';
CREATE AGGREGATE media_agg(clicks bigint, impressions bigint, spend integer, conversions bigint) (
    SFUNC = media_trans, STYPE = media_summary, COMBINEFUNC = media_combine,
    INITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    MSFUNC = media_trans, MINVFUNC = media_inv, MSTYPE = media_summary,
    MINITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE media_agg(bigint, bigint, integer, bigint) IS
    'media summary of campaign rows (integer spend, exact); each column''s NULLs skipped on their own';
CREATE AGGREGATE media_agg(clicks bigint, impressions bigint, spend integer, conversions bigint, completed_views bigint) (
    SFUNC = media_trans, STYPE = media_summary, COMBINEFUNC = media_combine,
    INITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    MSFUNC = media_trans, MINVFUNC = media_inv, MSTYPE = media_summary,
    MINITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE media_agg(bigint, bigint, integer, bigint, bigint) IS
    'media summary of campaign rows (integer spend, exact); each column''s NULLs skipped on their own';
CREATE AGGREGATE rollup(media_summary) (
    SFUNC = media_rollup, STYPE = media_summary, COMBINEFUNC = media_combine,
    INITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    MSFUNC = media_rollup, MINVFUNC = media_subtract, MSTYPE = media_summary,
    MINITCOND = 'v1 impressions=0 clicks=0 completed_views=0 conversions=0 spend=0 ctr_clicks=0 ctr_impressions=0 vtr_views=0 vtr_impressions=0 conv_conversions=0 conv_clicks=0 cpc_spend=0 cpc_clicks=0 cpm_spend=0 cpm_impressions=0 cpa_spend=0 cpa_conversions=0',
    PARALLEL = SAFE);
COMMENT ON AGGREGATE rollup(media_summary) IS 'exact combination of stored media summaries';
