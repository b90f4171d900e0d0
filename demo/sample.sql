-- A small, fixed sample ABM data set: the tables the examples of README.md and
-- docs/*.md run over (the tests load it through clients/doc_fixture.sql).
-- `make demo` uses the larger generated warehouse of demo/warehouse.sql.
-- One quarter of a fictional B2B company's account-based marketing: 40 target
-- accounts in three tiers, their opportunities, surveys, revenue and ads.
-- All companies are invented. Needs the abm extension; re-runnable: it
-- rebuilds the schema abm_demo from scratch.
--
--   psql -X -v ON_ERROR_STOP=1 -d DB -c 'CREATE EXTENSION IF NOT EXISTS abm' -f demo/sample.sql

SET client_min_messages = warning;
DROP SCHEMA IF EXISTS abm_demo CASCADE;
CREATE SCHEMA abm_demo;
SET search_path = abm_demo, public;

-- Target accounts: tier (1 = most strategic), the furthest funnel stage each
-- reached, the ABM spend on it this quarter (ads, events, gifts, SDR time),
-- and whether it became a customer.
CREATE TABLE accounts (
    account_id     integer PRIMARY KEY,
    name           text NOT NULL,
    tier           integer NOT NULL CHECK (tier BETWEEN 1 AND 3),
    furthest_stage abm_stage NOT NULL,
    spend          numeric(12,2) NOT NULL,
    acquired       boolean NOT NULL
);

INSERT INTO accounts VALUES
    -- customers (14)
    ( 1, 'Acme Robotics',        1, 'expanded',    9200.00, true),
    ( 2, 'Borealis Health',      1, 'expanded',    8700.00, true),
    ( 3, 'Cobalt Logistics',     1, 'expanded',    7400.00, true),
    ( 4, 'Dunmore Insurance',    1, 'retained',    6100.00, true),
    ( 5, 'Everline Energy',      2, 'retained',    4300.00, true),
    ( 6, 'Fjord Analytics',      2, 'retained',    3900.00, true),
    ( 7, 'Granite Foods',        2, 'retained',    3600.00, true),
    ( 8, 'Helix Materials',      2, 'retained',    3100.00, true),
    ( 9, 'Ironwood Legal',       1, 'won',         6800.00, true),
    (10, 'Juniper Telecom',      2, 'won',         4100.00, true),
    (11, 'Keystone Pharma',      1, 'won',         7600.00, true),
    (12, 'Lattice Retail',       3, 'won',         1900.00, true),
    (13, 'Meridian Travel',      3, 'won',         1500.00, true),
    (14, 'Northgate Media',      2, 'won',         2800.00, true),
    -- open or lost opportunities (7)
    (15, 'Orchid Biotech',       1, 'opportunity', 5200.00, false),
    (16, 'Pinnacle Mining',      1, 'opportunity', 4800.00, false),
    (17, 'Quarry Software',      2, 'opportunity', 3300.00, false),
    (18, 'Redwood Banking',      1, 'opportunity', 5900.00, false),
    (19, 'Solstice Hotels',      2, 'opportunity', 2700.00, false),
    (20, 'Tidewater Ports',      2, 'opportunity', 2500.00, false),
    (21, 'Umbra Security',       3, 'opportunity', 1200.00, false),
    -- engaged (10)
    (22, 'Vantage Clinics',      2, 'engaged',     1800.00, false),
    (23, 'Willow Education',     3, 'engaged',      900.00, false),
    (24, 'Xenon Chemicals',      1, 'engaged',     3500.00, false),
    (25, 'Yardley Construction', 3, 'engaged',      700.00, false),
    (26, 'Zephyr Aviation',      1, 'engaged',     3200.00, false),
    (27, 'Amberly Foods',        3, 'engaged',      600.00, false),
    (28, 'Bluepeak Outdoors',    2, 'engaged',     1400.00, false),
    (29, 'Crescent Dental',      3, 'engaged',      500.00, false),
    (30, 'Delta Grid',           2, 'engaged',     1600.00, false),
    (31, 'Emberstone Games',     3, 'engaged',      800.00, false),
    -- targeted, no engagement yet (9)
    (32, 'Foxglove Farms',       3, 'target',       200.00, false),
    (33, 'Glacier Water',        2, 'target',       400.00, false),
    (34, 'Hollow Creek Wines',   3, 'target',       150.00, false),
    (35, 'Indigo Textiles',      2, 'target',       350.00, false),
    (36, 'Jasper Automotive',    1, 'target',       900.00, false),
    (37, 'Kinetic Labs',         1, 'target',      1100.00, false),
    (38, 'Larkspur Design',      3, 'target',       100.00, false),
    (39, 'Mosaic Publishing',    3, 'target',       120.00, false),
    (40, 'Nimbus Cloud',         1, 'target',      1000.00, false);

-- Opportunities: won true = closed won, false = closed lost, NULL = still open.
CREATE TABLE opportunities (
    opportunity_id integer PRIMARY KEY,
    account_id     integer NOT NULL REFERENCES accounts,
    amount         numeric(12,2) NOT NULL,
    won            boolean
);

INSERT INTO opportunities VALUES
    -- closed won
    ( 1,  1, 120000.00, true),
    ( 2,  2,  95000.00, true),
    ( 3,  3,  88000.00, true),
    ( 4,  4,  70000.00, true),
    ( 5,  5,  42000.00, true),
    ( 6,  6,  38000.00, true),
    ( 7,  7,  35000.00, true),
    ( 8,  8,  30000.00, true),
    ( 9,  9, 110000.00, true),
    (10, 10,  45000.00, true),
    (11, 11, 130000.00, true),
    (12, 12,  18000.00, true),
    (13, 13,  15000.00, true),
    (14, 14,  26000.00, true),
    -- closed lost
    (15, 15, 150000.00, false),
    (16, 16, 140000.00, false),
    (17, 17,  40000.00, false),
    (18,  9,  60000.00, false),
    (19, 21,  12000.00, false),
    (20, 19,  30000.00, false),
    (21,  5,  20000.00, false),
    (22, 13,  10000.00, false),
    -- open
    (23, 15,  90000.00, NULL),
    (24, 16, 125000.00, NULL),
    (25, 18, 160000.00, NULL),
    (26, 19,  28000.00, NULL),
    (27, 20,  35000.00, NULL),
    (28, 17,  22000.00, NULL);

-- NPS survey: "How likely are you to recommend us?" 0..10.
CREATE TABLE nps_responses (
    account_id   integer NOT NULL REFERENCES accounts,
    responded_on date NOT NULL,
    score        integer NOT NULL CHECK (score BETWEEN 0 AND 10)
);

INSERT INTO nps_responses VALUES
    ( 1, '2024-03-04', 10), ( 2, '2024-03-04',  9), ( 3, '2024-03-04',  6),
    ( 4, '2024-03-05',  8), ( 5, '2024-03-05', 10), ( 6, '2024-03-05',  3),
    ( 7, '2024-03-05',  9), ( 8, '2024-03-06',  7), ( 9, '2024-03-06', 10),
    (10, '2024-03-06',  5), (11, '2024-03-07',  9), (12, '2024-03-07',  8),
    (13, '2024-03-07',  2), (14, '2024-03-08',  6), ( 1, '2024-03-08',  9),
    ( 2, '2024-03-08',  7), ( 4, '2024-03-09', 10), ( 6, '2024-03-09',  4),
    ( 9, '2024-03-10',  8), (11, '2024-03-10',  9);

-- CSAT survey after support tickets: "How satisfied were you?" 1..5.
CREATE TABLE csat_responses (
    account_id   integer NOT NULL REFERENCES accounts,
    responded_on date NOT NULL,
    score        integer NOT NULL CHECK (score BETWEEN 1 AND 5)
);

INSERT INTO csat_responses VALUES
    ( 1, '2024-03-04', 5), ( 2, '2024-03-04', 4), ( 3, '2024-03-04', 5),
    ( 4, '2024-03-05', 3), ( 5, '2024-03-05', 5), ( 6, '2024-03-05', 2),
    ( 7, '2024-03-06', 4), ( 8, '2024-03-06', 5), ( 9, '2024-03-06', 4),
    (10, '2024-03-07', 3), (11, '2024-03-07', 5), (12, '2024-03-07', 4),
    (13, '2024-03-08', 1), (14, '2024-03-08', 3), ( 1, '2024-03-08', 5),
    ( 2, '2024-03-09', 4), ( 4, '2024-03-09', 2), ( 6, '2024-03-09', 3),
    ( 9, '2024-03-10', 5), (11, '2024-03-10', 4);

-- Annual recurring revenue per customer at the start and end of the quarter.
-- NULL start: a new customer this quarter. NULL end: churned (what a LEFT JOIN
-- from the start-of-quarter customers gives).
CREATE TABLE revenue (
    account_id integer PRIMARY KEY REFERENCES accounts,
    arr_start  numeric(12,2),
    arr_end    numeric(12,2)
);

INSERT INTO revenue VALUES
    ( 1, 100000.00, 130000.00),  -- expanded
    ( 2,  80000.00,  96000.00),  -- expanded
    ( 3,  75000.00,  90000.00),  -- expanded
    ( 4,  70000.00,  70000.00),  -- renewed flat
    ( 5,  40000.00,  40000.00),
    ( 6,  36000.00,  30000.00),  -- contracted
    ( 7,  35000.00,  35000.00),
    ( 8,  30000.00,  24000.00),  -- contracted
    ( 9,       NULL, 110000.00), -- new
    (10,       NULL,  45000.00), -- new
    (11,       NULL, 130000.00), -- new
    (12,       NULL,  18000.00), -- new
    (13,  15000.00,       NULL), -- churned
    (14,  26000.00,       NULL); -- churned

-- Paid media per day and campaign.
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
    ('2024-03-04', 'linkedin-tier1',   11800, 74, 880.00, 3),
    ('2024-03-04', 'display-retarget', 41200, 58, 410.00, 1),
    ('2024-03-05', 'linkedin-tier1',   12500, 91, 905.50, 4),
    ('2024-03-05', 'display-retarget', 39800, 61, 395.00, 0),
    ('2024-03-06', 'linkedin-tier1',   13100, 88, 930.00, 2),
    ('2024-03-06', 'display-retarget', 42500, 70, 420.00, 2),
    ('2024-03-07', 'linkedin-tier1',   12200, 79, 890.25, 3),
    ('2024-03-07', 'display-retarget', 40100, 55, 400.00, 1),
    ('2024-03-08', 'linkedin-tier1',   10900, 65, 850.00, 1),
    ('2024-03-08', 'display-retarget', 38700, 49, 380.00, 0),
    ('2024-03-09', 'linkedin-tier1',    6400, 31, 420.00, 0),
    ('2024-03-09', 'display-retarget', 21000, 25, 210.00, 0),
    ('2024-03-10', 'linkedin-tier1',    5900, 27, 400.00, 1),
    ('2024-03-10', 'display-retarget', 19800, 22, 200.00, 0);
