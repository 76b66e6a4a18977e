/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wrap.h - the prose of auxsim's text outputs in 80 columns.
 *
 * A line of prose is broken at spaces into lines of at most WRAP_WIDTH
 * columns (a column is a UTF-8 character); the lines after the first
 * start with @hang spaces (WRAP_HANG: the first line's own indentation
 * and 4 more, so that a continuation never reads as a line of its own).
 * A word longer than the room left is never cut: it overflows.
 * WRAP_NBSP is a space no line breaks at (between the words of one item
 * of a list: "P3@cpu1 part 9%"); it is printed as a space.
 *
 * Tables (timelines, record lists) and what auxsim quotes verbatim (the
 * kernel log, perf's messages, a command to paste) are not prose: they
 * are printed as they are.
 */
#ifndef AUXSIM_WRAP_H
#define AUXSIM_WRAP_H

#include <stdio.h>

#define WRAP_WIDTH 80
#define WRAP_NBSP '\001'
#define WRAP_NBSP_S "\001"
#define WRAP_HANG (-1) /* the first line's indentation + 4 */

/* @text (its '\n's end lines, each wrapped on its own) to @f */
void wrap__text(FILE *f, const char *text, int hang);
/* the same, of a printf() format */
void wrap__printf(FILE *f, int hang, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/*
 * A command line shown as a shell would take it: @prompt ("# ", "$ ")
 * then @cmd, broken at spaces (outside quotes) with " \" at the end of
 * each line but the last, the lines after the first indented by @hang.
 */
void wrap__command(FILE *f, const char *prompt, const char *cmd, int hang);

#endif /* AUXSIM_WRAP_H */
