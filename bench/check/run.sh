#!/bin/sh
# bench/check/run.sh: `kam check` and `kam status` on the large account
# (../shared/bench/gen_account.py defaults: 10,000 tasks, 5,000 risks,
# 2,000 requirements, 1,000,000 expenses in 24 month files); target for
# kam check: under 0.3 s (issue 12).  For scale, in the same run: the
# floor, csvfloor (a libcsv strict pass) over every CSV file of the
# account.  RUNS rounds (default 9, at least 7) of all cases in turn after
# one warm-up round; min / median / max (bench/benchlib.py) and peak memory.
#
# The account is generated once (bench/history/gen.sh, deterministic) and
# copied afresh into its own git repository, bench/data/check-account
# (gitignored), on every run.  Workaround: some versions of the shared
# generator write a RACI entry twice (T-44, P-1), which makes kam check
# exit 65; the copy keeps the first of duplicate (activity, person) rows
# and says how many it dropped.
#
# usage: bench/check/run.sh [runs]
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
GEN=${SHARED:-$ROOT/../shared}/bench
RUNS=${1:-9}
KAM=${KAM:-$ROOT/build/kam}
DATA=$ROOT/bench/data
[ -x "$KAM" ] || make -s kam
[ -x "$DATA/csvfloor" ] || cc -O2 -o "$DATA/csvfloor" "$GEN/csvfloor.c" -lcsv
[ -f "$DATA/account/kam.conf" ] || sh bench/history/gen.sh
rm -rf "$DATA/check-account"
cp -r "$DATA/account" "$DATA/check-account"
cd "$DATA/check-account"
python3 - <<'PY'
import csv
rows = list(csv.reader(open("raci.csv", encoding="utf-8", newline="")))
seen, keep = set(), [rows[0]]
for r in rows[1:]:
    if (r[0], r[1]) not in seen:
        seen.add((r[0], r[1]))
        keep.append(r)
if len(keep) != len(rows):
    with open("raci.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(keep)
print("raci.csv: %d duplicate (activity, person) rows dropped (generator "
      "workaround)" % (len(rows) - len(keep)))
PY
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
git init -q . && git add -A && git commit -qm "generated account"
export KAM_TODAY=2026-11-27

PYTHONPATH=$ROOT/bench exec python3 - "$KAM" "$RUNS" "$DATA" <<'PY'
import glob, os, resource, subprocess, sys
import benchlib as B

kam, runs, data = sys.argv[1], int(sys.argv[2]), sys.argv[3]
files = sorted(glob.glob("*.csv") + glob.glob("expenses/*.csv"))
B.header("kam check on the large account, %d rounds" % runs)
rc = subprocess.run([kam, "check"], stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL).returncode
print("  kam check exits %d (0 healthy, 1 unhealthy; 65 would be invalid "
      "data)" % rc)
t = B.run([
    B.Case("csvfloor over all %d CSV files" % len(files),
           [os.path.join(data, "csvfloor")] + files, check=True),
    B.Case("kam check", [kam, "check"]),
    B.Case("kam check --format junit", [kam, "check", "--format", "junit"]),
    B.Case("kam status", [kam, "status"]),
], runs)
B.show(t)
ok = B.limit(t, "kam check", 0.3)
B.ratio(t, "kam check", "csvfloor over all %d CSV files" % len(files),
        None, "kam check / libcsv floor (for the record)")
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print("  peak resident memory of any process so far: %.0f MiB" % peak)
sys.exit(0 if ok else 1)
PY
