--
-- abm_stage: the six ordered funnel stages.
--   target < engaged < opportunity < won < retained < expanded
-- Text input is case-insensitive and may be surrounded by white space; output
-- is lower case.  Positions run 1..6.  Errors show the SQLSTATE on the line
-- after them (\echo SQLSTATE :SQLSTATE prints 00000 after a success).
--
\set VERBOSITY default

-- The hand-written truth every check below is compared against.
CREATE TEMP TABLE funnel_truth (pos integer, name text);
INSERT INTO funnel_truth VALUES
  (1, 'target'), (2, 'engaged'), (3, 'opportunity'), (4, 'won'), (5, 'retained'), (6, 'expanded');

--
-- Text input and output
--
SELECT 'target'::abm_stage AS a, 'ENGAGED'::abm_stage AS b, 'Opportunity'::abm_stage AS c,
       'wOn'::abm_stage AS d, 'RETAINED'::abm_stage AS e, 'Expanded'::abm_stage AS f;

-- surrounding white space (blanks, tab, newline) is allowed
SELECT '  won'::abm_stage AS lead, 'won  '::abm_stage AS trail,
       E'\t Retained \n'::abm_stage AS tab_newline;

-- output is always the lower-case name; text -> stage -> text round trips
SELECT pos, name, name::abm_stage::text = name AS round_trip,
       upper(name)::abm_stage::text = name AS from_upper,
       (' ' || initcap(name) || ' ')::abm_stage::text = name AS from_padded
FROM funnel_truth ORDER BY pos;

SELECT NULL::abm_stage IS NULL AS null_in_null_out;

-- bad text: 22P02 with the accepted names in the hint
SELECT 'lost'::abm_stage;
\echo SQLSTATE :SQLSTATE
SELECT ''::abm_stage;
\echo SQLSTATE :SQLSTATE
SELECT '   '::abm_stage;
\echo SQLSTATE :SQLSTATE
SELECT 'wonn'::abm_stage;
\echo SQLSTATE :SQLSTATE
SELECT 'wo'::abm_stage;
\echo SQLSTATE :SQLSTATE
SELECT 'closed won'::abm_stage;
\echo SQLSTATE :SQLSTATE
SELECT 'tar get'::abm_stage;
\echo SQLSTATE :SQLSTATE
-- a position is not a name
SELECT '4'::abm_stage;
\echo SQLSTATE :SQLSTATE
-- the error is raised for table input too
CREATE TEMP TABLE stage_input (s abm_stage);
INSERT INTO stage_input VALUES ('engaged'), ('qualified');
\echo SQLSTATE :SQLSTATE
SELECT count(*) AS rows_after_failed_insert FROM stage_input;

--
-- stage_position, abm_stage(int) and the casts to and from integer
--
SELECT pos, name, stage_position(name::abm_stage) = pos AS position_ok,
       name::abm_stage::integer = pos AS cast_to_int_ok,
       abm_stage(pos)::text = name AS from_position_ok,
       pos::abm_stage::text = name AS cast_from_int_ok,
       CAST(pos AS abm_stage) = name::abm_stage AS cast_eq
FROM funnel_truth ORDER BY pos;

SELECT stage_position('target') AS target_1, stage_position('expanded') AS expanded_6,
       'won'::abm_stage::int AS won_4, 3::abm_stage AS pos_3, abm_stage(5) AS pos_5;

SELECT stage_position(NULL) IS NULL AS null_position, abm_stage(NULL) IS NULL AS null_stage;

-- positions outside 1..6: 22003
SELECT abm_stage(0);
\echo SQLSTATE :SQLSTATE
SELECT abm_stage(7);
\echo SQLSTATE :SQLSTATE
SELECT 0::abm_stage;
\echo SQLSTATE :SQLSTATE
SELECT 7::abm_stage;
\echo SQLSTATE :SQLSTATE
SELECT (-1)::abm_stage;
\echo SQLSTATE :SQLSTATE
SELECT 2147483647::abm_stage;
\echo SQLSTATE :SQLSTATE

-- the casts are explicit: an integer is not silently compared with a stage
SELECT 4 = 'won'::abm_stage;
\echo SQLSTATE :SQLSTATE

--
-- Ordering: every operator on every pair agrees with the positions
--
SELECT count(*) AS pairs,
       bool_and((a.name::abm_stage <  b.name::abm_stage) = (a.pos <  b.pos)) AS lt,
       bool_and((a.name::abm_stage <= b.name::abm_stage) = (a.pos <= b.pos)) AS le,
       bool_and((a.name::abm_stage =  b.name::abm_stage) = (a.pos =  b.pos)) AS eq,
       bool_and((a.name::abm_stage <> b.name::abm_stage) = (a.pos <> b.pos)) AS ne,
       bool_and((a.name::abm_stage >= b.name::abm_stage) = (a.pos >= b.pos)) AS ge,
       bool_and((a.name::abm_stage >  b.name::abm_stage) = (a.pos >  b.pos)) AS gt,
       bool_and(abm_stage_cmp(a.name::abm_stage, b.name::abm_stage) = sign(a.pos - b.pos)) AS cmp
FROM funnel_truth a, funnel_truth b;

SELECT 'target'::abm_stage < 'engaged' AS t1, 'engaged'::abm_stage < 'opportunity' AS t2,
       'opportunity'::abm_stage < 'won' AS t3, 'won'::abm_stage < 'retained' AS t4,
       'retained'::abm_stage < 'expanded' AS t5, 'expanded'::abm_stage > 'target' AS t6,
       'won'::abm_stage = 'WON' AS t7, 'won'::abm_stage <> 'retained' AS t8;

SELECT 'won'::abm_stage BETWEEN 'opportunity' AND 'retained' AS between_ok,
       'won'::abm_stage IN ('target', 'won') AS in_ok,
       greatest('won'::abm_stage, 'engaged', 'retained') AS greatest_retained,
       least('won'::abm_stage, 'engaged', 'retained') AS least_engaged;

--
-- ORDER BY, GROUP BY, DISTINCT over a table.  accounts holds, for stage at
-- position p, p * 10 accounts: 10 target, 20 engaged, ..., 60 expanded,
-- inserted in a scrambled order, plus 5 accounts with no stage.
--
CREATE TABLE staged_accounts (id serial PRIMARY KEY, stage abm_stage);
INSERT INTO staged_accounts (stage)
SELECT abm_stage(p)
FROM generate_series(1, 6) p, generate_series(1, p * 10) k
ORDER BY (p * 7 + k * 13) % 11, p DESC;
INSERT INTO staged_accounts (stage) SELECT NULL FROM generate_series(1, 5);

-- 10 + 20 + 30 + 40 + 50 + 60 = 210 staged accounts, 5 without a stage
SELECT count(*) AS all_rows, count(stage) AS staged FROM staged_accounts;

SELECT stage, count(*) FROM staged_accounts GROUP BY stage ORDER BY stage;
SELECT stage, count(*) FROM staged_accounts GROUP BY stage ORDER BY stage DESC NULLS LAST;
SELECT DISTINCT stage FROM staged_accounts ORDER BY 1;

-- the first rows in stage order are the 10 target accounts, the last 60 are expanded
SELECT bool_and(stage = 'target') AS first_10_target
FROM (SELECT stage FROM staged_accounts ORDER BY stage LIMIT 10) f;
SELECT bool_and(stage = 'expanded') AS last_60_expanded
FROM (SELECT stage FROM staged_accounts WHERE stage IS NOT NULL ORDER BY stage DESC LIMIT 60) f;
-- the sort is by position, not by name ('engaged' < 'expanded' < 'opportunity' ... alphabetically)
SELECT array_agg(DISTINCT stage ORDER BY stage) AS by_position,
       array_agg(DISTINCT stage::text ORDER BY stage::text) AS by_name
FROM staged_accounts;

-- cumulative funnel counts: reached won = won + retained + expanded = 40 + 50 + 60
SELECT count(*) FILTER (WHERE stage >= 'won') AS reached_won_150,
       count(*) FILTER (WHERE stage < 'opportunity') AS before_opportunity_30,
       count(*) FILTER (WHERE stage BETWEEN 'engaged' AND 'won') AS engaged_to_won_90
FROM staged_accounts;

-- hash and sort grouping agree
SET enable_hashagg = on;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT stage, count(*) FROM staged_accounts GROUP BY stage;
CREATE TEMP TABLE by_hash AS SELECT stage, count(*) AS n FROM staged_accounts GROUP BY stage;
RESET enable_sort;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT stage, count(*) FROM staged_accounts GROUP BY stage;
CREATE TEMP TABLE by_sort AS SELECT stage, count(*) AS n FROM staged_accounts GROUP BY stage;
RESET enable_hashagg;
SELECT (SELECT count(*) FROM by_hash) AS groups_7,
       NOT EXISTS ((SELECT * FROM by_hash EXCEPT SELECT * FROM by_sort)
                   UNION ALL
                   (SELECT * FROM by_sort EXCEPT SELECT * FROM by_hash)) AS hash_equals_sort;

-- joins: hash join and merge join on abm_stage
CREATE TEMP TABLE stage_names AS SELECT name::abm_stage AS stage, pos FROM funnel_truth;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM staged_accounts a JOIN stage_names n USING (stage);
SELECT sum(pos) AS hash_join_sum FROM staged_accounts a JOIN stage_names n USING (stage);
RESET enable_mergejoin;
SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM staged_accounts a JOIN stage_names n USING (stage);
-- sum over accounts of their position = 1*10 + 2*20 + 3*30 + 4*40 + 5*50 + 6*60 = 910
SELECT sum(pos) AS merge_join_sum_910 FROM staged_accounts a JOIN stage_names n USING (stage);
RESET enable_hashjoin;
RESET enable_nestloop;

--
-- min and max
--
SELECT min(stage) AS min_target, max(stage) AS max_expanded FROM staged_accounts;
SELECT min(stage) AS min_engaged, max(stage) AS max_won
FROM staged_accounts WHERE stage BETWEEN 'engaged' AND 'won';
SELECT min(stage) IS NULL AS min_null, max(stage) IS NULL AS max_null
FROM staged_accounts WHERE stage IS NULL;
SELECT min(stage) IS NULL AS empty_min_null, max(stage) IS NULL AS empty_max_null
FROM staged_accounts WHERE false;
-- per group: the furthest stage each parity of id reached (both parities hold every stage)
SELECT id % 2 AS parity, min(stage), max(stage) FROM staged_accounts GROUP BY 1 ORDER BY 1;

--
-- Indexes: a btree index serves equality, ranges, ORDER BY and min/max; a
-- hash index serves equality.
--
CREATE INDEX staged_accounts_btree ON staged_accounts (stage);
VACUUM ANALYZE staged_accounts;
SET enable_seqscan = off;

EXPLAIN (COSTS OFF) SELECT count(*) FROM staged_accounts WHERE stage = 'won';
SELECT count(*) AS won_40 FROM staged_accounts WHERE stage = 'won';

EXPLAIN (COSTS OFF) SELECT count(*) FROM staged_accounts WHERE stage > 'won';
SELECT count(*) AS after_won_110 FROM staged_accounts WHERE stage > 'won';

EXPLAIN (COSTS OFF) SELECT count(*) FROM staged_accounts WHERE stage <= 'engaged';
SELECT count(*) AS up_to_engaged_30 FROM staged_accounts WHERE stage <= 'engaged';

EXPLAIN (COSTS OFF) SELECT stage FROM staged_accounts WHERE stage >= 'opportunity' ORDER BY stage;

-- min() and max() read one end of the btree each (the plan's wording of its
-- InitPlans differs across majors, so count the scans instead of printing it).
CREATE FUNCTION pg_temp.plan_count(query text, node text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    line text;
    n integer := 0;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        IF line LIKE '%' || node || '%' THEN
            n := n + 1;
        END IF;
    END LOOP;
    RETURN n;
END
$$;
SELECT pg_temp.plan_count('SELECT min(stage), max(stage) FROM staged_accounts',
                          'Index Only Scan using staged_accounts_btree') AS forward_scans_1,
       pg_temp.plan_count('SELECT min(stage), max(stage) FROM staged_accounts',
                          'Index Only Scan Backward using staged_accounts_btree') AS backward_scans_1,
       pg_temp.plan_count('SELECT min(stage), max(stage) FROM staged_accounts', 'Seq Scan') AS seq_scans_0;
SELECT min(stage) AS min_target, max(stage) AS max_expanded FROM staged_accounts;

DROP INDEX staged_accounts_btree;
CREATE INDEX staged_accounts_hash ON staged_accounts USING hash (stage);
VACUUM ANALYZE staged_accounts;

EXPLAIN (COSTS OFF) SELECT count(*) FROM staged_accounts WHERE stage = 'retained';
SELECT count(*) AS retained_50 FROM staged_accounts WHERE stage = 'retained';
SELECT count(*) AS target_10 FROM staged_accounts WHERE stage = 'TARGET';

-- a unique btree index rejects a duplicate stage
CREATE TEMP TABLE stage_unique (stage abm_stage PRIMARY KEY);
INSERT INTO stage_unique SELECT name::abm_stage FROM funnel_truth;
INSERT INTO stage_unique VALUES ('Won');
\echo SQLSTATE :SQLSTATE
RESET enable_seqscan;

--
-- Hash support: the extended hash with seed 0 agrees with the standard hash
-- in its low 32 bits (what PostgreSQL requires of a hash opclass).
--
SELECT bool_and(abm_stage_hash_extended(name::abm_stage, 0)::bit(32)::integer
                = abm_stage_hash(name::abm_stage)) AS extended_matches
FROM funnel_truth;

--
-- Binary I/O: one byte, the position.  A binary COPY round trip keeps every
-- value and NULL.
--
SELECT abm_stage_send('target') = '\x01'::bytea AS send_target,
       abm_stage_send('won') = '\x04'::bytea AS send_won,
       abm_stage_send('expanded') = '\x06'::bytea AS send_expanded;

-- the files go to the cluster's own data directory (the server can always write there)
SELECT current_setting('data_directory') || '/abm_regress_stage.bin' AS stage_file,
       current_setting('data_directory') || '/abm_regress_stage_raw.bin' AS raw_file \gset
COPY (SELECT id, stage FROM staged_accounts) TO :'stage_file' (FORMAT binary);
CREATE TEMP TABLE stage_copy (id integer, stage abm_stage);
COPY stage_copy FROM :'stage_file' (FORMAT binary);
SELECT count(*) AS rows_215,
       bool_and(c.stage IS NOT DISTINCT FROM a.stage) AS all_equal
FROM stage_copy c JOIN staged_accounts a USING (id);

-- crafted binary values: a bytea column written with binary COPY carries
-- exactly its bytes, which COPY FROM then hands to abm_stage_recv.
CREATE TEMP TABLE stage_raw (b bytea);
INSERT INTO stage_raw VALUES ('\x05');
COPY stage_raw TO :'raw_file' (FORMAT binary);
TRUNCATE stage_copy;
COPY stage_copy (stage) FROM :'raw_file' (FORMAT binary);
SELECT stage AS retained_from_byte_5 FROM stage_copy;

-- position 0, position 7 and 255: 22P03
UPDATE stage_raw SET b = '\x00';
COPY stage_raw TO :'raw_file' (FORMAT binary);
COPY stage_copy (stage) FROM :'raw_file' (FORMAT binary);
\echo SQLSTATE :SQLSTATE
UPDATE stage_raw SET b = '\x07';
COPY stage_raw TO :'raw_file' (FORMAT binary);
COPY stage_copy (stage) FROM :'raw_file' (FORMAT binary);
\echo SQLSTATE :SQLSTATE
UPDATE stage_raw SET b = '\xff';
COPY stage_raw TO :'raw_file' (FORMAT binary);
COPY stage_copy (stage) FROM :'raw_file' (FORMAT binary);
\echo SQLSTATE :SQLSTATE
-- two bytes: a valid position followed by a stray byte
UPDATE stage_raw SET b = '\x0400';
COPY stage_raw TO :'raw_file' (FORMAT binary);
COPY stage_copy (stage) FROM :'raw_file' (FORMAT binary);
\echo SQLSTATE :SQLSTATE
-- no bytes at all
UPDATE stage_raw SET b = '\x';
COPY stage_raw TO :'raw_file' (FORMAT binary);
COPY stage_copy (stage) FROM :'raw_file' (FORMAT binary);
\echo SQLSTATE :SQLSTATE
SELECT count(*) AS still_one_row FROM stage_copy;

--
-- abm_stages(): the reference table of the funnel
--
SELECT position, stage, stage_position(stage) = position AS consistent
FROM abm_stages() ORDER BY position;

DROP TABLE staged_accounts;
