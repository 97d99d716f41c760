#!/bin/sh
# bench/import/run.sh: issue 13's speed targets for kam import.
#
#  1. Import 10,000 requirements from a CSV into a project that has 2,000
#     already (imported earlier with their keys): target < 1 s, one commit.
#  2. The same 10,000 records added with `kam req add` one by one: 200 are
#     timed and the time is extrapolated to 10,000 (x50; an underestimate,
#     since each add reads a growing file); the ratio is reported.
#  3. Re-importing the same file unchanged: target < 0.5 s, no commit.
#
# Each timed import starts from the same commit (git reset --hard), so the
# runs are alike.  usage: bench/import/run.sh [runs]   (data in bench/data/)
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
RUNS=${1:-7}
DATA=$ROOT/bench/data/import
KAM=$ROOT/build/kam
[ -x "$KAM" ] || make -s kam
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
export KAM_TODAY=2026-11-27
rm -rf "$DATA"
mkdir -p "$DATA"

# gen FIRST N FILE: requirements FIRST..FIRST+N-1 as a client would send
gen() {
	awk -v a="$1" -v n="$2" 'BEGIN {
		print "No.,Requirement,Priority,Status,Acceptance"
		split("must should could wont", pr, " ")
		for (i = a; i < a + n; i++)
			printf "C-%d,\"Requirement %d, as the client wrote it\",%s,draft,The system shall do %d\n", i, i, pr[i % 4 + 1], i
	}' >"$3"
}
gen 1 2000 "$DATA/first.csv"
gen 2001 10000 "$DATA/reqs.csv"

cd "$DATA"
mkdir proj && cd proj
git init -q . && "$KAM" init --name Bench --client ACME --currency CNY \
    --start 2026-01-05 >/dev/null
"$KAM" import requirements ../first.csv --key No. --map title=Requirement \
    >/dev/null
base=$(git rev-parse HEAD)

# ms to run "$@" once
ms() {
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s%N)
	echo $(( (t1 - t0) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

: >../imp.times
: >../re.times
i=0
while [ $i -lt "$RUNS" ]; do
	git reset -q --hard "$base"
	ms "$KAM" import requirements ../reqs.csv --key No. \
	    --map title=Requirement >>../imp.times
	test "$(git rev-list --count "$base"..HEAD)" = 1 ||
	    { echo "import did not make exactly one commit"; exit 1; }
	head=$(git rev-parse HEAD)
	ms "$KAM" import requirements ../reqs.csv --key No. \
	    --map title=Requirement >>../re.times
	test "$(git rev-parse HEAD)" = "$head" ||
	    { echo "re-import made a commit"; exit 1; }
	i=$((i + 1))
done
n=$(( $(wc -l <requirements.csv) - 1 ))
test "$n" = 12000 || { echo "expected 12000 requirements, found $n"; exit 1; }
imp=$(median <../imp.times)
re=$(median <../re.times)

git reset -q --hard "$base"
t0=$(date +%s%N)
j=0
while [ $j -lt 200 ]; do
	"$KAM" req add "Requirement $j, as the client wrote it" --priority must \
	    --acceptance "The system shall do $j" >/dev/null
	j=$((j + 1))
done
t1=$(date +%s%N)
add200=$(( (t1 - t0) / 1000000 ))
add10k=$((add200 * 50))

echo "kam import: 10,000 requirements into 2,000   median ${imp} ms over $RUNS runs (target < 1000), 1 commit"
echo "kam import: the same file again, unchanged  median ${re} ms (target < 500), no commit"
echo "kam req add: 200 one by one                 ${add200} ms -> 10,000 extrapolated ${add10k} ms, 10,000 commits"
awk -v a="$add10k" -v b="$imp" 'BEGIN { printf "ratio: import is %.0fx faster than req add one by one\n", a / b }'
