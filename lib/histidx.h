/*
 * histidx.h: the record-history index that makes `kam log` answer in
 * milliseconds on a long history (issue 14).
 *
 * kam log walks the first-parent chain from HEAD and compares each
 * commit's tables with its parent's; on 100,000 commits that is seconds,
 * most of it spent on commits that change no kam file.  The index lists,
 * for one chain, the commits that change a kam file and, per file, the
 * changes to the records as the walk's comparison (hist_diff_bufs) found
 * them, or "*" when there are many, the file was added or removed whole,
 * a version was not valid data, or it is not a table.  kam log then looks
 * only at the commits whose entry may hold the records asked for, and
 * shows their stored changes through the walk's own filter and callback,
 * or computes them again where they are "*"; a test compares the two.
 *
 *   struct histidx *ix;
 *   if (histidx_open(&ix, p, &start) == 0) {      built, extended, saved
 *       for (i = 0; i < histidx_count(ix); i++)
 *           if (histidx_may_match(ix, i, &filter))
 *               ... histidx_commit(ix, i) ...     newest first
 *       histidx_free(ix);
 *   }
 *
 * The index lives in the repository's git directory (kam/log-index-*,
 * one per project folder), never in the work tree.  It is keyed by commit
 * id: a walk from the start stops at the first commit the index knows (its
 * tip or one of its entries), so new commits extend it and a rebase or
 * force-push replaces only what changed.  A missing, unreadable or
 * corrupt index (its checksum is verified) is rebuilt; one that cannot be
 * written (read-only repository) is simply not kept.
 */
#ifndef KAM_HISTIDX_H
#define KAM_HISTIDX_H

#include <stddef.h>

#include <git2.h>

#include "history.h"
#include "project.h"

struct histidx;

/* The index of the first-parent chain from `start`, brought up to date
 * and, when save is set (start is HEAD), saved if it changed and can be.
 * 0, or -1 after reporting (a commit or tree that cannot be read). */
int		 histidx_open(struct histidx **out, const struct project *p,
		    const git_oid *start, int save);
/* Commits of the chain that change a kam file, newest first. */
size_t		 histidx_count(const struct histidx *ix);
const git_oid	*histidx_commit(const struct histidx *ix, size_t i);
/* Could commit i change a record that f selects (f NULL: any)? */
int		 histidx_may_match(const struct histidx *ix, size_t i,
		    const struct hist_filter *f);
/* Whether every file of commit i that may hold what flt selects has its
 * changes stored (then they need not be computed again). */
int		 histidx_stored(const struct histidx *ix, size_t i,
		    const struct hist_filter *flt);
/* The files of commit i, in the order kam log compares them: the table
 * (*s; NULL for a file that is not a table) and its changes as
 * hist_diff_bufs() found them with no filter, or NULL when not stored. */
size_t		 histidx_nfiles(const struct histidx *ix, size_t i);
const struct hist_set *histidx_file(const struct histidx *ix, size_t i,
		    size_t j, const struct schema **s);
/* The index in its text form (see histidx.c), and back: what
 * histidx_serialize() writes, histidx_parse() reads as the same index.
 * histidx_parse: 0, or -1 (quietly) for anything else. */
void		 histidx_serialize(const struct histidx *ix, int digits,
		    const char *prefix, struct kam_buf *out);
int		 histidx_parse(struct histidx **out, int digits,
		    const char *prefix, const char *data, size_t len);
/* Whether the last histidx_open() read the index from disk (1), or had
 * to build it from nothing (0): for tests and benchmarks. */
int		 histidx_was_warm(const struct histidx *ix);
void		 histidx_free(struct histidx *ix);

#endif
