/* dates.c - issue dates and the month.day dates of leads and sources. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "structure.h"

int st_parse_ymd(const char *s, int *y, int *m, int *d)
{
	for (const char *p = s; *p != '\0'; p++) {
		long v[3];
		const char *q = p;
		char *end;
		int i;

		if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1])))
			continue;
		for (i = 0; i < 3; i++) {
			if (!isdigit((unsigned char)*q))
				break;
			v[i] = strtol(q, &end, 10);
			if (i == 0 && end - q != 4)
				break;
			if (i > 0 && end - q > 2)
				break;
			q = end;
			if (i < 2) {  /* separator: ". ", "-", "/", "년 ", "월 " */
				int seps = 0;

				while (*q != '\0' && !isdigit((unsigned char)*q) && seps < 8) {
					if (!(*q == '.' || *q == '-' || *q == '/' || *q == ' ' ||
					      (unsigned char)*q >= 0x80))
						break;
					q++;
					seps++;
				}
				if (seps == 0)
					break;
			}
		}
		if (i == 3 && v[1] >= 1 && v[1] <= 12 && v[2] >= 1 && v[2] <= 31) {
			*y = (int)v[0];
			*m = (int)v[1];
			*d = (int)v[2];
			return 0;
		}
	}
	return -1;
}

int st_date_year(int issue_year, int issue_month, int month)
{
	return month > issue_month ? issue_year - 1 : issue_year;
}

int st_iso_date(char *out, size_t outsz, int y, int m, int d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !leap))
		return -1;
	snprintf(out, outsz, "%04d-%02d-%02d", y, m, d);
	return 0;
}
