-- Fixture of the client test (clients/run_clients.sh): a tiny ABM data set
-- whose KPIs are easy to work out by hand. ClientTest.java and
-- client_test.py assert exact values computed from these rows; keep them in
-- step when you change anything here. Needs the abm extension.
SET client_min_messages = warning;

-- Ten target accounts: tier, furthest funnel stage, ABM spend, customer or not.
-- Cumulative funnel: target 10, engaged 9, opportunity 6, won 4, retained 2,
-- expanded 1. Spend 12000.00 in all, 4 acquired: CAC 3000.
CREATE TABLE accounts (
    account_id     integer PRIMARY KEY,
    tier           integer NOT NULL,
    furthest_stage abm_stage NOT NULL,
    spend          numeric(12,2) NOT NULL,
    acquired       boolean NOT NULL
);
INSERT INTO accounts VALUES
    ( 1, 1, 'expanded',    3000.00, true),
    ( 2, 1, 'retained',    2500.00, true),
    ( 3, 1, 'won',         2000.00, true),
    ( 4, 2, 'won',         1500.00, true),
    ( 5, 1, 'opportunity', 1200.00, false),
    ( 6, 2, 'opportunity',  800.00, false),
    ( 7, 2, 'engaged',      400.00, false),
    ( 8, 3, 'engaged',      300.00, false),
    ( 9, 3, 'engaged',      200.00, false),
    (10, 3, 'target',       100.00, false);

-- Opportunities: won true, lost false, open NULL.
-- Tier 1: 3 won (120000), 1 lost (20000), 1 open: win rate 0.75, weighted 6/7.
-- Tier 2: 1 won (10000), 3 lost (30000): win rate 0.25, weighted 0.25.
-- Tier 3: no opportunities: win rate NULL.
CREATE TABLE opportunities (
    opportunity_id integer PRIMARY KEY,
    account_id     integer NOT NULL REFERENCES accounts,
    amount         numeric(12,2) NOT NULL,
    won            boolean
);
INSERT INTO opportunities VALUES
    (1, 1, 50000.00, true),
    (2, 2, 40000.00, true),
    (3, 3, 30000.00, true),
    (4, 5, 20000.00, false),
    (5, 5, 25000.00, NULL),
    (6, 4, 10000.00, true),
    (7, 6, 15000.00, false),
    (8, 6,  5000.00, false),
    (9, 4, 10000.00, false);

-- NPS survey over three days: 5 promoters (9-10), 2 passives (7-8),
-- 3 detractors (0-6) out of 10: NPS 20.
CREATE TABLE nps_responses (
    account_id   integer NOT NULL REFERENCES accounts,
    responded_on date NOT NULL,
    score        integer NOT NULL
);
INSERT INTO nps_responses VALUES
    (1, '2024-03-04', 10), (2, '2024-03-04', 9), (3, '2024-03-04', 6),
    (4, '2024-03-05', 10), (1, '2024-03-05', 8), (2, '2024-03-05', 3),
    (3, '2024-03-06',  9), (4, '2024-03-06', 7), (1, '2024-03-06', 0),
    (2, '2024-03-06', 10);

-- ARR at the start and end of the quarter. Start 250000, end 240000 (the new
-- account 3 left out): NRR 0.96; retained 210000: GRR 0.84; expansion 30000,
-- contraction 10000, churn 30000.
CREATE TABLE revenue (
    account_id integer PRIMARY KEY REFERENCES accounts,
    arr_start  numeric(12,2),
    arr_end    numeric(12,2)
);
INSERT INTO revenue VALUES
    (1, 100000.00, 130000.00),   -- expanded
    (2,  80000.00,  80000.00),   -- flat
    (3,      NULL,  60000.00),   -- new
    (4,  40000.00,  30000.00),   -- contracted
    (5,  30000.00,      NULL);   -- churned

-- Paid media per day and campaign: 400 clicks in 100000 impressions
-- (CTR 0.004), 1500.00 spent for 12 leads (CPL 125).
CREATE TABLE ads (
    day         date NOT NULL,
    campaign    text NOT NULL,
    impressions bigint NOT NULL,
    clicks      bigint NOT NULL,
    spend       numeric(12,2) NOT NULL,
    leads       bigint NOT NULL,
    PRIMARY KEY (day, campaign)
);
INSERT INTO ads VALUES
    ('2024-03-04', 'linkedin', 10000, 120, 500.00, 5),
    ('2024-03-04', 'display',  40000,  80, 200.00, 2),
    ('2024-03-05', 'linkedin', 12000, 150, 600.00, 4),
    ('2024-03-05', 'display',  38000,  50, 200.00, 1);

-- Stored daily summaries, as a dashboard would keep them (see docs/bi.md).
CREATE TABLE daily_ads AS
    SELECT day, campaign, ratio_agg(clicks, impressions) AS clicks, cost_agg(spend, leads) AS cost
    FROM ads GROUP BY day, campaign;
CREATE TABLE daily_nps AS
    SELECT responded_on AS day, score_agg(score) AS scores
    FROM nps_responses GROUP BY responded_on;
