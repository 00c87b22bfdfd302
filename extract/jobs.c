/* jobs.c - the page loop, in this process or in -j worker processes.
 *
 * Workers are forked after the document is open, so each uses the parent's
 * copy of it.  The pages are cut into contiguous shares, one for each pair
 * of workers: one worker takes the share's pages from the front, the other
 * from the back, until they meet, so the two finish together whatever the
 * pages cost.  A worker whose share is used up joins, from the back, the
 * largest share that nobody takes from the back (with an odd number of
 * workers the last share starts with one).  Furniture compares a page
 * with its neighbours, which a worker reads anyway while they are in its
 * share; where shares meet it takes the band lines of the other worker's
 * pages from the files that worker saves (furniture.c), or when they are
 * not there yet reads those pages' text itself: a few pages per document.
 * A worker writes each page to its own file in a private temporary
 * directory and then reports it on a shared pipe; the parent copies pages
 * to the output in order and deletes them, so output is the same bytes as
 * with -j 1 and memory does not grow with the document. */
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

/* The pages left in each share, lo..hi-1, and whether a worker takes
 * them from the back, in memory the workers share (anonymous,
 * MAP_SHARED), under one spin lock held for a few instructions a page. */
struct share {
	int lo, hi, back;
};
struct shares {
	atomic_flag lock;
	int n;
	struct share v[];
};

/* Where a worker takes its pages. */
struct place {
	int share, back;
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

/* Pages first..last in shares for `workers` workers, in shared memory
 * (munmap(s, shares_size(s->n))), a share's length in proportion to the
 * workers that start on it (two, or one for the last of an odd number);
 * NULL when mmap fails.  Worker w starts at place_of(w). */
static struct shares *plan_shares(int first, int last, int workers)
{
	int n = (workers + 1) / 2;
	long pages = last - first + 1;
	struct shares *s;

	s = mmap(NULL, shares_size(n), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s == MAP_FAILED)
		return NULL;
	atomic_flag_clear(&s->lock);
	s->n = n;
	for (int i = 0; i < n; i++) {
		/* share i holds workers 2i and 2i+1 */
		s->v[i].lo = first + (int)(pages * 2 * i / workers);
		s->v[i].hi = i == n - 1 ? last + 1 : first + (int)(pages * 2 * (i + 1) / workers);
		s->v[i].back = 2 * i + 1 < workers;
	}
	return s;
}

static struct place place_of(int w)
{
	return (struct place){ w / 2, w % 2 };
}

/* The next page for the worker at *at: from its share's front or back;
 * when that is used up, from the back of the largest share with two
 * pages or more that nobody takes from the back, which becomes *at.
 * Returns 0 when no page is left.  *from..*to are the pages of the share
 * the worker will still take, the page returned included. */
static int take_page(struct shares *s, struct place *at, int *from, int *to)
{
	struct share *sh = &s->v[at->share];
	int p = 0;

	while (atomic_flag_test_and_set_explicit(&s->lock, memory_order_acquire))
		sched_yield();
	if (sh->lo >= sh->hi) {
		int best = -1;

		for (int i = 0; i < s->n; i++)
			if (!s->v[i].back && s->v[i].hi - s->v[i].lo >= 2 &&
			    (best < 0 || s->v[i].hi - s->v[i].lo > s->v[best].hi - s->v[best].lo))
				best = i;
		if (best >= 0) {
			*at = (struct place){ best, 1 };
			sh = &s->v[best];
			sh->back = 1;
		}
	}
	if (sh->lo < sh->hi) {
		p = at->back ? --sh->hi : sh->lo++;
		*from = at->back ? sh->lo : p;
		*to = at->back ? p : sh->hi - 1;
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
	struct place at = place_of(w);
	int status = 0, p, from = 0, to = 0;

	ex_conv_init(&cv, d, opt, fmt);
	cv.share = dir;
	while ((p = take_page(shares, &at, &from, &to)) > 0) {
		char tmp[4096], path[4096];
		struct report r = { p, 0, 0 };
		FILE *fp;

		/* the rest of the share is read whole when met as a neighbour */
		ex_conv_own(&cv, from, to);
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
		snprintf(path, sizeof(path), "%s/%d.bands", dir, p);
		unlink(path);
		snprintf(path, sizeof(path), "%s/%d.bands.tmp", dir, p);
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
