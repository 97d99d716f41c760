#!/bin/sh
# t0100: the CSV catalogue of RELIABILITY.md §4.1-4.2 (X1-X25) through
# real commands.  A bad risks.csv is written by hand and committed with
# plain git; `kam risk list` (work tree) and `kam risk add` (HEAD) must
# both exit 65 with the file:line message, change nothing, and leave the
# project usable: another table can still be written, and once the file
# is repaired `kam risk add` works again.  Then what must be accepted
# (BOM, CRLF, blank lines, unknown and reordered columns...) and the
# canonical form kam writes.
test_description='strict CSV reading, canonical CSV writing'
. "$(dirname "$0")/lib.sh"

H='id,title,category,probability,impact,strategy,owner,status,trigger,response,review,raised'

# The state a failed command must leave alone.
snap () {
	git rev-parse HEAD
	sha256sum .git/index risks.csv people.csv
	git status --porcelain
	find . -name '.kam-tmp*' -o -name '*.lock' ! -name kam.lock
	test ! -e .git/kam/txn || echo "journal left"
}

# commit_hand FILE: FILE becomes risks.csv, committed with plain git.
commit_hand () {
	cp "$1" risks.csv &&
	git add risks.csv &&
	git commit -q -m "hand edit of risks.csv"
}

# expect_bad CASE-FILE EXPECTED-STDERR-FILE: the whole protocol for one
# bad file.  Runs in a fresh project named after the case.
expect_bad () {
	new_project "p-$1" &&
	commit_hand "../$1" &&
	snap >../before &&
	test_expect_code 65 kam risk list >../out 2>../err &&
	test ! -s ../out &&
	test_cmp "../$2" ../err &&
	test_expect_code 65 kam risk list --format json >../out 2>../err &&
	test ! -s ../out &&
	test_cmp "../$2" ../err &&
	test_expect_code 65 kam risk add "Never written" -p 1 -i 1 >../out 2>../err &&
	test ! -s ../out &&
	test_cmp "../$2" ../err &&
	test_expect_code 65 kam risk close R-1 >../out 2>../err &&
	test_cmp "../$2" ../err &&
	snap >../after &&
	test_cmp ../before ../after &&
	# The next valid command succeeds...
	kam people add "Next" >../out &&
	echo P-1 >../expect &&
	test_cmp ../expect ../out &&
	# ...and after repairing the file by hand so does a risk write.
	echo "$H" >risks.csv &&
	kam commit -m repair 2>/dev/null &&
	kam risk add "After repair" -p 1 -i 1 >../out &&
	echo R-1 >../expect &&
	test_cmp ../expect ../out &&
	test -z "$(git status --porcelain)"
}

# ---- 4.1 CSV structure ----

test_expect_success 'X1 unterminated quote at EOF: 65 at the opening line' '
	printf "%s\nR-1,a,,3,5,,,open,,,,\nR-2,b,,3,5,,,open,,,,\nR-3,\"Supplier delay" "$H" >x1 &&
	echo "kam: risks.csv:4: unterminated quoted field (the quote opened on this line)" >x1.err &&
	expect_bad x1 x1.err
'

test_expect_success 'X2 quote opened in row 3 of 100, never closed: the opening line' '
	{
		echo "$H" &&
		echo "R-1,a,,3,5,,,open,,,," &&
		echo "R-2,b,,3,5,,,open,,,," &&
		echo "R-3,\"Supplier delay,,3,5,,,open,,,," &&
		i=4 && while test $i -le 100; do
			echo "R-$i,t$i,,3,5,,,open,,,,"; i=$((i + 1))
		done
	} >x2 &&
	echo "kam: risks.csv:4: unterminated quoted field (the quote opened on this line)" >x2.err &&
	expect_bad x2 x2.err
'

test_expect_success 'X3 quote inside an unquoted field: line and column' '
	printf "%s\nR-1,Supplier \"A\",,3,5,,,open,,,,\n" "$H" >x3 &&
	echo "kam: risks.csv:2: column 14: quote inside an unquoted field" >x3.err &&
	expect_bad x3 x3.err
'

test_expect_success 'X4 text after a closing quote: the column of the text' '
	printf "%s\nR-1,\"abc\"x,,3,5,,,open,,,,\n" "$H" >x4 &&
	echo "kam: risks.csv:2: column 10: text after a closing quote" >x4.err &&
	expect_bad x4 x4.err
'

test_expect_success 'X5 NUL byte inside a field: line and column' '
	printf "%s\nR-1,a\000b,,3,5,,,open,,,,\n" "$H" >x5 &&
	echo "kam: risks.csv:2:6: NUL byte (0x00)" >x5.err &&
	expect_bad x5 x5.err
'

# The header line is 90 bytes with its newline: row 2 starts at 90.
test_expect_success 'X6 invalid UTF-8 (0xff 0xfe): byte offset and line' '
	printf "%s\nR-1,a\377\376,,3,5,,,open,,,,\n" "$H" >x6a &&
	echo "kam: risks.csv:2: invalid UTF-8 at byte offset 95" >x6a.err &&
	expect_bad x6a x6a.err
'

test_expect_success 'X6 overlong encoding 0xc0 0xaf' '
	printf "%s\nR-1,ab\300\257,,3,5,,,open,,,,\n" "$H" >x6b &&
	echo "kam: risks.csv:2: invalid UTF-8 at byte offset 96" >x6b.err &&
	expect_bad x6b x6b.err
'

test_expect_success 'X6 UTF-16 surrogate 0xed 0xa0 0x80' '
	printf "%s\nR-1,a,,3,5,,,open,,,,\nR-2,\355\240\200,,3,5,,,open,,,,\n" "$H" >x6c &&
	echo "kam: risks.csv:3: invalid UTF-8 at byte offset 116" >x6c.err &&
	expect_bad x6c x6c.err
'

test_expect_success 'X6 truncated sequence at EOF' '
	printf "%s\nR-1,a,,3,5,,,open,,,,\nR-2,\344\270" "$H" >x6d &&
	echo "kam: risks.csv:3: invalid UTF-8 at byte offset 116" >x6d.err &&
	expect_bad x6d x6d.err
'

test_expect_success 'X12 ragged row: too few fields' '
	printf "%s\nR-1,a,,3,5,,,open,,,,\nR-2,b,,3,5,,,open,,,\n" "$H" >x12a &&
	echo "kam: risks.csv:3: expected 12 fields, found 11" >x12a.err &&
	expect_bad x12a x12a.err
'

test_expect_success 'X12 ragged row: an extra field' '
	printf "%s\nR-1,a,,3,5,,,open,,,,,\n" "$H" >x12b &&
	echo "kam: risks.csv:2: expected 12 fields, found 13" >x12b.err &&
	expect_bad x12b x12b.err
'

test_expect_success 'X13 duplicate column in the header' '
	printf "id,title,title,category,probability,impact,strategy,owner,status,trigger,response,review,raised\n" >x13a &&
	echo "kam: risks.csv:1: duplicate column '"'title'"'" >x13a.err &&
	expect_bad x13a x13a.err
'

test_expect_success 'X13 missing required column' '
	printf "id,category,probability,impact,strategy,owner,status,trigger,response,review,raised\nR-1,,3,5,,,open,,,,\n" >x13b &&
	echo "kam: risks.csv:1: missing column '"'title'"'" >x13b.err &&
	expect_bad x13b x13b.err
'

test_expect_success 'X13 header with an empty column name' '
	printf "%s,\nR-1,a,,3,5,,,open,,,,,\n" "$H" >x13c &&
	echo "kam: risks.csv:1: column 13 has an empty name" >x13c.err &&
	expect_bad x13c x13c.err
'

test_expect_success 'X14 empty file: 65, never zero records' '
	: >x14 &&
	echo "kam: risks.csv: file is empty (expected a header line)" >x14.err &&
	expect_bad x14 x14.err
'

test_expect_success 'X14 a BOM alone is an empty file too' '
	printf "\357\273\277" >x14b &&
	echo "kam: risks.csv: file is empty (expected a header line)" >x14b.err &&
	expect_bad x14b x14b.err
'

test_expect_success 'X15 a file of NUL bytes: 65 at line 1' '
	printf "\000\000\000\000\000\000\000\000" >x15 &&
	echo "kam: risks.csv:1:1: NUL byte (0x00)" >x15.err &&
	expect_bad x15 x15.err
'

test_expect_success 'X18 a 1 MiB field: 65 quickly' '
	{
		printf "%s\nR-1,a,,3,5,,,open,,,,\nR-2," "$H" &&
		head -c 1048576 /dev/zero | tr "\000" a &&
		printf ",,3,5,,,open,,,,\n"
	} >x18 &&
	echo "kam: risks.csv:3: field exceeds 262144 bytes" >x18.err &&
	start=$(date +%s) &&
	expect_bad x18 x18.err &&
	test $(($(date +%s) - start)) -le 5
'

test_expect_success 'X18 a field of exactly 262144 bytes is accepted' '
	new_project p-x18ok &&
	{
		printf "%s\nR-1," "$H" &&
		head -c 262144 /dev/zero | tr "\000" a &&
		printf ",,3,5,,,open,,,,\n"
	} >risks.csv &&
	kam risk list --format csv >../out &&
	test "$(wc -l <../out)" = 2
'

test_expect_success 'X19 a file over the size limit: 65 "file too large"' '
	new_project p-x19 &&
	printf "%s\n" "$H" >risks.csv &&
	truncate -s 67108865 risks.csv &&
	test_expect_code 65 kam risk list >../out 2>../err &&
	echo "kam: risks.csv: file too large (67108865 bytes; the limit is 64 MiB)" >../expect &&
	test_cmp ../expect ../err &&
	test ! -s ../out
'

test_expect_success 'X25 duplicate id: the second line, pointing at the first' '
	{
		echo "$H" &&
		echo "R-1,a,,3,5,,,open,,,," &&
		echo "R-2,b,,3,5,,,open,,,," &&
		echo "R-7,first,,3,5,,,open,,,," &&
		echo "R-3,c,,3,5,,,open,,,," &&
		echo "R-4,d,,3,5,,,open,,,," &&
		echo "R-5,e,,3,5,,,open,,,," &&
		echo "R-6,f,,3,5,,,open,,,," &&
		echo "R-7,second,,3,5,,,open,,,,"
	} >x25 &&
	echo "kam: risks.csv:9: duplicate id R-7 (first defined at risks.csv:4)" >x25.err &&
	expect_bad x25 x25.err
'

test_expect_success 'unresolved merge conflict markers: 65 at the marker' '
	{
		echo "$H" &&
		echo "R-1,a,,3,5,,,open,,,," &&
		echo "<<<<<<< ours" &&
		echo "R-2,b,,3,5,,,open,,,," &&
		echo "=======" &&
		echo "R-2,c,,3,5,,,open,,,," &&
		echo ">>>>>>> theirs"
	} >conflict &&
	echo "kam: risks.csv:3: unresolved merge conflict marker '"'<<<<<<<'"'" >conflict.err &&
	expect_bad conflict conflict.err
'

test_expect_success 'invalid cells: every bad cell with file:line and column name' '
	{
		echo "$H" &&
		echo "R-1,a,,6,5,,,open,,,," &&
		echo "R-2,b,,3,5,,,opne,,,," &&
		echo "R-3,c,,3,5,,p-1,open,,,2026-02-30,"
	} >cells &&
	cat >cells.err <<-\EOF &&
	kam: risks.csv:2: probability: invalid value '"'"'6'"'"': expected an integer 1-5
	kam: risks.csv:3: status: invalid value '"'"'opne'"'"': expected one of: open closed occurred
	kam: risks.csv:4: owner: invalid value '"'"'p-1'"'"': prefix must be upper case
	kam: risks.csv:4: review: invalid value '"'"'2026-02-30'"'"': February 2026 has 28 days
	EOF
	expect_bad cells cells.err
'

test_expect_success 'X33 required field empty' '
	printf "%s\nR-1,,,3,5,,,open,,,,\n" "$H" >x33 &&
	echo "kam: risks.csv:2: title: invalid value '"''"': must not be empty" >x33.err &&
	expect_bad x33 x33.err
'

test_expect_success 'P1/P4 ids in the file: path-like, lower case, trailing space' '
	{
		echo "$H" &&
		echo "../x,a,,3,5,,,open,,,," &&
		echo "r-2,b,,3,5,,,open,,,," &&
		echo "\"R-3 \",c,,3,5,,,open,,,," &&
		echo "R-04,d,,3,5,,,open,,,,"
	} >ids &&
	cat >ids.err <<-\EOF &&
	kam: risks.csv:2: id: invalid id '"'"'../x'"'"' (expected e.g. R-12): expected PREFIX-N, e.g. R-12
	kam: risks.csv:3: id: invalid id '"'"'r-2'"'"' (expected e.g. R-12): prefix must be upper case
	kam: risks.csv:4: id: invalid id '"'"'R-3 '"'"' (expected e.g. R-12): trailing space or control character
	kam: risks.csv:5: id: invalid id '"'"'R-04'"'"' (expected e.g. R-12): leading zeros not allowed
	EOF
	expect_bad ids ids.err
'

test_expect_success 'too many errors: the first 20 are shown, then a note' '
	{
		echo "$H" &&
		i=1 && while test $i -le 30; do
			echo "R-$i,t,,9,5,,,open,,,,"; i=$((i + 1))
		done
	} >many &&
	i=1 && while test $i -le 19; do
		echo "kam: risks.csv:$((i + 1)): probability: invalid value '"'9'"': expected an integer 1-5"
		i=$((i + 1))
	done >many.err &&
	echo "kam: risks.csv:21: probability: invalid value '"'9'"': expected an integer 1-5 (further errors not shown)" >>many.err &&
	expect_bad many many.err
'

# ---- what must be accepted ----

test_expect_success 'X7 BOM accepted; the rewrite has no BOM' '
	new_project p-x7 &&
	printf "\357\273\277%s\nR-1,a,,3,5,,,open,,,,\n" "$H" >risks.csv &&
	git commit -q -am bom &&
	kam risk list --format csv >../out &&
	cat >../expect <<-\EOF &&
	"id","title","category","probability","impact","strategy","owner","status","trigger","response","review","raised","score","level"
	"R-1","a","","3","5","","","open","","","","","15","critical"
	EOF
	test_cmp ../expect ../out &&
	kam risk add b -p 1 -i 1 >/dev/null &&
	printf "%s\nR-1,a,,3,5,,,open,,,,\nR-2,b,,1,1,,,open,,,,2026-11-27\n" "$H" >../expect &&
	test_cmp ../expect risks.csv &&
	git show HEAD:risks.csv >../committed &&
	test_cmp ../expect ../committed
'

test_expect_success 'X9 CRLF accepted; the rewrite is LF and stays canonical' '
	new_project p-x9 &&
	printf "%s\r\nR-1,\"two\r\nlines\",,3,5,,,open,,,,\r\nR-2,b,,3,5,,,open,,,,\r\n" "$H" >risks.csv &&
	git commit -q -am crlf &&
	kam risk list --format json >../out &&
	grep -q "\"title\":\"two\\\\r\\\\nlines\"" ../out &&
	grep -q "\"id\":\"R-2\"" ../out &&
	kam risk add c -p 1 -i 1 >/dev/null &&
	printf "%s\nR-1,\"two\r\nlines\",,3,5,,,open,,,,\nR-2,b,,3,5,,,open,,,,\nR-3,c,,1,1,,,open,,,,2026-11-27\n" "$H" >../expect &&
	test_cmp ../expect risks.csv &&
	kam risk add d -p 1 -i 1 >/dev/null &&
	git diff HEAD~1 HEAD -- risks.csv | grep "^[-+][^-+]" >../diff &&
	echo "+R-4,d,,1,1,,,open,,,,2026-11-27" >../expect &&
	test_cmp ../expect ../diff
'

test_expect_success 'X9 with core.autocrlf=true git status is clean after a kam write' '
	new_project p-x9b &&
	git config core.autocrlf true &&
	kam risk add a -p 1 -i 1 >/dev/null &&
	test -z "$(git status --porcelain)" &&
	kam people add Ann >/dev/null &&
	kam risk assess R-1 --owner P-1 &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'X11 blank lines accepted; line numbers stay physical' '
	new_project p-x11 &&
	printf "%s\n\nR-1,a,,3,5,,,open,,,,\n\n\nR-2,b,,3,5,,,open,,,,\n" "$H" >risks.csv &&
	kam risk list --format csv >../out &&
	test "$(wc -l <../out)" = 3 &&
	printf "%s\n\nR-1,a,,3,5,,,open,,,,\n\n\nR-2,b,,3,5,,,open,,,\n" "$H" >risks.csv &&
	test_expect_code 65 kam risk list 2>../err &&
	echo "kam: risks.csv:6: expected 12 fields, found 11" >../expect &&
	test_cmp ../expect ../err
'

test_expect_success 'X13 unknown columns are kept verbatim on rewrite, in place' '
	new_project p-x13 &&
	cat >risks.csv <<-\EOF &&
	id,title,mine,category,probability,impact,strategy,owner,status,trigger,response,review,raised,note
	R-2,b,"x, ""y""",,3,5,,,open,,,,,keep me
	R-10,a,,,3,5,,,open,,,,,"multi
	line"
	EOF
	git commit -q -am "own columns" &&
	kam risk add "New" -p 1 -i 1 >../out &&
	echo R-11 >../expect &&
	test_cmp ../expect ../out &&
	cat >../expect <<-\EOF &&
	id,title,mine,category,probability,impact,strategy,owner,status,trigger,response,review,raised,note
	R-2,b,"x, ""y""",,3,5,,,open,,,,,keep me
	R-10,a,,,3,5,,,open,,,,,"multi
	line"
	R-11,New,,,1,1,,,open,,,,2026-11-27,
	EOF
	test_cmp ../expect risks.csv &&
	kam risk list --format json >../out &&
	grep -q "\"mine\":\"x, \\\\\"y\\\\\"\"" ../out &&
	grep -q "\"note\":\"keep me\"" ../out
'

test_expect_success 'X13 reordered columns are read by name and keep their order' '
	new_project p-x13b &&
	cat >risks.csv <<-\EOF &&
	status,title,id,impact,probability,category,strategy,owner,trigger,response,review,raised
	open,Second,R-2,5,1,,,,,,,
	closed,First,R-1,1,4,,,,,,,
	EOF
	git commit -q -am reordered &&
	kam risk list --format csv >../out &&
	cat >../expect <<-\EOF &&
	"status","title","id","impact","probability","category","strategy","owner","trigger","response","review","raised","score","level"
	"closed","First","R-1","1","4","","","","","","","","4","low"
	"open","Second","R-2","5","1","","","","","","","","5","medium"
	EOF
	test_cmp ../expect ../out &&
	kam risk close R-2 &&
	cat >../expect <<-\EOF &&
	status,title,id,impact,probability,category,strategy,owner,trigger,response,review,raised
	closed,First,R-1,1,4,,,,,,,
	closed,Second,R-2,5,1,,,,,,,
	EOF
	test_cmp ../expect risks.csv
'

test_expect_success 'an optional column missing from the header is added at the end when set' '
	new_project p-opt &&
	printf "id,title,category,probability,impact,strategy,owner,status,trigger,response,raised\nR-1,a,,3,5,,,open,,,\n" >risks.csv &&
	git commit -q -am "no review column" &&
	kam risk list >/dev/null &&
	kam risk add b -p 1 -i 1 >/dev/null &&
	printf "id,title,category,probability,impact,strategy,owner,status,trigger,response,raised\nR-1,a,,3,5,,,open,,,\nR-2,b,,1,1,,,open,,,2026-11-27\n" >../expect &&
	test_cmp ../expect risks.csv &&
	kam risk assess R-1 --review 2026-12-24 &&
	printf "id,title,category,probability,impact,strategy,owner,status,trigger,response,raised,review\nR-1,a,,3,5,,,open,,,,2026-12-24\nR-2,b,,1,1,,,open,,,2026-11-27,\n" >../expect &&
	test_cmp ../expect risks.csv
'

test_expect_success 'X16 header only: zero records' '
	new_project p-x16 &&
	kam risk list >../out &&
	echo "id  title  category  probability  impact  score  level  owner  status  review" >../expect &&
	test_cmp ../expect ../out &&
	kam risk list --format json >../out &&
	echo "[]" >../expect &&
	test_cmp ../expect ../out &&
	kam risk add first -p 1 -i 1 >../out &&
	echo R-1 >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'X17 no trailing newline: accepted, the writer adds one' '
	new_project p-x17 &&
	printf "%s\nR-1,a,,3,5,,,open,,,," "$H" >risks.csv &&
	git commit -q -am "no newline" &&
	kam risk list --format csv >../out &&
	test "$(wc -l <../out)" = 2 &&
	kam risk close R-1 &&
	printf "%s\nR-1,a,,3,5,,,closed,,,,\n" "$H" >../expect &&
	test_cmp ../expect risks.csv
'

test_expect_success 'X17 header without a newline' '
	new_project p-x17b &&
	printf "%s" "$H" >risks.csv &&
	git commit -q -am "bare header" &&
	kam risk add a -p 1 -i 1 >/dev/null &&
	printf "%s\nR-1,a,,1,1,,,open,,,,2026-11-27\n" "$H" >../expect &&
	test_cmp ../expect risks.csv
'

test_expect_success 'X20 100,000 doubled quotes in one field: accepted, fast' '
	new_project p-x20 &&
	{
		printf "%s\nR-1,\"" "$H" &&
		head -c 200000 /dev/zero | tr "\000" "\"" &&
		printf "\",,3,5,,,open,,,,\n"
	} >risks.csv &&
	git commit -q -am quotes &&
	cp risks.csv ../before &&
	start=$(date +%s) &&
	kam risk list --format csv >../out &&
	kam risk add b -p 1 -i 1 >/dev/null &&
	test $(($(date +%s) - start)) -le 5 &&
	head -n 2 risks.csv >../two &&
	test_cmp ../before ../two
'

test_expect_success 'X21 embedded newlines: later rows keep physical line numbers' '
	new_project p-x21 &&
	printf "%s\nR-1,\"a\nb\nc\",,3,5,,,open,,,,\nR-2,b,,3,5,,,opne,,,,\n" "$H" >risks.csv &&
	test_expect_code 65 kam risk list 2>../err &&
	echo "kam: risks.csv:5: status: invalid value '"'opne'"': expected one of: open closed occurred" >../expect &&
	test_cmp ../expect ../err &&
	printf "%s\nR-1,\"a\nb\nc\",,3,5,,,open,,,,\nR-2,b,,3,5,,,open,,,,\n" "$H" >risks.csv &&
	kam risk list --format json >../out &&
	grep -q "\"title\":\"a\\\\nb\\\\nc\"" ../out
'

test_expect_success 'X23 control characters are stored verbatim' '
	new_project p-x23 &&
	title=$(printf "Esc\033[2J bell\007 bs\010 rlo\342\200\256x") &&
	kam risk add "$title" -p 1 -i 1 >/dev/null &&
	printf "R-1,%s,,1,1,,,open,,,,2026-11-27\n" "$title" >../expect &&
	tail -n 1 risks.csv >../got &&
	test_cmp ../expect ../got
'

# ---- the canonical form ----

test_expect_success 'rows are written sorted by numeric id: R-2 before R-10' '
	new_project p-sort &&
	{
		echo "$H" &&
		echo "R-10,ten,,1,1,,,open,,,," &&
		echo "R-9,nine,,1,1,,,open,,,," &&
		echo "R-2,two,,1,1,,,open,,,," &&
		echo "R-1,one,,1,1,,,open,,,,"
	} >risks.csv &&
	git commit -q -am unsorted &&
	kam risk list --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"R-1\"\n\"R-2\"\n\"R-9\"\n\"R-10\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam risk add eleven -p 1 -i 1 >../out &&
	echo R-11 >../expect &&
	test_cmp ../expect ../out &&
	cut -d, -f1 risks.csv >../ids &&
	printf "id\nR-1\nR-2\nR-9\nR-10\nR-11\n" >../expect &&
	test_cmp ../expect ../ids
'

test_expect_success 'ids are never reused: the next id follows the highest' '
	new_project p-gap &&
	printf "%s\nR-3,c,,1,1,,,open,,,,\n" "$H" >risks.csv &&
	git commit -q -am gap &&
	kam risk add d -p 1 -i 1 >../out &&
	echo R-4 >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'quoting only when needed' '
	new_project p-quote &&
	kam risk add "plain title" -p 1 -i 1 >/dev/null &&
	kam risk add "a, b" -p 1 -i 1 >/dev/null &&
	kam risk add "say \"hi\"" -p 1 -i 1 >/dev/null &&
	kam risk add " lead" -p 1 -i 1 >/dev/null &&
	kam risk add "trail " -p 1 -i 1 >/dev/null &&
	kam risk add "$(printf "two\nlines")" -p 1 -i 1 >/dev/null &&
	kam risk add "数据迁移" -p 1 -i 1 >/dev/null &&
	kam risk add "semi;colon =1+2 @x" -p 1 -i 1 >/dev/null &&
	cat >../expect <<-EOF &&
	$H
	R-1,plain title,,1,1,,,open,,,,2026-11-27
	R-2,"a, b",,1,1,,,open,,,,2026-11-27
	R-3,"say ""hi""",,1,1,,,open,,,,2026-11-27
	R-4," lead",,1,1,,,open,,,,2026-11-27
	R-5,"trail ",,1,1,,,open,,,,2026-11-27
	R-6,"two
	lines",,1,1,,,open,,,,2026-11-27
	R-7,数据迁移,,1,1,,,open,,,,2026-11-27
	R-8,semi;colon =1+2 @x,,1,1,,,open,,,,2026-11-27
	EOF
	test_cmp ../expect risks.csv &&
	kam risk list --format json >../out &&
	grep -q "\"title\":\" lead\"" ../out &&
	grep -q "\"title\":\"trail \"" ../out
'

test_expect_success 'a canonical file is rewritten byte for byte (plus the new row)' '
	new_project p-canon &&
	cat >risks.csv <<-EOF &&
	$H
	R-1,Supplier delay,schedule,4,4,mitigate,,open,late PO,"weekly calls, escalate",2026-12-01,2026-11-02
	R-2,"quoted ""word""",,2,3,accept,,closed,,,,2026-11-03
	R-3,数据迁移延误,technical,5,3,,,occurred,,,,2026-11-04
	EOF
	git commit -q -am canonical &&
	cp risks.csv ../canon &&
	kam risk add "Fourth" -p 1 -i 2 >/dev/null &&
	echo "R-4,Fourth,,1,2,,,open,,,,2026-11-27" >>../canon &&
	test_cmp ../canon risks.csv &&
	git show HEAD:risks.csv >../committed &&
	test_cmp ../canon ../committed
'

test_expect_success 'people.csv: money written with exactly the minor digits' '
	new_project p-money &&
	kam people add A --rate 12.3 >/dev/null &&
	kam people add B --rate -0 >/dev/null &&
	kam people add C --rate 900 >/dev/null &&
	cut -d, -f9 people.csv >../rates &&
	printf "rate\n12.30\n0.00\n900.00\n" >../expect &&
	test_cmp ../expect ../rates
'

test_expect_success 'A4/A5 money cells of a hand edit are written canonically' '
	new_project p-money2 &&
	cat >people.csv <<-\EOF &&
	id,name,side,org,role,email,skills,capacity,rate,influence,interest
	P-1,A,team,,,,,,12.3,,
	P-2,B,team,,,,,,-0.00,,
	P-3,C,team,,,,,,7,,
	EOF
	git commit -q -am "hand money" &&
	kam people list --format json >../out &&
	grep -q "\"rate\":12.30," ../out &&
	grep -q "\"rate\":0.00," ../out &&
	grep -q "\"rate\":7.00," ../out &&
	kam people add D >/dev/null &&
	cut -d, -f9 people.csv >../rates &&
	printf "rate\n12.30\n0.00\n7.00\n\n" >../expect &&
	test_cmp ../expect ../rates
'

test_expect_success 'invalid money in the file: 65 with the reason' '
	new_project p-money3 &&
	printf "id,name,side,org,role,email,skills,capacity,rate,influence,interest\nP-1,A,team,,,,,,12.345,,\nP-2,B,team,,,,,,\"1,5\",,\n" >people.csv &&
	test_expect_code 65 kam people list 2>../err &&
	cat >../expect <<-\EOF &&
	kam: people.csv:2: rate: invalid value '"'"'12.345'"'"': more decimals than the currency has (2)
	kam: people.csv:3: rate: invalid value '"'"'1,5'"'"': use '"'"'.'"'"' as decimal separator
	EOF
	test_cmp ../expect ../err
'

test_done
