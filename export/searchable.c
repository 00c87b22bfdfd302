/* searchable.c - a searchable copy of the source PDF: the text pdf2text
 * read by OCR (layout stream) laid invisibly over the pages and regions it
 * came from; everything else left as it was.  qpdf reads and writes the
 * file; this file only adds one content stream per OCR'd page and one
 * font.  Mapping and limits: docs/searchable-pdf.md. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <qpdf/qpdf-c.h>

#include "export.h"
#include "kp_stream.h"

/* More than this is not a PDF of an issue. */
#define MAX_PDF (512L << 20)
/* The glyph-less font's advance: every glyph is half an em wide (as
 * Tesseract's GlyphLessFont, whose design this follows). */
#define GLYPH_WIDTH 0.5

struct searchable {
	const char *pdfname;   /* for diagnostics */
	qpdf_data q;
	qpdf_oh font;          /* the Type0 font, made when first needed */
	struct kp_buf content; /* the text of the page being written */
	int rc;
};

/* The PDF's bytes, SHA-256 checked against the issue's. */
static int read_pdf(const struct ix_issue *is, const char *path, struct kp_buf *pdf)
{
	const char *want = ix_attr(is->root, KP_A_SHA256);
	char chunk[65536];
	FILE *fp;
	size_t n;
	gchar *got;
	int same;

	if (want == NULL) {
		kp_warn(is->name, 0, "the issue names no SHA-256 of its PDF: cannot check %s", path);
		return KP_EXIT_FORMAT;
	}
	if ((fp = fopen(path, "rb")) == NULL) {
		kp_warn(path, 0, "cannot open the issue's PDF:");
		return KP_EXIT_NOINPUT;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0 && pdf->len + n <= (size_t)MAX_PDF)
		kp_buf_add(pdf, chunk, n);
	if (ferror(fp) || n > 0) {
		kp_warn(path, 0, n > 0 ? "larger than %ld bytes" : "read error:", MAX_PDF);
		fclose(fp);
		return n > 0 ? KP_EXIT_LIMIT : KP_EXIT_NOINPUT;
	}
	fclose(fp);
	got = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)pdf->s, pdf->len);
	same = got != NULL && strcmp(got, want) == 0;
	g_free(got);
	if (!same) {
		kp_warn(path, 0, "not the PDF the issue was made from (SHA-256 differs)");
		return KP_EXIT_FORMAT;
	}
	return KP_EXIT_OK;
}

static int qpdf_failed(struct searchable *s, const char *what)
{
	if (!qpdf_has_error(s->q))
		return 0;
	kp_warn(s->pdfname, 0, "%s: %s", what,
	        qpdf_get_error_full_text(s->q, qpdf_get_error(s->q)));
	s->rc = KP_EXIT_FORMAT;
	return 1;
}

/* A ToUnicode CMap for 2-byte codes that are Unicode code points (the BMP
 * without surrogates), in blocks of at most 100 ranges. */
static void to_unicode_cmap(struct kp_buf *b)
{
	int his[256], n = 0, from, k;

	for (int hi = 0; hi < 256; hi++)
		if (hi < 0xD8 || hi > 0xDF)
			his[n++] = hi;
	kp_buf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (from = 0; from < n; from += 100) {
		kp_buf_printf(b, "%d beginbfrange\n", n - from < 100 ? n - from : 100);
		for (k = from; k < n && k < from + 100; k++)
			kp_buf_printf(b, "<%02X00> <%02XFF> <%02X00>\n", his[k], his[k], his[k]);
		kp_buf_puts(b, "endbfrange\n");
	}
	kp_buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/* The invisible font: Identity-H codes that are Unicode, a ToUnicode
 * map, no glyphs needed (text render mode 3 draws nothing). */
static qpdf_oh make_font(struct searchable *s)
{
	qpdf_oh desc, cid, font, cmap;
	struct kp_buf b;

	desc = qpdf_make_indirect_object(s->q, qpdf_oh_parse(s->q,
		"<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 "
		"/FontBBox [0 0 500 1000] /ItalicAngle 0 /Ascent 1000 /Descent 0 "
		"/CapHeight 1000 /StemV 80 >>"));
	cid = qpdf_oh_parse(s->q,
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont "
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
		"/DW 500 /CIDToGIDMap /Identity >>");
	qpdf_oh_replace_key(s->q, cid, "/FontDescriptor", desc);
	cid = qpdf_make_indirect_object(s->q, cid);
	font = qpdf_oh_parse(s->q, "<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont "
	                     "/Encoding /Identity-H >>");
	qpdf_oh_replace_key(s->q, font, "/DescendantFonts", qpdf_oh_wrap_in_array(s->q, cid));
	kp_buf_init(&b);
	to_unicode_cmap(&b);
	cmap = qpdf_oh_new_stream(s->q);
	qpdf_oh_replace_stream_data(s->q, cmap, (const unsigned char *)b.s, b.len,
	                            qpdf_oh_new_null(s->q), qpdf_oh_new_null(s->q));
	kp_buf_release(&b);
	qpdf_oh_replace_key(s->q, font, "/ToUnicode", cmap);
	return qpdf_make_indirect_object(s->q, font);
}

/*
 * One line of recognised text, invisible, filling box (points, origin top
 * left of the displayed page whose top is at `top`, left at `left`): the
 * font size is the box's height, the horizontal scale stretches the
 * glyph-less advances to the box's width.
 */
static void put_line(struct searchable *s, double left, double top, const struct kp_box *box,
                     const char *text)
{
	size_t n = strlen(text), i = 0, k, codes = 0;
	double h = kp_box_height(box), w = kp_box_width(box);
	struct kp_buf hex;
	unsigned long cp;

	if (h <= 0 || w <= 0)
		return;
	kp_buf_init(&hex);
	kp_buf_puts(&hex, "");
	while (i < n) {
		k = kp_utf8_decode(text + i, n - i, &cp);
		if (k == 0) {
			k = 1;
			cp = 0xFFFD;
		}
		if (cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			cp = 0xFFFD;
		if (cp >= 0x20) {
			kp_buf_printf(&hex, "%04lX", cp);
			codes++;
		}
		i += k;
	}
	if (codes > 0)
		kp_buf_printf(&s->content, "/KPOcr %.2f Tf %.2f Tz 1 0 0 1 %.2f %.2f Tm <%s> Tj\n",
		              h, 100 * w / ((double)codes * GLYPH_WIDTH * h), left + box->x0,
		              top - box->y1 + 0.2 * h, hex.s);
	kp_buf_release(&hex);
}

/* An inheritable page attribute (MediaBox, CropBox, Rotate, Resources). */
static qpdf_oh inherited(struct searchable *s, qpdf_oh page, const char *key)
{
	qpdf_oh n = page;

	for (int depth = 0; depth < 32 && qpdf_oh_is_dictionary(s->q, n); depth++) {
		if (qpdf_oh_has_key(s->q, n, key))
			return qpdf_oh_get_key(s->q, n, key);
		n = qpdf_oh_get_key(s->q, n, "/Parent");
	}
	return qpdf_oh_new_null(s->q);
}

/* The displayed page's left and top in user space: its CropBox, else its
 * MediaBox.  -1 when neither is a box of four numbers. */
static int page_origin(struct searchable *s, qpdf_oh page, double *left, double *top)
{
	qpdf_oh box = inherited(s, page, "/CropBox");
	double v[4];

	if (!qpdf_oh_is_array(s->q, box))
		box = inherited(s, page, "/MediaBox");
	if (!qpdf_oh_is_array(s->q, box) || qpdf_oh_get_array_n_items(s->q, box) != 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		qpdf_oh item = qpdf_oh_get_array_item(s->q, box, i);

		if (!qpdf_oh_is_number(s->q, item))
			return -1;
		v[i] = qpdf_oh_get_numeric_value(s->q, item);
	}
	*left = v[0] < v[2] ? v[0] : v[2];
	*top = v[1] > v[3] ? v[1] : v[3];
	return 0;
}

/* A direct copy of a dictionary (its values still shared), so that adding
 * a key changes this page only. */
static qpdf_oh dict_copy(struct searchable *s, qpdf_oh dict)
{
	qpdf_oh copy = qpdf_oh_new_dictionary(s->q);
	const char *key;

	if (!qpdf_oh_is_dictionary(s->q, dict))
		return copy;
	qpdf_oh_begin_dict_key_iter(s->q, dict);
	while (qpdf_oh_dict_more_keys(s->q)) {
		key = qpdf_oh_dict_next_key(s->q);
		qpdf_oh_replace_key(s->q, copy, key, qpdf_oh_get_key(s->q, dict, key));
	}
	return copy;
}

static qpdf_oh new_stream(struct searchable *s, const char *data, size_t len)
{
	qpdf_oh st = qpdf_oh_new_stream(s->q);

	qpdf_oh_replace_stream_data(s->q, st, (const unsigned char *)data, len,
	                            qpdf_oh_new_null(s->q), qpdf_oh_new_null(s->q));
	return st;
}

/* Lay s->content over page n: its contents become [q, old..., Q ours],
 * so that nothing the page leaves in the graphics state moves our text,
 * and its resources a copy holding our font. */
static void overlay(struct searchable *s, long n)
{
	qpdf_oh page, contents, list, res, fonts;
	struct kp_buf ours;
	int i, count;

	page = qpdf_get_page_n(s->q, (size_t)(n - 1));
	if (s->font == 0)
		s->font = make_font(s);
	contents = qpdf_oh_get_key(s->q, page, "/Contents");
	list = qpdf_oh_new_array(s->q);
	qpdf_oh_append_item(s->q, list, new_stream(s, "q\n", 2));
	if (qpdf_oh_is_array(s->q, contents)) {
		count = qpdf_oh_get_array_n_items(s->q, contents);
		for (i = 0; i < count; i++)
			qpdf_oh_append_item(s->q, list, qpdf_oh_get_array_item(s->q, contents, i));
	} else if (qpdf_oh_is_stream(s->q, contents)) {
		qpdf_oh_append_item(s->q, list, contents);
	}
	kp_buf_init(&ours);
	kp_buf_printf(&ours, "Q\nq\nBT\n3 Tr\n%sET\nQ\n", s->content.s);
	qpdf_oh_append_item(s->q, list, new_stream(s, ours.s, ours.len));
	kp_buf_release(&ours);
	qpdf_oh_replace_key(s->q, page, "/Contents", list);
	res = dict_copy(s, inherited(s, page, "/Resources"));
	fonts = dict_copy(s, qpdf_oh_get_key(s->q, res, "/Font"));
	qpdf_oh_replace_key(s->q, fonts, "/KPOcr", s->font);
	qpdf_oh_replace_key(s->q, res, "/Font", fonts);
	qpdf_oh_replace_key(s->q, page, "/Resources", res);
}

/* A cell's lines share its box: each gets an equal slice of its height
 * (the stream keeps no box per line of a cell); for a cell without word
 * records of its text. */
static void put_cell(struct searchable *s, double left, double top, const struct kp_box *box,
                     const char *text)
{
	char *copy = kp_xstrdup(text), *line, *save = NULL;
	size_t lines = 1, i = 0;
	struct kp_box slice = *box;

	for (const char *p = text; *p != '\0'; p++)
		lines += *p == '\n';
	for (line = strtok_r(copy, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		slice.y0 = box->y0 + kp_box_height(box) * (double)i / (double)lines;
		slice.y1 = box->y0 + kp_box_height(box) * (double)(i + 1) / (double)lines;
		put_line(s, left, top, &slice, line);
		i++;
	}
	free(copy);
}

/* The OCR line or cell being read and its word records, laid over when
 * a record that is not one of its words comes. */
struct ocr_line {
	int open, cell;
	struct kp_box box;
	char *text;
	struct kp_box *boxes;  /* its words' boxes and texts, in order */
	char **words;
	size_t n, cap;
};

static void ocr_line_clear(struct ocr_line *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->words[i]);
	free(l->text);
	l->text = NULL;
	l->n = 0;
	l->open = l->cell = 0;
}

static void ocr_line_free(struct ocr_line *l)
{
	ocr_line_clear(l);
	free(l->boxes);
	free(l->words);
	memset(l, 0, sizeof(*l));
}

static void ocr_line_add(struct ocr_line *l, const struct kp_rec_word *w)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->boxes = kp_xreallocarray(l->boxes, l->cap, sizeof(*l->boxes));
		l->words = kp_xreallocarray(l->words, l->cap, sizeof(*l->words));
	}
	l->boxes[l->n] = w->box;
	l->words[l->n++] = kp_xstrdup(w->text != NULL ? w->text : "");
}

/* Do the line's word records hold its text's words, in order? */
static int words_match(const struct ocr_line *l)
{
	const char *p = l->text;
	size_t k = 0, len;

	for (;;) {
		p += strspn(p, " \t\r\n");
		if (*p == '\0')
			return k == l->n && k > 0;
		len = strcspn(p, " \t\r\n");
		if (k >= l->n || strlen(l->words[k]) != len || memcmp(p, l->words[k], len) != 0)
			return 0;
		p += len;
		k++;
	}
}

/* Do the word boxes of l go left to right, as its text does?  (Else
 * laying them would change the words' order for text extraction.) */
static int words_in_order(const struct ocr_line *l)
{
	for (size_t i = 1; i < l->n; i++)
		if (l->boxes[i].x0 < l->boxes[i - 1].x0)
			return 0;
	return 1;
}

/* Lay the line over: each word at its own place across, followed by a
 * space up to the next word's start (so that a reader finds one space
 * between words, and selection covers the gap), in the line's height (one
 * baseline per line keeps the words of a line on one line for text
 * extraction); the whole line in its box when its words are not known or
 * not in order. */
static void put_ocr_line(struct searchable *s, double left, double top, const struct ocr_line *l)
{
	struct kp_buf word;

	if (!words_match(l) || !words_in_order(l)) {
		put_line(s, left, top, &l->box, l->text);
		return;
	}
	kp_buf_init(&word);
	for (size_t i = 0; i < l->n; i++) {
		struct kp_box b = l->box;

		b.x0 = l->boxes[i].x0;
		b.x1 = l->boxes[i].x1;
		kp_buf_clear(&word);
		kp_buf_puts(&word, l->words[i]);
		if (i + 1 < l->n) {
			kp_buf_putc(&word, ' ');
			if (l->boxes[i + 1].x0 > b.x1)
				b.x1 = l->boxes[i + 1].x0;
		}
		put_line(s, left, top, &b, word.s);
	}
	kp_buf_release(&word);
}

/* The box across words b[0..n), its bottom their median bottom (OCR may
 * box a symbol far taller than its line: "11건," 18.7 pt high among
 * 8.6 pt words, kostec-2023-06-23 page 7), `em` high: the font size. */
static struct kp_box words_box(const struct kp_box *b, size_t n, double em)
{
	double *y1 = kp_xreallocarray(NULL, n, sizeof(*y1));
	struct kp_box box = b[0];

	for (size_t i = 0; i < n; i++) {
		kp_box_union(&box, &b[i]);
		y1[i] = b[i].y1;
	}
	box.y1 = kp_median(y1, n);
	box.y0 = box.y1 - em;
	free(y1);
	return box;
}

/* Lay a cell over: its word records run over its lines, so each line of
 * its text takes the words it holds, is boxed by them (words_box, em
 * high) and laid as an OCR line; in equal slices of the cell when its
 * word records do not hold its words. */
static void put_ocr_cell(struct searchable *s, double left, double top, const struct ocr_line *l,
                         double em)
{
	const char *p = l->text;
	size_t k = 0, len, n;

	if (em <= 0 || !words_match(l)) {
		put_cell(s, left, top, &l->box, l->text);
		return;
	}
	for (; *p != '\0'; p += len + (p[len] == '\n')) {
		struct ocr_line line = *l;
		const char *q;

		len = strcspn(p, "\n");
		for (n = 0, q = p; q < p + len; n++) {
			q += strspn(q, " \t\r");
			if (q >= p + len)
				break;
			q += strcspn(q, " \t\r\n");
		}
		if (n == 0)
			continue;
		line.text = kp_xstrndup(p, len);
		line.boxes = l->boxes + k;
		line.words = l->words + k;
		line.n = n;
		line.box = words_box(line.boxes, n, em);
		put_ocr_line(s, left, top, &line);
		free(line.text);
		k += n;
	}
}

/* The OCR'd cells of the table being read, laid over together when it
 * ends, all in one font size: a table is set in one size, while OCR's
 * word heights vary with the letters, and text extraction takes lines of
 * sizes a little apart for blocks apart, out of their row's order. */
struct ocr_table {
	char *id;
	struct ocr_line *cells;
	size_t n, cap;
};

/* Keep cell c (its arrays now the table's). */
static void ocr_table_add(struct ocr_table *t, struct ocr_line *c)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->cells = kp_xreallocarray(t->cells, t->cap, sizeof(*t->cells));
	}
	t->cells[t->n++] = *c;
	memset(c, 0, sizeof(*c));
}

/* Lay the table's cells over when `usable`, in the median height of
 * their words, and forget them. */
static void ocr_table_flush(struct searchable *s, double left, double top, struct ocr_table *t,
                            int usable)
{
	size_t total = 0, nh = 0;
	double *h, em;

	for (size_t i = 0; i < t->n; i++)
		total += t->cells[i].n;
	h = kp_xreallocarray(NULL, total ? total : 1, sizeof(*h));
	for (size_t i = 0; i < t->n; i++)
		for (size_t k = 0; k < t->cells[i].n; k++)
			h[nh++] = kp_box_height(&t->cells[i].boxes[k]);
	em = kp_median(h, nh);
	free(h);
	for (size_t i = 0; i < t->n; i++) {
		if (usable)
			put_ocr_cell(s, left, top, &t->cells[i], em);
		ocr_line_free(&t->cells[i]);
	}
	t->n = 0;
	free(t->id);
	t->id = NULL;
}

/* The page record: where its text goes (s->usable, left, top). */
static int start_page(struct searchable *s, const struct kp_reader *r, long lineno,
                      const struct kp_rec_page *p, double *left, double *top)
{
	long npages = (long)qpdf_get_num_pages(s->q);

	if (p->n < 1 || p->n > npages) {
		kp_warn(r->name, lineno, "page %ld: the PDF has %ld", p->n, npages);
		s->rc = KP_EXIT_FORMAT;
		return 0;
	}
	if (page_origin(s, qpdf_get_page_n(s->q, (size_t)(p->n - 1)), left, top) != 0) {
		kp_warn(s->pdfname, 0, "page %ld has no usable page box: left without a text layer",
		        p->n);
		return 0;
	}
	if (p->rotate != 0) {
		kp_warn(s->pdfname, 0, "page %ld is rotated: left without a text layer", p->n);
		return 0;
	}
	return 1;
}

/* Read the stream (through kp_get_*), overlaying each page that holds OCR
 * text when its endpage is read. */
static void overlay_pages(struct searchable *s, struct kp_reader *r, const char *sha)
{
	struct kp_record rec;
	union {
		struct kp_rec_doc doc;
		struct kp_rec_page page;
		struct kp_rec_line line;
		struct kp_rec_word word;
		struct kp_rec_cell cell;
	} u;
	struct ocr_line ol = {0};
	struct ocr_table tab = {0};
	enum kp_read_status st = KP_READ_OK;
	enum kp_rec_type type;
	long page = 0;
	double left = 0, top = 0;
	int code = KP_EXIT_OK, usable = 0;

	while (s->rc == KP_EXIT_OK && (st = kp_reader_next(r, &rec, &code)) == KP_READ_OK) {
		type = kp_record_type(&rec);
		if (type == KP_REC_WORD && ol.open) {
			if (kp_get_word(r, &rec, &u.word) != 0)
				s->rc = KP_EXIT_FORMAT;
			else
				ocr_line_add(&ol, &u.word);
			continue;
		}
		if (ol.open && ol.cell) {
			ocr_table_add(&tab, &ol);
		} else if (ol.open) {
			if (usable)
				put_ocr_line(s, left, top, &ol);
			ocr_line_clear(&ol);
		}
		if (tab.n > 0 && type != KP_REC_CELL)
			ocr_table_flush(s, left, top, &tab, usable);
		switch (type) {
		case KP_REC_DOC:
			if (kp_get_doc(r, &rec, &u.doc) != 0)
				s->rc = KP_EXIT_FORMAT;
			else if (u.doc.sha256 == NULL || strcmp(u.doc.sha256, sha) != 0) {
				kp_warn(r->name, rec.lineno, "layout stream is of another PDF than the "
				        "issue (SHA-256 differs)");
				s->rc = KP_EXIT_FORMAT;
			}
			break;
		case KP_REC_PAGE:
			kp_buf_clear(&s->content);
			page = 0;
			if (kp_get_page(r, &rec, &u.page) != 0)
				s->rc = KP_EXIT_FORMAT;
			else {
				usable = start_page(s, r, rec.lineno, &u.page, &left, &top);
				page = u.page.n;
			}
			break;
		case KP_REC_LINE:
			if (kp_get_line(r, &rec, &u.line) != 0)
				s->rc = KP_EXIT_FORMAT;
			else if (u.line.ocr && u.line.text != NULL) {
				ol.open = 1;
				ol.box = u.line.box;
				ol.text = kp_xstrdup(u.line.text);
			}
			break;
		case KP_REC_CELL:
			if (kp_get_cell(r, &rec, &u.cell) != 0) {
				s->rc = KP_EXIT_FORMAT;
				break;
			}
			if (tab.n > 0 && strcmp(tab.id, u.cell.table) != 0)
				ocr_table_flush(s, left, top, &tab, usable);
			if (u.cell.ocr && u.cell.text != NULL) {
				if (tab.id == NULL)
					tab.id = kp_xstrdup(u.cell.table);
				ol.open = ol.cell = 1;
				ol.box = u.cell.box;
				ol.text = kp_xstrdup(u.cell.text);
			}
			break;
		case KP_REC_ENDPAGE:
			if (page > 0 && s->content.len > 0)
				overlay(s, page);
			kp_buf_clear(&s->content);
			page = 0;
			break;
		default:
			break;
		}
		qpdf_failed(s, "cannot add the text layer");
	}
	ocr_line_free(&ol);
	ocr_table_flush(s, left, top, &tab, 0);
	free(tab.cells);
	if (s->rc == KP_EXIT_OK && st == KP_READ_ERROR)
		s->rc = code;
	if (s->rc == KP_EXIT_OK && !r->seen_end) {
		kp_warn(r->name, r->lineno, "layout stream: truncated (no end record)");
		s->rc = KP_EXIT_FORMAT;
	}
}

/* A text string of the Info dictionary as UTF-8, or NULL. */
static char *info_new(qpdf_data q, const char *key)
{
	qpdf_oh v = qpdf_oh_get_key(q, qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info"), key);
	const char *s = qpdf_oh_is_string(q, v) ? qpdf_oh_get_utf8_value(q, v) : NULL;
	char *copy;

	if (s == NULL || *s == '\0' || !kp_utf8_valid(s, strlen(s)))
		return NULL;
	copy = kp_xstrdup(s);
	kp_squeeze_space(copy);
	return copy;
}

int ix_pdf_info(const struct ix_issue *is, const char *pdf, struct ix_pdf_info *info)
{
	struct kp_buf bytes;
	qpdf_data q;
	char *created;
	int rc;

	memset(info, 0, sizeof *info);
	kp_buf_init(&bytes);
	if ((rc = read_pdf(is, pdf, &bytes)) != KP_EXIT_OK) {
		kp_buf_release(&bytes);
		return rc;
	}
	q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_read_memory(q, pdf, bytes.s, bytes.len, NULL);
	if (qpdf_has_error(q)) {
		kp_warn(pdf, 0, "cannot read: %s", qpdf_get_error_full_text(q, qpdf_get_error(q)));
		rc = KP_EXIT_FORMAT;
	} else {
		info->title = info_new(q, "/Title");
		/* D:YYYYMMDD..., of which the day is kept */
		created = info_new(q, "/CreationDate");
		if (created != NULL && strncmp(created, "D:", 2) == 0 &&
		    strspn(created + 2, "0123456789") >= 8) {
			info->created = kp_xstrdup("YYYY-MM-DD");
			memcpy(info->created, created + 2, 4);
			memcpy(info->created + 5, created + 6, 2);
			memcpy(info->created + 8, created + 8, 2);
		}
		free(created);
	}
	qpdf_cleanup(&q);
	kp_buf_release(&bytes);
	return rc;
}

void ix_pdf_info_free(struct ix_pdf_info *info)
{
	free(info->title);
	free(info->created);
	memset(info, 0, sizeof *info);
}

int ix_searchable_pdf(const struct ix_issue *is, const char *layout, const char *pdf,
                      struct kp_buf *out)
{
	struct searchable s;
	struct kp_reader r;
	struct kp_buf bytes;
	FILE *fp;

	memset(&s, 0, sizeof s);
	s.pdfname = pdf;
	kp_buf_init(&bytes);
	if ((s.rc = read_pdf(is, pdf, &bytes)) != KP_EXIT_OK) {
		kp_buf_release(&bytes);
		return s.rc;
	}
	if ((fp = fopen(layout, "r")) == NULL) {
		kp_warn(layout, 0, "cannot open:");
		kp_buf_release(&bytes);
		return KP_EXIT_NOINPUT;
	}
	s.q = qpdf_init();
	qpdf_silence_errors(s.q);
	qpdf_read_memory(s.q, pdf, bytes.s, bytes.len, NULL);
	kp_buf_init(&s.content);
	kp_buf_puts(&s.content, "");
	kp_reader_init(&r, fp, layout);
	if (!qpdf_failed(&s, "cannot read"))
		overlay_pages(&s, &r, ix_attr(is->root, KP_A_SHA256));
	if (s.rc == KP_EXIT_OK) {
		/* everything not added is written as it was read */
		qpdf_init_write_memory(s.q);
		qpdf_set_object_stream_mode(s.q, qpdf_o_preserve);
		qpdf_set_stream_data_mode(s.q, qpdf_s_preserve);
		qpdf_set_deterministic_ID(s.q, QPDF_TRUE);
		qpdf_write(s.q);
		if (!qpdf_failed(&s, "cannot write"))
			kp_buf_add(out, (const char *)qpdf_get_buffer(s.q), qpdf_get_buffer_length(s.q));
	}
	kp_reader_release(&r);
	fclose(fp);
	kp_buf_release(&s.content);
	qpdf_cleanup(&s.q); /* qpdf reads the bytes until then */
	kp_buf_release(&bytes);
	return s.rc;
}
