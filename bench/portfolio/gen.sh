#!/bin/sh
# bench/portfolio/gen.sh: the accounts of the portfolio benchmark, under
# bench/data/portfolio/ (gitignored), made once (several minutes; run it
# niced, alone):
#   wt/accNNN       500 accounts from gen_account.py --tasks 100 --risks 50
#                   --reqs 20 --expenses 200 --seed NNN, each a git work
#                   tree with one commit (for the `kam status` baseline)
#   bare/accNNN.git a bare clone of each, packed as a fetched mirror is
#                   (what the portfolio reads)
#   bare/large.git  the large account (gen_account.py defaults: 10,000
#                   tasks, 5,000 risks, 2,000 requirements, 1,000,000
#                   expenses), bare
#   p100.conf p250.conf p500.conf   the first 100, 250 and 500 accounts
#   p500L.conf      the 500 and the large account
# SHARED=dir: where shared/bench is (default /work/shared, else ../shared
# next to the repository).  N=count: fewer accounts (default 500).
set -eu
cd "$(dirname "$0")/../.."
if [ -n "${SHARED:-}" ]; then
	GEN=$SHARED/bench/gen_account.py
elif [ -f /work/shared/bench/gen_account.py ]; then
	GEN=/work/shared/bench/gen_account.py
else
	GEN=$(pwd)/../shared/bench/gen_account.py
fi
N=${N:-500}
D=bench/data/portfolio
mkdir -p "$D/wt" "$D/bare"
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
export GIT_AUTHOR_DATE='1767225600 +0000' GIT_COMMITTER_DATE='1767225600 +0000'

commit () {	# dir: one commit of everything, branch main
	git -C "$1" init -q -b main
	git -C "$1" add -A
	git -C "$1" commit -q -m "generated account"
}

i=1
while [ "$i" -le "$N" ]; do
	a=$(printf "acc%03d" "$i")
	if [ ! -d "$D/bare/$a.git" ]; then
		rm -rf "$D/wt/$a" "$D/wt/$a.tmp"
		python3 "$GEN" "$D/wt/$a.tmp" --tasks 100 --risks 50 --reqs 20 \
		    --expenses 200 --seed "$i" >/dev/null
		mv "$D/wt/$a.tmp" "$D/wt/$a"
		commit "$D/wt/$a"
		git clone -q --bare --no-local "$D/wt/$a" "$D/bare/$a.git"
	fi
	i=$((i + 1))
done
if [ ! -d "$D/bare/large.git" ] && [ "${LARGE:-1}" = 1 ]; then
	rm -rf "$D/large.tmp"
	python3 "$GEN" "$D/large.tmp" >/dev/null
	commit "$D/large.tmp"
	git clone -q --bare --no-local "$D/large.tmp" "$D/bare/large.git"
	rm -rf "$D/large.tmp"
fi
for n in 100 250 500 $N; do
	[ "$n" -le "$N" ] || continue
	i=1
	: >"$D/p$n.conf"
	while [ "$i" -le "$n" ]; do
		a=$(printf "acc%03d" "$i")
		printf '[account "%s"]\n\tpath = bare/%s.git\n' "$a" "$a" \
		    >>"$D/p$n.conf"
		i=$((i + 1))
	done
done
if [ -f "$D/p500.conf" ] && [ -d "$D/bare/large.git" ]; then
	cp "$D/p500.conf" "$D/p500L.conf"
	printf '[account "large"]\n\tpath = bare/large.git\n' >>"$D/p500L.conf"
fi
