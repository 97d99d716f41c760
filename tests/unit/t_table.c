/*
 * t_table.c: lib/table.c, the strict CSV reader and the canonical writer.
 *
 *   - a canonical file is parsed and serialized back byte for byte;
 *   - what the reader accepts (BOM, CRLF, blank lines, unsorted rows,
 *     needless quotes, no final newline, money without all its digits)
 *     comes out canonical;
 *   - quoting only when needed; unknown and reordered columns kept;
 *   - every error with its file:line[:col] message, exit kind 65, and
 *     the physical line number;
 *   - table_check_value, table_add/find/set/remove, table_scan.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "tap.h"

#include "kam.h"
#include "schema.h"
#include "table.h"

/* ---- captured messages ---- */

static struct kam_buf msgs = KAM_BUF_INIT;
static int last_code;

static void
on_msg(void *arg, int code, const char *msg)
{
	(void)arg;
	kam_buf_puts(&msgs, msg);
	kam_buf_putc(&msgs, '\n');
	last_code = code;
}

static void
reset(void)
{
	kam_buf_reset(&msgs);
	kam_buf_puts(&msgs, "");
	last_code = 0;
	kam_err_reset();
}

static const char *
captured(void)
{
	return msgs.ptr != NULL ? msgs.ptr : "";
}

/* ---- helpers ---- */

static int
parse(struct table *t, const struct schema *s, const char *path,
    const char *buf, size_t len)
{
	reset();
	return table_parse(t, s, path, 2, buf, len);
}

static int
parse_str(struct table *t, const struct schema *s, const char *buf)
{
	return parse(t, s, s->file, buf, strlen(buf));
}

/* Serialize t; the returned string is valid until the next call. */
static const char *
ser(const struct table *t)
{
	static struct kam_buf b = KAM_BUF_INIT;

	table_serialize(t, &b);
	return b.ptr;
}

/* Parse `in`, expect success and that serializing gives `out`. */
static void
canon(const struct schema *s, const char *in, size_t inlen, const char *out,
    const char *name)
{
	struct table t = TABLE_INIT;
	int rc = parse(&t, s, s->file, in, inlen);

	ok(rc == 0, "%s: parses", name);
	if (rc != 0)
		diag("messages: %s", captured());
	else
		is_str(ser(&t), out, name);
	table_release(&t);
}

/* Parse `in`, expect -1, exit kind 65 and exactly the messages `want`. */
static void
bad(const struct schema *s, const char *in, size_t inlen, const char *want,
    const char *name)
{
	struct table t = TABLE_INIT;
	int rc = parse(&t, s, s->file, in, inlen);

	ok(rc == -1, "%s: refused", name);
	is_int(last_code, 65, "  exit kind 65");
	is_int(kam_exit_code, 65, "  recorded as 65");
	is_str(captured(), want, "  message");
	table_release(&t);
}

#define BAD(s, lit, want, name)	bad(s, lit, sizeof(lit) - 1, want, name)
#define CANON(s, lit, out, name) canon(s, lit, sizeof(lit) - 1, out, name)

#define RH "id,title,category,probability,impact,strategy,owner,status," \
	"trigger,response,review,raised\n"
#define PH "id,name,side,org,role,email,skills,capacity,rate,influence," \
	"interest\n"

/* ---- round trips ---- */

static void
test_round_trip(void)
{
	static const char risks[] = RH
	    "R-1,Supplier delay,schedule,4,4,mitigate,P-1,open,late PO,"
	    "\"weekly calls, escalate\",2026-12-01,2026-11-02\n"
	    "R-2,\"quoted \"\"word\"\"\",,2,3,accept,,closed,,,,2026-11-03\n"
	    "R-3,\"two\nlines\",,1,1,,,open,,\" lead and trail \",,\n"
	    "R-9,数据迁移延误,technical,5,3,,,occurred,,,,2026-11-04\n"
	    "R-10,\"cr\r\",,1,1,,,open,,,,\n"
	    "R-11,=1+2 @x -y,,1,1,,,open,,\"\ttab\",,\n";
	static const char people[] = PH
	    "P-1,Wang Wei,client,ACME,Sponsor,w@acme.cn,sap erp,50,900.00,5,4\n"
	    "P-2,Bo,team,,,,,,12.50,,\n"
	    "P-3,Max,team,,,,,100,92233720368547758.07,1,1\n";
	static const char own[] =
	    "id,title,mine,category,probability,impact,strategy,owner,status,"
	    "trigger,response,review,raised,note\n"
	    "R-2,b,\"x, \"\"y\"\"\",,3,5,,,open,,,,,keep me\n"
	    "R-10,a,,,3,5,,,open,,,,,\"multi\nline\"\n";
	static const char reordered[] =
	    "status,title,id,impact,probability,category,strategy,owner,"
	    "trigger,response,review,raised\n"
	    "closed,First,R-1,1,4,,,,,,,\n"
	    "open,Second,R-2,5,1,,,,,,,\n";
	static const char budget[] = "category,amount\n"
	    "hardware,1000.00\nlicences,250000.50\ntravel,0.00\n";
	static const char raci[] = "activity,person,role\n"
	    "R-1,P-1,A\nR-1,P-2,R\nREQ-3,P-1,C\ngo-live,P-2,I\n";

	CANON(&schema_risks, risks, risks, "risks: canonical round trip");
	CANON(&schema_people, people, people, "people: canonical round trip");
	CANON(&schema_risks, own, own, "unknown columns kept in place");
	CANON(&schema_risks, reordered, reordered,
	    "reordered columns kept in file order");
	CANON(&schema_budget, budget, budget, "budget (keyless) round trip");
	CANON(&schema_raci, raci, raci, "raci (two keys) round trip");
	CANON(&schema_risks, RH, RH, "header only");
}

/* ---- what becomes canonical ---- */

static void
test_canonical_form(void)
{
	CANON(&schema_risks, "\xef\xbb\xbf" RH "R-1,a,,3,5,,,open,,,,\n",
	    RH "R-1,a,,3,5,,,open,,,,\n", "BOM dropped");
	CANON(&schema_risks,
	    "id,title,category,probability,impact,strategy,owner,status,"
	    "trigger,response,review,raised\r\nR-1,\"a\r\nb\",,3,5,,,open,,,,\r\n",
	    RH "R-1,\"a\r\nb\",,3,5,,,open,,,,\n",
	    "CRLF line ends become LF (CR inside quotes kept)");
	CANON(&schema_risks, RH "R-1,a,,3,5,,,open,,,,",
	    RH "R-1,a,,3,5,,,open,,,,\n", "final newline added");
	CANON(&schema_risks, "id,title,category,probability,impact,strategy,"
	    "owner,status,trigger,response,review,raised",
	    RH, "header without newline");
	CANON(&schema_risks, RH "\nR-1,a,,3,5,,,open,,,,\n\n\nR-2,b,,3,5,,,open,,,,\n\n",
	    RH "R-1,a,,3,5,,,open,,,,\nR-2,b,,3,5,,,open,,,,\n",
	    "blank lines dropped");
	CANON(&schema_risks,
	    RH "R-10,ten,,1,1,,,open,,,,\nR-9,nine,,1,1,,,open,,,,\n"
	    "R-2,two,,1,1,,,open,,,,\nR-1,one,,1,1,,,open,,,,\n",
	    RH "R-1,one,,1,1,,,open,,,,\nR-2,two,,1,1,,,open,,,,\n"
	    "R-9,nine,,1,1,,,open,,,,\nR-10,ten,,1,1,,,open,,,,\n",
	    "rows sorted by number: R-2 before R-10");
	CANON(&schema_risks, RH "\"R-1\",\"a\",\"\",\"3\",5,,,\"open\",,,,\n",
	    RH "R-1,a,,3,5,,,open,,,,\n", "needless quotes dropped");
	CANON(&schema_people, PH "P-1,A,team,,,,,,12.3,,\nP-2,B,team,,,,,,-0.00,,\n"
	    "P-3,C,team,,,,,,7,,\nP-4,D,team,,,,,,-0,,\n",
	    PH "P-1,A,team,,,,,,12.30,,\nP-2,B,team,,,,,,0.00,,\n"
	    "P-3,C,team,,,,,,7.00,,\nP-4,D,team,,,,,,0.00,,\n",
	    "money written with exactly the minor digits");
	CANON(&schema_budget, "category,amount\ntravel,1\nhardware,2.5\n"
	    "Zeta,3\n", "category,amount\nZeta,3.00\nhardware,2.50\n"
	    "travel,1.00\n", "keyless rows sorted by key (bytes)");
	CANON(&schema_raci, "activity,person,role\nb,P-2,R\na,P-2,R\nb,P-1,A\n",
	    "activity,person,role\na,P-2,R\nb,P-1,A\nb,P-2,R\n",
	    "raci sorted by activity then person");
}

/* ---- quoting ---- */

static void
test_quoting(void)
{
	static const struct {
		const char	*in, *out;
	} q[] = {
		{ "plain", "plain" },
		{ "a, b", "\"a, b\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
		{ "two\nlines", "\"two\nlines\"" },
		{ "cr\rhere", "\"cr\rhere\"" },
		{ " lead", "\" lead\"" },
		{ "trail ", "\"trail \"" },
		{ "\ttab", "\"\ttab\"" },
		{ "tab\t", "\"tab\t\"" },
		{ "in ner", "in ner" },
		{ "in\tner", "in\tner" },
		{ "数据", "数据" },
		{ "=1+2;@x", "=1+2;@x" },
		{ "'quote", "'quote" },
	};
	struct table t = TABLE_INIT;
	struct kam_buf want = KAM_BUF_INIT;
	struct row *r;
	size_t i;

	table_init(&t, &schema_risks, "risks.csv", 2);
	for (i = 0; i < ARRAY_SIZE(q); i++) {
		r = table_add(&t);
		table_set(&t, r, 1, q[i].in);
		table_set(&t, r, 3, "1");
		table_set(&t, r, 4, "1");
		table_set(&t, r, 7, "open");
	}
	kam_buf_puts(&want, RH);
	for (i = 0; i < ARRAY_SIZE(q); i++)
		kam_buf_printf(&want, "R-%zu,%s,,1,1,,,open,,,,\n", i + 1,
		    q[i].out);
	is_str(ser(&t), want.ptr, "quoted only when needed");

	/* And every one reads back to the same value. */
	{
		struct table u = TABLE_INIT;
		const char *s = ser(&t);
		int rc = parse(&u, &schema_risks, "risks.csv", s, strlen(s));

		ok(rc == 0, "the quoted file parses");
		for (i = 0; rc == 0 && i < ARRAY_SIZE(q); i++)
			is_str(table_get(&u, &u.rows[i], 1), q[i].in,
			    "value read back");
		table_release(&u);
	}
	kam_buf_release(&want);
	table_release(&t);
}

/* ---- errors, with physical line numbers ---- */

static void
test_errors(void)
{
	BAD(&schema_risks, "", "risks.csv: file is empty (expected a header "
	    "line)\n", "X14 empty file");
	BAD(&schema_risks, "\xef\xbb\xbf", "risks.csv: file is empty "
	    "(expected a header line)\n", "X14 BOM only");
	BAD(&schema_risks, RH "R-1,a,,3,5,,,open,,,,\nR-2,b,,3,5,,,open,,,,\n"
	    "R-3,\"Supplier delay", "risks.csv:4: unterminated quoted field "
	    "(the quote opened on this line)\n", "X1 unterminated quote at EOF");
	BAD(&schema_risks, RH "R-1,a,,3,5,,,open,,,,\nR-2,\"open\n"
	    "R-3,c,,3,5,,,open,,,,\nR-4,d,,3,5,,,open,,,,\n",
	    "risks.csv:3: unterminated quoted field (the quote opened on this "
	    "line)\n", "X2 quote never closed: the opening line");
	BAD(&schema_risks, RH "R-1,Supplier \"A\",,3,5,,,open,,,,\n",
	    "risks.csv:2: column 14: quote inside an unquoted field\n",
	    "X3 quote inside an unquoted field");
	BAD(&schema_risks, RH "R-1,\"abc\"x,,3,5,,,open,,,,\n",
	    "risks.csv:2: column 10: text after a closing quote\n",
	    "X4 text after a closing quote");
	BAD(&schema_risks, RH "R-1,a\0b,,3,5,,,open,,,,\n",
	    "risks.csv:2:6: NUL byte (0x00)\n", "X5 NUL in a field");
	BAD(&schema_risks, "\0\0\0\0", "risks.csv:1:1: NUL byte (0x00)\n",
	    "X15 a file of NULs");
	BAD(&schema_risks, RH "R-1,a\xff\xfe,,3,5,,,open,,,,\n",
	    "risks.csv:2: invalid UTF-8 at byte offset 95\n",
	    "X6 invalid UTF-8 byte");
	BAD(&schema_risks, RH "R-1,a\xc0\xaf,,3,5,,,open,,,,\n",
	    "risks.csv:2: invalid UTF-8 at byte offset 95\n", "X6 overlong");
	BAD(&schema_risks, RH "R-1,a\xed\xa0\x80,,3,5,,,open,,,,\n",
	    "risks.csv:2: invalid UTF-8 at byte offset 95\n", "X6 surrogate");
	BAD(&schema_risks, RH "R-1,a,,3,5,,,open,,,,\nR-2,\xe4\xb8",
	    "risks.csv:3: invalid UTF-8 at byte offset 116\n",
	    "X6 truncated at EOF");
	BAD(&schema_risks, RH "R-1,a,,3,5,,,open,,,\n",
	    "risks.csv:2: expected 12 fields, found 11\n", "X12 too few fields");
	BAD(&schema_risks, RH "R-1,a,,3,5,,,open,,,,,\n",
	    "risks.csv:2: expected 12 fields, found 13\n", "X12 too many");
	BAD(&schema_risks, "id,title,title,category,probability,impact,"
	    "strategy,owner,status,trigger,response,review,raised\n",
	    "risks.csv:1: duplicate column 'title'\n", "X13 duplicate column");
	BAD(&schema_risks, "id,category,probability,impact,strategy,owner,"
	    "status,trigger,response,review,raised\n",
	    "risks.csv:1: missing column 'title'\n", "X13 missing column");
	BAD(&schema_risks, "title,category,probability,impact,strategy,owner,"
	    "status,trigger,response,review,raised\n",
	    "risks.csv:1: missing column 'id'\n", "X13 missing id column");
	BAD(&schema_risks, RH "R-7,a,,3,5,,,open,,,,\nR-1,b,,3,5,,,open,,,,\n"
	    "R-2,c,,3,5,,,open,,,,\nR-7,d,,3,5,,,open,,,,\n",
	    "risks.csv:5: duplicate id R-7 (first defined at risks.csv:2)\n",
	    "X25 duplicate id");
	BAD(&schema_budget, "category,amount\ntravel,1.00\nhardware,2.00\n"
	    "travel,3.00\n", "budget.csv:4: duplicate category 'travel' (first "
	    "defined at budget.csv:2)\n", "duplicate key of a keyless table");
	BAD(&schema_risks, RH "R-1,a,,3,5,,,open,,,,\n<<<<<<< ours\n"
	    "R-2,b,,3,5,,,open,,,,\n=======\nR-2,c,,3,5,,,open,,,,\n"
	    ">>>>>>> theirs\n", "risks.csv:3: unresolved merge conflict "
	    "marker '<<<<<<<'\n", "conflict marker");
	BAD(&schema_risks, RH "R-1,\"a\nb\nc\",,3,5,,,open,,,,\n"
	    "R-2,b,,3,5,,,opne,,,,\n", "risks.csv:5: status: invalid value "
	    "'opne': expected one of: open closed occurred\n",
	    "X21 line numbers stay physical after an embedded newline");
	BAD(&schema_risks, RH "\n\nR-1,a,,3,5,,,open,,,,\n\nR-2,b,,3,5,,,open,,,\n",
	    "risks.csv:6: expected 12 fields, found 11\n",
	    "X11 line numbers stay physical after blank lines");
	BAD(&schema_risks, RH "../x,a,,3,5,,,open,,,,\nr-2,b,,3,5,,,open,,,,\n",
	    "risks.csv:2: id: invalid id '../x' (expected e.g. R-12): expected "
	    "PREFIX-N, e.g. R-12\nrisks.csv:3: id: invalid id 'r-2' (expected "
	    "e.g. R-12): prefix must be upper case\n", "P1 invalid ids");
	BAD(&schema_risks, RH "P-1,a,,3,5,,,open,,,,\n",
	    "risks.csv:2: id: invalid id 'P-1' (expected e.g. R-12): wrong "
	    "prefix for this kind of record\n", "an id of another table");
	BAD(&schema_risks, RH "R-1,,,6,0,,p-1,shut,,,2026-02-30,x\n",
	    "risks.csv:2: title: invalid value '': must not be empty\n"
	    "risks.csv:2: probability: invalid value '6': expected an integer "
	    "1-5\n"
	    "risks.csv:2: impact: invalid value '0': expected an integer 1-5\n"
	    "risks.csv:2: owner: invalid value 'p-1': prefix must be upper "
	    "case\n"
	    "risks.csv:2: status: invalid value 'shut': expected one of: open "
	    "closed occurred\n"
	    "risks.csv:2: review: invalid value '2026-02-30': February 2026 has "
	    "28 days\n"
	    "risks.csv:2: raised: invalid value 'x': expected YYYY-MM-DD\n",
	    "every bad cell of a row, in column order");
	BAD(&schema_people, PH "P-1,A,team,,,,,,12.345,,\nP-2,B,team,,,,,,"
	    "\"1,5\",,\nP-3,C,team,,,,,,1e9,,\n",
	    "people.csv:2: rate: invalid value '12.345': more decimals than the "
	    "currency has (2)\n"
	    "people.csv:3: rate: invalid value '1,5': use '.' as decimal "
	    "separator\n"
	    "people.csv:4: rate: invalid value '1e9': exponent notation not "
	    "allowed\n", "money cells");
	BAD(&schema_people, PH "P-1,A,team,,,,,,\" 12.50\",,\n",
	    "people.csv:2: rate: invalid value ' 12.50': leading or trailing "
	    "space\n", "A14 spaces in a quoted amount");
}

static void
test_field_limit(void)
{
	struct kam_buf b = KAM_BUF_INIT;
	struct table t = TABLE_INIT;
	size_t i;
	int rc;

	kam_buf_puts(&b, RH "R-1,a,,3,5,,,open,,,,\nR-2,");
	for (i = 0; i < 262145; i++)
		kam_buf_putc(&b, 'a');
	kam_buf_puts(&b, ",,3,5,,,open,,,,\nR-3,c,,3,5,,,open,,,,\n");
	rc = parse(&t, &schema_risks, "risks.csv", b.ptr, b.len);
	ok(rc == -1, "X18 a field over 262144 bytes is refused");
	is_str(captured(), "risks.csv:3: field exceeds 262144 bytes\n",
	    "  with its line");
	table_release(&t);

	kam_buf_reset(&b);
	kam_buf_puts(&b, RH "R-1,");
	for (i = 0; i < 262144; i++)
		kam_buf_putc(&b, 'a');
	kam_buf_puts(&b, ",,3,5,,,open,,,,\n");
	rc = parse(&t, &schema_risks, "risks.csv", b.ptr, b.len);
	ok(rc == 0, "a field of exactly 262144 bytes is accepted");
	is_int(rc == 0 ? strlen(table_get(&t, &t.rows[0], 1)) : 0, 262144,
	    "  and kept whole");
	table_release(&t);

	/* X20: 100,000 doubled quotes. */
	kam_buf_reset(&b);
	kam_buf_puts(&b, RH "R-1,\"");
	for (i = 0; i < 100000; i++)
		kam_buf_puts(&b, "\"\"");
	kam_buf_puts(&b, "\",,3,5,,,open,,,,\n");
	rc = parse(&t, &schema_risks, "risks.csv", b.ptr, b.len);
	ok(rc == 0, "X20 100,000 doubled quotes accepted");
	is_int(rc == 0 ? strlen(table_get(&t, &t.rows[0], 1)) : 0, 100000,
	    "  as 100,000 quotes");
	ok(rc == 0 && strcmp(ser(&t), b.ptr) == 0, "  and written back alike");
	table_release(&t);
	kam_buf_release(&b);
}

static void
test_error_limit(void)
{
	struct kam_buf b = KAM_BUF_INIT, want = KAM_BUF_INIT;
	struct table t = TABLE_INIT;
	int i;

	kam_buf_puts(&b, RH);
	for (i = 1; i <= 30; i++)
		kam_buf_printf(&b, "R-%d,t,,9,5,,,open,,,,\n", i);
	for (i = 1; i < 20; i++)
		kam_buf_printf(&want, "risks.csv:%d: probability: invalid value "
		    "'9': expected an integer 1-5\n", i + 1);
	kam_buf_puts(&want, "risks.csv:21: probability: invalid value '9': "
	    "expected an integer 1-5 (further errors not shown)\n");
	ok(parse(&t, &schema_risks, "risks.csv", b.ptr, b.len) == -1,
	    "30 bad rows refused");
	is_str(captured(), want.ptr, "  the first 20 shown, then a note");
	is_int(t.nerrors, 30, "  all 30 counted");
	table_release(&t);
	kam_buf_release(&b);
	kam_buf_release(&want);
}

/* ---- flags, access, changes ---- */

static void
test_flags_and_access(void)
{
	static const char in[] = "\xef\xbb\xbf"
	    "status,title,id,impact,probability,mine\r\n"
	    "open,Ten,R-10,1,1,x\r\nclosed,Two,R-2,2,2,\r\n";
	struct table t = TABLE_INIT;
	struct row *r;
	int rc;

	rc = parse(&t, &schema_risks, "risks.csv", in, sizeof(in) - 1);
	ok(rc == 0, "a file without optional columns parses");
	ok(t.had_bom && t.had_crlf, "  had_bom and had_crlf noted");
	ok(t.unsorted, "  rows out of order noted");
	ok(!t.changed, "  not changed by reading");
	is_int(t.max_num, 10, "  highest id number");
	is_int(t.ncols, 6, "  six columns");
	if (rc != 0)
		goto out;
	is_str(table_get_name(&t, &t.rows[0], "mine"), "x",
	    "table_get_name reads an unknown column");
	ok(table_get_name(&t, &t.rows[0], "nope") == NULL,
	    "table_get_name of no such column is NULL");
	is_str(table_get(&t, &t.rows[0], schema_col(&schema_risks, "owner")),
	    "", "table_get of a column the file lacks is empty");
	r = table_find(&t, "R-2");
	ok(r != NULL && strcmp(table_get(&t, r, 1), "Two") == 0,
	    "table_find in an unsorted table");
	ok(table_find(&t, "r-2") == NULL, "table_find takes canonical ids only");
	ok(table_find(&t, "R-3") == NULL, "table_find of an absent id");
	table_sort(&t);
	ok(!t.unsorted && strcmp(table_get(&t, &t.rows[0], 0), "R-2") == 0,
	    "table_sort orders by number");
	r = table_find(&t, "R-10");
	ok(r != NULL && strcmp(table_get(&t, r, 1), "Ten") == 0,
	    "table_find in a sorted table");
	ok(table_find_arg(&t, "r-10") == r, "table_find_arg takes the id as "
	    "people type it");
	ok(table_find_arg(&t, "R-10") == r, "table_find_arg: canonical too");
	ok(table_find_arg(&t, "R-3") == NULL, "table_find_arg of an absent "
	    "id");
	ok(table_find_arg(&t, "T-10") == NULL, "table_find_arg of another "
	    "table's id");
	ok(table_find_arg(&t, "ten") == NULL, "table_find_arg of text");

	table_set(&t, r, 1, "Ten");
	ok(!t.changed, "table_set of the same value changes nothing");
	table_set(&t, r, schema_col(&schema_risks, "owner"), NULL);
	ok(!t.changed && t.ncols == 6,
	    "unsetting a missing column adds nothing");
	table_set(&t, r, schema_col(&schema_risks, "review"), "2026-12-24");
	ok(t.changed && t.ncols == 7, "setting a missing column appends it");
	r = table_add(&t);
	is_str(table_get(&t, r, 0), "R-11", "table_add: the next id after "
	    "the highest");
	table_set(&t, r, 1, "New");
	table_set(&t, r, 3, "3");
	table_set(&t, r, 4, "4");
	table_set(&t, r, 7, "open");
	is_str(ser(&t), "status,title,id,impact,probability,mine,review\n"
	    "closed,Two,R-2,2,2,,\nopen,Ten,R-10,1,1,x,2026-12-24\n"
	    "open,New,R-11,4,3,,\n",
	    "serialized in file column order, the new column last, LF, no BOM");
out:
	table_release(&t);
}

static void
test_add_gaps_and_remove(void)
{
	struct table t = TABLE_INIT;
	struct row *r;

	parse_str(&t, &schema_risks, RH "R-3,c,,1,1,,,open,,,,\n");
	r = table_add(&t);
	is_str(table_get(&t, r, 0), "R-4", "ids are never reused: R-3 -> R-4");
	table_release(&t);

	table_init(&t, &schema_risks, "risks.csv", 2);
	is_str(ser(&t), RH, "table_init: the header alone");
	r = table_add(&t);
	is_str(table_get(&t, r, 0), "R-1", "the first id is R-1");
	table_release(&t);

	parse_str(&t, &schema_budget, "category,amount\na,1.00\nb,2.00\n"
	    "c,3.00\n");
	r = table_find_key(&t, "b", NULL);
	ok(r != NULL, "table_find_key finds a budget line");
	if (r != NULL)
		table_remove(&t, r);
	ok(t.changed, "table_remove marks the table changed");
	is_str(ser(&t), "category,amount\na,1.00\nc,3.00\n", "the line is gone");
	r = table_add(&t);
	table_set(&t, r, 0, "Aa");
	table_set(&t, r, 1, "9.00");
	is_str(ser(&t), "category,amount\nAa,9.00\na,1.00\nc,3.00\n",
	    "a new keyless row is sorted into place");
	table_release(&t);
}

/* ---- table_check_value ---- */

static void
test_check_value(void)
{
	const struct column *c;
	const char *why = NULL;

#define COL(s, n)	(&(s)->cols[schema_col((s), (n))])
	c = COL(&schema_risks, "probability");
	ok(table_check_value(c, 2, "1", &why) == 0, "int 1 in 1-5");
	ok(table_check_value(c, 2, "5", &why) == 0, "int 5 in 1-5");
	ok(table_check_value(c, 2, "6", &why) == -1, "int 6 not in 1-5");
	is_str(why, "expected an integer 1-5", "  why");
	ok(table_check_value(c, 2, "03", &why) == -1, "int 03 refused");
	ok(table_check_value(c, 2, "", &why) == -1, "required int empty");
	is_str(why, "must not be empty", "  why");
	c = COL(&schema_risks, "category");
	ok(table_check_value(c, 2, "", &why) == 0, "optional text empty");
	ok(table_check_value(c, 2, "any \x1b text", &why) == 0, "any text");
	c = COL(&schema_risks, "strategy");
	ok(table_check_value(c, 2, "accept", &why) == 0, "enum value");
	ok(table_check_value(c, 2, "Accept", &why) == -1, "enum is exact");
	is_str(why, "expected one of: avoid mitigate transfer accept", "  why");
	c = COL(&schema_risks, "review");
	ok(table_check_value(c, 2, "2024-02-29", &why) == 0, "leap day");
	ok(table_check_value(c, 2, "2026-02-29", &why) == -1, "no leap day");
	c = COL(&schema_risks, "owner");
	ok(table_check_value(c, 2, "P-12", &why) == 0, "ref P-12");
	ok(table_check_value(c, 2, "R-12", &why) == -1, "ref of another table");
	ok(table_check_value(c, 2, "P-012", &why) == -1, "ref with a zero");
	c = COL(&schema_people, "rate");
	ok(table_check_value(c, 2, "-12.50", &why) == -1,
	    "a negative rate is invalid (issue 17)");
	ok(table_check_value(COL(&schema_changes, "cost"), 2, "-12.50",
	    &why) == 0, "money -12.50 where a column may be negative");
	ok(table_check_value(c, 0, "12.5", &why) == -1, "money 12.5 with 0 "
	    "digits");
	ok(table_check_value(c, 3, "12.345", &why) == 0, "money 12.345 with 3 "
	    "digits");
	c = COL(&schema_tasks, "depends");
	ok(table_check_value(c, 2, "T-1 T-2", &why) == 0, "id list");
	ok(table_check_value(c, 2, "T-1  T-2", &why) == -1, "id list with two "
	    "spaces");
	ok(table_check_value(c, 2, "T-1,T-2", &why) == -1, "id list with a "
	    "comma");
	ok(table_check_value(c, 2, "T-1 R-2", &why) == -1, "id list of the "
	    "wrong table");
	c = COL(&schema_quality, "subject");
	ok(table_check_value(c, 2, "REQ-3", &why) == 0, "any-id ref REQ-3");
	ok(table_check_value(c, 2, "the login page", &why) == 0, "any-id ref "
	    "as text");
#undef COL
}

/* ---- streaming ---- */

struct scan_state {
	int	rows;
	long	sum;
	int	stop_at;
};

static int
on_row(void *arg, const struct table *t, const struct row *r)
{
	struct scan_state *st = arg;

	st->rows++;
	st->sum += r->num;
	if (strcmp(table_get(t, r, 3), "12.30") != 0 &&
	    strcmp(table_get(t, r, 3), "1.00") != 0)
		return kam_err(KAM_EX_DATA, "unexpected amount %s",
		    table_get(t, r, 3));
	if (st->stop_at != 0 && st->rows == st->stop_at)
		return kam_err(KAM_EX_DATA, "stop");
	return 0;
}

static void
test_scan(void)
{
	static const char in[] = "id,date,category,amount,description,ref,"
	    "task\nE-1,2026-11-01,travel,12.3,,,\nE-2,2026-11-02,travel,1,,,\n"
	    "E-5,2026-11-03,travel,1.00,,,\n";
	struct scan_state st = { 0, 0, 0 };
	struct table t = TABLE_INIT;

	reset();
	ok(table_scan(&t, &schema_expenses, "expenses/2026-11.csv", 2, in,
	    sizeof(in) - 1, on_row, &st) == 0, "table_scan reads every row");
	is_int(st.rows, 3, "  three rows handed over");
	is_int(st.sum, 8, "  with their numbers");
	is_int(t.nrows, 0, "  none kept");
	table_release(&t);

	st.rows = 0;
	st.sum = 0;
	st.stop_at = 2;
	reset();
	ok(table_scan(&t, &schema_expenses, "expenses/2026-11.csv", 2, in,
	    sizeof(in) - 1, on_row, &st) == -1, "the callback can stop the scan");
	is_int(st.rows, 2, "  after two rows");
	is_str(captured(), "stop\n", "  with its own message");
	table_release(&t);

	st.rows = 0;
	st.stop_at = 0;
	reset();
	ok(table_scan(&t, &schema_expenses, "expenses/2026-11.csv", 2,
	    "id,date,category,amount,description,ref,task\n"
	    "E-1,2026-11-31,travel,1,,,\n", 72, on_row, &st) == -1,
	    "table_scan validates each row");
	is_int(st.rows, 0, "  a bad row is not handed over");
	is_str(captured(), "expenses/2026-11.csv:2: date: invalid value "
	    "'2026-11-31': November 2026 has 30 days\n", "  the message");
	table_release(&t);
}

/* Issue 11 #2: one conflict-marker rule for reader, writer and values. */
static void
test_markers(void)
{
	const struct column *c = &schema_risks.cols[schema_col(&schema_risks,
	    "title")];
	struct kam_buf b = KAM_BUF_INIT;
	struct table t = TABLE_INIT;
	const char *why;

	ok(table_check_value(c, 2, "a\n=======\nb", &why) == -1,
	    "a value with a ======= line is refused");
	ok(table_check_value(c, 2, "a\r<<<<<<< x", &why) == -1,
	    "a marker after a bare CR is refused");
	ok(table_check_value(c, 2, "======= first", &why) == 0,
	    "a value starting like a marker is allowed");
	ok(table_check_value(c, 2, "a\n======== b", &why) == 0,
	    "eight '=' and text is no marker");
	table_put_field(&b, "<<<<<<< x");
	is_str(b.ptr, "\"<<<<<<< x\"", "a field starting with a marker is quoted");
	kam_buf_release(&b);
	kam_buf_reset(&msgs);
	ok(table_parse(&t, &schema_budget, "budget.csv", 2,
	    "category,amount\rA,1.00\r>>>>>>> y\r", 33) == -1 &&
	    strstr(msgs.ptr, "budget.csv:3: unresolved merge conflict") != NULL,
	    "a marker after a bare CR is found on line 3");
	table_release(&t);
	kam_buf_reset(&msgs);
	ok(table_parse(&t, &schema_budget, "budget.csv", 2,
	    "category,amount\rA,1.00\rB,x\r", 27) == -1 &&
	    strstr(msgs.ptr, "budget.csv:3") != NULL,
	    "errors in a CR-only file name their line");
	table_release(&t);
}

/* Parsed in place: every cell is a run inside the table's own buffer,
 * whether split off a plain line or unquoted by libcsv (doubled quotes,
 * a field over two lines, CRLF, a last line without its newline). */
static void
test_in_place(void)
{
	static const char in[] = "id,name,side,org\n"
	    "P-1,\"Ann \"\"A\"\" Smith\",team,x\n"
	    "P-2,Bob,client,\"multi\nline, org\"\n"
	    "P-3,Cy,team,plain\n"
	    "P-4,\"x\",team,\"\"\r\n"
	    "P-5,Dee,partner,\r\n"
	    "P-6,\"Eve, E\",team,\"o\"";
	static const char *const want[][3] = { { "Ann \"A\" Smith", "team", "x" },
	    { "Bob", "client", "multi\nline, org" }, { "Cy", "team", "plain" },
	    { "x", "team", "" }, { "Dee", "partner", "" },
	    { "Eve, E", "team", "o" } };
	struct table t = TABLE_INIT;
	size_t len = sizeof(in) - 1, i, inside = 0;
	char *buf = xmalloc(len + 1);

	memcpy(buf, in, len + 1);
	reset();
	ok(table_parse_owned(&t, &schema_people, "people.csv", 2, buf, len) == 0,
	    "table_parse_owned reads quoted, multi-line and plain rows");
	is_int(t.nrows, 6, "  six rows");
	for (i = 0; i < t.nrows && i < 6; i++) {
		is_str(table_get_name(&t, &t.rows[i], "name"), want[i][0],
		    "  name of each row");
		is_str(table_get_name(&t, &t.rows[i], "side"), want[i][1],
		    "  side of each row");
		is_str(table_get_name(&t, &t.rows[i], "org"), want[i][2],
		    "  org of each row");
		inside += t.rows[i].cell[1] >= t.buf &&
		    t.rows[i].cell[1] <= t.buf + len;
	}
	is_int(inside, 6, "  the names point into the buffer");
	is_int(t.rows[2].line, 5, "  physical lines still counted");
	is_str(ser(&t), "id,name,side,org\nP-1,\"Ann \"\"A\"\" Smith\",team,x\n"
	    "P-2,Bob,client,\"multi\nline, org\"\nP-3,Cy,team,plain\n"
	    "P-4,x,team,\nP-5,Dee,partner,\nP-6,\"Eve, E\",team,o\n",
	    "  and written back canonically");
	table_release(&t);
}

/*
 * The reader against libcsv itself: kam splits plain lines, and the plain
 * fields before a line's first quote, without libcsv (lib/table.c), and
 * must hand over exactly what libcsv would.  Deterministic random tables
 * (commas, quotes, spaces, CR, LF in the text columns; now and then a
 * stray quote) are read by libcsv alone, with kam's options, and by
 * table_parse (in place) and table_scan (streaming): the same rows and
 * fields when libcsv accepts the bytes, a refusal when it does not.
 */
struct ref_csv {
	char	 cells[64][3][64];	/* category, description, ref */
	int	 nrows, nf;
	int	 bad;
};

static int
keep_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
ref_field(void *s, size_t len, void *arg)
{
	struct ref_csv *rc = arg;
	int row = rc->nrows - 1;

	int k = rc->nf == 2 ? 0 : rc->nf == 4 ? 1 : rc->nf == 5 ? 2 : -1;

	/* The header is row -1; the text columns are fields 2, 4 and 5. */
	if (row >= 0 && row < 64 && k != -1 && len < 64) {
		if (s != NULL)
			memcpy(rc->cells[row][k], s, len);
		rc->cells[row][k][len] = '\0';
	}
	rc->nf++;
}

static void
ref_record(int c, void *arg)
{
	struct ref_csv *rc = arg;

	(void)c;
	if (rc->nf != 7)
		rc->bad = 1;
	rc->nf = 0;
	rc->nrows++;
}

static unsigned long rng_state = 12345;

static unsigned
rng(unsigned n)
{
	rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rng_state >> 33) % n);
}

static void
gen_field(struct kam_buf *b, int corrupt, unsigned min)
{
	static const char alpha[] = "ab ,\"\r\nxy";
	char v[8];
	size_t i, n = min + rng(7 - min);
	int special = 0;

	for (i = 0; i < n; i++) {
		v[i] = alpha[rng(sizeof(alpha) - 1)];
		special |= strchr(",\"\r\n", v[i]) != NULL;
	}
	v[n] = '\0';
	if (corrupt) {
		kam_buf_puts(b, rng(2) ? "a\"b" : "\"a\"b");
		return;
	}
	if (!special && rng(4) != 0) {
		kam_buf_puts(b, v);
		return;
	}
	kam_buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		if (v[i] == '"')
			kam_buf_putc(b, '"');
		kam_buf_putc(b, v[i]);
	}
	kam_buf_putc(b, '"');
}

static int
diff_row(void *arg, const struct table *t, const struct row *r)
{
	struct ref_csv *rc = arg;
	int k = rc->nf++;

	if (k >= rc->nrows || strcmp(table_get(t, r, 2), rc->cells[k][0]) ||
	    strcmp(table_get(t, r, 4), rc->cells[k][1]) ||
	    strcmp(table_get(t, r, 5), rc->cells[k][2]))
		rc->bad = 1;
	return 0;
}

static void
test_against_libcsv(void)
{
	struct kam_buf b = KAM_BUF_INIT;
	struct csv_parser p;
	struct ref_csv *rc = xcalloc(1, sizeof(*rc));
	struct table t = TABLE_INIT;
	int round, i, j, corrupt, same = 0, refused = 0, mism = 0, rows;

	for (round = 0; round < 400; round++) {
		kam_buf_reset(&b);
		kam_buf_puts(&b, "id,date,category,amount,description,ref,task\n");
		rows = 1 + (int)rng(40);
		corrupt = rng(4) == 0 ? (int)rng((unsigned)rows) : -1;
		for (i = 0; i < rows; i++) {
			kam_buf_printf(&b, "E-%d,2026-11-01,", i + 1);
			gen_field(&b, 0, 1);	/* a category is required */
			kam_buf_puts(&b, ",1.00,");
			gen_field(&b, i == corrupt && rng(2), 0);
			kam_buf_putc(&b, ',');
			gen_field(&b, i == corrupt, 0);
			kam_buf_puts(&b, ",");
			kam_buf_puts(&b, rng(3) ? "\n" : "\r\n");
		}
		memset(rc, 0, sizeof(*rc));
		rc->nrows = 0;
		csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL);
		csv_set_space_func(&p, keep_space);
		/* Row 0 is the header: its fields land in cells[-1], skipped. */
		if (csv_parse(&p, b.ptr, b.len, ref_field, ref_record, rc) !=
		    b.len || csv_fini(&p, ref_field, ref_record, rc) != 0)
			rc->bad = 1;
		csv_free(&p);
		rc->nrows--;	/* the header */
		reset();
		if (rc->bad || rc->nrows > 63) {
			if (!rc->bad)
				continue;
			refused++;
			if (table_parse(&t, &schema_expenses, "e.csv", 2, b.ptr,
			    b.len) == 0)
				mism++;
			table_release(&t);
			continue;
		}
		same++;
		if (table_parse(&t, &schema_expenses, "e.csv", 2, b.ptr,
		    b.len) != 0 || (int)t.nrows != rc->nrows) {
			mism++;
			table_release(&t);
			continue;
		}
		for (j = 0; j < rc->nrows; j++)
			if (strcmp(table_get(&t, &t.rows[j], 2), rc->cells[j][0]) ||
			    strcmp(table_get(&t, &t.rows[j], 4), rc->cells[j][1]) ||
			    strcmp(table_get(&t, &t.rows[j], 5), rc->cells[j][2]))
				mism++;
		table_release(&t);
		rc->nf = 0;
		rc->bad = 0;
		if (table_scan(&t, &schema_expenses, "e.csv", 2, b.ptr, b.len,
		    diff_row, rc) != 0 || rc->bad || rc->nf != rc->nrows)
			mism++;
		table_release(&t);
	}
	ok(same > 100 && refused > 20, "random tables: %d read, %d refused "
	    "by libcsv", same, refused);
	is_int(mism, 0, "  kam's reader (in place and streaming) agrees "
	    "with libcsv on every one");
	kam_buf_release(&b);
	free(rc);
}

int
main(void)
{
	kam_msg_capture(on_msg, NULL);
	test_round_trip();
	test_canonical_form();
	test_quoting();
	test_errors();
	test_field_limit();
	test_error_limit();
	test_flags_and_access();
	test_add_gaps_and_remove();
	test_check_value();
	test_scan();
	test_markers();
	test_in_place();
	test_against_libcsv();
	kam_msg_capture(NULL, NULL);
	kam_buf_release(&msgs);
	return done_testing();
}
