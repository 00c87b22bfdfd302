/* text.c - UTF-8 decoding, NFC normalisation and white space. */
#include <glib.h>
#include <string.h>

#include "kp.h"

size_t kp_utf8_decode(const char *s, size_t n, unsigned long *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len, i;
	unsigned long c, min;

	if (n == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	} else if ((u[0] & 0xE0) == 0xC0) {
		len = 2, c = u[0] & 0x1F, min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		len = 3, c = u[0] & 0x0F, min = 0x800;
	} else if ((u[0] & 0xF8) == 0xF0) {
		len = 4, c = u[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	/* overlong forms, surrogates and values past Unicode are invalid */
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

int kp_utf8_valid(const char *s, size_t n)
{
	size_t i = 0, k;
	unsigned long cp;

	while (i < n) {
		k = kp_utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			return 0;
		i += k;
	}
	return 1;
}

void kp_utf8_encode(struct kp_buf *b, unsigned long cp)
{
	char out[4];
	size_t n;

	if (cp < 0x80) {
		out[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
	} else {
		out[0] = (char)(0xF0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
	}
	kp_buf_add(b, out, n);
}

/* Is cp a starter that NFC leaves alone whatever comes before or after
 * it, as long as that is such a code point too?  Latin before the
 * combining marks, Hangul syllables and compatibility jamo, CJK
 * ideographs, CJK and general punctuation, full-width forms: no canonical
 * decomposition that NFC would not compose back, combining class 0, never
 * the second part of a composition.  Most text is only these. */
static int nfc_stable(unsigned long cp)
{
	return cp < 0x300 || (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) ||
	       (cp >= 0x3000 && cp <= 0x3029) || (cp >= 0x3131 && cp <= 0x318E) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
	       (cp >= 0xFF01 && cp <= 0xFFEE);
}

char *kp_nfc_new(const char *s)
{
	size_t n = strlen(s), i = 0, k;
	unsigned long cp;
	gchar *g;
	char *r;

	while (i < n && (k = kp_utf8_decode(s + i, n - i, &cp)) > 0 && nfc_stable(cp))
		i += k;
	if (i == n) /* already NFC: spare glib's decompose and compose */
		return kp_xstrdup(s);
	g = g_utf8_normalize(s, -1, G_NORMALIZE_NFC);

	if (g == NULL) /* invalid UTF-8: keep what we were given */
		return kp_xstrdup(s);
	r = kp_xstrdup(g);
	g_free(g);
	return r;
}

void kp_squeeze_space(char *s)
{
	char *w = s;
	const char *r = s;
	int pending = 0;

	while (*r != '\0') {
		unsigned char c = (unsigned char)*r;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			pending = w != s;
			r++;
		} else if (c == 0xC2 && (unsigned char)r[1] == 0xA0) { /* no-break space */
			pending = w != s;
			r += 2;
		} else {
			if (pending)
				*w++ = ' ';
			pending = 0;
			*w++ = *r++;
		}
	}
	*w = '\0';
}

int kp_is_hangul(unsigned long cp)
{
	return (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
	       (cp >= 0x3130 && cp <= 0x318F);
}

int kp_is_han(unsigned long cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
}

int kp_starts_hangul(const char *s)
{
	unsigned long cp;

	return kp_utf8_decode(s, strlen(s), &cp) > 0 && kp_is_hangul(cp);
}

int kp_starts_han(const char *s)
{
	unsigned long cp;

	return kp_utf8_decode(s, strlen(s), &cp) > 0 && kp_is_han(cp);
}

int kp_is_chinese(const char *s)
{
	size_t n = strlen(s), i = 0, k;
	unsigned long cp;
	int han = 0;

	while (i < n && (k = kp_utf8_decode(s + i, n - i, &cp)) > 0) {
		if (kp_is_hangul(cp))
			return 0;
		han |= kp_is_han(cp);
		i += k;
	}
	return han;
}
