/*
 * builder.h - the state the issue builder keeps during its one pass, shared
 * by the files that make the tree (private to structure's builder):
 *
 *   build.c     the pass: the state machine over the modes, one item at a time
 *   unit.c      the open text unit: wraps joined, finished into its node
 *   blocks.c    body and contents lines by role: parts, articles, lists, ...
 *   colophon.c  the colophon and the metadata, and where they begin
 *   contents.c  each article's category from the contents page
 *   document.c  the issue element: its attributes, layout, children's order
 *   sections.c  the report model: sections by rank, back matter, cover,
 *               contents entries
 */
#ifndef ST_BUILDER_H
#define ST_BUILDER_H

#include "structure.h"

#define MAX_LEVELS 8      /* nested lists */
#define X_TOL 4.0         /* points: same indent */

enum mode { M_FRONT, M_CONTENTS, M_SUMMARY, M_BODY, M_COLOPHON };

/* The line roles the body looks for. */
#define ST_BODY_ROLES (ST_BIT(ST_R_PART) | ST_BIT(ST_R_COLOPHON) | ST_BIT(ST_R_ARTICLE) | \
                       ST_BIT(ST_R_LEAD) | ST_BIT(ST_R_HEADING) | ST_BIT(ST_R_CAPTION) | \
                       ST_BIT(ST_R_SOURCE) | ST_BIT(ST_R_NOTE) | ST_BIT(ST_R_BULLET) | \
                       ST_BIT(ST_R_REFS) | ST_BIT(ST_R_REF) | ST_BIT(ST_R_URL) | \
                       ST_BIT(ST_R_FROM) | ST_BIT(ST_R_ATTACHMENT))

/* Index in builder.meta of the meta field element el (kp_issue.h). */
#define MF(el) ((el) - KP_META_FIRST)

/* What the open unit's text becomes when it is finished. */
enum unit_kind {
	U_TEXT,        /* text content of node (p, item, note, entry, heading, title) */
	U_BARE,        /* text content of an element without provenance (ref title) */
	U_LEAD,        /* text, with the date read off its end */
	U_CAPTION,     /* a detached caption looking for its table or figure */
	U_SOURCE,      /* text, url attribute from the URL in it */
	U_TITLE_ATTR,  /* title attribute of a part or contents part */
	U_URL,         /* url attribute of a ref, wraps joined without spaces */
	U_FIELD        /* colophon field value, feeding meta */
};

struct metaval {
	char *text;
	char *printed;                 /* the series as printed, when text differs */
	int page, ocr;
	struct kp_box box;
	double conf;
	char when[16];
};

struct unit {
	struct st_node *node;          /* NULL when no unit is open */
	enum unit_kind kind;
	const struct st_rule *rule;    /* the rule that started it (strip, meta) */
	struct kp_buf text;
	int page, lastpage, ocr;
	double conf;
	struct kp_box box;
	double x0, size;
	size_t last;                   /* index of its last line */
};

struct level {
	struct st_node *list, *item;
	double x0;
	int rule_level;
};

struct builder {
	const struct st_doc *doc;
	const struct st_rules *rules;
	const struct st_build_opts *opts;
	unsigned char *failed;         /* per item, the rules a line does not match */
	enum mode mode;
	int year, month;               /* of the issue; 0 when unknown */
	int contents_page;
	size_t colophon_at;            /* item where the colophon begins, or nitems */
	struct metaval meta[KP_NMETA];
	struct metaval cover_meta[KP_NMETA]; /* from front matter lines: the
	                                * fields the colophon leaves empty */
	int last_meta;                 /* field a colophon line continues, -1 */
	struct st_node *root;          /* the issue; its parts while the pass runs */
	struct st_node *contents, *cpart, *category, *summary, *part, *article;
	struct st_node *colophon, *unplaced;
	struct level lv[MAX_LEVELS];
	int depth;
	struct st_node *annot;         /* last lead, p or item: a note's home */
	struct st_node *refs, *ref;    /* open references and its last ref */
	const struct st_item *refs_at; /* a references heading waiting for its first ref */
	struct st_node *caption;       /* table caption waiting for its table */
	struct st_node *fig_wait;      /* figure with caption waiting for its image */
	struct st_node *title_for;     /* part, cpart or article whose title the next line is */
	struct unit u;
	/* the report model (sections.c), when the rules rank section heads */
	int sectioned;
	struct st_node *sec[MAX_LEVELS];  /* open sections, outermost first */
	int sec_rank[MAX_LEVELS], nsec;
	int item_rank;                    /* outermost rank numbering a body line
	                                   * that headed nothing since the last
	                                   * head, or 0 */
	unsigned long nsections;          /* sections made: their ids */
	int entry_rank[MAX_LEVELS], nentry; /* ranks open on the contents page */
	size_t entry_at;                  /* the line the last entry began at */
	struct st_node *back, *cover;
	int cover_page;
	int front_last;                   /* last page of the front matter */
	int page;                         /* of the item being placed */
	size_t toc_at;                    /* where contents without a head begin, or nitems */
	double cover_size;                /* largest text on the cover page */
};

/* The role of line item idx among `roles`, m holding the match. */
enum st_role st_line_role(const struct builder *b, size_t idx, unsigned long roles,
                          struct st_match *m);

/* ---- unit.c ---- */
/* Open a unit on node with line idx; text is its first text (NULL: ""). */
void st_unit_open(struct builder *b, struct st_node *node, enum unit_kind kind,
                  const struct st_rule *rule, const char *text, size_t idx);
/* Add line idx to the open unit as a wrap. */
void st_unit_add(struct builder *b, size_t idx);
/* Does line idx carry on the sentence of the open unit (body text, not a
 * head) from its last line, the line before it in its block: at the same
 * indent and size, after a line that runs to the block's right edge and
 * ends in a letter (not a digit: a page number ends a contents line)?  A
 * numbering there ("다." after "않았습니") is a word cut by the wrap. */
int st_unit_wrapped(const struct builder *b, size_t idx);
/* Does line idx of role continue the open unit (a wrap)? */
int st_unit_continues(const struct builder *b, size_t idx, enum st_role role);
/* Finish the open unit; next is the item that ended it (NULL at the end). */
void st_unit_close(struct builder *b, const struct st_item *next);
/* Flush a table caption whose table never came: it stands as a figure. */
void st_drop_caption(struct builder *b);
/* A month.day found by `role` (lead-date, from) at the end of text, as ISO
 * with the year into iso, and as printed into *printed (a new
 * string); returns where the match starts, or -1. */
long st_match_date(const struct builder *b, enum st_role role, const char *text,
                   struct st_match *m, char *iso, size_t isosz, char **printed);

/* ---- blocks.c ---- */
/* Provenance of n: the line, table or image it starts at. */
void st_item_prov(struct st_node *n, const struct st_item *it);
/* Where blocks go now: the article, the part or the section; outside the
 * body a report's front matter (its cover), else unplaced. */
struct st_node *st_container(struct builder *b);
/* Append a block to the container; lists, references and the note target
 * end here. */
void st_add_block(struct builder *b, struct st_node *node);
/* Lists, references and the note target end here. */
void st_end_blocks(struct builder *b);
void st_body_line(struct builder *b, enum st_role role, const struct st_match *m, size_t idx);
void st_contents_line(struct builder *b, enum st_role role, const struct st_match *m,
                      size_t idx);
/* Line idx kept as a p outside the body: of the front matter, else unplaced. */
void st_unplaced_line(struct builder *b, size_t idx);

/* ---- colophon.c ---- */
/* The year and month and where the colophon begins, before the pass. */
void st_colophon_scan(struct builder *b);
/* Meta field f from text, at line it, unless already known. */
void st_set_meta(struct builder *b, int f, const char *text, const struct st_item *it);
/* s with each run of three or more single Hangul syllables set apart by
 * spaces or slashes, as a title is letter-spaced for display ("주/간/동/향",
 * "주 간 동 향"), written as one word ("주간동향"); NULL when s has none. */
char *st_unspaced_new(const char *s);
void st_colophon_line(struct builder *b, enum st_role role, const struct st_match *m,
                      size_t idx);
/* The meta element of the fields found. */
struct st_node *st_meta_node(const struct builder *b);
/* A front matter line the rules' meta patterns name (the publisher under
 * the title of the cover): kept for a field the colophon leaves empty. */
void st_cover_meta(struct builder *b, size_t idx);
/* After the pass: the fields the colophon left empty from the cover. */
void st_meta_from_cover(struct builder *b);

/* ---- running.c ---- */
/* After the pass, before the cover: the fields the colophon left empty
 * from the texts of furniture lines that stand at one place on most pages,
 * by the rules' `running` patterns. */
void st_meta_from_running(struct builder *b);

/* ---- contents.c ---- */
/* Give each article under root the category of the contents entry (under
 * contents, which may be NULL) nearest to its title. */
void st_set_categories(struct st_node *root, const struct st_node *contents);
/* Link each entry of a report's contents to the section it names (its
 * `for`, the section's id), the sections under root and back searched in
 * order from the one after the last linked: the contents confirm heads.
 * An entry without a level takes its section's. */
void st_link_entries(struct st_node *contents, struct st_node *root, struct st_node *back);

/* ---- sections.c ---- */
/* Do the rules rank section heads (level= on a part, article or heading rule)? */
int st_sectioned(const struct st_rules *rules);
/* Does a line of role, matched by m, head a section in this document? */
int st_heads_section(const struct builder *b, enum st_role role, const struct st_match *m);
/* Is that head numbered below a numbered line of body text met since the
 * last head (a 가. under a list's 3.)?  Then it is an item of that list. */
int st_under_item(const struct builder *b, enum st_role role, const struct st_match *m);
/* Body line idx starts a paragraph or an item: when it is numbered as a
 * head would be (a 3. not set as a head), note its rank in item_rank. */
void st_note_item_rank(struct builder *b, size_t idx);
/* A section head (or attachment) at line idx: the section, nested by rank. */
void st_section_line(struct builder *b, enum st_role role, const struct st_match *m,
                     size_t idx);
/* The open sections reach page (called after each item is placed, so that
 * a section closed by a head at the top of a page does not reach it). */
void st_sections_extend(struct builder *b, int page);
/* A contents line of a report: an entry with its level, number and page
 * number (folio) when it ends in one, or a head over such entries ("Ⅰ. 사업
 * 개요" before "1. 개요 ···· 1"); else unplaced. */
void st_section_entry(struct builder *b, size_t idx);
/* A contents page without a head begins at line idx: open the contents
 * with it; 0 when not. */
int st_contents_start(struct builder *b, size_t idx);
/* The cover page and its largest text size, the last page of the front
 * matter, and a contents page without a head, before the pass. */
void st_cover_scan(struct builder *b);
/* Line idx of role on a report's cover as its title, organisation, date
 * or document number; 0 when it is none of them. */
int st_cover_line(struct builder *b, enum st_role role, const struct st_match *m, size_t idx);
/* The cover, as the home of the front matter's other blocks, when the item
 * being placed is on a page of it before the body; else NULL. */
struct st_node *st_front_matter(struct builder *b);

/* ---- document.c ---- */
/* Finish the issue element: its attributes; meta, labels and layout
 * first, then contents, summary, the parts, colophon and unplaced; warn of
 * unplaced text when asked. */
void st_document_finish(struct builder *b);

#endif
