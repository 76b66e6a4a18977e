// SPDX-License-Identifier: GPL-2.0
/*
 * suggest.c - "did you mean" (suggest.h).
 */
#include <string.h>

#include "lib/suggest.h"

#define SUGGEST_MAX 63

/* optimal string alignment distance over the first 63 bytes of each */
int suggest__distance(const char *a, const char *b)
{
	int d[SUGGEST_MAX + 1][SUGGEST_MAX + 1];
	int la = (int)strnlen(a, SUGGEST_MAX),
	    lb = (int)strnlen(b, SUGGEST_MAX);

	for (int i = 0; i <= la; i++)
		d[i][0] = i;
	for (int j = 0; j <= lb; j++)
		d[0][j] = j;
	for (int i = 1; i <= la; i++) {
		for (int j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = d[i - 1][j] + 1;

			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

/* the length of @s without its leading dashes */
static size_t bare_len(const char *s)
{
	size_t n = strlen(s), dashes = strspn(s, "-");

	return n - dashes;
}

const char *suggest__closest(const char *word, const char *const *names, int n)
{
	const char *best = NULL, *prefix = NULL;
	size_t len = bare_len(word);
	int best_d = (int)(len / 3 > 1 ? len / 3 : 1) + 1, nprefix = 0;

	if (!len)
		return NULL;
	for (int i = 0; i < n; i++) {
		int d;

		if (!names[i])
			continue;
		d = suggest__distance(word, names[i]);
		if (d < best_d) {
			best_d = d;
			best = names[i];
		}
		if (len >= 3 && !strncmp(names[i], word, strlen(word)) &&
		    (!prefix || strcmp(prefix, names[i]))) {
			prefix = names[i];
			nprefix++;
		}
	}
	if (best && best_d < (int)len)
		return best;
	return nprefix == 1 ? prefix : NULL;
}
