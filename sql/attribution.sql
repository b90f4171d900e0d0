--
-- Multi-touch attribution (1.2): attribution_weight and attributed_amount,
-- window functions over one conversion's touches.
--
-- Every expected value below is worked out by hand (the arithmetic is in the
-- comments) and written as a literal; the query shows the function's value
-- next to it and whether they agree (weights within 1e-12, money exactly).
--
\set VERBOSITY default

------------------------------------------------------------------------------
-- Position models.  Conversion c has touches 1..k (seq = touch order).
------------------------------------------------------------------------------
CREATE TEMP TABLE touches (c int, seq int, amount numeric);
INSERT INTO touches
SELECT c, seq, 100.00 FROM (VALUES (1, 1), (2, 2), (3, 3), (4, 4), (5, 5)) conv(c, k),
     generate_series(1, k) seq;

-- expected (c, seq, first, last, linear, u_shaped):
--   1 touch: everything 1 (first and last coincide, the middle share has
--            no touch: U-shaped 0.4 + 0.4, spread over that touch -> 1)
--   2 touches: U-shaped 0.4 / 0.4, the 0.2 spread in proportion -> 0.5 / 0.5
--   3 touches: U-shaped 0.4, 0.2, 0.4; linear 1/3 each
--   4 touches: U-shaped 0.4, 0.2/2 = 0.1, 0.1, 0.4 (the worked example);
--              linear 0.25 each (the worked example)
--   5 touches: U-shaped 0.4, 0.2/3, 0.2/3, 0.2/3, 0.4; linear 0.2
CREATE TEMP TABLE expected_position (c int, seq int, first float8, last float8, linear float8, u float8);
INSERT INTO expected_position VALUES
    (1, 1, 1, 1, 1, 1),
    (2, 1, 1, 0, 0.5, 0.5), (2, 2, 0, 1, 0.5, 0.5),
    (3, 1, 1, 0, 1/3.0, 0.4), (3, 2, 0, 0, 1/3.0, 0.2), (3, 3, 0, 1, 1/3.0, 0.4),
    (4, 1, 1, 0, 0.25, 0.4), (4, 2, 0, 0, 0.25, 0.1), (4, 3, 0, 0, 0.25, 0.1), (4, 4, 0, 1, 0.25, 0.4),
    (5, 1, 1, 0, 0.2, 0.4), (5, 2, 0, 0, 0.2, 0.2/3), (5, 3, 0, 0, 0.2, 0.2/3), (5, 4, 0, 0, 0.2, 0.2/3),
    (5, 5, 0, 1, 0.2, 0.4);

SELECT w.c, w.seq, round(w.u::numeric, 12) AS u_shaped, round(w.linear::numeric, 12) AS linear,
       w.first AS first_touch, w.last AS last_touch,
       abs(w.u - e.u) < 1e-12 AND abs(w.linear - e.linear) < 1e-12
         AND w.first = e.first AND w.last = e.last AS ok
FROM (SELECT c, seq,
             attribution_weight('u_shaped') OVER w AS u,
             attribution_weight('linear') OVER w AS linear,
             attribution_weight('first_touch') OVER w AS first,
             attribution_weight('last_touch') OVER w AS last
      FROM touches WINDOW w AS (PARTITION BY c ORDER BY seq)) w
JOIN expected_position e USING (c, seq)
ORDER BY c, seq;

-- The result reads the whole partition whatever the frame clause: the
-- same under the default frame, a one-row frame and a frame that excludes
-- the current row.
SELECT count(*) AS rows,
       count(*) FILTER (WHERE a = b AND b = d AND d = e) AS same_under_every_frame
FROM (SELECT attribution_weight('u_shaped') OVER (PARTITION BY c ORDER BY seq) AS a,
             attribution_weight('u_shaped') OVER (PARTITION BY c ORDER BY seq ROWS CURRENT ROW) AS b,
             attribution_weight('u_shaped') OVER (PARTITION BY c ORDER BY seq
                 ROWS BETWEEN 2 FOLLOWING AND 3 FOLLOWING EXCLUDE CURRENT ROW) AS d,
             attribution_weight('u_shaped') OVER (PARTITION BY c ORDER BY seq
                 RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS e
      FROM touches) f;

------------------------------------------------------------------------------
-- Money: credits at the amount's scale, summing exactly to the amount.
------------------------------------------------------------------------------
-- 100.00 = 10000 cents.
--   U-shaped, 4 touches: 4000, 1000, 1000, 4000 exactly.
--   U-shaped, 5 touches: quotas 4000, 666.67 x 3, 4000; floors sum to 9998;
--     the 2 cents left go to the largest remainders (the three middles tie
--     at 0.67), earliest first: 40.00, 6.67, 6.67, 6.66, 40.00.
--   linear, 3 touches: 3333.33 each; 1 cent left, to the earliest:
--     33.34, 33.33, 33.33.
SELECT c, seq, attributed_amount(amount, 'u_shaped') OVER w AS u_shaped,
       attributed_amount(amount, 'linear') OVER w AS linear,
       attributed_amount(amount, 'first_touch') OVER w AS first_touch,
       attributed_amount(amount, 'last_touch') OVER w AS last_touch
FROM touches WHERE c IN (3, 4, 5)
WINDOW w AS (PARTITION BY c ORDER BY seq)
ORDER BY c, seq;

-- Small amounts and scales (each a conversion of three touches, linear):
--   0.02 -> 2 cents: quotas 0.67 each, floors 0, 2 left -> 0.01, 0.01, 0.00
--   0.03 -> 0.01 each; 100 (scale 0) -> 34, 33, 33; 0 -> 0, 0, 0
--   1.0 on one row and 1.00 on the others: one amount, at the larger
--     scale: 100 cents -> 0.34, 0.33, 0.33
SELECT c, seq, amount, attributed_amount(amount, 'linear') OVER (PARTITION BY c ORDER BY seq) AS credit
FROM (VALUES (1, 1, 0.02), (1, 2, 0.02), (1, 3, 0.02),
             (2, 1, 0.03), (2, 2, 0.03), (2, 3, 0.03),
             (3, 1, 100), (3, 2, 100), (3, 3, 100),
             (4, 1, 0), (4, 2, 0), (4, 3, 0),
             (5, 1, 1.0), (5, 2, 1.00), (5, 3, 1.00)) v(c, seq, amount)
ORDER BY c, seq;

-- Amounts past 2^64 units take the exact 256-bit path.
--   10^30 over 3 (linear): 333...333 (30 digits) r 1 -> the first gets +1.
--   10^38 - 1 (38 nines) over 4 touches:
--     U-shaped (0.4, 0.1, 0.1, 0.4: quotas 4:1:1:4 of 10):
--       0.4 share = 39999999999999999999999999999999999999.6 -> floor 4 * 10^37 - 1
--       0.1 share =  9999999999999999999999999999999999999.9 -> floor 10^37 - 1
--       floors sum to 10^38 - 4: 3 units left, to the remainders .9, .9 (the
--       middles), then .6 of the first touch (it ties the last; earliest wins):
--       4 * 10^37, 10^37, 10^37, 4 * 10^37 - 1.
--     linear: 2.5 * 10^37 - 0.25 each -> floors 2.5 * 10^37 - 1, 3 units left,
--       all remainders .75 -> the first three touches: 2.5 * 10^37 x 3, then
--       2.5 * 10^37 - 1.
SELECT c, seq, attributed_amount(amount, 'linear') OVER w AS linear,
       attributed_amount(amount, 'u_shaped') OVER w AS u_shaped
FROM (SELECT 1 AS c, seq, 1000000000000000000000000000000::numeric AS amount FROM generate_series(1, 3) seq
      UNION ALL
      SELECT 2, seq, 99999999999999999999999999999999999999 FROM generate_series(1, 4) seq) v
WINDOW w AS (PARTITION BY c ORDER BY seq)
ORDER BY c, seq;

-- A NULL amount, or a NULL model: no credit (NULL), not an error.
SELECT seq, attributed_amount(NULL::numeric, 'linear') OVER w AS null_amount,
       attribution_weight(NULL::text) OVER w AS null_model,
       attributed_amount(1.00, NULL::text) OVER w AS null_model_amount
FROM generate_series(1, 2) seq WINDOW w AS (ORDER BY seq);

------------------------------------------------------------------------------
-- Ties: positions follow the window's ORDER BY.  Two touches at the same
-- time are ordered as the ORDER BY leaves them, so add a tie-breaker (id):
-- then the answer is fixed.
------------------------------------------------------------------------------
-- Three touches, two at the same time: ORDER BY touched_at, id.
--   first_touch: id 1 (10:00, first by id) gets 1.
--   linear of 1.00 (100 cents / 3 = 33.33): the extra cent to the earliest
--     by the full ORDER BY, id 1: 0.34, 0.33, 0.33.
SELECT id, touched_at, attribution_weight('first_touch') OVER w AS first_touch,
       attributed_amount(1.00, 'linear') OVER w AS linear
FROM (VALUES (2, '2026-01-01 10:00+00'::timestamptz), (1, '2026-01-01 10:00+00'), (3, '2026-01-02 10:00+00')) v(id, touched_at)
WINDOW w AS (ORDER BY touched_at, id)
ORDER BY touched_at, id;

------------------------------------------------------------------------------
-- Custom position weights.
------------------------------------------------------------------------------
-- (0.5, 0, 0.5) over 3: 0.5, 0, 0.5.  (0.3, 0.4, 0.3) over 2: the 0.4 has
-- no touch -> 0.5, 0.5.  (0.2, 0.6, 0.2) over 1: 1.  (0, 1, 0) over 3: 0, 1, 0.
-- (0, 1, 0) over 2 and over 1: no touch present has a share -> NULL.
-- (0.4, 0.2, 0.4) is U-shaped: over 4 -> 0.4, 0.1, 0.1, 0.4.
SELECT k, seq,
       attribution_weight(0.5, 0, 0.5) OVER w AS ends,
       attribution_weight(0.3, 0.4, 0.3) OVER w AS c_3_4_3,
       attribution_weight(0.2, 0.6, 0.2) OVER w AS c_2_6_2,
       attribution_weight(0, 1, 0) OVER w AS middle_only,
       round(attribution_weight(0.4, 0.2, 0.4) OVER w::numeric, 12) AS as_u_shaped,
       attributed_amount(10.00, 0, 1, 0) OVER w AS middle_only_amount
FROM (VALUES (1), (2), (3), (4)) conv(k), generate_series(1, k) seq
WINDOW w AS (PARTITION BY k ORDER BY seq)
ORDER BY k, seq;

------------------------------------------------------------------------------
-- Time decay: real time, not positions.
------------------------------------------------------------------------------
-- The worked example: half-life 7 days, touches 0, 7, 14 and 28 days before
-- the conversion: weights 1, 1/2, 1/4, 1/16, sum 29/16:
--   16/29 = 0.5517241379, 8/29 = 0.2758620690, 4/29 = 0.1379310345,
--   1/29 = 0.0344827586.  100.00: 5517.24, 2758.62, 1379.31, 344.83 cents;
--   floors sum to 9998; the 2 cents to the remainders .83 and .62:
--   55.17, 27.59, 13.79, 3.45.
SELECT days_before, round(w::numeric, 10) AS weight,
       abs(w - expected) < 1e-12 AS ok, credit
FROM (SELECT days_before, expected,
             attribution_weight('time_decay', conv - days_before * interval '1 day', conv, '7 days') OVER w AS w,
             attributed_amount(100.00, 'time_decay', conv - days_before * interval '1 day', conv, '7 days') OVER w AS credit
      FROM (VALUES (0, 16/29.0), (7, 8/29.0), (14, 4/29.0), (28, 1/29.0)) v(days_before, expected),
           (VALUES ('2026-03-01 12:00+00'::timestamptz)) c(conv)
      WINDOW w AS (ORDER BY days_before DESC)) t
ORDER BY days_before DESC;

-- Real time, not row positions: touches 1 day and 15 days before (2 half-lives
-- apart) weigh 1 : 1/4 -> 0.8, 0.2, although they are neighbours.
-- A touch after the conversion earns nothing: touches 14 and 7 days before and
-- 1 day after -> 1/4 : 1/2 : 0 -> 1/3, 2/3, 0.
-- A touch at the moment of conversion is not after it: it earns 2^0.
-- A NULL touch time (or conversion time, or an infinite one) cannot be placed
-- in time: the touch earns nothing, as one after the conversion.
-- Every touch after the conversion: no credit (NULL).
-- A half-life of '1 mon' counts 30 days (as extract(epoch) does): touches 0
-- and 30 days before -> 1 : 1/2 -> 2/3, 1/3.
CREATE TEMP TABLE decay (c int, seq int, touched_at timestamptz, converted_at timestamptz,
                         half_life interval, expected float8);
INSERT INTO decay VALUES
    (1, 1, '2026-02-14', '2026-03-01', '7 days', 0.2),
    (1, 2, '2026-02-28', '2026-03-01', '7 days', 0.8),
    (2, 1, '2026-02-15', '2026-03-01', '7 days', 1/3.0),
    (2, 2, '2026-02-22', '2026-03-01', '7 days', 2/3.0),
    (2, 3, '2026-03-02', '2026-03-01', '7 days', 0),
    (3, 1, '2026-02-22', '2026-03-01', '7 days', 1/3.0),
    (3, 2, '2026-03-01', '2026-03-01', '7 days', 2/3.0),
    (4, 1, NULL, '2026-03-01', '7 days', 0),
    (4, 2, '2026-02-22', '2026-03-01', '7 days', 1),
    (4, 3, '-infinity', '2026-03-01', '7 days', 0),
    (4, 4, '2026-02-23', NULL, '7 days', 0),
    (5, 1, '2026-03-02', '2026-03-01', '7 days', NULL),
    (5, 2, '2026-03-03', '2026-03-01', '7 days', NULL),
    (6, 1, '2026-01-30', '2026-03-01', '1 mon', 1/3.0),
    (6, 2, '2026-03-01', '2026-03-01', '1 mon', 2/3.0);
SELECT c, seq, round(w::numeric, 12) AS weight, credit,
       abs(w - expected) < 1e-12 OR (w IS NULL AND expected IS NULL) AS ok
FROM (SELECT c, seq, expected,
             attribution_weight('time_decay', touched_at, converted_at, half_life) OVER w AS w,
             attributed_amount(3.00, 'time_decay', touched_at, converted_at, half_life) OVER w AS credit
      FROM decay WINDOW w AS (PARTITION BY c ORDER BY seq)) t
ORDER BY c, seq;

-- Touches 80 half-lives apart: 2^-80 / (1 + 2^-80) and 1 / (1 + 2^-80).  And
-- 2000 half-lives before the conversion (2^-2000 is below the smallest double):
-- the weights are taken relative to the most recent touch that earns, so they
-- do not all underflow to 0: 1/2, 1/2.
SELECT seq, attribution_weight('time_decay', touched_at, '2026-03-01', '1 day') OVER (ORDER BY seq) = expected AS ok
FROM (VALUES (1, '2025-12-01'::timestamptz, 2::float8 ^ -80 / (1 + 2::float8 ^ -80)),
             (2, '2026-02-19', 1 / (1 + 2::float8 ^ -80))) v(seq, touched_at, expected);
SELECT seq, attribution_weight('time_decay', touched_at, '2026-03-01', '1 hour') OVER (ORDER BY seq) AS weight
FROM (VALUES (1, '2025-12-01 00:00+00'::timestamptz), (2, '2025-12-01 00:00+00')) v(seq, touched_at);

------------------------------------------------------------------------------
-- W-shaped and full path (Marketo Measure).
------------------------------------------------------------------------------
-- c1  W-shaped: first, lead, -, opportunity, -: 0.3, 0.3, 0.05, 0.3, 0.05
-- c2  full path, 5 middle touches (the worked example):
--     first, lead, -, -, opportunity, -, -, -, won: 0.225 x 4, 0.1 / 5 = 0.02 each
-- c3  coinciding: the first touch is the lead creation (W-shaped):
--     0.3 + 0.3 = 0.6, then opportunity 0.3, rest 0.1
-- c4  missing opportunity (W-shaped): 0.3, 0.3, 0.1 of 0.7 -> 3/7, 3/7, 1/7
-- c5  two touches carry lead_created: the earliest takes it; the other is
--     "the rest" (W-shaped): 0.3, 0.3, 0.1, 0.3
-- c6  closed_won is no W-shaped milestone: that touch is "the rest":
--     0.3, 0.3, 0.3, 0.1
-- c7  one touch with every milestone: 1 (W-shaped and full path)
-- c8  full path, no closed_won, one rest touch: 0.225 x 3 + 0.1 = 0.775:
--     0.225 / 0.775 = 9/31 each, 0.1 / 0.775 = 4/31
-- c9  full path, every milestone on one later touch, 2 rest touches:
--     first 0.225, touch 2: 3 x 0.225 = 0.675, rest 0.05 each (sum 1)
-- c10 W-shaped, milestones NULL, empty, with NULL elements: no milestones:
--     first 0.3, the rest 0.1 / 2 each: 0.3 of 0.4 -> 3/4, 1/8, 1/8
CREATE TEMP TABLE journeys (c int, model text, seq int, milestones text[], expected float8);
INSERT INTO journeys VALUES
    (1, 'w_shaped', 1, '{}', 0.3), (1, 'w_shaped', 2, '{lead_created}', 0.3), (1, 'w_shaped', 3, NULL, 0.05),
    (1, 'w_shaped', 4, '{opportunity_created}', 0.3), (1, 'w_shaped', 5, NULL, 0.05),
    (2, 'full_path', 1, NULL, 0.225), (2, 'full_path', 2, '{lead_created}', 0.225), (2, 'full_path', 3, NULL, 0.02),
    (2, 'full_path', 4, NULL, 0.02), (2, 'full_path', 5, '{opportunity_created}', 0.225),
    (2, 'full_path', 6, NULL, 0.02), (2, 'full_path', 7, NULL, 0.02), (2, 'full_path', 8, NULL, 0.02),
    (2, 'full_path', 9, '{closed_won}', 0.225),
    (3, 'w_shaped', 1, '{lead_created}', 0.6), (3, 'w_shaped', 2, '{opportunity_created}', 0.3),
    (3, 'w_shaped', 3, NULL, 0.1),
    (4, 'w_shaped', 1, NULL, 3/7.0), (4, 'w_shaped', 2, '{lead_created}', 3/7.0), (4, 'w_shaped', 3, NULL, 1/7.0),
    (5, 'w_shaped', 1, NULL, 0.3), (5, 'w_shaped', 2, '{lead_created}', 0.3), (5, 'w_shaped', 3, '{lead_created}', 0.1),
    (5, 'w_shaped', 4, '{opportunity_created}', 0.3),
    (6, 'w_shaped', 1, NULL, 0.3), (6, 'w_shaped', 2, '{lead_created}', 0.3),
    (6, 'w_shaped', 3, '{opportunity_created}', 0.3), (6, 'w_shaped', 4, '{closed_won}', 0.1),
    (7, 'w_shaped', 1, '{lead_created,opportunity_created,closed_won}', 1),
    (7, 'full_path', 1, '{closed_won,lead_created,opportunity_created}', 1),
    (8, 'full_path', 1, NULL, 9/31.0), (8, 'full_path', 2, '{lead_created}', 9/31.0),
    (8, 'full_path', 3, '{opportunity_created}', 9/31.0), (8, 'full_path', 4, NULL, 4/31.0),
    (9, 'full_path', 1, NULL, 0.225), (9, 'full_path', 2, '{lead_created,opportunity_created,closed_won}', 0.675),
    (9, 'full_path', 3, NULL, 0.05), (9, 'full_path', 4, NULL, 0.05),
    (10, 'w_shaped', 1, NULL, 0.75), (10, 'w_shaped', 2, '{}', 0.125), (10, 'w_shaped', 3, '{NULL}', 0.125);
SELECT c, model, seq, milestones, round(w::numeric, 12) AS weight, abs(w - expected) < 1e-12 AS ok
FROM (SELECT *, attribution_weight(model, milestones) OVER (PARTITION BY c, model ORDER BY seq) AS w
      FROM journeys) t
ORDER BY c, model, seq;

-- Money under W-shaped, c1 with 1,000.00 = 100000 cents: 30000, 30000, 5000,
-- 30000, 5000 exactly; c4 with 1.00: 300/7 = 42.86, 42.86, 14.29 cents ->
-- floors 42, 42, 14 = 98, 2 cents to remainders .86, .86 (the .29 loses):
-- 0.43, 0.43, 0.14.
SELECT c, seq, attributed_amount(CASE c WHEN 1 THEN 1000.00 ELSE 1.00 END, model, milestones)
                   OVER (PARTITION BY c ORDER BY seq) AS credit
FROM journeys WHERE c IN (1, 4)
ORDER BY c, seq;

------------------------------------------------------------------------------
-- Sums over random data: over 100,000 random conversions (1 to 12 touches,
-- random amounts with 0 to 4 decimals, every model), the credits of each
-- conversion sum exactly to its amount, every credit is within one unit in
-- the last place of amount x weight, and the weights sum to 1 within 1e-12.
------------------------------------------------------------------------------
SELECT setseed(0.12);
CREATE TEMP TABLE random_touches AS
SELECT c, seq, amount, converted_at,
       converted_at - (random() * 60 - 5) * interval '1 day' AS touched_at,
       CASE WHEN random() < 0.25 THEN ARRAY[(ARRAY['lead_created', 'opportunity_created', 'closed_won'])[1 + floor(random() * 3)::int]] END AS milestones
FROM (SELECT c, 1 + floor(random() * 12)::int AS k,
             round((random() * 10 ^ (1 + floor(random() * 9)))::numeric, floor(random() * 5)::int) AS amount,
             '2026-03-01'::timestamptz + c * interval '1 hour' AS converted_at
      FROM generate_series(1, 100000) c) conv,
     generate_series(1, k) seq;

CREATE TEMP TABLE random_credits AS
SELECT c, amount, scale(amount) AS scale,
       attribution_weight('linear') OVER w AS w_linear, attributed_amount(amount, 'linear') OVER w AS a_linear,
       attribution_weight('u_shaped') OVER w AS w_u, attributed_amount(amount, 'u_shaped') OVER w AS a_u,
       attribution_weight('first_touch') OVER w AS w_first, attributed_amount(amount, 'first_touch') OVER w AS a_first,
       attribution_weight('time_decay', touched_at, converted_at, '7 days') OVER w AS w_decay,
       attributed_amount(amount, 'time_decay', touched_at, converted_at, '7 days') OVER w AS a_decay,
       attribution_weight('w_shaped', milestones) OVER w AS w_w, attributed_amount(amount, 'w_shaped', milestones) OVER w AS a_w,
       attribution_weight('full_path', milestones) OVER w AS w_full,
       attributed_amount(amount, 'full_path', milestones) OVER w AS a_full,
       attribution_weight(0.3, 0.3, 0.4) OVER w AS w_custom, attributed_amount(amount, 0.3, 0.3, 0.4) OVER w AS a_custom
FROM random_touches
WINDOW w AS (PARTITION BY c ORDER BY touched_at, seq);

-- credit within one unit of the last place of amount x weight, never negative
CREATE FUNCTION pg_temp.close(credit numeric, amount numeric, weight float8, scale int) RETURNS boolean
    LANGUAGE sql AS $$ SELECT credit >= 0 AND abs(credit - amount * weight::numeric) <= 10 ^ -scale::numeric $$;

SELECT count(*) AS conversions,
       count(*) FILTER (WHERE s_linear = amount AND s_u = amount AND s_first = amount AND s_w = amount
                          AND s_full = amount AND s_custom = amount) AS position_sums_exact,
       count(*) FILTER (WHERE s_decay = amount) AS decay_sums_exact,
       count(*) FILTER (WHERE s_decay IS NULL) AS decay_no_credit,
       count(*) FILTER (WHERE abs(ws_linear - 1) < 1e-12 AND abs(ws_u - 1) < 1e-12 AND abs(ws_w - 1) < 1e-12
                          AND abs(ws_full - 1) < 1e-12 AND abs(ws_custom - 1) < 1e-12
                          AND (ws_decay IS NULL OR abs(ws_decay - 1) < 1e-12)) AS weights_sum_to_1,
       count(*) FILTER (WHERE all_close) AS credits_within_one_unit,
       count(*) FILTER (WHERE all_scaled) AS credits_at_amount_scale
FROM (SELECT c, min(amount) AS amount,
             sum(a_linear) AS s_linear, sum(a_u) AS s_u, sum(a_first) AS s_first, sum(a_decay) AS s_decay,
             sum(a_w) AS s_w, sum(a_full) AS s_full, sum(a_custom) AS s_custom,
             sum(w_linear) AS ws_linear, sum(w_u) AS ws_u, sum(w_decay) AS ws_decay,
             sum(w_w) AS ws_w, sum(w_full) AS ws_full, sum(w_custom) AS ws_custom,
             bool_and(pg_temp.close(a_linear, amount, w_linear, scale) AND pg_temp.close(a_u, amount, w_u, scale)
                      AND pg_temp.close(a_first, amount, w_first, scale)
                      AND (a_decay IS NULL OR pg_temp.close(a_decay, amount, w_decay, scale))
                      AND pg_temp.close(a_w, amount, w_w, scale) AND pg_temp.close(a_full, amount, w_full, scale)
                      AND pg_temp.close(a_custom, amount, w_custom, scale)) AS all_close,
             bool_and(scale(a_linear) = scale AND scale(a_u) = scale AND scale(a_w) = scale
                      AND scale(a_custom) = scale) AS all_scaled
      FROM random_credits GROUP BY c) per_conversion;

-- Amounts of 20 to 38 digits (past 2^64 units: the 256-bit path), 2,000
-- conversions, time decay and W-shaped: the credits still sum exactly, and
-- each is within amount x 2^-48 (+ 1 unit) of amount x weight: the weight is
-- a double, the model's shares divided by their sum (a few units of its 53rd
-- bit off the exact ratio: 6/7 comes out as 0.8571428571428575), while the
-- credits carry the shares as 63-bit integer ratios.
SELECT setseed(0.34);
CREATE TEMP TABLE big_touches AS
SELECT c, seq, amount, converted_at, converted_at - (random() * 60 - 5) * interval '1 day' AS touched_at,
       CASE WHEN random() < 0.3 THEN ARRAY[(ARRAY['lead_created', 'opportunity_created'])[1 + floor(random() * 2)::int]] END AS milestones
FROM (SELECT c, 1 + floor(random() * 12)::int AS k,
             trunc((random() * 10 ^ (20 + floor(random() * 18)))::numeric) AS amount,
             '2026-03-01'::timestamptz + c * interval '1 hour' AS converted_at
      FROM generate_series(1, 2000) c) conv,
     generate_series(1, k) seq;
SELECT count(*) AS conversions,
       count(*) FILTER (WHERE s_decay = amount OR s_decay IS NULL) AS decay_sums_exact,
       count(*) FILTER (WHERE s_w = amount) AS w_sums_exact,
       count(*) FILTER (WHERE all_close) AS credits_close
FROM (SELECT c, min(amount) AS amount, sum(a_decay) AS s_decay, sum(a_w) AS s_w,
             bool_and((a_decay IS NULL OR abs(a_decay - amount * w_decay::text::numeric) <= amount * 2::numeric ^ -48 + 1)
                      AND abs(a_w - amount * w_w::text::numeric) <= amount * 2::numeric ^ -48 + 1) AS all_close
      FROM (SELECT c, amount,
                   attribution_weight('time_decay', touched_at, converted_at, '7 days') OVER w AS w_decay,
                   attributed_amount(amount, 'time_decay', touched_at, converted_at, '7 days') OVER w AS a_decay,
                   attribution_weight('w_shaped', milestones) OVER w AS w_w,
                   attributed_amount(amount, 'w_shaped', milestones) OVER w AS a_w
            FROM big_touches WINDOW w AS (PARTITION BY c ORDER BY touched_at, seq)) t
      GROUP BY c) g;

-- Every conversion whose touches all come after it has no time-decay credit,
-- and only those.
SELECT count(*) FILTER (WHERE no_credit <> all_after) AS mismatches
FROM (SELECT c, bool_and(touched_at > converted_at) AS all_after,
             bool_and(a IS NULL) AS no_credit
      FROM (SELECT c, touched_at, converted_at,
                   attributed_amount(amount, 'time_decay', touched_at, converted_at, '7 days')
                       OVER (PARTITION BY c ORDER BY touched_at, seq) AS a
            FROM random_touches) t
      GROUP BY c) g;

------------------------------------------------------------------------------
-- Forced parallel plans: the window runs above a Gather; the result does
-- not depend on the plan.
------------------------------------------------------------------------------
CREATE TABLE attr_par AS SELECT * FROM random_touches WHERE c <= 20000;
ANALYZE attr_par;
CREATE TEMP TABLE attr_serial AS
SELECT c, seq, attributed_amount(amount, 'u_shaped') OVER w AS a,
       attribution_weight('time_decay', touched_at, converted_at, '7 days') OVER w AS d
FROM attr_par WINDOW w AS (PARTITION BY c ORDER BY touched_at, seq);
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET enable_indexscan = off;
-- plan_has(query, text): does EXPLAIN (COSTS OFF) of the query mention the text?
CREATE FUNCTION pg_temp.plan_has(query text, node text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        IF line LIKE '%' || node || '%' THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END $$;
SELECT pg_temp.plan_has($$SELECT c, seq, attributed_amount(amount, 'u_shaped') OVER w AS a,
       attribution_weight('time_decay', touched_at, converted_at, '7 days') OVER w AS d
FROM attr_par WINDOW w AS (PARTITION BY c ORDER BY touched_at, seq)$$, 'Gather') AS parallel_plan;
SELECT count(*) AS rows, count(*) FILTER (WHERE s.a IS NOT DISTINCT FROM p.a AND s.d IS NOT DISTINCT FROM p.d) AS same_as_serial
FROM attr_serial s
JOIN (SELECT c, seq, attributed_amount(amount, 'u_shaped') OVER w AS a,
             attribution_weight('time_decay', touched_at, converted_at, '7 days') OVER w AS d
      FROM attr_par WINDOW w AS (PARTITION BY c ORDER BY touched_at, seq)) p USING (c, seq);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET enable_indexscan;
DROP TABLE attr_par;
