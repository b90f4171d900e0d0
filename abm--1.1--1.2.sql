-- abm 1.1 -> 1.2: see "Changes in 1.2" in the README.
--
-- An upgrade script touches only abm's own objects: it creates new ones and
-- never changes a catalog row directly.  It removes and renames nothing, so
-- users' views and materialized views on abm keep working and keep their
-- numbers.

\echo Use "ALTER EXTENSION abm UPDATE TO '1.2'" to load this file. \quit

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
