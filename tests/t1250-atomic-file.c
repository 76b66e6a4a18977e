// SPDX-License-Identifier: GPL-2.0
/*
 * t1250-atomic-file: output files (atomic-file.h) - an unnamed file given
 * its name only when complete, the random-name fallback, modes, errors
 * naming the target, symlinks never followed, a second signal unlinking
 * the fallback's file, and perf.data's writer stopping at a signal.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/atomic-file.h"
#include "lib/interrupt.h"
#include "tools/perf/util/data.h"
#include "scenario/scenario.h"
#include "sim/sim.h"
#include "tap.h"

static char dir[256];

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* the names in @d, sorted: "a,b" */
static const char *listing(const char *d)
{
	static char out[4096], names[64][256];
	const char *sorted[64];
	struct dirent *e;
	DIR *dp = opendir(d);
	int n = 0, len = 0;

	out[0] = '\0';
	if (!dp)
		return "(no dir)";
	while ((e = readdir(dp)) && n < 64) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(names[n], sizeof(names[n]), "%s", e->d_name);
		sorted[n] = names[n];
		n++;
	}
	closedir(dp);
	qsort(sorted, (size_t)n, sizeof(sorted[0]), cmp_name);
	for (int i = 0; i < n; i++)
		len += snprintf(out + len, sizeof(out) - len, "%s%s",
				i ? "," : "", sorted[i]);
	return out;
}

static void path(char *buf, const char *name)
{
	snprintf(buf, PATH_MAX, "%s/%s", dir, name);
}

static int put(const char *p, const char *text, int fail, char *err)
{
	struct atomic_file af;
	int ret = atomic_file__open(&af, p, err, 512);

	if (ret)
		return ret;
	fputs(text, af.f);
	return atomic_file__close(&af, fail, err, 512);
}

static const char *content(const char *p)
{
	static char buf[256];
	FILE *f = fopen(p, "r");
	size_t n;

	if (!f)
		return "(absent)";
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int mode_of(const char *p)
{
	struct stat st;

	return lstat(p, &st) ? -1 : (int)(st.st_mode & 07777);
}

static mode_t lmode(const char *p)
{
	struct stat st;

	return lstat(p, &st) ? 0 : st.st_mode;
}

static void clean(void)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'/* '%s'/.[!.]*", dir, dir);
	if (system(cmd))
		diag("cannot clean %s", dir);
}

static void basics(const char *how)
{
	char a[PATH_MAX], err[512];
	struct atomic_file af;
	int fd;

	umask(027);
	path(a, "a.txt");
	is_int(put(a, "one\n", 0, err), 0, "%s: written", how);
	is_str(content(a), "one\n", "%s: the content", how);
	is_int(mode_of(a), 0640, "%s: mode 0666 less the umask (027)", how);
	is_str(listing(dir), "a.txt", "%s: nothing else in the directory", how);

	/* an existing file of another mode: replaced, fopen's mode */
	chmod(a, 0600);
	umask(022);
	is_int(put(a, "two\n", 0, err), 0, "%s: replaced", how);
	is_str(content(a), "two\n", "%s: the new content", how);
	is_int(mode_of(a), 0644, "%s: mode 0644 under umask 022", how);

	/* the writer's error: the target unchanged, nothing left */
	is_int(put(a, "three\n", -EIO, err), -EIO, "%s: a writer's error", how);
	is_str(content(a), "two\n", "%s: ... leaves the target as it was", how);
	is_str(listing(dir), "a.txt", "%s: ... and nothing beside it", how);
	ok(strstr(err, a) && !strstr(err, "/."), "%s: ... named: %s", how, err);

	/* while it is written: what the directory shows */
	is_int(atomic_file__open(&af, a, err, sizeof(err)), 0, "%s: open", how);
	fputs("four\n", af.f);
	fflush(af.f);
	if (!strcmp(how, "O_TMPFILE"))
		is_str(listing(dir), "a.txt",
		       "O_TMPFILE: no name while it is written");
	else
		ok(!strncmp(af.name, ".a.txt.", 7) && strlen(af.name) == 19 &&
			   strstr(listing(dir), af.name),
		   "fallback: a random name beside it (%s)", af.name);
	is_str(content(a), "two\n", "%s: the target unchanged meanwhile", how);
	is_int(atomic_file__close(&af, 0, err, sizeof(err)), 0, "%s: committed",
	       how);
	is_str(content(a), "four\n", "%s: ... the new content", how);
	is_str(listing(dir), "a.txt", "%s: ... and nothing else", how);

	/* the target a symlink: written through, as cp and `>` do; the
	 * link stays a link, the file it names is replaced */
	path(a, "target");
	fd = open(a, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0 && write(fd, "target\n", 7) != 7)
		diag("write failed");
	close(fd);
	path(a, "link");
	if (symlink("target", a))
		diag("symlink failed");
	is_int(put(a, "five\n", 0, err), 0, "%s: over a symlink", how);
	path(a, "target");
	is_str(content(a), "five\n", "%s: ... the file it names replaced", how);
	path(a, "link");
	ok(S_ISLNK(lmode(a)), "%s: ... the link still a link", how);
	is_str(listing(dir), "a.txt,link,target", "%s: ... nothing else", how);
	/* a chain of links, relative to each link's directory */
	path(a, "sub");
	mkdir(a, 0755);
	path(a, "sub/l2");
	if (symlink("../link", a))
		diag("symlink failed");
	is_int(put(a, "six\n", 0, err), 0, "%s: through two links", how);
	path(a, "target");
	is_str(content(a), "six\n", "%s: ... to the file at the end", how);
	/* a link to nothing yet: the file it names is created */
	path(a, "dangling");
	if (symlink("new", a))
		diag("symlink failed");
	is_int(put(a, "seven\n", 0, err), 0, "%s: a dangling link", how);
	path(a, "new");
	is_str(content(a), "seven\n", "%s: ... creates what it names", how);
	/* a writer's error through a link: the file as it was */
	path(a, "link");
	is_int(put(a, "eight\n", -EIO, err), -EIO, "%s: an error via a link",
	       how);
	path(a, "target");
	is_str(content(a), "six\n", "%s: ... leaves the file as it was", how);
	ok(strstr(err, "link (a link to ") != NULL, "%s: ... says so: %s", how,
	   err);
	clean();
}

/* the links' limits, and a link to what cannot be replaced */
static void links(void)
{
	char a[PATH_MAX], b[PATH_MAX], err[512];

	path(a, "l1");
	path(b, "l2");
	if (symlink("l2", a) || symlink("l1", b))
		diag("symlink failed");
	is_int(put(a, "x", 0, err), -ELOOP, "a loop of links: ELOOP");
	path(a, "null");
	if (symlink("/dev/null", a))
		diag("symlink failed");
	is_int(put(a, "x", 0, err), -EINVAL, "a link to /dev/null: refused");
	ok(strstr(err, "not a regular file") != NULL, "... %s", err);
	ok(access("/dev/null", W_OK) == 0, "... which is still there");
	clean();
}

static void errors(void)
{
	char a[PATH_MAX], err[512];

	path(a, "sub");
	mkdir(a, 0755);
	is_int(put(a, "x", 0, err), -EISDIR, "a directory at the target");
	ok(strstr(err, a) != NULL, "... named: %s", err);
	path(a, "sub/");
	is_int(put(a, "x", 0, err), -EISDIR, "a path ending in /");
	path(a, "nodir/x.data");
	is_int(put(a, "x", 0, err), -ENOENT, "no such directory");
	ok(strstr(err, "nodir/x.data") && !strstr(err, "/."), "... named: %s",
	   err);
	clean();
}

/* a failed write is reported with its errno, not EIO: a file size limit
 * (EFBIG) in a child, as a full disk (ENOSPC) would be */
static void write_errno(void)
{
	char a[PATH_MAX];
	int st = 0;
	pid_t pid;

	path(a, "big.data");
	fflush(stdout);
	pid = fork();
	if (!pid) {
		struct rlimit rl = {.rlim_cur = 4096, .rlim_max = 4096};
		static char buf[1 << 16];
		struct atomic_file af;
		char err[512];
		int ret;

		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) ||
		    atomic_file__open(&af, a, err, sizeof(err)))
			_exit(10);
		fwrite(buf, 1, sizeof(buf), af.f);
		/* what the writers return when ferror() */
		ret = atomic_file__close(&af, ferror(af.f) ? -EIO : 0, err,
					 sizeof(err));
		_exit(ret == -EFBIG && strstr(err, strerror(EFBIG)) ? 0 : 11);
	}
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	   "a write past RLIMIT_FSIZE: -EFBIG, 'File too large' (got %d)",
	   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	is_str(listing(dir), "", "... and nothing left");
	clean();
}

/* the pre-run check: what the open does, undone */
static void probe(void)
{
	char a[PATH_MAX], err[512];

	path(a, "p.data");
	is_int(atomic_file__probe(a, err, sizeof(err)), 0, "probe: a new file");
	is_str(listing(dir), "", "... leaves nothing");
	setenv("AUXSIM_TEST_NO_TMPFILE", "1", 1);
	is_int(atomic_file__probe(a, err, sizeof(err)), 0,
	       "probe, fallback: a new file");
	is_str(listing(dir), "", "... leaves nothing");
	unsetenv("AUXSIM_TEST_NO_TMPFILE");
	ok(atomic_file__probe("/proc/x.data", err, sizeof(err)) < 0,
	   "probe: /proc takes no new file (%s)", err);
	path(a, "nodir/x");
	is_int(atomic_file__probe(a, err, sizeof(err)), -ENOENT,
	       "probe: no such directory");
}

/* two files that appear together: both prepared, then both committed;
 * one that fails drops the other */
static void pair(void)
{
	struct atomic_file x, y;
	char a[PATH_MAX], b[PATH_MAX], err[512];

	path(a, "x.data");
	path(b, "x.elf");
	is_int(atomic_file__open(&x, a, err, sizeof(err)) ||
		       atomic_file__open(&y, b, err, sizeof(err)),
	       0, "pair: both open");
	fputs("x\n", x.f);
	fputs("y\n", y.f);
	is_int(atomic_file__prepare(&y, 0, err, sizeof(err)), 0,
	       "pair: one prepared");
	is_int(atomic_file__prepare(&x, -EIO, err, sizeof(err)), -EIO,
	       "pair: the other fails");
	atomic_file__discard(&y);
	is_str(listing(dir), "", "pair: ... and neither is left");
	is_int(atomic_file__open(&x, a, err, sizeof(err)) ||
		       atomic_file__open(&y, b, err, sizeof(err)),
	       0, "pair: again");
	fputs("x\n", x.f);
	fputs("y\n", y.f);
	is_int(atomic_file__prepare(&y, 0, err, sizeof(err)) ||
		       atomic_file__prepare(&x, 0, err, sizeof(err)) ||
		       atomic_file__commit(&y, err, sizeof(err)) ||
		       atomic_file__commit(&x, err, sizeof(err)),
	       0, "pair: both prepared and committed");
	is_str(listing(dir), "x.data,x.elf", "pair: ... both there");
	clean();
}

/* a signal while a file is written drops it; one before it opened does
 * not (the run it ended is written) */
static void signalled(void)
{
	struct atomic_file af;
	char a[PATH_MAX], err[512];

	path(a, "s.txt");
	interrupt__install();
	is_int(atomic_file__open(&af, a, err, sizeof(err)), 0, "signal: open");
	fputs("x\n", af.f);
	interrupt_signo = SIGINT;
	is_int(atomic_file__close(&af, 0, err, sizeof(err)), -EINTR,
	       "signal while written: -EINTR");
	ok(strstr(err, "interrupted by a signal; not written") != NULL,
	   "... %s", err);
	is_str(listing(dir), "", "... nothing left");
	is_int(put(a, "y\n", 0, err), 0, "signal before the open: written");
	interrupt_signo = 0;
	is_str(listing(dir), "s.txt", "... there");
	clean();
}

/* the fallback's file and a second SIGTERM: unlinked on the way out */
static void second_signal(void)
{
	char a[PATH_MAX];
	int st = 0;
	pid_t pid;

	path(a, "s.data");
	fflush(stdout);
	pid = fork();
	if (!pid) {
		struct atomic_file af;
		char err[512];

		interrupt__install();
		if (atomic_file__open(&af, a, err, sizeof(err)))
			_exit(3);
		fputs("partial", af.f);
		fflush(af.f);
		raise(SIGTERM); /* the first: a flag */
		if (interrupt__signo() != SIGTERM)
			_exit(4);
		raise(SIGTERM); /* the second: unlink, die */
		_exit(5);
	}
	waitpid(pid, &st, 0);
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
	   "fallback: a second SIGTERM ends the process by SIGTERM");
	is_str(listing(dir), "", "... and unlinks its temporary file");
	clean();
}

/* perf.data's writer: a signal between chunks drops the file */
static void data_interrupted(void)
{
	static struct auxsim_scenario scn;
	struct sim_config cfg = {.duration_ns = 300000000};
	struct sim_result res;
	struct scn_error serr;
	const char *t = getenv("TOP");
	char p[PATH_MAX], err[512];
	int ret;

	snprintf(p, sizeof(p), "%s/scenarios/s000-dd-migrate.scn",
		 t && *t ? t : ".");
	if (scenario__load(p, &scn, &serr) ||
	    sim__run(&scn, &cfg, &res, err, sizeof(err))) {
		ok(0, "s000-dd-migrate runs");
		return;
	}
	path(p, "m.data");
	/* a signal before the write (perf record's Ctrl-C, which ended the
	 * run): the file is written; one during it (t1260, a real signal
	 * mid-write): dropped */
	interrupt_signo = SIGINT;
	ret = perf_data__write(p, &res, NULL, err, sizeof(err));
	interrupt_signo = 0;
	is_int(ret, 0, "perf.data: a SIGINT that ended the run: written");
	is_str(listing(dir), "m.data,m.data.auxsim.elf",
	       "... the file and its ELF, nothing else");
	sim_result__free(&res);
	clean();
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/t1250.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return done_testing();
	}
	unsetenv("AUXSIM_TEST_NO_TMPFILE");
	basics("O_TMPFILE");
	errors();
	links();
	write_errno();
	probe();
	pair();
	setenv("AUXSIM_TEST_NO_TMPFILE", "1", 1);
	basics("fallback");
	second_signal();
	unsetenv("AUXSIM_TEST_NO_TMPFILE");
	signalled();
	data_interrupted();
	rmdir(dir);
	return done_testing();
}
