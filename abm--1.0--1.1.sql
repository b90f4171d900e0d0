-- abm 1.0 -> 1.1: statistics on summaries, and moving-aggregate (window)
-- support for every aggregate.

\echo Use "ALTER EXTENSION abm UPDATE TO '1.1'" to load this file. \quit

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

------------------------------------------------------------------------------
-- Moving-aggregate mode. Each transition function gets an inverse that
-- removes a row again, so a window frame that slides costs O(1) per row.
-- Counts and numeric money stay exact after any sequence of additions and
-- removals (they are integers); double precision money is converted to
-- numeric on the way in, so it is exact too.
------------------------------------------------------------------------------

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
CREATE FUNCTION score_inv(score_summary, integer) RETURNS score_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_inv(score_summary, integer, integer) RETURNS score_summary
    AS 'MODULE_PATHNAME', 'score_inv_scaled' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_inv_csat(score_summary, integer) RETURNS score_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_subtract(score_summary, score_summary) RETURNS score_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION retention_inv(retention_summary, numeric, numeric) RETURNS retention_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION retention_inv(retention_summary, double precision, double precision) RETURNS retention_summary
    AS 'MODULE_PATHNAME', 'retention_inv_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION retention_subtract(retention_summary, retention_summary) RETURNS retention_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
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

-- CREATE AGGREGATE cannot be repeated and ALTER AGGREGATE cannot add a
-- moving mode, and dropping the aggregates would drop users' views. So the
-- moving-mode columns of the existing aggregates are filled in directly:
-- the moving transition, final function, state type and initial value are
-- the plain ones; only the inverse is new. (Extension scripts run as
-- superuser, also for this trusted extension.)
CREATE TEMPORARY TABLE abm_moving_pairs (transfn regprocedure, invfn regprocedure);
INSERT INTO abm_moving_pairs VALUES
    ('ratio_trans(ratio_summary,boolean)', 'ratio_inv(ratio_summary,boolean)'),
    ('ratio_trans(ratio_summary,boolean,numeric)', 'ratio_inv(ratio_summary,boolean,numeric)'),
    ('ratio_trans(ratio_summary,boolean,double precision)', 'ratio_inv(ratio_summary,boolean,double precision)'),
    ('ratio_trans(ratio_summary,bigint,bigint)', 'ratio_inv(ratio_summary,bigint,bigint)'),
    ('ratio_rollup(ratio_summary,ratio_summary)', 'ratio_subtract(ratio_summary,ratio_summary)'),
    ('score_trans(score_summary,integer)', 'score_inv(score_summary,integer)'),
    ('score_trans(score_summary,integer,integer)', 'score_inv(score_summary,integer,integer)'),
    ('score_trans_csat(score_summary,integer)', 'score_inv_csat(score_summary,integer)'),
    ('score_combine(score_summary,score_summary)', 'score_subtract(score_summary,score_summary)'),
    ('retention_trans(retention_summary,numeric,numeric)', 'retention_inv(retention_summary,numeric,numeric)'),
    ('retention_trans(retention_summary,double precision,double precision)',
     'retention_inv(retention_summary,double precision,double precision)'),
    ('retention_rollup(retention_summary,retention_summary)', 'retention_subtract(retention_summary,retention_summary)'),
    ('cost_trans(cost_summary,numeric,boolean)', 'cost_inv(cost_summary,numeric,boolean)'),
    ('cost_trans(cost_summary,double precision,boolean)', 'cost_inv(cost_summary,double precision,boolean)'),
    ('cost_trans(cost_summary,numeric,bigint)', 'cost_inv(cost_summary,numeric,bigint)'),
    ('cost_trans(cost_summary,double precision,bigint)', 'cost_inv(cost_summary,double precision,bigint)'),
    ('cost_rollup(cost_summary,cost_summary)', 'cost_subtract(cost_summary,cost_summary)'),
    ('funnel_trans(funnel_summary,abm_stage)', 'funnel_inv(funnel_summary,abm_stage)'),
    ('funnel_trans(funnel_summary,abm_stage,numeric)', 'funnel_inv(funnel_summary,abm_stage,numeric)'),
    ('funnel_trans(funnel_summary,timestamptz[])', 'funnel_inv(funnel_summary,timestamptz[])'),
    ('funnel_trans(funnel_summary,timestamptz[],numeric)', 'funnel_inv(funnel_summary,timestamptz[],numeric)'),
    ('funnel_rollup(funnel_summary,funnel_summary)', 'funnel_subtract(funnel_summary,funnel_summary)');

-- Only abm's own aggregates, the members of this extension: a user's own
-- CREATE AGGREGATE on abm's support functions is not abm's to change.
CREATE TEMPORARY TABLE abm_own_aggregates AS
SELECT d.objid
  FROM pg_catalog.pg_depend d
 WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
   AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
   AND d.refobjid = (SELECT oid FROM pg_catalog.pg_extension WHERE extname = 'abm')
   AND d.deptype = 'e';

UPDATE pg_catalog.pg_aggregate a
   SET aggmtransfn = m.transfn,
       aggminvtransfn = m.invfn,
       aggmfinalfn = a.aggfinalfn,
       aggmfinalextra = a.aggfinalextra,
       aggmfinalmodify = a.aggfinalmodify,
       aggmtranstype = a.aggtranstype,
       aggmtransspace = a.aggtransspace,
       aggminitval = a.agginitval
  FROM abm_moving_pairs m
 WHERE a.aggtransfn = m.transfn
   AND a.aggfnoid IN (SELECT objid FROM abm_own_aggregates);

-- Record that each aggregate now needs its inverse, as CREATE AGGREGATE would.
INSERT INTO pg_catalog.pg_depend (classid, objid, objsubid, refclassid, refobjid, refobjsubid, deptype)
SELECT 'pg_catalog.pg_proc'::regclass, a.aggfnoid, 0, 'pg_catalog.pg_proc'::regclass, m.invfn, 0, 'n'
  FROM pg_catalog.pg_aggregate a JOIN abm_moving_pairs m ON a.aggtransfn = m.transfn
 WHERE a.aggfnoid IN (SELECT objid FROM abm_own_aggregates);

DROP TABLE abm_moving_pairs, abm_own_aggregates;

-- Support functions for moving windows.
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
