# tests/lib.sh: a small TAP harness in the manner of git's t/test-lib.sh.
#
#   test_description='kam risk add'
#   . ./lib.sh
#   test_expect_success 'title' 'commands'
#   test_expect_success JQ 'title' 'commands'     runs only when jq is here
#   test_done
#
# A test that needs something the machine may lack names prerequisites
# (git's test_set_prereq): when one does not hold the test is reported as
# a TAP skip, "ok N # skip title (missing JQ)", never as a pass.  Set here:
# JQ, BASH, ZSH, FISH, LEDGER (the programs), STRACE (strace can trace),
# ROOT (root with unshare and setpriv).  A script may set its own.
#
# Each test script runs in its own trash directory with a private HOME,
# LANG=C, TZ=UTC, a fixed author, and KAM_TODAY set; `kam` is the binary
# under test ($KAM, default ../build/kam).  Scripts are run from tests/.

TEST_DIR=$(cd "$(dirname "$0")" && pwd)
SRC_DIR=$(cd "$TEST_DIR/.." && pwd)
: "${KAM:=$SRC_DIR/build/kam}"
case "$KAM" in /*) ;; *) KAM="$SRC_DIR/$KAM" ;; esac
export KAM
name=$(basename "$0" .sh)
# Tests run in $TRASH, one level below the trash root, so that a stray
# "../out" of a test that forgot to cd into its project stays in the trash.
TRASH_ROOT="$TEST_DIR/trash.$name.$$"
TRASH="$TRASH_ROOT/w"
rm -rf "$TRASH_ROOT"
mkdir -p "$TRASH"
HOME="$TRASH"
export HOME
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE XDG_CONFIG_HOME NO_COLOR \
    KAM_LOCK_TIMEOUT GIT_CONFIG_GLOBAL GIT_CONFIG_SYSTEM
export LANG=C LC_ALL=C TZ=UTC
export GIT_CEILING_DIRECTORIES="$TEST_DIR"
export GIT_AUTHOR_NAME='A U Thor' GIT_AUTHOR_EMAIL='author@example.com'
export GIT_COMMITTER_NAME='C O Mitter' GIT_COMMITTER_EMAIL='committer@example.com'
export GIT_AUTHOR_DATE='1767225600 +0000' GIT_COMMITTER_DATE='1767225600 +0000'
export KAM_TODAY=2026-11-27
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
git config --global init.defaultBranch main
git config --global user.name 'A U Thor'
git config --global user.email 'author@example.com'
git config --global advice.detachedHead false

kam () { "$KAM" "$@"; }

test_count=0
test_failed=0
cd "$TRASH" || exit 1

# test_set_prereq NAME: the prerequisite NAME holds.
satisfied_prereq=' '
test_set_prereq () {
	satisfied_prereq="$satisfied_prereq$1 "
}

# test_have_prereq A,B: every one holds; otherwise missing_prereq names the
# first that does not.
test_have_prereq () {
	for p in $(printf '%s\n' "$1" | tr ',' ' '); do
		case "$satisfied_prereq" in
		*" $p "*) ;;
		*) missing_prereq=$p; return 1 ;;
		esac
	done
	return 0
}

# test_skip 'title' 'reason': a TAP skip, counted as skipped by run.sh.
test_skip () {
	test_count=$((test_count + 1))
	echo "ok $test_count # skip $1 ($2)"
}

command -v jq >/dev/null 2>&1 && test_set_prereq JQ
command -v bash >/dev/null 2>&1 && test_set_prereq BASH
command -v zsh >/dev/null 2>&1 && test_set_prereq ZSH
command -v fish >/dev/null 2>&1 && test_set_prereq FISH
command -v ledger >/dev/null 2>&1 && test_set_prereq LEDGER
strace -f -qq -o /dev/null -e trace=none true 2>/dev/null &&
    test_set_prereq STRACE
[ "$(id -u)" = 0 ] && unshare --mount --propagation private true \
    2>/dev/null && command -v setpriv >/dev/null 2>&1 && test_set_prereq ROOT

# test_expect_success [PREREQS] 'title' 'commands'
test_expect_success () {
	if [ $# = 3 ]; then
		if ! test_have_prereq "$1"; then
			test_skip "$2" "missing $missing_prereq"
			return 0
		fi
		shift
	fi
	test_count=$((test_count + 1))
	if (eval "$2") >"$TRASH/.out" 2>&1 </dev/null; then
		echo "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		sed 's/^/#   /' "$TRASH/.out"
	fi
}

# test_expect_code CODE command...: the command must exit with CODE.
test_expect_code () {
	want=$1
	shift
	"$@"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "expected exit $want, got $got: $*" >&2
		return 1
	fi
	return 0
}

test_cmp () {
	diff -u "$1" "$2"
}

# A fresh repository with a kam project at ./$1 (default: proj).
new_project () {
	d=${1:-proj}
	rm -rf "$TRASH/$d"
	mkdir -p "$TRASH/$d"
	cd "$TRASH/$d" && kam init --name "Test project" --client "ACME Corp" \
	    --currency CNY --start 2026-01-05 >/dev/null
}

test_done () {
	echo "1..$test_count"
	cd "$TEST_DIR" || exit 1
	if [ "$test_failed" = 0 ]; then
		rm -rf "$TRASH_ROOT"
		exit 0
	fi
	exit 1
}
