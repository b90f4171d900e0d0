/*
 * normal.c: erfc, the normal CDF and its inverse.
 *
 * erfc(x) for 0 <= x < 2.5 comes from the series
 *     erf(x) = 2/sqrt(pi) exp(-x^2) sum_{n>=0} 2^n x^(2n+1) / (1*3*...*(2n+1)),
 * whose terms are all positive, so it does not lose digits to cancellation;
 * for x >= 2.5 from the continued fraction
 *     erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))),
 * evaluated with the modified Lentz method.  Both are textbook expansions
 * (Abramowitz & Stegun 7.1.6 and 7.1.14) carried to full double precision.
 *
 * The quantile starts from the rational approximation of Abramowitz &
 * Stegun 26.2.23 (error below 4.5e-4) and refines it with Halley's method on
 * the accurate CDF, which converges cubically: two or three steps reach
 * machine precision.
 */
#include "postgres.h"

#include <math.h>

#include "normal.h"

#define SQRT_PI 1.7724538509055160273
#define SQRT_2 1.4142135623730950488
#define SQRT_2PI 2.5066282746310005024
#define SERIES_LIMIT 2.5

static double
erf_series(double x)
{
	double		term = x;
	double		sum = x;

	for (int n = 1; n < 200; n++)
	{
		term *= 2.0 * x * x / (2 * n + 1);
		sum += term;
		if (term < sum * 1e-17)
			break;
	}
	return 2.0 / SQRT_PI * exp(-x * x) * sum;
}

static double
erfc_continued_fraction(double x)
{
	const double tiny = 1e-300;
	double		f = x;
	double		c = x;
	double		d = 0.0;

	for (int k = 1; k < 5000; k++)
	{
		double		a = k / 2.0;
		double		delta;

		d = x + a * d;
		if (fabs(d) < tiny)
			d = tiny;
		d = 1.0 / d;
		c = x + a / c;
		if (fabs(c) < tiny)
			c = tiny;
		delta = c * d;
		f *= delta;
		if (fabs(delta - 1.0) < 1e-16)
			break;
	}
	return exp(-x * x) / SQRT_PI / f;
}

double
abm_erfc(double x)
{
	if (isnan(x))
		return x;
	if (x < 0)
		return 2.0 - abm_erfc(-x);
	if (x < SERIES_LIMIT)
		return 1.0 - erf_series(x);
	return erfc_continued_fraction(x);
}

double
abm_normal_cdf(double x)
{
	return 0.5 * abm_erfc(-x / SQRT_2);
}

double
abm_two_sided_p(double z)
{
	return abm_erfc(fabs(z) / SQRT_2);
}

/* Abramowitz & Stegun 26.2.23: the upper-tail quantile for 0 < q <= 0.5. */
static double
upper_quantile_start(double q)
{
	double		t = sqrt(-2.0 * log(q));

	return t - (2.515517 + 0.802853 * t + 0.010328 * t * t) /
		(1.0 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
}

double
abm_normal_quantile(double p)
{
	double		x;

	Assert(p > 0.0 && p < 1.0);
	/* Work in the lower tail, where p itself carries full precision. */
	if (p > 0.5)
		return -abm_normal_quantile(1.0 - p);
	if (p == 0.5)
		return 0.0;

	x = -upper_quantile_start(p);
	for (int i = 0; i < 8; i++)
	{
		double		e = abm_normal_cdf(x) - p;
		double		u = e * SQRT_2PI * exp(x * x / 2.0);
		double		step = u / (1.0 + x * u / 2.0);

		x -= step;
		if (fabs(step) <= 1e-15 * fmax(1.0, fabs(x)))
			break;
	}
	return x;
}
