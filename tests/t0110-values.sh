#!/bin/sh
# t0110: values on the command line (RELIABILITY §4.3-4.5): amounts,
# dates, integers, enums and ids, each refused with 64 and a message that
# names the option and the value, nothing changed; valid ones stored in
# their canonical form.
test_description='strict values through commands'
. "$(dirname "$0")/lib.sh"

snap () {
	git rev-parse HEAD
	sha256sum .git/index risks.csv people.csv
	git status --porcelain
}

# refused EXPECTED-MESSAGE kam-args...: exit 64, nothing on stdout, the
# message on stderr exactly, nothing changed.
refused () {
	msg=$1
	shift
	snap >../before &&
	test_expect_code 64 "$KAM" "$@" >../out 2>../err &&
	test ! -s ../out &&
	echo "$msg" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after
}

test_expect_success 'setup' '
	new_project &&
	test "$(git rev-parse --show-toplevel)" = "$TRASH/proj" &&
	kam people add Ann --rate 900 >/dev/null &&
	kam risk add "First" -p 2 -i 3 --owner P-1 >/dev/null
'

# ---- 4.3 amounts ----

test_expect_success 'A1 exponent notation' '
	cd proj &&
	refused "kam: --rate: invalid amount '"'1e9'"': exponent notation not allowed" \
	    people add X --rate 1e9
'

test_expect_success 'A-neg a negative day rate is refused (issue 17): on the command line 64, in people.csv 65' '
	cd proj &&
	refused "kam: --rate: invalid amount '"'-12.50'"': a rate must not be negative" \
	    people add X --rate -12.50 &&
	refused "kam: --rate: invalid amount '"'-0.01'"': a rate must not be negative" \
	    people set P-1 --rate -0.01 &&
	refused "kam: --rate: invalid amount '"'-92233720368547758.07'"': a rate must not be negative" \
	    people add X --rate -92233720368547758.07 &&
	kam people set P-1 --rate 0 >/dev/null &&
	grep -q "^P-1,Ann,team,,,,,,0.00,," people.csv &&
	sed "s/^P-1,Ann,team,,,,,,0.00,,/P-1,Ann,team,,,,,,-900.00,,/" people.csv >p.tmp &&
	mv p.tmp people.csv &&
	git commit -q -am "negative rate by hand" &&
	test_expect_code 65 kam people list >../out 2>../err &&
	grep -q "people.csv:2: .*rate.*must not be negative" ../err &&
	git revert --no-edit HEAD >/dev/null &&
	kam people set P-1 --rate 900 >/dev/null
'

test_expect_success 'A2 decimal comma, in every locale' '
	cd proj &&
	refused "kam: --rate: invalid amount '"'12,34'"': use '"'.'"' as decimal separator" \
	    people add X --rate 12,34 &&
	for l in C C.UTF-8 de_DE.UTF-8 fr_FR.UTF-8; do
		LC_ALL=$l refused "kam: --rate: invalid amount '"'12,34'"': use '"'.'"' as decimal separator" \
		    people add X --rate 12,34 || return 1
	done
'

test_expect_success 'A3 grouping separators' '
	cd proj &&
	refused "kam: --rate: invalid amount '"'1,234.56'"': thousands separators not allowed" \
	    people add X --rate 1,234.56 &&
	refused "kam: --rate: invalid amount '"'1.234,56'"': thousands separators not allowed" \
	    people add X --rate 1.234,56 &&
	for v in "1 234,56" "1'"'"'234.56" "1_000.00"; do
		test_expect_code 64 kam people add X --rate "$v" 2>/dev/null || return 1
	done
'

test_expect_success 'A4 too many decimals is refused, never rounded' '
	cd proj &&
	refused "kam: --rate: invalid amount '"'12.345'"': more decimals than the currency has (2)" \
	    people add X --rate 12.345
'

test_expect_success 'A6 a plus sign' '
	cd proj &&
	refused "kam: --rate: invalid amount '"'+5.00'"': '"'+'"' sign not allowed" \
	    people add X --rate +5.00
'

test_expect_success 'A7 digits missing on one side of the point' '
	cd proj &&
	for v in .50 5. -.5; do
		refused "kam: --rate: invalid amount '"'"'$v'"'"': digits required on both sides of '"'.'"'" \
		    people add X --rate "$v" || return 1
	done
'

test_expect_success 'A9 out of range' '
	cd proj &&
	refused "kam: --rate: invalid amount '"'92233720368547758.08'"': out of range" \
	    people add X --rate 92233720368547758.08 &&
	refused "kam: --rate: invalid amount '"'-92233720368547758.08'"': out of range" \
	    people add X --rate -92233720368547758.08 &&
	refused "kam: --rate: invalid amount '"'99999999999999999999999'"': out of range" \
	    people add X --rate 99999999999999999999999
'

test_expect_success 'A11 NaN, inf, hexadecimal' '
	cd proj &&
	refused "kam: --rate: invalid amount '"'NaN'"': not a number" \
	    people add X --rate NaN &&
	refused "kam: --rate: invalid amount '"'0x1p3'"': hexadecimal notation not allowed" \
	    people add X --rate 0x1p3 &&
	test_expect_code 64 kam people add X --rate inf 2>/dev/null &&
	test_expect_code 64 kam people add X --rate -Infinity 2>/dev/null
'

test_expect_success 'A12 currency symbols and codes' '
	cd proj &&
	refused "kam: --rate: invalid amount '"'€12.50'"': currency symbols not allowed" \
	    people add X --rate €12.50 &&
	for v in "12.50 EUR" "\$12.50" "¥12"; do
		test_expect_code 64 kam people add X --rate "$v" 2>/dev/null || return 1
	done
'

test_expect_success 'A14 leading or trailing space' '
	cd proj &&
	refused "kam: --rate: invalid amount '"' 12.50'"': leading or trailing space" \
	    people add X --rate " 12.50" &&
	refused "kam: --rate: invalid amount '"'12.50 '"': leading or trailing space" \
	    people add X --rate "12.50 "
'

test_expect_success 'A4/A5/A8 valid amounts are stored with exactly two decimals' '
	cd proj &&
	for v in 12.3 12 -0 -0.00 92233720368547758.07 7.5 1 0.01; do
		kam people add "R $v" --rate "$v" >/dev/null || return 1
	done &&
	cut -d, -f9 people.csv >../rates &&
	cat >../expect <<-\EOF &&
	rate
	900.00
	12.30
	12.00
	0.00
	0.00
	92233720368547758.07
	7.50
	1.00
	0.01
	EOF
	test_cmp ../expect ../rates
'

test_expect_success 'A15 a German locale changes nothing' '
	cd proj &&
	LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 kam people add "Lokal" --rate 12.34 >../out &&
	echo P-10 >../expect &&
	test_cmp ../expect ../out &&
	tail -n 1 people.csv >../got &&
	echo "P-10,Lokal,team,,,,,,12.34,," >../expect &&
	test_cmp ../expect ../got &&
	LC_ALL=de_DE.UTF-8 kam people show P-10 --format json >../out &&
	grep -q "\"rate\":12.34," ../out
'

test_expect_success 'an empty --rate unsets the rate' '
	cd proj &&
	kam people set P-10 --rate "" &&
	tail -n 1 people.csv >../got &&
	echo "P-10,Lokal,team,,,,,,,," >../expect &&
	test_cmp ../expect ../got
'

# ---- 4.4 dates ----

test_expect_success 'D1 February 30th' '
	cd proj &&
	refused "kam: --review: invalid value '"'2026-02-30'"': February 2026 has 28 days" \
	    risk add X -p 1 -i 1 --review 2026-02-30
'

test_expect_success 'D2 leap years' '
	cd proj &&
	refused "kam: --review: invalid value '"'2026-02-29'"': February 2026 has 28 days" \
	    risk add X -p 1 -i 1 --review 2026-02-29 &&
	refused "kam: --review: invalid value '"'2100-02-29'"': February 2100 has 28 days" \
	    risk add X -p 1 -i 1 --review 2100-02-29 &&
	kam risk add "Leap 2024" -p 1 -i 1 --review 2024-02-29 >/dev/null &&
	kam risk add "Leap 2000" -p 1 -i 1 --review 2000-02-29 >/dev/null &&
	cut -d, -f2,11 risks.csv | tail -n 2 >../got &&
	printf "Leap 2024,2024-02-29\nLeap 2000,2000-02-29\n" >../expect &&
	test_cmp ../expect ../got
'

test_expect_success 'D3 months and days out of range' '
	cd proj &&
	refused "kam: --review: invalid value '"'2026-13-01'"': month must be 01-12" \
	    risk assess R-1 --review 2026-13-01 &&
	refused "kam: --review: invalid value '"'2026-00-10'"': month must be 01-12" \
	    risk assess R-1 --review 2026-00-10 &&
	refused "kam: --review: invalid value '"'2026-01-00'"': day must be 01-31" \
	    risk assess R-1 --review 2026-01-00 &&
	refused "kam: --review: invalid value '"'2026-04-31'"': April 2026 has 30 days" \
	    risk assess R-1 --review 2026-04-31
'

test_expect_success 'D4 other shapes' '
	cd proj &&
	for d in 2026-2-3 " 2026-02-03" 2026-02-03x 2026/02/03 03.02.2026 02/03/2026 20260203 "2026-02-03 "; do
		refused "kam: --review: invalid value '"'"'$d'"'"': expected YYYY-MM-DD" \
		    risk assess R-1 --review "$d" || return 1
	done
'

test_expect_success 'D6 a time in a date-only field' '
	cd proj &&
	refused "kam: --review: invalid value '"'2026-02-03T10:00+14:00'"': expected YYYY-MM-DD without a time" \
	    risk assess R-1 --review 2026-02-03T10:00+14:00
'

test_expect_success 'dates outside 1900-2999' '
	cd proj &&
	refused "kam: --review: invalid value '"'1899-12-31'"': year out of range 1900-2999" \
	    risk assess R-1 --review 1899-12-31 &&
	refused "kam: --review: invalid value '"'3000-01-01'"': year out of range 1900-2999" \
	    risk assess R-1 --review 3000-01-01 &&
	kam risk assess R-1 --review 1900-01-01 &&
	kam risk assess R-1 --review 2999-12-31 &&
	grep -q "^R-1,First,,2,3,,P-1,open,,,2999-12-31,2026-11-27\$" risks.csv
'

test_expect_success 'dates are not shifted by the time zone' '
	cd proj &&
	for tz in UTC Pacific/Kiritimati America/St_Johns Pacific/Pago_Pago; do
		TZ=$tz kam risk assess R-1 --review 2026-03-29 &&
		grep -q "^R-1,First,,2,3,,P-1,open,,,2026-03-29,2026-11-27\$" risks.csv &&
		TZ=$tz kam risk assess R-1 --review 2026-03-30 || return 1
	done
'

test_expect_success 'kam init --start refuses an invalid date' '
	refused_init () {
		test_expect_code 64 kam -C "$1" init --start "$2" >out 2>err &&
		test ! -s out && test ! -e "$1/kam.conf"
	} &&
	refused_init i1 2026-02-29 &&
	echo "kam: --start: invalid date '"'2026-02-29'"': February 2026 has 28 days" >expect &&
	test_cmp expect err &&
	refused_init i2 2026-1-5
'

# ---- integers and enums ----

test_expect_success 'probability and impact: integers 1-5 only' '
	cd proj &&
	for v in 0 6 -1 3.0 " 3" 03 +3 x 99999999999999999999; do
		refused "kam: -p: invalid value '"'"'$v'"'"': expected an integer 1-5" \
		    risk assess R-1 -p "$v" || return 1
	done &&
	refused "kam: -i: invalid value '"'9'"': expected an integer 1-5" \
	    risk assess R-1 -i 9 &&
	refused "kam: -p: invalid value '"''"': must not be empty" \
	    risk assess R-1 -p ""
'

test_expect_success 'capacity, influence, interest ranges' '
	cd proj &&
	refused "kam: --capacity: invalid value '"'101'"': expected an integer 0-100" \
	    people set P-1 --capacity 101 &&
	refused "kam: --capacity: invalid value '"'050'"': expected an integer 0-100" \
	    people set P-1 --capacity 050 &&
	refused "kam: --influence: invalid value '"'0'"': expected an integer 1-5" \
	    people set P-1 --influence 0 &&
	refused "kam: --interest: invalid value '"'6'"': expected an integer 1-5" \
	    people set P-1 --interest 6 &&
	kam people set P-1 --capacity 0 --influence 1 --interest 5 &&
	grep -q "^P-1,Ann,team,,,,,0,900.00,1,5\$" people.csv
'

test_expect_success 'enums are exact and lower case' '
	cd proj &&
	refused "kam: --strategy: invalid value '"'Mitigate'"': expected one of: avoid mitigate transfer accept" \
	    risk assess R-1 --strategy Mitigate &&
	refused "kam: --side: invalid value '"'boss'"': expected one of: client team partner" \
	    people set P-1 --side boss &&
	refused "kam: --status: invalid value '"'nope'"': expected one of: open closed occurred" \
	    risk list --status nope &&
	refused "kam: --side: invalid value '"'Client'"': expected one of: client team partner" \
	    people list --side Client
'

test_expect_success 'text options must be valid UTF-8' '
	cd proj &&
	refused "kam: --category: value is not valid UTF-8 (byte 1)" \
	    risk assess R-1 --category "$(printf "a\377")" &&
	refused "kam: title: value is not valid UTF-8 (byte 0)" \
	    risk add "$(printf "\300\257")" -p 1 -i 1
'

# ---- 4.5 identifiers and paths ----

test_expect_success 'P1 path-like ids: 64 before any file is touched' '
	cd proj &&
	for id in ../x "..\\x" a/../../x /etc/passwd . .. x/..; do
		refused "kam: invalid risk id '"'"'$id'"'"' (expected e.g. R-12)" \
		    risk show "$id" || return 1
	done &&
	refused "kam: invalid risk id '"'R-1/../R-2'"' (expected e.g. R-12): unexpected text after the number" \
	    risk show R-1/../R-2 &&
	refused "kam: invalid risk id '"'R-'"' (expected e.g. R-12): expected a number after '"'-'"'" \
	    risk show R-
'

test_expect_success 'P2 no decoding: URL-encoded and overlong forms' '
	cd proj &&
	refused "kam: invalid risk id '"'%2e%2e%2f'"' (expected e.g. R-12)" \
	    risk show %2e%2e%2f &&
	test_expect_code 64 kam risk show "$(printf "\300\256\300\256/")" 2>/dev/null
'

test_expect_success 'P4 trailing CR, space, dot, embedded newline' '
	cd proj &&
	for id in "$(printf "R-1\r")" "R-1 " "R-1." "$(printf "R-1\nR-2")" " R-1" "R-1x"; do
		test_expect_code 64 kam risk show "$id" >../out 2>/dev/null &&
		test ! -s ../out || return 1
	done
'

test_expect_success 'P5 a 300-character id' '
	cd proj &&
	long=$(printf "%0300d" 1) &&
	test_expect_code 64 kam risk show "R-$long" 2>/dev/null &&
	test_expect_code 64 kam risk close "$long" 2>/dev/null
'

test_expect_success 'ids: wrong prefix, zero, leading zero, too large, lookalike' '
	cd proj &&
	for id in P-1 R-0 R-01 R-1000000000 R- -1 "Р-1" RR-1; do
		test_expect_code 64 kam risk show "$id" >../out 2>/dev/null &&
		test ! -s ../out || return 1
	done &&
	refused "kam: --owner: invalid person id '"'bob'"' (expected e.g. P-3)" \
	    risk list --owner bob
'

test_expect_success 'a well-formed id that does not exist: 65' '
	cd proj &&
	snap >../before &&
	test_expect_code 65 kam risk show R-99 >../out 2>../err &&
	echo "kam: risk R-99 does not exist in risks.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam risk close r-99 2>../err &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam people set P-99 --role x 2>../err &&
	echo "kam: person P-99 does not exist in people.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam risk add X -p 1 -i 1 --owner P-99 2>../err &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'ids are case-insensitive on the command line' '
	cd proj &&
	kam risk show r-1 >../a &&
	kam risk show R-1 >../b &&
	test_cmp ../a ../b &&
	grep -q "^id: *R-1\$" ../a &&
	kam risk assess r-1 --owner p-1 -p 4 &&
	git log -1 --format=%s >../subject &&
	echo "kam: risk assess R-1: First" >../expect &&
	test_cmp ../expect ../subject &&
	grep -q "^R-1,First,,4,3,,P-1,open," risks.csv &&
	kam risk list --owner p-1 --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"R-1\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam people show p-1 >/dev/null &&
	kam risk close r-1 &&
	echo "kam: risk close R-1: First" >../expect &&
	git log -1 --format=%s >../subject &&
	test_cmp ../expect ../subject
'

test_done
