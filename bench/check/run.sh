#!/bin/sh
# bench/check/run.sh: `kam check` and `kam status` on the large account
# (../shared/bench/gen_account.py defaults: 10,000 tasks, 5,000 risks,
# 2,000 requirements, 1,000,000 expenses in 24 month files); target for
# kam check: under 1 s.  Medians of RUNS whole-process runs (default 7),
# warm page cache, and peak memory.  The account is copied into its own
# git repository, bench/data/check-account (gitignored).
#
# Note: the generated account has one duplicate RACI entry (T-44, P-1),
# so kam check exits 65 there; the time is what is measured.
#
# usage: bench/check/run.sh [runs]
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
RUNS=${1:-7}
KAM=$ROOT/build/kam
DATA=$ROOT/bench/data
[ -x "$KAM" ] || make -s kam
[ -f "$DATA/account/kam.conf" ] || sh bench/history/gen.sh
if [ ! -d "$DATA/check-account/.git" ]; then
	rm -rf "$DATA/check-account"
	cp -r "$DATA/account" "$DATA/check-account"
	git init -q "$DATA/check-account"
fi
cd "$DATA/check-account"
export KAM_TODAY=2026-11-27

python3 - "$KAM" "$RUNS" <<'PY'
import resource, statistics, subprocess, sys, time

kam, runs = sys.argv[1], int(sys.argv[2])
for name, cmd, target in [
        ("kam check", [kam, "check"], 1.0),
        ("kam check --format junit", [kam, "check", "--format", "junit"], 1.0),
        ("kam status", [kam, "status"], None)]:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts = []
    for _ in range(runs):
        t = time.perf_counter()
        rc = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL).returncode
        ts.append(time.perf_counter() - t)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    med = statistics.median(ts)
    verdict = "" if target is None else (
        f" (target < {target} s: " + ("ok" if med < target else "MISSED") + ")")
    print(f"{name:28s} median {med:6.3f} s, exit {rc}, peak so far "
          f"{peak:.0f} MiB{verdict}")
PY
