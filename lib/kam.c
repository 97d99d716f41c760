/*
 * kam.c: failure reporting, allocation and byte buffers (see kam.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "kam.h"
#include "value.h"

/* Per thread: kam portfolio reads accounts in threads, each with its
 * own failure kind and its own message capture. */
_Thread_local int kam_exit_code;

static _Thread_local kam_msg_fn msg_hook;
static _Thread_local void *msg_arg;

void
kam_msg_capture(kam_msg_fn fn, void *arg)
{
	msg_hook = fn;
	msg_arg = arg;
}

void
kam_msg_captured(kam_msg_fn *fn, void **arg)
{
	*fn = msg_hook;
	*arg = msg_arg;
}

static void
record(int code)
{
	if (kam_exit_code == 0)
		kam_exit_code = code;
}

static void
vreport(int code, const char *prefix, const char *fmt, va_list ap,
    const char *tail)
{
	struct kam_buf b = KAM_BUF_INIT;
	va_list cp;
	char *esc;
	int n;

	/* One write per message so concurrent kams do not interleave. */
	kam_buf_puts(&b, "kam: ");
	kam_buf_puts(&b, prefix);
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n > 0) {
		kam_buf_grow(&b, (size_t)n + 1);
		vsnprintf(b.ptr + b.len, (size_t)n + 1, fmt, ap);
		b.len += (size_t)n;
	}
	if (tail != NULL) {
		kam_buf_puts(&b, ": ");
		kam_buf_puts(&b, tail);
	}
	if (msg_hook != NULL) {
		/* The message alone: no "kam: " and no newline. */
		msg_hook(msg_arg, code, b.ptr + 5 + strlen(prefix));
		kam_buf_release(&b);
		return;
	}
	/* Messages quote arguments and cells: never let their control
	 * characters or bidi overrides reach the terminal (RELIABILITY S5). */
	esc = kam_escape(b.ptr);
	fprintf(stderr, "%s\n", esc);
	fflush(stderr);
	free(esc);
	kam_buf_release(&b);
}

int
kam_err(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(code, "", fmt, ap, NULL);
	va_end(ap);
	record(code);
	return -1;
}

int
kam_errno(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(err == EACCES || err == EPERM ? KAM_EX_PERM : KAM_EX_IO, "",
	    fmt, ap, strerror(err));
	va_end(ap);
	record(err == EACCES || err == EPERM ? KAM_EX_PERM : KAM_EX_IO);
	return -1;
}

/*
 * A libgit2 failure of a system call (class GIT_ERROR_OS, the message
 * ends in strerror) is an I/O error like any other: 77 for a permission,
 * 74 otherwise; a lock held or a moved branch is 75.
 */
static int
giterr_code(int rc, const git_error *e)
{
	if (rc == GIT_ELOCKED || rc == GIT_EMODIFIED)
		return KAM_EX_RETRY;
	if (e == NULL || e->klass != GIT_ERROR_OS)
		return KAM_EX_INTERNAL;
	if (e->message != NULL && (strstr(e->message, strerror(EACCES)) !=
	    NULL || strstr(e->message, strerror(EPERM)) != NULL))
		return KAM_EX_PERM;
	return KAM_EX_IO;
}

int
kam_giterr(int rc, const char *fmt, ...)
{
	const git_error *e = git_error_last();
	struct kam_buf tail = KAM_BUF_INIT;
	va_list ap;
	int code = giterr_code(rc, e);

	kam_buf_puts(&tail, e != NULL && e->message != NULL ? e->message :
	    "unknown libgit2 error");
	/* libgit2 ends a lock failure with ": " and an empty strerror
	 * (the file exists; errno says nothing more): say what to do. */
	while (tail.len > 0 && (tail.ptr[tail.len - 1] == ' ' ||
	    tail.ptr[tail.len - 1] == ':'))
		tail.ptr[--tail.len] = '\0';
	if (rc == GIT_ELOCKED)
		kam_buf_puts(&tail, ": the lock file exists; another git "
		    "process may be running. If none is, remove it");
	va_start(ap, fmt);
	vreport(code, "", fmt, ap, tail.ptr);
	va_end(ap);
	kam_buf_release(&tail);
	record(code);
	return -1;
}

void
kam_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(0, "warning: ", fmt, ap, NULL);
	va_end(ap);
}

void
kam_err_reset(void)
{
	kam_exit_code = 0;
}

static void
oom(void)
{
	fputs("kam: out of memory\n", stderr);
	exit(EX_OSERR);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom();
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	struct kam_buf b = KAM_BUF_INIT;

	kam_buf_vprintf(&b, fmt, ap);
	return kam_buf_detach(&b);
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

static uint64_t
hash_long(long n)
{
	uint64_t h = (uint64_t)n * 0x9e3779b97f4a7c15ULL;

	return h ^ (h >> 29);
}

/* Rebuild x's slots, n of them (a power of two). */
static void
lidx_rehash(struct kam_lidx *x, size_t n)
{
	size_t i, j;

	free(x->slot);
	x->slot = xcalloc(n, sizeof(size_t));
	x->nslot = n;
	for (i = 0; i < x->n; i++) {
		j = hash_long(x->keys[i]) & (n - 1);
		while (x->slot[j] != 0)
			j = (j + 1) & (n - 1);
		x->slot[j] = i + 1;
	}
}

size_t
kam_lidx_get(struct kam_lidx *x, long key, int *added)
{
	size_t j, mask;

	if (x->nslot == 0)
		lidx_rehash(x, 256);
	mask = x->nslot - 1;
	for (j = hash_long(key) & mask; x->slot[j] != 0; j = (j + 1) & mask)
		if (x->keys[x->slot[j] - 1] == key) {
			*added = 0;
			return x->slot[j] - 1;
		}
	if (x->n == x->alloc) {
		x->alloc = x->alloc ? x->alloc * 2 : 64;
		x->keys = xrealloc(x->keys, x->alloc * sizeof(*x->keys));
	}
	x->keys[x->n] = key;
	x->slot[j] = ++x->n;
	if (x->n * 2 > x->nslot)
		lidx_rehash(x, x->nslot * 2);
	*added = 1;
	return x->n - 1;
}

void
kam_lidx_release(struct kam_lidx *x)
{
	free(x->keys);
	free(x->slot);
	*x = (struct kam_lidx)KAM_LIDX_INIT;
}

void
kam_buf_grow(struct kam_buf *b, size_t extra)
{
	size_t want = b->len + extra + 1;

	if (want <= b->alloc)
		return;
	if (want < b->alloc * 2)
		want = b->alloc * 2;
	if (want < 64)
		want = 64;
	b->ptr = xrealloc(b->ptr, want);
	b->alloc = want;
	b->ptr[b->len] = '\0';
}

void
kam_buf_add(struct kam_buf *b, const void *data, size_t len)
{
	kam_buf_grow(b, len);
	if (len > 0)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void
kam_buf_puts(struct kam_buf *b, const char *s)
{
	kam_buf_add(b, s, strlen(s));
}

void
kam_buf_putc(struct kam_buf *b, int c)
{
	char ch = (char)c;

	kam_buf_add(b, &ch, 1);
}

void
kam_buf_vprintf(struct kam_buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n <= 0)
		return;
	kam_buf_grow(b, (size_t)n);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
kam_buf_printf(struct kam_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kam_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
kam_buf_reset(struct kam_buf *b)
{
	b->len = 0;
	if (b->ptr != NULL)
		b->ptr[0] = '\0';
}

void
kam_buf_release(struct kam_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->alloc = 0;
}

char *
kam_buf_detach(struct kam_buf *b)
{
	char *p;

	kam_buf_grow(b, 0);
	p = b->ptr;
	b->ptr = NULL;
	b->len = b->alloc = 0;
	return p;
}

int
kam_read_file(struct kam_buf *b, const char *path)
{
	return kam_read_file_as(b, path, path);
}

int
kam_read_file_as(struct kam_buf *b, const char *path, const char *shown)
{
	struct stat st;
	ssize_t n;
	int fd, ret = -1;

	kam_buf_reset(b);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		if (errno == ENOENT)
			return 1;
		if (errno == ELOOP)
			return kam_err(KAM_EX_STATE,
			    "refusing to follow symlink '%s'", path);
		return kam_errno(errno, "cannot open '%s'", path);
	}
	if (fstat(fd, &st) == -1) {
		kam_errno(errno, "cannot stat '%s'", path);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		kam_err(KAM_EX_DATA, "'%s' is not a regular file", shown);
		goto out;
	}
	if (st.st_size > KAM_MAX_FILE) {
		kam_err(KAM_EX_DATA, "%s: file too large (%lld bytes; the limit "
		    "is %ld MiB)", shown, (long long)st.st_size,
		    KAM_MAX_FILE >> 20);
		goto out;
	}
	kam_buf_grow(b, (size_t)st.st_size);
	for (;;) {
		kam_buf_grow(b, 65536);
		n = read(fd, b->ptr + b->len, b->alloc - b->len - 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			kam_errno(errno, "cannot read '%s'", path);
			goto out;
		}
		if (n == 0)
			break;
		b->len += (size_t)n;
	}
	b->ptr[b->len] = '\0';
	ret = 0;
out:
	close(fd);
	return ret;
}

int
kam_strcasecmp(const char *a, const char *b)
{
	unsigned char ca, cb;

	do {
		ca = (unsigned char)*a++;
		cb = (unsigned char)*b++;
		if (ca >= 'A' && ca <= 'Z')
			ca += 'a' - 'A';
		if (cb >= 'A' && cb <= 'Z')
			cb += 'a' - 'A';
	} while (ca != '\0' && ca == cb);
	return ca - cb;
}

static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int
kam_strcasestr(const char *s, const char *w)
{
	size_t i;

	if (*w == '\0')
		return 1;
	for (; *s != '\0'; s++) {
		for (i = 0; w[i] != '\0' && ascii_lower((unsigned char)s[i]) ==
		    ascii_lower((unsigned char)w[i]); i++)
			;
		if (w[i] == '\0')
			return 1;
	}
	return 0;
}

char *
kam_subject(const char *cmd, const char *id, const char *title)
{
	struct kam_buf b = KAM_BUF_INIT;
	const char *p;
	char *esc;

	kam_buf_printf(&b, "kam: %s", cmd);
	if (id != NULL)
		kam_buf_printf(&b, " %s", id);
	if (title != NULL && *title != '\0') {
		kam_buf_puts(&b, ": ");
		/* The subject is one line: newlines in a title become spaces. */
		for (p = title; *p != '\0'; p++)
			kam_buf_putc(&b, *p == '\n' || *p == '\r' ? ' ' : *p);
	}
	/* Control bytes (ESC, BEL) would act on the terminal of whoever
	 * runs git log: escape them as kam's own output does. */
	esc = kam_escape(b.ptr);
	kam_buf_release(&b);
	return esc;
}

/* ---- escaping for terminals and logs ---- */

int
kam_is_bidi(uint32_t c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200E || c == 0x200F || c == 0x061C;
}

int
kam_is_control(uint32_t c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

char *
kam_escape(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	struct kam_buf b = KAM_BUF_INIT;
	char tmp[4];
	uint32_t c;
	size_t n;
	int bad;

	kam_buf_grow(&b, s == NULL ? 0 : strlen(s));
	if (s == NULL)
		return kam_buf_detach(&b);
	while (*p != '\0') {
		n = utf8_decode(p, &c);
		if ((bad = n == 0)) {
			c = *p;			/* invalid: show the byte */
			n = 1;
		}
		if (bad || kam_is_control(c)) {
			tmp[0] = '\\';
			tmp[1] = 'x';
			tmp[2] = "0123456789abcdef"[(c >> 4) & 0xF];
			tmp[3] = "0123456789abcdef"[c & 0xF];
			kam_buf_add(&b, tmp, 4);
		} else if (kam_is_bidi(c)) {
			kam_buf_printf(&b, "<U+%04X>", (unsigned)c);
		} else
			kam_buf_add(&b, p, n);
		p += n;
	}
	return kam_buf_detach(&b);
}
