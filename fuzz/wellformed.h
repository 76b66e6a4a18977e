/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wellformed.h - is a writer's output what it claims to be?  For the fuzz
 * targets: JSON as RFC 8259 defines it (report__json(), trace_json__write())
 * and well-formed XML of the subset the SVG writer uses (svg__write()): a
 * declaration, elements with quoted attributes, text, the five predefined
 * entities and character references; no comments, CDATA or DOCTYPE.
 *
 * Each returns NULL, or why the text is not (with the offset in *@at).
 * Whole documents only; nothing is allocated.
 */
#ifndef AUXSIM_FUZZ_WELLFORMED_H
#define AUXSIM_FUZZ_WELLFORMED_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#define WF_MAX_DEPTH 64

struct wf {
	const unsigned char *p;
	size_t n, i;
	const char *why;
};

static bool wf_fail(struct wf *w, const char *why)
{
	if (!w->why)
		w->why = why;
	return false;
}

static int wf_peek(const struct wf *w)
{
	return w->i < w->n ? w->p[w->i] : -1;
}

/* one UTF-8 sequence at w->i (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF) */
static bool wf_utf8(struct wf *w)
{
	unsigned c = w->p[w->i], len, cp;

	if (c < 0x80) {
		w->i++;
		return true;
	}
	len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
	if (!len || c > 0xf4 || w->i + len > w->n)
		return wf_fail(w, "invalid UTF-8");
	cp = c & (0xff >> (len + 1));
	for (unsigned k = 1; k < len; k++) {
		unsigned d = w->p[w->i + k];

		if ((d & 0xc0) != 0x80)
			return wf_fail(w, "invalid UTF-8");
		cp = cp << 6 | (d & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return wf_fail(w, "invalid UTF-8");
	w->i += len;
	return true;
}

static void wf_json_ws(struct wf *w)
{
	while (wf_peek(w) == ' ' || wf_peek(w) == '\t' || wf_peek(w) == '\n' ||
	       wf_peek(w) == '\r')
		w->i++;
}

static bool wf_json_lit(struct wf *w, const char *lit)
{
	size_t l = strlen(lit);

	if (w->n - w->i < l || memcmp(w->p + w->i, lit, l))
		return wf_fail(w, "not a JSON value");
	w->i += l;
	return true;
}

static bool wf_digits(struct wf *w)
{
	size_t start = w->i;

	while (wf_peek(w) >= '0' && wf_peek(w) <= '9')
		w->i++;
	return w->i > start;
}

static bool wf_json_number(struct wf *w)
{
	if (wf_peek(w) == '-')
		w->i++;
	if (wf_peek(w) == '0')
		w->i++;
	else if (!wf_digits(w))
		return wf_fail(w, "a JSON number without digits");
	if (wf_peek(w) == '.') {
		w->i++;
		if (!wf_digits(w))
			return wf_fail(w, "a JSON number ending in '.'");
	}
	if (wf_peek(w) == 'e' || wf_peek(w) == 'E') {
		w->i++;
		if (wf_peek(w) == '+' || wf_peek(w) == '-')
			w->i++;
		if (!wf_digits(w))
			return wf_fail(w, "a JSON exponent without digits");
	}
	return true;
}

static bool wf_json_string(struct wf *w)
{
	w->i++; /* the opening quote */
	for (;;) {
		int c = wf_peek(w);

		if (c < 0)
			return wf_fail(w, "an unterminated JSON string");
		if (c == '"') {
			w->i++;
			return true;
		}
		if (c < 0x20)
			return wf_fail(w,
				       "a control character in a JSON string");
		if (c != '\\') {
			if (!wf_utf8(w))
				return false;
			continue;
		}
		w->i++;
		c = wf_peek(w);
		if (c < 0 || !strchr("\"\\/bfnrtu", c))
			return wf_fail(w, "a bad escape in a JSON string");
		w->i++;
		if (c != 'u')
			continue;
		for (int k = 0; k < 4; k++, w->i++)
			if (w->i >= w->n ||
			    !strchr("0123456789abcdefABCDEF", w->p[w->i]) ||
			    !w->p[w->i])
				return wf_fail(w, "a bad \\u escape");
	}
}

static bool wf_json_value(struct wf *w, int depth)
{
	int c;

	if (depth > WF_MAX_DEPTH)
		return wf_fail(w, "JSON nested too deep");
	wf_json_ws(w);
	c = wf_peek(w);
	if (c == '"')
		return wf_json_string(w);
	if (c == '-' || (c >= '0' && c <= '9'))
		return wf_json_number(w);
	if (c == 't')
		return wf_json_lit(w, "true");
	if (c == 'f')
		return wf_json_lit(w, "false");
	if (c == 'n')
		return wf_json_lit(w, "null");
	if (c != '{' && c != '[')
		return wf_fail(w, "not a JSON value");
	w->i++;
	wf_json_ws(w);
	if (wf_peek(w) == (c == '{' ? '}' : ']')) {
		w->i++;
		return true;
	}
	for (;;) {
		if (c == '{') {
			wf_json_ws(w);
			if (wf_peek(w) != '"')
				return wf_fail(w, "a JSON key is not a string");
			if (!wf_json_string(w))
				return false;
			wf_json_ws(w);
			if (wf_peek(w) != ':')
				return wf_fail(w, "no ':' after a JSON key");
			w->i++;
		}
		if (!wf_json_value(w, depth + 1))
			return false;
		wf_json_ws(w);
		if (wf_peek(w) == ',') {
			w->i++;
			continue;
		}
		if (wf_peek(w) != (c == '{' ? '}' : ']'))
			return wf_fail(w, "no ',' or end after a JSON member");
		w->i++;
		return true;
	}
}

static const char *wf_json(const char *text, size_t n, size_t *at)
{
	struct wf w = {(const unsigned char *)text, n, 0, NULL};

	if (wf_json_value(&w, 0)) {
		wf_json_ws(&w);
		if (w.i != n)
			wf_fail(&w, "more after the JSON document");
	}
	*at = w.i;
	return w.why;
}

static bool wf_name_char(int c, bool first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == ':' ||
	       (!first && ((c >= '0' && c <= '9') || c == '-' || c == '.'));
}

/* an XML name at w->i into [*s, *s + *len) */
static bool wf_xml_name(struct wf *w, size_t *s, size_t *len)
{
	*s = w->i;
	if (!wf_name_char(wf_peek(w), true))
		return wf_fail(w, "not an XML name");
	while (wf_name_char(wf_peek(w), false))
		w->i++;
	*len = w->i - *s;
	return true;
}

/* text or an attribute value up to @end: no '<', entities well formed */
static bool wf_xml_chars(struct wf *w, int end)
{
	static const char *const ents[] = {"amp;", "lt;", "gt;", "quot;",
					   "apos;"};

	while (wf_peek(w) >= 0 && wf_peek(w) != end) {
		int c = wf_peek(w);

		if (c == '<')
			return wf_fail(w, "a raw '<' in XML text or attribute");
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			return wf_fail(w, "a control character in XML");
		if (c != '&') {
			if (!wf_utf8(w))
				return false;
			continue;
		}
		w->i++;
		if (wf_peek(w) == '#') {
			size_t d0;

			w->i++;
			if (wf_peek(w) == 'x')
				w->i++;
			d0 = w->i;
			while (wf_peek(w) >= 0 &&
			       strchr("0123456789abcdefABCDEF", wf_peek(w)) &&
			       wf_peek(w))
				w->i++;
			if (w->i == d0 || wf_peek(w) != ';')
				return wf_fail(w,
					       "a bad XML character reference");
			w->i++;
			continue;
		}
		for (size_t k = 0;; k++) {
			size_t l;

			if (k == sizeof(ents) / sizeof(ents[0]))
				return wf_fail(
					w, "a raw '&' or unknown XML entity");
			l = strlen(ents[k]);
			if (w->n - w->i >= l &&
			    !memcmp(w->p + w->i, ents[k], l)) {
				w->i += l;
				break;
			}
		}
	}
	return true;
}

static void wf_xml_ws(struct wf *w)
{
	while (wf_peek(w) == ' ' || wf_peek(w) == '\t' || wf_peek(w) == '\n' ||
	       wf_peek(w) == '\r')
		w->i++;
}

static const char *wf_xml(const char *text, size_t n, size_t *at)
{
	static const char decl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
	struct wf w = {(const unsigned char *)text, n, 0, NULL};
	size_t open_at[WF_MAX_DEPTH], open_len[WF_MAX_DEPTH];
	int depth = 0;
	bool root_done = false;

	if (n < sizeof(decl) - 1 || memcmp(text, decl, sizeof(decl) - 1)) {
		*at = 0;
		return "no XML declaration";
	}
	w.i = sizeof(decl) - 1;
	while (!w.why && w.i < n) {
		size_t s, len;

		if (wf_peek(&w) != '<') {
			if (!depth) {
				wf_xml_ws(&w);
				if (w.i < n && wf_peek(&w) != '<')
					wf_fail(&w, "text outside the root");
				continue;
			}
			wf_xml_chars(&w, '<');
			continue;
		}
		w.i++;
		if (wf_peek(&w) == '/') {
			w.i++;
			if (!wf_xml_name(&w, &s, &len))
				break;
			if (!depth || len != open_len[depth - 1] ||
			    memcmp(text + s, text + open_at[depth - 1], len)) {
				wf_fail(&w,
					"an XML end tag that does not match");
				break;
			}
			depth--;
			wf_xml_ws(&w);
			if (wf_peek(&w) != '>') {
				wf_fail(&w, "no '>' after an XML end tag");
				break;
			}
			w.i++;
			root_done = !depth;
			continue;
		}
		if (root_done) {
			wf_fail(&w, "a second XML root element");
			break;
		}
		if (!wf_xml_name(&w, &s, &len))
			break;
		for (;;) {
			size_t as, al;
			int q;

			wf_xml_ws(&w);
			if (wf_peek(&w) == '>' || wf_peek(&w) == '/')
				break;
			if (!wf_xml_name(&w, &as, &al))
				break;
			wf_xml_ws(&w);
			if (wf_peek(&w) != '=') {
				wf_fail(&w, "an XML attribute without '='");
				break;
			}
			w.i++;
			wf_xml_ws(&w);
			q = wf_peek(&w);
			if (q != '"' && q != '\'') {
				wf_fail(&w, "an unquoted XML attribute value");
				break;
			}
			w.i++;
			if (!wf_xml_chars(&w, q))
				break;
			if (wf_peek(&w) != q) {
				wf_fail(&w,
					"an unterminated XML attribute value");
				break;
			}
			w.i++;
		}
		if (w.why)
			break;
		if (wf_peek(&w) == '/') {
			w.i++;
			if (wf_peek(&w) != '>') {
				wf_fail(&w, "no '>' after '/' in an XML tag");
				break;
			}
			w.i++;
			root_done = !depth;
			continue;
		}
		if (wf_peek(&w) != '>') {
			wf_fail(&w, "an unterminated XML tag");
			break;
		}
		w.i++;
		if (depth == WF_MAX_DEPTH) {
			wf_fail(&w, "XML nested too deep");
			break;
		}
		open_at[depth] = s;
		open_len[depth] = len;
		depth++;
	}
	if (!w.why && (depth || !root_done))
		wf_fail(&w, "the XML document ends inside an element");
	*at = w.i;
	return w.why;
}

#endif /* AUXSIM_FUZZ_WELLFORMED_H */
