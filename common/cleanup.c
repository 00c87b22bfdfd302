/* cleanup.c - remove a half-written output file when a signal ends the
 * program (the -o FILE.tmpXXXXXX of HACKING.md), then die of that signal. */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "kp.h"

/* The temporary file to remove: process-wide by nature, as signal
 * dispositions are.  Set and cleared only outside the handler. */
static const char *volatile pending;

static void on_signal(int sig)
{
	const char *path = pending;

	if (path != NULL)
		unlink(path);
	signal(sig, SIG_DFL);
	raise(sig);
}

void kp_cleanup_on_signal(const char *path)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;

	pending = path;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;

		/* a signal ignored by the caller (nohup, `&` in a script) stays so */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
}

void kp_cleanup_forget(void)
{
	pending = NULL;
}
