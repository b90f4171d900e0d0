/*
 * student_t.c: Student's t distribution.
 *
 * Both tails come from the regularized incomplete beta function:
 *     P(|T| > t)  = I_x(df/2, 1/2)   with x = df / (df + t^2),
 *     P(|T| <= t) = I_y(1/2, df/2)   with y = t^2 / (df + t^2) = 1 - x,
 * x and y each computed directly, so neither loses digits to 1 - x.  The
 * incomplete beta is the continued fraction of Abramowitz & Stegun 26.5.8,
 * evaluated with the modified Lentz method on the side where it converges
 * (x < (a+1)/(a+b+2)), and through I_x(a,b) = 1 - I_y(b,a) on the other.
 *
 * Its prefactor needs ln B(df/2, 1/2) = ln sqrt(pi) + ln G(df/2) - ln G(df/2 + 1/2),
 * a difference of two nearly equal numbers when df is large: from df/2 = 20
 * on it is computed from Stirling's series of both, which cancel
 * analytically, instead of from two calls of lgamma().
 *
 * The quantile is found by Newton's method on the CDF, kept inside a
 * bracket that only shrinks (a step that leaves it bisects instead), from
 * the Cornish-Fisher expansion of Abramowitz & Stegun 26.7.5.  From 10^4
 * degrees of freedom on, that expansion (inverted for the p-value) is the
 * answer itself: within 1e-13 of a 40-digit computation, where the continued
 * fraction would need O(sqrt(df)) steps and collect their rounding.
 */
#include "postgres.h"

#include <math.h>

#include "normal.h"
#include "student_t.h"

#define LN_SQRT_PI 0.57236494292470008707
#define CF_EPSILON 1e-16
#define CF_TINY 1e-300
#define CF_MAX_ITERATIONS 100000
#define CORNISH_FISHER_DF 1e4

/* Stirling's series of ln G(x) beyond (x - 1/2) ln x - x + ln sqrt(2 pi). */
static double
stirling_tail(double x)
{
	double		x2 = x * x;

	return (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - 1.0 / (1680.0 * x2)) / x2) / x2) / x;
}

/*
 * ln G(a) - ln G(a + 1/2).  From Stirling's formula for both terms:
 *   -1/2 ln a + (1/2 - a ln(1 + 1/(2a))) + S(a) - S(a + 1/2),
 * whose terms are all small for large a.  The series' first omitted term,
 * 1/(1188 a^9), is below 1e-15 from a = 20 on.
 */
static double
lgamma_half_step(double a)
{
	if (a < 20.0)
		return lgamma(a) - lgamma(a + 0.5);
	return -0.5 * log(a) + (0.5 - a * log1p(0.5 / a)) + stirling_tail(a) - stirling_tail(a + 0.5);
}

/* ln B(df/2, 1/2) */
static double
log_beta_t(double df)
{
	return LN_SQRT_PI + lgamma_half_step(df / 2.0);
}

/* ln x, from whichever of x and y = 1 - x carries it precisely. */
static double
log_of(double x, double y)
{
	return x < 0.5 ? log(x) : log1p(-y);
}

/* The continued fraction of I_x(a, b) (A&S 26.5.8), modified Lentz. */
static double
beta_continued_fraction(double x, double a, double b)
{
	double		c = 1.0;
	double		d = 1.0 - (a + b) * x / (a + 1.0);
	double		h;

	if (fabs(d) < CF_TINY)
		d = CF_TINY;
	d = 1.0 / d;
	h = d;
	for (int m = 1; m <= CF_MAX_ITERATIONS; m++)
	{
		double		m2 = 2.0 * m;
		double		even = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
		double		odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
		double		delta;

		d = 1.0 + even * d;
		d = fabs(d) < CF_TINY ? 1.0 / CF_TINY : 1.0 / d;
		c = 1.0 + even / c;
		if (fabs(c) < CF_TINY)
			c = CF_TINY;
		h *= d * c;
		d = 1.0 + odd * d;
		d = fabs(d) < CF_TINY ? 1.0 / CF_TINY : 1.0 / d;
		c = 1.0 + odd / c;
		if (fabs(c) < CF_TINY)
			c = CF_TINY;
		delta = d * c;
		h *= delta;
		if (fabs(delta - 1.0) < CF_EPSILON)
			break;
	}
	return h;
}

/* I_x(a, b) with y = 1 - x given separately; log_beta = ln B(a, b). */
static double
incomplete_beta(double x, double y, double a, double b, double log_beta)
{
	double		front;

	if (x <= 0.0)
		return 0.0;
	if (y <= 0.0)
		return 1.0;
	front = exp(a * log_of(x, y) + b * log_of(y, x) - log_beta);
	if (x < (a + 1.0) / (a + b + 2.0))
		return front * beta_continued_fraction(x, a, b) / a;
	return 1.0 - front * beta_continued_fraction(y, b, a) / b;
}

/* x = df / (df + t^2) and y = t^2 / (df + t^2), without overflow. */
static void
beta_arguments(double t, double df, double *x, double *y)
{
	double		r = fabs(t) / sqrt(df);

	if (r > 1e150)
	{
		*x = 1.0 / r / r;
		*y = 1.0;
		return;
	}
	*x = 1.0 / (1.0 + r * r);
	*y = r * r / (1.0 + r * r);
}

/* A&S 26.7.5: t from the normal quantile z, in powers of 1/df. */
static double
cornish_fisher(double z, double df)
{
	double		z2 = z * z;
	double		g1 = (z2 + 1.0) * z / 4.0;
	double		g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
	double		g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
	double		g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;

	return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/*
 * The z whose Cornish-Fisher t is |t|, by Newton's method with the
 * expansion's derivative to first order (1 + (3z^2 + 1)/(4 df)), which is
 * all a step needs when df is large.
 */
static double
cornish_fisher_inverse(double t, double df)
{
	double		z = fabs(t);

	for (int i = 0; i < 100; i++)
	{
		double		step = (cornish_fisher(z, df) - fabs(t)) / (1.0 + (3.0 * z * z + 1.0) / (4.0 * df));

		z -= step;
		if (fabs(step) <= 1e-16 * z)
			break;
	}
	return z;
}

double
abm_student_t_two_sided_p(double t, double df)
{
	double		x, y;

	Assert(df > 0.0);
	if (isnan(t))
		return t;
	/*
	 * With many degrees of freedom the continued fraction needs O(sqrt(df))
	 * steps near its switch point and collects their rounding; t is then so
	 * nearly normal that the expansion is exact to double precision, up to
	 * |t| = 10 (p = 1e-23); further out, where the expansion's omitted terms
	 * grow, the fraction is far from its switch point and converges fast.
	 */
	if (df >= CORNISH_FISHER_DF && (fabs(t) <= 10.0 || df >= 1e6))
		return abm_two_sided_p(cornish_fisher_inverse(t, df));
	beta_arguments(t, df, &x, &y);
	return incomplete_beta(x, y, df / 2.0, 0.5, log_beta_t(df));
}

/* P(|T| <= t) */
static double
central(double t, double df, double log_beta)
{
	double		x, y;

	beta_arguments(t, df, &x, &y);
	return incomplete_beta(y, x, 0.5, df / 2.0, log_beta);
}

/* The density at t: (1 + t^2/df)^(-(df+1)/2) / (sqrt(df) B(df/2, 1/2)). */
static double
density(double t, double df, double log_beta)
{
	return exp(-(df + 1.0) / 2.0 * log1p(t * t / df) - log_beta) / sqrt(df);
}

/*
 * How far t is from the quantile, increasing in t: on the side of the
 * smaller probability, which carries the digits.
 */
static double
quantile_gap(double t, double confidence, double df, double log_beta)
{
	if (confidence >= 0.5)
		return (1.0 - confidence) - abm_student_t_two_sided_p(t, df);
	return central(t, df, log_beta) - confidence;
}

double
abm_student_t_quantile_central(double confidence, double df)
{
	double		upper_tail = (1.0 - confidence) / 2.0;
	double		z = confidence >= 0.5 ? -abm_normal_quantile(upper_tail)
		: abm_normal_quantile(0.5 + confidence / 2.0);
	double		log_beta = log_beta_t(df);
	double		lo = 0.0;
	double		hi = 1.0;
	double		t;

	Assert(confidence > 0.0 && confidence < 1.0 && df > 0.0);
	if (df >= CORNISH_FISHER_DF)
		return cornish_fisher(z, df);

	while (quantile_gap(hi, confidence, df, log_beta) < 0.0 && hi < 1e300)
	{
		lo = hi;
		hi *= 2.0;
	}
	t = cornish_fisher(z, df);
	if (!(t > lo && t < hi))
		t = (lo + hi) / 2.0;
	for (int i = 0; i < 500; i++)
	{
		double		gap = quantile_gap(t, confidence, df, log_beta);
		double		next;

		if (gap == 0.0)
			break;
		if (gap < 0.0)
			lo = t;
		else
			hi = t;
		next = t - gap / (2.0 * density(t, df, log_beta));
		if (!(next > lo && next < hi))
			next = lo + (hi - lo) / 2.0;
		if (fabs(next - t) <= 1e-15 * t || hi - lo <= 1e-15 * hi)
		{
			t = next;
			break;
		}
		t = next;
	}
	return t;
}
