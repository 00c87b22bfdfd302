/* textlayer.c - the text layer: characters from poppler, lines from characters. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

#include "extract.h"
#include "drawing.h"

/* Does `name` contain `word` (lower case), ignoring ASCII case? */
static int has_word(const char *name, const char *word)
{
	size_t n = strlen(word);

	for (; *name != '\0'; name++) {
		size_t i = 0;

		while (i < n && name[i] != '\0' && tolower((unsigned char)name[i]) == word[i])
			i++;
		if (i == n)
			return 1;
	}
	return 0;
}

/* Does the font name say bold?  PostScript names carry the weight as a
 * word ("NanumMyeongjoExtraBold", "Arial,Bold", "HYGothic-Heavy") or as a
 * short suffix after a dash ("KoPubDotum-B", "Font-EB"). */
static int font_is_bold(const char *name)
{
	static const char *const words[] = { "bold", "black", "heavy", "ultra", "demi", "fat" };
	const char *dash;

	if (name == NULL)
		return 0;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (has_word(name, words[i]))
			return 1;
	dash = strrchr(name, '-');
	return dash != NULL && (strcmp(dash, "-B") == 0 || strcmp(dash, "-EB") == 0 ||
	                        strcmp(dash, "-SB") == 0 || strcmp(dash, "-Bd") == 0);
}

static int font_is_italic(const char *name)
{
	return name != NULL && (has_word(name, "italic") || has_word(name, "oblique"));
}

/* A code point with no usable Unicode meaning: the replacement character,
 * private use, or a control character. */
static int cp_unmapped(unsigned long cp)
{
	return cp == 0xFFFD || (cp >= 0xE000 && cp <= 0xF8FF) ||
	       (cp >= 0xF0000 && cp <= 0x10FFFF) || cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

static int cp_space(unsigned long cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
	       cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B);
}

/* FNV-1a hash of a font name: chars of one font share it; 0 for none. */
static unsigned font_hash(const char *name)
{
	unsigned h = 2166136261u;

	if (name == NULL)
		return 0;
	for (; *name != '\0'; name++)
		h = (h ^ (unsigned char)*name) * 16777619u;
	return h ? h : 1;
}

/* Is the character's first code point CJK (Hangul, Han, kana, CJK
 * punctuation and full-width forms)? */
static int char_is_cjk(const struct ex_char *c)
{
	unsigned long cp;

	if (kp_utf8_decode(c->text, strlen(c->text), &cp) == 0)
		return 0;
	return kp_is_hangul(cp) || kp_is_han(cp) || (cp >= 0x3000 && cp <= 0x30FF) ||
	       (cp >= 0xFF00 && cp <= 0xFFEF);
}

/* Contract: one ex_char per non-blank glyph, in poppler's order, with
 * its rectangle, its font's size and style, and line_hint = poppler's
 * line.  A code point that UTF-8 cannot carry (none, a surrogate, past
 * U+10FFFF) becomes U+FFFD, so it counts as unmapped. */
static int same_name(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

void ex_text_chars(const struct ex_glyph *g, size_t n, struct ex_page *pg)
{
	struct kp_buf b;
	const char *font = NULL;
	unsigned bold = 0, italic = 0, hash = 0;

	kp_buf_init(&b);
	if (n > 0)
		pg->chars = kp_xreallocarray(pg->chars, pg->nchars + n, sizeof(*pg->chars));
	for (size_t i = 0; i < n; i++) {
		unsigned long cp = g[i].cp;
		struct ex_char *c;

		if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			cp = 0xFFFD;
		if (cp_space(cp))
			continue;
		c = &pg->chars[pg->nchars++];
		memset(c, 0, sizeof(*c));
		c->box = (struct kp_box){ g[i].x0, g[i].y0, g[i].x1, g[i].y1 };
		kp_buf_clear(&b);
		kp_utf8_encode(&b, cp);
		c->text = kp_nfc_new(b.s);
		c->size = g[i].size;
		/* glyphs come in runs of one font: name it once a run */
		if (i == 0 || !same_name(g[i].font, font)) {
			font = g[i].font;
			bold = font_is_bold(font);
			italic = font_is_italic(font);
			hash = font_hash(font);
		}
		c->bold = bold;
		c->italic = italic;
		c->font = hash;
		c->unmapped = cp_unmapped(cp);
		c->line_hint = g[i].line;
		c->space_after = g[i].space_after != 0;
		pg->glyphs++;
		pg->unmapped += c->unmapped;
	}
	kp_buf_release(&b);
}

/* The em of a character: its font size when plausible, else its height
 * (Type 3 fonts often report a size of 1). */
static double char_em(const struct ex_char *c)
{
	double h = kp_box_height(&c->box);

	if (c->size >= 2 && (h <= 0 || c->size < 3 * h))
		return c->size;
	return h > 0 ? h : 10;
}

struct text_line {
	size_t *idx, n, cap; /* characters, left to right */
	struct kp_box box;
};

struct char_ref {
	double x0, y0;
	size_t i;
};

static int by_x(const void *pa, const void *pb)
{
	const struct char_ref *a = pa, *b = pb;

	if (a->x0 != b->x0)
		return a->x0 < b->x0 ? -1 : 1;
	if (a->y0 != b->y0)
		return a->y0 < b->y0 ? -1 : 1;
	return a->i < b->i ? -1 : 1;
}

static double v_overlap(const struct kp_box *a, const struct kp_box *b)
{
	double top = a->y0 > b->y0 ? a->y0 : b->y0;
	double bot = a->y1 < b->y1 ? a->y1 : b->y1;

	return bot - top;
}

static double shape_em(const struct ex_char *c);

/* The box of a character's ink as far as lines go: a box over 1.6 times
 * as tall as the glyph's shape (Hancom's Type 3 fonts report about twice
 * the height, so the boxes of tightly set lines overlap by half) is cut to
 * the shape's em about its middle, and down to 0.2 em above its bottom:
 * a symbol font's bullet can declare an ascent of two em with the right
 * descent, its ink well below the box's middle. */
static struct kp_box ink_box(const struct ex_char *c)
{
	struct kp_box b = c->box;
	double em = shape_em(c), mid = (b.y0 + b.y1) / 2;

	if (kp_box_height(&b) > 1.6 * em) {
		b.y0 = mid - em / 2;
		b.y1 = fmax(mid + em / 2, b.y1 - 0.2 * em);
	}
	return b;
}

/* What continues() needs of a character, worked out once per character
 * rather than once per character and open line. */
struct char_geo {
	struct kp_box ink; /* ink_box() */
	double em;         /* char_em() */
	double inkh;       /* the ink box's height */
};

/* How well does character ci continue line l?  Returns a score > 0 (higher
 * is better) or 0 when it does not: the vertical extents must overlap by
 * half the smaller height, and c must start after l's last character,
 * at most 1.5 em further (overlap of up to 0.6 em allowed: kerning). */
static double continues(const struct ex_char *chars, const struct char_geo *geo,
                        const struct text_line *l, size_t ci)
{
	size_t li = l->idx[l->n - 1];
	const struct char_geo *gc = &geo[ci], *gl = &geo[li];
	double em = fmax(gc->em, gl->em);
	double minh = fmin(gc->inkh, gl->inkh), ov, gap;

	if (minh <= 0)
		minh = 0.1;
	ov = v_overlap(&gc->ink, &gl->ink);
	if (ov < 0.5 * minh)
		return 0;
	gap = chars[ci].box.x0 - chars[li].box.x1;
	if (gap > 1.5 * em || gap < -0.6 * em)
		return 0;
	return ov / minh + 1.0 / (1.0 + fabs(gap));
}

/* A character drawn twice at almost the same place (fake bold): moved by
 * less than 0.2 em and less than half its width (the second "l" of "will"
 * in a narrow 6.5 pt face starts 0.18 em after the first). */
static int duplicate(const struct ex_char *a, double em, const struct ex_char *b)
{
	double dx = fabs(a->box.x0 - b->box.x0);

	return dx < 0.2 * em && dx < 0.5 * kp_box_width(&a->box) &&
	       fabs(a->box.y0 - b->box.y0) < 0.2 * em && strcmp(a->text, b->text) == 0;
}

/* The em of a character as its shape shows it: for a Hangul or Han
 * character, whose advance is about 0.9 em, the smaller of that and
 * char_em() (Type 3 fonts can report twice the real size). */
static double shape_em(const struct ex_char *c)
{
	unsigned long cp = 0;
	double w = kp_box_width(&c->box), em = char_em(c);

	if (kp_utf8_decode(c->text, strlen(c->text), &cp) > 0 &&
	    (kp_is_hangul(cp) || kp_is_han(cp)) && w > 0 && w / 0.9 < em)
		return w / 0.9;
	return em;
}

/* How a line's characters are spaced: em, the median of shape_em();
 * base, the line's letter gap (the lower quartile of its gaps:
 * justification may widen them all); space, the median gap of the spaces
 * between characters of the same script (0 when the line has none). */
struct gaps {
	double em, base, space;
};

static void line_gaps(const struct ex_char *chars, const struct text_line *tl, struct gaps *g)
{
	double *v = kp_xreallocarray(NULL, tl->n, sizeof(*v));
	size_t ng = 0;

	for (size_t i = 0; i < tl->n; i++)
		v[i] = shape_em(&chars[tl->idx[i]]);
	g->em = kp_median(v, tl->n);
	g->base = 0;
	for (size_t i = 1; i < tl->n; i++) {
		double gap = chars[tl->idx[i]].box.x0 - chars[tl->idx[i - 1]].box.x1;

		if (gap > -0.1 * g->em && gap < 0.6 * g->em)
			v[ng++] = fmax(gap, 0);
	}
	if (ng >= 4) {
		qsort(v, ng, sizeof(*v), kp_cmp_double);
		g->base = fmin(v[ng / 4], 0.2 * g->em);
	}
	ng = 0;
	for (size_t i = 1; i < tl->n; i++) {
		const struct ex_char *a = &chars[tl->idx[i - 1]], *c = &chars[tl->idx[i]];
		double gap = c->box.x0 - a->box.x1;

		if (char_is_cjk(a) == char_is_cjk(c) && gap > g->base + 0.12 * g->em &&
		    gap < 1.5 * g->em)
			v[ng++] = gap;
	}
	g->space = kp_median(v, ng);
	free(v);
}

static int cp_of(const struct ex_char *c, unsigned long *cp)
{
	return kp_utf8_decode(c->text, strlen(c->text), cp) > 0;
}

/* Is the line Chinese: Han characters and no Hangul? */
static int is_chinese(const struct ex_char *chars, const struct text_line *tl)
{
	int han = 0;

	for (size_t i = 0; i < tl->n; i++) {
		if (kp_starts_hangul(chars[tl->idx[i]].text))
			return 0;
		han = han || kp_starts_han(chars[tl->idx[i]].text);
	}
	return han;
}

/* Are a and b a Han character and an ASCII digit, in either order? */
static int han_digit(const struct ex_char *a, const struct ex_char *b)
{
	unsigned long x, y;

	if (!cp_of(a, &x) || !cp_of(b, &y))
		return 0;
	return (kp_is_han(x) && y >= '0' && y <= '9') || (kp_is_han(y) && x >= '0' && x <= '9');
}

/* The font of most of the line's characters (the first of a tie). */
static unsigned line_font(const struct ex_char *chars, const struct text_line *tl)
{
	unsigned best = 0;
	size_t most = 0;

	for (size_t i = 0; i < tl->n && most * 2 <= tl->n; i++) {
		unsigned f = chars[tl->idx[i]].font;
		size_t n = 0;

		for (size_t j = i; j < tl->n; j++)
			n += chars[tl->idx[j]].font == f;
		if (n > most) {
			most = n;
			best = f;
		}
	}
	return best;
}

/* Majority vote of the line's characters: size (median), bold, italic, font;
 * the vertical extent of the characters of ordinary height (a glyph with
 * a box much taller than the median does not stretch the line); and the
 * text, with a space where the gap between two characters exceeds the
 * line's letter gap by 0.12 em (line_gaps).
 * Where CJK meets Latin text or digits, word processors (LibreOffice,
 * Word, Hancom) add about 0.2 em of "autospace", which is not a space
 * ("2025년" must not become "2025 년"): there a gap is a space only when it
 * is at least 0.8 of the line's typical space, or, in a line without
 * spaces of its own ("《2023年…》", "빌딩 1308호"), of the page's typical
 * space `page_space` (in em; 0 when unknown).  In Chinese (Han without
 * Hangul), whose lines have no spaces of their own to compare with,
 * between Han and digits only a gap over a quarter em is a space
 * ("计划2023年度" with autospace of 0.20 em, "仅需 18 秒" with 0.30 em). */
static void line_finish(const struct ex_char *chars, const struct text_line *tl,
                        const struct gaps *g, double page_space, struct ex_line *out)
{
	struct kp_buf b;
	size_t nbold = 0, nital = 0;
	double *v = kp_xreallocarray(NULL, tl->n, sizeof(*v));
	double em, base, space, h;
	int chinese;
	char *raw;

	chinese = is_chinese(chars, tl);
	em = g->em;
	base = g->base;
	space = g->space > 0 ? g->space : page_space * em;
	for (size_t i = 0; i < tl->n; i++)
		v[i] = chars[tl->idx[i]].size;
	out->size = kp_median(v, tl->n);
	for (size_t i = 0; i < tl->n; i++)
		v[i] = kp_box_height(&chars[tl->idx[i]].box);
	h = kp_median(v, tl->n);
	free(v);

	kp_buf_init(&b);
	out->box = chars[tl->idx[0]].box;
	out->box.y0 = INFINITY;
	out->box.y1 = -INFINITY;
	for (size_t i = 0; i < tl->n; i++) {
		const struct ex_char *c = &chars[tl->idx[i]];

		if (i > 0) {
			const struct ex_char *prev = &chars[tl->idx[i - 1]];
			double gap = c->box.x0 - prev->box.x1, need = base + 0.12 * em;

			if (char_is_cjk(prev) != char_is_cjk(c) && space > 0)
				need = fmax(need, 0.8 * space);
			if (chinese && han_digit(prev, c))
				need = fmax(need, base + 0.25 * em);
			if (gap > need)
				kp_buf_putc(&b, ' ');
		}
		kp_buf_puts(&b, c->text);
		ex_pieces_add(&out->pieces, &c->box, -1, c->text);
		nbold += c->bold;
		nital += c->italic;
		out->box.x0 = fmin(out->box.x0, c->box.x0);
		out->box.x1 = fmax(out->box.x1, c->box.x1);
		if (kp_box_height(&c->box) <= 1.3 * h + 0.5) {
			out->box.y0 = fmin(out->box.y0, c->box.y0);
			out->box.y1 = fmax(out->box.y1, c->box.y1);
		}
	}
	out->bold = nbold * 2 > tl->n;
	out->italic = nital * 2 > tl->n;
	out->space_after = chars[tl->idx[tl->n - 1]].space_after;
	out->font = line_font(chars, tl);
	raw = kp_buf_detach(&b);
	out->text = kp_nfc_new(raw);
	free(raw);
	kp_buf_release(&b);
}

/* The page's typical word space in em: the median over its lines that
 * have spaces of their own of space / em; 0 when none has. */
static double page_space_em(const struct gaps *g, size_t nl)
{
	double *v = kp_xreallocarray(NULL, nl + 1, sizeof(*v)), m;
	size_t n = 0;

	for (size_t i = 0; i < nl; i++)
		if (g[i].space > 0 && g[i].em > 0)
			v[n++] = g[i].space / g[i].em;
	m = kp_median(v, n);
	free(v);
	return m;
}

static int line_cmp(const void *pa, const void *pb)
{
	const struct ex_line *a = pa, *b = pb;

	if (a->box.y0 != b->box.y0)
		return a->box.y0 < b->box.y0 ? -1 : 1;
	if (a->box.x0 != b->box.x0)
		return a->box.x0 < b->box.x0 ? -1 : 1;
	return strcmp(a->text, b->text);
}

/* An open line as the search for a character's line sees it: what its
 * last character can still reach. */
struct open_line {
	size_t line;     /* index in lines[] */
	double x1, x0r;  /* the last character's right edge; its left edge
	                  * plus 0.2 em (duplicate()) */
	double lo, hi;   /* vertical span the last character can match in */
};

/* The reach of character ci (into *o, o->line untouched): its ink box's
 * vertical span, widened by the band in which duplicate() sees a copy
 * of it (as_last: it ends a line) or by its own top (it is the new one).
 * continues() needs the ink boxes to overlap and duplicate() the tops to
 * be within 0.2 em, so two reaches that do not overlap cannot match. */
static void reach(const struct ex_char *chars, const struct char_geo *geo, size_t ci,
                  int as_last, struct open_line *o)
{
	const struct kp_box *b = &chars[ci].box, *ink = &geo[ci].ink;
	double d = as_last ? 0.2 * geo[ci].em : 0;

	o->x1 = b->x1;
	o->x0r = b->x0 + d;
	o->lo = fmin(fmin(ink->y0, ink->y1), b->y0 - d);
	o->hi = fmax(fmax(ink->y0, ink->y1), b->y0 + d);
}

/* Contract: characters are taken left to right; each joins the open line
 * it continues best (see continues()) or starts a new one; a character
 * drawn again over the last one of a line (fake bold) is dropped.  Lines
 * are appended to `out` sorted by top, then left edge. */
void ex_text_lines(const struct ex_char *chars, size_t n, struct ex_page *out)
{
	struct char_ref *order;
	size_t first = out->nlines, nl = 0, cap = 0;
	struct text_line *lines = NULL;
	struct char_geo *geo;
	struct open_line *active;    /* lines[] that may still grow, in order */
	size_t nactive = 0;
	double maxem = 0;
	struct gaps *gaps;
	double page_space;

	if (n == 0)
		return;
	order = kp_xreallocarray(NULL, n, sizeof(*order));
	for (size_t i = 0; i < n; i++) {
		order[i].x0 = chars[i].box.x0;
		order[i].y0 = chars[i].box.y0;
		order[i].i = i;
	}
	qsort(order, n, sizeof(*order), by_x);
	geo = kp_xreallocarray(NULL, n, sizeof(*geo));
	for (size_t i = 0; i < n; i++) {
		geo[i].ink = ink_box(&chars[i]);
		geo[i].em = char_em(&chars[i]);
		geo[i].inkh = kp_box_height(&geo[i].ink);
		maxem = fmax(maxem, geo[i].em);
	}
	active = kp_xreallocarray(NULL, n, sizeof(*active));
	for (size_t k = 0; k < n; k++) {
		size_t ci = order[k].i;
		const struct ex_char *c = &chars[ci];
		struct open_line me;
		size_t best = SIZE_MAX, nlive = 0;
		double best_score = 0;
		int dup = 0;

		reach(chars, geo, ci, 0, &me);
		/* Characters come by x0: a line whose last character ends
		 * more than 1.5 of the page's largest em before this one, and
		 * starts 0.2 of its em before it, neither continues nor doubles
		 * with this or any later character (continues(),
		 * duplicate()). */
		for (size_t j = 0; j < nactive; j++)
			if (!(active[j].x1 + 1.5 * maxem < c->box.x0 && active[j].x0r <= c->box.x0))
				active[nlive++] = active[j];
		nactive = nlive;
		for (size_t j = 0; j < nactive && !dup; j++) {
			struct text_line *l;
			size_t last;
			double s;

			if (!(active[j].lo < me.hi && me.lo < active[j].hi))
				continue; /* too far above or below */
			l = &lines[active[j].line];
			last = l->idx[l->n - 1];
			s = continues(chars, geo, l, ci);
			dup = duplicate(&chars[last], geo[last].em, c);
			if (s > best_score) {
				best_score = s;
				best = j;
			}
		}
		if (dup)
			continue;
		if (best == SIZE_MAX) {
			if (nl == cap) {
				cap = cap ? cap * 2 : 16;
				lines = kp_xreallocarray(lines, cap, sizeof(*lines));
			}
			memset(&lines[nl], 0, sizeof(*lines));
			lines[nl].box = c->box;
			best = nactive++;
			active[best].line = nl++;
		}
		struct text_line *l = &lines[active[best].line];

		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 16;
			l->idx = kp_xreallocarray(l->idx, l->cap, sizeof(*l->idx));
		}
		l->idx[l->n++] = ci;
		kp_box_union(&l->box, &c->box);
		reach(chars, geo, ci, 1, &active[best]);
	}
	gaps = kp_xreallocarray(NULL, nl + 1, sizeof(*gaps));
	for (size_t i = 0; i < nl; i++)
		line_gaps(chars, &lines[i], &gaps[i]);
	page_space = page_space_em(gaps, nl);
	for (size_t i = 0; i < nl; i++) {
		line_finish(chars, &lines[i], &gaps[i], page_space, ex_page_add_line(out));
		free(lines[i].idx);
	}
	free(gaps);
	qsort(out->lines + first, out->nlines - first, sizeof(*out->lines), line_cmp);
	free(lines);
	free(active);
	free(geo);
	free(order);
}
