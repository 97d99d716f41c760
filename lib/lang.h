/*
 * lang.h: the language of what kam writes for the client (kam report):
 * project.language in kam.conf, "en" (the default) or "zh".
 *
 * The phrases are declared once, in lib/lang.c: each English phrase (a
 * heading, a column name, a status word or a printf format) with its
 * Chinese.  A phrase that the table lacks stays English.
 */
#ifndef KAM_LANG_H
#define KAM_LANG_H

#include <stddef.h>

enum lang { LANG_EN, LANG_ZH };

/* "en" or "zh" (as written in kam.conf) into *out; -1 otherwise. */
int		 lang_parse(const char *s, int *out);

/* Phrase en in language lang: its translation, or en itself.  A format
 * keeps its conversions in order (t_lang checks every pair), so the
 * compiler checks the arguments against the English. */
const char	*lang_tr(int lang, const char *en)
		    __attribute__((format_arg(2)));

/* The table, for t_lang. */
struct lang_phrase {
	const char	*en, *zh;
};
extern const struct lang_phrase lang_phrases[];
extern const size_t lang_nphrases;

#endif
