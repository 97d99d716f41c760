#!/bin/sh
# bench/budget/run.sh: the budget's speed targets (issue 5), measured side
# by side in one run on this machine.
#
#   `kam budget audit --format json` over 1,000,000 expense lines (24
#   month files, about 73 MB) against
#     - the floor: csvfloor (libcsv strict pass, counting fields) over the
#       same expenses/*.csv: target <= 1.5x the floor;
#     - `ledger -f peers/expenses.journal bal` on the same expenses written
#       as a journal: target >= 20x faster;
#     - `hledger -f peers/expenses.journal bal`, when hledger is installed
#       (as root, Debian's package is installed with apt-get when
#       available; NO_HLEDGER=1 skips it; it needs several GB of memory);
#   and peak memory (maximum resident set size from /usr/bin/time -v):
#   target < 64 MiB for kam.
#
# Data: ../shared/bench/gen_account.py --expenses 1000000 --peers with few
# tasks and risks, under bench/data/budget1m (gitignored), made a git
# repository once.  Timings are medians of whole-process runs with a warm
# page cache; the peers, which take seconds per run, run fewer times.
# The totals of kam and ledger are compared as a sanity check.
#
# usage: bench/budget/run.sh [runs]    (default 11; ledger/hledger: 3)
#        NO_HLEDGER=1 bench/budget/run.sh   (skip hledger: 45 s and 6 GB a run)
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
GEN=${SHARED:-$ROOT/../shared}/bench
RUNS=${1:-11}
PEER_RUNS=${PEER_RUNS:-3}
DATA=$ROOT/bench/data
ACCT=$DATA/budget1m
KAM=$ROOT/build/kam
mkdir -p "$DATA"
[ -x "$KAM" ] || make -s kam
[ -x "$DATA/csvfloor" ] || cc -O2 -o "$DATA/csvfloor" "$GEN/csvfloor.c" -lcsv
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
export KAM_TODAY=2026-12-31

if [ ! -f "$ACCT/peers/expenses.journal" ]; then
	echo "generating 1,000,000 expenses into $ACCT ..."
	rm -rf "$ACCT"
	python3 "$GEN/gen_account.py" "$ACCT" --expenses 1000000 --peers \
	    --tasks 200 --risks 100 --reqs 50 >/dev/null
fi
cd "$ACCT"
if [ ! -d .git ]; then
	git init -q . && git add -A && git commit -qm "generated account"
fi

if [ -z "${NO_HLEDGER:-}" ] && ! command -v hledger >/dev/null 2>&1 &&
    [ "$(id -u)" = 0 ] &&
    apt-cache policy hledger 2>/dev/null | grep -q 'Candidate: [0-9]'; then
	echo "installing hledger (apt-get) ..."
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hledger \
	    >/dev/null 2>&1 || echo "hledger: install failed, skipped"
fi

# median wall time in ms of "$@" over $1 runs (after one warm-up run)
median_ms() {
	n=$1
	shift
	"$@" >/dev/null 2>&1 || true
	i=0
	: >"$DATA/.times"
	while [ $i -lt "$n" ]; do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1
		t1=$(date +%s%N)
		echo $(( (t1 - t0) / 1000 )) >>"$DATA/.times"
		i=$((i + 1))
	done
	sort -n "$DATA/.times" |
	    awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}
# peak resident memory in MiB of one run of "$@"
peak_mib() {
	/usr/bin/time -v "$@" 2>&1 >/dev/null |
	    awk -F: '/Maximum resident set size/ {printf "%.1f", $2 / 1024}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
line() { printf "  %-34s %10s ms  peak %8s MiB  %s\n" "$1" "$2" "$3" "$4"; }

nfiles=$(ls expenses/*.csv | wc -l)
size=$(du -sm expenses | cut -f1)
echo "budget audit over $(cat expenses/*.csv | wc -l | awk '{print $1 - '"$nfiles"'}') expense lines" \
    "($nfiles month files, $size MB); medians of $RUNS runs (peers: $PEER_RUNS)"
echo "  $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $(uname -r)"

floor=$(median_ms "$RUNS" "$DATA/csvfloor" expenses/*.csv)
floor_mem=$(peak_mib "$DATA/csvfloor" expenses/*.csv)
kam=$(median_ms "$RUNS" "$KAM" budget audit --format json)
kam_mem=$(peak_mib "$KAM" budget audit --format json)
line "csvfloor expenses/*.csv" "$floor" "$floor_mem" "(the floor)"
line "kam budget audit --format json" "$kam" "$kam_mem" \
    "$(ratio "$kam" "$floor")x the floor (target <= 1.5), peak < 64 MiB"

if command -v ledger >/dev/null 2>&1; then
	led=$(median_ms "$PEER_RUNS" ledger -f peers/expenses.journal bal)
	led_mem=$(peak_mib ledger -f peers/expenses.journal bal)
	line "ledger bal" "$led" "$led_mem" \
	    "kam is $(ratio "$led" "$kam")x faster (target >= 20)"
	# Sanity: the same grand total, to the cent.
	kt=$("$KAM" budget audit --format json | python3 -c '
import json, sys
from decimal import Decimal
print(json.load(sys.stdin, parse_float=Decimal)["total"]["actual"])')
	lt=$(ledger -f peers/expenses.journal bal --format \
	    '%(quantity(scrub(display_total)))\n' expenses | tail -n 1)
	if python3 -c 'import sys; from decimal import Decimal as D; sys.exit(D(sys.argv[1]) != D(sys.argv[2]))' "$kt" "$lt"; then
		echo "  totals agree: kam $kt, ledger $lt"
	else
		echo "  TOTALS DIFFER: kam $kt, ledger $lt"
	fi
else
	echo "  ledger: not installed (skipped)"
fi

if command -v hledger >/dev/null 2>&1 && [ -z "${NO_HLEDGER:-}" ]; then
	hl=$(median_ms "$PEER_RUNS" hledger -f peers/expenses.journal bal)
	hl_mem=$(peak_mib hledger -f peers/expenses.journal bal)
	line "hledger bal" "$hl" "$hl_mem" \
	    "kam is $(ratio "$hl" "$kam")x faster"
else
	echo "  hledger: not installed (skipped)"
fi

# The write side on the same account, for the record: a spend finds the
# next id from the tails of 25 month files and commits one month.  The
# account is put back afterwards so the next run measures the same data.
base=$(git rev-parse HEAD)
sp=$(median_ms "$RUNS" "$KAM" budget spend 12.50 --category travel \
    --date 2026-06-15 --ref BENCH "bench spend")
git reset -q --hard "$base"
line "kam budget spend (one commit)" "$sp" "-" "(no target)"
