/*
 * alto.h - what the two parts of the ALTO writer share (mapping:
 * docs/alto-mapping.md).  alto_tags.c reads the issue's logical structure
 * (parts, articles, tables) into StructureTags and the page regions that
 * point to them; alto.c reads the layout stream page by page and writes
 * ALTO, tagging each block from the region its lines fall in.
 */
#ifndef IX_ALTO_H
#define IX_ALTO_H

#include "export.h"

/* The levels of logical structure a block can belong to. */
enum ix_tag_level { IX_TAG_PART, IX_TAG_ARTICLE, IX_TAG_TABLE, IX_TAG_LEVELS };

/* One StructureTag: ID "tagN" (N = index + 1). */
struct ix_tag {
	enum ix_tag_level level;
	char *label;
	long page, lastpage;   /* pages it spans, 0 when unknown */
};

/* A box of an issue element on its first page, and the innermost tag of
 * each level it lies in (-1: none). */
struct ix_region {
	long page;
	struct kp_box box;
	long tags[IX_TAG_LEVELS];
};

struct ix_structure {
	struct ix_tag *tags;
	size_t ntags;
	struct ix_region *regions;
	size_t nregions;
};

/* Read the tags and regions of an issue. */
void ix_structure_read(const struct ix_issue *is, struct ix_structure *st);
void ix_structure_free(struct ix_structure *st);
/* The tags of what lies at box on page: those of the smallest region
 * there holding the box's centre, else the article (or part) running
 * on that page.  Fills tags[IX_TAG_LEVELS] (-1: none). */
void ix_structure_at(const struct ix_structure *st, long page, const struct kp_box *box,
                     long *tags);

#endif
