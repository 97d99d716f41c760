#!/bin/sh
# bench/time/run.sh: effort and money spent at scale (issue 16): a year of
# timesheets for 200 people, 250,000 booking lines in 12 month files
# (about 11 MB), and as many expense lines, in a generated account
# (deterministic, Python stdlib, below).  Measured side by side in rounds
# (bench/benchlib.py: RUNS rounds, default 9, at least 7, after one
# warm-up round; min / median / max):
#
#   - the floor: csvfloor (a libcsv strict pass) over timesheets/*.csv;
#   - kam team audit --format json: target < 1 s, and its ratio to the
#     floor for the record;
#   - kam time report --by person, kam budget audit (expenses and the
#     labour of every booking) and kam check, for the record;
#   - the write side: kam time log against kam budget spend on the same
#     account, each one commit rewriting one month file; target: time log
#     no slower than budget spend (ratio <= 1.0).  Each write run starts
#     from the same commit (git reset --hard, untimed).
#
# The account lives in bench/data/time250k (gitignored), generated once.
#
# usage: bench/time/run.sh [runs]
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
GEN=${SHARED:-$ROOT/../shared}/bench
RUNS=${1:-9}
KAM=${KAM:-$ROOT/build/kam}
DATA=$ROOT/bench/data
ACCT=$DATA/time250k
mkdir -p "$DATA"
[ -x "$KAM" ] || make -s kam
[ -x "$DATA/csvfloor" ] || cc -O2 -o "$DATA/csvfloor" "$GEN/csvfloor.c" -lcsv
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
export KAM_TODAY=2026-12-31

if [ ! -f "$ACCT/.generated" ]; then
	echo "generating 250,000 bookings and 250,000 expenses into $ACCT ..."
	rm -rf "$ACCT"
	mkdir -p "$ACCT"
	(cd "$ACCT" && git init -q . && "$KAM" init --name "Time bench" \
	    --client Bench --currency EUR --start 2026-01-05 >/dev/null)
	python3 - "$ACCT" <<'PY'
import datetime, os, random, sys

root = sys.argv[1]
rnd = random.Random(16)
PEOPLE, TASKS, LINES = 200, 2000, 250000
with open(os.path.join(root, "people.csv"), "w", newline="") as f:
    f.write("id,name,side,org,role,email,skills,capacity,rate,influence,"
            "interest\n")
    for p in range(1, PEOPLE + 1):
        # day rates that do not divide evenly by 8 hours
        f.write("P-%d,Person %d,team,Bench,consultant,,,%d,%d.%02d,,\n" % (
            p, p, 100 if p % 5 else 80, 500 + rnd.randrange(900),
            rnd.randrange(100)))
with open(os.path.join(root, "tasks.csv"), "w", newline="") as f:
    f.write("id,title,duration,depends,assignee,start,finish,progress,cost,"
            "reqs,deadline,baseline_start,baseline_finish\n")
    for t in range(1, TASKS + 1):
        dep = "T-%d" % (t - PEOPLE) if t > PEOPLE else ""
        f.write("T-%d,Task %d,%d,%s,P-%d,,,,%d.00,,,,\n" % (
            t, t, 3 + rnd.randrange(18), dep, (t - 1) % PEOPLE + 1,
            1000 + rnd.randrange(20000)))
# Working days of 2026, 250,000 bookings spread over people and days:
# each person books 5 times a working day, 1.25 to 2 hours each.
days = [datetime.date(2026, 1, 1) + datetime.timedelta(d) for d in range(365)]
days = [d for d in days if d.weekday() < 5]
per_day = LINES // len(days)
extra = LINES - per_day * len(days)
os.makedirs(os.path.join(root, "timesheets"), exist_ok=True)
os.makedirs(os.path.join(root, "expenses"), exist_ok=True)
tsf = exf = None
month = None
n = 0
cats = ["travel", "hardware", "licences", "services", "training"]
for i, d in enumerate(days):
    if d.month != month:
        month = d.month
        for fh in (tsf, exf):
            if fh:
                fh.close()
        tsf = open(os.path.join(root, "timesheets", "2026-%02d.csv" % month),
                   "w", newline="")
        tsf.write("id,date,person,task,hours,note\n")
        exf = open(os.path.join(root, "expenses", "2026-%02d.csv" % month),
                   "w", newline="")
        exf.write("id,date,category,amount,description,ref,task\n")
    k = per_day + (1 if i < extra else 0)
    for j in range(k):
        n += 1
        p = (n - 1) % PEOPLE + 1
        t = p + PEOPLE * rnd.randrange(TASKS // PEOPLE)
        q = 5 + rnd.randrange(4)
        tsf.write("W-%d,%s,P-%d,T-%d,%s,\n" % (
            n, d.isoformat(), p, t,
            "%d%s" % (q // 4, ["", ".25", ".5", ".75"][q % 4])))
        exf.write("E-%d,%s,%s,%d.%02d,item %d,,T-%d\n" % (
            n, d.isoformat(), cats[n % 5], 1 + rnd.randrange(900),
            rnd.randrange(100), n, t))
tsf.close()
exf.close()
with open(os.path.join(root, "budget.csv"), "w", newline="") as f:
    f.write("category,amount\n")
    for c in sorted(cats + ["labour"]):
        f.write("%s,%d.00\n" % (c, 90000000))
PY
	(cd "$ACCT" && git add -A && git commit -qm "generated account" &&
	    touch .generated)
fi
cd "$ACCT"
git reset -q --hard
export ROOT

PYTHONPATH=$ROOT/bench exec python3 - "$KAM" "$RUNS" "$DATA" <<'PY'
import glob, os, subprocess, sys
import benchlib as B

kam, runs, data = sys.argv[1], int(sys.argv[2]), sys.argv[3]
files = sorted(glob.glob("timesheets/*.csv"))
nlines = sum(sum(1 for _ in open(f)) - 1 for f in files)
base = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True,
                      text=True, check=True).stdout.strip()


def reset():
    subprocess.run(["git", "reset", "-q", "--hard", base], check=True)


B.header("team audit over %d booking lines in %d month files, %d rounds"
         % (nlines, len(files), runs))
for argv in ([kam, "team", "audit", "--format", "json"],
             [kam, "check"]):
    rc = subprocess.run(argv, stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL).returncode
    print("  %s exits %d" % (" ".join(argv[1:3]), rc))
floor = "csvfloor timesheets/*.csv"
audit = "kam team audit --format json"
log = "kam time log (one commit)"
spend = "kam budget spend (one commit)"
t = B.run([
    B.Case(floor, [os.path.join(data, "csvfloor")] + files, check=True),
    B.Case(audit, [kam, "team", "audit", "--format", "json"], check=True),
    B.Case("kam time report --format json",
           [kam, "time", "report", "--format", "json"], check=True),
    B.Case("kam budget audit --format json (with labour)",
           [kam, "budget", "audit", "--format", "json"], check=True),
    B.Case("kam check", [kam, "check"]),
    B.Case(log, [kam, "time", "log", "P-7", "T-7", "0.25", "--date",
                 "2026-12-30", "bench"], prep=reset, check=True),
    B.Case(spend, [kam, "budget", "spend", "12.50", "--category", "travel",
                   "--date", "2026-12-30", "--task", "T-7", "bench"],
           prep=reset, check=True),
], runs)
reset()
B.show(t)
ok = B.limit(t, audit, 1.0)
B.ratio(t, audit, floor, None, "team audit / libcsv floor (for the record)")
ok = B.ratio(t, log, spend, 1.0, "time log / budget spend") and ok
sys.exit(0 if ok else 1)
PY
