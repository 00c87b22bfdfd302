/* output.c - the output of every program: stdout, or -o FILE written
 * atomically (a temporary file beside FILE, renamed into place only when
 * everything was written), so a failed run never leaves a partial file. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kp.h"

int kp_output_open(struct kp_output *out, const char *path)
{
	int fd;
	mode_t mask;

	memset(out, 0, sizeof(*out));
	if (path == NULL || strcmp(path, "-") == 0) {
		out->fp = stdout;
		out->name = "stdout";
		return KP_EXIT_OK;
	}
	out->name = path;
	out->tmp = kp_xmalloc(strlen(path) + sizeof(".tmpXXXXXX"));
	strcpy(out->tmp, path);
	strcat(out->tmp, ".tmpXXXXXX");
	fd = mkstemp(out->tmp);
	if (fd < 0 || (out->fp = fdopen(fd, "w")) == NULL) {
		kp_warn(path, 0, "cannot create:");
		if (fd >= 0) {
			close(fd);
			unlink(out->tmp);
		}
		free(out->tmp);
		out->tmp = NULL;
		return KP_EXIT_OUTPUT;
	}
	kp_cleanup_on_signal(out->tmp);
	/* mkstemp made it 0600: give it the mode a shell redirection would */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	return KP_EXIT_OK;
}

int kp_output_close(struct kp_output *out, int keep)
{
	int rc = kp_fshut(out->fp, out->name) == 0 ? KP_EXIT_OK : KP_EXIT_OUTPUT;

	out->fp = NULL;
	if (out->tmp == NULL)
		return rc;
	kp_cleanup_forget(); /* renamed or removed below */
	if (rc == KP_EXIT_OK && keep && rename(out->tmp, out->name) != 0) {
		kp_warn(out->name, 0, "cannot rename into place:");
		rc = KP_EXIT_OUTPUT;
	}
	if (rc != KP_EXIT_OK || !keep)
		unlink(out->tmp);
	free(out->tmp);
	out->tmp = NULL;
	return rc;
}
