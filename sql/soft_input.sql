--
-- Soft input errors (PostgreSQL 16+; this file runs only there, see the
-- Makefile): the text input of abm_stage and of every summary reports
-- through the caller's error-save context, so pg_input_is_valid() and
-- pg_input_error_info() answer instead of raising, with the same SQLSTATE and
-- message as the hard error of a cast.
--
\set VERBOSITY default

-- hard_error(value, type): the SQLSTATE and message a cast raises, or NULL.
CREATE FUNCTION pg_temp.hard_error(value text, type text, OUT code text, OUT message text)
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('SELECT %L::%s', value, type);
EXCEPTION WHEN others THEN
    GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, message = MESSAGE_TEXT;
END
$$;

CREATE TEMP TABLE inputs (type text, value text, valid boolean);
INSERT INTO inputs VALUES
    ('abm_stage', 'won', true),
    ('abm_stage', 'Won', true),     -- case-insensitive
    ('abm_stage', 'wonn', false),
    ('abm_stage', 'closed', false),
    ('ratio_summary', 'v1 successes=1 trials=2 success_amount=0 trial_amount=0', true),
    ('ratio_summary', 'v1 successes=3 trials=2 success_amount=0 trial_amount=0', false),
    ('ratio_summary', 'v1 successes=1 trials=x success_amount=0 trial_amount=0', false),
    ('ratio_summary', 'v2 successes=1 trials=2 success_amount=0 trial_amount=0', false),
    ('ratio_summary', 'v1 successes=0 trials=1 success_amount=0 trial_amount=1e400', false),
    ('score_summary', 'v1 scale=0-10 counts=1,0,0,0,0,0,0,0,0,0,2', true),
    ('score_summary', 'v1 scale=0-10 counts=1,0,0', false),
    ('score_summary', 'v1 scale=0-10 counts=0,0,0,0,0,0,0,0,0,9223372036854775807,1', false),
    ('retention_summary', 'v1 accounts=1 churned_accounts=0 new_accounts=0 start_revenue=10 expansion=2 contraction=0 churned_revenue=0 new_revenue=0', true),
    ('retention_summary', 'v1 accounts=1 churned_accounts=2 new_accounts=0 start_revenue=10 expansion=2 contraction=0 churned_revenue=0 new_revenue=0', false),
    ('cost_summary', 'v1 units=2 spend=10.50', true),
    ('cost_summary', 'v1 units=-2 spend=10.50', false),
    ('cost_summary', 'v1 units=2 spend=ten', false),
    ('funnel_summary', 'v1 furthest=1,0,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0', true),
    ('funnel_summary', 'v1 furthest=1,0,0,0,0 spend=0 step_n=0,0,0,0,0,0 step_us=0,0,0,0,0,0 touch_n=0,0,0,0,0,0 touch_us=0,0,0,0,0,0', false),
    ('account_set', '{1-1000,5000,7003-7010}', true),
    ('account_set', '{}', true),
    ('account_set', '{3,1}', false),
    ('account_set', '{1-5,3}', false),
    ('account_set', '{1,2', false),
    ('account_set', '{99999999999999999999}', false),
    ('account_set', '{-9223372036854775808-9223372036854775807}', false);

-- Every valid value is valid, every invalid one is not, and no call raises.
SELECT type, count(*) AS inputs,
       bool_and(pg_input_is_valid(value, type) = valid) AS answers_right
FROM inputs GROUP BY type ORDER BY type;

-- The soft error is the hard one: same SQLSTATE, same message.
SELECT i.type, e.sql_error_code, h.code = e.sql_error_code AS same_sqlstate,
       h.message = e.message AS same_message
FROM inputs i, pg_input_error_info(i.value, i.type) e, pg_temp.hard_error(i.value, i.type) h
WHERE NOT i.valid
ORDER BY i.type, i.value;

-- What a user sees for one of them.
SELECT * FROM pg_input_error_info('v1 successes=3 trials=2 success_amount=0 trial_amount=0', 'ratio_summary');
SELECT * FROM pg_input_error_info('closed', 'abm_stage');
