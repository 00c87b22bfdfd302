/* jobs.c - the page loop, in this process or in -j worker processes.
 *
 * Workers are forked after the document is open, so each uses the parent's
 * copy of it.  Each worker starts with its own contiguous share of the
 * pages and takes them one by one from the front; a worker whose share is
 * used up takes the back half of what is left of the largest other share
 * (work stealing, while MIN_STEAL pages are left in it), so the workers
 * finish together.  Furniture compares a
 * page with its neighbours, which the worker reads anyway while they are
 * in its share: only at the edges of shares (the first split and each
 * steal, a handful per document) are pages read twice, text only.  A
 * worker writes each page to its own file in a private temporary directory
 * and then reports it on a shared pipe; the parent copies pages to the
 * output in order and deletes them, so output is the same bytes as with
 * -j 1 and memory does not grow with the document. */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "extract.h"
#include "convert.h"

#define MIN_CHUNK 8 /* fewer pages than this are not worth a worker */
/* A share with fewer pages left is not split: the new edge costs both
 * workers their neighbours' text again (2 x REACH pages read), more
 * than it saves. */
#define MIN_STEAL 4

/* The pages left to each worker, lo..hi-1, in memory the workers share
 * (anonymous, MAP_SHARED), under one spin lock: it is held for a few
 * instructions a page. */
struct share {
	int lo, hi;
};
struct shares {
	atomic_flag lock;
	int n;
	struct share v[];
};

/* What a worker tells the parent about one page; smaller than PIPE_BUF,
 * so reports from several workers never mix. */
struct report {
	int page, rc, written;
};

static void progress_line(const struct ex_doc *d, int done, int total, int on)
{
	if (on)
		fprintf(stderr, "\r%s: %s: page %d/%d", kp_progname(), d->name, done, total);
}

static void progress_end(int on)
{
	if (on)
		fputs("\n", stderr);
}

static void page_path(char *buf, size_t n, const char *dir, int p, int tmp)
{
	snprintf(buf, n, "%s/%d%s", dir, p, tmp ? ".tmp" : "");
}

static size_t shares_size(int n)
{
	return sizeof(struct shares) + (size_t)n * sizeof(struct share);
}

/* Pages first..last in n contiguous shares of (nearly) equal length, in
 * shared memory (munmap(s, shares_size(s->n))); NULL when mmap fails. */
static struct shares *plan_shares(int first, int last, int n)
{
	int pages = last - first + 1;
	struct shares *s;

	s = mmap(NULL, shares_size(n), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s == MAP_FAILED)
		return NULL;
	atomic_flag_clear(&s->lock);
	s->n = n;
	for (int w = 0; w < n; w++) {
		s->v[w].lo = first + (int)((long)pages * w / n);
		s->v[w].hi = first + (int)((long)pages * (w + 1) / n);
	}
	return s;
}

/* The next page for worker w: the front of its share, or when that is
 * empty the front of the back half (rounded up) of the largest other
 * share of MIN_STEAL pages or more, which becomes w's.  Returns 0 when no page is left.  *last gets
 * the last page of w's share as it stands. */
static int take_page(struct shares *s, int w, int *last)
{
	struct share *me = &s->v[w];
	int p = 0;

	while (atomic_flag_test_and_set_explicit(&s->lock, memory_order_acquire))
		sched_yield();
	if (me->lo >= me->hi) {
		struct share *victim = NULL;

		for (int i = 0; i < s->n; i++)
			if (s->v[i].hi - s->v[i].lo >= MIN_STEAL &&
			    (victim == NULL || s->v[i].hi - s->v[i].lo > victim->hi - victim->lo))
				victim = &s->v[i];
		if (victim != NULL) {
			int left = victim->hi - victim->lo;

			me->hi = victim->hi;
			me->lo = victim->hi - (left + 1) / 2;
			victim->hi = me->lo;
		}
	}
	if (me->lo < me->hi) {
		p = me->lo++;
		*last = me->hi - 1;
	}
	atomic_flag_clear_explicit(&s->lock, memory_order_release);
	return p;
}

/* A worker's life: take pages until none is left, report each, exit. */
static _Noreturn void worker(struct ex_doc *d, const struct ex_options *opt,
                             enum ex_format fmt, struct shares *shares, int w, const char *dir,
                             int fd)
{
	struct ex_conv cv;
	int status = 0, p, last = 0;

	ex_conv_init(&cv, d, opt, fmt);
	while ((p = take_page(shares, w, &last)) > 0) {
		char tmp[4096], path[4096];
		struct report r = { p, 0, 0 };
		FILE *fp;

		/* the rest of the share is read whole when met as a neighbour */
		ex_conv_own(&cv, p, last);
		page_path(tmp, sizeof(tmp), dir, p, 1);
		page_path(path, sizeof(path), dir, p, 0);
		fp = fopen(tmp, "w");
		if (fp == NULL) {
			kp_warn(tmp, 0, "cannot create:");
			r.rc = KP_EXIT_OUTPUT;
		} else {
			r.rc = ex_conv_page(&cv, p, fp, &r.written);
			if (kp_fshut(fp, tmp) != 0 || rename(tmp, path) != 0) {
				r.rc = KP_EXIT_OUTPUT;
				r.written = 0;
			}
		}
		if (write(fd, &r, sizeof(r)) != (ssize_t)sizeof(r))
			status = KP_EXIT_OUTPUT;
	}
	ex_conv_release(&cv);
	ex_doc_close(d);
	munmap(shares, shares_size(shares->n));
	_exit(status);
}

/* Append the file at path to out, then delete it.  Returns 0, or -1
 * after a diagnostic when it cannot be read (write errors are out's, seen
 * when it is closed). */
static int copy_page(const char *path, FILE *out)
{
	char buf[65536];
	size_t n;
	FILE *fp = fopen(path, "r");
	int rc = 0;

	if (fp == NULL) {
		kp_warn(path, 0, "cannot open:");
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		fwrite(buf, 1, n, out);
	if (ferror(fp)) {
		kp_warn(path, 0, "read error:");
		rc = -1;
	}
	fclose(fp);
	unlink(path);
	return rc;
}

/* Remove whatever workers left in dir (after a failure), and dir. */
static void clean_dir(const char *dir, int first, int last)
{
	char path[4096];

	for (int p = first; p <= last; p++) {
		page_path(path, sizeof(path), dir, p, 0);
		unlink(path);
		page_path(path, sizeof(path), dir, p, 1);
		unlink(path);
	}
	rmdir(dir);
}

/* A stop signal (kp_stop_signals: SIGINT, SIGTERM, SIGUSR1, SIGXCPU...)
 * while workers run: the parent stops them and removes their directory
 * before dying of the signal (the handler that was there before,
 * common/cleanup.c, then removes the -o temporary file). */
static volatile sig_atomic_t stop_signal;

static void note_signal(int sig)
{
	stop_signal = sig;
}

/* Catch the stop signals (no SA_RESTART: a blocked read returns EINTR),
 * keeping those the caller ignores ignored. */
static void catch_stops(struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = note_signal;
	sigemptyset(&sa.sa_mask);
	stop_signal = 0;
	for (size_t i = 0; i < KP_NSTOP_SIGNALS; i++)
		if (sigaction(kp_stop_signals[i], NULL, &old[i]) == 0 &&
		    old[i].sa_handler != SIG_IGN)
			sigaction(kp_stop_signals[i], &sa, NULL);
}

static void restore_stops(const struct sigaction *old)
{
	for (size_t i = 0; i < KP_NSTOP_SIGNALS; i++)
		sigaction(kp_stop_signals[i], &old[i], NULL);
}

/* Returns the worst exit code; *written counts the pages copied out. */
static int run_workers(struct ex_doc *d, const struct ex_options *opt, enum ex_format fmt,
                       int first, int last, int progress, FILE *out, int *written)
{
	const char *tmpdir = getenv("TMPDIR");
	char dir[4000];
	int fds[2], rc = 0, n = last - first + 1, nworkers = opt->jobs;
	pid_t *pids;
	unsigned char *state; /* per page: 0 pending, 1 ready, 2 failed */
	struct sigaction old_actions[KP_NSTOP_SIGNALS];
	struct shares *shares;

	if (nworkers > n)
		nworkers = n;
	if ((shares = plan_shares(first, last, nworkers)) == NULL) {
		kp_warn(NULL, 0, "mmap:");
		return KP_EXIT_INTERNAL;
	}
	snprintf(dir, sizeof(dir), "%s/pdf2text.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (mkdtemp(dir) == NULL) {
		kp_warn(dir, 0, "cannot create:");
		munmap(shares, shares_size(shares->n));
		return KP_EXIT_OUTPUT;
	}
	if (pipe(fds) != 0) {
		kp_warn(NULL, 0, "pipe:");
		rmdir(dir);
		munmap(shares, shares_size(shares->n));
		return KP_EXIT_INTERNAL;
	}
	fflush(out);
	fflush(stderr);
	catch_stops(old_actions);
	pids = kp_xcalloc((size_t)nworkers, sizeof(*pids));
	state = kp_xcalloc((size_t)n, 1);
	for (int w = 0; w < nworkers; w++) {
		pids[w] = fork();
		if (pids[w] == 0) {
			close(fds[0]);
			free(pids);
			free(state);
			restore_stops(old_actions);
			worker(d, opt, fmt, shares, w, dir, fds[1]);
		}
		if (pids[w] < 0) {
			kp_warn(NULL, 0, "fork:");
			rc = KP_EXIT_INTERNAL;
			break;
		}
	}
	close(fds[1]);
	for (int p = first; p <= last && !stop_signal; p++) {
		struct report r;
		char path[4096];

		while (state[p - first] == 0 && !stop_signal) {
			ssize_t got = read(fds[0], &r, sizeof(r));

			if (got < 0 && errno == EINTR)
				continue;
			if (got != (ssize_t)sizeof(r))
				break; /* every worker is gone */
			if (r.page >= first && r.page <= last)
				state[r.page - first] = r.written ? 1 : 2;
			if (r.rc > rc)
				rc = r.rc;
		}
		if (state[p - first] == 1) {
			page_path(path, sizeof(path), dir, p, 0);
			if (copy_page(path, out) == 0)
				(*written)++;
			else
				rc = rc > KP_EXIT_OUTPUT ? rc : KP_EXIT_OUTPUT;
		} else if (state[p - first] == 0 && !stop_signal) {
			kp_warn(d->name, p, "page lost: its worker failed");
			rc = rc > KP_EXIT_PARTIAL ? rc : KP_EXIT_PARTIAL;
		}
		progress_line(d, p - first + 1, n, progress);
	}
	progress_end(progress);
	close(fds[0]);
	for (int w = 0; w < nworkers && stop_signal; w++)
		if (pids[w] > 0)
			kill(pids[w], SIGTERM);
	for (int w = 0; w < nworkers; w++) {
		int st;

		if (pids[w] > 0 && waitpid(pids[w], &st, 0) == pids[w] &&
		    !(WIFEXITED(st) && WEXITSTATUS(st) == 0) && rc < KP_EXIT_PARTIAL)
			rc = KP_EXIT_PARTIAL;
	}
	clean_dir(dir, first, last);
	munmap(shares, shares_size(shares->n));
	free(state);
	free(pids);
	restore_stops(old_actions);
	if (stop_signal)
		raise(stop_signal);
	return rc;
}

int ex_convert(struct ex_doc *d, const struct ex_options *opt, enum ex_format fmt,
               int progress, FILE *out)
{
	int first = opt->first_page > 0 ? opt->first_page : 1;
	int last = opt->last_page > 0 ? opt->last_page : d->pages;
	int rc = 0, written = 0;

	if (fmt == EX_FMT_STREAM)
		ex_emit_header(out, d->name, d->pages, d->sha256, d->producer, d->creator);
	else
		fprintf(out, "document %s  %d pages  sha256 %s\n", d->name, d->pages, d->sha256);
	if (opt->jobs > 1 && last - first + 1 > MIN_CHUNK) {
		rc = run_workers(d, opt, fmt, first, last, progress, out, &written);
	} else {
		struct ex_conv cv;

		ex_conv_init(&cv, d, opt, fmt);
		ex_conv_own(&cv, first, last);
		for (int p = first; p <= last && !ferror(out); p++) {
			int w = 0, r = ex_conv_page(&cv, p, out, &w);

			written += w;
			if (r > rc)
				rc = r;
			progress_line(d, p - first + 1, last - first + 1, progress);
		}
		progress_end(progress);
		ex_conv_release(&cv);
	}
	if (fmt == EX_FMT_STREAM)
		ex_emit_end(out, written);
	return rc;
}
