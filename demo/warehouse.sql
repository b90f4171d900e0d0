-- The abm demo warehouse: a deterministic generator of a fictional B2B
-- account-based-marketing warehouse, three calendar years (2023, a ramp-up,
-- then 2024 and 2025, the two reported years, comparable with each other) of one
-- software company selling to ~5,000 accounts.
--
--   psql -X -v ON_ERROR_STOP=1 -v scale=1 -d DB -f demo/warehouse.sql
--
-- Needs the abm extension in DB. Rebuilds the schema `warehouse` from scratch.
-- `scale` (default 1) multiplies the accounts (5,000) and the touches
-- (~1,000,000); 0.1 makes a small one, 4 a large one.
--
-- Deterministic: every random draw is a hash of (row key, purpose), so the
-- same scale gives the same rows whatever the plan, the machine or the order
-- rows are produced in (no random(), no setseed()).
--
-- Shapes built in, so the dashboard has something to show:
--   * tier 1 accounts (10%) engage, convert and win more, and buy bigger;
--     a better ideal-customer-profile (ICP) fit helps at every step;
--   * paid channels differ: LinkedIn has the best CTR, display the worst,
--     connected TV is watched to the end but rarely clicked; email is opened
--     far more often than it is clicked;
--   * customers renew after a year or churn; renewals may expand or contract
--     their monthly revenue, so NRR and GRR differ;
--   * promoters are likelier among accounts that go on to expand, detractors
--     among those that churn; the connectors product scores lowest;
--   * intent surges on the product topics come before an opportunity, on the
--     competitor topic before a churn.
--
-- Consistent: every figure can be derived from the tables (demo/invariants.sql
-- checks it, and `make test` runs it). Touches name contacts of their own
-- account (a foreign key); an account's first touch and its engagement (its
-- third touch) are its reached_at[1] and [2]; the touches at an opportunity's
-- creation and a won deal's close carry those milestones; no event is dated
-- at or after the period end (2026-01-01) except forecasts (an open deal's
-- expected close, a renewal due); new accounts arrive evenly over the three years.

\set ON_ERROR_STOP on
\if :{?scale}
\else
\set scale 1
\endif

SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;  -- small tables; keep the load simple
DROP SCHEMA IF EXISTS warehouse CASCADE;
CREATE SCHEMA warehouse;
SET search_path = warehouse, public;

-- A uniform draw in [0, 1) from a key and a purpose ("salt"); the same
-- arguments always give the same value (hashint8extended is stable).
CREATE FUNCTION draw(key bigint, salt integer) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (hashint8extended(key, salt) & 281474976710655)::double precision / 281474976710656.0;

-- A roughly normal draw (mean 0, sd 1): the sum of four uniforms, rescaled.
CREATE FUNCTION draw_normal(key bigint, salt integer) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (draw(key, salt) + draw(key, salt + 1000) + draw(key, salt + 2000)
        + draw(key, salt + 3000) - 2.0) * sqrt(3.0);

-- An element of a list chosen with the given weights, by a uniform draw u.
CREATE FUNCTION pick(u double precision, choices text[], weights double precision[])
RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (SELECT c FROM (SELECT c, sum(w) OVER (ORDER BY i) / sum(w) OVER () AS upto
                       FROM unnest(choices, weights) WITH ORDINALITY AS t(c, w, i)) AS cum
        WHERE u < upto ORDER BY upto LIMIT 1);

CREATE TABLE settings AS
SELECT greatest(1, round(5000 * :scale))::integer AS account_count,
       greatest(1, round(1000000 * :scale))::integer AS touch_target,
       timestamptz '2023-01-01 00:00+00' AS period_start,
       timestamptz '2026-01-01 00:00+00' AS period_end;   -- "now" for the demo

------------------------------------------------------------------------------
-- Accounts and their way through the funnel
------------------------------------------------------------------------------
CREATE TABLE accounts (
    account_id     integer PRIMARY KEY,
    name           text NOT NULL,
    tier           smallint NOT NULL CHECK (tier BETWEEN 1 AND 3),
    industry       text NOT NULL,
    region         text NOT NULL,
    icp_fit        smallint NOT NULL CHECK (icp_fit BETWEEN 0 AND 100),
    is_target      boolean NOT NULL,
    furthest_stage abm_stage NOT NULL,
    -- when each of the six stages was reached, in funnel order; NULL = not (yet)
    reached_at     timestamptz[] NOT NULL CHECK (cardinality(reached_at) = 6),
    churned_at     timestamptz,          -- set when a customer did not renew
    first_contact  integer NOT NULL,     -- contacts are first_contact .. + contact_count - 1
    contact_count  integer NOT NULL
);

-- Step probabilities by tier, scaled by ICP fit (0.6x at fit 0 .. 1.4x at 100).
CREATE TEMP TABLE drafts AS
WITH base AS (
    SELECT a AS account_id,
           CASE WHEN draw(a, 1) < 0.10 THEN 1 WHEN draw(a, 1) < 0.40 THEN 2 ELSE 3 END AS tier,
           draw(a, 2) AS u_industry, draw(a, 3) AS u_region
    FROM generate_series(1, (SELECT account_count FROM settings)) AS a
), fitted AS (
    SELECT b.*,
           least(100, greatest(0, round(55 + 12 * (2 - tier) + 18 * draw_normal(account_id, 4))))::smallint AS icp_fit
    FROM base AS b
), odds AS (
    SELECT f.*,
           0.6 + 0.8 * icp_fit / 100.0 AS fit,
           (ARRAY[0.80, 0.60, 0.40])[tier] AS p_engage,
           (ARRAY[0.60, 0.45, 0.30])[tier] AS p_opportunity,
           (ARRAY[0.42, 0.32, 0.24])[tier] AS p_win
    FROM fitted AS f
)
SELECT account_id, tier, icp_fit,
       pick(u_industry, '{Software,Financial services,Healthcare,Manufacturing,Retail,Logistics,Energy,Education}',
            '{22,16,14,14,10,9,8,7}') AS industry,
       pick(u_region, '{North America,EMEA,APAC,LATAM}', '{45,32,15,8}') AS region,
       tier < 3 OR draw(account_id, 5) < 0.7 AS is_target,
       draw(account_id, 10) < least(0.97, p_engage * fit) AS engages,
       draw(account_id, 11) < least(0.95, p_opportunity * fit) AS opens,
       draw(account_id, 12) < least(0.90, p_win * fit) AS wins,
       draw(account_id, 14) < 0.80 + 0.05 * (3 - tier) AS renews,
       draw(account_id, 15) < 0.45 + 0.10 * (3 - tier) AS expands,
       draw(account_id, 16) < 0.15 AS contracts,
       -- days: first touches spread evenly over the three years (a steady inflow,
       -- so the second year is not a tail of the first), then the gaps between stages
       (draw(account_id, 20) * 1055)::integer AS first_day,
       (14 + draw(account_id, 21) * 60)::integer AS days_to_engage,
       (20 + draw(account_id, 22) * 90)::integer AS days_to_opportunity,
       (30 + draw(account_id, 23) * (ARRAY[150, 110, 80])[tier])::integer AS days_to_close,
       (20 + draw(account_id, 24) * 150)::integer AS days_to_expand
FROM odds;

INSERT INTO accounts
SELECT d.account_id,
       initcap((ARRAY['amber','birch','cedar','delta','ember','fjord','granite','harbor','iris','juniper',
                      'kestrel','lumen','maple','nimbus','onyx','pioneer','quartz','river','summit','tundra'])
               [1 + d.account_id % 20])
         || ' ' || initcap((ARRAY['labs','systems','health','logistics','partners','foods','energy','works',
                                  'analytics','holdings','retail','media','capital','robotics'])
                           [1 + (d.account_id / 20) % 14])
         || ' ' || d.account_id AS name,
       d.tier, d.industry, d.region, d.icp_fit, d.is_target,
       abm_stage(coalesce(array_position(
           array[true, t.engaged IS NOT NULL, t.opportunity IS NOT NULL, t.won IS NOT NULL,
                 t.retained IS NOT NULL, t.expanded IS NOT NULL], false) - 1, 6)) AS furthest_stage,
       array[t.first_touch, t.engaged, t.opportunity, t.won, t.retained, t.expanded],
       t.churned,
       0, 0
FROM drafts AS d
CROSS JOIN settings AS s
CROSS JOIN LATERAL (
    SELECT s.period_start + d.first_day * interval '1 day' + d.account_id % 86400 * interval '1 second' AS first_touch
) AS f
CROSS JOIN LATERAL (
    SELECT f.first_touch,
           e.engaged, o.opportunity, w.won, r.retained, x.expanded, c.churned
    FROM (SELECT CASE WHEN d.engages AND f.first_touch + d.days_to_engage * interval '1 day' < s.period_end
                                 THEN f.first_touch + d.days_to_engage * interval '1 day' END AS engaged) AS e
    CROSS JOIN LATERAL (SELECT CASE WHEN d.opens AND e.engaged + d.days_to_opportunity * interval '1 day' < s.period_end
                                    THEN e.engaged + d.days_to_opportunity * interval '1 day' END AS opportunity) AS o
    CROSS JOIN LATERAL (SELECT CASE WHEN d.wins THEN o.opportunity + d.days_to_close * interval '1 day' END AS won) AS w0
    CROSS JOIN LATERAL (SELECT CASE WHEN w0.won < s.period_end THEN w0.won END AS won) AS w
    -- a customer renews (is retained) a year after winning, if that year is over
    CROSS JOIN LATERAL (SELECT CASE WHEN d.renews AND w.won + interval '1 year' < s.period_end
                                    THEN w.won + interval '1 year' END AS retained) AS r
    CROSS JOIN LATERAL (SELECT CASE WHEN NOT d.renews AND w.won + interval '1 year' < s.period_end
                                    THEN w.won + interval '1 year' END AS churned) AS c
    -- a retained customer may expand some months after its renewal
    CROSS JOIN LATERAL (SELECT CASE WHEN d.expands AND r.retained + d.days_to_expand * interval '1 day' < s.period_end
                                    THEN r.retained + d.days_to_expand * interval '1 day' END AS expanded) AS x
) AS t;

------------------------------------------------------------------------------
-- Contacts and their buying roles
------------------------------------------------------------------------------
UPDATE accounts AS a
SET contact_count = n.contact_count,
    first_contact = 1 + n.before
FROM (SELECT account_id, contact_count,
             coalesce(sum(contact_count) OVER (ORDER BY account_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
      FROM (SELECT account_id, (ARRAY[9, 6, 3])[tier] + (draw(account_id, 30) * 5)::integer AS contact_count
            FROM accounts) AS c) AS n
WHERE n.account_id = a.account_id;

CREATE TABLE contacts (
    contact_id   integer PRIMARY KEY,
    account_id   integer NOT NULL REFERENCES accounts,
    buying_role  text NOT NULL,
    seniority    text NOT NULL
);
INSERT INTO contacts
SELECT a.first_contact + k, a.account_id,
       CASE WHEN k = 0 THEN 'decision maker'
            WHEN k = 1 THEN 'champion'
            ELSE pick(draw(a.first_contact + k, 31), '{influencer,user,procurement,technical evaluator}', '{40,30,10,20}')
       END,
       pick(draw(a.first_contact + k, 32), '{C-level,VP,Director,Manager,Individual contributor}', '{8,15,25,30,22}')
FROM accounts AS a
CROSS JOIN LATERAL generate_series(0, a.contact_count - 1) AS k;

------------------------------------------------------------------------------
-- Campaigns: one per paid channel and quarter
------------------------------------------------------------------------------
CREATE TABLE channels (
    channel      text PRIMARY KEY,
    paid         boolean NOT NULL,
    -- generator knobs: mean click-through (or open) rates and unit costs
    ctr          double precision,    -- clicks / impressions (email: clicks / delivered)
    cpm          numeric,             -- spend per 1,000 impressions (email: per 1,000 delivered)
    lead_rate    double precision,    -- leads / clicks
    cost_per_lead numeric,            -- spend per lead where bought per lead
    weight       double precision NOT NULL,  -- share of touches
    listed       smallint NOT NULL UNIQUE    -- order of the channels' bands of draws
);
INSERT INTO channels VALUES
    ('display',             true,  0.0012, 6.50,  0.04, NULL,   14, 1),
    ('connected tv',        true,  0.0006, 32.00, 0.03, NULL,    4, 2),
    ('linkedin',            true,  0.0055, 38.00, 0.09, NULL,   16, 3),
    ('email',               true,  0.028,  30.00,  0.07, NULL,   20, 4),
    ('content syndication', true,  NULL,   NULL,  0.60, 58.00,   6, 5),
    ('event',               true,  NULL,   NULL,  0.35, NULL,    3, 6),
    ('organic social',      false, NULL,   NULL,  NULL, NULL,    9, 7),
    ('web visit',           false, NULL,   NULL,  NULL, NULL,   28, 8);

CREATE TABLE campaigns (
    campaign_id  integer PRIMARY KEY,
    name         text NOT NULL,
    channel      text NOT NULL REFERENCES channels,
    starts_on    date NOT NULL,
    ends_on      date NOT NULL
);
INSERT INTO campaigns
SELECT row_number() OVER (ORDER BY q, c.channel),
       initcap(c.channel) || ' ' || to_char(q, 'YYYY "Q"Q'),
       c.channel, q::date, (q + interval '3 months - 1 day')::date
FROM channels AS c
CROSS JOIN generate_series(timestamp '2023-01-01', timestamp '2025-10-01', interval '3 months') AS q
WHERE c.paid;

------------------------------------------------------------------------------
-- Touches: every recorded interaction of an account's contact
------------------------------------------------------------------------------
-- The funnel's stages are read off the touches, so that every stage time in
-- accounts.reached_at can be derived again from this table:
--   * an account's first touch is its reached_at[1];
--   * an account is ENGAGED at its third touch (in touched_at, touch_id
--     order): reached_at[2] is that touch's time, and an account that never
--     engaged has one or two touches only;
--   * that third touch created the lead (milestone 'lead_created'); the touch
--     at the moment an opportunity opened carries 'opportunity_created', the
--     touch at a won deal's close 'closed_won' (for W-shaped and full-path
--     attribution).
-- Engaged accounts are touched until 120 days after their furthest stage,
-- customers until the end of the period; accounts further down the funnel are
-- touched more, and the counts are scaled so that the total is close to the
-- target (1,000,000 x scale).
CREATE TEMP TABLE touch_plan AS
WITH w AS (
    SELECT account_id, first_contact, contact_count, reached_at,
           (ARRAY[1.0, 3.0, 5.5, 7.0, 8.0, 9.0])[stage_position(furthest_stage)]
             * (ARRAY[1.6, 1.2, 1.0])[tier] * (0.5 + draw(account_id, 40)) AS weight,
           CASE WHEN reached_at[4] IS NOT NULL
                THEN (SELECT period_end FROM settings) - interval '1 second'
                ELSE least((SELECT period_end FROM settings) - interval '1 second',
                           reached_at[stage_position(furthest_stage)] + interval '120 days')
           END AS to_at
    FROM accounts
)
-- An engaged account is touched at a steady rate (its weight per day) from
-- its engagement on, so that late accounts are not crammed into a short span.
SELECT account_id, first_contact, contact_count, reached_at, to_at,
       CASE WHEN reached_at[2] IS NULL THEN 1 + (draw(account_id, 44) < 0.5)::integer
            ELSE greatest(5, round(weight * days * (SELECT touch_target FROM settings)
                                   / sum(weight * days) FILTER (WHERE reached_at[2] IS NOT NULL) OVER ()))::integer
       END AS touches
FROM w
CROSS JOIN LATERAL (SELECT greatest(1, extract(epoch FROM to_at - reached_at[2]) / 86400) AS days) AS l;

-- Each channel owns a band of [0, 1) as wide as its share of touches.
CREATE TEMP TABLE channel_bands AS
SELECT channel,
       (sum(weight) OVER w - weight) / sum(weight) OVER () AS lower,
       sum(weight) OVER w / sum(weight) OVER () AS upper
FROM channels
WINDOW w AS (ORDER BY listed);

-- Content: assets tagged by the funnel stage they serve. Syndicated downloads
-- and email clicks open an asset; accounts read top-of-funnel assets before an
-- opportunity and bottom-of-funnel ones (pricing, ROI) after.
CREATE TABLE content_assets (
    asset_id      integer PRIMARY KEY,
    title         text NOT NULL UNIQUE,
    funnel_stage  text NOT NULL CHECK (funnel_stage IN ('top', 'middle', 'bottom'))
);
INSERT INTO content_assets VALUES
    (1, 'The state of ABM (report)', 'top'), (2, 'Ten ABM myths (blog series)', 'top'),
    (3, 'Intent data explained (e-book)', 'top'), (4, 'ABM maturity quiz', 'top'),
    (5, 'Building a target account list (webinar)', 'middle'), (6, 'Customer story: Kestrel Labs', 'middle'),
    (7, 'Attribution models compared (guide)', 'middle'), (8, 'Product tour (video)', 'middle'),
    (9, 'ROI calculator', 'bottom'), (10, 'Pricing and packaging guide', 'bottom'),
    (11, 'Security and compliance pack', 'bottom'), (12, 'Implementation plan template', 'bottom');

CREATE TABLE touches (
    touch_id     bigint PRIMARY KEY,
    account_id   integer NOT NULL,
    contact_id   integer NOT NULL,
    channel      text NOT NULL,
    campaign_id  integer,                       -- NULL for unpaid channels
    touched_at   timestamptz NOT NULL,
    milestones   text[],                        -- lead_created, opportunity_created, closed_won
    page         text,                          -- web visits: the page; pricing and demo request are high value
    asset_id     integer,                       -- syndication downloads and email clicks
    seconds      integer,                       -- time spent on the page or asset
    -- web visits: true when the visitor was identified as the contact (a cookie
    -- from a form fill), false when only the account was known (reverse IP)
    identified   boolean,
    interaction  text,                          -- organic social: like, comment or share
    -- a form fill: a gated (syndicated) download or a demo request
    form_fill    boolean GENERATED ALWAYS AS (channel = 'content syndication' OR page = '/demo-request') STORED
);
INSERT INTO touches
SELECT t.touch_id, p.account_id,
       -- floor, not rounding: rounding would step into the next account's contacts
       p.first_contact + floor(draw(t.touch_id, 41) * p.contact_count)::integer,
       ch.channel, c.campaign_id, t.touched_at, t.milestones,
       CASE WHEN ch.channel = 'web visit'
            THEN CASE WHEN v.u < 0.30 THEN '/' WHEN v.u < 0.55 THEN '/blog' WHEN v.u < 0.75 THEN '/product'
                      WHEN v.u < 0.87 THEN '/docs' WHEN v.u < 0.97 THEN '/pricing' ELSE '/demo-request' END
       END,
       CASE WHEN ch.channel IN ('content syndication', 'email')
            THEN 1 + 4 * (CASE WHEN p.reached_at[3] <= t.touched_at THEN 1 + (v.u < 0.7)::integer
                               ELSE (v.u < 0.3)::integer END)
                   + floor(4 * draw(t.touch_id, 46))::integer
       END,
       CASE WHEN ch.channel IN ('web visit', 'content syndication', 'email')
            THEN round(20 + 400 * draw(t.touch_id, 47) * draw(t.touch_id, 48))::integer
       END,
       CASE WHEN ch.channel = 'web visit'
            THEN draw(t.touch_id, 49) < CASE WHEN r.engaged_at <= t.touched_at THEN 0.55 ELSE 0.15 END
       END,
       CASE WHEN ch.channel = 'organic social'
            THEN CASE WHEN draw(t.touch_id, 49) < 0.70 THEN 'like' WHEN draw(t.touch_id, 49) < 0.88 THEN 'comment'
                      ELSE 'share' END
       END
FROM touch_plan AS p
CROSS JOIN LATERAL generate_series(1, p.touches) AS k
CROSS JOIN LATERAL (SELECT p.account_id::bigint * 100000 + k AS key,
                           p.reached_at[1] AS first_at, p.reached_at[2] AS engaged_at) AS r
CROSS JOIN LATERAL (
    SELECT r.key AS touch_id,
           CASE WHEN k = 1 THEN r.first_at
                WHEN r.engaged_at IS NULL     -- never engaged: a second look within 120 days
                    THEN r.first_at + draw(r.key, 42) * (least(p.to_at, r.first_at + interval '120 days') - r.first_at)
                WHEN k = 2 THEN r.first_at + draw(r.key, 42) * (r.engaged_at - r.first_at)
                WHEN k = 3 THEN r.engaged_at
                WHEN k = 4 AND p.reached_at[3] IS NOT NULL THEN p.reached_at[3]
                WHEN k = 5 AND p.reached_at[4] IS NOT NULL THEN p.reached_at[4]
                ELSE r.engaged_at + (0.000001 + 0.999999 * draw(r.key, 42)) * (p.to_at - r.engaged_at)
           END AS touched_at,
           CASE WHEN r.engaged_at IS NULL THEN NULL
                WHEN k = 3 THEN '{lead_created}'::text[]
                WHEN k = 4 AND p.reached_at[3] IS NOT NULL THEN '{opportunity_created}'
                WHEN k = 5 AND p.reached_at[4] IS NOT NULL THEN '{closed_won}'
           END AS milestones
) AS t
CROSS JOIN LATERAL (SELECT draw(t.touch_id, 43) AS u) AS d
-- the page: engaged accounts look at pricing and ask for demos more often
CROSS JOIN LATERAL (SELECT CASE WHEN r.engaged_at <= t.touched_at THEN 0.2 + 0.8 * draw(t.touch_id, 45)
                                ELSE 0.95 * draw(t.touch_id, 45) END AS u) AS v
JOIN channel_bands AS ch ON d.u >= ch.lower AND d.u < ch.upper
LEFT JOIN campaigns AS c
       ON c.channel = ch.channel AND t.touched_at::date BETWEEN c.starts_on AND c.ends_on;
-- A paid touch outside every campaign (none with these dates) becomes a web visit.
UPDATE touches SET channel = 'web visit', page = '/', asset_id = NULL, identified = false
WHERE campaign_id IS NULL AND channel IN (SELECT channel FROM channels WHERE paid);
-- The foreign keys, checked once over the loaded table (row by row they would
-- triple the load). A touch names a contact of its own account: the key says so.
ALTER TABLE contacts ADD UNIQUE (contact_id, account_id);
ALTER TABLE touches
    ADD FOREIGN KEY (account_id) REFERENCES accounts,
    ADD FOREIGN KEY (contact_id, account_id) REFERENCES contacts (contact_id, account_id),
    ADD FOREIGN KEY (channel) REFERENCES channels,
    ADD FOREIGN KEY (campaign_id) REFERENCES campaigns,
    ADD FOREIGN KEY (asset_id) REFERENCES content_assets;
CREATE INDEX ON touches (account_id, touched_at);
CREATE INDEX ON touches (campaign_id, touched_at);

------------------------------------------------------------------------------
-- Campaign delivery by day: spend, impressions, clicks, views, email funnel
------------------------------------------------------------------------------
-- A campaign's clicks on a day are its touches that day; impressions, sends
-- and spend follow from the channel's rates with day-to-day noise.
CREATE TABLE campaign_days (
    campaign_id       integer NOT NULL REFERENCES campaigns,
    day               date NOT NULL,
    spend             numeric(12,2) NOT NULL,
    impressions       bigint,             -- ads; NULL for email, syndication, events
    clicks            bigint NOT NULL,    -- ads and email: clicks; events: attendees
    completed_views   bigint,             -- video (connected TV) only
    delivered         bigint,             -- email only
    opened            bigint,
    unsubscribed      bigint,
    leads             bigint NOT NULL,
    PRIMARY KEY (campaign_id, day)
);
INSERT INTO campaign_days
SELECT d.campaign_id, d.day,
       round(CASE
           WHEN ch.cpm IS NOT NULL THEN coalesce(imp.impressions, mail.delivered) * ch.cpm / 1000
           WHEN ch.cost_per_lead IS NOT NULL THEN l.leads * ch.cost_per_lead * (0.9 + 0.2 * u.u4::numeric)
           ELSE 900 + d.clicks * 120                  -- events: venue plus per attendee
       END, 2),
       imp.impressions,
       d.clicks,
       CASE WHEN ch.channel = 'connected tv' THEN round(imp.impressions * (0.88 + 0.08 * u.u3))::bigint END,
       mail.delivered,
       CASE WHEN ch.channel = 'email' THEN round(mail.delivered * (0.19 + 0.08 * u.u3))::bigint END,
       CASE WHEN ch.channel = 'email' THEN round(mail.delivered * 0.0015 * (0.5 + u.u4))::bigint END,
       l.leads
FROM (SELECT campaign_id, touched_at::date AS day, count(*) AS clicks
      FROM touches WHERE campaign_id IS NOT NULL GROUP BY 1, 2) AS d
JOIN campaigns AS c USING (campaign_id)
JOIN channels AS ch USING (channel)
CROSS JOIN LATERAL (SELECT d.campaign_id::bigint * 100000 + (d.day - date '2023-01-01') AS k) AS key
CROSS JOIN LATERAL (SELECT draw(key.k, 50) AS u1, draw(key.k, 51) AS u2,
                           draw(key.k, 52) AS u3, draw(key.k, 53) AS u4) AS u
CROSS JOIN LATERAL (
    SELECT CASE WHEN ch.channel <> 'email' AND ch.ctr IS NOT NULL
                THEN greatest(d.clicks, round(d.clicks / (ch.ctr * (0.7 + 0.6 * u.u1))))::bigint END AS impressions
) AS imp
CROSS JOIN LATERAL (
    SELECT CASE WHEN ch.channel = 'email'
                THEN greatest(d.clicks, round(d.clicks / (ch.ctr * (0.7 + 0.6 * u.u1))))::bigint END AS delivered
) AS mail
CROSS JOIN LATERAL (SELECT round(d.clicks * ch.lead_rate * (0.6 + 0.8 * u.u2))::bigint AS leads) AS l;

------------------------------------------------------------------------------
-- Opportunities: new business and expansion
------------------------------------------------------------------------------
CREATE TABLE opportunities (
    opportunity_id  integer PRIMARY KEY,
    account_id      integer NOT NULL REFERENCES accounts,
    kind            text NOT NULL CHECK (kind IN ('new business', 'expansion')),
    amount          numeric(14,2) NOT NULL,      -- annual contract value
    created_at      timestamptz NOT NULL,
    closed_at       timestamptz,                 -- NULL while open
    status          text NOT NULL CHECK (status IN ('won', 'lost', 'open')),
    won             boolean GENERATED ALWAYS AS (CASE status WHEN 'won' THEN true WHEN 'lost' THEN false END) STORED,
    -- open deals: the sales stage at the period end, its win probability and
    -- the forecast close (after the period end); closed deals: NULL
    stage           text CHECK (stage IN ('discovery', 'evaluation', 'proposal', 'negotiation')),
    probability     numeric(3,2) CHECK (probability BETWEEN 0 AND 1),
    expected_close_at timestamptz,
    CHECK ((status = 'open') = (closed_at IS NULL)),
    CHECK ((status = 'open') = (probability IS NOT NULL))
);
-- A deal closes days_to_close after it opened: won or lost, or still open if
-- that is after the end; an open deal's stage is how far through its cycle it
-- is at the end, and each stage has the usual forecast probability.
INSERT INTO opportunities (opportunity_id, account_id, kind, amount, created_at, closed_at, status,
                           stage, probability, expected_close_at)
SELECT a.account_id * 10 + 1, a.account_id, 'new business',
       round((ARRAY[96000, 38000, 14000])[a.tier] * exp(0.45 * draw_normal(a.account_id, 60))::numeric
             * (0.8 + 0.4 * a.icp_fit / 100.0), -2),
       a.reached_at[3],
       CASE WHEN c.closes_at < s.period_end THEN c.closes_at END,
       CASE WHEN c.closes_at >= s.period_end THEN 'open'
            WHEN a.reached_at[4] IS NOT NULL THEN 'won'
            ELSE 'lost' END,
       g.stage, g.probability,
       CASE WHEN c.closes_at >= s.period_end THEN c.closes_at END
FROM accounts AS a
JOIN drafts AS d USING (account_id)
CROSS JOIN settings AS s
CROSS JOIN LATERAL (SELECT a.reached_at[3] + d.days_to_close * interval '1 day' AS closes_at) AS c
CROSS JOIN LATERAL (
    SELECT (ARRAY['discovery', 'evaluation', 'proposal', 'negotiation'])[i] AS stage,
           (ARRAY[0.10, 0.25, 0.50, 0.75])[i] AS probability
    FROM (SELECT CASE WHEN c.closes_at >= s.period_end
                      THEN least(4, 1 + floor(4 * extract(epoch FROM s.period_end - a.reached_at[3])
                                              / extract(epoch FROM c.closes_at - a.reached_at[3])))::integer
                 END AS i) AS f
) AS g
WHERE a.reached_at[3] IS NOT NULL;

-- Expansion deals: won by the accounts that expanded, lost by some others;
-- each opens 45 days before it closes (or would close), and only deals opened
-- before the end exist.
INSERT INTO opportunities (opportunity_id, account_id, kind, amount, created_at, closed_at, status,
                           stage, probability, expected_close_at)
SELECT a.account_id * 10 + 2, a.account_id, 'expansion',
       round(o.amount * (0.15 + 0.35 * draw(a.account_id, 61))::numeric, -2),
       x.closes_at - interval '45 days',
       CASE WHEN x.closes_at < s.period_end THEN x.closes_at END,
       CASE WHEN a.reached_at[6] IS NOT NULL THEN 'won'
            WHEN x.closes_at < s.period_end THEN 'lost'
            ELSE 'open' END,
       CASE WHEN x.closes_at >= s.period_end THEN 'proposal' END,
       CASE WHEN x.closes_at >= s.period_end THEN 0.50 END,
       CASE WHEN x.closes_at >= s.period_end THEN x.closes_at END
FROM accounts AS a
JOIN opportunities AS o ON o.account_id = a.account_id AND o.kind = 'new business'
CROSS JOIN settings AS s
CROSS JOIN LATERAL (SELECT coalesce(a.reached_at[6], a.reached_at[5] + interval '60 days') AS closes_at) AS x
WHERE (a.reached_at[6] IS NOT NULL
       OR (a.reached_at[5] IS NOT NULL AND draw(a.account_id, 62) < 0.3))
  AND x.closes_at - interval '45 days' < s.period_end;

------------------------------------------------------------------------------
-- Subscriptions: monthly recurring revenue per customer and month
------------------------------------------------------------------------------
-- Revenue starts the month after the win at 1/12 of the contract; at renewal
-- a customer churns (revenue stops) or renews, some at a lower price
-- (contraction); a won expansion deal adds 1/12 of its amount from then on.
CREATE TABLE subscriptions (
    account_id  integer NOT NULL REFERENCES accounts,
    month       date NOT NULL,
    mrr         numeric(12,2) NOT NULL CHECK (mrr > 0),
    PRIMARY KEY (account_id, month)
);
INSERT INTO subscriptions
SELECT a.account_id, m::date,
       round(nb.amount / 12
             * CASE WHEN d.contracts AND a.reached_at[5] <= m THEN 0.6 + 0.3 * draw(a.account_id, 70)::numeric ELSE 1 END
             + CASE WHEN a.reached_at[6] <= m THEN coalesce(x.amount, 0) / 12 ELSE 0 END, 2)
FROM accounts AS a
JOIN drafts AS d USING (account_id)
JOIN opportunities AS nb ON nb.account_id = a.account_id AND nb.kind = 'new business' AND nb.status = 'won'
LEFT JOIN opportunities AS x ON x.account_id = a.account_id AND x.kind = 'expansion' AND x.status = 'won'
CROSS JOIN settings AS s
CROSS JOIN LATERAL generate_series(date_trunc('month', a.reached_at[4]) + interval '1 month',
                                   date_trunc('month', coalesce(a.churned_at, s.period_end) - interval '1 day'),
                                   interval '1 month') AS m;

------------------------------------------------------------------------------
-- Surveys: quarterly NPS of customers' contacts; CSAT after support tickets
------------------------------------------------------------------------------
-- Products: every customer runs the platform; NPS answers rate the product the
-- contact uses most, CSAT the product its support ticket was about.
CREATE TABLE products (
    product  text PRIMARY KEY,
    listed   smallint NOT NULL UNIQUE
);
INSERT INTO products VALUES ('platform', 1), ('analytics', 2), ('connectors', 3);

CREATE TABLE survey_responses (
    response_id   bigint PRIMARY KEY,
    product       text NOT NULL REFERENCES products,
    survey        text NOT NULL CHECK (survey IN ('nps', 'csat')),
    account_id    integer NOT NULL REFERENCES accounts,
    contact_id    integer NOT NULL,
    score         smallint NOT NULL,
    responded_at  timestamptz NOT NULL,
    FOREIGN KEY (contact_id, account_id) REFERENCES contacts (contact_id, account_id),
    CHECK (survey = 'nps' AND score BETWEEN 0 AND 10 OR survey = 'csat' AND score BETWEEN 1 AND 5)
);
-- Each quarter's NPS survey goes to a panel of customers' contacts: each
-- contact answers with probability 0.5, or less once the customer base is
-- large enough to fill the panel (about 0.12 answers per account and quarter,
-- 600 at scale 1), so the answers per year stay comparable while customers
-- accumulate. The mood follows the account's future (expands, churns).
INSERT INTO survey_responses (response_id, product, survey, account_id, contact_id, score, responded_at)
SELECT response_id, product, survey, account_id, contact_id, score, responded_at
FROM (
SELECT r.key AS response_id,
       CASE WHEN draw(c.contact_id, 83) < 0.55 THEN 'platform' WHEN draw(c.contact_id, 83) < 0.85 THEN 'analytics'
            ELSE 'connectors' END AS product,
       'nps' AS survey, a.account_id, c.contact_id,
       least(10, greatest(0, round(mood.mu + 2.1 * draw_normal(r.key, 81))))::smallint AS score,
       q + draw(r.key, 82) * interval '80 days' AS responded_at,
       draw(r.key, 80) AS u,
       0.12 * s.account_count / count(*) OVER (PARTITION BY q) AS panel_odds
FROM accounts AS a
JOIN drafts AS d USING (account_id)
JOIN contacts AS c ON c.account_id = a.account_id
CROSS JOIN settings AS s
CROSS JOIN LATERAL generate_series(date_trunc('quarter', a.reached_at[4]) + interval '3 months',
                                   date_trunc('quarter', coalesce(a.churned_at, s.period_end) - interval '1 day'),
                                   interval '3 months') AS q
CROSS JOIN LATERAL (SELECT 1000000000::bigint + c.contact_id::bigint * 100 + ((q::date - date '2023-01-01') / 90) AS key) AS r
CROSS JOIN LATERAL (SELECT CASE WHEN d.expands AND d.renews THEN 8.6
                                WHEN NOT d.renews THEN 6.2
                                ELSE 7.7 END
                           + 0.15 * (extract(year FROM q) - 2024)
                           - CASE WHEN draw(c.contact_id, 83) >= 0.85 THEN 0.8 ELSE 0 END AS mu) AS mood  -- connectors lag
WHERE a.reached_at[4] IS NOT NULL
) AS invited
WHERE u < least(0.5, panel_odds);

-- Support tickets: customers open about one a month; 40% answer the 1-5 CSAT.
INSERT INTO survey_responses
SELECT r.key,
       CASE WHEN draw(r.key, 94) < 0.5 THEN 'platform' WHEN draw(r.key, 94) < 0.75 THEN 'analytics'
            ELSE 'connectors' END,
       'csat', sub.account_id, a.first_contact + floor(draw(r.key, 91) * a.contact_count)::integer,
       least(5, greatest(1, round(4.0 + 0.2 * (3 - a.tier) + 1.1 * draw_normal(r.key, 92))))::smallint,
       sub.month + draw(r.key, 93) * interval '27 days'
FROM subscriptions AS sub
JOIN accounts AS a USING (account_id)
CROSS JOIN LATERAL (SELECT 2000000000::bigint + sub.account_id::bigint * 1000
                           + ((sub.month - date '2023-01-01') / 28) AS key) AS r
WHERE draw(r.key, 90) < 0.40;

------------------------------------------------------------------------------
-- Buying committees and sales activities
------------------------------------------------------------------------------
-- The contacts on a new-business deal's buying committee: the decision maker
-- and the champion always, each other contact except users with odds 0.6.
CREATE TABLE opportunity_contacts (
    opportunity_id  integer NOT NULL REFERENCES opportunities,
    contact_id      integer NOT NULL REFERENCES contacts,
    PRIMARY KEY (opportunity_id, contact_id)
);
INSERT INTO opportunity_contacts
SELECT o.opportunity_id, c.contact_id
FROM opportunities AS o
JOIN contacts AS c USING (account_id)
WHERE o.kind = 'new business'
  AND (c.buying_role IN ('decision maker', 'champion')
       OR c.buying_role <> 'user' AND draw(o.opportunity_id::bigint * 100000 + c.contact_id, 110) < 0.6);

-- Chats (from some web visits of engaged accounts), sales calls during a
-- deal, and the demo scheduled a few days after a deal opens.
CREATE TABLE sales_activities (
    activity_id   bigint PRIMARY KEY,
    account_id    integer NOT NULL REFERENCES accounts,
    contact_id    integer NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('chat', 'call', 'demo scheduled')),
    happened_at   timestamptz NOT NULL,
    FOREIGN KEY (contact_id, account_id) REFERENCES contacts (contact_id, account_id)
);
INSERT INTO sales_activities
SELECT t.touch_id, t.account_id, t.contact_id, 'chat', t.touched_at + interval '1 minute'
FROM touches AS t JOIN accounts AS a USING (account_id)
WHERE t.channel = 'web visit' AND t.touched_at >= a.reached_at[2]
  AND t.touched_at + interval '1 minute' < (SELECT period_end FROM settings)
  AND draw(t.touch_id, 111) < 0.04;
INSERT INTO sales_activities
SELECT x.key, o.account_id, a.first_contact + floor(draw(x.key, 113) * a.contact_count)::integer,
       CASE WHEN k = 0 THEN 'demo scheduled' ELSE 'call' END,
       o.created_at + CASE WHEN k = 0 THEN (3 + 7 * draw(x.key, 114)) * interval '1 day'
                           ELSE draw(x.key, 114) * (coalesce(o.closed_at, s.period_end) - o.created_at) END
FROM opportunities AS o
JOIN accounts AS a USING (account_id)
CROSS JOIN settings AS s
CROSS JOIN LATERAL generate_series(0, 1 + floor(5 * draw(o.opportunity_id, 112))::integer) AS k
CROSS JOIN LATERAL (SELECT 9000000000000 + o.opportunity_id::bigint * 100 + k AS key) AS x
WHERE o.kind = 'new business'
  AND o.created_at + CASE WHEN k = 0 THEN (3 + 7 * draw(x.key, 114)) * interval '1 day'
                          ELSE draw(x.key, 114) * (coalesce(o.closed_at, s.period_end) - o.created_at) END
      < least(s.period_end, coalesce(o.closed_at, s.period_end));

------------------------------------------------------------------------------
-- Contracts: one-year terms, each due for renewal at its end
------------------------------------------------------------------------------
-- A won deal starts a one-year contract; at its end the customer renewed
-- (a second term, at the renewal month's ARR) or churned. A renewal due after
-- the period end is a forecast: renewed is NULL until it happens.
CREATE TABLE contracts (
    contract_id     integer PRIMARY KEY,
    account_id      integer NOT NULL REFERENCES accounts,
    opportunity_id  integer NOT NULL REFERENCES opportunities,
    term            smallint NOT NULL CHECK (term >= 1),
    starts_at       timestamptz NOT NULL,
    renewal_due_at  timestamptz NOT NULL,
    arr             numeric(14,2) NOT NULL CHECK (arr > 0),
    renewed         boolean                   -- NULL: not yet due
);
INSERT INTO contracts
SELECT a.account_id * 10 + term, a.account_id, nb.opportunity_id, term, t.starts_at,
       t.starts_at + interval '1 year',
       coalesce(12 * sub.mrr, nb.amount),
       CASE WHEN t.starts_at + interval '1 year' < s.period_end
            THEN term = 1 AND a.reached_at[5] IS NOT NULL END
FROM accounts AS a
JOIN opportunities AS nb ON nb.account_id = a.account_id AND nb.kind = 'new business' AND nb.status = 'won'
CROSS JOIN settings AS s
CROSS JOIN LATERAL (VALUES (1, a.reached_at[4]), (2, a.reached_at[5])) AS t(term, starts_at)
LEFT JOIN subscriptions AS sub
       ON sub.account_id = a.account_id AND sub.month = date_trunc('month', t.starts_at) + interval '1 month'
WHERE t.starts_at IS NOT NULL;

------------------------------------------------------------------------------
-- Intent: weekly research events by account and topic (a third-party feed)
------------------------------------------------------------------------------
-- Most accounts research a topic or two at a low, noisy weekly rate. Real
-- surges: an account researches the product's topics hard in the six weeks
-- before its opportunity opens (also when that is after the period end: the
-- surge is the early warning), and a customer that will not renew researches
-- the competitor in the ten weeks before its renewal is due.
CREATE TABLE intent_topics (
    topic       text PRIMARY KEY,
    competitor  boolean NOT NULL,
    listed      smallint NOT NULL UNIQUE,
    share       double precision NOT NULL   -- generator knob: accounts with a background interest
);
INSERT INTO intent_topics VALUES
    ('abm platform', false, 1, 0.45),
    ('revenue analytics', false, 2, 0.30),
    ('marketing attribution', false, 3, 0.25),
    ('competitor: Rivalytics', true, 4, 0.10);

CREATE TABLE intent_events (
    account_id  integer NOT NULL,
    topic       text NOT NULL,
    week        date NOT NULL,             -- Monday; the week ends before the period end
    events      integer NOT NULL CHECK (events > 0),
    PRIMARY KEY (account_id, topic, week)
);
INSERT INTO intent_events
SELECT i.account_id, i.topic, w.week, e.events
FROM (
    SELECT a.account_id, t.topic, t.listed, t.competitor,
           CASE WHEN d.opens AND a.reached_at[2] IS NOT NULL
                THEN a.reached_at[2] + d.days_to_opportunity * interval '1 day' END AS opportunity_plan,
           CASE WHEN NOT d.renews AND a.reached_at[4] IS NOT NULL
                THEN a.reached_at[4] + interval '1 year' END AS churn_plan,
           draw(a.account_id::bigint * 10 + t.listed, 100) < t.share AS background
    FROM accounts AS a
    JOIN drafts AS d USING (account_id)
    CROSS JOIN intent_topics AS t
) AS i
CROSS JOIN LATERAL generate_series(date '2023-01-02', date '2025-12-22', interval '7 days') AS g
CROSS JOIN LATERAL (SELECT g::date AS week,
                           (i.account_id::bigint * 10 + i.listed) * 1000 + (g::date - date '2023-01-02') / 7 AS key) AS w
CROSS JOIN LATERAL (
    SELECT CASE WHEN i.background AND draw(w.key, 101) < 0.35 THEN 1 + floor(3 * draw(w.key, 102))::integer
                WHEN NOT i.competitor AND draw(w.key, 101) < 0.06 THEN 1   -- the odd article, by anyone
                ELSE 0 END
           + CASE WHEN NOT i.competitor AND w.week >= i.opportunity_plan - interval '42 days' AND w.week < i.opportunity_plan
                  THEN 6 + floor(10 * draw(w.key, 103))::integer ELSE 0 END
           + CASE WHEN i.competitor AND w.week >= i.churn_plan - interval '70 days' AND w.week < i.churn_plan
                  THEN 5 + floor(8 * draw(w.key, 104))::integer ELSE 0 END AS events
) AS e
WHERE (NOT i.competitor OR i.background OR i.churn_plan IS NOT NULL)
  AND e.events > 0;
ALTER TABLE intent_events
    ADD FOREIGN KEY (account_id) REFERENCES accounts,
    ADD FOREIGN KEY (topic) REFERENCES intent_topics;
------------------------------------------------------------------------------
-- Spend attributed to accounts
------------------------------------------------------------------------------
-- A campaign's spend on a day is shared by that day's touches, so every paid
-- dollar lands on an account (CAC counts all spend, won or not).
CREATE TABLE account_spend AS
SELECT t.account_id, sum(cd.spend / cd.clicks)::numeric(14,2) AS spend
FROM touches AS t
JOIN campaign_days AS cd ON cd.campaign_id = t.campaign_id AND cd.day = t.touched_at::date
GROUP BY t.account_id;
ALTER TABLE account_spend ADD PRIMARY KEY (account_id);

------------------------------------------------------------------------------
-- Stored daily summaries, as a nightly job would write them
------------------------------------------------------------------------------
-- One row per day and channel: clicks out of impressions (or delivered
-- emails), spend per lead, and the whole media picture (media_summary: clicks,
-- impressions, spend, leads as conversions, completed views), kept as abm
-- summaries that roll up exactly. Events and syndication have no impressions
-- and no deliveries: their click ratio is empty (no CTR), not clicks / clicks.
CREATE TABLE daily_channel_summaries (
    day         date NOT NULL,
    channel     text NOT NULL REFERENCES channels,
    clicks      ratio_summary NOT NULL,
    lead_cost   cost_summary NOT NULL,
    media       media_summary NOT NULL,
    PRIMARY KEY (day, channel)
);
INSERT INTO daily_channel_summaries
SELECT cd.day, c.channel,
       ratio_agg(cd.clicks, coalesce(cd.impressions, cd.delivered)),
       cost_agg(cd.spend, cd.leads),
       media_agg(cd.clicks, cd.impressions, cd.spend, cd.leads, cd.completed_views)
FROM campaign_days AS cd JOIN campaigns AS c USING (campaign_id)
GROUP BY cd.day, c.channel;

-- One row per day: the set of accounts active that day after they engaged
-- (a touch at or after their third), for exact reach over any span.
CREATE TABLE daily_engaged_accounts (
    day       date PRIMARY KEY,
    accounts  account_set NOT NULL
);
INSERT INTO daily_engaged_accounts
SELECT t.touched_at::date, account_set_agg(t.account_id)
FROM touches AS t JOIN accounts AS a USING (account_id)
WHERE t.touched_at >= a.reached_at[2]
GROUP BY 1;

-- One row per day and tier: the NPS answers.
CREATE TABLE daily_nps_summaries (
    day     date NOT NULL,
    tier    smallint NOT NULL,
    scores  score_summary NOT NULL,
    PRIMARY KEY (day, tier)
);
INSERT INTO daily_nps_summaries
SELECT r.responded_at::date, a.tier, score_agg(r.score)
FROM survey_responses AS r JOIN accounts AS a USING (account_id)
WHERE r.survey = 'nps'
GROUP BY 1, 2;

DROP TABLE drafts, touch_plan, channel_bands;
ANALYZE;

