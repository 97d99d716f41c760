#!/bin/sh
# t9110: clean abort on catchable signals (RELIABILITY.md §3 K2).  SIGINT,
# SIGTERM and SIGHUP arrive at each mutating system call of a write
# (strace injects the signal as the call is entered; the call itself
# still runs).  kam exits 128+n with nothing changed, or 0 once the commit
# exists (the commit is the command's success: a late signal is dropped);
# before kam starts its journal (the point of no return) it must be 128+n
# with HEAD unchanged; right after, no kam temp file, no temp
# object, no git lock and no journal is left; then the K1 oracle
# (helpers/inject.sh) holds.
test_description='SIGINT, SIGTERM, SIGHUP at every mutating system call'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/helpers/inject.sh"

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

# What a signalled kam may not leave, checked before any other kam runs:
# its temp files, libgit2 temp objects and probe files, git locks, the
# journal.  Those that were there before it started (a crash left them
# for the next kam to clean up) do not count.
sig_list () {
	find . \( -name '.kam-tmp-*' -o -name '*.lock' -o \
	    -name 'tmp_object_git2_*' -o -name '_git2_*' -o \
	    -path './.git/kam/txn*' \) ! -path './.git/kam.lock' -print | sort
}

sig_leftovers () {
	sig_list | comm -13 "$W/before" - >"$W/new-left"
	if [ -s "$W/new-left" ]; then
		echo "left behind by the signalled kam:"
		cat "$W/new-left"
		return 1
	fi
	return 0
}

# k2 SIG TEMPLATE LABEL FILE PATTERN CMD...
k2 () {
	s_sig=$1 s_tpl=$2 s_label=$3 s_file=$4 s_pat=$5
	shift 5
	case "$s_sig" in
	HUP) s_want=129 ;;
	INT) s_want=130 ;;
	TERM) s_want=143 ;;
	esac
	inj_fresh "$s_tpl" || return 1
	sig_list >"$W/before"
	s_old=$(git rev-parse HEAD)
	inj_points "$W/pts" "$@" || return 1
	s_new=$(git rev-parse HEAD)
	s_n=$(wc -l <"$W/pts")
	test "$s_n" -ge 10 || return 1
	# the point of no return: kam writes its journal (mkdir .git/kam,
	# then txn.new) just before the commit; a signal at an earlier point
	# must leave HEAD alone
	s_j=$(grep -n -e "/\.git/kam\$" -e "/\.git/kam/txn\.new\$" "$W/pts" |
	    head -n 1 | cut -d: -f1)
	if [ -z "$s_j" ]; then
		echo "no journal in the trace"
		return 1
	fi
	s_i=0 s_fail=0 s_missed=0 s_late=0 s_after=0
	while read -r s_sys s_ord s_what; do
		s_i=$((s_i + 1))
		[ $(( (s_i - 1) % STRIDE )) = 0 ] || continue
		inj_what=$s_what
		inj_point "$s_tpl" "$s_sys" "$s_ord" "signal=$s_sig" "$@" ||
		    return 1
		s_missed=$((s_missed + inj_missed))
		s_at="$s_sys #$s_ord: $(grep -v '^[0-9]* *[-+][-+][-+]' \
		    "$W/log" | tail -n 1 | cut -c 1-100)"
		s_head=$(git rev-parse HEAD)
		if [ "$s_i" -lt "$s_j" ] && { [ "$inj_rc" != "$s_want" ] ||
		    [ "$s_head" != "$s_old" ]; }; then
			echo "point $s_i ($s_at), before the journal: exit" \
			    "$inj_rc and HEAD $s_head (want $s_want, $s_old)"
			s_fail=$((s_fail + 1))
			continue
		fi
		case "$inj_rc" in
		0)	s_late=$((s_late + 1)) ;;
		"$s_want")
			# once the commit exists the command has succeeded
			if [ "$s_head" = "$s_new" ]; then
				echo "point $s_i ($s_at): exit $inj_rc although" \
				    "the commit exists (want 0)"
				s_fail=$((s_fail + 1))
				continue
			fi ;;
		*)	echo "point $s_i ($s_at): exit $inj_rc, not 0 or $s_want"
			sed 's/^/    /' "$W/inj.err"
			s_fail=$((s_fail + 1))
			continue ;;
		esac
		if ! sig_leftovers >"$W/why" 2>&1 ||
		    ! inj_oracle "$s_old" "$s_new" "$s_file" "$s_pat" \
		    >>"$W/why" 2>&1 </dev/null; then
			echo "point $s_i ($s_at), exit $inj_rc:"
			sed 's/^/    /' "$W/why"
			s_fail=$((s_fail + 1))
		fi
	done <"$W/pts"
	cd "$TRASH" || return 1
	echo "# $s_label SIG$s_sig: $s_n points$EVERY, $((s_j - 1)) before the" \
	    "journal, $s_late ran to exit 0, $s_after exited $s_want after" \
	    "the commit, $s_missed missed" |
	    tee -a "$W/summary"
	if [ $((s_missed * 10)) -gt "$s_n" ]; then
		echo "too many points missed"
		s_fail=$((s_fail + 1))
	fi
	[ "$s_fail" = 0 ]
}

for sig in INT TERM HUP; do
	test_expect_success "K2: SIG$sig at every point of kam risk add" '
		k2 $sig tpl risk-add risks.csv ",Signal probe," \
		    "$KAM" risk add "Signal probe" -p 4 -i 5 --owner P-2
	'
done

test_expect_success 'K2: SIGTERM at every point of kam people add' '
	k2 TERM tpl people-add people.csv ",Sig Person," \
	    "$KAM" people add "Sig Person" --side team --rate 1234.50
'

test_expect_success 'set up a repository left by a kill after the commit' '
	inj_crashed_template
'

test_expect_success 'K2: SIGINT at every point of a recovering run' '
	k2 INT crashed recovery risks.csv ",After the crash," \
	    "$KAM" risk add "After the crash" -p 1 -i 2
'

cat "$W/summary" 2>/dev/null
test_done
