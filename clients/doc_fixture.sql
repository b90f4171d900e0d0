-- Fixture of the documentation's SQL examples (clients/run_doc_examples.py
-- runs every ```sql block of README.md and docs/*.md against a copy of it).
-- The docs say their examples run over the demo's tables, so this is the
-- demo's data set itself: schema abm_demo, with accounts, opportunities,
-- nps_responses, csat_responses, revenue and ads. The checker sets
-- search_path = abm_demo, public, as the README tells the reader to.
-- Needs the abm extension.
\ir ../demo/sample.sql
