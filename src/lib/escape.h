/* SPDX-License-Identifier: GPL-2.0 */
/*
 * escape.h - text from a file, made safe to print on a terminal: what a
 * user's file says (a counterexample file's note) is echoed as it is when
 * it is printable UTF-8, and otherwise with every byte that a terminal
 * would act on or that is not text spelled out, so that a file cannot
 * move the cursor, change colours or send a terminal a command, and a
 * person can see what is there.
 *
 *  - printable ASCII and well-formed UTF-8 of a printable code point:
 *    as they are;
 *  - '\\' as "\\\\", tab as "\\t", other C0 controls and DEL as "\\xNN";
 *  - the C1 controls U+0080..U+009F (which terminals take as ESC
 *    sequences) as the "\\xNN" of their two bytes;
 *  - bytes that are not well-formed UTF-8 (a stray continuation byte, a
 *    truncated, overlong or surrogate sequence, beyond U+10FFFF) as
 *    "\\xNN", one byte at a time.
 */
#ifndef AUXSIM_ESCAPE_H
#define AUXSIM_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* @s (NUL-terminated) into @buf of @len bytes (always terminated, cut at
 * a whole escape): the length of the whole escaped text, as snprintf() */
size_t escape__text(char *buf, size_t len, const char *s);
/* @s escaped, to @f */
void escape__print(FILE *f, const char *s);

#endif /* AUXSIM_ESCAPE_H */
