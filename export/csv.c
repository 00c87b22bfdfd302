/* csv.c - the issue as CSV (RFC 4180): one record per table cell, or one
 * per article. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

static const char *const tables_header[] = {
	"issue", "part", "article", "table", "caption", "row", "col", "rowspan",
	"colspan", "header", "text", "page", "ocr", NULL
};
static const char *const articles_header[] = {
	"issue", "part", "part_title", "category", "article", "title", "date",
	"pages", "tables", "references", "first_url", NULL
};

/* Code points kept out of CSV fields: C0 controls other than TAB, LF and
 * CR, DEL, and the C1 controls. */
static int is_banned_control(unsigned long cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
	       (cp >= 0x7F && cp <= 0x9F);
}

int ix_csv_formula_like(const char *s)
{
	switch (*s) {
	case '=': case '@': case '\t': case '\r':
		return 1;
	case '+': case '-':
		/* a plain number (-1,200.5, +3 %, or a lone dash) is no formula */
		return s[1 + strspn(s + 1, "0123456789.,% ")] != '\0';
	}
	return 0;
}

void ix_csv_field(struct kp_buf *b, const char *s, int raw)
{
	size_t n = strlen(s), i = 0, k;
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	unsigned long cp;

	if (quote)
		kp_buf_putc(b, '"');
	if (!raw && ix_csv_formula_like(s))
		kp_buf_putc(b, '\'');
	while (i < n) {
		k = kp_utf8_decode(s + i, n - i, &cp);
		if (k == 0 || is_banned_control(cp)) {
			kp_utf8_encode(b, 0xFFFD);
			i += k == 0 ? 1 : k;
			continue;
		}
		if (cp == '"')
			kp_buf_putc(b, '"');
		kp_buf_add(b, s + i, k);
		i += k;
	}
	if (quote)
		kp_buf_putc(b, '"');
}

/* A record being built: fields are separated by commas; st says how. */
struct record {
	struct kp_buf *out;
	const struct ix_csv_style *st;
	int nfields;
};

static void put(struct record *r, const char *s)
{
	if (r->nfields++ > 0)
		kp_buf_putc(r->out, ',');
	ix_csv_field(r->out, s != NULL ? s : "", r->st->raw);
}

static void put_long(struct record *r, long v)
{
	char num[32];

	snprintf(num, sizeof num, "%ld", v);
	put(r, num);
}

/* End the record; with st->fp, pass the buffer on once it holds 64 KiB,
 * so that the output is streamed, not held whole. */
static void end_record(struct record *r)
{
	kp_buf_puts(r->out, r->st->eol);
	r->nfields = 0;
	if (r->st->fp != NULL && r->out->len >= 65536) {
		fwrite(r->out->s, 1, r->out->len, r->st->fp); /* ferror checked by the caller */
		kp_buf_clear(r->out);
	}
}

void ix_csv_header(struct kp_buf *b, enum ix_csv_kind kind, const char *eol)
{
	const char *const *h = kind == IX_CSV_TABLES ? tables_header : articles_header;
	struct ix_csv_style st = { eol, 1, NULL };
	struct record r = { b, &st, 0 };

	for (; *h != NULL; h++)
		put(&r, *h);
	end_record(&r);
}

/* The lines of a cell joined with sep (a "•" item's mark is not part of
 * its line's text): a new string. */
static char *cell_text_new(xmlNodePtr cell, const char *sep)
{
	struct kp_buf b;
	xmlNodePtr line;
	char *t;

	kp_buf_init(&b);
	kp_buf_puts(&b, "");
	for (line = ix_first(cell, KP_EL_LINE); line != NULL; line = ix_next(line, KP_EL_LINE)) {
		t = ix_text_new(line);
		if (b.len > 0)
			kp_buf_puts(&b, sep);
		kp_buf_puts(&b, t);
		free(t);
	}
	return kp_buf_detach(&b);
}

/* Position of a cell in the grid; -1 on a malformed cell. */
struct span {
	long row, col, rowspan, colspan;
};

static int cell_span(xmlNodePtr cell, struct span *s)
{
	if (ix_attr_count(cell, KP_A_ROW, 0, &s->row) < 0 ||
	    ix_attr_count(cell, KP_A_COL, 0, &s->col) < 0)
		return -1;
	ix_attr_count(cell, KP_A_ROWSPAN, 1, &s->rowspan);
	ix_attr_count(cell, KP_A_COLSPAN, 1, &s->colspan);
	if (s->rowspan < 1 || s->colspan < 1)
		return -1;
	return 0;
}

/* A header-row cell with text: its columns and its text (lines joined
 * with spaces). */
struct head {
	long col, colspan;
	char *text;
};

/* The header-row cells of table that have text, in document order, read
 * once per table: looking them up again for every body cell made a wide
 * table cost its header cells times its body cells in attribute parsing
 * and copies.  *n receives the count; release with free_heads. */
static struct head *table_heads(xmlNodePtr table, size_t *n)
{
	struct head *v = NULL;
	size_t cap = 0;
	xmlNodePtr row, cell;
	struct span s;

	*n = 0;
	for (row = ix_first(table, KP_EL_ROW); row != NULL; row = ix_next(row, KP_EL_ROW)) {
		if (strcmp(ix_attr0(row, KP_A_HEADER), "1") != 0)
			continue;
		for (cell = ix_first(row, KP_EL_CELL); cell != NULL; cell = ix_next(cell, KP_EL_CELL)) {
			char *t;

			if (cell_span(cell, &s) < 0)
				continue;
			t = cell_text_new(cell, " ");
			if (*t == '\0') {
				free(t);
				continue;
			}
			if (*n == cap) {
				cap = cap ? cap * 2 : 16;
				v = kp_xreallocarray(v, cap, sizeof(*v));
			}
			v[(*n)++] = (struct head){ s.col, s.colspan, t };
		}
	}
	return v;
}

static void free_heads(struct head *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

/* The header text of grid column col: the texts of the header-row cells
 * covering it, top to bottom, repeats dropped, joined with " / ", cut at
 * IX_CSV_HEADER_MAX bytes (*cut set to 1), since it is repeated in every
 * body cell of the column: 20000 header cells spanning every column made
 * 3 MB of XML 3.4 GB of CSV.  A new string, "" without a header row. */
static char *column_header_new(const struct head *v, size_t n, long col, int *cut)
{
	struct kp_buf b;
	const char *last = NULL;

	kp_buf_init(&b);
	kp_buf_puts(&b, "");
	for (size_t i = 0; i < n; i++) {
		/* col - v[i].col cannot overflow once col >= v[i].col; the sum
		 * v[i].col + v[i].colspan could (colspan = LONG_MAX) */
		if (col < v[i].col || col - v[i].col >= v[i].colspan)
			continue;
		if (last == NULL || strcmp(v[i].text, last) != 0) {
			if (b.len > 0)
				kp_buf_puts(&b, " / ");
			kp_buf_puts(&b, v[i].text);
			last = v[i].text;
		}
		if (b.len > IX_CSV_HEADER_MAX) {
			size_t k = IX_CSV_HEADER_MAX;

			while (k > 0 && ((unsigned char)b.s[k] & 0xC0) == 0x80)
				k--; /* not inside a UTF-8 sequence */
			b.len = k;
			b.s[k] = '\0';
			kp_buf_puts(&b, "\xE2\x80\xA6"); /* U+2026 */
			*cut = 1;
			break;
		}
	}
	return kp_buf_detach(&b);
}

/* Where a table sits: the part and article numbers ("" outside). */
struct place {
	const char *part, *article;
};

/* Every cell of table has a valid row, col and spans; else one line and
 * KP_EXIT_FORMAT. */
static int table_valid(const struct ix_issue *is, xmlNodePtr table, long ordinal)
{
	xmlNodePtr row, cell;
	struct span s;

	for (row = ix_first(table, KP_EL_ROW); row != NULL; row = ix_next(row, KP_EL_ROW))
		for (cell = ix_first(row, KP_EL_CELL); cell != NULL; cell = ix_next(cell, KP_EL_CELL))
			if (cell_span(cell, &s) < 0) {
				kp_warn(is->name, xmlGetLineNo(cell),
				        "table %ld: cell without a valid row, col or span", ordinal);
				return KP_EXIT_FORMAT;
			}
	return KP_EXIT_OK;
}

/* The records of one table (cells checked by table_valid). */
static int table_records(const struct ix_issue *is, xmlNodePtr table, long ordinal,
                         const struct place *at, const struct ix_csv_style *st,
                         struct kp_buf *out)
{
	struct record r = { out, st, 0 };
	xmlNodePtr caption = ix_first(table, KP_EL_CAPTION), row, cell;
	const char *tocr = ix_attr0(table, KP_A_OCR), *page;
	char *cap = caption != NULL ? ix_text_new(caption) : kp_xstrdup("");
	char *text, *head;
	struct span s;
	int header, cut = 0;
	size_t nheads;
	struct head *heads = table_heads(table, &nheads);

	for (row = ix_first(table, KP_EL_ROW); row != NULL; row = ix_next(row, KP_EL_ROW)) {
		header = strcmp(ix_attr0(row, KP_A_HEADER), "1") == 0;
		for (cell = ix_first(row, KP_EL_CELL); cell != NULL; cell = ix_next(cell, KP_EL_CELL)) {
			cell_span(cell, &s);
			page = ix_attr(cell, KP_A_PAGE);
			text = cell_text_new(cell, "\n");
			head = header ? kp_xstrdup("") : column_header_new(heads, nheads, s.col, &cut);
			put(&r, ix_issue_label(is));
			put(&r, at->part);
			put(&r, at->article);
			put_long(&r, ordinal);
			put(&r, cap);
			put_long(&r, s.row);
			put_long(&r, s.col);
			put_long(&r, s.rowspan);
			put_long(&r, s.colspan);
			put(&r, head);
			put(&r, text);
			put(&r, page != NULL ? page : ix_attr0(table, KP_A_PAGE));
			put(&r, strcmp(ix_attr0(cell, KP_A_OCR), "1") == 0 || strcmp(tocr, "1") == 0
			        ? "1" : "0");
			end_record(&r);
			free(text);
			free(head);
		}
	}
	free(cap);
	free_heads(heads, nheads);
	if (cut) {
		kp_warn(is->name, xmlGetLineNo(table),
		        "table %ld: column headers cut at %d bytes", ordinal, IX_CSV_HEADER_MAX);
		return KP_EXIT_PARTIAL;
	}
	return KP_EXIT_OK;
}

/* The tables among the children of parent, in order; *ordinal counts
 * tables across the issue.  With st NULL, only checks them (table_valid).
 * Returns the worst exit code; stops at KP_EXIT_FORMAT. */
static int tables_in(const struct ix_issue *is, xmlNodePtr parent, const struct place *at,
                     long *ordinal, const struct ix_csv_style *st, struct kp_buf *out)
{
	xmlNodePtr n;
	struct place in;
	int rc, worst = KP_EXIT_OK;

	for (n = ix_first(parent, IX_ANY); n != NULL; n = ix_next(n, IX_ANY)) {
		if (ix_is(n, KP_EL_TABLE)) {
			++*ordinal;
			rc = st == NULL ? table_valid(is, n, *ordinal)
			                : table_records(is, n, *ordinal, at, st, out);
		} else if (ix_is(n, KP_EL_ARTICLE)) {
			in.part = at->part;
			in.article = ix_attr0(n, KP_A_N);
			rc = tables_in(is, n, &in, ordinal, st, out);
		} else if (ix_is(n, KP_EL_SECTION)) {
			/* a report: the outermost section is the part, the
			 * one below it the article */
			in.part = *at->part != '\0' ? at->part : ix_attr0(n, KP_A_N);
			in.article = *at->part == '\0' ? "" : *at->article != '\0' ? at->article
			                                                            : ix_attr0(n, KP_A_N);
			rc = tables_in(is, n, &in, ordinal, st, out);
		} else {
			continue;
		}
		if (rc == KP_EXIT_FORMAT)
			return rc;
		if (rc > worst)
			worst = rc;
	}
	return worst;
}

static int csv_tables(const struct ix_issue *is, const struct ix_csv_style *st,
                      struct kp_buf *out)
{
	xmlNodePtr n;
	struct place at;
	long ordinal = 0;
	int rc, worst = KP_EXIT_OK;

	for (n = ix_first(is->root, IX_ANY); n != NULL; n = ix_next(n, IX_ANY)) {
		if (!ix_is(n, KP_EL_PART) && !ix_is(n, KP_EL_UNPLACED) && !ix_is(n, KP_EL_SECTION) &&
		    !ix_is(n, KP_EL_BACK) && !ix_is(n, KP_EL_COVER))
			continue;
		at.part = ix_is(n, KP_EL_PART) || ix_is(n, KP_EL_SECTION) ? ix_attr0(n, KP_A_N) : "";
		at.article = "";
		rc = tables_in(is, n, &at, &ordinal, st, out);
		if (rc == KP_EXIT_FORMAT)
			return rc;
		if (rc > worst)
			worst = rc;
	}
	return worst;
}

/* The first URL an article cites: its first reference with a URL, else
 * its first source line with one. */
static const char *first_url(xmlNodePtr article)
{
	xmlNodePtr n, ref;
	const char *url;

	for (n = ix_first(article, KP_EL_REFERENCES); n != NULL; n = ix_next(n, KP_EL_REFERENCES))
		for (ref = ix_first(n, KP_EL_REF); ref != NULL; ref = ix_next(ref, KP_EL_REF))
			if ((url = ix_attr(ref, KP_A_URL)) != NULL && *url != '\0')
				return url;
	for (n = ix_first(article, KP_EL_SOURCE); n != NULL; n = ix_next(n, KP_EL_SOURCE))
		if ((url = ix_attr(n, KP_A_URL)) != NULL && *url != '\0')
			return url;
	return "";
}

/* Tables and references among the blocks of art and of the sections below it. */
static void count_blocks(xmlNodePtr art, long *tables, long *refs)
{
	for (xmlNodePtr n = ix_first(art, IX_ANY); n != NULL; n = ix_next(n, IX_ANY)) {
		if (ix_is(n, KP_EL_TABLE))
			++*tables;
		else if (ix_is(n, KP_EL_REFERENCES))
			for (xmlNodePtr ref = ix_first(n, KP_EL_REF); ref; ref = ix_next(ref, KP_EL_REF))
				++*refs;
		else if (ix_is(n, KP_EL_SECTION))
			count_blocks(n, tables, refs);
	}
}

/* The words of a part or article: a report's section has them in its head. */
static char *title_new(xmlNodePtr n)
{
	xmlNodePtr t = ix_first(n, ix_is(n, KP_EL_SECTION) ? KP_EL_HEAD : KP_EL_TITLE);

	return t != NULL ? ix_text_new(t) : kp_xstrdup("");
}

/* One record for article art of part (a report: a section of level 2 in
 * one of level 1). */
static void article_record(const struct ix_issue *is, xmlNodePtr part, xmlNodePtr art,
                           const struct ix_csv_style *st, struct kp_buf *out)
{
	struct record r = { out, st, 0 };
	xmlNodePtr lead = ix_first(art, KP_EL_LEAD);
	const char *first = ix_attr0(art, KP_A_PAGE), *last = ix_attr0(art, KP_A_PAGES);
	char *t = title_new(art);
	char *pt = ix_is(part, KP_EL_SECTION) ? title_new(part) : kp_xstrdup(ix_attr0(part, KP_A_TITLE));
	char pages[64];
	long tables = 0, refs = 0;

	count_blocks(art, &tables, &refs);
	if (*last != '\0' && strcmp(first, last) != 0)
		snprintf(pages, sizeof pages, "%.20s-%.20s", first, last);
	else
		snprintf(pages, sizeof pages, "%.20s", first);
	put(&r, ix_issue_label(is));
	put(&r, ix_attr0(part, KP_A_N));
	put(&r, pt);
	put(&r, ix_attr0(art, KP_A_CATEGORY));
	put(&r, ix_attr0(art, KP_A_N));
	put(&r, t);
	put(&r, lead != NULL ? ix_attr0(lead, KP_A_DATE) : "");
	put(&r, pages);
	put_long(&r, tables);
	put_long(&r, refs);
	put(&r, first_url(art));
	end_record(&r);
	free(t);
	free(pt);
}

int ix_csv(const struct ix_issue *is, enum ix_csv_kind kind, const struct ix_csv_style *st,
           struct kp_buf *out)
{
	xmlNodePtr part, art;
	int rc;

	/* every cell checked before the first record, so that a malformed
	 * table writes nothing even when the records are streamed */
	if (kind == IX_CSV_TABLES) {
		rc = csv_tables(is, NULL, NULL);
		return rc == KP_EXIT_OK ? csv_tables(is, st, out) : rc;
	}
	for (part = ix_first(is->root, KP_EL_PART); part != NULL; part = ix_next(part, KP_EL_PART))
		for (art = ix_first(part, KP_EL_ARTICLE); art != NULL; art = ix_next(art, KP_EL_ARTICLE))
			article_record(is, part, art, st, out);
	for (part = ix_first(is->root, KP_EL_SECTION); part != NULL; part = ix_next(part, KP_EL_SECTION))
		for (art = ix_first(part, KP_EL_SECTION); art != NULL; art = ix_next(art, KP_EL_SECTION))
			article_record(is, part, art, st, out);
	return KP_EXIT_OK;
}
