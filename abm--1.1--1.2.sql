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
