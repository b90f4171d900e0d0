/*
 * value_metrics.c: scalar helpers for the value metrics: CAC, ACV, CLV,
 * LTV:CAC, CAC payback and TAM.
 *
 * They take numeric money and compute in numeric, so money results are
 * exact to the precision PostgreSQL's numeric division gives.
 */
#include "money.h"

#include <math.h>

#include "datatype/timestamp.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

static Datum
int_numeric(int64 value)
{
	return DirectFunctionCall1(int8_numeric, Int64GetDatum(value));
}

static Datum
float_numeric(float8 value)
{
	return DirectFunctionCall1(float8_numeric, Float8GetDatum(value));
}

static int
numeric_sign_of(Datum value)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, value, int_numeric(0)));
}

static float8
numeric_to_float8(Datum value)
{
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8, value));
}

/* Money must be a finite number >= 0. */
static void
check_money(Datum value, const char *what)
{
	Numeric		n = DatumGetNumeric(value);
	bool		special = numeric_is_nan(n);

#if PG_VERSION_NUM >= 140000
	special = special || numeric_is_inf(n);
#endif
	if (special || numeric_sign_of(value) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s must be a finite number >= 0, got \"%s\"", what,
						DatumGetCString(DirectFunctionCall1(numeric_out, value)))));
}

/* A share such as a gross margin or a churn rate must lie in [0, 1]. */
static void
check_share(float8 value, const char *what)
{
	if (!(value >= 0.0 && value <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s must lie between 0 and 1, got %s", what,
						DatumGetCString(DirectFunctionCall1(float8out, Float8GetDatum(value))))));
}

static void
check_count(int64 value, const char *what)
{
	if (value < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s must not be negative, got " INT64_FORMAT, what, value)));
}

PG_FUNCTION_INFO_V1(abm_cac_scalar);
Datum
abm_cac_scalar(PG_FUNCTION_ARGS)
{
	Datum		spend = PG_GETARG_DATUM(0);
	int64		customers = PG_GETARG_INT64(1);

	check_money(spend, "total_spend");
	check_count(customers, "new_customers");
	if (customers == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(abm_numeric_quotient(spend, int_numeric(customers)));
}

/*
 * A contract term in microseconds, under PostgreSQL's own interval
 * convention of 30-day months (as justify_days and interval comparison use):
 * an integer, so that ACV needs one division only and is exact whenever its
 * decimal value is (1000 over 100 days is 3600, not 3600.000000000000036).
 */
static int128
term_in_usecs(const Interval *term)
{
	return ((int128) term->month * DAYS_PER_MONTH + term->day) * USECS_PER_DAY + term->time;
}

PG_FUNCTION_INFO_V1(abm_acv);
Datum
abm_acv(PG_FUNCTION_ARGS)
{
	Datum		tcv = PG_GETARG_DATUM(0);
	Interval   *term = PG_GETARG_INTERVAL_P(1);
	Datum		fees = PG_GETARG_DATUM(2);
	int128		usecs;
	bool		finite = true;

	check_money(tcv, "total_contract_value");
	check_money(fees, "one_time_fees");
#ifdef INTERVAL_NOT_FINITE
	finite = !INTERVAL_NOT_FINITE(term);
#endif
	if (!finite || (usecs = term_in_usecs(term)) <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("contract term must be a positive finite interval, got \"%s\"",
						DatumGetCString(DirectFunctionCall1(interval_out, PointerGetDatum(term))))));
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, fees, tcv)) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("one_time_fees %s exceed total_contract_value %s",
						DatumGetCString(DirectFunctionCall1(numeric_out, fees)),
						DatumGetCString(DirectFunctionCall1(numeric_out, tcv)))));

	/* (tcv - fees) per year = (tcv - fees) * (microseconds of a year) / term */
	PG_RETURN_DATUM(abm_numeric_quotient(
		DirectFunctionCall2(numeric_mul, DirectFunctionCall2(numeric_sub, tcv, fees),
							int_numeric((int64) MONTHS_PER_YEAR * DAYS_PER_MONTH * USECS_PER_DAY)),
		abm_money_to_numeric(usecs, 0)));
}

PG_FUNCTION_INFO_V1(abm_clv);
Datum
abm_clv(PG_FUNCTION_ARGS)
{
	Datum		arpa = PG_GETARG_DATUM(0);
	float8		margin = PG_GETARG_FLOAT8(1);
	float8		churn = PG_GETARG_FLOAT8(2);

	check_money(arpa, "monthly_arpa");
	check_share(margin, "gross_margin");
	check_share(churn, "monthly_churn");
	if (churn == 0.0)
		PG_RETURN_NULL();
	/* The shares enter as their ::numeric values, so 0.8 is exactly 0.8. */
	PG_RETURN_DATUM(abm_numeric_quotient(
		DirectFunctionCall2(numeric_mul, arpa, float_numeric(margin)),
		float_numeric(churn)));
}

PG_FUNCTION_INFO_V1(abm_ltv_to_cac);
Datum
abm_ltv_to_cac(PG_FUNCTION_ARGS)
{
	Datum		ltv = PG_GETARG_DATUM(0);
	Datum		cac = PG_GETARG_DATUM(1);

	check_money(ltv, "ltv");
	check_money(cac, "cac");
	if (numeric_sign_of(cac) == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(numeric_to_float8(DirectFunctionCall2(numeric_div, ltv, cac)));
}

PG_FUNCTION_INFO_V1(abm_cac_payback_months);
Datum
abm_cac_payback_months(PG_FUNCTION_ARGS)
{
	Datum		cac = PG_GETARG_DATUM(0);
	Datum		arpa = PG_GETARG_DATUM(1);
	float8		margin = PG_GETARG_FLOAT8(2);
	Datum		monthly_profit;

	check_money(cac, "cac");
	check_money(arpa, "monthly_arpa");
	check_share(margin, "gross_margin");
	monthly_profit = DirectFunctionCall2(numeric_mul, arpa, float_numeric(margin));
	if (numeric_sign_of(monthly_profit) == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(numeric_to_float8(DirectFunctionCall2(numeric_div, cac, monthly_profit)));
}

PG_FUNCTION_INFO_V1(abm_tam);
Datum
abm_tam(PG_FUNCTION_ARGS)
{
	int64		accounts = PG_GETARG_INT64(0);
	Datum		acv = PG_GETARG_DATUM(1);

	check_count(accounts, "accounts");
	check_money(acv, "average_contract_value");
	PG_RETURN_DATUM(DirectFunctionCall2(numeric_mul, int_numeric(accounts), acv));
}
