--
-- ratio_summary and the rate KPIs: win rate (by count and by amount),
-- conversion rate, rate, CTR, VTR and the email rates.
-- Every expected value is computed by hand in a comment and written into the
-- query, so a "t" column is the check.  Errors are followed by their SQLSTATE.
--
\set VERBOSITY default

--
-- Win rate: 3 won, 9 lost -> 0.25 (published).  Amount-weighted: 300,000 won
-- and 100,000 lost -> 0.75 (published).  Two open deals (NULL outcome) are
-- excluded even though they carry big amounts.
--   enterprise: won 100,000 + 150,000; lost 3 x 10,000; one open 500,000
--   mid:        won 50,000; lost 5 x 10,000 + 20,000
--   smb:        one open deal only
--   (NULL):     one row with nothing known
--
CREATE TEMP TABLE deals (id integer, segment text, won boolean, amount numeric);
INSERT INTO deals VALUES
  ( 1, 'enterprise', true,  100000.00),
  ( 2, 'enterprise', false,  10000.00),
  ( 3, 'mid',        false,  10000.00),
  ( 4, 'enterprise', NULL,  500000.00),
  ( 5, 'mid',        true,   50000.00),
  ( 6, 'enterprise', false,  10000.00),
  ( 7, 'mid',        false,  10000.00),
  ( 8, 'enterprise', true,  150000.00),
  ( 9, 'mid',        false,  20000.00),
  (10, 'mid',        false,  10000.00),
  (11, 'enterprise', false,  10000.00),
  (12, 'smb',        NULL,   70000.00),
  (13, 'mid',        false,  10000.00),
  (14, 'mid',        false,  10000.00),
  (15, NULL,         NULL,       NULL);

-- direct aggregates
SELECT win_rate(won) AS win_rate, win_rate(won) = 0.25 AS is_025,
       win_rate(won, amount) AS weighted, win_rate(won, amount) = 0.75 AS is_075
FROM deals;

-- the same through the summary and its accessors
SELECT ratio_agg(won) AS summary FROM deals;
SELECT ratio_agg(won, amount) AS summary FROM deals;
SELECT s::text = 'v1 successes=3 trials=12 success_amount=300000.00 trial_amount=400000.00' AS text_ok,
       successes(s) = 3 AS successes_3, trials(s) = 12 AS trials_12, failures(s) = 9 AS failures_9,
       success_amount(s) = 300000 AS won_300000, trial_amount(s) = 400000 AS decided_400000,
       rate(s) = 0.25 AS rate_025, win_rate(s) = 0.25 AS win_rate_025,
       conversion_rate(s) = 0.25 AS conversion_025, weighted_win_rate(s) = 0.75 AS weighted_075
FROM (SELECT ratio_agg(won, amount) AS s FROM deals) q;
SELECT successes(s), trials(s), failures(s), success_amount(s), trial_amount(s),
       rate(s), win_rate(s), conversion_rate(s), weighted_win_rate(s)
FROM (SELECT ratio_agg(won, amount) AS s FROM deals) q;
-- the summary of outcomes alone has no money: the weighted rate is NULL
SELECT weighted_win_rate(ratio_agg(won)) IS NULL AS no_amount_no_weighted_rate,
       win_rate(ratio_agg(won)) = 0.25 AS count_rate_025
FROM deals;

-- the same as plain SQL
SELECT win_rate(won) = (count(*) FILTER (WHERE won))::float8 / count(won) AS matches_sql,
       success_amount(ratio_agg(won, amount)) = sum(amount) FILTER (WHERE won) AS won_sum_sql,
       trial_amount(ratio_agg(won, amount)) = sum(amount) FILTER (WHERE won IS NOT NULL) AS decided_sum_sql
FROM deals;

-- GROUP BY, with a group of only open deals (smb) and a NULL group:
--   enterprise 2/5 = 0.4, by amount 250,000 / 280,000 = 25/28
--   mid 1/7, by amount 50,000 / 120,000 = 5/12; smb and NULL: nothing decided -> NULL
SELECT segment, ratio_agg(won, amount) AS summary, win_rate(won), win_rate(won, amount) AS weighted
FROM deals GROUP BY segment ORDER BY segment;
SELECT segment,
       win_rate(won) IS NOT DISTINCT FROM CASE segment WHEN 'enterprise' THEN 2::float8 / 5
                                                       WHEN 'mid' THEN 1::float8 / 7 END AS rate_ok,
       win_rate(won, amount) IS NOT DISTINCT FROM CASE segment WHEN 'enterprise' THEN 25::float8 / 28
                                                               WHEN 'mid' THEN 5::float8 / 12 END AS weighted_ok,
       win_rate(ratio_agg(won, amount)) IS NOT DISTINCT FROM win_rate(won) AS accessor_rate_ok,
       weighted_win_rate(ratio_agg(won, amount)) IS NOT DISTINCT FROM win_rate(won, amount) AS accessor_weighted_ok
FROM deals GROUP BY segment ORDER BY segment;

-- a running win rate (window aggregate), hand-computed row by row
SELECT d.id, d.won, win_rate(d.won) OVER (ORDER BY d.id) AS running,
       win_rate(d.won) OVER (ORDER BY d.id) = e.num::float8 / e.den AS ok
FROM deals d JOIN (VALUES (1, 1, 1), (2, 1, 2), (3, 1, 3), (4, 1, 3), (5, 2, 4), (6, 2, 5),
                          (7, 2, 6), (8, 3, 7), (9, 3, 8), (10, 3, 9), (11, 3, 10), (12, 3, 10),
                          (13, 3, 11), (14, 3, 12), (15, 3, 12)) e(id, num, den) USING (id)
ORDER BY d.id;
-- a moving frame of three deals restarts the state for every row:
-- e.g. deals 4..6 are (open, won, lost) -> 1/2, deals 11..13 are (lost, open, lost) -> 0/2
SELECT d.id, win_rate(d.won) OVER w AS last_three,
       win_rate(d.won) OVER w = e.num::float8 / e.den AS ok
FROM deals d JOIN (VALUES (1, 1, 1), (2, 1, 2), (3, 1, 3), (4, 0, 2), (5, 1, 2), (6, 1, 2),
                          (7, 1, 3), (8, 1, 3), (9, 1, 3), (10, 1, 3), (11, 0, 3), (12, 0, 2),
                          (13, 0, 2), (14, 0, 2), (15, 0, 2)) e(id, num, den) USING (id)
WINDOW w AS (ORDER BY d.id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)
ORDER BY d.id;

-- a moving frame gives exactly what the aggregate over the frame's rows gives,
-- decimal places included (money keeps the largest scale among the rows
-- summarized, like sum(numeric)): frames (1.5), (1.5, 2), (2, 3), (3, 4)
SELECT i, ratio_agg(true, a) OVER w AS moving, sum(a) OVER w AS sum_numeric,
       (ratio_agg(true, a) OVER w)::text = e.summary AS ok
FROM (VALUES (1, 1.5), (2, 2), (3, 3), (4, 4)) v(i, a)
JOIN (VALUES (1, 'v1 successes=1 trials=1 success_amount=1.5 trial_amount=1.5'),
             (2, 'v1 successes=2 trials=2 success_amount=3.5 trial_amount=3.5'),
             (3, 'v1 successes=2 trials=2 success_amount=5 trial_amount=5'),
             (4, 'v1 successes=2 trials=2 success_amount=7 trial_amount=7')) e(i, summary) USING (i)
WINDOW w AS (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
ORDER BY i;

-- a row with a NULL amount is skipped by the amount-weighted forms (it
-- cannot weigh), but counts for the plain win rate: (won, NULL), (lost, 10),
-- (won, 30) -> 2/3 by count, 30/40 by amount over 2 decided deals
SELECT win_rate(won) = 2::float8 / 3 AS by_count, win_rate(won, amount) = 0.75 AS by_amount,
       ratio_agg(won, amount)::text = 'v1 successes=1 trials=2 success_amount=30 trial_amount=40' AS text_ok
FROM (VALUES (true, NULL::numeric), (false, 10), (true, 30)) v(won, amount);

-- double precision money: converted exactly as float8::numeric, then summed exactly
SELECT win_rate(won, amount::float8) = 0.75 AS weighted_float8_075,
       ratio_agg(won, amount::float8)::text
         = 'v1 successes=3 trials=12 success_amount=300000 trial_amount=400000' AS text_ok
FROM deals;
-- 0.1 three times is exactly 0.3 (a float8 sum would give 0.30000000000000004)
SELECT success_amount(ratio_agg(won, amount)) AS exact, success_amount(ratio_agg(won, amount)) = 0.3 AS is_03,
       sum(amount) AS float8_sum
FROM (VALUES (true, 0.1::float8), (true, 0.1::float8), (true, 0.1::float8)) v(won, amount);
-- 1/3 as float8 enters as its 15-significant-digit numeric, 0.333333333333333
SELECT success_amount(ratio_agg(true, 1::float8 / 3)) = 0.333333333333333 AS fifteen_digits;
-- a negative zero is zero, not a negative amount
SELECT ratio_agg(won, amount)::text = 'v1 successes=1 trials=2 success_amount=0 trial_amount=5' AS neg_zero_ok
FROM (VALUES (true, '-0'::float8), (false, 5::float8)) v(won, amount);

--
-- Conversion rate: "10 conversions in 100 interactions = 0.10"; NULL rows skipped.
--
CREATE TEMP TABLE interactions AS
SELECT i, (i % 10 = 0) AS converted FROM generate_series(1, 100) i
UNION ALL SELECT 100 + i, NULL FROM generate_series(1, 5) i;
SELECT conversion_rate(converted) AS rate, conversion_rate(converted) = 0.1 AS is_010,
       conversion_rate(ratio_agg(converted)) = 0.1 AS accessor_010,
       ratio_agg(converted)::text = 'v1 successes=10 trials=100 success_amount=0 trial_amount=0' AS text_ok
FROM interactions;

--
-- Rates of per-row counts are ratios of sums, never means of per-row ratios:
-- clicks/impressions (30/1000, 20/1000, 0/500) -> 50/2500 = 0.02 (the mean of
-- the row ratios would be 0.0167).  Rows with a NULL count are skipped whole.
--
CREATE TEMP TABLE ads (ad text, clicks bigint, impressions bigint, views bigint);
INSERT INTO ads VALUES ('a', 30, 1000, 900), ('b', 20, 1000, 600), ('c', 0, 500, NULL),
                       ('d', NULL, 700, NULL), ('e', 5, NULL, NULL);
SELECT ctr(clicks, impressions) AS ctr, ctr(clicks, impressions) = 0.02 AS ctr_002,
       rate(clicks, impressions) = 0.02 AS rate_002,
       rate(ratio_agg(clicks, impressions)) = 0.02 AS accessor_002,
       ratio_agg(clicks, impressions)::text = 'v1 successes=50 trials=2500 success_amount=0 trial_amount=0' AS text_ok
FROM ads;
-- VTR: 1,500 completed views of 10,000 impressions -> 0.15 (published);
-- a and b: (900 of 6,000) + (600 of 4,000)
SELECT vtr(v, n) AS vtr, vtr(v, n) = 0.15 AS vtr_015, rate(ratio_agg(v, n)) = 0.15 AS accessor_015
FROM (VALUES (900::bigint, 6000::bigint), (600, 4000)) x(v, n);

--
-- Email (published): 10,000 sent, 150 bounced -> 9,850 delivered; 2,150 opens,
-- 430 clicks, 26 unsubscribes.  Two campaigns that add up to it:
--   A: 6,000 sent, 100 bounced, 1,300 opens, 260 clicks, 16 unsubscribes
--   B: 4,000 sent,  50 bounced,   850 opens, 170 clicks, 10 unsubscribes
-- open 2150/9850 = 0.218274..., click 430/9850 = 0.043655..., click-to-open
-- 430/2150 = 0.2, unsubscribe 26/9850 = 0.0026396...
--
CREATE TEMP TABLE email (campaign text, sent bigint, bounced bigint, opens bigint,
                         clicks bigint, unsubscribes bigint);
INSERT INTO email VALUES ('A', 6000, 100, 1300, 260, 16), ('B', 4000, 50, 850, 170, 10);
SELECT open_rate(opens, sent - bounced) AS open_rate,
       click_rate(clicks, sent - bounced) AS click_rate,
       click_to_open_rate(clicks, opens) AS click_to_open,
       unsubscribe_rate(unsubscribes, sent - bounced) AS unsubscribe_rate
FROM email;
SELECT open_rate(opens, sent - bounced) = 2150::float8 / 9850 AS open_ok,
       round(open_rate(opens, sent - bounced)::numeric, 6) = 0.218274 AS open_published,
       click_rate(clicks, sent - bounced) = 430::float8 / 9850 AS click_ok,
       round(click_rate(clicks, sent - bounced)::numeric, 6) = 0.043655 AS click_published,
       click_to_open_rate(clicks, opens) = 0.2 AS cto_ok,
       unsubscribe_rate(unsubscribes, sent - bounced) = 26::float8 / 9850 AS unsub_ok,
       round(unsubscribe_rate(unsubscribes, sent - bounced)::numeric, 7) = 0.0026396 AS unsub_published
FROM email;
SELECT rate(ratio_agg(opens, sent - bounced)) = 2150::float8 / 9850 AS open_accessor,
       rate(ratio_agg(clicks, sent - bounced)) = 430::float8 / 9850 AS click_accessor,
       rate(ratio_agg(clicks, opens)) = 0.2 AS cto_accessor,
       rate(ratio_agg(unsubscribes, sent - bounced)) = 26::float8 / 9850 AS unsub_accessor,
       ratio_agg(opens, sent - bounced)::text
         = 'v1 successes=2150 trials=9850 success_amount=0 trial_amount=0' AS text_ok
FROM email;

--
-- Empty input, all-NULL input and a FILTER that removes every row give NULL;
-- the summary of no rows is the empty summary.
--
SELECT win_rate(won) IS NULL AS empty_rate, win_rate(won, amount) IS NULL AS empty_weighted,
       conversion_rate(won) IS NULL AS empty_conversion,
       ratio_agg(won)::text = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0' AS empty_summary,
       rate(ratio_agg(won)) IS NULL AS empty_summary_rate,
       weighted_win_rate(ratio_agg(won, amount)) IS NULL AS empty_summary_weighted
FROM deals WHERE false;
SELECT win_rate(won) IS NULL AS all_null_rate, win_rate(won, amount) IS NULL AS all_null_weighted,
       ratio_agg(won, amount)::text = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0' AS all_null_summary
FROM deals WHERE won IS NULL;
SELECT rate(n, d) IS NULL AS all_null_counts, ctr(n, d) IS NULL AS all_null_ctr
FROM (VALUES (NULL::bigint, 10::bigint), (5, NULL), (NULL, NULL)) v(n, d);
SELECT win_rate(won) FILTER (WHERE amount > 1000000) IS NULL AS filtered_rate,
       win_rate(won, amount) FILTER (WHERE amount > 1000000) IS NULL AS filtered_weighted,
       ratio_agg(won) FILTER (WHERE amount > 1000000)::text
         = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0' AS filtered_summary,
       open_rate(opens, sent) FILTER (WHERE sent < 0) IS NULL AS filtered_open
FROM deals, email;
-- zero denominators: no impressions -> NULL; no money decided -> NULL weighted rate
SELECT rate(0, 0) IS NULL AS zero_of_zero, rate(0, 10) = 0 AS zero_of_ten, rate(10, 10) = 1 AS ten_of_ten,
       ctr(c, i) IS NULL AS no_impressions
FROM (VALUES (0::bigint, 0::bigint), (0, 0)) v(c, i);
SELECT win_rate(won) = 0.5 AS by_count, win_rate(won, amount) IS NULL AS weighted_null
FROM (VALUES (true, 0::numeric), (false, 0.00)) v(won, amount);
SELECT win_rate(won) = 1 AS all_won, win_rate(won, amount) = 1 AS all_won_weighted
FROM (VALUES (true, 5::numeric), (true, 7)) v(won, amount);
SELECT win_rate(won) = 0 AS all_lost, win_rate(won, amount) = 0 AS all_lost_weighted
FROM (VALUES (false, 5::numeric), (false, 7)) v(won, amount);

--
-- The + operator: exact sum of two summaries (NULL + s is NULL)
--
SELECT (SELECT ratio_agg(won, amount) FROM deals WHERE segment = 'enterprise')
     + (SELECT ratio_agg(won, amount) FROM deals WHERE segment = 'mid')
     + (SELECT ratio_agg(won, amount) FROM deals WHERE segment = 'smb') AS sum_of_segments;
SELECT ((SELECT ratio_agg(won, amount) FROM deals WHERE segment = 'enterprise')
      + (SELECT ratio_agg(won, amount) FROM deals WHERE segment IS DISTINCT FROM 'enterprise'))::text
     = (SELECT ratio_agg(won, amount) FROM deals)::text AS plus_equals_whole;
SELECT 'v1 successes=1 trials=2 success_amount=1.5 trial_amount=2'::ratio_summary
     + 'v1 successes=1 trials=1 success_amount=0.25 trial_amount=0.25'::ratio_summary AS mixed_scales;
SELECT ('v1 successes=1 trials=2 success_amount=1.5 trial_amount=2'::ratio_summary
      + 'v1 successes=1 trials=1 success_amount=0.25 trial_amount=0.25'::ratio_summary)::text
     = 'v1 successes=2 trials=3 success_amount=1.75 trial_amount=2.25' AS mixed_scales_ok,
       ('v1 successes=1 trials=1 success_amount=0.25 trial_amount=0.25'::ratio_summary
      + 'v1 successes=1 trials=2 success_amount=1.5 trial_amount=2'::ratio_summary)::text
     = 'v1 successes=2 trials=3 success_amount=1.75 trial_amount=2.25' AS commutes,
       ('v1 successes=1 trials=2 success_amount=1.5 trial_amount=2'::ratio_summary + NULL) IS NULL AS plus_null,
       ratio_add('v1 successes=0 trials=0 success_amount=0 trial_amount=0',
                 'v1 successes=3 trials=4 success_amount=0 trial_amount=0')::text
     = 'v1 successes=3 trials=4 success_amount=0 trial_amount=0' AS empty_is_identity;
-- a summary added to itself doubles; calling the transition or combine
-- function directly never changes its argument
SELECT s + s AS doubled, ratio_trans(s, true) AS plus_one_win, ratio_combine(s, s) AS combined, s AS unchanged
FROM (SELECT 'v1 successes=1 trials=2 success_amount=3 trial_amount=4'::ratio_summary AS s) q;

--
-- Bad input: 22003 for a number out of range, with the value in the message
--
SELECT win_rate(won, amount) FROM (VALUES (true, -1.50)) v(won, amount);
\echo SQLSTATE :SQLSTATE
SELECT ratio_agg(won, amount) FROM (VALUES (false, 'NaN'::numeric)) v(won, amount);
\echo SQLSTATE :SQLSTATE
SELECT win_rate(won, amount) FROM (VALUES (true, 'Infinity'::numeric)) v(won, amount);
\echo SQLSTATE :SQLSTATE
SELECT win_rate(won, amount) FROM (VALUES (false, '-Infinity'::numeric)) v(won, amount);
\echo SQLSTATE :SQLSTATE
SELECT win_rate(won, amount) FROM (VALUES (true, -0.5::float8)) v(won, amount);
\echo SQLSTATE :SQLSTATE
SELECT win_rate(won, amount) FROM (VALUES (true, 'NaN'::float8)) v(won, amount);
\echo SQLSTATE :SQLSTATE
SELECT ratio_agg(won, amount) FROM (VALUES (true, 'Infinity'::float8)) v(won, amount);
\echo SQLSTATE :SQLSTATE
SELECT win_rate(won, amount) FROM (VALUES (false, '-Infinity'::float8)) v(won, amount);
\echo SQLSTATE :SQLSTATE
-- the bad row is found after good ones too
SELECT win_rate(won, amount) FROM deals WHERE won IS NOT NULL
UNION ALL SELECT win_rate(won, amount) FROM (VALUES (true, 10), (false, -20)) v(won, amount);
\echo SQLSTATE :SQLSTATE
-- counts: negative, or numerator above denominator (a rate is a share in [0, 1])
SELECT rate(n, d) FROM (VALUES (-1::bigint, 10::bigint)) v(n, d);
\echo SQLSTATE :SQLSTATE
SELECT ctr(n, d) FROM (VALUES (1::bigint, -10::bigint)) v(n, d);
\echo SQLSTATE :SQLSTATE
SELECT open_rate(n, d) FROM (VALUES (11::bigint, 10::bigint)) v(n, d);
\echo SQLSTATE :SQLSTATE
SELECT ratio_agg(n, d) FROM (VALUES (5::bigint, 10::bigint), (1, 0)) v(n, d);
\echo SQLSTATE :SQLSTATE
-- counts that overflow 64 bits
SELECT rate(n, d) FROM (VALUES (9223372036854775807, 9223372036854775807), (1, 1)) v(n, d);
\echo SQLSTATE :SQLSTATE
SELECT 'v1 successes=9223372036854775807 trials=9223372036854775807 success_amount=0 trial_amount=0'::ratio_summary
     + 'v1 successes=0 trials=1 success_amount=0 trial_amount=0'::ratio_summary;
\echo SQLSTATE :SQLSTATE
-- the largest count still works: 2^63 - 1 trials, none won
SELECT rate(0, 9223372036854775807) = 0 AS max_count_ok;
-- money: sums are exact in 38 significant digits counting the decimal places
SELECT trial_amount(ratio_agg(false, a)) = 160000000000000000000000000000000000000 AS sixteen_e37_fits
FROM (SELECT 1e37 AS a FROM generate_series(1, 16)) g;
SELECT ratio_agg(false, a) FROM (SELECT 1e37 AS a FROM generate_series(1, 20)) g;
\echo SQLSTATE :SQLSTATE
SELECT ratio_agg(false, 1e39);
\echo SQLSTATE :SQLSTATE
-- the limit counts decimal places: 10^30 + 10^-8 is 10^38 + 1 units of 10^-8
-- and fits (2^127 is about 1.7 * 10^38); 10^31 + 10^-8 needs 10^39 units
SELECT trial_amount(ratio_agg(false, a)) = 1000000000000000000000000000000.00000001 AS fits
FROM (VALUES (1e30), (0.00000001)) v(a);
SELECT ratio_agg(false, a) FROM (VALUES (1e31), (0.00000001)) v(a);
\echo SQLSTATE :SQLSTATE
SELECT ratio_agg(false, 0.000000000000000000000000000000000000001);
\echo SQLSTATE :SQLSTATE

-- NULL arguments never raise: the row is skipped
SELECT ratio_agg(NULL::boolean, -1::numeric)::text
     = 'v1 successes=0 trials=0 success_amount=0 trial_amount=0' AS null_outcome_skips_row;

DROP TABLE deals, interactions, ads, email;
