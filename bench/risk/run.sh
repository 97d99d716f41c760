#!/bin/sh
# bench/risk/run.sh: the risk register's speed targets (issues 2 and 12),
# each a ratio of two commands measured side by side in one run.
#
#  1. `kam risk list --open --min-score 15 --format json` over 100,000
#     risks vs the floor, csvfloor (libcsv strict pass) over risks.csv:
#     target <= 2x the floor.
#  2. `kam risk list` (the terminal table of all 100,000 rows, stdout not
#     a terminal) vs the JSON run above: target <= 2x.
#  3. `kam risk assess R-17 -p N` in a repository of 100,000 commits vs
#     the same in a 10-commit repository: target <= 1.1x.
#  4. the same assess vs `git add risks.csv` + `git commit` of the same
#     change (the edit itself untimed) in another copy of the
#     100,000-commit repository: target <= 1.0x.
#
# Data (bench/data/, gitignored) comes from ../shared/bench/gen_account.py
# and gen_history.py, which are deterministic; it is made once.  The
# write benchmarks run on fresh copies of the generated repositories
# (bench/data/run/), so every run starts from the same bytes.
# Every case runs once untimed, then RUNS rounds (default 11, at least 7)
# of all cases in turn; min / median / max and the ratios are printed
# (see bench/benchlib.py).
#
# usage: bench/risk/run.sh [runs]
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
GEN=${SHARED:-$ROOT/../shared}/bench
RUNS=${1:-11}
DATA=$ROOT/bench/data
KAM=${KAM:-$ROOT/build/kam}
mkdir -p "$DATA"
[ -x "$KAM" ] || make -s kam
[ -x "$DATA/csvfloor" ] || cc -O2 -o "$DATA/csvfloor" "$GEN/csvfloor.c" -lcsv
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

if [ ! -f "$DATA/risks100k.done" ]; then
	rm -rf "$DATA/risks100k"
	python3 "$GEN/gen_account.py" "$DATA/risks100k" --risks 100000 \
	    --tasks 100 --reqs 10 --expenses 10 >/dev/null
	(cd "$DATA/risks100k" && git init -q . && git add -A &&
	    git commit -qm init)
	touch "$DATA/risks100k.done"
fi
for n in 10 100000; do
	repo=$DATA/hist$n
	if [ ! -f "$repo.done" ]; then
		if [ ! -f "$DATA/acct5k.done" ]; then
			rm -rf "$DATA/acct5k"
			python3 "$GEN/gen_account.py" "$DATA/acct5k" \
			    --risks 5000 --tasks 100 --reqs 10 --expenses 10 \
			    >/dev/null
			touch "$DATA/acct5k.done"
		fi
		echo "generating a repository of $n commits ..."
		rm -rf "$repo"
		python3 "$GEN/gen_history.py" "$DATA/acct5k" "$repo" \
		    --commits $n --kam-commits $((n < 1000 ? n : 1000)) >/dev/null
		touch "$repo.done"
	fi
done
rm -rf "$DATA/run"
mkdir -p "$DATA/run"
cp -a "$DATA/hist10" "$DATA/run/kam10"
cp -a "$DATA/hist100000" "$DATA/run/kam100k"
cp -a "$DATA/hist100000" "$DATA/run/git100k"

PYTHONPATH=$ROOT/bench exec python3 - "$KAM" "$RUNS" "$DATA" <<'PY'
import os, subprocess, sys
import benchlib as B

kam, runs, data = sys.argv[1], int(sys.argv[2]), sys.argv[3]
B.header("risk benchmarks, %d rounds" % runs)
ok = True

# 1 and 2: the list over 100,000 risks.
os.chdir(os.path.join(data, "risks100k"))
t = B.run([
    B.Case("csvfloor risks.csv", [os.path.join(data, "csvfloor"), "risks.csv"],
           check=True),
    B.Case("kam risk list --open --min-score 15 --format json",
           [kam, "risk", "list", "--open", "--min-score", "15", "--format",
            "json"], check=True),
    B.Case("kam risk list (table, all rows)", [kam, "risk", "list"],
           check=True),
], runs)
print("risk list, 100,000 risks (risks.csv %.1f MB):" %
      (os.path.getsize("risks.csv") / 1e6))
B.show(t)
ok &= B.ratio(t, "kam risk list --open --min-score 15 --format json",
              "csvfloor risks.csv", 2.0, "json list / libcsv floor")
ok &= B.ratio(t, "kam risk list (table, all rows)",
              "kam risk list --open --min-score 15 --format json", 2.0,
              "table of all rows / json list")

# 3 and 4: one changed row of a 5,000-row risks.csv, committed.
def next_p(repo):
    """R-17's probability in the work tree, moved on by one (1..5)."""
    with open(os.path.join(repo, "risks.csv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("R-17,"):
                return int(line.split(",")[3]) % 5 + 1
    sys.exit("no R-17 in %s" % repo)

class Assess(B.Case):
    def __init__(self, name, repo):
        self.repo = repo
        B.Case.__init__(self, name, [kam], prep=self.edit, check=True)
    def edit(self):
        self.cmds = [[kam, "-C", self.repo, "risk", "assess", "R-17", "-p",
                      str(next_p(self.repo))]]

def git_edit(repo):
    p = os.path.join(repo, "risks.csv")
    lines = open(p, encoding="utf-8").read().split("\n")
    for i, l in enumerate(lines):
        if l.startswith("R-17,"):
            f = l.split(",")
            f[3] = str(int(f[3]) % 5 + 1)
            lines[i] = ",".join(f)
    open(p, "w", encoding="utf-8").write("\n".join(lines))

run = os.path.join(data, "run")
g = os.path.join(run, "git100k")
os.chdir(run)
t = B.run([
    Assess("kam risk assess, 10 commits", os.path.join(run, "kam10")),
    Assess("kam risk assess, 100,000 commits", os.path.join(run, "kam100k")),
    B.Case("git add risks.csv + git commit, 100,000 commits",
           [["git", "-C", g, "add", "risks.csv"],
            ["git", "-C", g, "commit", "-q", "-m", "bench: R-17"]],
           prep=lambda: git_edit(g), check=True),
], runs)
print("risk assess R-17 -p N, 5,000-row risks.csv:")
B.show(t)
ok &= B.ratio(t, "kam risk assess, 100,000 commits",
              "kam risk assess, 10 commits", 1.1,
              "100,000 commits / 10 commits")
ok &= B.ratio(t, "kam risk assess, 100,000 commits",
              "git add risks.csv + git commit, 100,000 commits", 1.0,
              "kam / git add + commit")
# Same answer: every kam run made exactly one commit.
for r in ("kam10", "kam100k", "git100k"):
    n = subprocess.run(["git", "-C", os.path.join(run, r), "rev-list",
                        "--count", "HEAD"], capture_output=True, text=True,
                       check=True).stdout.strip()
    print("  %s: %s commits after the run" % (r, n))
sys.exit(0 if ok else 1)
PY
