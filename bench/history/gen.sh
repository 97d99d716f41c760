#!/bin/sh
# bench/history/gen.sh: generate the data of the history and check
# benchmarks under bench/data/ (gitignored):
#   bench/data/account    the large account (gen_account.py defaults)
#   bench/data/hist100k   100,000 commits, 1,000 of them changing risks.csv
# Deterministic; takes several minutes.  GEN=dir overrides where the
# generators are (default ../shared/bench next to the repository).
set -e
cd "$(dirname "$0")/../.."
GEN=${GEN:-$(cd .. && pwd)/shared/bench}
mkdir -p bench/data
if [ ! -f bench/data/account/kam.conf ]; then
	python3 "$GEN/gen_account.py" bench/data/account.tmp
	mv bench/data/account.tmp bench/data/account
fi
if [ ! -d bench/data/hist100k/.git ]; then
	rm -rf bench/data/hist100k.tmp
	python3 "$GEN/gen_history.py" bench/data/account bench/data/hist100k.tmp \
	    --commits 100000 --kam-commits 1000
	mv bench/data/hist100k.tmp bench/data/hist100k
fi
echo "bench data ready in bench/data"
