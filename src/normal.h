/*
 * normal.h: the standard normal distribution, accurate to about 1e-15,
 * written here so results do not depend on the platform's libm.
 */
#ifndef ABM_NORMAL_H
#define ABM_NORMAL_H

/* Complementary error function. */
extern double abm_erfc(double x);

/* P(Z <= x) for a standard normal Z. */
extern double abm_normal_cdf(double x);

/* The x with P(Z <= x) = p, for 0 < p < 1. */
extern double abm_normal_quantile(double p);

/* Two-sided p-value of a z statistic: erfc(|z| / sqrt(2)). */
extern double abm_two_sided_p(double z);

#endif							/* ABM_NORMAL_H */
