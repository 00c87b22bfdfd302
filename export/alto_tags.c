/* alto_tags.c - the issue's logical structure for ALTO: parts, articles
 * (a report's sections: level 1 as parts, deeper as articles) and tables
 * as StructureTags, and the regions of the page they hold. */
#include <stdlib.h>
#include <string.h>

#include "alto.h"

static long add_tag(struct ix_structure *st, enum ix_tag_level level, xmlNodePtr in,
                    const char *label)
{
	struct ix_tag *t;
	long last;

	st->tags = kp_xreallocarray(st->tags, st->ntags + 1, sizeof *st->tags);
	t = &st->tags[st->ntags];
	t->level = level;
	t->label = kp_xstrdup(label);
	if (ix_attr_count(in, KP_A_PAGE, 0, &t->page) < 0)
		t->page = 0;
	t->lastpage = ix_attr_count(in, KP_A_PAGES, 0, &last) == 0 && last > t->page ? last : t->page;
	return (long)st->ntags++;
}

static void add_region(struct ix_structure *st, xmlNodePtr in, const long *tags)
{
	struct ix_region *r;
	struct kp_box box;
	long page;

	if (ix_attr_count(in, KP_A_PAGE, 0, &page) < 0 || page < 1 ||
	    kp_box_parse(ix_attr0(in, KP_A_BOX), &box) != 0)
		return;
	st->regions = kp_xreallocarray(st->regions, st->nregions + 1, sizeof *st->regions);
	r = &st->regions[st->nregions++];
	r->page = page;
	r->box = box;
	memcpy(r->tags, tags, sizeof r->tags);
}

/* The label of a tag: the part's number and title, the article's number
 * and title, the table's caption (else "table"). */
static char *label_new(enum ix_tag_level level, xmlNodePtr in)
{
	struct kp_buf b;
	xmlNodePtr sub = ix_first(in, level == IX_TAG_TABLE ? KP_EL_CAPTION :
	                              ix_is(in, KP_EL_SECTION) ? KP_EL_HEAD : KP_EL_TITLE);
	char *s = sub != NULL ? ix_text_new(sub) : NULL;

	kp_buf_init(&b);
	kp_buf_puts(&b, "");
	if (level != IX_TAG_TABLE)
		kp_buf_puts(&b, ix_attr0(in, KP_A_N));
	if (level == IX_TAG_PART && *ix_attr0(in, KP_A_TITLE) != '\0')
		kp_buf_printf(&b, "%s%s", b.len ? " " : "", ix_attr0(in, KP_A_TITLE));
	if (s != NULL && *s != '\0')
		kp_buf_printf(&b, "%s%s", b.len ? " " : "", s);
	if (b.len == 0)
		kp_buf_puts(&b, level == IX_TAG_TABLE ? "table" : "-");
	free(s);
	return kp_buf_detach(&b);
}

/* Every element under in with a box becomes a region; parts, articles
 * and tables also open a tag of their level. */
static void walk(struct ix_structure *st, xmlNodePtr in, const long *outer)
{
	long tags[IX_TAG_LEVELS];
	xmlNodePtr c;
	int level = ix_is(in, KP_EL_PART) ? IX_TAG_PART : ix_is(in, KP_EL_ARTICLE) ? IX_TAG_ARTICLE :
	            ix_is(in, KP_EL_TABLE) ? IX_TAG_TABLE : -1;

	/* a report's sections: the outermost as parts, those below as articles */
	if (ix_is(in, KP_EL_SECTION))
		level = strcmp(ix_attr0(in, KP_A_LEVEL), "1") == 0 ? IX_TAG_PART : IX_TAG_ARTICLE;

	memcpy(tags, outer, sizeof tags);
	if (level >= 0) {
		char *label = label_new((enum ix_tag_level)level, in);

		tags[level] = add_tag(st, (enum ix_tag_level)level, in, label);
		free(label);
	}
	add_region(st, in, tags);
	for (c = ix_first(in, IX_ANY); c != NULL; c = ix_next(c, IX_ANY))
		walk(st, c, tags);
}

void ix_structure_read(const struct ix_issue *is, struct ix_structure *st)
{
	long none[IX_TAG_LEVELS] = { -1, -1, -1 };
	xmlNodePtr c;

	memset(st, 0, sizeof *st);
	for (c = ix_first(is->root, IX_ANY); c != NULL; c = ix_next(c, IX_ANY))
		if (!ix_is(c, KP_EL_META) && !ix_is(c, KP_EL_LABELS) && !ix_is(c, KP_EL_LAYOUT))
			walk(st, c, none);
}

void ix_structure_free(struct ix_structure *st)
{
	for (size_t i = 0; i < st->ntags; i++)
		free(st->tags[i].label);
	free(st->tags);
	free(st->regions);
	memset(st, 0, sizeof *st);
}

void ix_structure_at(const struct ix_structure *st, long page, const struct kp_box *box,
                     long *tags)
{
	double cx = (box->x0 + box->x1) / 2, cy = (box->y0 + box->y1) / 2, best = -1, area;
	const struct ix_region *found = NULL;
	long running[IX_TAG_LEVELS] = { -1, -1, -1 };

	for (size_t i = 0; i < st->nregions; i++) {
		const struct ix_region *r = &st->regions[i];

		if (r->page != page || !kp_box_contains_point(&r->box, cx, cy))
			continue;
		area = kp_box_width(&r->box) * kp_box_height(&r->box);
		if (found == NULL || area < best) {
			found = r;
			best = area;
		}
	}
	if (found != NULL) {
		memcpy(tags, found->tags, sizeof found->tags);
		return;
	}
	/* a page an element continues on holds no box of it: the last part
	 * and article begun by this page and not ended before it */
	for (size_t i = 0; i < st->ntags; i++) {
		const struct ix_tag *t = &st->tags[i];

		if (t->level == IX_TAG_TABLE || t->page < 1 || t->page > page)
			continue;
		if (t->lastpage >= page) {
			running[t->level] = (long)i;
			if (t->level == IX_TAG_PART)
				running[IX_TAG_ARTICLE] = -1;
		}
	}
	memcpy(tags, running, sizeof running);
}
