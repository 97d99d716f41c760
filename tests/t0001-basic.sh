#!/bin/sh
# t0001: the binary itself: --version, the overview, -h at every level,
# usage errors (64), unknown commands and verbs, and global options
# before or after the command words (SPEC §3).
test_description='kam basics'
. "$(dirname "$0")/lib.sh"

version=$(sed -n 's/^#define KAM_VERSION "\(.*\)"$/\1/p' "$SRC_DIR/lib/kam.h")

# Exit code and both streams of one run: run_kam OUT ERR args...
run_kam () {
	o=$1 e=$2
	shift 2
	"$KAM" "$@" >"$o" 2>"$e"
}

test_expect_success 'kam --version prints one line and exits 0' '
	test -n "$version" &&
	kam --version >out 2>err &&
	test "$(wc -l <out)" = 1 &&
	grep -q "^kam $version (libgit2 [0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*)\$" out &&
	test ! -s err
'

test_expect_success 'kam version is the same as kam --version' '
	kam --version >a &&
	kam version >b &&
	test_cmp a b
'

test_expect_success '--version needs no project and no repository' '
	mkdir -p nowhere &&
	(cd nowhere && kam --version >../out) &&
	grep -q "^kam " out
'

test_expect_success 'kam with no arguments: overview on stderr, exit 64' '
	test_expect_code 64 run_kam out err &&
	test ! -s out &&
	head -n 1 err >first &&
	echo "usage: kam [-C dir] [--format table|json|csv|md] [--no-commit] [--no-verify]" >expect &&
	test_cmp expect first &&
	grep -q "^commands:\$" err
'

test_expect_success 'kam -h and kam --help: overview on stdout, exit 0' '
	kam -h >out 2>err &&
	test ! -s err &&
	kam --help >out2 &&
	test_cmp out out2 &&
	head -n 4 out >head &&
	cat >expect <<-\EOF &&
	usage: kam [-C dir] [--format table|json|csv|md] [--no-commit] [--no-verify]
	           [-m msg] [--today date] command [verb] [args]
	       kam help [command]
	       kam --version
	EOF
	test_cmp expect head &&
	tail -n 1 out >last &&
	echo "'"'kam <command> -h' lists a command's verbs; 'kam help <command>' opens its manual."'" >expect &&
	test_cmp expect last
'

test_expect_success 'the overview lists the built commands, sorted, with summaries' '
	kam -h >out &&
	sed -n "/^commands:/,/^\$/p" out | sed -e 1d -e "/^\$/d" >cmds &&
	grep -q "^   commit       validate and commit hand edits of kam files\$" cmds &&
	grep -q "^   init         create a kam project\$" cmds &&
	grep -q "^   people       stakeholders and team\$" cmds &&
	grep -q "^   risk         the risk register\$" cmds &&
	awk "{print \$1}" cmds >names &&
	LC_ALL=C sort -c names &&
	test "$(sort -u names | wc -l)" = "$(wc -l <names)"
'

test_expect_success 'kam FAMILY -h lists every verb of the family' '
	kam risk -h >out 2>err &&
	test ! -s err &&
	cat >expect <<-\EOF &&
	usage: kam risk add title -p 1-5 -i 1-5 [--category c] [--owner P-n] [--strategy s] [--response text] [--trigger text] [--review date]
	       kam risk assess R-n [-p 1-5] [-i 1-5] [--title t] [--category c] [--owner P-n] [--strategy s] [--response text] [--trigger text] [--review date]
	       kam risk close R-n
	       kam risk list [--open] [--min-score n] [--person P-n] [--category c] [--status s] [--sort score|id|review]
	       kam risk matrix [--all]
	       kam risk occur R-n
	       kam risk reopen R-n
	       kam risk review
	       kam risk show R-n
	EOF
	test_cmp expect out &&
	kam people --help >out &&
	cat >expect <<-\EOF &&
	usage: kam people add name [--side client|team|partner] [--role r] [--org o] [--email e] [--skills list] [--capacity pct] [--rate money] [--influence 1-5] [--interest 1-5]
	       kam people list [--side client|team|partner]
	       kam people map
	       kam people set P-n [--name n] [--side s] [--role r] [--org o] [--email e] [--skills list] [--capacity pct] [--rate money] [--influence 1-5] [--interest 1-5]
	       kam people show P-n
	EOF
	test_cmp expect out
'

test_expect_success 'kam FAMILY VERB -h prints the verb usage, outside any project' '
	mkdir -p outside &&
	(cd outside && kam risk list -h >../out 2>../err) &&
	echo "usage: kam risk list [--open] [--min-score n] [--person P-n] [--category c] [--status s] [--sort score|id|review]" >expect &&
	test_cmp expect out &&
	test ! -s err &&
	(cd outside && kam risk add --help >../out) &&
	echo "usage: kam risk add title -p 1-5 -i 1-5 [--category c] [--owner P-n] [--strategy s] [--response text] [--trigger text] [--review date]" >expect &&
	test_cmp expect out &&
	(cd outside && kam commit -h >../out) &&
	echo "usage: kam commit [-m msg]" >expect &&
	test_cmp expect out &&
	(cd outside && kam init -h >../out) &&
	echo "usage: kam init [--name name] [--client client] [--currency code] [--start date] [--force] [--merge-driver]" >expect &&
	test_cmp expect out &&
	test ! -e outside/kam.conf && test ! -e outside/.git
'

test_expect_success '-h after other arguments still prints usage and changes nothing' '
	new_project &&
	test "$(git rev-parse --show-toplevel)" = "$TRASH/proj" &&
	head=$(git rev-parse HEAD) &&
	kam risk add "Not added" -p 1 -i 1 -h >../out &&
	echo "usage: kam risk add title -p 1-5 -i 1-5 [--category c] [--owner P-n] [--strategy s] [--response text] [--trigger text] [--review date]" >../expect &&
	test_cmp ../expect ../out &&
	test "$(git rev-parse HEAD)" = "$head" &&
	test "$(wc -l <risks.csv)" = 1
'

test_expect_success 'unknown command: 64, message, overview on stderr' '
	test_expect_code 64 run_kam out err frobnicate &&
	test ! -s out &&
	head -n 1 err >first &&
	echo "kam: '"'frobnicate'"' is not a kam command" >expect &&
	test_cmp expect first &&
	grep -q "^usage: kam " err
'

test_expect_success 'unknown verb: 64, message, the family usage on stderr' '
	test_expect_code 64 run_kam out err risk frobnicate &&
	test ! -s out &&
	head -n 2 err >first &&
	cat >expect <<-\EOF &&
	kam: '"'"'frobnicate'"'"' is not a verb of '"'"'kam risk'"'"'
	usage: kam risk add title -p 1-5 -i 1-5 [--category c] [--owner P-n] [--strategy s] [--response text] [--trigger text] [--review date]
	EOF
	test_cmp expect first
'

test_expect_success 'a family without its verb: 64' '
	test_expect_code 64 run_kam out err people &&
	test ! -s out &&
	head -n 1 err >first &&
	echo "kam: '"'kam people'"' needs a verb" >expect &&
	test_cmp expect first
'

test_expect_success 'unknown option of a verb: 64 and the verb usage' '
	cd proj &&
	test_expect_code 64 run_kam ../out ../err risk list --bogus &&
	test ! -s ../out &&
	cat >../expect <<-\EOF &&
	kam: unknown option '"'"'--bogus'"'"'
	usage: kam risk list [--open] [--min-score n] [--person P-n] [--category c] [--status s] [--sort score|id|review]
	EOF
	test_cmp ../expect ../err &&
	test_expect_code 64 run_kam ../out ../err risk add x -p 1 -i 1 -z &&
	head -n 1 ../err >../first &&
	echo "kam: unknown option '"'-z'"'" >../expect &&
	test_cmp ../expect ../first
'

test_expect_success 'a missing option value: 64' '
	cd proj &&
	test_expect_code 64 run_kam ../out ../err risk add x -p 1 -i &&
	head -n 1 ../err >../first &&
	echo "kam: option '"'-i'"' needs a value" >../expect &&
	test_cmp ../expect ../first &&
	test_expect_code 64 run_kam ../out ../err risk list --format &&
	echo "kam: option '"'--format'"' needs a value" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 run_kam ../out ../err -C &&
	echo "kam: option '"'-C'"' needs a value" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 run_kam ../out ../err risk add x -p 1 -i 1 -m &&
	echo "kam: option '"'-m'"' needs a value" >../expect &&
	test_cmp ../expect ../err
'

test_expect_success 'extra operands: 64 with the usage' '
	cd proj &&
	test_expect_code 64 run_kam ../out ../err risk list extra &&
	cat >../expect <<-\EOF &&
	usage: kam risk list [--open] [--min-score n] [--person P-n] [--category c] [--status s] [--sort score|id|review]
	kam: invalid usage (see '"'"'kam help'"'"')
	EOF
	test_cmp ../expect ../err &&
	test_expect_code 64 run_kam ../out ../err risk show R-1 R-2 &&
	test_expect_code 64 run_kam ../out ../err risk add one two -p 1 -i 1 &&
	test_expect_code 64 run_kam ../out ../err commit extra &&
	test "$(git log --oneline | wc -l)" = 1
'

test_expect_success 'unknown --format: 64' '
	cd proj &&
	test_expect_code 64 run_kam ../out ../err --format xml risk list &&
	test ! -s ../out &&
	test "$(wc -l <../err)" = 1 &&
	grep -q "^kam: unknown format '"'xml'"' (expected table, json, csv" ../err &&
	test_expect_code 64 run_kam ../out ../err risk list --format=JSON
'

test_expect_success 'invalid --today and KAM_TODAY: 64' '
	cd proj &&
	test_expect_code 64 run_kam ../out ../err --today 2026-02-30 risk list &&
	echo "kam: --today: invalid date '"'2026-02-30'"': February 2026 has 28 days" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 env KAM_TODAY=tomorrow "$KAM" risk list >../out 2>../err &&
	echo "kam: KAM_TODAY: invalid date '"'tomorrow'"': expected YYYY-MM-DD" >../expect &&
	test_cmp ../expect ../err &&
	test ! -s ../out
'

test_expect_success 'a usage error changes nothing' '
	cd proj &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 64 kam risk add "x" -p 1 -i 1 --strategy ignore &&
	test_expect_code 64 kam risk add "x" -p 1 &&
	test_expect_code 64 kam people add "x" --rate 1,5 &&
	test "$(git rev-parse HEAD)" = "$head" &&
	test -z "$(git status --porcelain)"
'

# ---- global options before or after the command words ----

test_expect_success 'setup: two risks' '
	cd proj &&
	kam people add Ann >/dev/null &&
	kam risk add "Late supplier" -p 4 -i 4 --owner P-1 --review 2026-12-01 >/dev/null &&
	kam risk add "Scope creep" -p 1 -i 2 >/dev/null
'

test_expect_success '--format before = --format after = --format=' '
	cd proj &&
	kam --format json risk list >../a &&
	kam risk --format json list >../b &&
	kam risk list --format json >../c &&
	kam risk list --format=json >../d &&
	test_cmp ../a ../b && test_cmp ../a ../c && test_cmp ../a ../d &&
	head -n 1 ../a >../first &&
	echo "[" >../expect &&
	test_cmp ../expect ../first
'

test_expect_success '-C before or after the command words' '
	kam -C proj risk list >a &&
	kam risk list -C proj >b &&
	kam risk -C proj list >c &&
	(cd proj && kam risk list) >d &&
	test_cmp d a && test_cmp d b && test_cmp d c &&
	grep -q "^R-2  Scope creep" a
'

test_expect_success '--today before or after decides what is overdue' '
	cd proj &&
	kam --today 2026-12-02 risk review --format csv >../a &&
	kam risk review --today 2026-12-02 --format csv >../b &&
	KAM_TODAY=2026-12-02 kam risk review --format csv >../c &&
	test_cmp ../a ../b && test_cmp ../a ../c &&
	cat >../expect <<-\EOF &&
	"id","title","score","review","owner","reason"
	"R-1","Late supplier","16","2026-12-01","P-1","review was due 2026-12-01; critical (score 16) without a response"
	EOF
	test_cmp ../expect ../a &&
	kam risk review --today 2026-12-01 --format csv >../d &&
	cat >../expect <<-\EOF &&
	"id","title","score","review","owner","reason"
	"R-1","Late supplier","16","2026-12-01","P-1","critical (score 16) without a response"
	EOF
	test_cmp ../expect ../d
'

test_expect_success '--today overrides KAM_TODAY' '
	cd proj &&
	KAM_TODAY=2026-01-01 kam --today 2026-12-02 risk review --format csv >../a &&
	grep -q "review was due" ../a
'

test_expect_success '--today wins over an invalid KAM_TODAY' '
	cd proj &&
	env KAM_TODAY=garbage "$KAM" risk review --today 2026-12-02 --format csv >../a &&
	grep -q "review was due 2026-12-01" ../a
'

test_expect_success '-m and --no-commit after the verb' '
	cd proj &&
	kam risk add "Third" -p 2 -i 2 -m "why it matters" >../out &&
	echo R-3 >../expect &&
	test_cmp ../expect ../out &&
	git log -1 --format=%B >../msg &&
	printf "kam: risk add R-3: Third\n\nwhy it matters\n\n" >../expect &&
	test_cmp ../expect ../msg &&
	head=$(git rev-parse HEAD) &&
	kam risk add "Fourth" -p 2 -i 2 --no-commit >../out &&
	echo R-4 >../expect &&
	test_cmp ../expect ../out &&
	test "$(git rev-parse HEAD)" = "$head" &&
	grep -q "^R-4,Fourth," risks.csv &&
	git checkout -q risks.csv
'

test_expect_success 'a global option value is not taken for a command word' '
	cd proj &&
	kam -m risk risk add "Fifth" -p 1 -i 1 >../out &&
	echo R-4 >../expect &&
	test_cmp ../expect ../out &&
	git log -1 --format=%B >../msg &&
	printf "kam: risk add R-4: Fifth\n\nrisk\n\n" >../expect &&
	test_cmp ../expect ../msg
'

# kam never opens a network connection: start-up parses no TLS
# certificates (libgit2's mbedTLS build would read them all).
test_expect_success STRACE 'start-up reads no TLS certificates' '
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o trace \
	    -e trace=open,openat "$KAM" --version >/dev/null &&
	grep -q "openat\|open(" trace &&
	! grep -q "ca-certificates\|/etc/ssl" trace
'

test_done
