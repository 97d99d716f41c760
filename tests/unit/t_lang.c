/*
 * t_lang: the phrase table of lib/lang.c — every Chinese phrase keeps the
 * printf conversions of its English key in the same order, no key is
 * declared twice, and lookups fall back to the English.
 */
#include <string.h>

#include "tap.h"
#include "lang.h"

/* The conversions of a printf format ("%s%zu%%"), into out. */
static void
convs(const char *f, char *out, size_t len)
{
	size_t n = 0;

	for (; *f != '\0'; f++) {
		size_t st;

		if (*f != '%')
			continue;
		st = n;
		for (f++; *f != '\0' && strchr("-+ #0123456789.*lzh", *f) != NULL;
		    f++)
			if (n + 1 < len)
				out[n++] = *f;
		if (*f == '\0')
			break;
		/* A string's flags, width and precision take no argument
		 * ("%.0s" consumes the string and prints none of it: how a
		 * translation drops an English plural "s"); '*' does. */
		if (*f == 's') {
			size_t k, m = st;

			for (k = st; k < n; k++)
				if (out[k] == '*')
					out[m++] = '*';
			n = m;
		}
		if (n + 2 < len) {
			out[n++] = *f;
			out[n++] = ',';
		}
	}
	out[n] = '\0';
}

int
main(void)
{
	char a[128], b[128];
	size_t i, j, bad = 0, dup = 0;
	int l;

	ok(lang_nphrases > 100, "the table has the report's phrases");
	for (i = 0; i < lang_nphrases; i++) {
		convs(lang_phrases[i].en, a, sizeof(a));
		convs(lang_phrases[i].zh, b, sizeof(b));
		if (strcmp(a, b) != 0) {
			diag("conversions differ: '%s' / '%s'",
			    lang_phrases[i].en, lang_phrases[i].zh);
			bad++;
		}
		for (j = 0; j < i; j++)
			if (strcmp(lang_phrases[i].en, lang_phrases[j].en) == 0) {
				diag("declared twice: '%s'", lang_phrases[i].en);
				dup++;
			}
	}
	is_int((long)bad, 0, "every translation keeps the conversions");
	is_int((long)dup, 0, "every phrase is declared once");
	is_str(lang_tr(LANG_EN, "Goals"), "Goals", "English is the key");
	is_str(lang_tr(LANG_ZH, "Goals"), "目标", "Chinese heading");
	is_str(lang_tr(LANG_ZH, "no such phrase"), "no such phrase",
	    "a phrase the table lacks stays English");
	is_int(lang_parse("zh", &l), 0, "zh parses");
	is_int(l, LANG_ZH, "zh is LANG_ZH");
	is_int(lang_parse("en", &l), 0, "en parses");
	is_int(l, LANG_EN, "en is LANG_EN");
	is_int(lang_parse("fr", &l), -1, "fr is refused");
	is_int(lang_parse("ZH", &l), -1, "case matters, as kam.conf's values");
	return done_testing();
}
