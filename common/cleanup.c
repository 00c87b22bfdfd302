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

/* SIGUSR1, SIGALRM, SIGXCPU (a CPU limit) and the like end a program as
 * SIGTERM does, and left the temporary files behind when only SIGINT,
 * SIGTERM and SIGHUP were caught. */
const int kp_stop_signals[KP_NSTOP_SIGNALS] = {
	SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM,
	SIGPROF, SIGXCPU, SIGXFSZ
};

void kp_cleanup_on_signal(const char *path)
{
	struct sigaction sa;

	pending = path;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < KP_NSTOP_SIGNALS; i++) {
		struct sigaction old;

		/* a signal ignored by the caller (nohup, `&` in a script) stays so */
		if (sigaction(kp_stop_signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(kp_stop_signals[i], &sa, NULL);
	}
}

void kp_cleanup_forget(void)
{
	pending = NULL;
}
