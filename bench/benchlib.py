"""benchlib: whole-process timings for bench/*/run.sh, measured side by side.

A benchmark is a list of cases run in rounds: every round runs each case
once (after one untimed warm-up round), so a burst of load from other
processes on this shared machine hits kam and its floor or peer alike.
Each case reports min / median / max wall time over the rounds, and each
target is the ratio of two cases in the same run: the ratio of their
medians, with the min / median / max of the per-round ratios beside it.

    import benchlib as B
    t = B.run([B.Case("kam", ["kam", "risk", "list"]),
               B.Case("floor", ["csvfloor", "risks.csv"])], runs=9)
    B.show(t)
    B.ratio(t, "kam", "floor", 2.0)

A case's command is an argv list, or a list of argv lists run one after
another (`git add` then `git commit`), all timed; prep() runs untimed
before each timed run (an edit for git to commit).
"""
import os
import statistics
import subprocess
import sys
import time


class Case:
    def __init__(self, name, cmd, prep=None, check=False):
        self.name = name
        self.cmds = cmd if cmd and isinstance(cmd[0], list) else [cmd]
        self.prep = prep
        self.check = check      # a non-zero exit is an error

    def once(self):
        if self.prep is not None:
            self.prep()
        t = time.perf_counter()
        for c in self.cmds:
            rc = subprocess.run(c, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL).returncode
            if rc != 0 and self.check:
                sys.exit("%s: exit %d from %s" % (self.name, rc, " ".join(c)))
        return time.perf_counter() - t


def load():
    return "load %s" % " ".join(open("/proc/loadavg").read().split()[:3])


def run(cases, runs=7, warmup=1):
    """Times of every case, in seconds, in round order."""
    if runs < 7:
        sys.exit("benchlib: at least 7 runs (got %d)" % runs)
    for _ in range(warmup):
        for c in cases:
            c.once()
    times = {c.name: [] for c in cases}
    for _ in range(runs):
        for c in cases:
            times[c.name].append(c.once())
    return times


def ms(x):
    return "%.1f" % (x * 1000)


def show(times, width=46):
    for name, v in times.items():
        print("  %-*s min %8s  median %8s  max %8s ms  (%d runs)" % (
            width, name, ms(min(v)), ms(statistics.median(v)), ms(max(v)),
            len(v)))


def ratio(times, a, b, target, label=None):
    """Print median(a)/median(b) and the per-round ratios; True if met."""
    r = statistics.median(times[a]) / statistics.median(times[b])
    per = [x / y for x, y in zip(times[a], times[b])]
    ok = target is None or r <= target
    verdict = "" if target is None else "; target <= %sx): %s" % (
        target, "ok" if ok else "MISSED")
    print("  %s: %.2fx (per round min %.2f median %.2f max %.2f%s" % (
        label or "%s / %s" % (a, b), r, min(per), statistics.median(per),
        max(per), verdict or ")"))
    return ok


def limit(times, a, seconds):
    m = statistics.median(times[a])
    ok = m < seconds
    print("  %s: median %s ms (target < %s ms): %s" % (
        a, ms(m), ms(seconds), "ok" if ok else "MISSED"))
    return ok


def header(what):
    print("%s; %d CPUs, %s; %s" % (what, os.cpu_count(), load(),
                                   os.uname().release))
