/* alto.c - the issue as ALTO 4.4 (mapping: docs/alto-mapping.md).  The
 * page geometry comes from the layout stream the issue was made from,
 * read one page at a time; the logical structure from the issue
 * (alto_tags.c).  Written with libxml2's text writer, which escapes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "alto.h"
#include "kp_stream.h"

#define ALTO_NS "http://www.loc.gov/standards/alto/ns-v4#"
#define ALTO_XSD "http://www.loc.gov/alto/v4/alto-4-4.xsd"
/* ALTO's finest unit: 1/1200 inch; the stream's points are 1/72 inch. */
#define UNITS_PER_POINT (1200.0 / 72.0)

/* One record of the page being written, its fields copied. */
struct rec {
	char **f;
	size_t n;
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

/* A length in points as ALTO units (inch1200), whole numbers. */
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

/* Fields from..from+3 of rec as a box; -1 after a diagnostic. */
static int rec_box(struct alto *a, const struct rec *rec, size_t from, struct kp_box *b)
{
	double v[4];
	char *end;

	for (size_t i = 0; i < 4; i++) {
		const char *s = from + i < rec->n ? rec->f[from + i] : "";

		errno = 0;
		v[i] = strtod(s, &end);
		if (*s == '\0' || *end != '\0' || errno != 0 || v[i] != v[i]) {
			fail(a, 0, KP_EXIT_FORMAT, "layout stream: a box field is not a number");
			return -1;
		}
	}
	b->x0 = v[0], b->y0 = v[1], b->x1 = v[2], b->y1 = v[3];
	return 0;
}

static const char *field(const struct rec *rec, size_t i)
{
	return i < rec->n ? rec->f[i] : "";
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

/* WC: an OCR'd line's confidence (0-100 in the stream) as 0..1. */
static void attr_wc(struct alto *a, const char *source, const char *conf)
{
	char *end;
	double c;

	if (strcmp(source, "ocr") != 0 || conf == NULL)
		return;
	c = strtod(conf, &end);
	if (end != conf && *end == '\0' && c >= 0 && c <= 100)
		xmlTextWriterWriteFormatAttribute(a->w, BAD_CAST "WC", "%.3f", c / 100);
}

/*
 * One TextLine: a String per word (text between white space), SP between
 * them.  box is NULL when the line's position is not known (a table
 * cell's lines).  A line without words is left out (ALTO requires one).
 */
static void text_line(struct alto *a, const struct kp_box *box, const char *text,
                      const char *style, const char *source, const char *conf)
{
	const char *p = text, *q;
	int words = 0;
	char *word;

	p += strspn(p, " \t\r\n");
	if (*p == '\0')
		return;
	if (!kp_utf8_valid(text, strlen(text))) {
		fail(a, 0, KP_EXIT_FORMAT, "layout stream: text is not UTF-8");
		return;
	}
	start(a, "TextLine");
	attr_id(a, "l", ++a->nlines);
	if (box != NULL)
		attr_box(a, box);
	while (*p != '\0') {
		q = p + strcspn(p, " \t\r\n");
		if (words++ > 0)
			xmlTextWriterWriteElement(a->w, BAD_CAST "SP", NULL);
		word = kp_xstrndup(p, (size_t)(q - p));
		for (char *c = word; *c != '\0'; c++)
			if ((unsigned char)*c < 0x20) /* not allowed in XML */
				*c = '?';
		start(a, "String");
		attr(a, "CONTENT", word);
		if (style != NULL && strchr(style, 'b') != NULL && strchr(style, 'i') != NULL)
			attr(a, "STYLE", "bold italics");
		else if (style != NULL && strchr(style, 'b') != NULL)
			attr(a, "STYLE", "bold");
		else if (style != NULL && strchr(style, 'i') != NULL)
			attr(a, "STYLE", "italics");
		attr_wc(a, source, conf);
		end(a);
		free(word);
		p = q + strspn(q, " \t\r\n");
	}
	end(a);
}

/* A line record: N BLOCK X0 Y0 X1 Y1 SIZE STYLE SOURCE CONF TEXT. */
static void line_rec(struct alto *a, const struct rec *rec)
{
	struct kp_box box;

	if (rec_box(a, rec, 3, &box) == 0)
		text_line(a, &box, field(rec, 11), field(rec, 8), field(rec, 9), field(rec, 10));
}

/* Union of the tags of the lines recs[from..to) into tags. */
static void lines_tags(struct alto *a, size_t from, size_t to, long *tags)
{
	long at[IX_TAG_LEVELS];
	struct kp_box box;

	for (int i = 0; i < IX_TAG_LEVELS; i++)
		tags[i] = -1;
	for (size_t i = from; i < to; i++) {
		if (rec_box(a, &a->recs[i], 3, &box) != 0)
			return;
		ix_structure_at(a->st, a->page, &box, at);
		for (int l = 0; l < IX_TAG_LEVELS; l++)
			if (tags[l] < 0)
				tags[l] = at[l];
	}
}

/* A block record and the line records after it that belong to it;
 * returns the index after them.  A line of no block is a block alone. */
static size_t text_block(struct alto *a, size_t i)
{
	const struct rec *rec = &a->recs[i];
	int is_line = strcmp(rec->f[0], "line") == 0;
	const char *id = is_line ? "" : field(rec, 2);
	int furniture = !is_line && strcmp(field(rec, 7), "furniture") == 0;
	size_t j = i + 1;
	long tags[IX_TAG_LEVELS];
	struct kp_box box;

	if (rec_box(a, rec, 3, &box) != 0)
		return i + 1;
	if (!is_line)
		while (j < a->nrecs && strcmp(a->recs[j].f[0], "line") == 0 &&
		       strcmp(field(&a->recs[j], 2), id) == 0)
			j++;
	if (furniture) /* not part of the text's structure */
		for (int l = 0; l < IX_TAG_LEVELS; l++)
			tags[l] = -1;
	else
		lines_tags(a, is_line ? i : i + 1, j, tags);
	start(a, "TextBlock");
	attr_id(a, "b", ++a->nblocks);
	attr_box(a, &box);
	attr_tagrefs(a, tags, furniture);
	for (size_t k = is_line ? i : i + 1; k < j; k++)
		line_rec(a, &a->recs[k]);
	end(a);
	return j;
}

/* A table record (N ID X0 Y0 X1 Y1 ROWS COLS SOURCE CONF IMAGE) and its
 * cells (N TABLE ROW COL ROWSPAN COLSPAN X0 Y0 X1 Y1 SHADED SOURCE CONF
 * TEXT) as a ComposedBlock of TextBlocks, one per cell. */
static size_t table(struct alto *a, size_t i)
{
	const struct rec *rec = &a->recs[i];
	const char *id = field(rec, 2);
	long tags[IX_TAG_LEVELS];
	struct kp_box box, cbox;
	size_t j;
	char *text, *line, *save = NULL;

	if (rec_box(a, rec, 3, &box) != 0)
		return i + 1;
	ix_structure_at(a->st, a->page, &box, tags);
	start(a, "ComposedBlock");
	attr_id(a, "t", ++a->ntables);
	attr_box(a, &box);
	attr_tagrefs(a, tags, 0);
	attr(a, "TYPE", "table");
	for (j = i + 1; j < a->nrecs && strcmp(a->recs[j].f[0], "cell") == 0 &&
	     strcmp(field(&a->recs[j], 2), id) == 0; j++) {
		const struct rec *c = &a->recs[j];

		if (rec_box(a, c, 7, &cbox) != 0)
			break;
		start(a, "TextBlock");
		attr_id(a, "c", ++a->ncells);
		attr_box(a, &cbox);
		text = kp_xstrdup(field(c, 14));
		for (line = strtok_r(text, "\n", &save); line != NULL;
		     line = strtok_r(NULL, "\n", &save))
			text_line(a, NULL, line, NULL, field(c, 12), field(c, 13));
		free(text);
		end(a);
	}
	end(a);
	return j;
}

/* The records of one page, from its page record to endpage. */
static void page_out(struct alto *a)
{
	const struct rec *pg = &a->recs[0];
	struct kp_box box;
	double w, h;
	char *end1, *end2;

	w = strtod(field(pg, 2), &end1);
	h = strtod(field(pg, 3), &end2);
	if (*end1 != '\0' || *end2 != '\0' || !(w > 0 && w < 1e6 && h > 0 && h < 1e6)) {
		fail(a, 0, KP_EXIT_FORMAT, "layout stream: a page size is not a number");
		return;
	}
	a->nlines = a->nblocks = a->ntables = a->ncells = a->nimages = a->nrules = 0;
	a->npages++;
	start(a, "Page");
	xmlTextWriterWriteFormatAttribute(a->w, BAD_CAST "ID", "page%ld", a->page);
	xmlTextWriterWriteFormatAttribute(a->w, BAD_CAST "PHYSICAL_IMG_NR", "%ld", a->page);
	attr_units(a, "WIDTH", w);
	attr_units(a, "HEIGHT", h);
	start(a, "PrintSpace");
	box.x0 = box.y0 = 0, box.x1 = w, box.y1 = h;
	attr_box(a, &box);
	for (size_t i = 1; i < a->nrecs && a->rc == KP_EXIT_OK;) {
		const struct rec *rec = &a->recs[i];

		if (strcmp(rec->f[0], "block") == 0 || strcmp(rec->f[0], "line") == 0) {
			i = text_block(a, i);
		} else if (strcmp(rec->f[0], "table") == 0) {
			i = table(a, i);
		} else if (strcmp(rec->f[0], "rule") == 0 && rec_box(a, rec, 2, &box) == 0) {
			start(a, "GraphicalElement");
			attr_id(a, "g", ++a->nrules);
			attr_box(a, &box);
			end(a);
			i++;
		} else if (strcmp(rec->f[0], "image") == 0 && rec_box(a, rec, 3, &box) == 0) {
			start(a, "Illustration");
			attr_id(a, "i", ++a->nimages);
			attr_box(a, &box);
			attr(a, "TYPE", field(rec, 9));
			end(a);
			i++;
		} else {
			i++; /* fill, endpage, records of later versions */
		}
	}
	end(a);
	end(a);
}

static void recs_clear(struct alto *a)
{
	for (size_t i = 0; i < a->nrecs; i++) {
		for (size_t k = 0; k < a->recs[i].n; k++)
			free(a->recs[i].f[k]);
		free(a->recs[i].f);
	}
	a->nrecs = 0;
}

static void recs_add(struct alto *a, const struct kp_record *kr, size_t *cap)
{
	struct rec *rec;

	if (a->nrecs == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		a->recs = kp_xreallocarray(a->recs, *cap, sizeof *a->recs);
	}
	rec = &a->recs[a->nrecs++];
	rec->n = kr->nfields;
	rec->f = kp_xcalloc(kr->nfields, sizeof *rec->f);
	for (size_t k = 0; k < kr->nfields; k++)
		rec->f[k] = kp_xstrdup(kr->fields[k]);
}

/* The stream must describe the PDF the issue was made from. */
static void check_doc(struct alto *a, const struct kp_record *kr)
{
	const char *want = ix_attr(a->is->root, KP_A_SHA256);

	if (want != NULL && (kr->nfields < 4 || strcmp(kr->fields[3], want) != 0))
		fail(a, kr->lineno, KP_EXIT_FORMAT,
		     "layout stream is of another PDF than the issue (SHA-256 differs)");
}

/* Read the stream, writing each page when its endpage is read. */
static void pages(struct alto *a)
{
	struct kp_record kr;
	size_t cap = 0;
	int code = KP_EXIT_OK, in_page = 0;
	enum kp_read_status s = KP_READ_OK;

	while (a->rc == KP_EXIT_OK && (s = kp_reader_next(a->r, &kr, &code)) == KP_READ_OK) {
		if (strcmp(kr.fields[0], "doc") == 0) {
			check_doc(a, &kr);
		} else if (strcmp(kr.fields[0], "page") == 0) {
			recs_clear(a);
			in_page = kp_record_long(a->r, &kr, 1, &a->page) == 0 && a->page > 0;
			if (!in_page)
				a->rc = KP_EXIT_FORMAT;
			recs_add(a, &kr, &cap);
		} else if (strcmp(kr.fields[0], "endpage") == 0 && in_page) {
			page_out(a);
			recs_clear(a);
			in_page = 0;
		} else if (in_page) {
			recs_add(a, &kr, &cap);
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
