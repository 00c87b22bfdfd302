/* stats.c - small numeric helpers: sorting doubles, medians, the edit
 * distance of two code-point strings, and the union-find used to group
 * overlapping things. */
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

size_t kp_edit_distance(const unsigned long *x, size_t n, const unsigned long *y, size_t m)
{
	size_t *row = kp_xreallocarray(NULL, m + 1, sizeof(*row)), d;

	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t up = row[j], best = diag + (x[i - 1] != y[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	d = row[m];
	free(row);
	return d;
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
