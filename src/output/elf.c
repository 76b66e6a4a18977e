// SPDX-License-Identifier: GPL-2.0
/*
 * perf/elf.c - the traced program as an AArch64 ELF (elf.h).
 *
 * What the ETMv4 atoms of etm4x-trace.c walk: ETM4_SLOTS copies of
 *
 *   0x400080 Pn:     movz x0, #L         d2800000 | L << 5
 *   0x400084 loop:   subs x0, x0, #1     f1000400
 *   0x400088         b.ne loop           54ffffe1
 *   0x40008c         b    Pn             17fffffd
 *
 * (L = ETM4_LOOP_COUNT(): 40, or 36 when the trace carries timestamps)
 * 16 bytes apart, symbol Pn for the copy slice n runs (the text report's
 * P1..Pn): perf's decoded flow names the slice.  One PT_LOAD, a .text, a
 * .symtab.
 * perf reads the opcodes from the file at addr - map start + pgoff.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/etm4x-trace.h"
#include "lib/atomic-file.h"
#include "output/elf.h"

static const uint32_t text[] = {
	0xd2800000, /* movz x0, #L (L << 5 is or-ed in) */
	0xf1000400, /* subs x0, x0, #1 */
	0x54ffffe1, /* b.ne loop */
	0x17fffffd, /* b _start */
};

static void w16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void w32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void w64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* a section header at @p */
static void shdr(uint8_t *p, uint32_t name, uint32_t type, uint64_t flags,
		 uint64_t addr, uint64_t off, uint64_t size, uint32_t link,
		 uint32_t info, uint64_t align, uint64_t entsize)
{
	w32(p, name);
	w32(p + 4, type);
	w64(p + 8, flags);
	w64(p + 16, addr);
	w64(p + 24, off);
	w64(p + 32, size);
	w32(p + 40, link);
	w32(p + 44, info);
	w64(p + 48, align);
	w64(p + 56, entsize);
}

/* a symbol at @p */
static void sym(uint8_t *p, uint32_t name, uint8_t info, uint16_t shndx,
		uint64_t value, uint64_t size)
{
	w32(p, name);
	p[4] = info;
	p[5] = 0;
	w16(p + 6, shndx);
	w64(p + 8, value);
	w64(p + 16, size);
}

int workload_elf__path(const char *data, char *buf, size_t len)
{
	char real[PATH_MAX];
	int ret = atomic_file__resolve(data, real, sizeof(real));
	int n;

	if (ret)
		return ret;
	n = snprintf(buf, len, "%s%s", real, WORKLOAD_ELF_SUFFIX);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

static const char shstrtab[] = "\0.text\0.symtab\0.strtab\0.shstrtab";
enum {
	TEXT_OFF = 0x80,
	TEXT_SIZE = 16 * ETM4_SLOTS,
	SYMTAB_OFF = TEXT_OFF + TEXT_SIZE,
	NSYMS = 1 + ETM4_SLOTS,
	STRTAB_OFF = SYMTAB_OFF + NSYMS * 24,
	STRTAB_MAX = 1 + ETM4_SLOTS * 6,
	SHSTRTAB_OFF = STRTAB_OFF + STRTAB_MAX,
	SHDR_OFF = (SHSTRTAB_OFF + sizeof(shstrtab) + 7) / 8 * 8,
	ELF_SIZE = SHDR_OFF + 5 * 64,
};

size_t workload_elf__size(void)
{
	return ELF_SIZE;
}

int workload_elf__emit(FILE *out, int loop_count)
{
	size_t shstrtab_off = SHSTRTAB_OFF, shdr_off = SHDR_OFF,
	       size = ELF_SIZE;
	uint32_t strtab_len = 1;
	uint8_t *f;
	int ret = 0;

	f = calloc(1, size);
	if (!f)
		return -ENOMEM;
	/* ELF header */
	memcpy(f, "\x7f" "ELF", 4);
	f[4] = 2; /* ELFCLASS64 */
	f[5] = 1; /* ELFDATA2LSB */
	f[6] = 1; /* EV_CURRENT */
	w16(f + 16, 2); /* ET_EXEC */
	w16(f + 18, 183); /* EM_AARCH64 */
	w32(f + 20, 1);
	w64(f + 24, ETM4_PROG_ENTRY);
	w64(f + 32, 64); /* e_phoff */
	w64(f + 40, shdr_off);
	w16(f + 52, 64); /* e_ehsize */
	w16(f + 54, 56); /* e_phentsize */
	w16(f + 56, 1);
	w16(f + 58, 64); /* e_shentsize */
	w16(f + 60, 5);
	w16(f + 62, 4); /* e_shstrndx */
	/* PT_LOAD, R|X, the first two pages */
	w32(f + 64, 1);
	w32(f + 68, 5);
	w64(f + 72, 0);
	w64(f + 80, ETM4_PROG_BASE);
	w64(f + 88, ETM4_PROG_BASE);
	w64(f + 96, TEXT_OFF + TEXT_SIZE);
	w64(f + 104, TEXT_OFF + TEXT_SIZE);
	w64(f + 112, 0x1000);
	/* one copy of the loop a slot, symbol Pn for slice n */
	for (int slot = 0; slot < ETM4_SLOTS; slot++) {
		char name[16];
		int n = snprintf(name, sizeof(name), "P%d", slot + 1);

		for (size_t i = 0; i < sizeof(text) / 4; i++)
			w32(f + TEXT_OFF + 16 * slot + 4 * i,
			    text[i] | (i ? 0 : (uint32_t)loop_count << 5));
		/* STB_GLOBAL | STT_FUNC, in .text */
		sym(f + SYMTAB_OFF + 24 * (1 + slot), strtab_len, 0x12, 1,
		    ETM4_PROG_ENTRY + 16ull * slot, 16);
		memcpy(f + STRTAB_OFF + strtab_len, name, (size_t)n + 1);
		strtab_len += (uint32_t)n + 1;
	}
	memcpy(f + shstrtab_off, shstrtab, sizeof(shstrtab));
	/* sections: null, .text, .symtab, .strtab, .shstrtab */
	shdr(f + shdr_off + 64, 1, 1, 6, ETM4_PROG_ENTRY, TEXT_OFF, TEXT_SIZE,
	     0, 0, 4, 0);
	shdr(f + shdr_off + 128, 7, 2, 0, 0, SYMTAB_OFF, NSYMS * 24, 3, 1, 8,
	     24);
	shdr(f + shdr_off + 192, 15, 3, 0, 0, STRTAB_OFF, strtab_len, 0, 0, 1,
	     0);
	shdr(f + shdr_off + 256, 23, 3, 0, 0, shstrtab_off, sizeof(shstrtab),
	     0, 0, 1, 0);

	if (fwrite(f, 1, size, out) != size)
		ret = -EIO;
	free(f);
	return ret;
}
