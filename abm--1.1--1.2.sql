-- abm 1.1 -> 1.2: see "Changes in 1.2" in the README.
--
-- An upgrade script touches only abm's own objects: it creates new ones and
-- never changes a catalog row directly.  It removes and renames nothing, so
-- users' views and materialized views on abm keep working and keep their
-- numbers.

\echo Use "ALTER EXTENSION abm UPDATE TO '1.2'" to load this file. \quit
