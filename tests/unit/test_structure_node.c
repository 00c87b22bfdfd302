/* test_structure_node.c - the issue tree's node API (structure/node.h):
 * linking, attributes set in place, provenance growing over pages, text
 * in document order, and the XML rendered from it. */
#include <stdlib.h>
#include <string.h>

#include "../../structure/structure.h"
#include "unit.h"

static void test_links(void)
{
	struct st_node *list = st_node_new(KP_EL_LIST);
	struct st_node *a = st_node_add(list, KP_EL_ITEM), *b = st_node_add(list, KP_EL_ITEM);
	struct st_node *note = st_node_new(KP_EL_NOTE);

	CHECK(list->first == a && list->last == b && a->next == b && b->prev == a);
	CHECK(a->parent == list && st_node_count(list, KP_EL_ITEM) == 2);
	st_node_prepend(list, note);
	CHECK(list->first == note && note->next == a && a->prev == note);
	st_node_append(b, note);         /* moved: unlinked from list first */
	CHECK(list->first == a && a->prev == NULL && b->first == note && note->parent == b);
	CHECK(st_node_count(list, KP_EL_NOTE) == 0 && st_node_count(b, KP_EL_NOTE) == 1);
	st_node_free(a);                 /* unlinks itself */
	CHECK(list->first == b && list->last == b && b->prev == NULL);
	st_node_free(list);
}

static void test_attrs_prov(void)
{
	struct st_node *part = st_node_new(KP_EL_PART);
	struct kp_box box = {56.7, 80, 538.6, 96};
	xmlDocPtr x;
	xmlChar *out;
	int size;

	st_node_set(part, KP_A_N, "I");
	st_node_set(part, KP_A_TITLE, "");
	st_node_set_prov(part, 3, 0, &box, 1, 87.5);
	st_node_set(part, KP_A_TITLE, "정책동향");   /* kept in its place */
	st_node_set_int(part, KP_A_LEVEL, 2);
	CHECK_STR(st_node_get(part, KP_A_TITLE), "정책동향");
	CHECK(st_node_get(part, KP_A_URL) == NULL && part->nattrs == 3 && part->prov_at == 2);
	st_node_extend(part, 2);         /* before its first page: no change */
	CHECK(part->lastpage == 0);
	st_node_extend(part, 5);
	st_node_extend(part, 4);
	CHECK(part->page == 3 && part->lastpage == 5);
	x = st_xml_doc(part);            /* uses the tree up */
	xmlDocDumpMemoryEnc(x, &out, &size, "UTF-8");
	CHECK(strstr((const char *)out, "<part n=\"I\" title=\"정책동향\" page=\"3\" "
	             "box=\"56.7 80.0 538.6 96.0\" ocr=\"1\" conf=\"87.5\" pages=\"5\" "
	             "level=\"2\"/>") != NULL);
	xmlFree(out);
	xmlFreeDoc(x);
}

static void test_text(void)
{
	struct st_node *item = st_node_new(KP_EL_ITEM), *note = st_node_new(KP_EL_NOTE);
	xmlDocPtr x;
	xmlChar *out;
	int size;
	char *t;

	st_node_set_text(note, "각주");
	st_node_append(item, note);
	st_node_set_text(item, "본문 ");     /* text goes before the children */
	t = st_node_text_new(item);
	CHECK_STR(t, "본문 각주");
	free(t);
	st_node_set_text(note, "");
	CHECK(note->text == NULL);
	x = st_xml_doc(item);
	xmlDocDumpMemoryEnc(x, &out, &size, "UTF-8");
	CHECK(strstr((const char *)out, "<item>본문 <note/></item>") != NULL);
	xmlFree(out);
	xmlFreeDoc(x);
}

int main(void)
{
	test_links();
	test_attrs_prov();
	test_text();
	return UNIT_DONE();
}
