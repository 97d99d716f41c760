/*
 * minutes.h: meeting minutes (SPEC §5), parsed with cmark.
 *
 *   struct minutes m = MINUTES_INIT;
 *   if (minutes_parse(&m, "meetings/2026-11-27-weekly.md", buf, len) == -1)
 *       goto out;                       65 printed with file:line
 *   ... m.title, m.decisions[i].text, m.actions[i].done ...
 *   minutes_release(&m);
 *
 * What kam reads from a minutes file, everything else being free text:
 *
 * - title: the text of the first heading other than "Decisions" and
 *   "Actions", without a trailing date ("Weekly steering — 2026-11-27"
 *   gives "Weekly steering");
 * - date: from the file name meetings/YYYY-MM-DD-slug.md, else the date
 *   at the end of the first heading, else unset;
 * - attendees: the person ids (P-n) on the first line that starts with
 *   "Attendees:" in a paragraph outside any list;
 * - decisions: every list item (nested ones included, each on its own)
 *   under a heading "Decisions" (or the Chinese "决议" or "决定");
 * - actions: every list item under a heading "Actions" (or "行动项" or
 *   "待办").  The task box is
 *   recognised on the source bytes at the start of the item's first
 *   paragraph, by the GFM rule: "[ ]" open, "[x]" or "[X]" done, followed
 *   by a space or tab; an item without a box is open.  The owner is the
 *   first "@P-n", the due date the first "due:YYYY-MM-DD".
 *
 * A section heading matches case-insensitively, with an optional trailing
 * ':' (or the full-width '：'); a section lasts until the next heading of the same or a higher
 * level (a sub-heading stays inside it).  An item's text is the inline
 * text of its first paragraph, box removed, white space collapsed; items
 * with no text are skipped.  References are the kam ids (CR-2, REQ-10,
 * ...) standing as whole words in that text, the owner mention excepted.
 *
 * Invalid data is refused with 65 naming file:line: invalid UTF-8, NUL
 * bytes, a file name dated with an impossible date, a malformed due date.
 * cmark's parser is linear on pathological input (deep nesting of '[' or
 * '>'), so no limit is applied here beyond KAM_MAX_FILE.
 *
 * Ownership: every string and array in a struct minutes belongs to it and
 * is freed by minutes_release(), which is NULL-safe and leaves the struct
 * as MINUTES_INIT.  Nothing points into the caller's buffer.
 */
#ifndef KAM_MINUTES_H
#define KAM_MINUTES_H

#include <stddef.h>
#include <stdint.h>

#include "project.h"

struct minutes_item {
	char		*text;	/* first paragraph, box removed */
	unsigned long	 line;	/* line of the item's marker */
	int		 boxed;	/* actions: a box was written */
	int		 done;	/* actions: [x] or [X] */
	char		 owner[32];	/* "P-2", or "" */
	int		 has_due;
	int32_t		 due;	/* days, when has_due */
	char		*refs;	/* space-separated ids, or "" */
	char		*loc;	/* "path:line", where a listing shows it */
};

struct minutes {
	char		*path;		/* as given, for messages */
	char		*title;		/* "" when no heading */
	unsigned long	 title_line;	/* 0 when no heading */
	int		 has_date;
	int32_t		 date;
	char		*attendees;	/* space-separated P-n, or "" */
	unsigned long	 attendees_line;	/* 0 when none */
	struct minutes_item *decisions;
	size_t		 ndecisions;
	struct minutes_item *actions;
	size_t		 nactions;
	size_t		 nsections;	/* Decisions/Actions headings seen */
	size_t		 nloose;	/* list items outside those sections */
	unsigned long	 loose_line;	/* line of the first such item */
};
#define MINUTES_INIT { NULL, NULL, 0, 0, 0, NULL, 0, NULL, 0, NULL, 0, 0, 0, 0 }

/* Parse one minutes file held in buf[0..len) (need not be NUL-terminated).
 * `path` names the file in messages and gives the date when its last
 * component is YYYY-MM-DD-*.md.  Returns 0, or -1 after reporting 65 with
 * path:line.  m must be MINUTES_INIT or released; on failure it is left
 * released. */
int	minutes_parse(struct minutes *m, const char *path, const char *buf,
	    size_t len);
void	minutes_release(struct minutes *m);
/* An item's text as a reader outside the project reads it: without the
 * owner mention (@P-n) and the due:DATE token that kam reads, white space
 * collapsed.  Caller frees. */
char	*minutes_plain(const char *text);

/* The minutes of a project's work tree: every meetings/NAME.md (regular
 * files whose names do not start with '.'), sorted by date, undated
 * last, then by file name.  *out is an array of *n parsed files (NULL
 * when none); free it with minutes_free_all().  A missing meetings/
 * directory gives none.  0, or -1 after reporting (65 bad data, 74 I/O,
 * 78 a symbolic link). */
int	minutes_load_all(const struct project *p, struct minutes **out,
	    size_t *n);
void	minutes_free_all(struct minutes *all, size_t n);

/* Render a minutes file (any Markdown) to an HTML fragment, safely: raw
 * HTML is omitted and dangerous link destinations are emptied (cmark's
 * default; CMARK_OPT_UNSAFE is never used; raster data: images such as
 * data:image/png are kept, as cmark keeps them), invalid UTF-8 becomes
 * U+FFFD.
 * Task boxes of list items are shown as disabled checkboxes (kam's own
 * constant markup).  Returns a NUL-terminated string the caller frees. */
char	*minutes_html(const char *buf, size_t len);

/* The file name for a new meeting: "meetings/YYYY-MM-DD-slug.md", the
 * slug made of the title's ASCII letters (lower-cased) and digits and its
 * CJK letters (Han, kana, Hangul), every other run of characters becoming
 * one '-', at most 60 characters, "meeting" when nothing is left.  Caller
 * frees. */
char	*minutes_new_path(int32_t date, const char *title);
/* 1 when path is exactly meetings/YYYY-MM-DD-slug.md with a real date
 * and a slug of words of [a-z0-9] and CJK letters joined by single '-'
 * (the allow-list every created path passes before any file is touched),
 * else 0. */
int	minutes_path_ok(const char *path);

/*
 * kam meeting new: minutes from the template.
 *
 *   struct minutes_new mn = MINUTES_NEW_INIT;
 *   minutes_new_prepare(&mn, date, title, "P-1,P-2")   64: bad title, ids
 *   tx_begin(&tx, ...)
 *   minutes_new_put(&mn, &tx, p)      65: unknown person, file exists
 *   commit; mn.path is the new file
 *   minutes_new_release(&mn)
 */
struct tx;
struct minutes_new {
	int32_t		 date;
	const char	*title;		/* borrowed */
	struct kam_buf	 ids;		/* attendees, "P-1, P-2", repeats dropped */
	char		*path;		/* "meetings/YYYY-MM-DD-slug.md" */
};
#define MINUTES_NEW_INIT { 0, NULL, KAM_BUF_INIT, NULL }

/* Check the title (one line of valid UTF-8, not blank), parse the
 * attendees (NULL: none; commas and/or spaces) and name the file.
 * 0, or -1 after reporting. */
int	minutes_new_prepare(struct minutes_new *mn, int32_t date,
	    const char *title, const char *attendees);
/* The attendees must exist and the file must not (neither in HEAD nor
 * in the work tree); queue the new minutes in tx.  0, or -1. */
int	minutes_new_put(struct minutes_new *mn, struct tx *tx,
	    struct project *p);
void	minutes_new_release(struct minutes_new *mn);

#endif
