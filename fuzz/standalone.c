// SPDX-License-Identifier: GPL-2.0
/*
 * standalone.c - a main() for the fuzz targets without libFuzzer: each
 * file named on the command line (a directory: each regular file in it,
 * in name order) is read whole and given to LLVMFuzzerTestOneInput()
 * once, as `TARGET -runs=0 DIR` would.  Built with the ordinary compiler
 * (gcc or clang, and under ASan+UBSan in make check's sanitizer pass), so
 * that the TAP suite replays every committed corpus with each target's
 * invariants (tests/t1050-fuzz-corpora.sh): a harness whose invariant is
 * wrong, or a seed that trips one, fails the suite and not only make
 * fuzz.
 *
 * Prints "FILE" before each input on stderr when AUXSIM_FUZZ_VERBOSE is
 * set; the last line of a failure (the target's abort()) names the input.
 * Exit 0 with "N inputs" on stdout; 1 when a file cannot be read.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int nr_inputs;

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL, *grown;
	size_t len = 0, cap = 0, n;

	if (!f) {
		perror(path);
		return 1;
	}
	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 4096;
			grown = realloc(buf, cap);
			if (!grown) {
				fprintf(stderr, "%s: out of memory\n", path);
				free(buf);
				fclose(f);
				return 1;
			}
			buf = grown;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n);
	if (ferror(f)) {
		perror(path);
		free(buf);
		fclose(f);
		return 1;
	}
	fclose(f);
	if (getenv("AUXSIM_FUZZ_VERBOSE"))
		fprintf(stderr, "%s\n", path);
	/* an exact-size copy: ASan sees a read past the input's end */
	grown = malloc(len ? len : 1);
	if (!grown) {
		free(buf);
		return 1;
	}
	memcpy(grown, buf, len);
	free(buf);
	LLVMFuzzerTestOneInput(grown, len);
	free(grown);
	nr_inputs++;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL, **grown, path[4096];
	size_t nr = 0, cap = 0;
	int ret = 0;

	if (!d) {
		perror(dir);
		return 1;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (nr == cap) {
			cap = cap ? 2 * cap : 64;
			grown = realloc(names, cap * sizeof(*names));
			if (!grown) {
				ret = 1;
				break;
			}
			names = grown;
		}
		names[nr] = strdup(de->d_name);
		if (!names[nr]) {
			ret = 1;
			break;
		}
		nr++;
	}
	closedir(d);
	if (nr)
		qsort(names, nr, sizeof(*names), by_name);
	for (size_t i = 0; i < nr; i++) {
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (!ret && !stat(path, &st) && S_ISREG(st.st_mode))
			ret = run_file(path);
		free(names[i]);
	}
	free(names);
	return ret;
}

int main(int argc, char **argv)
{
	int ret = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc && !ret; i++) {
		struct stat st;

		if (!stat(argv[i], &st) && S_ISDIR(st.st_mode))
			ret = run_dir(argv[i]);
		else
			ret = run_file(argv[i]);
	}
	if (!ret)
		printf("%d inputs\n", nr_inputs);
	return ret;
}
