/* SPDX-License-Identifier: GPL-2.0 */
/*
 * suggest.h - "did you mean": the closest of a list of names to a word
 * that is none of them (git's help.c idea, in our own words).
 *
 * A name is close when it is at most max(1, len / 3) edits away (an
 * insertion, deletion, substitution, or a swap of two neighbours), or when
 * the word, three characters or more, begins exactly one name.
 */
#ifndef AUXSIM_SUGGEST_H
#define AUXSIM_SUGGEST_H

#include <stddef.h>

/* the closest of @names[0 .. @n) to @word, or NULL when none is close */
const char *suggest__closest(const char *word, const char *const *names, int n);
/* edit distance, with a swap of two neighbours as one edit; words longer
 * than 63 characters are compared on their first 63 */
int suggest__distance(const char *a, const char *b);

#endif /* AUXSIM_SUGGEST_H */
