# tests/helpers/inject.sh: fault injection at each mutating system call
# of one kam command, with strace (RELIABILITY.md §3 K1, K2, K5).
# Sourced by t9100, t9110 and t9200 after tests/lib.sh.  (LeakSanitizer
# cannot run under ptrace: the ASan build runs with detect_leaks=0 here.)
#
#   inj_points LIST CMD...   run CMD once under strace and write the
#                            points at which it changes the file system,
#                            one "syscall ordinal [path]" line each, to
#                            LIST
#   inj_run NAME ORD SPEC LOG CMD...
#                            run CMD with SPEC (signal=KILL, error=ENOSPC,
#                            ...) injected at the ORD-th call of NAME;
#                            exit status as the command's (128+n when a
#                            signal killed it)
#
# strace counts injections per system call and per process, so "the n-th
# mutating call" is turned into "the m-th call of syscall s" from a trace
# run made on an identical copy of the repository.  openat counts as a
# point only when it opens for writing or creating, but the ordinal counts
# every openat, as strace does.

INJ_SET=write,pwrite64,fsync,fdatasync,rename,renameat,renameat2,link,linkat,unlink,unlinkat,openat,mkdir,mkdirat,ftruncate

inj_have_strace () {
	command -v strace >/dev/null 2>&1 &&
	    strace -f -qq -o /dev/null -e trace=none true 2>/dev/null
}

# inj_workdir: set $W, where the repositories under test live: a new
# directory on tmpfs (/dev/shm) when there is one, since on a disk the
# fsyncs are half of each run's time and the points are the same; $TRASH
# otherwise.  It goes at exit unless a test failed.
W=$TRASH
inj_workdir () {
	if [ -d /dev/shm ] && [ -w /dev/shm ] &&
	    W=$(mktemp -d /dev/shm/kam-test.XXXXXX 2>/dev/null); then
		GIT_CEILING_DIRECTORIES="$GIT_CEILING_DIRECTORIES:/dev/shm"
		export GIT_CEILING_DIRECTORIES
		trap inj_cleanup EXIT
	else
		W=$TRASH
	fi
}

inj_cleanup () {
	cd / || return
	if [ "$test_failed" = 0 ]; then
		rm -rf "$W"
	else
		echo "# repositories kept in $W"
	fi
}

# A private copy of the binary: a concurrent `make` must not replace it
# half-way through hundreds of runs.
inj_private_kam () {
	cp "$KAM" "$TRASH/kam.bin" && KAM=$TRASH/kam.bin && export KAM
}

inj_points () {
	_list=$1
	shift
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=0 \
	    strace -f -qq -o "$_list.raw" -e trace="$INJ_SET" "$@" \
	    >/dev/null 2>&1
	awk '
	/^[0-9]+ +\+\+\+ / || /^[0-9]+ +--- / || / resumed>/ { next }
	{
		line = $0
		sub(/^[0-9]+ +/, "", line)
		name = line
		sub(/\(.*/, "", name)
		if (name !~ /^[a-z0-9_]+$/)
			next
		n[name]++
		if (name == "openat" && line !~ /O_WRONLY|O_RDWR|O_CREAT/)
			next
		what = ""
		if (name ~ /^(write|pwrite64|fsync|fdatasync|ftruncate)$/ &&
		    match(line, /\([0-9]+/))
			what = "fd=" substr(line, RSTART + 1, RLENGTH - 1)
		else if (match(line, /"[^"]*"/))
			what = substr(line, RSTART + 1, RLENGTH - 2)
		print name, n[name], what
	}' "$_list.raw" >"$_list"
}

# A shell without job control starts its background commands with SIGINT
# and SIGQUIT ignored (`make check &`), and kam rightly leaves a signal
# ignored that was ignored when it started: the command runs with their
# default actions, as from a terminal.
inj_run () {
	_name=$1 _ord=$2 _spec=$3 _log=$4
	shift 4
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=0 \
	    env --default-signal=INT,QUIT strace -f -qq -o "$_log" -e trace="$_name" \
	    -e inject="$_name:$_spec:when=$_ord" "$@"
}

# inj_point TEMPLATE SYS ORD SPEC CMD...: in a fresh copy of TEMPLATE,
# run CMD with SPEC injected at point (SYS, ORD); its stdout and stderr go
# to $W/inj.out and $W/inj.err, its exit status to $inj_rc.  An openat
# ordinal can land on another open when libgit2 re-reads a racily clean
# file (its timestamp in the same clock tick as the index's) more or
# fewer times than in the trace run; then the neighbouring ordinals are
# tried, nearest first, until the open hit writes or creates the same
# path ($inj_what, from the point list, with pids and random parts
# ignored).  $inj_missed is 1 if none did.
inj_what=
inj_point () {
	p_tpl=$1 p_sys=$2 p_ord=$3 p_spec=$4
	shift 4
	inj_missed=0
	for p_d in 0 1 -1 2 -2 3 -3 4 -4; do
		p_o=$((p_ord + p_d))
		[ "$p_o" -ge 1 ] || continue
		inj_fresh "$p_tpl" || return 1
		inj_run "$p_sys" "$p_o" "$p_spec" "$W/log" "$@" \
		    >"$W/inj.out" 2>"$W/inj.err" </dev/null
		inj_rc=$?
		inj_hit_ok "$W/log" "$p_sys" "$p_o" && return 0
		[ "$p_sys" = openat ] || break
	done
	inj_missed=1
	return 0
}

# The point really hit: the ORD-th call of SYS in the log (which traces
# only SYS); for openat it must be one that writes or creates, and the
# path $inj_what when that is set.
inj_hit_ok () {
	[ "$2" = openat ] || return 0
	_l=$(awk -v n="$3" '/^[0-9]* *openat\(/ && ++c == n' "$1")
	case "$_l" in
	*O_WRONLY*|*O_RDWR*|*O_CREAT*) ;;
	*) return 1 ;;
	esac
	[ -n "$inj_what" ] || return 0
	_got=$(echo "$_l" | sed 's/^[^"]*"\([^"]*\)".*/\1/' | inj_norm)
	[ "$_got" = "$(echo "$inj_what" | inj_norm)" ]
}

# Paths without what changes from run to run: pids, random names.
inj_norm () {
	sed -e 's/[0-9a-f]\{16,\}/R/g' -e 's/[0-9][0-9]*/N/g'
}

# Leftovers a kam write must never leave once the next kam has run:
# temp files, git locks, anything in kam's journal directory.  Prints
# them; status 1 when any.
inj_leftovers () {
	_left=$(find . \( -name '.kam-tmp-*' -o -name '*.lock' -o \
	    -path './.git/kam/*' \) ! -path './.git/kam.lock' -print |
	    sort)
	if [ -n "$_left" ]; then
		echo "$_left"
		return 1
	fi
	return 0
}

# The repository every point starts from, $W/tpl: two people, two
# risks, objects packed (fewer files to copy for each point).
inj_template () {
	rm -rf "$W/tpl" && mkdir "$W/tpl" && cd "$W/tpl" &&
	kam init --name "Test project" --client "ACME Corp" --currency CNY \
	    --start 2026-01-05 >/dev/null &&
	kam people add "Ann Lee" --side team >/dev/null &&
	kam people add "Bo Chen" --side client >/dev/null &&
	kam risk add "Late supplier" -p 3 -i 4 --owner P-1 >/dev/null &&
	kam risk add "Scope creep" -p 2 -i 2 >/dev/null &&
	git repack -adq && git prune-packed &&
	cd "$W"
}

# inj_fresh [TEMPLATE]: a copy of the template at $W/w (the same
# path every time, so that the system calls of every run are the same).
inj_fresh () {
	rm -rf "$W/w" && cp -a "$W/${1:-tpl}" "$W/w" &&
	    cd "$W/w"
}

# inj_oracle OLD NEW FILE PATTERN: the K1 oracle in $W/w after a kill:
# fsck clean; HEAD is OLD or NEW, PATTERN in FILE accordingly 0 or 1
# times; the next write succeeds with one commit on HEAD and its id in
# it; nothing dirty, no leftovers; kam check finds every file valid.
inj_oracle () {
	o_old=$1 o_new=$2 o_file=$3 o_pat=$4
	if ! git fsck --full >"$W/fsck" 2>&1; then
		echo "git fsck --full failed:"
		cat "$W/fsck"
		return 1
	fi
	o_head=$(git rev-parse -q --verify HEAD) || o_head=none
	case "$o_head" in
	"$o_old") o_want=0 ;;
	"$o_new") o_want=1 ;;
	*)	echo "HEAD is $o_head, neither old $o_old nor new $o_new"
		return 1 ;;
	esac
	o_n=$(git show "HEAD:$o_file" | grep -c -e "$o_pat")
	if [ "$o_n" != "$o_want" ]; then
		echo "'$o_pat' is $o_n times in HEAD:$o_file (want $o_want)"
		return 1
	fi
	"$KAM" risk add "Next write" -p 1 -i 1 >"$W/next.out" \
	    2>"$W/next.err"
	o_rc=$?
	if [ "$o_rc" != 0 ]; then
		echo "the next kam write failed ($o_rc):"
		cat "$W/next.err"
		return 1
	fi
	if [ "$(git rev-parse HEAD^)" != "$o_head" ]; then
		echo "the next write did not make one commit on $o_head"
		return 1
	fi
	o_id=$(cat "$W/next.out")
	if ! git show HEAD:risks.csv | grep -q "^$o_id,Next write,"; then
		echo "'$o_id' printed by the next write is not in HEAD"
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
	# every file still valid (health findings, exit 1, are no concern)
	"$KAM" check >"$W/check.out" 2>&1
	o_rc=$?
	if [ "$o_rc" -gt 1 ] || ! grep -q " 0 invalid" "$W/check.out"; then
		echo "kam check after the next write ($o_rc):"
		cat "$W/check.out"
		return 1
	fi
	return 0
}

# $W/crashed: the template after a `kam risk add "Crash probe"` killed
# in its work-tree phase: the commit is there, risks.csv is not renamed
# into place yet, the journal and the temp file are present.
inj_crashed_template () {
	inj_fresh tpl &&
	c_old=$(git rev-parse HEAD) &&
	c_ord=$(ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/stdout -e trace=renameat \
	    "$KAM" risk add "Crash probe" -p 4 -i 5 |
	    grep -c "kam-tmp.*risks.csv") &&
	test "$c_ord" = 1 &&
	inj_fresh tpl &&
	test_expect_code 137 inj_run renameat 1 signal=KILL "$W/log" \
	    "$KAM" risk add "Crash probe" -p 4 -i 5 >/dev/null 2>&1 &&
	test "$(git rev-parse HEAD^)" = "$c_old" &&
	test -f .git/kam/txn &&
	ls .kam-tmp-* >/dev/null &&
	git status --porcelain >"$W/st" &&
	grep "risks.csv" "$W/st" >/dev/null &&
	cd "$W" && rm -rf crashed && cp -a w crashed
}
