/* geom.c - boxes in PDF points. */
#include <math.h>
#include <stdio.h>

#include "kp.h"

double kp_box_width(const struct kp_box *b)
{
	return b->x1 - b->x0;
}

double kp_box_height(const struct kp_box *b)
{
	return b->y1 - b->y0;
}

void kp_box_union(struct kp_box *into, const struct kp_box *b)
{
	if (b->x0 < into->x0) into->x0 = b->x0;
	if (b->y0 < into->y0) into->y0 = b->y0;
	if (b->x1 > into->x1) into->x1 = b->x1;
	if (b->y1 > into->y1) into->y1 = b->y1;
}

int kp_box_contains_point(const struct kp_box *b, double x, double y)
{
	return x >= b->x0 && x <= b->x1 && y >= b->y0 && y <= b->y1;
}

double kp_box_overlap(const struct kp_box *a, const struct kp_box *b)
{
	double w = (a->x1 < b->x1 ? a->x1 : b->x1) - (a->x0 > b->x0 ? a->x0 : b->x0);
	double h = (a->y1 < b->y1 ? a->y1 : b->y1) - (a->y0 > b->y0 ? a->y0 : b->y0);
	double area = kp_box_width(b) * kp_box_height(b);

	if (w <= 0 || h <= 0 || area <= 0)
		return 0;
	return w * h / area;
}

void kp_box_format(const struct kp_box *b, char *out, size_t outsz)
{
	snprintf(out, outsz, "%.1f %.1f %.1f %.1f", b->x0, b->y0, b->x1, b->y1);
}

int kp_box_parse(const char *s, struct kp_box *b)
{
	char tail;

	if (sscanf(s, "%lf %lf %lf %lf %c", &b->x0, &b->y0, &b->x1, &b->y1, &tail) != 4)
		return -1;
	/* %lf also reads "nan", "inf" and overflows to inf */
	if (!isfinite(b->x0) || !isfinite(b->y0) || !isfinite(b->x1) || !isfinite(b->y1))
		return -1;
	return 0;
}
