/*
 * kam.h: the few helpers every module uses: failure reporting with an
 * exit-code kind, allocation that dies on exhaustion, and a growable byte
 * buffer.
 *
 * Error discipline (libgit2/git): a lib function that fails prints its
 * message with kam_err() (or one of its wrappers) and returns -1.  The
 * first failure's kind is remembered in kam_exit_code; cmd/kam.c turns it
 * into the process exit status.  Nothing else decides exit codes.
 */
#ifndef KAM_H
#define KAM_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sysexits.h>

#define KAM_VERSION "0.1.0"
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The exit codes of SPEC §3, by name.  Values are sysexits(3). */
#define KAM_EX_OK		0
#define KAM_EX_UNHEALTHY	1
#define KAM_EX_NOCHANGE		1	/* a write with nothing to change:
					 * no commit, as git commit */
#define KAM_EX_USAGE		EX_USAGE	/* 64 */
#define KAM_EX_DATA		EX_DATAERR	/* 65 */
#define KAM_EX_NOPROJECT	EX_NOINPUT	/* 66 */
#define KAM_EX_INTERNAL		EX_SOFTWARE	/* 70 */
#define KAM_EX_IO		EX_IOERR	/* 74 */
#define KAM_EX_RETRY		EX_TEMPFAIL	/* 75 */
#define KAM_EX_PERM		EX_NOPERM	/* 77 */
#define KAM_EX_STATE		EX_CONFIG	/* 78 */

/* Exit code of the first failure reported (0 when none), per thread. */
extern _Thread_local int kam_exit_code;

/* Print "kam: <msg>" to stderr, remember `code`, return -1. */
int	kam_err(int code, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* As kam_err() with ": strerror(err)" appended; the code follows errno:
 * EACCES/EPERM 77, everything else 74. */
int	kam_errno(int err, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* As kam_err() with libgit2's last message appended; GIT_ELOCKED and
 * GIT_EMODIFIED give 75, a failed system call (GIT_ERROR_OS) 74 or 77 as
 * kam_errno(), anything else 70. */
int	kam_giterr(int rc, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* "kam: warning: <msg>" on stderr; never changes the exit code. */
void	kam_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Send every message of kam_err() and friends to fn(arg, code, msg)
 * instead of stderr (code 0 for warnings; msg without "kam: " and
 * without a newline).  The exit kind is still recorded.  NULL restores
 * stderr.  For commands that collect findings (kam check) or read old
 * versions quietly (log, diff, merge-file). */
typedef void (*kam_msg_fn)(void *arg, int code, const char *msg);
void	kam_msg_capture(kam_msg_fn fn, void *arg);
/* The capture in force (NULL: stderr), to chain to it.  The capture and
 * the remembered kind are per thread. */
void	kam_msg_captured(kam_msg_fn *fn, void **arg);
/* Reset the remembered failure (used between retries). */
void	kam_err_reset(void);

void	*xmalloc(size_t n);
void	*xcalloc(size_t n, size_t sz);
void	*xrealloc(void *p, size_t n);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t n);
char	*xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* xasprintf with a va_list (consumed, as vsnprintf does). */
char	*xvasprintf(const char *fmt, va_list ap)
	    __attribute__((format(printf, 1, 0)));

/* The positions of long keys in an array the caller keeps, in the order
 * the keys were first seen (open addressing over position + 1; the keys
 * are kept here too).  Release with kam_lidx_release(). */
struct kam_lidx {
	long	*keys;		/* by position */
	size_t	 n, alloc;
	size_t	*slot, nslot;
};
#define KAM_LIDX_INIT { NULL, 0, 0, NULL, 0 }

/* The position of key; a key not seen before gets position x->n (the
 * caller appends its element there) and *added = 1, else *added = 0. */
size_t	kam_lidx_get(struct kam_lidx *x, long key, int *added);
void	kam_lidx_release(struct kam_lidx *x);

/* A growable byte string; ptr is always NUL-terminated and never NULL
 * after kam_buf_grow()/any append.  Release with kam_buf_release(). */
struct kam_buf {
	char	*ptr;
	size_t	 len;
	size_t	 alloc;
};
#define KAM_BUF_INIT { NULL, 0, 0 }

void	kam_buf_grow(struct kam_buf *b, size_t extra);
void	kam_buf_add(struct kam_buf *b, const void *data, size_t len);
void	kam_buf_puts(struct kam_buf *b, const char *s);
void	kam_buf_putc(struct kam_buf *b, int c);
void	kam_buf_printf(struct kam_buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	kam_buf_vprintf(struct kam_buf *b, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
void	kam_buf_reset(struct kam_buf *b);
void	kam_buf_release(struct kam_buf *b);
/* Hand the string to the caller (who frees it); b is left empty. */
char	*kam_buf_detach(struct kam_buf *b);

/* Read a whole file into b.  Returns 0, 1 when the file does not exist
 * (b empty, nothing printed), or -1 after printing the error.  Refuses
 * symlinks (O_NOFOLLOW) with 78 and files over KAM_MAX_FILE with 65. */
int	kam_read_file(struct kam_buf *b, const char *path);
/* The same, naming the file `shown` in messages ("risks.csv"). */
int	kam_read_file_as(struct kam_buf *b, const char *path, const char *shown);

/* Largest file kam reads whole (RELIABILITY X19): larger ones are refused
 * with 65 before anything is buffered. */
#define KAM_MAX_FILE	(64L << 20)

/* Case-insensitive ASCII compare that ignores the locale. */
int	kam_strcasecmp(const char *a, const char *b);
/* Does s contain w, ASCII letters compared without case?  Other bytes
 * (CJK included) must match exactly.  An empty w is in every s. */
int	kam_strcasestr(const char *s, const char *w);

/* s with control characters and invalid bytes shown as \xNN and bidi
 * overrides as <U+202E>, for a terminal or a log (RELIABILITY S5); NULL
 * gives "".  Messages and every output format use it.  Caller frees. */
char	*kam_escape(const char *s);
/* The code points kam_escape() escapes: C0, DEL and C1 controls; bidi
 * embeddings, overrides, isolates and marks. */
int	kam_is_control(uint32_t c);
int	kam_is_bidi(uint32_t c);

/* Commit message subject "kam: <cmd> <id>: <title>" (id/title may be
 * NULL; newlines in the title become spaces); caller frees. */
char	*kam_subject(const char *cmd, const char *id, const char *title);

#endif
