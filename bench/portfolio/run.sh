#!/bin/sh
# bench/portfolio/run.sh: `kam portfolio status --format json` over 100,
# 250 and 500 accounts (and 500 plus the large account), each in its own
# bare repository (bench/portfolio/gen.sh makes them), against running
# `kam status --format json` in each account's work tree one after
# another.  Targets (issue 15): 500 accounts plus the large one under 3 s
# on a 2-core machine; time linear in the number of accounts; peak memory
# not growing with it; the portfolio at least 5x faster than the loop.
# min / median / max of RUNS whole-process runs (default 7), warm page
# cache; peak memory is the largest maximum resident set of those runs.
# The loop and the portfolio of the same accounts run in the same rounds
# (one after the other), so load from other processes hits both.
#
# usage: bench/portfolio/run.sh [runs]     (N=count: fewer accounts)
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
RUNS=${1:-7}
KAM=$ROOT/build/kam
D=$ROOT/bench/data/portfolio
[ -x "$KAM" ] || make -s kam
[ -f "$D/p${N:-500}.conf" ] || sh bench/portfolio/gen.sh
export KAM_TODAY=2026-11-27

python3 - "$KAM" "$RUNS" "$D" "${N:-500}" <<'PY'
import os, statistics, subprocess, sys, time

kam, runs, d, nmax = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])

def run(cmd, cwd=None):
    """Wall time and peak RSS (MiB) of one whole-process run."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    return time.perf_counter() - t, ru.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)

def mmm(v):
    return f"min {min(v):6.3f} / median {statistics.median(v):6.3f} / max {max(v):6.3f} s"

def loop(wts):
    t = time.perf_counter()
    for w in wts:
        subprocess.run([kam, "status", "--format", "json"], cwd=w,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t

res = {}
for conf in ["p100", "p250", "p500", "p500L"] + (["p%d" % nmax] if nmax not in (100, 250, 500) else []):
    f = os.path.join(d, conf + ".conf")
    if not os.path.exists(f):
        continue
    n = sum(1 for l in open(f) if l.startswith("[account"))
    cmd = [kam, "portfolio", "status", "-f", f, "--format", "json"]
    # The loop (kam status in each work tree, one after another) runs in
    # the same rounds for 100 and 500 accounts.
    wts = [os.path.join(d, "wt", "acc%03d" % i) for i in range(1, n + 1)]
    with_loop = conf in ("p100", "p500") and all(os.path.isdir(w) for w in wts)
    run(cmd)                                  # warm-up round
    ts, ls, peak, rc = [], [], 0, 0
    for _ in range(runs):
        t, m, rc = run(cmd)
        ts.append(t)
        peak = max(peak, m)
        if with_loop:
            ls.append(loop(wts))
    med = statistics.median(ts)
    res[conf] = (n, med)
    print(f"portfolio status, {n:4d} accounts{' (+large)' if conf == 'p500L' else '        '}"
          f": {mmm(ts)}, {1000 * med / n:6.2f} ms/account, peak {peak:5.1f} MiB, exit {rc}")
    if with_loop:
        r = sorted(l / t for l, t in zip(ls, ts))
        print(f"kam status loop,  {n:4d} accounts        : {mmm(ls)}; portfolio "
              f"{statistics.median(ls) / med:.1f}x faster (per round min {r[0]:.1f} / "
              f"median {statistics.median(r):.1f} / max {r[-1]:.1f}; target >= 5x: "
              f"{'ok' if statistics.median(ls) / med >= 5 else 'MISSED'})")
if "p500L" in res:
    med = res["p500L"][1]
    print(f"  target < 3 s for 500 + large: {'ok' if med < 3 else 'MISSED'}")
if "p100" in res and "p500" in res:
    r = res["p500"][1] / res["p100"][1]
    print(f"  500/100 time ratio {r:.2f} (linear: 5.00)")
PY
