-- Invariants of the demo warehouse (demo/warehouse.sql): every figure the
-- dashboard shows must be derivable from the tables. Each query below counts
-- the rows that break one rule; the script stops with an error naming the
-- first rule broken. `make test` runs it after loading the warehouse.
--
--   psql -X -v ON_ERROR_STOP=1 -d DB -f demo/invariants.sql

\set ON_ERROR_STOP on
SET search_path = warehouse, public;
SET client_min_messages = warning;

CREATE TEMP TABLE invariants (rule text PRIMARY KEY, broken bigint NOT NULL);
INSERT INTO invariants
SELECT 'a touch names a contact of another account', count(*)
FROM touches AS t JOIN contacts AS c USING (contact_id) WHERE c.account_id <> t.account_id
UNION ALL
SELECT 'a touch names no contact', count(*)
FROM touches AS t WHERE NOT EXISTS (SELECT FROM contacts AS c WHERE c.contact_id = t.contact_id)
UNION ALL
SELECT 'a survey answer names a contact of another account', count(*)
FROM survey_responses AS r JOIN contacts AS c USING (contact_id) WHERE c.account_id <> r.account_id
UNION ALL
SELECT 'a stored daily summary has a CTR of 1 or more', count(*)
FROM daily_channel_summaries WHERE rate(clicks) >= 1 OR ctr(media) >= 1
UNION ALL
SELECT 'a touch after the period end', count(*)
FROM touches WHERE touched_at >= (SELECT period_end FROM settings)
UNION ALL
SELECT 'a survey answer after the period end', count(*)
FROM survey_responses WHERE responded_at >= (SELECT period_end FROM settings)
UNION ALL
SELECT 'an opportunity created or closed after the period end', count(*)
FROM opportunities WHERE created_at >= (SELECT period_end FROM settings)
                      OR closed_at >= (SELECT period_end FROM settings)
UNION ALL
SELECT 'a chat, call or demo after the period end', count(*)
FROM sales_activities WHERE happened_at >= (SELECT period_end FROM settings)
UNION ALL
SELECT 'a contract started after the period end', count(*)
FROM contracts WHERE starts_at >= (SELECT period_end FROM settings)
UNION ALL
SELECT 'a paid touch outside a campaign of its channel', count(*)
FROM touches AS t JOIN channels AS ch USING (channel)
LEFT JOIN campaigns AS c ON c.campaign_id = t.campaign_id AND c.channel = t.channel
                        AND t.touched_at::date BETWEEN c.starts_on AND c.ends_on
WHERE ch.paid AND c.campaign_id IS NULL
UNION ALL
SELECT 'an intent event after the period end', count(*)
FROM intent_events WHERE week + 7 > (SELECT period_end FROM settings)::date
UNION ALL
SELECT 'a stage reached after the period end', count(*)
FROM accounts WHERE EXISTS (SELECT FROM unnest(reached_at) AS r WHERE r >= (SELECT period_end FROM settings))
                 OR churned_at >= (SELECT period_end FROM settings)
UNION ALL
-- "engaged" is derivable: the account's third touch, and only engaged accounts have three
SELECT 'engaged is not the third touch', count(*)
FROM accounts AS a
LEFT JOIN (SELECT account_id, touched_at,
                  row_number() OVER (PARTITION BY account_id ORDER BY touched_at, touch_id) AS n
           FROM touches) AS t ON t.account_id = a.account_id AND t.n = 3
WHERE t.touched_at IS DISTINCT FROM a.reached_at[2]
UNION ALL
SELECT 'the first touch is not reached_at[1]', count(*)
FROM accounts AS a
WHERE a.reached_at[1] IS DISTINCT FROM (SELECT min(touched_at) FROM touches AS t WHERE t.account_id = a.account_id)
UNION ALL
SELECT 'a new-business deal and its account disagree on created or won', count(*)
FROM opportunities AS o JOIN accounts AS a USING (account_id)
WHERE o.kind = 'new business'
  AND (o.created_at <> a.reached_at[3]
       OR (o.status = 'won') <> (a.reached_at[4] IS NOT NULL)
       OR o.status = 'won' AND o.closed_at <> a.reached_at[4])
UNION ALL
SELECT 'an opportunity milestone touch is not at its opportunity''s date', count(*)
FROM touches AS t
LEFT JOIN opportunities AS o
       ON o.account_id = t.account_id AND o.kind = 'new business'
      AND t.touched_at = CASE WHEN 'opportunity_created' = ANY (t.milestones) THEN o.created_at ELSE o.closed_at END
WHERE t.milestones && '{opportunity_created,closed_won}' AND o.opportunity_id IS NULL
UNION ALL
-- the two reported years compare like with like (2023 is the ramp-up): 2024's
-- touches, opportunities created and NPS answers are within 35% of 2025's
SELECT '2024 is not within 35% of 2025: ' || measure, (abs(y2024 - y2025) > 0.35 * y2025)::integer
FROM (SELECT 'touches', count(*) FILTER (WHERE touched_at >= '2024-01-01' AND touched_at < '2025-01-01'),
             count(*) FILTER (WHERE touched_at >= '2025-01-01' AND touched_at < '2026-01-01')
      FROM touches
      UNION ALL
      SELECT 'opportunities created', count(*) FILTER (WHERE created_at >= '2024-01-01' AND created_at < '2025-01-01'),
             count(*) FILTER (WHERE created_at >= '2025-01-01' AND created_at < '2026-01-01')
      FROM opportunities
      UNION ALL
      SELECT 'NPS answers', count(*) FILTER (WHERE responded_at >= '2024-01-01' AND responded_at < '2025-01-01'),
             count(*) FILTER (WHERE responded_at >= '2025-01-01' AND responded_at < '2026-01-01')
      FROM survey_responses WHERE survey = 'nps') AS y(measure, y2024, y2025)
UNION ALL
SELECT 'no open pipeline with probabilities at the period end',
       (count(*) FILTER (WHERE status = 'open' AND probability IS NOT NULL) = 0)::integer
FROM opportunities;

SELECT rule, broken FROM invariants ORDER BY rule;

DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM invariants WHERE broken <> 0 ORDER BY rule LOOP
        RAISE EXCEPTION 'demo invariant broken: % (% rows)', r.rule, r.broken;
    END LOOP;
END
$$;
