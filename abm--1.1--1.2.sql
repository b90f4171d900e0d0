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
