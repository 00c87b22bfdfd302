/* issue_names.c - the name tables of kp_issue.h. */
#include <string.h>

#include "kp_issue.h"

#define KP_ISSUE_NAME(id, name) name,
static const char *const el_names[KP_NEL] = { KP_ISSUE_ELEMENTS(KP_ISSUE_NAME) };
static const char *const attr_names[KP_NATTR] = { KP_ISSUE_ATTRIBUTES(KP_ISSUE_NAME) };
#undef KP_ISSUE_NAME

const char *kp_el_name(enum kp_el el)
{
	return el_names[el];
}

const char *kp_attr_name(enum kp_attr a)
{
	return attr_names[a];
}

int kp_el_lookup(const char *name)
{
	for (int i = 0; i < KP_NEL; i++)
		if (strcmp(el_names[i], name) == 0)
			return i;
	return -1;
}

int kp_meta_lookup(const char *name)
{
	int el = name != NULL ? kp_el_lookup(name) : -1;

	return el >= KP_META_FIRST && el <= KP_META_LAST ? el : -1;
}
