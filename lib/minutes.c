/*
 * minutes.c: meeting minutes parsed with cmark (SPEC §5, LIBRARIES §4.2).
 *
 * Plain cmark has no task lists, so the box of an item is read from the
 * source bytes where cmark says the item's first paragraph starts.  That
 * needs the physical lines as cmark counts them: "\n", "\r\n" and "\r"
 * end a line, and a UTF-8 byte order mark is not part of line 1.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "kam.h"
#include "minutes.h"
#include "repo.h"
#include "schema.h"
#include "store.h"
#include "value.h"

#define SLUG_MAX	60

enum section { SECT_NONE, SECT_DECISIONS, SECT_ACTIONS };

/* Offsets where the physical lines start: start[i] is line i + 1. */
struct lines {
	const char	*buf;
	size_t		 len;
	size_t		*start;
	size_t		 n;
};

static void
lines_index(struct lines *l, const char *buf, size_t len)
{
	size_t i, alloc = 64;

	l->buf = buf;
	l->len = len;
	l->start = xmalloc(alloc * sizeof(*l->start));
	l->n = 0;
	l->start[l->n++] = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ?
	    3 : 0;
	for (i = l->start[0]; i < len; i++) {
		if (buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n')
			i++;
		else if (buf[i] != '\n' && buf[i] != '\r')
			continue;
		if (i + 1 >= len)
			break;
		if (l->n == alloc) {
			alloc *= 2;
			l->start = xrealloc(l->start, alloc * sizeof(*l->start));
		}
		l->start[l->n++] = i + 1;
	}
}

/* The 1-based line holding byte offset off. */
static unsigned long
lines_of(const struct lines *l, size_t off)
{
	size_t lo = 0, hi = l->n, mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (l->start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return (unsigned long)lo + 1;
}

/*
 * The GFM task box of a list item, on the source bytes at the start of
 * its first paragraph: -1 none, 0 "[ ]", 1 "[x]" or "[X]"; each followed
 * by a space or a tab.
 */
static int
box_state(const struct lines *l, cmark_node *item)
{
	cmark_node *para = cmark_node_first_child(item);
	const char *p;
	int line, col;
	size_t off;

	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return -1;
	line = cmark_node_get_start_line(para);
	col = cmark_node_get_start_column(para);
	if (line < 1 || (size_t)line > l->n || col < 1)
		return -1;
	off = l->start[line - 1] + (size_t)col - 1;
	if (off >= l->len || l->len - off < 4)
		return -1;
	p = l->buf + off;
	if (p[0] != '[' || p[2] != ']' || (p[3] != ' ' && p[3] != '\t'))
		return -1;
	return p[1] == ' ' ? 0 : (p[1] == 'x' || p[1] == 'X') ? 1 : -1;
}

/* Append the inline text of n's subtree: TEXT and CODE literals, line
 * breaks as '\n' or ' '.  Raw HTML is markup, not text. */
static void
inline_text(cmark_node *n, struct kam_buf *b, int newlines)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	cmark_node *c;
	const char *lit;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		c = cmark_iter_get_node(it);
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(c)) != NULL)
				kam_buf_puts(b, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			kam_buf_putc(b, newlines ? '\n' : ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

static int
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static int
is_idchar(int c)
{
	return is_alnum(c) || c == '_' || c == '-';
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Collapse runs of white space to one space and trim, in place. */
static void
collapse(struct kam_buf *b)
{
	size_t i, j = 0;
	int sp = 0;

	if (b->ptr == NULL)
		kam_buf_grow(b, 1);
	for (i = 0; i < b->len; i++) {
		if (is_space((unsigned char)b->ptr[i])) {
			sp = j > 0;
			continue;
		}
		if (sp)
			b->ptr[j++] = ' ';
		sp = 0;
		b->ptr[j++] = b->ptr[i];
	}
	b->len = j;
	b->ptr[j] = '\0';
}

/* Which section a heading's (collapsed) text opens: the English names,
 * case-insensitive, or the Chinese ones; an optional trailing ':' or
 * full-width '\xef\xbc\x9a' (U+FF1A). */
static enum section
section_of(const char *s)
{
	static const struct {
		const char	*name;
		enum section	 sect;
	} names[] = {
		{ "decisions", SECT_DECISIONS },
		{ "actions", SECT_ACTIONS },
		{ "\xe5\x86\xb3\xe8\xae\xae", SECT_DECISIONS },	/* 决议 */
		{ "\xe5\x86\xb3\xe5\xae\x9a", SECT_DECISIONS },	/* 决定 */
		{ "\xe8\xa1\x8c\xe5\x8a\xa8\xe9\xa1\xb9", SECT_ACTIONS }, /* 行动项 */
		{ "\xe5\xbe\x85\xe5\x8a\x9e", SECT_ACTIONS },	/* 待办 */
	};
	const char *rest;
	size_t i, n, k;

	for (k = 0; k < ARRAY_SIZE(names); k++) {
		n = strlen(names[k].name);
		for (i = 0; i < n && lower((unsigned char)s[i]) ==
		    (unsigned char)names[k].name[i]; i++)
			;
		if (i != n)
			continue;
		rest = s + n;
		if (*rest == ':')
			rest++;
		else if (strncmp(rest, "\xef\xbc\x9a", 3) == 0)
			rest += 3;
		if (*rest == '\0')
			return names[k].sect;
	}
	return SECT_NONE;
}

/* s[0..10) shaped like YYYY-MM-DD (digits and dashes only). */
static int
date_shaped(const char *s, size_t n)
{
	size_t i;

	if (n < 10)
		return 0;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* The title of a heading: its text without a trailing date and the
 * separator before it; the date into *date when there is one. */
static char *
heading_title(const char *s, int *has_date, int32_t *date)
{
	size_t n = strlen(s), end;
	char d[11];

	*has_date = 0;
	if (n < 10 || !date_shaped(s + n - 10, 10) ||
	    (n > 10 && (is_idchar((unsigned char)s[n - 11]) &&
	    s[n - 11] != '-')))
		return xstrdup(s);
	memcpy(d, s + n - 10, 10);
	d[10] = '\0';
	if (date_parse(d, date, NULL) == -1)
		return xstrdup(s);
	*has_date = 1;
	end = n - 10;
	for (;;) {
		if (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t' ||
		    s[end - 1] == '-' || s[end - 1] == ':' || s[end - 1] == ',' ||
		    s[end - 1] == '|'))
			end--;
		else if (end >= 3 && memcmp(s + end - 3, "\xe2\x80", 2) == 0 &&
		    (s[end - 1] == '\x94' || s[end - 1] == '\x93'))
			end -= 3;		/* em dash, en dash */
		else
			break;
	}
	/* A heading that is only a date is its own title. */
	return end == 0 ? xstrdup(s) : xstrndup(s, end);
}

struct word {
	size_t	off, len;
	int	keep;
};

static _Thread_local const char *word_text;	/* for qsort */

static int
cmp_words(const void *a, const void *b)
{
	const struct word *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(word_text + x->off, word_text + y->off, n);

	if (c == 0)
		c = x->len < y->len ? -1 : x->len > y->len;
	if (c == 0)
		c = x->off < y->off ? -1 : x->off > y->off;
	return c;
}

static int
cmp_offsets(const void *a, const void *b)
{
	const struct word *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/*
 * The kam ids standing as whole words in s (an optional '@' before one
 * does not matter), in order of first appearance, each once, space-
 * separated into out; the one at offset `skip` is left out.  prefix
 * NULL: any of kam's prefixes.  Sorting, not pairwise comparison, finds
 * the repeats, so a paragraph of 100,000 ids stays fast.
 */
static void
find_ids(const char *s, const char *prefix, size_t skip, struct kam_buf *out)
{
	struct word *w = NULL;
	size_t i, j, n = 0;
	char id[32];
	long num;

	kam_buf_puts(out, "");
	for (i = 0; s[i] != '\0'; i++) {
		if ((i > 0 && is_idchar((unsigned char)s[i - 1])) ||
		    s[i] < 'A' || s[i] > 'Z')
			continue;
		for (j = i; is_idchar((unsigned char)s[j]); j++)
			;
		if (j - i < sizeof(id) && i != skip) {
			memcpy(id, s + i, j - i);
			id[j - i] = '\0';
			if (id_parse(id, prefix, &num, NULL) == 0) {
				if ((n & (n - 1)) == 0)
					w = xrealloc(w, (n == 0 ? 1 : 2 * n) *
					    sizeof(*w));
				w[n].off = i;
				w[n].len = j - i;
				w[n++].keep = 1;
			}
		}
		i = j - 1;
	}
	if (n > 1) {
		word_text = s;
		qsort(w, n, sizeof(*w), cmp_words);
		for (i = 1; i < n; i++)
			if (w[i].len == w[i - 1].len && memcmp(s + w[i].off,
			    s + w[i - 1].off, w[i].len) == 0)
				w[i].keep = 0;
		qsort(w, n, sizeof(*w), cmp_offsets);
	}
	for (i = 0; i < n; i++) {
		if (!w[i].keep)
			continue;
		if (out->len > 0)
			kam_buf_putc(out, ' ');
		kam_buf_add(out, s + w[i].off, w[i].len);
	}
	free(w);
}

/* The first "@P-n" of s into owner; returns the offset of "P", or
 * (size_t)-1 when there is none. */
static size_t
find_owner(const char *s, char *owner)
{
	size_t i, j;
	long num;

	owner[0] = '\0';
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] != '@' || (i > 0 && is_idchar((unsigned char)s[i - 1])))
			continue;
		for (j = i + 1; is_idchar((unsigned char)s[j]); j++)
			;
		if (j - i - 1 < 32) {
			memcpy(owner, s + i + 1, j - i - 1);
			owner[j - i - 1] = '\0';
			if (id_parse(owner, "P", &num, NULL) == 0)
				return i + 1;
		}
		owner[0] = '\0';
	}
	return (size_t)-1;
}

/* The first "due:DATE" of s (word start; "due:" case-insensitive, the
 * date directly after it, trailing punctuation allowed).  0 none, 1 found,
 * -1 reported (65). */
static int
find_due(const char *path, unsigned long line, const char *s, int32_t *due)
{
	const char *why, *v;
	size_t i, n;
	char *tok;
	int rc;

	for (i = 0; s[i] != '\0'; i++) {
		if ((i > 0 && is_idchar((unsigned char)s[i - 1])) ||
		    lower((unsigned char)s[i]) != 'd' ||
		    lower((unsigned char)s[i + 1]) != 'u' ||
		    lower((unsigned char)s[i + 2]) != 'e' || s[i + 3] != ':')
			continue;
		v = s + i + 4;
		for (n = 0; v[n] != '\0' && v[n] != ' '; n++)
			;
		while (n > 0 && strchr(".,;:)]!?", v[n - 1]) != NULL)
			n--;
		if (n == 0)
			continue;
		tok = xstrndup(v, n);
		rc = date_parse(tok, due, &why);
		if (rc == -1)
			kam_err(KAM_EX_DATA, "%s:%lu: invalid due date '%s': %s "
			    "(write due:YYYY-MM-DD)", path, line, tok, why);
		free(tok);
		return rc == -1 ? -1 : 1;
	}
	return 0;
}

char *
minutes_plain(const char *s)
{
	struct kam_buf b = KAM_BUF_INIT;
	char owner[32];
	size_t i, j, at = find_owner(s, owner), n;
	int32_t d;

	for (i = 0; s[i] != '\0'; i = j) {
		/* the owner mention: '@' and the id after it */
		if (at != (size_t)-1 && i == at - 1) {
			j = at + strlen(owner);
			continue;
		}
		/* a due:DATE word that is a valid date */
		if ((i == 0 || !is_idchar((unsigned char)s[i - 1])) &&
		    lower((unsigned char)s[i]) == 'd' &&
		    lower((unsigned char)s[i + 1]) == 'u' &&
		    lower((unsigned char)s[i + 2]) == 'e' && s[i + 3] == ':') {
			for (n = 0; s[i + 4 + n] != '\0' && s[i + 4 + n] != ' ';
			    n++)
				;
			if (n >= 10) {
				char tok[11];

				memcpy(tok, s + i + 4, 10);
				tok[10] = '\0';
				if (date_parse(tok, &d, NULL) == 0 &&
				    (n == 10 || strchr(".,;:)]!?",
				    s[i + 14]) != NULL)) {
					j = i + 14;
					continue;
				}
			}
		}
		kam_buf_putc(&b, s[i]);
		j = i + 1;
	}
	/* white space collapsed and trimmed */
	for (i = j = 0; b.ptr != NULL && b.ptr[i] != '\0'; i++)
		if (b.ptr[i] != ' ' || (j > 0 && b.ptr[j - 1] != ' '))
			b.ptr[j++] = b.ptr[i];
	while (j > 0 && b.ptr[j - 1] == ' ')
		j--;
	if (b.ptr == NULL)
		return xstrdup("");
	b.ptr[j] = '\0';
	b.len = j;
	return kam_buf_detach(&b);
}

static void
item_release(struct minutes_item *it)
{
	free(it->text);
	free(it->refs);
	free(it->loc);
}

/* One list item of a section. */
static int
add_item(struct minutes *m, const struct lines *l, cmark_node *item,
    enum section sect)
{
	struct kam_buf b = KAM_BUF_INIT, refs = KAM_BUF_INIT;
	struct minutes_item it, **arr;
	cmark_node *first = cmark_node_first_child(item), *c;
	size_t *cnt, owner_at = (size_t)-1;
	int box = -1, skip3 = 0, ret = -1, rc;

	memset(&it, 0, sizeof(it));
	it.line = (unsigned long)cmark_node_get_start_line(item);
	if (first != NULL && (cmark_node_get_type(first) ==
	    CMARK_NODE_PARAGRAPH || cmark_node_get_type(first) ==
	    CMARK_NODE_HEADING)) {
		box = box_state(l, item);
		c = cmark_node_first_child(first);
		/* "[x]" is a link when "[x]: url" is defined somewhere. */
		if (box >= 0 && c != NULL &&
		    cmark_node_get_type(c) == CMARK_NODE_LINK)
			c = cmark_node_next(c);
		else
			skip3 = box >= 0;
		for (; c != NULL; c = cmark_node_next(c))
			inline_text(c, &b, 0);
		if (skip3 && b.len >= 3 && b.ptr[0] == '[' && b.ptr[2] == ']') {
			memmove(b.ptr, b.ptr + 3, b.len - 2);
			b.len -= 3;
		}
	}
	collapse(&b);
	if (b.len == 0) {
		ret = 0;
		goto out;
	}
	if (sect == SECT_ACTIONS) {
		it.boxed = box >= 0;
		it.done = box == 1;
		owner_at = find_owner(b.ptr, it.owner);
		if ((rc = find_due(m->path, it.line, b.ptr, &it.due)) == -1)
			goto out;
		it.has_due = rc == 1;
	}
	find_ids(b.ptr, NULL, owner_at, &refs);
	it.text = kam_buf_detach(&b);
	it.refs = kam_buf_detach(&refs);
	it.loc = xasprintf("%s:%lu", m->path, it.line);
	if (sect == SECT_ACTIONS) {
		arr = &m->actions;
		cnt = &m->nactions;
	} else {
		arr = &m->decisions;
		cnt = &m->ndecisions;
	}
	if ((*cnt & (*cnt - 1)) == 0)		/* grow at powers of two */
		*arr = xrealloc(*arr, (*cnt == 0 ? 1 : 2 * *cnt) *
		    sizeof(**arr));
	(*arr)[(*cnt)++] = it;
	ret = 0;
out:
	if (ret == -1)
		item_release(&it);
	kam_buf_release(&b);
	kam_buf_release(&refs);
	return ret;
}

/* The "Attendees:" line of a top-level paragraph, if it has one. */
static void
find_attendees(struct minutes *m, cmark_node *para)
{
	struct kam_buf b = KAM_BUF_INIT, ids = KAM_BUF_INIT;
	static const char key[] = "attendees:";
	unsigned long line = (unsigned long)cmark_node_get_start_line(para);
	const char *p, *e;
	size_t i;

	inline_text(para, &b, 1);
	for (p = b.ptr; p != NULL && *p != '\0'; line++) {
		e = strchr(p, '\n');
		while (*p == ' ' || *p == '\t')
			p++;
		for (i = 0; key[i] != '\0' && lower((unsigned char)p[i]) ==
		    key[i]; i++)
			;
		if (key[i] == '\0') {
			char *s = xstrndup(p + i, e != NULL ? (size_t)(e - p - i) :
			    strlen(p + i));

			find_ids(s, "P", (size_t)-1, &ids);
			free(s);
			m->attendees = kam_buf_detach(&ids);
			m->attendees_line = line;
			break;
		}
		p = e != NULL ? e + 1 : NULL;
	}
	kam_buf_release(&b);
	kam_buf_release(&ids);
}

/* The date at the start of the file name, if it is shaped like one. */
static int
date_of_name(struct minutes *m, const char *path)
{
	const char *base = strrchr(path, '/'), *why;
	char d[11];

	base = base != NULL ? base + 1 : path;
	if (!date_shaped(base, strlen(base)) ||
	    (base[10] != '-' && base[10] != '.'))
		return 0;
	memcpy(d, base, 10);
	d[10] = '\0';
	if (date_parse(d, &m->date, &why) == -1)
		return kam_err(KAM_EX_DATA, "%s: invalid date '%s' in the file "
		    "name: %s", path, d, why);
	m->has_date = 1;
	return 0;
}

int
minutes_parse(struct minutes *m, const char *path, const char *buf,
    size_t len)
{
	struct lines l = { NULL, 0, NULL, 0 };
	struct kam_buf b = KAM_BUF_INIT;
	cmark_node *doc = NULL, *n;
	cmark_iter *it = NULL;
	cmark_event_type ev;
	enum section sect = SECT_NONE, k;
	const char *nul;
	size_t bad;
	int level, sect_level = 0, hd, ret = -1;
	int32_t hdate;

	memset(m, 0, sizeof(*m));
	m->path = xstrdup(path);
	if (buf == NULL) {
		buf = "";
		len = 0;
	}
	lines_index(&l, buf, len);
	if ((nul = memchr(buf, '\0', len)) != NULL) {
		kam_err(KAM_EX_DATA, "%s:%lu: NUL byte (0x00) at byte offset %zu",
		    path, lines_of(&l, (size_t)(nul - buf)), (size_t)(nul - buf));
		goto out;
	}
	if (!utf8_valid(buf, len, &bad)) {
		kam_err(KAM_EX_DATA, "%s:%lu: invalid UTF-8 at byte offset %zu",
		    path, lines_of(&l, bad), bad);
		goto out;
	}
	if (date_of_name(m, path) == -1)
		goto out;
	doc = cmark_parse_document(buf, len, CMARK_OPT_DEFAULT);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			if (cmark_node_parent(n) != doc)
				break;
			level = cmark_node_get_heading_level(n);
			kam_buf_reset(&b);
			inline_text(n, &b, 0);
			collapse(&b);
			if (sect != SECT_NONE && level <= sect_level)
				sect = SECT_NONE;
			if ((k = section_of(b.ptr)) != SECT_NONE) {
				sect = k;
				sect_level = level;
				m->nsections++;
			} else if (m->title == NULL) {
				m->title = heading_title(b.ptr, &hd, &hdate);
				m->title_line = (unsigned long)
				    cmark_node_get_start_line(n);
				if (hd && !m->has_date) {
					m->has_date = 1;
					m->date = hdate;
				}
			}
			break;
		case CMARK_NODE_PARAGRAPH:
			if (cmark_node_parent(n) == doc && m->attendees == NULL)
				find_attendees(m, n);
			break;
		case CMARK_NODE_ITEM:
			if (sect == SECT_NONE) {
				if (m->nloose++ == 0)
					m->loose_line = (unsigned long)
					    cmark_node_get_start_line(n);
			} else if (add_item(m, &l, n, sect) == -1)
				goto out;
			break;
		default:
			break;
		}
	}
	if (m->title == NULL)
		m->title = xstrdup("");
	if (m->attendees == NULL)
		m->attendees = xstrdup("");
	ret = 0;
out:
	if (it != NULL)
		cmark_iter_free(it);
	if (doc != NULL)
		cmark_node_free(doc);
	kam_buf_release(&b);
	free(l.start);
	if (ret == -1)
		minutes_release(m);
	return ret;
}

void
minutes_release(struct minutes *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->ndecisions; i++)
		item_release(&m->decisions[i]);
	for (i = 0; i < m->nactions; i++)
		item_release(&m->actions[i]);
	free(m->decisions);
	free(m->actions);
	free(m->path);
	free(m->title);
	free(m->attendees);
	memset(m, 0, sizeof(*m));
}

static int
cmp_minutes(const void *a, const void *b)
{
	const struct minutes *x = a, *y = b;

	if (x->has_date != y->has_date)
		return x->has_date ? -1 : 1;
	if (x->has_date && x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(x->path, y->path);
}

int
minutes_load_all(const struct project *p, struct minutes **out, size_t *n)
{
	struct kam_buf b = KAM_BUF_INIT;
	struct minutes *all = NULL;
	struct dirent *de;
	struct stat st;
	char *dir = project_abspath(p, "meetings"), *abs = NULL, *rel = NULL;
	size_t cnt = 0, len;
	DIR *d;
	int rc, ret = -1;

	*out = NULL;
	*n = 0;
	/* RELIABILITY P7/P8: the directory is not followed either. */
	if (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode)) {
		kam_err(KAM_EX_STATE, "refusing to follow symlink 'meetings'");
		goto out;
	}
	if (lstat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		kam_err(KAM_EX_STATE, "'meetings' is not a directory; move it "
		    "away (kam keeps minutes in meetings/*.md)");
		goto out;
	}
	if ((d = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			ret = 0;
		else
			kam_errno(errno, "cannot read 'meetings'");
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 4 ||
		    strcmp(de->d_name + len - 3, ".md") != 0)
			continue;
		/* Symbolic links are refused by kam_read_file(); anything
		 * else that is not a file (a FIFO would block) is not minutes. */
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
			continue;
		free(abs);
		free(rel);
		abs = xasprintf("%s/%s", dir, de->d_name);
		rel = xasprintf("meetings/%s", de->d_name);
		if ((rc = kam_read_file_as(&b, abs, rel)) == 1)
			continue;
		if (rc == -1)
			goto fail;
		if ((cnt & (cnt - 1)) == 0)
			all = xrealloc(all, (cnt == 0 ? 1 : 2 * cnt) *
			    sizeof(*all));
		if (minutes_parse(&all[cnt], rel, b.ptr, b.len) == -1)
			goto fail;
		cnt++;
	}
	if (cnt > 1)
		qsort(all, cnt, sizeof(*all), cmp_minutes);
	*out = all;
	*n = cnt;
	all = NULL;
	cnt = 0;
	ret = 0;
fail:
	closedir(d);
out:
	minutes_free_all(all, cnt);
	kam_buf_release(&b);
	free(abs);
	free(rel);
	free(dir);
	return ret;
}

void
minutes_free_all(struct minutes *all, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		minutes_release(&all[i]);
	free(all);
}

/* ---------------------------------------------------------------- HTML */

static const char box_off[] = "<input type=\"checkbox\" disabled> ";
static const char box_on[] = "<input type=\"checkbox\" disabled checked> ";

/* Replace the "[ ]" or "[x]" at the start of item's first paragraph by a
 * custom inline holding only kam's constant markup. */
static void
show_box(cmark_node *item, int on)
{
	cmark_node *para = cmark_node_first_child(item);
	cmark_node *c = cmark_node_first_child(para), *next, *box;
	const char *lit;
	size_t skip;

	if (c == NULL)
		return;
	box = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
	cmark_node_set_on_enter(box, on ? box_on : box_off);
	if (cmark_node_get_type(c) == CMARK_NODE_LINK) {
		next = cmark_node_next(c);
		cmark_node_insert_before(c, box);
		cmark_node_free(c);
		c = next;
		skip = 0;
	} else if (cmark_node_get_type(c) == CMARK_NODE_TEXT &&
	    (lit = cmark_node_get_literal(c)) != NULL && lit[0] == '[' &&
	    lit[1] != '\0' && lit[2] == ']') {
		cmark_node_insert_before(c, box);
		skip = 3;
	} else {
		cmark_node_free(box);
		return;
	}
	if (c == NULL || cmark_node_get_type(c) != CMARK_NODE_TEXT ||
	    (lit = cmark_node_get_literal(c)) == NULL)
		return;
	while (lit[skip] == ' ' || lit[skip] == '\t')
		skip++;
	if (skip > 0)
		cmark_node_set_literal(c, lit + skip);	/* copies first */
}

char *
minutes_html(const char *buf, size_t len)
{
	struct lines l = { NULL, 0, NULL, 0 };
	cmark_node *doc, *n, **items = NULL;
	cmark_iter *it;
	cmark_event_type ev;
	size_t i, nitems = 0, alloc = 0;
	int *states = NULL, st;
	char *html, *ret;

	if (buf == NULL) {
		buf = "";
		len = 0;
	}
	lines_index(&l, buf, len);
	doc = cmark_parse_document(buf, len, CMARK_OPT_VALIDATE_UTF8);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_ITEM ||
		    (st = box_state(&l, n)) == -1)
			continue;
		if (nitems == alloc) {
			alloc = alloc == 0 ? 16 : alloc * 2;
			items = xrealloc(items, alloc * sizeof(*items));
			states = xrealloc(states, alloc * sizeof(*states));
		}
		items[nitems] = n;
		states[nitems++] = st;
	}
	cmark_iter_free(it);
	/* The tree is changed only after the walk (LIBRARIES §4.2). */
	for (i = 0; i < nitems; i++)
		show_box(items[i], states[i]);
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	ret = xstrdup(html != NULL ? html : "");
	free(html);
	cmark_node_free(doc);
	free(items);
	free(states);
	free(l.start);
	return ret;
}

/* ------------------------------------------------------------ new files */

/* Han, kana and Hangul letters: a slug keeps them as they are, so that
 * two Chinese titles on one day name two files. */
static int
is_cjk(uint32_t c)
{
	return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) ||
	    (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0x20000 && c <= 0x2FA1F);
}

/* One character of a slug at s: its length and whether it is a letter or
 * digit kept (ASCII [A-Za-z0-9] or CJK); invalid UTF-8 is one byte, not
 * kept. */
static size_t
slug_char(const unsigned char *s, uint32_t *cp, int *keep)
{
	size_t n = utf8_decode(s, cp);

	if (n == 0) {
		*cp = *s;
		*keep = 0;
		return 1;
	}
	*keep = *cp < 0x80 ? is_alnum((int)*cp) : is_cjk(*cp);
	return n;
}

char *
minutes_new_path(int32_t date, const char *title)
{
	struct kam_buf b = KAM_BUF_INIT;
	const unsigned char *p;
	size_t start, n, chars = 0;
	uint32_t c;
	char d[11];
	int dash = 0, keep;

	kam_buf_printf(&b, "meetings/%s-", date_fmt(date, d));
	start = b.len;
	for (p = (const unsigned char *)title; *p != '\0'; p += n) {
		n = slug_char(p, &c, &keep);
		if (!keep) {
			dash = 1;	/* other characters: dropped */
			continue;
		}
		if (chars + (dash && b.len > start) >= SLUG_MAX)
			break;
		if (dash && b.len > start) {
			kam_buf_putc(&b, '-');
			chars++;
		}
		dash = 0;
		if (c < 0x80)
			kam_buf_putc(&b, lower((int)c));
		else
			kam_buf_add(&b, p, n);
		chars++;
	}
	if (b.len == start)
		kam_buf_puts(&b, "meeting");
	kam_buf_puts(&b, ".md");
	return kam_buf_detach(&b);
}

int
minutes_path_ok(const char *path)
{
	static const char dir[] = "meetings/";
	const unsigned char *s, *e;
	char d[11];
	int32_t day;
	size_t n = strlen(path), k, chars = 0;
	uint32_t c;
	int keep, dash = 1;

	if (n < sizeof(dir) - 1 + 10 + 1 + 1 + 3 ||
	    strncmp(path, dir, sizeof(dir) - 1) != 0 ||
	    strcmp(path + n - 3, ".md") != 0)
		return 0;
	s = (const unsigned char *)path + sizeof(dir) - 1;
	e = (const unsigned char *)path + n - 3;
	if (!date_shaped((const char *)s, (size_t)(e - s)) || s[10] != '-')
		return 0;
	memcpy(d, s, 10);
	d[10] = '\0';
	if (date_parse(d, &day, NULL) == -1)
		return 0;
	/* Words of [a-z0-9] and CJK letters joined by single dashes, at
	 * most SLUG_MAX characters. */
	for (s += 11; s < e; s += k, chars++) {
		k = slug_char(s, &c, &keep);
		if (c == '-') {
			if (dash)
				return 0;
			dash = 1;
			continue;
		}
		if (!keep || (c >= 'A' && c <= 'Z'))
			return 0;
		dash = 0;
	}
	return chars > 0 && !dash && chars <= SLUG_MAX;
}

/* ---- kam meeting new ---- */

/* A title goes into a heading and a commit subject: one line of text. */
static int
check_title(const char *title)
{
	const unsigned char *p;
	size_t bad;
	int blank = 1;

	if (!utf8_valid(title, strlen(title), &bad))
		return kam_err(KAM_EX_USAGE, "title: invalid UTF-8 at byte %zu",
		    bad);
	for (p = (const unsigned char *)title; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return kam_err(KAM_EX_USAGE, "title: control character "
			    "0x%02x not allowed (the title is one line)", *p);
		if (*p != ' ')
			blank = 0;
	}
	if (blank)
		return kam_err(KAM_EX_USAGE, "title: invalid value '%s': must "
		    "not be empty", title);
	return 0;
}

/*
 * The title as heading text that reads back as the same title: the ASCII
 * punctuation that would start markup is backslash-escaped (CommonMark
 * allows that before any ASCII punctuation); '&' only where it would
 * start an entity, so "R&D" stays as it is written.
 */
static void
put_title(struct kam_buf *b, const char *title)
{
	const char *p, *q;

	for (p = title; *p != '\0'; p++) {
		if (strchr("\\`*_[]<>", *p) != NULL)
			kam_buf_putc(b, '\\');
		else if (*p == '&') {
			for (q = p + 1; (*q >= 'a' && *q <= 'z') ||
			    (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
			    *q == '#'; q++)
				;
			if (q > p + 1 && *q == ';')
				kam_buf_putc(b, '\\');
		}
		kam_buf_putc(b, *p);
	}
}

/* --attendees "P-1,P-2" (commas and/or spaces) into canonical ids,
 * "P-1, P-2" for the file; repeats dropped. */
static int
parse_attendees(const char *arg, struct kam_buf *ids)
{
	char *s = xstrdup(arg), *tok, *save = NULL, canon[32];
	const char *p;
	size_t n;
	long num;
	int ret = -1;

	kam_buf_puts(ids, "");
	for (tok = strtok_r(s, ", \t", &save); tok != NULL;
	    tok = strtok_r(NULL, ", \t", &save)) {
		if (id_parse_arg(tok, "P", canon, &num, NULL) == -1) {
			kam_err(KAM_EX_USAGE, "--attendees: invalid person id '%s' "
			    "(expected e.g. P-3)", tok);
			goto out;
		}
		n = strlen(canon);
		for (p = ids->ptr; (p = strstr(p, canon)) != NULL; p += n)
			if ((p == ids->ptr || p[-1] == ' ') &&
			    (p[n] == ',' || p[n] == '\0'))
				break;
		if (p != NULL)
			continue;
		if (ids->len > 0)
			kam_buf_puts(ids, ", ");
		kam_buf_puts(ids, canon);
	}
	ret = 0;
out:
	free(s);
	return ret;
}

int
minutes_new_prepare(struct minutes_new *mn, int32_t date, const char *title,
    const char *attendees)
{
	mn->date = date;
	mn->title = title;
	if (check_title(title) == -1 ||
	    (attendees != NULL && parse_attendees(attendees, &mn->ids) == -1))
		return -1;
	mn->path = minutes_new_path(date, title);
	if (!minutes_path_ok(mn->path))
		return kam_err(KAM_EX_INTERNAL, "refusing to create '%s'",
		    mn->path);
	return 0;
}

int
minutes_new_put(struct minutes_new *mn, struct tx *tx, struct project *p)
{
	struct table people = TABLE_INIT;
	struct kam_buf b = KAM_BUF_INIT;
	struct stat st;
	char *abs = NULL, *s, *tok, *save = NULL, day[11];
	int rc, ret = -1;

	if (mn->ids.len > 0) {
		if (store_load(p, tx, &schema_people, &people) == -1)
			goto out;
		s = xstrdup(mn->ids.ptr);
		for (tok = strtok_r(s, ", ", &save); tok != NULL;
		    tok = strtok_r(NULL, ", ", &save))
			if (store_lookup(&people, tok) == NULL)
				break;
		free(s);
		if (tok != NULL)
			goto out;
	}
	/* Never overwrite minutes: not HEAD's, nor a file not yet committed. */
	if ((rc = tx_read(tx, mn->path, &b)) == -1)
		goto out;
	abs = project_abspath(p, mn->path);
	if (rc == 0 || lstat(abs, &st) == 0) {
		kam_err(KAM_EX_DATA, "%s already exists; give another title or "
		    "--date, or edit it and run 'kam commit'", mn->path);
		goto out;
	}
	kam_buf_reset(&b);
	kam_buf_puts(&b, "# ");
	put_title(&b, mn->title);
	kam_buf_printf(&b, " \xe2\x80\x94 %s\nAttendees:%s%s\n\n"
	    "## Decisions\n\n## Actions\n", date_fmt(mn->date, day),
	    mn->ids.len > 0 ? " " : "", mn->ids.len > 0 ? mn->ids.ptr : "");
	tx_put(tx, mn->path, b.ptr, b.len);
	ret = 0;
out:
	table_release(&people);
	kam_buf_release(&b);
	free(abs);
	return ret;
}

void
minutes_new_release(struct minutes_new *mn)
{
	kam_buf_release(&mn->ids);
	free(mn->path);
	mn->path = NULL;
}
