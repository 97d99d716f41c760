#!/bin/sh
# bench/history/run.sh: `kam log R-17 --format json` over 100,000 commits,
# 1,000 of which change risks.csv, against `git log -p --format=%H --
# risks.csv`, which reads every version of the file too.  Issue 14's
# targets for the record-history index (lib/histidx.c):
#   warm index           at least 100x faster than git log -p
#   cold (index built)   no slower than the walk without it (--no-index)
#   100 more commits     the incremental update under 50 ms
# and the walk itself no slower than git log -p (ratio <= 1.0).  For the
# record: the first-parent walk alone (`kam log --table goals --no-index`,
# a file that never changes) and `git rev-list`.  The incremental case
# runs in a clone (bench/data/hist100k-inc, made once) with 100 commits
# on top, 10 of them kam-like changes to risks.csv; before each round the
# index of the clone's base commit is put back (untimed).
#
# The commands run in rounds, RUNS of them (default 7, at least 7) after
# one warm-up round; min / median / max and the ratio in the same run are
# printed (bench/benchlib.py).  The answer is
# checked: kam must find every commit git shows that changed R-17's row.
#
# usage: bench/history/run.sh [runs]
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
RUNS=${1:-7}
KAM=$ROOT/build/kam
REPO=$ROOT/bench/data/hist100k
[ -x "$KAM" ] || make -s kam
[ -d "$REPO/.git" ] || sh bench/history/gen.sh
cd "$REPO"
export KAM_TODAY=2026-11-27

# The clone for the incremental case: 100 commits on top of the chain.
INC=$ROOT/bench/data/hist100k-inc
if [ ! -f "$INC/.done" ]; then
	rm -rf "$INC"
	git clone -q "$REPO" "$INC"
	(cd "$INC" && git config user.name bench &&
	    git config user.email bench@example.com &&
	    "$KAM" log R-17 --format json >/dev/null &&
	    cp .git/kam/log-index-* ../hist100k-inc.base-index &&
	    i=1 && while [ $i -le 100 ]; do
		if [ $((i % 10)) = 0 ]; then
			"$KAM" risk assess R-$((i / 10 + 16)) -p $((i % 5 + 1)) \
			    >/dev/null 2>&1 || true
		fi
		echo "change $i" >>src-inc.txt && git add src-inc.txt &&
		git commit -qm "code $i"
		i=$((i + 1))
	    done && touch .done)
fi

PYTHONPATH=$ROOT/bench python3 - "$KAM" "$RUNS" "$INC" <<'PY'
import glob, json, os, shutil, subprocess, sys
import benchlib as B

kam, runs, inc = sys.argv[1], int(sys.argv[2]), sys.argv[3]
base_index = inc + "/../hist100k-inc.base-index"

def drop_index():
    for f in glob.glob(".git/kam/log-index-*"):
        os.unlink(f)

def base_of_inc():
    for f in glob.glob(inc + "/.git/kam/log-index-*"):
        shutil.copyfile(base_index, f)

q = ["R-17", "--format", "json"]
cases = [
    B.Case("kam log R-17, cold (index built)", [kam, "log"] + q,
           prep=drop_index, check=True),
    B.Case("kam log R-17, warm index", [kam, "log"] + q, check=True),
    B.Case("kam log R-17 --no-index (the walk)",
           [kam, "log", "--no-index"] + q, check=True),
    B.Case("git log -p --format=%H -- risks.csv",
           ["git", "log", "-p", "--format=%H", "--", "risks.csv"]),
    B.Case("kam log R-17, 100 commits after the index",
           [kam, "-C", inc, "log"] + q, prep=base_of_inc, check=True),
    B.Case("kam log --table goals --no-index (walk only)",
           [kam, "log", "--table", "goals", "--no-index"]),
    B.Case("git rev-list HEAD (walk only)", ["git", "rev-list", "HEAD"]),
]
B.header("kam log R-17 over 100,000 commits, %d rounds" % runs)
times = B.run(cases, runs)
B.show(times)
ok = B.ratio(times, cases[3].name, cases[1].name, None,
             "git log -p / warm index (target >= 100x)")
import statistics
ok = statistics.median(times[cases[3].name]) / \
    statistics.median(times[cases[1].name]) >= 100
print("  warm index at least 100x faster than git log -p: %s"
      % ("ok" if ok else "MISSED"))
ok &= B.ratio(times, cases[0].name, cases[2].name, 1.0,
              "cold / walk")
ok &= B.limit(times, cases[4].name, 0.050)
ok &= B.ratio(times, cases[2].name, cases[3].name, 1.0,
              "walk / git log -p")

# The answer: commits whose diff touches R-17's row, per git.
out = subprocess.run(["git", "log", "-p", "--format=C %H", "--", "risks.csv"],
                     capture_output=True, text=True, check=True).stdout
want, cur = set(), None
for line in out.splitlines():
    if line.startswith("C "):
        cur = line[2:]
    elif line[:1] in "+-" and line[1:].startswith("R-17,"):
        want.add(cur)
same = True
for extra in ([], ["--no-index"]):
    rows = json.loads(subprocess.run([kam, "log", "R-17", "--format", "json"]
                                     + extra, capture_output=True, text=True,
                                     check=True).stdout)
    got = {r["commit"] for r in rows}
    print(f"R-17 changed in {len(want)} commits per git, {len(got)} per "
          f"kam log {' '.join(extra)}: " + ("same" if got == want else "DIFFERENT"))
    same &= got == want
sys.exit(0 if same else 1)
PY
