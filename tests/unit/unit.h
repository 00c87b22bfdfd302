/*
 * unit.h - the smallest unit-test harness: CHECK() records a result, and
 * UNIT_DONE() prints "N passed, M failed" and returns the exit status.
 * Include once per test program (it defines the counters).
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_passed, unit_failed;

#define CHECK(cond) do { \
	if (cond) unit_passed++; \
	else { unit_failed++; \
		fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0) unit_passed++; \
	else { unit_failed++; \
		fprintf(stderr, "%s:%d: FAIL: %s\n  got:  %s\n  want: %s\n", __FILE__, \
		        __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } \
} while (0)

#define UNIT_DONE() (printf("%d passed, %d failed\n", unit_passed, unit_failed), \
                     unit_failed ? 1 : 0)

#endif
