#!/bin/sh
# t9100: crash atomicity (RELIABILITY.md §3 K1).  Each write command is
# killed with SIGKILL at each of its mutating system calls in turn (strace
# fault injection; see helpers/inject.sh).  After every point: `git fsck
# --full` is clean, HEAD is the old or the new commit, the record is there
# 0 or 1 times accordingly, the next kam write exits 0 by itself, and then
# nothing is dirty and no temp file, git lock or journal is left.  The
# same again for a run that is itself recovering from a crash.  K4: the
# uninterrupted run fsyncs every file before its rename and the directory
# after it.
test_description='SIGKILL at every mutating system call'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/helpers/inject.sh"

# The sanitizer build takes every third point only, to stay within its
# time budget; KAM_TEST_LONG=1 takes every point there too.
STRIDE=1
case "$KAM" in *build-san*) STRIDE=3 ;; esac
[ -n "$KAM_TEST_LONG" ] && STRIDE=1
[ "$STRIDE" = 1 ] && EVERY= || EVERY=" (one in $STRIDE tested)"

if ! inj_have_strace; then
	echo "1..0 # SKIP strace cannot trace here"
	exit 0
fi
inj_private_kam || exit 1
inj_workdir

inj_template || exit 1

# k1 LABEL FILE PATTERN CMD...: every point of CMD, run from the
# template, with the oracle after each.  Writes the point count to
# $W/count.LABEL.
k1 () {
	k_label=$1 k_file=$2 k_pat=$3
	shift 3
	k_tpl=${TPL:-tpl}
	inj_fresh "$k_tpl" || return 1
	k_old=$(git rev-parse HEAD)
	inj_points "$W/pts.$k_label" "$@" || return 1
	k_new=$(git rev-parse HEAD)
	if [ "$k_new" = "$k_old" ] || [ -n "$(git status --porcelain)" ]; then
		echo "the uninterrupted run did not commit cleanly"
		return 1
	fi
	k_n=$(wc -l <"$W/pts.$k_label")
	echo "$k_n" >"$W/count.$k_label"
	echo "# $k_label: $k_n injection points"
	if [ "$k_n" -lt 10 ]; then
		echo "too few points found"
		return 1
	fi
	k_i=0 k_fail=0 k_missed=0
	while read -r k_sys k_ord k_what; do
		k_i=$((k_i + 1))
		[ $(( (k_i - 1) % STRIDE )) = 0 ] || continue
		inj_what=$k_what
		inj_point "$k_tpl" "$k_sys" "$k_ord" signal=KILL "$@" || return 1
		k_missed=$((k_missed + inj_missed))
		k_at="$k_sys #$k_ord, killed at: $(grep -v '^[0-9]* *+++' \
		    "$W/log" | tail -n 1 | cut -c 1-120)"
		if [ "$inj_rc" != 137 ]; then
			echo "point $k_i ($k_sys #$k_ord): not killed, exit $inj_rc"
			sed 's/^/    /' "$W/inj.err"
			k_fail=$((k_fail + 1))
		elif ! inj_oracle "$k_old" "$k_new" "$k_file" "$k_pat" \
		    >"$W/why" 2>&1 </dev/null; then
			echo "point $k_i ($k_at):"
			sed 's/^/    /' "$W/why"
			k_fail=$((k_fail + 1))
		fi
	done <"$W/pts.$k_label"
	echo "# $k_label: $k_n points$EVERY, $k_missed missed (racy openat)," \
	    "$k_fail failures" | tee -a "$W/summary"
	# a few missed points are timing; many mean the harness is broken
	if [ $((k_missed * 10)) -gt "$k_n" ]; then
		echo "too many points missed"
		k_fail=$((k_fail + 1))
	fi
	cd "$W" || return 1
	echo "# $k_label: $k_fail failures"
	[ "$k_fail" = 0 ]
}

test_expect_success 'K1: kam risk add killed at every point' '
	k1 risk-add risks.csv ",Crash probe," \
	    "$KAM" risk add "Crash probe" -p 4 -i 5 --owner P-2
'

test_expect_success 'K1: kam people add killed at every point' '
	k1 people-add people.csv ",Cy Crash," \
	    "$KAM" people add "Cy Crash" --side team --rate 1234.50
'

test_expect_success 'K1: kam risk assess killed at every point' '
	k1 risk-assess risks.csv "^R-1,Late supplier,[^,]*,5,5," \
	    "$KAM" risk assess R-1 -p 5 -i 5
'

# A crash in the work-tree phase: the commit is there, risks.csv is not
# yet renamed into place, the journal is present.  The next kam finishes
# the job while recovering; kill that run at every point too.
test_expect_success 'set up a repository left by a kill after the commit' '
	inj_crashed_template
'

test_expect_success 'K1: the recovering run killed at every point' '
	TPL=crashed k1 recovery risks.csv ",After the crash," \
	    "$KAM" risk add "After the crash" -p 1 -i 2
'

# kam init in an empty directory: git init, the files, the root commit.
# Killed anywhere, running the same kam init again finishes the project
# (or it was finished already, then the next write works).
init_args="--name Crash --client ACME --currency CNY --start 2026-01-05"

# init_oracle OLD NEW: after a kill of kam init, HEAD is OLD (none when
# the branch was unborn) or NEW; if the project is not finished, running
# the same kam init again finishes it (as kam says: "run 'kam init'") and
# makes NEW; then the next write works and nothing is left.
init_oracle () {
	i_old=$1 i_new=$2
	i_head=none
	if git rev-parse -q --git-dir >/dev/null 2>&1; then
		i_head=$(git rev-parse -q --verify HEAD) || i_head=none
	fi
	if [ "$i_head" != none ]; then
		if ! git fsck --full >"$W/fsck" 2>&1; then
			echo "git fsck --full failed:"
			cat "$W/fsck"
			return 1
		fi
	fi
	if [ "$i_head" != "$i_old" ] && [ "$i_head" != "$i_new" ]; then
		echo "HEAD is $i_head, neither $i_old nor $i_new"
		return 1
	fi
	if [ "$i_head" = "$i_old" ] || [ ! -f kam.conf ]; then
		# shellcheck disable=SC2086
		"$KAM" init $init_args >"$W/next.out" 2>"$W/next.err"
		i_rc=$?
		if [ "$i_rc" != 0 ]; then
			echo "kam init again failed ($i_rc):"
			cat "$W/next.err"
			return 1
		fi
		if [ "$(git rev-parse HEAD)" != "$i_new" ]; then
			echo "kam init again made $(git rev-parse HEAD), not $i_new"
			return 1
		fi
	fi
	"$KAM" risk add "Next write" -p 1 -i 1 >"$W/next.out" \
	    2>"$W/next.err"
	i_rc=$?
	if [ "$i_rc" != 0 ]; then
		echo "the next kam write failed ($i_rc):"
		cat "$W/next.err"
		return 1
	fi
	if [ "$(git rev-parse HEAD^)" != "$i_new" ]; then
		echo "the next write is not on $i_new:"
		git log --oneline
		return 1
	fi
	if [ -n "$(git status --porcelain)" ]; then
		echo "dirty after the next write:"
		git status --porcelain
		return 1
	fi
	if ! inj_leftovers >"$W/left"; then
		echo "left behind:"
		cat "$W/left"
		return 1
	fi
	"$KAM" check >"$W/check.out" 2>&1
	i_rc=$?
	if [ "$i_rc" -gt 1 ] || ! grep -q " 0 invalid" "$W/check.out"; then
		echo "kam check after the next write ($i_rc):"
		cat "$W/check.out"
		return 1
	fi
	return 0
}

# k1_init LABEL TEMPLATE: kam init in a copy of $W/TEMPLATE killed at
# every point.
k1_init () {
	n_label=$1 n_tpl=$2
	inj_fresh "$n_tpl" || return 1
	n_old=$(git rev-parse -q --verify HEAD 2>/dev/null) || n_old=none
	# shellcheck disable=SC2086
	inj_points "$W/pts.$n_label" "$KAM" init $init_args || return 1
	n_new=$(git rev-parse HEAD) || return 1
	n_n=$(wc -l <"$W/pts.$n_label")
	echo "$n_n" >"$W/count.$n_label"
	echo "# $n_label: $n_n injection points"
	test "$n_n" -ge 10 || return 1
	n_fail=0 n_i=0 n_missed=0
	while read -r n_sys n_ord n_what; do
		n_i=$((n_i + 1))
		[ $(( (n_i - 1) % STRIDE )) = 0 ] || continue
		# shellcheck disable=SC2086
		inj_what=$n_what
		inj_point "$n_tpl" "$n_sys" "$n_ord" signal=KILL \
		    "$KAM" init $init_args || return 1
		n_missed=$((n_missed + inj_missed))
		if [ "$inj_rc" != 137 ]; then
			echo "point $n_i ($n_sys #$n_ord): not killed, exit $inj_rc"
			n_fail=$((n_fail + 1))
		elif ! init_oracle "$n_old" "$n_new" >"$W/why" 2>&1 \
		    </dev/null; then
			echo "point $n_i ($n_sys #$n_ord $n_what):"
			sed "s/^/    /" "$W/why"
			n_fail=$((n_fail + 1))
		fi
	done <"$W/pts.$n_label"
	cd "$TRASH" || return 1
	echo "# $n_label: $n_n points$EVERY, $n_missed missed (racy openat)," \
	    "$n_fail failures" | tee -a "$W/summary"
	echo "# $n_label: $n_fail failures"
	test $((n_missed * 10)) -le "$n_n" && test "$n_fail" = 0
}

test_expect_success 'K1: kam init in an empty directory killed at every point' '
	mkdir -p "$W/empty" &&
	k1_init init empty
'

test_expect_success 'K1: kam init in a git repository with history killed at every point' '
	mkdir -p "$W/gitrepo" && cd "$W/gitrepo" && git init -q &&
	echo "notes" >README && git add README && git commit -q -m README &&
	k1_init init-git gitrepo
'

# K4: in an uninterrupted run every file put in place by a rename or a
# link (kam's work-tree files and journal, libgit2's objects and refs)
# was fsynced before, and its directory after (helpers/k4-audit.awk),
# when the repository asks git for that (core.fsync=all; W7).
k4 () {
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=0 strace -f -qq -y -o "$W/k4" \
	    -e trace=openat,write,pwrite64,fsync,rename,renameat,link "$@" \
	    >/dev/null &&
	awk -v min=5 -f "$TEST_DIR/helpers/k4-audit.awk" "$W/k4"
}

test_expect_success 'K4: risk add, people add, risk assess fsync what they rename' '
	inj_fresh tpl &&
	git config core.fsync all &&
	k4 "$KAM" risk add "Durable" -p 2 -i 3 &&
	k4 "$KAM" people add "Di Durable" --rate 10.00 &&
	k4 "$KAM" risk assess R-1 -p 1 -i 1
'

test_expect_success 'K4: the recovering run fsyncs what it renames' '
	inj_fresh crashed &&
	git config core.fsync all &&
	k4 "$KAM" risk add "After the crash" -p 1 -i 2 &&
	grep -q "kam-tmp.*risks.csv" "$W/k4"
'

test_expect_success 'K4: kam init fsyncs what it renames' '
	git config --global core.fsync all &&
	rm -rf "$W/w" && mkdir "$W/w" && cd "$W/w" &&
	# shellcheck disable=SC2086
	k4 "$KAM" init $init_args &&
	inj_fresh gitrepo &&
	# shellcheck disable=SC2086
	k4 "$KAM" init $init_args &&
	git config --global --unset core.fsync
'

# W7: kam does the durability work git does for the same repository.
# Without core.fsync (git's default) a write fsyncs nothing, as `git add`
# and `git commit` fsync nothing; "committed" (objects) and the legacy
# core.fsyncObjectFiles make libgit2 fsync what it writes; components kam
# never writes (pack, commit-graph) cost nothing.  (K1 above kills the
# default configuration.)
fsyncs () {
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=0 strace -f -qq \
	    -o "$W/fs" -e trace=fsync "$@" >/dev/null 2>&1 || return 1
	grep -c "fsync(" "$W/fs" || :
}

test_expect_success 'W7: fsync as core.fsync says, like git' '
	inj_fresh tpl &&
	n=$(fsyncs "$KAM" risk assess R-1 -p 1) && test "$n" = 0 &&
	git config core.fsync committed &&
	n=$(fsyncs "$KAM" risk assess R-1 -p 2) && test "$n" -gt 0 &&
	git config core.fsync "pack,commit-graph" &&
	n=$(fsyncs "$KAM" risk assess R-1 -p 3) && test "$n" = 0 &&
	git config --unset core.fsync &&
	git config core.fsyncObjectFiles true &&
	n=$(fsyncs "$KAM" risk assess R-1 -p 4) && test "$n" -gt 0 &&
	git config --unset core.fsyncObjectFiles &&
	git config core.fsync all &&
	n=$(fsyncs "$KAM" risk assess R-1 -p 5) && test "$n" -ge 10 &&
	test "$(git log --oneline | wc -l)" -ge 5 &&
	test -z "$(git status --porcelain)"
'

cat "$W/summary" 2>/dev/null

test_done
