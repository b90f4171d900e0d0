/*
 * student_t.h: Student's t distribution for the mean interval and Welch's
 * test of measure_summary, for any positive (also fractional, as Welch's
 * degrees of freedom are) degrees of freedom.
 */
#ifndef ABM_STUDENT_T_H
#define ABM_STUDENT_T_H

/* P(|T| > t) for T with df degrees of freedom: the two-sided p-value of t. */
extern double abm_student_t_two_sided_p(double t, double df);

/* The t > 0 with P(|T| <= t) = confidence, for 0 < confidence < 1. */
extern double abm_student_t_quantile_central(double confidence, double df);

#endif							/* ABM_STUDENT_T_H */
