#!/bin/sh
# bench/history/run.sh: `kam log R-17 --format json` over 100,000 commits,
# 1,000 of which change risks.csv, against `git log -p --format=%H --
# risks.csv`, which reads every version of the file too (target: kam no
# slower, ratio <= 1.0).  Also for the record: the first-parent walk alone
# (`kam log --table goals`, a file that never changes) and `git rev-list`.
#
# The two commands run alternately, RUNS times each (default 5), with a
# warm page cache; the medians and their ratio are printed.  The answer is
# checked: kam must find every commit git shows that changed R-17's row.
#
# usage: bench/history/run.sh [runs]
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
RUNS=${1:-5}
KAM=$ROOT/build/kam
REPO=$ROOT/bench/data/hist100k
[ -x "$KAM" ] || make -s kam
[ -d "$REPO/.git" ] || sh bench/history/gen.sh
cd "$REPO"
export KAM_TODAY=2026-11-27

python3 - "$KAM" "$RUNS" <<'PY'
import json, statistics, subprocess, sys, time

kam, runs = sys.argv[1], int(sys.argv[2])

def wall(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t

cases = [
    ("kam log R-17 --format json", [kam, "log", "R-17", "--format", "json"]),
    ("git log -p --format=%H -- risks.csv",
     ["git", "log", "-p", "--format=%H", "--", "risks.csv"]),
    ("kam log --table goals (walk only)", [kam, "log", "--table", "goals"]),
    ("git rev-list HEAD (walk only)", ["git", "rev-list", "HEAD"]),
]
for _, cmd in cases:          # warm the page cache
    wall(cmd)
times = {name: [] for name, _ in cases}
for _ in range(runs):
    for name, cmd in cases:
        times[name].append(wall(cmd))
med = {n: statistics.median(v) for n, v in times.items()}
for n, _ in cases:
    print(f"{n:40s} median {med[n]:7.3f} s  (runs: "
          + " ".join(f"{x:.2f}" for x in times[n]) + ")")
ratio = med[cases[0][0]] / med[cases[1][0]]
print(f"ratio kam/git = {ratio:.2f} (target <= 1.0): "
      + ("ok" if ratio <= 1.0 else "MISSED"))

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
