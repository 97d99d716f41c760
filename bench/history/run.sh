#!/bin/sh
# bench/history/run.sh: `kam log R-17 --format json` over 100,000 commits,
# 1,000 of which change risks.csv, against `git log -p --format=%H --
# risks.csv`, which reads every version of the file too (target: kam no
# slower, ratio <= 1.0).  Also for the record: the first-parent walk alone
# (`kam log --table goals`, a file that never changes) and `git rev-list`.
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

PYTHONPATH=$ROOT/bench python3 - "$KAM" "$RUNS" <<'PY'
import json, subprocess, sys
import benchlib as B

kam, runs = sys.argv[1], int(sys.argv[2])

cases = [
    ("kam log R-17 --format json", [kam, "log", "R-17", "--format", "json"]),
    ("git log -p --format=%H -- risks.csv",
     ["git", "log", "-p", "--format=%H", "--", "risks.csv"]),
    ("kam log --table goals (walk only)", [kam, "log", "--table", "goals"]),
    ("git rev-list HEAD (walk only)", ["git", "rev-list", "HEAD"]),
]
B.header("kam log R-17 over 100,000 commits, %d rounds" % runs)
times = B.run([B.Case(n, c) for n, c in cases], runs)
B.show(times)
B.ratio(times, cases[0][0], cases[1][0], 1.0, "kam / git log -p")

# The answer: commits whose diff touches R-17's row, per git.
out = subprocess.run(["git", "log", "-p", "--format=C %H", "--", "risks.csv"],
                     capture_output=True, text=True, check=True).stdout
want, cur = set(), None
for line in out.splitlines():
    if line.startswith("C "):
        cur = line[2:]
    elif line[:1] in "+-" and line[1:].startswith("R-17,"):
        want.add(cur)
rows = json.loads(subprocess.run([kam, "log", "R-17", "--format", "json"],
                                 capture_output=True, text=True,
                                 check=True).stdout)
got = {r["commit"] for r in rows}
print(f"R-17 changed in {len(want)} commits per git, {len(got)} per kam: "
      + ("same" if got == want else "DIFFERENT"))
sys.exit(0 if got == want else 1)
PY
