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
