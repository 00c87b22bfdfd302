/* load.c - a program's optional part, a shared object loaded on first
 * need.  Linking a big library (Tesseract, qpdf) costs every run of the
 * program its dynamic linking, ~5-20 ms, though most runs never use it:
 * such a part is built into its own object, beside the program in a build
 * tree and in KP_LIBDIR once installed. */
#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "kp.h"

#ifndef KP_LIBDIR
#define KP_LIBDIR "/usr/local/lib/kostec-pipe"
#endif

void *kp_load_object(const char *name, const char *what)
{
	char dir[PATH_MAX], path[2 * PATH_MAX];
	char *slash;
	void *h = NULL;

	if (realpath("/proc/self/exe", dir) != NULL && (slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		h = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
	}
	if (h == NULL) {
		snprintf(path, sizeof(path), "%s/%s", KP_LIBDIR, name);
		h = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
	}
	if (h == NULL)
		kp_warn(NULL, 0, "cannot load %s: %s", what, dlerror());
	return h;
}
