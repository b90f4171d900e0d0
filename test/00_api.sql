-- pgTAP: the public API of abm. Every type; every function and aggregate with
-- its exact signature, return type, kind, volatility and strictness; parallel
-- safety, combine functions and state types of all aggregates; the abm_stage
-- operators, operator classes and casts; comments. The expected list is
-- written from abm--1.0.sql and abm--1.0--1.1.sql (the API reference), never
-- read back from the catalog.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS abm;

BEGIN;
SELECT plan(2290);

------------------------------------------------------------------------------
-- Types (11)
------------------------------------------------------------------------------
SELECT has_type('abm_stage', 'type abm_stage exists');
SELECT has_type('ratio_summary', 'type ratio_summary exists');
SELECT has_type('score_summary', 'type score_summary exists');
SELECT has_type('retention_summary', 'type retention_summary exists');
SELECT has_type('cost_summary', 'type cost_summary exists');
SELECT has_type('funnel_summary', 'type funnel_summary exists');
SELECT has_type('measure_summary', 'type measure_summary exists');
SELECT has_type('engagement_state', 'type engagement_state exists');
SELECT has_type('pipeline_summary', 'type pipeline_summary exists');
SELECT has_type('media_summary', 'type media_summary exists');
SELECT has_type('account_set', 'type account_set exists');

------------------------------------------------------------------------------
-- Every function and aggregate: 400 rows x 5 tests (2000)
--   kind    'f' function, 'a' aggregate, 'w' window function
--   strict  as declared (NULL for aggregates)
--   stype   the aggregate's state type (NULL for functions)
--   support an I/O, comparison, hash, transition, combine, rollup or inverse
--           function: not user-facing, so no COMMENT is required
------------------------------------------------------------------------------
CREATE TEMP TABLE tap_api_rows (
    kind text, fname name, args name[], rettype text, strict boolean, stype text, support boolean
) ON COMMIT DROP;
INSERT INTO tap_api_rows VALUES
    -- abm 1.0
    ('f', 'abm_stage_in', '{cstring}', 'abm_stage', true, NULL, true),
    ('f', 'abm_stage_out', '{abm_stage}', 'cstring', true, NULL, true),
    ('f', 'abm_stage_recv', '{internal}', 'abm_stage', true, NULL, true),
    ('f', 'abm_stage_send', '{abm_stage}', 'bytea', true, NULL, true),
    ('f', 'stage_position', '{abm_stage}', 'integer', true, NULL, false),
    ('f', 'abm_stage', '{integer}', 'abm_stage', true, NULL, false),
    ('f', 'abm_stage_lt', '{abm_stage,abm_stage}', 'boolean', true, NULL, true),
    ('f', 'abm_stage_le', '{abm_stage,abm_stage}', 'boolean', true, NULL, true),
    ('f', 'abm_stage_eq', '{abm_stage,abm_stage}', 'boolean', true, NULL, true),
    ('f', 'abm_stage_ne', '{abm_stage,abm_stage}', 'boolean', true, NULL, true),
    ('f', 'abm_stage_ge', '{abm_stage,abm_stage}', 'boolean', true, NULL, true),
    ('f', 'abm_stage_gt', '{abm_stage,abm_stage}', 'boolean', true, NULL, true),
    ('f', 'abm_stage_cmp', '{abm_stage,abm_stage}', 'integer', true, NULL, true),
    ('f', 'abm_stage_hash', '{abm_stage}', 'integer', true, NULL, true),
    ('f', 'abm_stage_hash_extended', '{abm_stage,bigint}', 'bigint', true, NULL, true),
    ('f', 'abm_stage_smaller', '{abm_stage,abm_stage}', 'abm_stage', true, NULL, true),
    ('f', 'abm_stage_larger', '{abm_stage,abm_stage}', 'abm_stage', true, NULL, true),
    ('a', 'min', '{abm_stage}', 'abm_stage', NULL, 'abm_stage', false),
    ('a', 'max', '{abm_stage}', 'abm_stage', NULL, 'abm_stage', false),
    ('f', 'ratio_summary_in', '{cstring}', 'ratio_summary', true, NULL, true),
    ('f', 'ratio_summary_out', '{ratio_summary}', 'cstring', true, NULL, true),
    ('f', 'ratio_summary_recv', '{internal}', 'ratio_summary', true, NULL, true),
    ('f', 'ratio_summary_send', '{ratio_summary}', 'bytea', true, NULL, true),
    ('f', 'ratio_trans', '{ratio_summary,boolean}', 'ratio_summary', true, NULL, true),
    ('f', 'ratio_trans', '{ratio_summary,boolean,numeric}', 'ratio_summary', true, NULL, true),
    ('f', 'ratio_trans', '{ratio_summary,boolean,"double precision"}', 'ratio_summary', true, NULL, true),
    ('f', 'ratio_trans', '{ratio_summary,bigint,bigint}', 'ratio_summary', true, NULL, true),
    ('f', 'ratio_combine', '{ratio_summary,ratio_summary}', 'ratio_summary', true, NULL, true),
    ('f', 'ratio_rollup', '{ratio_summary,ratio_summary}', 'ratio_summary', true, NULL, true),
    ('f', 'ratio_add', '{ratio_summary,ratio_summary}', 'ratio_summary', true, NULL, false),
    ('f', 'successes', '{ratio_summary}', 'bigint', true, NULL, false),
    ('f', 'trials', '{ratio_summary}', 'bigint', true, NULL, false),
    ('f', 'failures', '{ratio_summary}', 'bigint', true, NULL, false),
    ('f', 'success_amount', '{ratio_summary}', 'numeric', true, NULL, false),
    ('f', 'trial_amount', '{ratio_summary}', 'numeric', true, NULL, false),
    ('f', 'rate', '{ratio_summary}', 'double precision', true, NULL, false),
    ('f', 'win_rate', '{ratio_summary}', 'double precision', true, NULL, false),
    ('f', 'conversion_rate', '{ratio_summary}', 'double precision', true, NULL, false),
    ('f', 'weighted_win_rate', '{ratio_summary}', 'double precision', true, NULL, false),
    ('a', 'ratio_agg', '{boolean}', 'ratio_summary', NULL, 'ratio_summary', false),
    ('a', 'ratio_agg', '{boolean,numeric}', 'ratio_summary', NULL, 'ratio_summary', false),
    ('a', 'ratio_agg', '{boolean,"double precision"}', 'ratio_summary', NULL, 'ratio_summary', false),
    ('a', 'ratio_agg', '{bigint,bigint}', 'ratio_summary', NULL, 'ratio_summary', false),
    ('a', 'rollup', '{ratio_summary}', 'ratio_summary', NULL, 'ratio_summary', false),
    ('a', 'win_rate', '{boolean}', 'double precision', NULL, 'ratio_summary', false),
    ('a', 'win_rate', '{boolean,numeric}', 'double precision', NULL, 'ratio_summary', false),
    ('a', 'win_rate', '{boolean,"double precision"}', 'double precision', NULL, 'ratio_summary', false),
    ('a', 'conversion_rate', '{boolean}', 'double precision', NULL, 'ratio_summary', false),
    ('a', 'rate', '{bigint,bigint}', 'double precision', NULL, 'ratio_summary', false),
    ('a', 'ctr', '{bigint,bigint}', 'double precision', NULL, 'ratio_summary', false),
    ('a', 'vtr', '{bigint,bigint}', 'double precision', NULL, 'ratio_summary', false),
    ('a', 'open_rate', '{bigint,bigint}', 'double precision', NULL, 'ratio_summary', false),
    ('a', 'click_rate', '{bigint,bigint}', 'double precision', NULL, 'ratio_summary', false),
    ('a', 'click_to_open_rate', '{bigint,bigint}', 'double precision', NULL, 'ratio_summary', false),
    ('a', 'unsubscribe_rate', '{bigint,bigint}', 'double precision', NULL, 'ratio_summary', false),
    ('f', 'score_summary_in', '{cstring}', 'score_summary', true, NULL, true),
    ('f', 'score_summary_out', '{score_summary}', 'cstring', true, NULL, true),
    ('f', 'score_summary_recv', '{internal}', 'score_summary', true, NULL, true),
    ('f', 'score_summary_send', '{score_summary}', 'bytea', true, NULL, true),
    ('f', 'score_trans', '{score_summary,integer}', 'score_summary', true, NULL, true),
    ('f', 'score_trans', '{score_summary,integer,integer}', 'score_summary', true, NULL, true),
    ('f', 'score_trans_csat', '{score_summary,integer}', 'score_summary', true, NULL, true),
    ('f', 'score_combine', '{score_summary,score_summary}', 'score_summary', true, NULL, true),
    ('f', 'score_add', '{score_summary,score_summary}', 'score_summary', true, NULL, false),
    ('f', 'responses', '{score_summary}', 'bigint', true, NULL, false),
    ('f', 'promoters', '{score_summary}', 'bigint', true, NULL, false),
    ('f', 'passives', '{score_summary}', 'bigint', true, NULL, false),
    ('f', 'detractors', '{score_summary}', 'bigint', true, NULL, false),
    ('f', 'score_count', '{score_summary,integer}', 'bigint', true, NULL, false),
    ('f', 'mean_score', '{score_summary}', 'double precision', true, NULL, false),
    ('f', 'nps_score', '{score_summary}', 'double precision', true, NULL, false),
    ('f', 'csat', '{score_summary}', 'double precision', true, NULL, false),
    ('f', 'csat', '{score_summary,integer}', 'double precision', true, NULL, false),
    ('a', 'score_agg', '{integer}', 'score_summary', NULL, 'score_summary', false),
    ('a', 'score_agg', '{integer,integer}', 'score_summary', NULL, 'score_summary', false),
    ('a', 'rollup', '{score_summary}', 'score_summary', NULL, 'score_summary', false),
    ('a', 'nps_score', '{integer}', 'double precision', NULL, 'score_summary', false),
    ('a', 'csat', '{integer}', 'double precision', NULL, 'score_summary', false),
    ('a', 'csat', '{integer,integer}', 'double precision', NULL, 'score_summary', false),
    ('f', 'retention_summary_in', '{cstring}', 'retention_summary', true, NULL, true),
    ('f', 'retention_summary_out', '{retention_summary}', 'cstring', true, NULL, true),
    ('f', 'retention_summary_recv', '{internal}', 'retention_summary', true, NULL, true),
    ('f', 'retention_summary_send', '{retention_summary}', 'bytea', true, NULL, true),
    ('f', 'retention_trans', '{retention_summary,numeric,numeric}', 'retention_summary', false, NULL, true),
    ('f', 'retention_trans', '{retention_summary,"double precision","double precision"}', 'retention_summary', false, NULL, true),
    ('f', 'retention_combine', '{retention_summary,retention_summary}', 'retention_summary', true, NULL, true),
    ('f', 'retention_rollup', '{retention_summary,retention_summary}', 'retention_summary', true, NULL, true),
    ('f', 'retention_add', '{retention_summary,retention_summary}', 'retention_summary', true, NULL, false),
    ('f', 'accounts', '{retention_summary}', 'bigint', true, NULL, false),
    ('f', 'churned_accounts', '{retention_summary}', 'bigint', true, NULL, false),
    ('f', 'new_accounts', '{retention_summary}', 'bigint', true, NULL, false),
    ('f', 'start_revenue', '{retention_summary}', 'numeric', true, NULL, false),
    ('f', 'end_revenue', '{retention_summary}', 'numeric', true, NULL, false),
    ('f', 'retained_revenue', '{retention_summary}', 'numeric', true, NULL, false),
    ('f', 'expansion', '{retention_summary}', 'numeric', true, NULL, false),
    ('f', 'contraction', '{retention_summary}', 'numeric', true, NULL, false),
    ('f', 'churned_revenue', '{retention_summary}', 'numeric', true, NULL, false),
    ('f', 'new_revenue', '{retention_summary}', 'numeric', true, NULL, false),
    ('f', 'nrr', '{retention_summary}', 'double precision', true, NULL, false),
    ('f', 'grr', '{retention_summary}', 'double precision', true, NULL, false),
    ('f', 'logo_retention', '{retention_summary}', 'double precision', true, NULL, false),
    ('a', 'retention_agg', '{numeric,numeric}', 'retention_summary', NULL, 'retention_summary', false),
    ('a', 'retention_agg', '{"double precision","double precision"}', 'retention_summary', NULL, 'retention_summary', false),
    ('a', 'rollup', '{retention_summary}', 'retention_summary', NULL, 'retention_summary', false),
    ('a', 'nrr', '{numeric,numeric}', 'double precision', NULL, 'retention_summary', false),
    ('a', 'nrr', '{"double precision","double precision"}', 'double precision', NULL, 'retention_summary', false),
    ('a', 'grr', '{numeric,numeric}', 'double precision', NULL, 'retention_summary', false),
    ('a', 'grr', '{"double precision","double precision"}', 'double precision', NULL, 'retention_summary', false),
    ('f', 'cost_summary_in', '{cstring}', 'cost_summary', true, NULL, true),
    ('f', 'cost_summary_out', '{cost_summary}', 'cstring', true, NULL, true),
    ('f', 'cost_summary_recv', '{internal}', 'cost_summary', true, NULL, true),
    ('f', 'cost_summary_send', '{cost_summary}', 'bytea', true, NULL, true),
    ('f', 'cost_trans', '{cost_summary,numeric,boolean}', 'cost_summary', false, NULL, true),
    ('f', 'cost_trans', '{cost_summary,"double precision",boolean}', 'cost_summary', false, NULL, true),
    ('f', 'cost_trans', '{cost_summary,numeric,bigint}', 'cost_summary', false, NULL, true),
    ('f', 'cost_trans', '{cost_summary,"double precision",bigint}', 'cost_summary', false, NULL, true),
    ('f', 'cost_combine', '{cost_summary,cost_summary}', 'cost_summary', true, NULL, true),
    ('f', 'cost_rollup', '{cost_summary,cost_summary}', 'cost_summary', true, NULL, true),
    ('f', 'cost_add', '{cost_summary,cost_summary}', 'cost_summary', true, NULL, false),
    ('f', 'spend', '{cost_summary}', 'numeric', true, NULL, false),
    ('f', 'units', '{cost_summary}', 'bigint', true, NULL, false),
    ('f', 'cost_per_unit', '{cost_summary}', 'numeric', true, NULL, false),
    ('f', 'cac', '{cost_summary}', 'numeric', true, NULL, false),
    ('f', 'cpl', '{cost_summary}', 'numeric', true, NULL, false),
    ('a', 'cost_agg', '{numeric,boolean}', 'cost_summary', NULL, 'cost_summary', false),
    ('a', 'cost_agg', '{"double precision",boolean}', 'cost_summary', NULL, 'cost_summary', false),
    ('a', 'cost_agg', '{numeric,bigint}', 'cost_summary', NULL, 'cost_summary', false),
    ('a', 'cost_agg', '{"double precision",bigint}', 'cost_summary', NULL, 'cost_summary', false),
    ('a', 'rollup', '{cost_summary}', 'cost_summary', NULL, 'cost_summary', false),
    ('a', 'cac', '{numeric,boolean}', 'numeric', NULL, 'cost_summary', false),
    ('a', 'cac', '{"double precision",boolean}', 'numeric', NULL, 'cost_summary', false),
    ('a', 'cpl', '{numeric,bigint}', 'numeric', NULL, 'cost_summary', false),
    ('a', 'cpl', '{"double precision",bigint}', 'numeric', NULL, 'cost_summary', false),
    ('f', 'cac', '{numeric,bigint}', 'numeric', true, NULL, false),
    ('f', 'acv', '{numeric,interval,numeric}', 'numeric', true, NULL, false),
    ('f', 'clv', '{numeric,"double precision","double precision"}', 'numeric', true, NULL, false),
    ('f', 'ltv_to_cac', '{numeric,numeric}', 'double precision', true, NULL, false),
    ('f', 'cac_payback_months', '{numeric,numeric,"double precision"}', 'double precision', true, NULL, false),
    ('f', 'tam', '{bigint,numeric}', 'numeric', true, NULL, false),
    ('f', 'funnel_summary_in', '{cstring}', 'funnel_summary', true, NULL, true),
    ('f', 'funnel_summary_out', '{funnel_summary}', 'cstring', true, NULL, true),
    ('f', 'funnel_summary_recv', '{internal}', 'funnel_summary', true, NULL, true),
    ('f', 'funnel_summary_send', '{funnel_summary}', 'bytea', true, NULL, true),
    ('f', 'funnel_trans', '{funnel_summary,abm_stage}', 'funnel_summary', false, NULL, true),
    ('f', 'funnel_trans', '{funnel_summary,abm_stage,numeric}', 'funnel_summary', false, NULL, true),
    ('f', 'funnel_trans', '{funnel_summary,"timestamp with time zone[]"}', 'funnel_summary', false, NULL, true),
    ('f', 'funnel_trans', '{funnel_summary,"timestamp with time zone[]",numeric}', 'funnel_summary', false, NULL, true),
    ('f', 'funnel_combine', '{funnel_summary,funnel_summary}', 'funnel_summary', true, NULL, true),
    ('f', 'funnel_rollup', '{funnel_summary,funnel_summary}', 'funnel_summary', true, NULL, true),
    ('f', 'funnel_add', '{funnel_summary,funnel_summary}', 'funnel_summary', true, NULL, false),
    ('f', 'stage_accounts', '{funnel_summary,abm_stage}', 'bigint', true, NULL, false),
    ('f', 'spend', '{funnel_summary}', 'numeric', true, NULL, false),
    ('a', 'funnel_agg', '{abm_stage}', 'funnel_summary', NULL, 'funnel_summary', false),
    ('a', 'funnel_agg', '{abm_stage,numeric}', 'funnel_summary', NULL, 'funnel_summary', false),
    ('a', 'funnel_agg', '{"timestamp with time zone[]"}', 'funnel_summary', NULL, 'funnel_summary', false),
    ('a', 'funnel_agg', '{"timestamp with time zone[]",numeric}', 'funnel_summary', NULL, 'funnel_summary', false),
    ('a', 'rollup', '{funnel_summary}', 'funnel_summary', NULL, 'funnel_summary', false),
    ('f', 'funnel_stages', '{funnel_summary}', 'setof record', true, NULL, false),
    ('f', 'abm_stages', '{}', 'setof record', false, NULL, false),
    -- abm 1.1
    ('f', 'wilson_interval', '{bigint,bigint,"double precision"}', 'record', true, NULL, false),
    ('f', 'wilson_interval', '{ratio_summary,"double precision"}', 'record', true, NULL, false),
    ('f', 'wilson_lower', '{bigint,bigint,"double precision"}', 'double precision', true, NULL, false),
    ('f', 'wilson_lower', '{ratio_summary,"double precision"}', 'double precision', true, NULL, false),
    ('f', 'wilson_upper', '{bigint,bigint,"double precision"}', 'double precision', true, NULL, false),
    ('f', 'wilson_upper', '{ratio_summary,"double precision"}', 'double precision', true, NULL, false),
    ('f', 'nps_interval', '{score_summary,"double precision",text}', 'record', true, NULL, false),
    ('f', 'proportion_test', '{ratio_summary,ratio_summary}', 'record', true, NULL, false),
    ('f', 'nps_test', '{score_summary,score_summary}', 'record', true, NULL, false),
    ('f', 'ratio_inv', '{ratio_summary,boolean}', 'ratio_summary', true, NULL, true),
    ('f', 'ratio_inv', '{ratio_summary,boolean,numeric}', 'ratio_summary', true, NULL, true),
    ('f', 'ratio_inv', '{ratio_summary,boolean,"double precision"}', 'ratio_summary', true, NULL, true),
    ('f', 'ratio_inv', '{ratio_summary,bigint,bigint}', 'ratio_summary', true, NULL, true),
    ('f', 'ratio_subtract', '{ratio_summary,ratio_summary}', 'ratio_summary', true, NULL, true),
    ('f', 'score_inv', '{score_summary,integer}', 'score_summary', true, NULL, true),
    ('f', 'score_inv', '{score_summary,integer,integer}', 'score_summary', true, NULL, true),
    ('f', 'score_inv_csat', '{score_summary,integer}', 'score_summary', true, NULL, true),
    ('f', 'score_subtract', '{score_summary,score_summary}', 'score_summary', true, NULL, true),
    ('f', 'retention_inv', '{retention_summary,numeric,numeric}', 'retention_summary', false, NULL, true),
    ('f', 'retention_inv', '{retention_summary,"double precision","double precision"}', 'retention_summary', false, NULL, true),
    ('f', 'retention_subtract', '{retention_summary,retention_summary}', 'retention_summary', true, NULL, true),
    ('f', 'cost_inv', '{cost_summary,numeric,boolean}', 'cost_summary', false, NULL, true),
    ('f', 'cost_inv', '{cost_summary,"double precision",boolean}', 'cost_summary', false, NULL, true),
    ('f', 'cost_inv', '{cost_summary,numeric,bigint}', 'cost_summary', false, NULL, true),
    ('f', 'cost_inv', '{cost_summary,"double precision",bigint}', 'cost_summary', false, NULL, true),
    ('f', 'cost_subtract', '{cost_summary,cost_summary}', 'cost_summary', true, NULL, true),
    ('f', 'funnel_inv', '{funnel_summary,abm_stage}', 'funnel_summary', false, NULL, true),
    ('f', 'funnel_inv', '{funnel_summary,abm_stage,numeric}', 'funnel_summary', false, NULL, true),
    ('f', 'funnel_inv', '{funnel_summary,"timestamp with time zone[]"}', 'funnel_summary', false, NULL, true),
    ('f', 'funnel_inv', '{funnel_summary,"timestamp with time zone[]",numeric}', 'funnel_summary', false, NULL, true),
    ('f', 'funnel_subtract', '{funnel_summary,funnel_summary}', 'funnel_summary', true, NULL, true),
    -- abm 1.2: integer money stays exact (its own forms), weighted_win_rate(won, amount)
    ('f', 'ratio_trans', '{ratio_summary,boolean,bigint}', 'ratio_summary', true, NULL, true),
    ('f', 'ratio_inv', '{ratio_summary,boolean,bigint}', 'ratio_summary', true, NULL, true),
    ('f', 'retention_trans', '{retention_summary,bigint,bigint}', 'retention_summary', false, NULL, true),
    ('f', 'retention_inv', '{retention_summary,bigint,bigint}', 'retention_summary', false, NULL, true),
    ('f', 'cost_trans', '{cost_summary,bigint,boolean}', 'cost_summary', false, NULL, true),
    ('f', 'cost_inv', '{cost_summary,bigint,boolean}', 'cost_summary', false, NULL, true),
    ('f', 'cost_trans', '{cost_summary,bigint,bigint}', 'cost_summary', false, NULL, true),
    ('f', 'cost_inv', '{cost_summary,bigint,bigint}', 'cost_summary', false, NULL, true),
    ('a', 'ratio_agg', '{boolean,bigint}', 'ratio_summary', NULL, 'ratio_summary', false),
    ('a', 'win_rate', '{boolean,bigint}', 'double precision', NULL, 'ratio_summary', false),
    ('a', 'retention_agg', '{bigint,bigint}', 'retention_summary', NULL, 'retention_summary', false),
    ('a', 'nrr', '{bigint,bigint}', 'double precision', NULL, 'retention_summary', false),
    ('a', 'grr', '{bigint,bigint}', 'double precision', NULL, 'retention_summary', false),
    ('a', 'cost_agg', '{bigint,boolean}', 'cost_summary', NULL, 'cost_summary', false),
    ('a', 'cost_agg', '{bigint,bigint}', 'cost_summary', NULL, 'cost_summary', false),
    ('a', 'cac', '{bigint,boolean}', 'numeric', NULL, 'cost_summary', false),
    ('a', 'cpl', '{bigint,bigint}', 'numeric', NULL, 'cost_summary', false),
    ('f', 'ratio_trans', '{ratio_summary,boolean,integer}', 'ratio_summary', true, NULL, true),
    ('f', 'ratio_inv', '{ratio_summary,boolean,integer}', 'ratio_summary', true, NULL, true),
    ('f', 'retention_trans', '{retention_summary,integer,integer}', 'retention_summary', false, NULL, true),
    ('f', 'retention_inv', '{retention_summary,integer,integer}', 'retention_summary', false, NULL, true),
    ('f', 'cost_trans', '{cost_summary,integer,boolean}', 'cost_summary', false, NULL, true),
    ('f', 'cost_inv', '{cost_summary,integer,boolean}', 'cost_summary', false, NULL, true),
    ('f', 'cost_trans', '{cost_summary,integer,bigint}', 'cost_summary', false, NULL, true),
    ('f', 'cost_inv', '{cost_summary,integer,bigint}', 'cost_summary', false, NULL, true),
    ('a', 'ratio_agg', '{boolean,integer}', 'ratio_summary', NULL, 'ratio_summary', false),
    ('a', 'win_rate', '{boolean,integer}', 'double precision', NULL, 'ratio_summary', false),
    ('a', 'retention_agg', '{integer,integer}', 'retention_summary', NULL, 'retention_summary', false),
    ('a', 'nrr', '{integer,integer}', 'double precision', NULL, 'retention_summary', false),
    ('a', 'grr', '{integer,integer}', 'double precision', NULL, 'retention_summary', false),
    ('a', 'cost_agg', '{integer,boolean}', 'cost_summary', NULL, 'cost_summary', false),
    ('a', 'cost_agg', '{integer,bigint}', 'cost_summary', NULL, 'cost_summary', false),
    ('a', 'cac', '{integer,boolean}', 'numeric', NULL, 'cost_summary', false),
    ('a', 'cpl', '{integer,bigint}', 'numeric', NULL, 'cost_summary', false),
    ('a', 'weighted_win_rate', '{boolean,numeric}', 'double precision', NULL, 'ratio_summary', false),
    ('a', 'weighted_win_rate', '{boolean,"double precision"}', 'double precision', NULL, 'ratio_summary', false),
    ('a', 'weighted_win_rate', '{boolean,bigint}', 'double precision', NULL, 'ratio_summary', false),
    ('a', 'weighted_win_rate', '{boolean,integer}', 'double precision', NULL, 'ratio_summary', false),
    -- abm 1.2: measure_summary, engagement_score (issue 13)
    ('f', 'measure_summary_in', '{cstring}', 'measure_summary', true, NULL, true),
    ('f', 'measure_summary_out', '{measure_summary}', 'cstring', true, NULL, true),
    ('f', 'measure_summary_recv', '{internal}', 'measure_summary', true, NULL, true),
    ('f', 'measure_summary_send', '{measure_summary}', 'bytea', true, NULL, true),
    ('f', 'measure_trans', '{measure_summary,"double precision"}', 'measure_summary', true, NULL, true),
    ('f', 'measure_trans', '{measure_summary,numeric}', 'measure_summary', true, NULL, true),
    ('f', 'measure_inv', '{measure_summary,"double precision"}', 'measure_summary', true, NULL, true),
    ('f', 'measure_inv', '{measure_summary,numeric}', 'measure_summary', true, NULL, true),
    ('f', 'measure_combine', '{measure_summary,measure_summary}', 'measure_summary', true, NULL, true),
    ('f', 'measure_rollup', '{measure_summary,measure_summary}', 'measure_summary', true, NULL, true),
    ('f', 'measure_subtract', '{measure_summary,measure_summary}', 'measure_summary', true, NULL, true),
    ('f', 'measure_add', '{measure_summary,measure_summary}', 'measure_summary', true, NULL, false),
    ('f', 'sample_size', '{measure_summary}', 'bigint', true, NULL, false),
    ('f', 'mean', '{measure_summary}', 'double precision', true, NULL, false),
    ('f', 'sample_variance', '{measure_summary}', 'double precision', true, NULL, false),
    ('f', 'sample_stddev', '{measure_summary}', 'double precision', true, NULL, false),
    ('f', 'mean_interval', '{measure_summary,"double precision"}', 'record', true, NULL, false),
    ('f', 'mean_test', '{measure_summary,measure_summary}', 'record', true, NULL, false),
    ('f', 'surge_score', '{"double precision",measure_summary}', 'double precision', true, NULL, false),
    ('a', 'measure_agg', '{"double precision"}', 'measure_summary', NULL, 'measure_summary', false),
    ('a', 'measure_agg', '{numeric}', 'measure_summary', NULL, 'measure_summary', false),
    ('a', 'rollup', '{measure_summary}', 'measure_summary', NULL, 'measure_summary', false),
    ('f', 'engagement_state_in', '{cstring}', 'engagement_state', true, NULL, true),
    ('f', 'engagement_state_out', '{engagement_state}', 'cstring', true, NULL, true),
    ('f', 'engagement_state_recv', '{internal}', 'engagement_state', true, NULL, true),
    ('f', 'engagement_state_send', '{engagement_state}', 'bytea', true, NULL, true),
    ('f', 'engagement_trans', '{engagement_state,"timestamp with time zone","double precision","timestamp with time zone",interval}', 'engagement_state', true, NULL, true),
    ('f', 'engagement_inv', '{engagement_state,"timestamp with time zone","double precision","timestamp with time zone",interval}', 'engagement_state', true, NULL, true),
    ('f', 'engagement_combine', '{engagement_state,engagement_state}', 'engagement_state', true, NULL, true),
    ('f', 'engagement_final', '{engagement_state}', 'double precision', true, NULL, true),
    ('a', 'engagement_score', '{"timestamp with time zone","double precision","timestamp with time zone",interval}', 'double precision', NULL, 'engagement_state', false),
    -- abm 1.2: multi-touch attribution, window functions ('w'; they handle NULLs themselves)
    ('w', 'attribution_weight', '{text}', 'double precision', false, NULL, false),
    ('w', 'attribution_weight', '{text,"timestamp with time zone","timestamp with time zone",interval}', 'double precision', false, NULL, false),
    ('w', 'attribution_weight', '{text,text[]}', 'double precision', false, NULL, false),
    ('w', 'attribution_weight', '{"double precision","double precision","double precision"}', 'double precision', false, NULL, false),
    ('w', 'attributed_amount', '{numeric,text}', 'numeric', false, NULL, false),
    ('w', 'attributed_amount', '{numeric,text,"timestamp with time zone","timestamp with time zone",interval}', 'numeric', false, NULL, false),
    ('w', 'attributed_amount', '{numeric,text,text[]}', 'numeric', false, NULL, false),
    ('w', 'attributed_amount', '{numeric,"double precision","double precision","double precision"}', 'numeric', false, NULL, false),
    -- abm 1.2: pipeline_summary (issue 15)
    ('f', 'pipeline_summary_in', '{cstring}', 'pipeline_summary', true, NULL, true),
    ('f', 'pipeline_summary_out', '{pipeline_summary}', 'cstring', true, NULL, true),
    ('f', 'pipeline_summary_recv', '{internal}', 'pipeline_summary', true, NULL, true),
    ('f', 'pipeline_summary_send', '{pipeline_summary}', 'bytea', true, NULL, true),
    ('f', 'pipeline_trans', '{pipeline_summary,boolean,numeric,"timestamp with time zone","timestamp with time zone"}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_trans', '{pipeline_summary,boolean,"double precision","timestamp with time zone","timestamp with time zone"}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_trans', '{pipeline_summary,boolean,bigint,"timestamp with time zone","timestamp with time zone"}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_trans', '{pipeline_summary,boolean,integer,"timestamp with time zone","timestamp with time zone"}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_trans', '{pipeline_summary,boolean,numeric,"timestamp with time zone","timestamp with time zone",numeric}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_trans', '{pipeline_summary,boolean,"double precision","timestamp with time zone","timestamp with time zone",numeric}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_trans', '{pipeline_summary,boolean,bigint,"timestamp with time zone","timestamp with time zone",numeric}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_trans', '{pipeline_summary,boolean,integer,"timestamp with time zone","timestamp with time zone",numeric}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_trans', '{pipeline_summary,boolean,numeric,"timestamp with time zone","timestamp with time zone","double precision"}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_trans', '{pipeline_summary,boolean,"double precision","timestamp with time zone","timestamp with time zone","double precision"}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_trans', '{pipeline_summary,boolean,bigint,"timestamp with time zone","timestamp with time zone","double precision"}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_trans', '{pipeline_summary,boolean,integer,"timestamp with time zone","timestamp with time zone","double precision"}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_inv', '{pipeline_summary,boolean,numeric,"timestamp with time zone","timestamp with time zone"}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_inv', '{pipeline_summary,boolean,"double precision","timestamp with time zone","timestamp with time zone"}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_inv', '{pipeline_summary,boolean,bigint,"timestamp with time zone","timestamp with time zone"}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_inv', '{pipeline_summary,boolean,integer,"timestamp with time zone","timestamp with time zone"}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_inv', '{pipeline_summary,boolean,numeric,"timestamp with time zone","timestamp with time zone",numeric}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_inv', '{pipeline_summary,boolean,"double precision","timestamp with time zone","timestamp with time zone",numeric}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_inv', '{pipeline_summary,boolean,bigint,"timestamp with time zone","timestamp with time zone",numeric}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_inv', '{pipeline_summary,boolean,integer,"timestamp with time zone","timestamp with time zone",numeric}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_inv', '{pipeline_summary,boolean,numeric,"timestamp with time zone","timestamp with time zone","double precision"}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_inv', '{pipeline_summary,boolean,"double precision","timestamp with time zone","timestamp with time zone","double precision"}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_inv', '{pipeline_summary,boolean,bigint,"timestamp with time zone","timestamp with time zone","double precision"}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_inv', '{pipeline_summary,boolean,integer,"timestamp with time zone","timestamp with time zone","double precision"}', 'pipeline_summary', false, NULL, true),
    ('f', 'pipeline_combine', '{pipeline_summary,pipeline_summary}', 'pipeline_summary', true, NULL, true),
    ('f', 'pipeline_rollup', '{pipeline_summary,pipeline_summary}', 'pipeline_summary', true, NULL, true),
    ('f', 'pipeline_subtract', '{pipeline_summary,pipeline_summary}', 'pipeline_summary', true, NULL, true),
    ('f', 'pipeline_add', '{pipeline_summary,pipeline_summary}', 'pipeline_summary', true, NULL, false),
    ('f', 'opportunities', '{pipeline_summary}', 'bigint', true, NULL, false),
    ('f', 'open_opportunities', '{pipeline_summary}', 'bigint', true, NULL, false),
    ('f', 'won_opportunities', '{pipeline_summary}', 'bigint', true, NULL, false),
    ('f', 'lost_opportunities', '{pipeline_summary}', 'bigint', true, NULL, false),
    ('f', 'pipeline_amount', '{pipeline_summary}', 'numeric', true, NULL, false),
    ('f', 'weighted_pipeline', '{pipeline_summary}', 'numeric', true, NULL, false),
    ('f', 'won_amount', '{pipeline_summary}', 'numeric', true, NULL, false),
    ('f', 'lost_amount', '{pipeline_summary}', 'numeric', true, NULL, false),
    ('f', 'win_rate', '{pipeline_summary}', 'double precision', true, NULL, false),
    ('f', 'weighted_win_rate', '{pipeline_summary}', 'double precision', true, NULL, false),
    ('f', 'average_deal_size', '{pipeline_summary}', 'numeric', true, NULL, false),
    ('f', 'sales_cycle_days', '{pipeline_summary}', 'double precision', true, NULL, false),
    ('f', 'closed_cycle_days', '{pipeline_summary}', 'double precision', true, NULL, false),
    ('f', 'pipeline_velocity', '{pipeline_summary}', 'numeric', true, NULL, false),
    ('f', 'sales_cycle_days', '{pipeline_summary,"double precision"}', 'double precision', true, NULL, false),
    ('a', 'pipeline_agg', '{boolean,numeric,"timestamp with time zone","timestamp with time zone"}', 'pipeline_summary', NULL, 'pipeline_summary', false),
    ('a', 'pipeline_agg', '{boolean,"double precision","timestamp with time zone","timestamp with time zone"}', 'pipeline_summary', NULL, 'pipeline_summary', false),
    ('a', 'pipeline_agg', '{boolean,bigint,"timestamp with time zone","timestamp with time zone"}', 'pipeline_summary', NULL, 'pipeline_summary', false),
    ('a', 'pipeline_agg', '{boolean,integer,"timestamp with time zone","timestamp with time zone"}', 'pipeline_summary', NULL, 'pipeline_summary', false),
    ('a', 'pipeline_agg', '{boolean,numeric,"timestamp with time zone","timestamp with time zone",numeric}', 'pipeline_summary', NULL, 'pipeline_summary', false),
    ('a', 'pipeline_agg', '{boolean,"double precision","timestamp with time zone","timestamp with time zone",numeric}', 'pipeline_summary', NULL, 'pipeline_summary', false),
    ('a', 'pipeline_agg', '{boolean,bigint,"timestamp with time zone","timestamp with time zone",numeric}', 'pipeline_summary', NULL, 'pipeline_summary', false),
    ('a', 'pipeline_agg', '{boolean,integer,"timestamp with time zone","timestamp with time zone",numeric}', 'pipeline_summary', NULL, 'pipeline_summary', false),
    ('a', 'pipeline_agg', '{boolean,numeric,"timestamp with time zone","timestamp with time zone","double precision"}', 'pipeline_summary', NULL, 'pipeline_summary', false),
    ('a', 'pipeline_agg', '{boolean,"double precision","timestamp with time zone","timestamp with time zone","double precision"}', 'pipeline_summary', NULL, 'pipeline_summary', false),
    ('a', 'pipeline_agg', '{boolean,bigint,"timestamp with time zone","timestamp with time zone","double precision"}', 'pipeline_summary', NULL, 'pipeline_summary', false),
    ('a', 'pipeline_agg', '{boolean,integer,"timestamp with time zone","timestamp with time zone","double precision"}', 'pipeline_summary', NULL, 'pipeline_summary', false),
    ('a', 'rollup', '{pipeline_summary}', 'pipeline_summary', NULL, 'pipeline_summary', false),
    -- abm 1.2: renewal rates of retention_summary (issue 15)
    ('f', 'renewal_rate', '{retention_summary}', 'double precision', true, NULL, false),
    ('f', 'dollar_renewal_rate', '{retention_summary}', 'double precision', true, NULL, false),
    -- abm 1.2: media_summary, one summary per campaign-day
    ('f', 'media_summary_in', '{cstring}', 'media_summary', true, NULL, true),
    ('f', 'media_summary_out', '{media_summary}', 'cstring', true, NULL, true),
    ('f', 'media_summary_recv', '{internal}', 'media_summary', true, NULL, true),
    ('f', 'media_summary_send', '{media_summary}', 'bytea', true, NULL, true),
    ('f', 'media_trans', '{media_summary,bigint,bigint,numeric}', 'media_summary', false, NULL, true),
    ('f', 'media_inv', '{media_summary,bigint,bigint,numeric}', 'media_summary', false, NULL, true),
    ('f', 'media_trans', '{media_summary,bigint,bigint,numeric,bigint}', 'media_summary', false, NULL, true),
    ('f', 'media_inv', '{media_summary,bigint,bigint,numeric,bigint}', 'media_summary', false, NULL, true),
    ('f', 'media_trans', '{media_summary,bigint,bigint,numeric,bigint,bigint}', 'media_summary', false, NULL, true),
    ('f', 'media_inv', '{media_summary,bigint,bigint,numeric,bigint,bigint}', 'media_summary', false, NULL, true),
    ('f', 'media_trans', '{media_summary,bigint,bigint,"double precision"}', 'media_summary', false, NULL, true),
    ('f', 'media_inv', '{media_summary,bigint,bigint,"double precision"}', 'media_summary', false, NULL, true),
    ('f', 'media_trans', '{media_summary,bigint,bigint,"double precision",bigint}', 'media_summary', false, NULL, true),
    ('f', 'media_inv', '{media_summary,bigint,bigint,"double precision",bigint}', 'media_summary', false, NULL, true),
    ('f', 'media_trans', '{media_summary,bigint,bigint,"double precision",bigint,bigint}', 'media_summary', false, NULL, true),
    ('f', 'media_inv', '{media_summary,bigint,bigint,"double precision",bigint,bigint}', 'media_summary', false, NULL, true),
    ('f', 'media_trans', '{media_summary,bigint,bigint,bigint}', 'media_summary', false, NULL, true),
    ('f', 'media_inv', '{media_summary,bigint,bigint,bigint}', 'media_summary', false, NULL, true),
    ('f', 'media_trans', '{media_summary,bigint,bigint,bigint,bigint}', 'media_summary', false, NULL, true),
    ('f', 'media_inv', '{media_summary,bigint,bigint,bigint,bigint}', 'media_summary', false, NULL, true),
    ('f', 'media_trans', '{media_summary,bigint,bigint,bigint,bigint,bigint}', 'media_summary', false, NULL, true),
    ('f', 'media_inv', '{media_summary,bigint,bigint,bigint,bigint,bigint}', 'media_summary', false, NULL, true),
    ('f', 'media_trans', '{media_summary,bigint,bigint,integer}', 'media_summary', false, NULL, true),
    ('f', 'media_inv', '{media_summary,bigint,bigint,integer}', 'media_summary', false, NULL, true),
    ('f', 'media_trans', '{media_summary,bigint,bigint,integer,bigint}', 'media_summary', false, NULL, true),
    ('f', 'media_inv', '{media_summary,bigint,bigint,integer,bigint}', 'media_summary', false, NULL, true),
    ('f', 'media_trans', '{media_summary,bigint,bigint,integer,bigint,bigint}', 'media_summary', false, NULL, true),
    ('f', 'media_inv', '{media_summary,bigint,bigint,integer,bigint,bigint}', 'media_summary', false, NULL, true),
    ('f', 'media_combine', '{media_summary,media_summary}', 'media_summary', true, NULL, true),
    ('f', 'media_rollup', '{media_summary,media_summary}', 'media_summary', true, NULL, true),
    ('f', 'media_subtract', '{media_summary,media_summary}', 'media_summary', true, NULL, true),
    ('f', 'media_add', '{media_summary,media_summary}', 'media_summary', true, NULL, false),
    ('f', 'ctr', '{media_summary}', 'double precision', true, NULL, false),
    ('f', 'vtr', '{media_summary}', 'double precision', true, NULL, false),
    ('f', 'conversions_per_click', '{media_summary}', 'double precision', true, NULL, false),
    ('f', 'cpc', '{media_summary}', 'numeric', true, NULL, false),
    ('f', 'cpm', '{media_summary}', 'numeric', true, NULL, false),
    ('f', 'cost_per_conversion', '{media_summary}', 'numeric', true, NULL, false),
    ('f', 'impressions', '{media_summary}', 'bigint', true, NULL, false),
    ('f', 'clicks', '{media_summary}', 'bigint', true, NULL, false),
    ('f', 'completed_views', '{media_summary}', 'bigint', true, NULL, false),
    ('f', 'conversions', '{media_summary}', 'bigint', true, NULL, false),
    ('f', 'spend', '{media_summary}', 'numeric', true, NULL, false),
    ('a', 'media_agg', '{bigint,bigint,numeric}', 'media_summary', NULL, 'media_summary', false),
    ('a', 'media_agg', '{bigint,bigint,numeric,bigint}', 'media_summary', NULL, 'media_summary', false),
    ('a', 'media_agg', '{bigint,bigint,numeric,bigint,bigint}', 'media_summary', NULL, 'media_summary', false),
    ('a', 'media_agg', '{bigint,bigint,"double precision"}', 'media_summary', NULL, 'media_summary', false),
    ('a', 'media_agg', '{bigint,bigint,"double precision",bigint}', 'media_summary', NULL, 'media_summary', false),
    ('a', 'media_agg', '{bigint,bigint,"double precision",bigint,bigint}', 'media_summary', NULL, 'media_summary', false),
    ('a', 'media_agg', '{bigint,bigint,bigint}', 'media_summary', NULL, 'media_summary', false),
    ('a', 'media_agg', '{bigint,bigint,bigint,bigint}', 'media_summary', NULL, 'media_summary', false),
    ('a', 'media_agg', '{bigint,bigint,bigint,bigint,bigint}', 'media_summary', NULL, 'media_summary', false),
    ('a', 'media_agg', '{bigint,bigint,integer}', 'media_summary', NULL, 'media_summary', false),
    ('a', 'media_agg', '{bigint,bigint,integer,bigint}', 'media_summary', NULL, 'media_summary', false),
    ('a', 'media_agg', '{bigint,bigint,integer,bigint,bigint}', 'media_summary', NULL, 'media_summary', false),
    ('a', 'rollup', '{media_summary}', 'media_summary', NULL, 'media_summary', false),
    -- abm 1.2: account_set, exact reach that rolls up
    ('f', 'account_set_in', '{cstring}', 'account_set', true, NULL, true),
    ('f', 'account_set_out', '{account_set}', 'cstring', true, NULL, true),
    ('f', 'account_set_recv', '{internal}', 'account_set', true, NULL, true),
    ('f', 'account_set_send', '{account_set}', 'bytea', true, NULL, true),
    ('f', 'account_set_trans', '{account_set,bigint}', 'account_set', true, NULL, true),
    ('f', 'account_set_combine', '{account_set,account_set}', 'account_set', true, NULL, true),
    ('f', 'reach', '{account_set}', 'bigint', true, NULL, false),
    ('f', 'account_ids', '{account_set}', 'setof bigint', true, NULL, false),
    ('f', 'account_set_union', '{account_set,account_set}', 'account_set', true, NULL, false),
    ('f', 'account_set_intersect', '{account_set,account_set}', 'account_set', true, NULL, false),
    ('f', 'account_set_except', '{account_set,account_set}', 'account_set', true, NULL, false),
    ('f', 'account_set_contains', '{account_set,bigint}', 'boolean', true, NULL, false),
    ('a', 'account_set_agg', '{bigint}', 'account_set', NULL, 'account_set', false),
    ('a', 'reach', '{bigint}', 'bigint', NULL, 'account_set', false),
    ('a', 'rollup', '{account_set}', 'account_set', NULL, 'account_set', false);
-- sig: the signature as regprocedure prints it
CREATE TEMP VIEW tap_api AS
    SELECT *, fname || '(' || array_to_string(args, ',') || ')' AS sig FROM tap_api_rows;

SELECT has_function(fname, args, format('%s exists', sig)) FROM tap_api;
SELECT function_returns(fname, args, rettype, format('%s returns %s', sig, rettype)) FROM tap_api;
SELECT CASE kind
       WHEN 'a' THEN is_aggregate(fname, args, format('%s is an aggregate', sig))
       WHEN 'w' THEN is_window(fname, args, format('%s is a window function', sig))
       ELSE isnt_aggregate(fname, args, format('%s is a plain function', sig)) END
  FROM tap_api;
SELECT volatility_is(fname, args, 'immutable', format('%s is IMMUTABLE', sig)) FROM tap_api;
SELECT CASE
       WHEN kind = 'a' THEN ok(EXISTS (SELECT 1 FROM pg_aggregate a
                                        WHERE a.aggfnoid = to_regprocedure(sig)
                                          AND a.aggtranstype = to_regtype(stype)
                                          AND a.aggcombinefn <> 0),
                               format('%s: state type %s, has a combine function', sig, stype))
       WHEN strict THEN is_strict(fname, args, format('%s is STRICT', sig))
       ELSE isnt_strict(fname, args, format('%s is not STRICT', sig)) END
  FROM tap_api;

------------------------------------------------------------------------------
-- Whole-extension checks (7)
------------------------------------------------------------------------------
CREATE TEMP VIEW tap_ext_procs AS
    SELECT p.* FROM pg_proc p
      JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
      JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'abm';

SELECT set_eq('SELECT oid::regprocedure::text FROM tap_ext_procs', 'SELECT sig FROM tap_api',
    'the extension has exactly the functions and aggregates listed here');
SELECT set_eq($$SELECT t.typname::text FROM pg_type t
                  JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
                  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'abm'
                 WHERE t.typcategory <> 'A'$$,
    $$VALUES ('abm_stage'), ('ratio_summary'), ('score_summary'), ('retention_summary'),
             ('cost_summary'), ('funnel_summary'), ('measure_summary'), ('engagement_state'),
             ('pipeline_summary'), ('media_summary'), ('account_set')$$,
    'the extension has exactly eleven types');
SELECT is(count(*), 0::bigint, 'every function and aggregate of the extension is PARALLEL SAFE')
  FROM pg_proc p
  JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'abm'
 WHERE p.proparallel <> 's';
SELECT is(count(*), 0::bigint, 'every aggregate of the extension has a combine function')
  FROM tap_ext_procs p JOIN pg_aggregate a ON a.aggfnoid = p.oid
 WHERE a.aggcombinefn = 0;
SELECT is(count(*), 0::bigint, 'no aggregate of the extension has an internal state')
  FROM tap_ext_procs p JOIN pg_aggregate a ON a.aggfnoid = p.oid
 WHERE a.aggtranstype = 'internal'::regtype;
SELECT is(count(*), 100::bigint, 'the extension has 100 aggregates (45 of 1.1, 55 of 1.2)')
  FROM tap_ext_procs p WHERE p.prokind = 'a';
SELECT set_eq($$SELECT p.oid::regprocedure::text FROM tap_ext_procs p JOIN pg_aggregate a ON a.aggfnoid = p.oid
                 WHERE a.aggminvtransfn = 0$$,
    $$VALUES ('min(abm_stage)'), ('max(abm_stage)'),
             ('account_set_agg(bigint)'), ('reach(bigint)'), ('rollup(account_set)')$$,
    'every aggregate has a moving-aggregate inverse except min/max(abm_stage) and the account_set ones (a union cannot be undone)');

------------------------------------------------------------------------------
-- Comments (11 types + 214 user-facing functions + 1 for all support functions = 226)
------------------------------------------------------------------------------
SELECT ok(obj_description(to_regtype(t), 'pg_type') IS NOT NULL, format('type %s has a comment', t))
  FROM unnest(ARRAY['abm_stage', 'ratio_summary', 'score_summary', 'retention_summary',
                    'cost_summary', 'funnel_summary', 'measure_summary', 'engagement_state',
                    'pipeline_summary', 'media_summary', 'account_set']) t;
SELECT ok(obj_description(to_regprocedure(sig), 'pg_proc') IS NOT NULL, format('%s has a comment', sig))
  FROM tap_api WHERE NOT support;
SELECT is(array_agg(sig ORDER BY sig) FILTER (WHERE obj_description(to_regprocedure(sig), 'pg_proc') IS NULL),
          NULL, 'support functions have a comment too')
  FROM tap_api WHERE support;

------------------------------------------------------------------------------
-- Casts (4)
------------------------------------------------------------------------------
SELECT has_cast('abm_stage', 'integer', 'stage_position', 'cast abm_stage -> integer via stage_position');
SELECT has_cast('integer', 'abm_stage', 'abm_stage', 'cast integer -> abm_stage via abm_stage(integer)');
SELECT cast_context_is('abm_stage', 'integer', 'explicit', 'abm_stage -> integer is explicit');
SELECT cast_context_is('integer', 'abm_stage', 'explicit', 'integer -> abm_stage is explicit');

------------------------------------------------------------------------------
-- Operators (20)
------------------------------------------------------------------------------
SELECT has_operator('abm_stage', op, 'abm_stage', 'boolean', format('abm_stage %s abm_stage exists', op))
  FROM unnest(ARRAY['<', '<=', '=', '<>', '>=', '>']) op;
SELECT has_operator(t, '+', t, t, format('%s + %s exists', t, t))
  FROM unnest(ARRAY['ratio_summary', 'score_summary', 'retention_summary', 'cost_summary', 'funnel_summary',
                     'measure_summary', 'pipeline_summary', 'media_summary']) t;
SELECT has_operator('account_set', op, 'account_set', 'account_set', format('account_set %s account_set exists', op))
  FROM unnest(ARRAY['|', '&', '-']) op;
SELECT has_operator('account_set', '@>', 'bigint', 'boolean', 'account_set @> bigint exists');
SELECT ok((SELECT oprcanhash AND oprcanmerge FROM pg_operator
            WHERE oid = '=(abm_stage,abm_stage)'::regoperator), 'abm_stage = supports hash and merge joins');

------------------------------------------------------------------------------
-- Operator classes (7)
------------------------------------------------------------------------------
SELECT is((SELECT string_agg(c.opcname || CASE WHEN c.opcdefault THEN ' (default)' ELSE '' END, ', ')
             FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
            WHERE c.opcintype = 'abm_stage'::regtype AND a.amname = 'btree'),
    'abm_stage_ops (default)', 'abm_stage_ops is the default btree operator class');
SELECT set_eq($$SELECT o.amopstrategy::int, o.amopopr::regoperator::text
                 FROM pg_amop o JOIN pg_opclass c ON c.opcfamily = o.amopfamily
                 JOIN pg_am a ON a.oid = c.opcmethod
                WHERE c.opcname = 'abm_stage_ops' AND a.amname = 'btree'$$,
    $$VALUES (1, '<(abm_stage,abm_stage)'), (2, '<=(abm_stage,abm_stage)'), (3, '=(abm_stage,abm_stage)'),
             (4, '>=(abm_stage,abm_stage)'), (5, '>(abm_stage,abm_stage)')$$,
    'btree strategies 1..5 are < <= = >= >');
SELECT set_eq($$SELECT p.amprocnum::int, p.amproc::regprocedure::text
                 FROM pg_amproc p JOIN pg_opclass c ON c.opcfamily = p.amprocfamily
                 JOIN pg_am a ON a.oid = c.opcmethod
                WHERE c.opcname = 'abm_stage_ops' AND a.amname = 'btree'$$,
    $$VALUES (1, 'abm_stage_cmp(abm_stage,abm_stage)')$$,
    'btree support function 1 is abm_stage_cmp');
SELECT is((SELECT string_agg(c.opcname || CASE WHEN c.opcdefault THEN ' (default)' ELSE '' END, ', ')
             FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
            WHERE c.opcintype = 'abm_stage'::regtype AND a.amname = 'hash'),
    'abm_stage_hash_ops (default)', 'abm_stage_hash_ops is the default hash operator class');
SELECT set_eq($$SELECT o.amopstrategy::int, o.amopopr::regoperator::text
                 FROM pg_amop o JOIN pg_opclass c ON c.opcfamily = o.amopfamily
                 JOIN pg_am a ON a.oid = c.opcmethod
                WHERE c.opcname = 'abm_stage_hash_ops' AND a.amname = 'hash'$$,
    $$VALUES (1, '=(abm_stage,abm_stage)')$$,
    'hash strategy 1 is =');
SELECT set_eq($$SELECT p.amprocnum::int, p.amproc::regprocedure::text
                 FROM pg_amproc p JOIN pg_opclass c ON c.opcfamily = p.amprocfamily
                 JOIN pg_am a ON a.oid = c.opcmethod
                WHERE c.opcname = 'abm_stage_hash_ops' AND a.amname = 'hash'$$,
    $$VALUES (1, 'abm_stage_hash(abm_stage)'), (2, 'abm_stage_hash_extended(abm_stage,bigint)')$$,
    'hash support functions 1 and 2');
SELECT is(count(*), 9::bigint, 'the nine comparison and hash functions are LEAKPROOF')
  FROM pg_proc
 WHERE proleakproof
   AND oid IN ('abm_stage_lt(abm_stage,abm_stage)'::regprocedure, 'abm_stage_le(abm_stage,abm_stage)'::regprocedure,
               'abm_stage_eq(abm_stage,abm_stage)'::regprocedure, 'abm_stage_ne(abm_stage,abm_stage)'::regprocedure,
               'abm_stage_ge(abm_stage,abm_stage)'::regprocedure, 'abm_stage_gt(abm_stage,abm_stage)'::regprocedure,
               'abm_stage_cmp(abm_stage,abm_stage)'::regprocedure, 'abm_stage_hash(abm_stage)'::regprocedure,
               'abm_stage_hash_extended(abm_stage,bigint)'::regprocedure);

------------------------------------------------------------------------------
-- abm_stage behaviour (16)
------------------------------------------------------------------------------
SELECT results_eq('SELECT i::abm_stage::text FROM generate_series(1, 6) i',
    $$VALUES ('target'), ('engaged'), ('opportunity'), ('won'), ('retained'), ('expanded')$$,
    'cast integer 1..6 -> the six stages in funnel order');
SELECT results_eq($$SELECT n::abm_stage::integer FROM unnest(ARRAY['target', 'engaged', 'opportunity', 'won', 'retained', 'expanded']) n$$,
    $$VALUES (1), (2), (3), (4), (5), (6)$$,
    'cast abm_stage -> integer gives the positions 1..6');
SELECT is(stage_position('retained') || ' ' || abm_stage(2)::text, '5 engaged', 'stage_position() and abm_stage(integer)');
SELECT is('  Won '::abm_stage::text, 'won', 'input ignores case and surrounding white space');
SELECT is(E'\tEXPANDED\n'::abm_stage::text, 'expanded', 'output is lower-case');
SELECT is((SELECT array_agg(s ORDER BY s)::text
             FROM unnest('{expanded,target,won,engaged,retained,opportunity,won}'::abm_stage[]) s),
    '{target,engaged,opportunity,won,won,retained,expanded}', 'ORDER BY sorts in funnel order');
SELECT is((SELECT min(s)::text FROM unnest('{won,engaged,retained}'::abm_stage[]) s), 'engaged', 'min(abm_stage)');
SELECT is((SELECT max(s)::text FROM unnest('{won,engaged,retained}'::abm_stage[]) s), 'retained', 'max(abm_stage)');
SELECT results_eq($$SELECT a < b, a <= b, a = b, a <> b, a >= b, a > b
                      FROM (VALUES ('engaged'::abm_stage, 'won'::abm_stage)) v(a, b)$$,
    $$VALUES (true, true, false, true, false, false)$$, 'engaged vs won: the six operators');
SELECT results_eq($$SELECT a < b, a <= b, a = b, a <> b, a >= b, a > b
                      FROM (VALUES ('won'::abm_stage, ' WON'::abm_stage)) v(a, b)$$,
    $$VALUES (false, true, true, false, true, false)$$, 'won vs won: the six operators');
SELECT ok(abm_stage_cmp('target', 'expanded') < 0 AND abm_stage_cmp('won', 'won') = 0
          AND abm_stage_cmp('retained', 'opportunity') > 0, 'abm_stage_cmp sign');
SELECT is(count(*), 6::bigint, 'abm_stage_hash_extended(s, 0) agrees with abm_stage_hash(s) in the low 32 bits')
  FROM generate_series(1, 6) i
 WHERE (abm_stage_hash_extended(abm_stage(i), 0) & 4294967295) = (abm_stage_hash(abm_stage(i))::bigint & 4294967295);
SELECT is(abm_stage_send('won'), '\x04'::bytea, 'binary form: one byte, the position');

CREATE TEMP TABLE tap_stage_idx ON COMMIT DROP AS
    SELECT abm_stage(1 + g % 6) AS s FROM generate_series(0, 599) g;
SELECT lives_ok('CREATE INDEX tap_stage_btree ON tap_stage_idx USING btree (s);
                 CREATE INDEX tap_stage_hash ON tap_stage_idx USING hash (s);
                 ANALYZE tap_stage_idx',
    'btree and hash indexes on abm_stage');
SET LOCAL enable_seqscan = off;
SELECT is((SELECT count(*) FROM tap_stage_idx WHERE s >= 'won') || ' ' ||
          (SELECT count(*) FROM tap_stage_idx WHERE s = 'engaged'),
    '300 100', 'index scans: 300 rows at or after won, 100 engaged');
SET LOCAL enable_seqscan = on;
SET LOCAL enable_sort = off;
SELECT is((SELECT count(*) FROM (SELECT s FROM tap_stage_idx GROUP BY s) g), 6::bigint,
    'hash aggregation finds the 6 distinct stages');
SET LOCAL enable_sort = on;

SELECT * FROM finish();
ROLLBACK;
