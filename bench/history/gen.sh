#!/bin/sh
# bench/history/gen.sh: the data of the history benchmark, under
# bench/data/ (gitignored), made once:
#   bench/data/account    the large account (gen_account.py defaults:
#                         10,000 tasks, 5,000 risks, 2,000 requirements,
#                         1,000,000 expenses)
#   bench/data/hist100k   a repository of 100,000 commits, 1,000 of them
#                         changing risks.csv as `kam risk assess` would
#                         (R-17 in about 2% of those), the rest src/
# Deterministic; takes several minutes.  SHARED=dir: where shared/bench is
# (default ../shared next to the repository).
set -eu
cd "$(dirname "$0")/../.."
GEN=${SHARED:-$(pwd)/../shared}/bench
mkdir -p bench/data
if [ ! -f bench/data/account/kam.conf ]; then
	rm -rf bench/data/account.tmp
	python3 "$GEN/gen_account.py" bench/data/account.tmp
	mv bench/data/account.tmp bench/data/account
fi
if [ ! -d bench/data/hist100k/.git ]; then
	rm -rf bench/data/hist100k.tmp
	python3 "$GEN/gen_history.py" bench/data/account bench/data/hist100k.tmp \
	    --commits 100000 --kam-commits 1000
	mv bench/data/hist100k.tmp bench/data/hist100k
fi
