#!/bin/sh
# bench/risk/run.sh: the foundation's two speed targets (issue 2), measured
# side by side in one run on this machine.
#
#  1. `kam risk list --open --min-score 15 --format json` over 100,000
#     risks vs the floor: csvfloor (libcsv strict pass) over risks.csv.
#     Target: <= 3x the floor.
#  2. `kam risk assess R-17 -p N` in a repository of 100,000 commits vs the
#     same in a 10-commit repository (target <= 1.2x), and vs
#     `git add risks.csv && git commit` of the same kind of change in the
#     same repository (target <= 1.0x).
#
# usage: bench/risk/run.sh [runs]     (data is generated under bench/data/)
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
GEN=${SHARED:-$ROOT/../shared}/bench
RUNS=${1:-11}
DATA=$ROOT/bench/data
KAM=$ROOT/build/kam
mkdir -p "$DATA"
[ -x "$KAM" ] || make -s kam
[ -x "$DATA/csvfloor" ] || cc -O2 -o "$DATA/csvfloor" "$GEN/csvfloor.c" -lcsv
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

# median of the wall times (ms) of running "$@" RUNS times
median_ms() {
	i=0
	: >"$DATA/.times"
	while [ $i -lt "$RUNS" ]; do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1
		t1=$(date +%s%N)
		echo $(( (t1 - t0) / 1000 )) >>"$DATA/.times"
		i=$((i + 1))
	done
	sort -n "$DATA/.times" | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

# 1. list over 100,000 risks
if [ ! -f "$DATA/risks100k/risks.csv" ]; then
	python3 "$GEN/gen_account.py" "$DATA/risks100k" --risks 100000 \
	    --tasks 100 --reqs 10 --expenses 10 >/dev/null
fi
cd "$DATA/risks100k"
[ -d .git ] || { git init -q . && git add -A && git commit -qm init; }
floor=$(median_ms "$DATA/csvfloor" risks.csv)
list=$(median_ms "$KAM" risk list --open --min-score 15 --format json)
echo "risk list, 100,000 risks: kam ${list} ms, csvfloor ${floor} ms," \
    "ratio $(ratio "$list" "$floor") (target <= 3)"

# 2. assess in 10 vs 100,000 commits, and vs git add + git commit
for n in 10 100000; do
	repo=$DATA/hist$n
	if [ ! -d "$repo/.git" ]; then
		[ -f "$DATA/acct5k/risks.csv" ] ||
		    python3 "$GEN/gen_account.py" "$DATA/acct5k" --risks 5000 \
		    --tasks 100 --reqs 10 --expenses 10 >/dev/null
		python3 "$GEN/gen_history.py" "$DATA/acct5k" "$repo" \
		    --commits $n --kam-commits $((n < 1000 ? n : 1000)) >/dev/null
	fi
done
assess() {
	p=$(( $(cat "$DATA/.p") % 5 + 1 ))
	echo $p >"$DATA/.p"
	"$KAM" -C "$1" risk assess R-17 -p "$p"
}
gitcommit() {
	p=$(( $(cat "$DATA/.p") % 5 + 1 ))
	echo $p >"$DATA/.p"
	(cd "$1" && git add risks.csv && git commit -q -m "bench $p")
}
prepare_git_edit() {
	# the edit itself is not timed: git's share is add + commit only
	python3 - "$1/risks.csv" <<'PY'
import sys
p = sys.argv[1]
lines = open(p, encoding="utf-8").read().split("\n")
for i, l in enumerate(lines):
    if l.startswith("R-17,"):
        f = l.split(",")
        f[3] = str(int(f[3]) % 5 + 1)
        lines[i] = ",".join(f)
open(p, "w", encoding="utf-8").write("\n".join(lines))
PY
}
echo 1 >"$DATA/.p"
a10=$(median_ms assess "$DATA/hist10")
a100k=$(median_ms assess "$DATA/hist100000")
# git: time add+commit only, one edit prepared before each run
i=0
: >"$DATA/.gtimes"
while [ $i -lt "$RUNS" ]; do
	prepare_git_edit "$DATA/hist100000"
	t0=$(date +%s%N)
	(cd "$DATA/hist100000" && git add risks.csv && git commit -q -m bench)
	t1=$(date +%s%N)
	echo $(( (t1 - t0) / 1000 )) >>"$DATA/.gtimes"
	i=$((i + 1))
done
g=$(sort -n "$DATA/.gtimes" | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}')
echo "risk assess, 5,000-row risks.csv: 10 commits ${a10} ms, 100,000 commits" \
    "${a100k} ms, ratio $(ratio "$a100k" "$a10") (target <= 1.2)"
echo "risk assess vs git add+commit (100,000 commits): kam ${a100k} ms," \
    "git ${g} ms, ratio $(ratio "$a100k" "$g") (target <= 1.0)"
