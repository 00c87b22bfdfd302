/* stats.c - small numeric helpers: sorting doubles, medians, and the
 * union-find used to group overlapping things. */
#include <stdlib.h>

#include "kp.h"

int kp_cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

double kp_median(double *v, size_t n)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), kp_cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

size_t kp_uf_find(size_t *parent, size_t i)
{
	while (parent[i] != i) {
		parent[i] = parent[parent[i]];
		i = parent[i];
	}
	return i;
}

void kp_uf_join(size_t *parent, size_t a, size_t b)
{
	a = kp_uf_find(parent, a);
	b = kp_uf_find(parent, b);
	if (a != b)
		parent[a < b ? b : a] = a < b ? a : b;
}
