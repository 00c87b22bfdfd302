/* alto.c - the issue as ALTO 4.4 (mapping: docs/alto-mapping.md).  The
 * page geometry comes from the layout stream the issue was made from,
 * read one page at a time; the logical structure from the issue
 * (alto_tags.c).  Written with libxml2's text writer, which escapes. */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "alto.h"
#include "kp_stream.h"

#define ALTO_NS "http://www.loc.gov/standards/alto/ns-v4#"
#define ALTO_XSD "http://www.loc.gov/alto/v4/alto-4-4.xsd"
/* ALTO's finest unit: 1/1200 inch; the stream's points are 1/72 inch. */
#define UNITS_PER_POINT (1200.0 / 72.0)

/* One record of the page being written, its fields copied; read through
 * kp_get_*() (common/kp_stream.h), which alone knows the fields. */
struct rec {
	struct kp_record kr;
};

/* The ALTO document being written. */
struct alto {
	const struct ix_issue *is;
	const struct ix_structure *st;
	struct kp_reader *r;
	xmlTextWriterPtr w;
	long page;             /* number of the page being written */
	long nlines, nblocks, ntables, ncells, nimages, nrules; /* ID counters of the page */
	struct rec *recs;      /* the page's records */
	size_t nrecs;
	long npages;           /* pages written */
	int rc;                /* first error, KP_EXIT_OK while none */
};

static void start(struct alto *a, const char *name)
{
	xmlTextWriterStartElement(a->w, BAD_CAST name);
}

static void end(struct alto *a)
{
	xmlTextWriterEndElement(a->w);
}

static void attr(struct alto *a, const char *name, const char *value)
{
	xmlTextWriterWriteAttribute(a->w, BAD_CAST name, BAD_CAST value);
}

static void element_text(struct alto *a, const char *name, const char *text)
{
	xmlTextWriterWriteElement(a->w, BAD_CAST name, BAD_CAST text);
}

static void attr_units(struct alto *a, const char *name, double pt)
{
	xmlTextWriterWriteFormatAttribute(a->w, BAD_CAST name, "%.0f", pt * UNITS_PER_POINT);
}

static void attr_box(struct alto *a, const struct kp_box *b)
{
	attr_units(a, "HPOS", b->x0);
	attr_units(a, "VPOS", b->y0);
	attr_units(a, "WIDTH", kp_box_width(b));
	attr_units(a, "HEIGHT", kp_box_height(b));
}

/* IDs are made here, never copied from the stream, so they are unique
 * and valid xsd:IDs whatever the stream holds: p<page>_<kind><count>. */
static void attr_id(struct alto *a, const char *kind, long n)
{
	xmlTextWriterWriteFormatAttribute(a->w, BAD_CAST "ID", "p%ld_%s%ld", a->page, kind, n);
}

static void fail(struct alto *a, long lineno, int code, const char *what)
{
	if (a->rc == KP_EXIT_OK)
		kp_warn(a->r->name, lineno, "%s", what);
	if (code > a->rc)
		a->rc = code;
}

/* The result of a kp_get_*() call: 0, or -1 after its diagnostic, the
 * format error kept for the exit code. */
static int got(struct alto *a, int rc)
{
	if (rc < 0 && a->rc == KP_EXIT_OK)
		a->rc = KP_EXIT_FORMAT;
	return rc;
}

static enum kp_rec_type type_of(const struct alto *a, size_t i)
{
	return kp_record_type(&a->recs[i].kr);
}

/* Do two IDs (NULL for none) name the same block or table? */
static int same_id(const char *x, const char *y)
{
	return x != NULL && y != NULL && strcmp(x, y) == 0;
}

/* TAGREFS from tags (IX_TAG_LEVELS entries, -1 none), and "furniture". */
static void attr_tagrefs(struct alto *a, const long *tags, int furniture)
{
	struct kp_buf b;

	kp_buf_init(&b);
	kp_buf_puts(&b, "");
	if (furniture)
		kp_buf_puts(&b, "furniture");
	for (int i = 0; i < IX_TAG_LEVELS; i++)
		if (tags != NULL && tags[i] >= 0)
			kp_buf_printf(&b, "%stag%ld", b.len ? " " : "", tags[i] + 1);
	if (b.len > 0)
		attr(a, "TAGREFS", b.s);
	kp_buf_release(&b);
}

/* WC: an OCR'd line's confidence (0-100 in the stream, -1 none) as 0..1. */
static void attr_wc(struct alto *a, int ocr, double conf)
{
	if (ocr && conf >= 0 && conf <= 100)
		xmlTextWriterWriteFormatAttribute(a->w, BAD_CAST "WC", "%.3f", conf / 100);
}

/* CC: the stream's digits (one per code point of the word, 0 sure .. 9
 * unsure) as ALTO's list of numbers; left out unless there is exactly one
 * digit per code point of `word`. */
static void attr_cc(struct alto *a, const char *cc, const char *word)
{
	size_t ncp = 0, n = strlen(cc);
	struct kp_buf b;

	for (const char *p = word; *p != '\0'; p++)
		ncp += ((unsigned char)*p & 0xC0) != 0x80;
	if (n != ncp || strspn(cc, "0123456789") != n)
		return;
	kp_buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			kp_buf_putc(&b, ' ');
		kp_buf_putc(&b, cc[i]);
	}
	attr(a, "CC", b.s);
	kp_buf_release(&b);
}

/* The word records after the line or cell at recs[i] (their number in *n):
 * parsed into a new array, or NULL when there are none or one is bad. */
static struct kp_rec_word *line_words(struct alto *a, size_t i, size_t *n)
{
	struct kp_rec_word *w = NULL;
	size_t k = 0;

	while (i + 1 + k < a->nrecs && type_of(a, i + 1 + k) == KP_REC_WORD)
		k++;
	*n = 0;
	if (k == 0)
		return NULL;
	w = kp_xreallocarray(NULL, k, sizeof(*w));
	for (size_t j = 0; j < k; j++)
		if (got(a, kp_get_word(a->r, &a->recs[i + 1 + j].kr, &w[j])) != 0) {
			free(w);
			return NULL;
		}
	*n = k;
	return w;
}

/* The number of blank-separated words of text. */
static size_t words_in(const char *text)
{
	size_t n = 0;

	for (const char *p = text + strspn(text, " \t\r\n"); *p != '\0';
	     p += strspn(p, " \t\r\n"), n++)
		p += strcspn(p, " \t\r\n");
	return n;
}

/* Does words[k] hold the kth word of text (n bytes at p)? */
static int word_is(const struct kp_rec_word *words, size_t nwords, size_t k, const char *p,
                   size_t n)
{
	return k < nwords && words[k].text != NULL && strlen(words[k].text) == n &&
	       memcmp(words[k].text, p, n) == 0;
}

/* The union of the boxes of text's words into *box when words[] holds
 * every one of them: 0, else -1. */
static int words_box(const char *text, const struct kp_rec_word *words, size_t nwords,
                     struct kp_box *box)
{
	const char *p = text + strspn(text, " \t\r\n");
	size_t k = 0, n;

	for (; *p != '\0'; p += n, p += strspn(p, " \t\r\n"), k++) {
		n = strcspn(p, " \t\r\n");
		if (!word_is(words, nwords, k, p, n))
			return -1;
		if (k == 0)
			*box = words[0].box;
		else
			kp_box_union(box, &words[k].box);
	}
	return k > 0 ? 0 : -1;
}

/*
 * One TextLine: a String per word (text between white space), SP between
 * them.  box is NULL when the line's position is not known (a table
 * cell's lines): then the union of its words' boxes when each has one.  words[0..nwords) are the stream's word records of the
 * line: the Kth gives the Kth String its box, WC and CC when it holds the
 * same text (else the String has none: boxes are never made up).  A line
 * without words is left out (ALTO requires one).
 */
static void text_line(struct alto *a, const struct kp_box *box, const char *text,
                      int bold, int italic, int ocr, double conf,
                      const struct kp_rec_word *words, size_t nwords)
{
	const char *p = text, *q;
	size_t k = 0;
	char *word;
	struct kp_box wbox;

	p += strspn(p, " \t\r\n");
	if (*p == '\0')
		return;
	if (!kp_utf8_valid(text, strlen(text))) {
		fail(a, 0, KP_EXIT_FORMAT, "layout stream: text is not UTF-8");
		return;
	}
	start(a, "TextLine");
	attr_id(a, "l", ++a->nlines);
	if (box == NULL && words_box(text, words, nwords, &wbox) == 0)
		box = &wbox;
	if (box != NULL)
		attr_box(a, box);
	while (*p != '\0') {
		const struct kp_rec_word *wd = NULL;

		q = p + strcspn(p, " \t\r\n");
		word = kp_xstrndup(p, (size_t)(q - p));
		if (word_is(words, nwords, k, p, (size_t)(q - p)))
			wd = &words[k];
		if (k++ > 0)
			xmlTextWriterWriteElement(a->w, BAD_CAST "SP", NULL);
		for (char *c = word; *c != '\0'; c++)
			if ((unsigned char)*c < 0x20) /* not allowed in XML */
				*c = '?';
		start(a, "String");
		attr(a, "CONTENT", word);
		if (wd != NULL)
			attr_box(a, &wd->box);
		if (bold && italic)
			attr(a, "STYLE", "bold italics");
		else if (bold)
			attr(a, "STYLE", "bold");
		else if (italic)
			attr(a, "STYLE", "italics");
		attr_wc(a, ocr, wd != NULL && wd->conf >= 0 ? wd->conf : conf);
		if (ocr && wd != NULL && wd->cc != NULL)
			attr_cc(a, wd->cc, word);
		end(a);
		free(word);
		p = q + strspn(q, " \t\r\n");
	}
	end(a);
}

/* The line at recs[i] and its words. */
static void line_rec(struct alto *a, size_t i, const struct kp_rec_line *l)
{
	size_t nwords;
	struct kp_rec_word *words = line_words(a, i, &nwords);

	text_line(a, &l->box, l->text != NULL ? l->text : "", l->bold, l->italic, l->ocr,
	          l->conf, words, nwords);
	free(words);
}

/* Union of the tags of the lines recs[from..to) into tags. */
static void lines_tags(struct alto *a, size_t from, size_t to, long *tags)
{
	long at[IX_TAG_LEVELS];
	struct kp_rec_line l;

	for (int i = 0; i < IX_TAG_LEVELS; i++)
		tags[i] = -1;
	for (size_t i = from; i < to; i++) {
		if (type_of(a, i) != KP_REC_LINE)
			continue; /* a word */
		if (got(a, kp_get_line(a->r, &a->recs[i].kr, &l)) != 0)
			return;
		ix_structure_at(a->st, a->page, &l.box, at);
		for (int k = 0; k < IX_TAG_LEVELS; k++)
			if (tags[k] < 0)
				tags[k] = at[k];
	}
}

/* A block record and the line records after it that belong to it, each
 * with its word records; returns the index after them.  A line of no
 * block is a block alone. */
static size_t text_block(struct alto *a, size_t i)
{
	int is_line = type_of(a, i) == KP_REC_LINE;
	size_t first = is_line ? i : i + 1, j = i + 1;
	struct kp_rec_block b = { 0 };
	struct kp_rec_line l;
	long tags[IX_TAG_LEVELS];

	if (is_line) {
		if (got(a, kp_get_line(a->r, &a->recs[i].kr, &l)) != 0)
			return i + 1;
		b.box = l.box;
		while (j < a->nrecs && type_of(a, j) == KP_REC_WORD)
			j++;
	} else {
		if (got(a, kp_get_block(a->r, &a->recs[i].kr, &b)) != 0)
			return i + 1;
		while (j < a->nrecs &&
		       (type_of(a, j) == KP_REC_WORD ||
		        (type_of(a, j) == KP_REC_LINE &&
		         got(a, kp_get_line(a->r, &a->recs[j].kr, &l)) == 0 && same_id(l.block, b.id))))
			j++;
	}
	if (b.furniture) /* not part of the text's structure */
		for (int k = 0; k < IX_TAG_LEVELS; k++)
			tags[k] = -1;
	else
		lines_tags(a, first, j, tags);
	start(a, "TextBlock");
	attr_id(a, "b", ++a->nblocks);
	attr_box(a, &b.box);
	attr_tagrefs(a, tags, b.furniture);
	for (size_t k = first; k < j; k++)
		if (type_of(a, k) == KP_REC_LINE && got(a, kp_get_line(a->r, &a->recs[k].kr, &l)) == 0)
			line_rec(a, k, &l);
	end(a);
	return j;
}

/* A table record and its cells as a ComposedBlock of TextBlocks, one per
 * cell; returns the index after them. */
static size_t table(struct alto *a, size_t i)
{
	struct kp_rec_table t;
	struct kp_rec_cell c;
	long tags[IX_TAG_LEVELS];
	size_t j;
	char *text, *line, *save = NULL;

	if (got(a, kp_get_table(a->r, &a->recs[i].kr, &t)) != 0)
		return i + 1;
	ix_structure_at(a->st, a->page, &t.box, tags);
	start(a, "ComposedBlock");
	attr_id(a, "t", ++a->ntables);
	attr_box(a, &t.box);
	attr_tagrefs(a, tags, 0);
	attr(a, "TYPE", "table");
	for (j = i + 1; j < a->nrecs &&
	     (type_of(a, j) == KP_REC_WORD ||
	      (type_of(a, j) == KP_REC_CELL && got(a, kp_get_cell(a->r, &a->recs[j].kr, &c)) == 0 &&
	       same_id(c.table, t.id))); j++) {
		size_t nwords, k = 0;
		struct kp_rec_word *words;

		if (type_of(a, j) == KP_REC_WORD)
			continue; /* of the cell before */
		words = line_words(a, j, &nwords);
		start(a, "TextBlock");
		attr_id(a, "c", ++a->ncells);
		attr_box(a, &c.box);
		text = kp_xstrdup(c.text != NULL ? c.text : "");
		/* the cell's words run on over its lines */
		for (line = strtok_r(text, "\n", &save); line != NULL;
		     line = strtok_r(NULL, "\n", &save)) {
			text_line(a, NULL, line, 0, 0, c.ocr, c.conf, k < nwords ? words + k : NULL,
			          k < nwords ? nwords - k : 0);
			k += words_in(line);
		}
		free(text);
		free(words);
		end(a);
	}
	end(a);
	return j;
}

/* The records of one page, from its page record to endpage. */
static void page_out(struct alto *a)
{
	struct kp_rec_page pg;
	struct kp_rec_rule ru;
	struct kp_rec_image im;
	struct kp_box box;

	if (got(a, kp_get_page(a->r, &a->recs[0].kr, &pg)) != 0)
		return;
	if (!(pg.width > 0 && pg.width < 1e6 && pg.height > 0 && pg.height < 1e6)) {
		fail(a, a->recs[0].kr.lineno, KP_EXIT_FORMAT, "layout stream: a page size is out of range");
		return;
	}
	a->nlines = a->nblocks = a->ntables = a->ncells = a->nimages = a->nrules = 0;
	a->npages++;
	start(a, "Page");
	xmlTextWriterWriteFormatAttribute(a->w, BAD_CAST "ID", "page%ld", a->page);
	xmlTextWriterWriteFormatAttribute(a->w, BAD_CAST "PHYSICAL_IMG_NR", "%ld", a->page);
	attr_units(a, "WIDTH", pg.width);
	attr_units(a, "HEIGHT", pg.height);
	start(a, "PrintSpace");
	box.x0 = box.y0 = 0, box.x1 = pg.width, box.y1 = pg.height;
	attr_box(a, &box);
	for (size_t i = 1; i < a->nrecs && a->rc == KP_EXIT_OK;) {
		switch (type_of(a, i)) {
		case KP_REC_BLOCK:
		case KP_REC_LINE:
			i = text_block(a, i);
			break;
		case KP_REC_TABLE:
			i = table(a, i);
			break;
		case KP_REC_RULE:
			if (got(a, kp_get_rule(a->r, &a->recs[i].kr, &ru)) == 0) {
				start(a, "GraphicalElement");
				attr_id(a, "g", ++a->nrules);
				attr_box(a, &ru.box);
				end(a);
			}
			i++;
			break;
		case KP_REC_IMAGE:
			if (got(a, kp_get_image(a->r, &a->recs[i].kr, &im)) == 0) {
				start(a, "Illustration");
				attr_id(a, "i", ++a->nimages);
				attr_box(a, &im.box);
				attr(a, "TYPE", kp_image_use_name(im.use));
				end(a);
			}
			i++;
			break;
		default:
			i++; /* fill, endpage, a word of no line, records of later versions */
			break;
		}
	}
	end(a);
	end(a);
}

static void recs_clear(struct alto *a)
{
	for (size_t i = 0; i < a->nrecs; i++) {
		for (size_t k = 0; k < a->recs[i].kr.nfields; k++)
			free(a->recs[i].kr.fields[k]);
		free(a->recs[i].kr.fields);
	}
	a->nrecs = 0;
}

static void recs_add(struct alto *a, const struct kp_record *kr, size_t *cap)
{
	struct kp_record *copy;

	if (a->nrecs == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		a->recs = kp_xreallocarray(a->recs, *cap, sizeof *a->recs);
	}
	copy = &a->recs[a->nrecs++].kr;
	copy->nfields = kr->nfields;
	copy->lineno = kr->lineno;
	copy->fields = kp_xcalloc(kr->nfields, sizeof *copy->fields);
	for (size_t k = 0; k < kr->nfields; k++)
		copy->fields[k] = kp_xstrdup(kr->fields[k]);
}

/* The stream must describe the PDF the issue was made from. */
static void check_doc(struct alto *a, const struct kp_record *kr)
{
	const char *want = ix_attr(a->is->root, KP_A_SHA256);
	struct kp_rec_doc d;

	if (got(a, kp_get_doc(a->r, kr, &d)) != 0)
		return;
	if (want != NULL && (d.sha256 == NULL || strcmp(d.sha256, want) != 0))
		fail(a, kr->lineno, KP_EXIT_FORMAT,
		     "layout stream is of another PDF than the issue (SHA-256 differs)");
}

/* Read the stream, writing each page when its endpage is read. */
static void pages(struct alto *a)
{
	struct kp_record kr;
	struct kp_rec_page pg;
	size_t cap = 0;
	int code = KP_EXIT_OK, in_page = 0;
	enum kp_read_status s = KP_READ_OK;

	while (a->rc == KP_EXIT_OK && (s = kp_reader_next(a->r, &kr, &code)) == KP_READ_OK) {
		switch (kp_record_type(&kr)) {
		case KP_REC_DOC:
			check_doc(a, &kr);
			break;
		case KP_REC_PAGE:
			recs_clear(a);
			in_page = got(a, kp_get_page(a->r, &kr, &pg)) == 0 && pg.n > 0;
			if (!in_page)
				a->rc = KP_EXIT_FORMAT;
			else
				a->page = pg.n;
			recs_add(a, &kr, &cap);
			break;
		case KP_REC_ENDPAGE:
			if (in_page) {
				page_out(a);
				recs_clear(a);
				in_page = 0;
			}
			break;
		default:
			if (in_page)
				recs_add(a, &kr, &cap);
			break;
		}
	}
	if (a->rc == KP_EXIT_OK && s == KP_READ_ERROR)
		a->rc = code;
	if (a->rc == KP_EXIT_OK && !a->r->seen_end)
		fail(a, a->r->lineno, KP_EXIT_FORMAT, "layout stream: truncated (no end record)");
	if (a->rc == KP_EXIT_OK && a->npages == 0)
		fail(a, a->r->lineno, KP_EXIT_FORMAT, "layout stream: no page");
	recs_clear(a);
	free(a->recs);
}

static void description(struct alto *a)
{
	const char *sha = ix_attr(a->is->root, KP_A_SHA256), *ocr = ix_attr(a->is->root, KP_A_OCR_PAGES);

	start(a, "Description");
	element_text(a, "MeasurementUnit", "inch1200");
	start(a, "sourceImageInformation");
	element_text(a, "fileName", ix_source_name(a->is));
	if (sha != NULL) {
		start(a, "fileIdentifier");
		attr(a, "fileIdentifierLocation", "SHA-256");
		xmlTextWriterWriteString(a->w, BAD_CAST sha);
		end(a);
	}
	end(a);
	if (ocr != NULL && *ocr != '\0') {
		start(a, "OCRProcessing");
		attr(a, "ID", "ocr");
		start(a, "ocrProcessingStep");
		xmlTextWriterWriteFormatElement(a->w, BAD_CAST "processingStepDescription",
		                                "pdf2text read page(s) %s by OCR (Tesseract)", ocr);
		start(a, "processingSoftware");
		element_text(a, "softwareName", "kostec-pipe");
		element_text(a, "softwareVersion", KP_VERSION);
		end(a);
		end(a);
		end(a);
	}
	end(a);
}

static void tags(struct alto *a)
{
	static const char *const types[IX_TAG_LEVELS] = { "part", "article", "table" };

	start(a, "Tags");
	start(a, "LayoutTag");
	attr(a, "ID", "furniture");
	attr(a, "TYPE", "furniture");
	attr(a, "LABEL", "running header, footer or page number");
	end(a);
	for (size_t i = 0; i < a->st->ntags; i++) {
		start(a, "StructureTag");
		xmlTextWriterWriteFormatAttribute(a->w, BAD_CAST "ID", "tag%zu", i + 1);
		attr(a, "TYPE", types[a->st->tags[i].level]);
		attr(a, "LABEL", a->st->tags[i].label);
		end(a);
	}
	end(a);
}

int ix_alto(const struct ix_issue *is, const char *layout, struct kp_buf *out)
{
	struct ix_structure st;
	struct kp_reader r;
	struct alto a;
	xmlBufferPtr buf;
	FILE *fp;

	if (layout == NULL) {
		kp_warn(is->name, 0, "--alto needs the layout stream the issue was made from (--layout)");
		return KP_EXIT_USAGE;
	}
	if ((fp = fopen(layout, "r")) == NULL) {
		kp_warn(layout, 0, "cannot open:");
		return KP_EXIT_NOINPUT;
	}
	ix_structure_read(is, &st);
	kp_reader_init(&r, fp, layout);
	memset(&a, 0, sizeof a);
	a.is = is;
	a.st = &st;
	a.r = &r;
	buf = xmlBufferCreate();
	a.w = xmlNewTextWriterMemory(buf, 0);
	if (buf == NULL || a.w == NULL)
		kp_die(KP_EXIT_INTERNAL, is->name, 0, "out of memory");
	xmlTextWriterSetIndent(a.w, 1);
	xmlTextWriterStartDocument(a.w, "1.0", "UTF-8", NULL);
	start(&a, "alto");
	attr(&a, "xmlns", ALTO_NS);
	attr(&a, "xmlns:xlink", "http://www.w3.org/1999/xlink");
	attr(&a, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
	attr(&a, "xsi:schemaLocation", ALTO_NS " " ALTO_XSD);
	attr(&a, "SCHEMAVERSION", "4.4");
	description(&a);
	tags(&a);
	start(&a, "Layout");
	pages(&a);
	if (xmlTextWriterEndDocument(a.w) < 0 && a.rc == KP_EXIT_OK)
		kp_die(KP_EXIT_INTERNAL, is->name, 0, "out of memory");
	xmlFreeTextWriter(a.w);
	if (a.rc == KP_EXIT_OK)
		kp_buf_add(out, (const char *)xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
	xmlBufferFree(buf);
	kp_reader_release(&r);
	fclose(fp);
	ix_structure_free(&st);
	return a.rc;
}
