--
-- Scalar value metrics: cac, acv, clv, ltv_to_cac, cac_payback_months, tam.
-- Expected values are worked out by hand in the comments and written into the
-- queries.  Errors are followed by their SQLSTATE.
--
\set VERBOSITY default

--
-- CAC: total spend / new customers (published: 170,000 / 120 = 1416.666...)
--
SELECT cac(170000, 120) = 170000::numeric / 120 AS cac_ok,
       round(cac(170000, 120), 6) = 1416.666667 AS published,
       cac(1200, 1) = 1200 AS single, cac(0, 5) = 0 AS free,
       cac(100, 0) IS NULL AS no_customers_null,
       cac(NULL, 1) IS NULL AS null_spend, cac(1, NULL) IS NULL AS null_customers;
SELECT cac(-1, 10);
\echo SQLSTATE :SQLSTATE
SELECT cac(100, -1);
\echo SQLSTATE :SQLSTATE
SELECT cac('NaN', 1);
\echo SQLSTATE :SQLSTATE
SELECT cac('Infinity', 1);
\echo SQLSTATE :SQLSTATE

--
-- ACV = (total contract value - one-time fees) / term in years.
-- Published: 24 months, 120,000 -> 60,000; 380,000 including 20,000 of
-- one-time fees over 3 years -> 360,000 / 3 = 120,000.  Trailing zeros are
-- trimmed, so the text is exactly the hand value.
--
SELECT acv(120000, '24 months') AS acv_24m, acv(380000, '3 years', 20000) AS acv_3y;
SELECT acv(120000, '24 months') = 60000 AS published_1,
       acv(120000, '24 months')::text = '60000' AS text_1,
       acv(380000, '3 years', 20000) = 120000 AS published_2,
       acv(380000, '3 years', 20000)::text = '120000' AS text_2;
-- other spellings of a term: a day is 1/30 month, an hour 1/720 month
SELECT acv(120000, '2 years') = 60000 AS two_years,
       acv(120000, '720 days') = 60000 AS days_720,
       acv(120000, '360 days') = 120000 AS days_360,
       acv(180000, '1 year 6 months') = 120000 AS eighteen_months,
       acv(1000, '720 hours') = 12000 AS one_month_of_hours,
       acv(1000.50, '1 year') = 1000.5 AS decimals_kept,
       acv(1000, '1 year', 1000) = 0 AS all_fees,
       acv(0, '1 year') = 0 AS zero_value,
       round(acv(100000, '3 years'), 6) = 33333.333333 AS thirds;
SELECT acv(NULL, '1 year') IS NULL AS null_value, acv(100, NULL) IS NULL AS null_term,
       acv(100, '1 year', NULL) IS NULL AS null_fees;
-- a term <= 0 is an error
SELECT acv(120000, '0 months');
\echo SQLSTATE :SQLSTATE
SELECT acv(120000, '-1 year');
\echo SQLSTATE :SQLSTATE
SELECT acv(120000, '1 month -40 days');
\echo SQLSTATE :SQLSTATE
-- negative or non-finite money, and fees above the contract value
SELECT acv(-1, '1 year');
\echo SQLSTATE :SQLSTATE
SELECT acv(100, '1 year', -1);
\echo SQLSTATE :SQLSTATE
SELECT acv(100, '1 year', 101);
\echo SQLSTATE :SQLSTATE
SELECT acv('NaN', '1 year');
\echo SQLSTATE :SQLSTATE

--
-- CLV = monthly ARPA * gross margin / monthly churn (published: ARPA 100,
-- margin 0.8, churn 0.05 -> 80 / 0.05 = 1,600)
--
SELECT clv(100, 0.8, 0.05) AS clv;
SELECT clv(100, 0.8, 0.05) = 1600 AS published,
       clv(100, 0.8, 1) = 80 AS all_churn, clv(100, 1, 0.5) = 200 AS full_margin,
       clv(0, 0.8, 0.05) = 0 AS no_revenue, clv(100, 0, 0.05) = 0 AS no_margin,
       clv(100, 0.8, 0) IS NULL AS no_churn_null,
       clv(NULL, 0.8, 0.05) IS NULL AS null_arpa;
SELECT clv(-100, 0.8, 0.05);
\echo SQLSTATE :SQLSTATE
SELECT clv(100, 1.5, 0.05);
\echo SQLSTATE :SQLSTATE
SELECT clv(100, -0.1, 0.05);
\echo SQLSTATE :SQLSTATE
SELECT clv(100, 0.8, 1.01);
\echo SQLSTATE :SQLSTATE
SELECT clv(100, 0.8, -0.05);
\echo SQLSTATE :SQLSTATE
SELECT clv(100, 'NaN', 0.05);
\echo SQLSTATE :SQLSTATE
SELECT clv(100, 0.8, 'Infinity');
\echo SQLSTATE :SQLSTATE

--
-- LTV:CAC (published: 1,600 / 1,200 = 1.333...)
--
SELECT ltv_to_cac(1600, 1200) AS ltv_to_cac;
SELECT abs(ltv_to_cac(1600, 1200) - 4 / 3::float8) < 1e-15 AS published,
       round(ltv_to_cac(1600, 1200)::numeric, 3) = 1.333 AS three_places,
       ltv_to_cac(3600, 1200) = 3 AS three, ltv_to_cac(0, 1200) = 0 AS zero,
       ltv_to_cac(1600, 0) IS NULL AS no_cac_null,
       abs(ltv_to_cac(clv(100, 0.8, 0.05), cac(1200, 1)) - 4 / 3::float8) < 1e-15 AS composed;
SELECT ltv_to_cac(-1, 1200);
\echo SQLSTATE :SQLSTATE
SELECT ltv_to_cac(1600, -1200);
\echo SQLSTATE :SQLSTATE

--
-- CAC payback in months = CAC / (monthly ARPA * gross margin)
-- (published: 1,200 / (100 * 0.8) = 15)
--
SELECT cac_payback_months(1200, 100, 0.8) AS payback;
SELECT cac_payback_months(1200, 100, 0.8) = 15 AS published,
       cac_payback_months(1200, 100, 1) = 12 AS full_margin,
       cac_payback_months(0, 100, 0.8) = 0 AS free,
       cac_payback_months(1200, 0, 0.8) IS NULL AS no_arpa_null,
       cac_payback_months(1200, 100, 0) IS NULL AS no_margin_null;
SELECT cac_payback_months(-1, 100, 0.8);
\echo SQLSTATE :SQLSTATE
SELECT cac_payback_months(1200, -100, 0.8);
\echo SQLSTATE :SQLSTATE
SELECT cac_payback_months(1200, 100, 1.2);
\echo SQLSTATE :SQLSTATE

--
-- TAM = accounts in the ideal customer profile * average contract value
-- (published: 1,000 * 10,000 = 10,000,000)
--
SELECT tam(1000, 10000) AS tam;
SELECT tam(1000, 10000) = 10000000 AS published,
       tam(1000, 12345.67) = 12345670 AS decimals, tam(0, 10000) = 0 AS no_accounts,
       tam(NULL, 10000) IS NULL AS null_accounts;
SELECT tam(-1, 10000);
\echo SQLSTATE :SQLSTATE
SELECT tam(1000, -10000);
\echo SQLSTATE :SQLSTATE
SELECT tam(1000, 'NaN');
\echo SQLSTATE :SQLSTATE
