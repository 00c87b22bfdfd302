/* issue.c - the loaded issue XML: read one document safely, walk its tree. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "export.h"

/* Larger inputs are refused (KP_EXIT_LIMIT); a real issue is well under 1 MB. */
#define IX_MAX_INPUT (256L << 20)
/* Attributes of one element, at most (KP_EXIT_LIMIT): ours have a dozen,
 * and libxml2 2.9 takes quadratic time over them (200000 on one element
 * did not finish). */
#define IX_MAX_ATTRS 256
/* Elements of one issue, at most (KP_EXIT_LIMIT): the issue's tree and
 * the TEI's take about 3.5 KB an element (200000 articles, 34 MB of XML,
 * took 2.1 GB); a real issue has a few thousand, and structure writes at
 * most 100000 table cells. */
#define IX_MAX_ELEMENTS 300000

/* What one parse learned: the first error libxml2 reported, and whether
 * the document tried to declare a DOCTYPE. */
struct parse_state {
	char msg[256];
	int line;
	int have_error;
	int doctype;
};

/* Structured error handler: keep the first error (its message, one line,
 * and line number) instead of libxml2's multi-line report on stderr. */
static void keep_first_error(void *ctx, xmlErrorPtr err)
{
	struct parse_state *st = ctx;
	size_t n;

	if (st->have_error || err == NULL || err->level < XML_ERR_ERROR)
		return;
	st->have_error = 1;
	st->line = err->line;
	snprintf(st->msg, sizeof st->msg, "%s",
	         err->message != NULL ? err->message : "malformed XML");
	n = strcspn(st->msg, "\n");
	st->msg[n] = '\0';
}

/* SAX internalSubset callback: called as soon as "<!DOCTYPE name" has been
 * read, before the internal subset (where entities are declared) is
 * parsed.  Stopping here means no entity, external or recursive, is ever
 * declared, loaded or expanded. */
static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *eid,
                           const xmlChar *sid)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *st = ctxt->_private;

	(void)name, (void)eid, (void)sid;
	st->doctype = 1;
	st->line = xmlSAX2GetLineNumber(ctx);
	xmlStopParser(ctxt);
}

/* Index just past the first `end` in s[i..n), or n; *line counts the
 * newlines passed. */
static size_t skip_past(const char *s, size_t n, size_t i, const char *end, long *line)
{
	size_t k = strlen(end);

	for (; i < n; i++) {
		if (s[i] == '\n')
			++*line;
		if (s[i] == end[0] && n - i >= k && memcmp(s + i, end, k) == 0)
			return i + k;
	}
	return n;
}

/* The line of the first start tag with more than IX_MAX_ATTRS attributes
 * (its '=' signs outside quoted values) or past IX_MAX_ELEMENTS start
 * tags (*elements_over = 1), or 0: checked before libxml2 sees the
 * document.  Comments, CDATA sections, processing instructions and
 * declarations are skipped; '<' cannot occur anywhere else. */
static long over_limits(const char *s, size_t n, int *elements_over)
{
	long line = 1, elements = 0;
	size_t i = 0;

	while (i < n) {
		if (s[i] != '<') {
			line += s[i++] == '\n';
		} else if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			i = skip_past(s, n, i + 4, "-->", &line);
		} else if (n - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0) {
			i = skip_past(s, n, i + 9, "]]>", &line);
		} else if (n - i >= 2 && s[i + 1] == '?') {
			i = skip_past(s, n, i + 2, "?>", &line);
		} else if (n - i >= 2 && s[i + 1] == '!') {
			i = skip_past(s, n, i + 2, ">", &line);
		} else if (n - i >= 2 && s[i + 1] == '/') {
			i += 2;
		} else {
			int count = 0;
			char quote = 0;

			if (++elements > IX_MAX_ELEMENTS) {
				*elements_over = 1;
				return line;
			}
			for (i++; i < n && (quote || s[i] != '>'); i++) {
				line += s[i] == '\n';
				if (quote)
					quote = s[i] == quote ? 0 : quote;
				else if (s[i] == '"' || s[i] == '\'')
					quote = s[i];
				else if (s[i] == '=' && ++count > IX_MAX_ATTRS)
					return line;
			}
			i++;
		}
	}
	return 0;
}

int ix_parse(const char *name, const char *data, size_t len, struct ix_issue *is)
{
	struct parse_state st;
	xmlParserCtxtPtr ctxt;
	xmlStructuredErrorFunc old_handler = xmlStructuredError;
	void *old_ctx = xmlStructuredErrorContext;
	xmlDocPtr doc;
	xmlNodePtr root;
	const char *version;
	int elements_over = 0;

	memset(is, 0, sizeof *is);
	memset(&st, 0, sizeof st);
	if (len > INT_MAX) {
		kp_warn(name, 0, "input too large");
		return KP_EXIT_LIMIT;
	}
	if ((st.line = (int)over_limits(data, len, &elements_over)) > 0) {
		if (elements_over)
			kp_warn(name, st.line, "more than %d elements", IX_MAX_ELEMENTS);
		else
			kp_warn(name, st.line, "an element with more than %d attributes", IX_MAX_ATTRS);
		return KP_EXIT_LIMIT;
	}
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL)
		kp_die(KP_EXIT_INTERNAL, name, 0, "out of memory");
	ctxt->_private = &st;
	ctxt->sax->internalSubset = refuse_doctype;
	/*
	 * libxml2 reports errors through process-wide (per-thread) handlers:
	 * install ours for this call only and put the caller's back after, so
	 * nothing else in the process sees a changed libxml2.
	 */
	xmlSetStructuredErrorFunc(&st, keep_first_error);
	/* No XML_PARSE_NOENT, DTDLOAD, DTDATTR or HUGE: entities stay
	 * unexpanded, no DTD is fetched, the depth limit (256) holds. */
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL,
	                        XML_PARSE_NONET | XML_PARSE_NOCDATA);
	xmlSetStructuredErrorFunc(old_ctx, old_handler);
	xmlFreeParserCtxt(ctxt);

	if (st.doctype) {
		xmlFreeDoc(doc);
		kp_warn(name, st.line, "document type declarations are not accepted");
		return KP_EXIT_FORMAT;
	}
	if (doc == NULL || st.have_error) {
		xmlFreeDoc(doc);
		kp_warn(name, st.line, "%s", st.have_error ? st.msg : "malformed XML");
		return KP_EXIT_FORMAT;
	}
	root = xmlDocGetRootElement(doc);
	version = root != NULL ? ix_attr(root, KP_A_VERSION) : NULL;
	if (root == NULL || root->ns != NULL || !ix_is(root, KP_EL_ISSUE)) {
		kp_warn(name, 0, "not a kostec issue (root <%s%s%s>)",
		        root && root->ns && root->ns->prefix ? (const char *)root->ns->prefix : "",
		        root && root->ns && root->ns->prefix ? ":" : "",
		        root ? (const char *)root->name : "");
		xmlFreeDoc(doc);
		return KP_EXIT_FORMAT;
	}
	if (version == NULL || strcmp(version, "1") != 0) {
		kp_warn(name, 0, "not a kostec issue (root <issue version=\"%s\">)",
		        version ? version : "");
		xmlFreeDoc(doc);
		return KP_EXIT_FORMAT;
	}
	is->name = kp_xstrdup(name);
	is->doc = doc;
	is->root = root;
	return KP_EXIT_OK;
}

int ix_load(const char *path, struct ix_issue *is)
{
	int from_stdin = strcmp(path, "-") == 0;
	const char *name = from_stdin ? "<stdin>" : path;
	FILE *fp = from_stdin ? stdin : fopen(path, "rb");
	struct kp_buf b;
	char chunk[65536];
	size_t n;
	int rc;

	memset(is, 0, sizeof *is);
	if (fp == NULL) {
		kp_warn(name, 0, "cannot open:");
		return KP_EXIT_NOINPUT;
	}
	kp_buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (b.len + n > (size_t)IX_MAX_INPUT) {
			kp_warn(name, 0, "input larger than %ld bytes", IX_MAX_INPUT);
			if (!from_stdin)
				fclose(fp);
			kp_buf_release(&b);
			return KP_EXIT_LIMIT;
		}
		kp_buf_add(&b, chunk, n);
	}
	rc = ferror(fp) ? KP_EXIT_NOINPUT : KP_EXIT_OK;
	if (rc != KP_EXIT_OK)
		kp_warn(name, 0, "read error:");
	if (!from_stdin)
		fclose(fp);
	if (rc == KP_EXIT_OK && b.len == 0) {
		kp_warn(name, 0, "empty input");
		rc = KP_EXIT_FORMAT;
	}
	if (rc == KP_EXIT_OK)
		rc = ix_parse(name, b.s, b.len, is);
	kp_buf_release(&b);
	return rc;
}

void ix_issue_free(struct ix_issue *is)
{
	xmlFreeDoc(is->doc);
	free(is->name);
	memset(is, 0, sizeof *is);
}

int ix_is(xmlNodePtr node, enum kp_el el)
{
	const char *name = kp_el_name(el);

	return node != NULL && node->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)node->name, name) == 0;
}

/* The first element at or after node with the given name (any if NULL). */
static xmlNodePtr element_from(xmlNodePtr node, int el)
{
	for (; node != NULL; node = node->next)
		if (node->type == XML_ELEMENT_NODE && (el == IX_ANY || ix_is(node, (enum kp_el)el)))
			return node;
	return NULL;
}

xmlNodePtr ix_first(xmlNodePtr parent, int el)
{
	return parent != NULL ? element_from(parent->children, el) : NULL;
}

xmlNodePtr ix_next(xmlNodePtr node, int el)
{
	return node != NULL ? element_from(node->next, el) : NULL;
}

/*
 * Without a DTD (refused by ix_parse) libxml2 stores every attribute value
 * as a single text node, character and predefined entity references
 * already replaced, so the value can be read in place.
 */
const char *ix_attr(xmlNodePtr node, enum kp_attr attr)
{
	const char *name = kp_attr_name(attr);
	xmlAttrPtr a;

	for (a = node->properties; a != NULL; a = a->next) {
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0) {
			if (a->children == NULL || a->children->content == NULL)
				return "";
			return (const char *)a->children->content;
		}
	}
	return NULL;
}

const char *ix_attr0(xmlNodePtr node, enum kp_attr attr)
{
	const char *v = ix_attr(node, attr);

	return v != NULL ? v : "";
}

char *ix_text_new(xmlNodePtr node)
{
	struct kp_buf b;
	xmlNodePtr c;

	kp_buf_init(&b);
	kp_buf_puts(&b, "");
	for (c = node->children; c != NULL; c = c->next)
		if (c->type == XML_TEXT_NODE && c->content != NULL)
			kp_buf_puts(&b, (const char *)c->content);
	kp_squeeze_space(b.s);
	return kp_buf_detach(&b);
}

int ix_attr_count(xmlNodePtr node, enum kp_attr attr, long dflt, long *out)
{
	const char *v = ix_attr(node, attr);
	char *end;
	long n;

	*out = dflt;
	if (v == NULL || *v < '0' || *v > '9')
		return -1;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	*out = n;
	return 0;
}

const char *ix_issue_label(const struct ix_issue *is)
{
	xmlNodePtr date = ix_first(ix_first(is->root, KP_EL_META), KP_EL_DATE);
	const char *when = date != NULL ? ix_attr(date, KP_A_WHEN) : NULL;

	return when != NULL && *when != '\0' ? when : ix_source_name(is);
}

const char *ix_source_name(const struct ix_issue *is)
{
	const char *source = ix_attr0(is->root, KP_A_SOURCE), *slash = strrchr(source, '/');

	return slash != NULL && slash[1] != '\0' ? slash + 1 : source;
}

char *ix_label_new(const struct ix_issue *is, const char *key)
{
	xmlNodePtr l;

	for (l = ix_first(ix_first(is->root, KP_EL_LABELS), KP_EL_LABEL); l != NULL;
	     l = ix_next(l, KP_EL_LABEL))
		if (strcmp(ix_attr0(l, KP_A_FOR), key) == 0)
			return ix_text_new(l);
	return NULL;
}

/* Whether s is an xsd:language tag, what xml:lang and @ident take:
 * letters (1 to 8), then '-' and letters or digits (1 to 8) again. */
static int is_language_tag(const char *s)
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	static const char alnum[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                            "0123456789";
	size_t k;

	for (int first = 1;; first = 0) {
		k = strspn(s, first ? letters : alnum);
		if (k < 1 || k > 8)
			return 0;
		s += k;
		if (*s == '\0')
			return 1;
		if (*s++ != '-')
			return 0;
	}
}

const char *ix_language(const struct ix_issue *is, const char *use)
{
	xmlNodePtr l;

	for (l = ix_first(ix_first(is->root, KP_EL_LABELS), KP_EL_LANGUAGE); l != NULL;
	     l = ix_next(l, KP_EL_LANGUAGE))
		if (strcmp(ix_attr0(l, KP_A_USE), use) == 0 && is_language_tag(ix_attr0(l, KP_A_IDENT)))
			return ix_attr(l, KP_A_IDENT);
	return NULL;
}

char *ix_source_path_new(const struct ix_issue *is, const char *input)
{
	const char *source = ix_attr0(is->root, KP_A_SOURCE), *slash = strrchr(input, '/');
	struct kp_buf b;

	kp_buf_init(&b);
	kp_buf_puts(&b, "");
	if (*source != '/' && strcmp(input, "-") != 0 && slash != NULL) {
		kp_buf_printf(&b, "%.*s/%s", (int)(slash - input), input, source);
		if (access(b.s, F_OK) == 0)
			return kp_buf_detach(&b);
		kp_buf_clear(&b);
	}
	kp_buf_puts(&b, source);
	return kp_buf_detach(&b);
}
