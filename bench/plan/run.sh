#!/bin/sh
# bench/plan/run.sh: the schedule's speed targets (issue 4), measured side
# by side in one run on this machine.
#
#  1. `kam plan --format json` on 100,000 tasks: target < 0.5 s.
#  2. `kam plan --format json` on 10,000 tasks vs TaskJuggler
#     (`tj3 --silent tasks.tjp`, which writes sched.csv) on the same
#     network and calendar: target >= 100x faster.  tj3 is Debian's
#     package `tj3`; it is installed with apt-get when this runs as root
#     and it is missing (set NO_TJ3=1 to skip it).
#
# Data: ../shared/bench/gen_account.py (programme-shaped networks of 4
# phases x packages of 50 tasks, Mon-Fri with holidays), few risks and
# expenses so that generating is quick; under bench/data/ (gitignored).
# "Today" is the generated project's start, so the whole network is
# scheduled as tj3 schedules it.  Timings are medians of whole-process
# runs with a warm page cache (hyperfine when installed).
#
# usage: bench/plan/run.sh [runs]
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
GEN=${SHARED:-$ROOT/../shared}/bench
RUNS=${1:-15}
DATA=$ROOT/bench/data
KAM=$ROOT/build/kam
mkdir -p "$DATA"
[ -x "$KAM" ] || make -s kam
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
export KAM_TODAY=2025-01-06

# median wall time in ms of "$@" (run in the current directory)
median_ms() {
	n=$1
	shift
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine -N --style none --warmup 2 --runs "$n" \
		    --export-json "$DATA/.hf.json" "$*" >/dev/null 2>&1
		python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$DATA/.hf.json"
		return
	fi
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
	    awk '{a[NR]=$1} END {printf "%.1f\n", a[int((NR+1)/2)]/1000}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }

account() {	# account DIR NTASKS
	if [ ! -f "$1/tasks.csv" ]; then
		python3 "$GEN/gen_account.py" "$1" --tasks "$2" --risks 10 \
		    --reqs 100 --expenses 10 --peers >/dev/null
	fi
	[ -d "$1/.git" ] || (cd "$1" && git init -q . && git add -A &&
	    git commit -qm "generated account")
}

account "$DATA/plan10k" 10000
account "$DATA/plan100k" 100000

echo "machine: $(nproc) cores, $(uname -sr); kam $("$KAM" --version | cut -d' ' -f2)"

# 1. 100,000 tasks
cd "$DATA/plan100k"
"$KAM" plan --format json >"$DATA/.plan100k.json"
t100k=$(median_ms "$RUNS" "$KAM" plan --format json)
echo "kam plan --format json, 100,000 tasks: median ${t100k} ms" \
    "(target < 500 ms)"
echo "  summary: $(tail -n 1 "$DATA/.plan100k.json" |
    cut -c1-120)..."

# 2. 10,000 tasks, and tj3 on the same plan
cd "$DATA/plan10k"
t10k=$(median_ms "$RUNS" "$KAM" plan --format json)
echo "kam plan --format json, 10,000 tasks: median ${t10k} ms"
if [ -z "${NO_TJ3:-}" ] && ! command -v tj3 >/dev/null 2>&1 &&
    [ "$(id -u)" = 0 ]; then
	echo "installing tj3 (apt-get install tj3)..."
	(apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq tj3) >/dev/null 2>&1 ||
	    echo "  could not install tj3"
fi
if [ -z "${NO_TJ3:-}" ] && command -v tj3 >/dev/null 2>&1; then
	cd "$DATA/plan10k/peers"
	if tj3 --silent tasks.tjp >/dev/null 2>&1; then
		ttj=$(median_ms 3 tj3 --silent tasks.tjp)
		echo "tj3 --silent tasks.tjp, 10,000 tasks: median ${ttj} ms" \
		    "($(tj3 --version 2>/dev/null | head -n 1))"
		echo "kam is $(ratio "$ttj" "$t10k")x faster than tj3" \
		    "(target >= 100x)"
		# The two schedules agree: every task's finish date (tj3 reports
		# a start as the moment its predecessor ended, so only the ends
		# compare one to one).
		"$KAM" -C "$DATA/plan10k" plan --format json >"$DATA/.plan10k.json"
		python3 - "$DATA/.plan10k.json" sched.csv <<'PY'
import csv, json, sys
k = {t["id"]: t for t in json.load(open(sys.argv[1]))["records"]}
rows = list(csv.reader(open(sys.argv[2]), delimiter=";"))[1:]
same = sum(k[i.replace("_", "-")]["ef"] == e for i, s, e in rows)
print("  finish dates equal to tj3's: %d of %d tasks; project finish kam %s,"
      " tj3 %s" % (same, len(rows), max(t["ef"] for t in k.values()),
      max(e for i, s, e in rows)))
PY
	else
		echo "tj3 failed on tasks.tjp:"
		tj3 --silent tasks.tjp 2>&1 | head -n 5
	fi
else
	echo "tj3: not installed (Debian package tj3); no comparison"
fi
