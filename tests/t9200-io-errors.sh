#!/bin/sh
# t9200: I/O errors (RELIABILITY.md §3 K5, §4.7 R12-R15).  strace makes
# one system call of `kam risk add` fail with ENOSPC, EIO, EROFS or EACCES
# at each point in turn.  kam exits 74 (77 for EACCES) with HEAD, index
# and work tree byte-identical to before, no temp file, lock or journal
# left, and stderr naming the file and the strerror text; or, when the
# failure came after the commit, exits 0 (by design: the commit is the
# point of no return, see lib/repo.c) and the next kam finishes the work.
# Either way the next write succeeds and leaves nothing dirty (the K1
# oracle of helpers/inject.sh).  Real ENOSPC and EROFS are at the end.
test_description='I/O errors at every mutating system call'
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
# Every fsync kam and libgit2 can do (W7: the default does none), so that
# a failing fsync is among the points.
(cd "$W/tpl" && git config core.fsync all) || exit 1

# Temp files, temp objects, locks and the journal, anywhere.
io_leftovers () {
	find . \( -name '.kam-tmp-*' -o -name '*.lock' -o \
	    -name 'tmp_object_git2_*' -o -path './.git/kam/txn*' \) \
	    ! -path './.git/kam.lock' -print | sort
}

# k5 ERRNO SYSCALLS LABEL FILE CMD...: inject ERRNO at every point of
# CMD whose system call is one of SYSCALLS (a grep -E pattern); CMD adds
# "Error probe" to FILE.
k5 () {
	e_errno=$1 e_calls=$2 e_label=$3 e_file=$4
	shift 4
	case "$e_errno" in
	ENOSPC) e_str="No space left on device" e_want=74 ;;
	EIO) e_str="Input/output error" e_want=74 ;;
	EROFS) e_str="Read-only file system" e_want=74 ;;
	EACCES) e_str="Permission denied" e_want=77 ;;
	EINTR) e_str="Interrupted system call" e_want=74 ;;
	esac
	inj_fresh tpl || return 1
	e_old=$(git rev-parse HEAD)
	inj_points "$W/pts" "$@" || return 1
	e_new=$(git rev-parse HEAD)
	grep -E "^($e_calls) " "$W/pts" >"$W/pts.$e_label"
	e_n=$(wc -l <"$W/pts.$e_label")
	test "$e_n" -ge 10 || return 1
	e_i=0 e_fail=0 e_missed=0 e_zero=0 e_err=0
	while read -r e_sys e_ord e_what; do
		e_i=$((e_i + 1))
		[ $(( (e_i - 1) % STRIDE )) = 0 ] || continue
		inj_what=$e_what
		inj_point tpl "$e_sys" "$e_ord" "error=$e_errno" "$@" ||
		    return 1
		e_missed=$((e_missed + inj_missed))
		e_at="$e_sys #$e_ord $e_what"
		e_head=$(git rev-parse HEAD)
		: >"$W/why"
		case "$inj_rc" in
		0)
			e_zero=$((e_zero + 1))
			[ "$e_head" = "$e_new" ] ||
			    echo "exit 0 but HEAD is not the new commit" >>"$W/why"
			;;
		"$e_want")
			e_err=$((e_err + 1))
			if [ "$e_head" != "$e_old" ]; then
				echo "exit $inj_rc but HEAD moved" >>"$W/why"
			fi
			if ! cmp -s .git/index "$W/tpl/.git/index"; then
				echo "the index changed" >>"$W/why"
			fi
			if ! diff -r -x .git "$W/tpl" . >>"$W/why" 2>&1; then
				echo "the work tree changed" >>"$W/why"
			fi
			io_leftovers >"$W/left"
			if [ -s "$W/left" ]; then
				echo "left behind:" >>"$W/why"
				cat "$W/left" >>"$W/why"
			fi
			if ! grep -q "$e_str" "$W/inj.err" ||
			    ! grep -q "'[^']*'" "$W/inj.err"; then
				echo "stderr does not name a file and" \
				    "'$e_str':" >>"$W/why"
				cat "$W/inj.err" >>"$W/why"
			fi
			;;
		*)
			echo "exit $inj_rc, not $e_want or 0:" >>"$W/why"
			cat "$W/inj.err" >>"$W/why"
			;;
		esac
		if [ ! -s "$W/why" ]; then
			inj_oracle "$e_old" "$e_new" "$e_file" ",Error probe," \
			    >"$W/why" 2>&1 </dev/null
		fi
		if [ -s "$W/why" ]; then
			echo "point $e_i ($e_at), exit $inj_rc:"
			sed 's/^/    /' "$W/why"
			e_fail=$((e_fail + 1))
		fi
	done <"$W/pts.$e_label"
	cd "$TRASH" || return 1
	echo "# $e_label: $e_n points$EVERY, $e_err exited $e_want, $e_zero exited" \
	    "0 with the commit made, $e_missed missed" | tee -a "$W/summary"
	if [ $((e_missed * 10)) -gt "$e_n" ]; then
		echo "too many points missed"
		e_fail=$((e_fail + 1))
	fi
	[ "$e_fail" = 0 ]
}

for e in ENOSPC EIO EROFS; do
	test_expect_success "K5: $e at every openat, write, fsync, rename" '
		k5 $e "openat|write|pwrite64|fsync|rename|renameat|link" \
		    "risk-add-$e" risks.csv "$KAM" risk add "Error probe" -p 4 -i 5
	'
done

test_expect_success 'K5: EACCES at every openat, mkdir, rename, link, unlink' '
	k5 EACCES "openat|mkdir|rename|renameat|link|unlink|unlinkat" \
	    risk-add-EACCES risks.csv "$KAM" risk add "Error probe" -p 4 -i 5
'

# EINTR cannot reach kam (it installs no signal handlers, so no system
# call is interrupted); injected anyway it must fail safely like any I/O
# error: RELIABILITY's "retried" would need libgit2 to retry as well.
test_expect_success 'K5: EINTR at every openat, write, fsync, rename, mkdir' '
	k5 EINTR "openat|write|pwrite64|fsync|rename|renameat|link|mkdir" \
	    risk-add-EINTR risks.csv "$KAM" risk add "Error probe" -p 4 -i 5
'

test_expect_success 'K5: ENOSPC at every point of kam people add' '
	k5 ENOSPC "openat|write|pwrite64|fsync|rename|renameat|link|mkdir" \
	    people-add-ENOSPC people.csv "$KAM" people add "Error probe" --rate 1.00
'

# ---- real errors (root only: mount namespaces, another uid) ----

# They need the prerequisite ROOT (tests/lib.sh): root, unshare, setpriv.

# What a failed write may not leave anywhere, nor any empty data file.
cat >"$W/functions.sh" <<'EOS'
real_clean () {
	r_left=$(find . \( -name '.kam-tmp-*' -o -name 'tmp_object_git2_*' \
	    -o -path './.git/kam/txn*' -o \( -name '*.lock' ! -name kam.lock \) \
	    \) -print; find . -path ./.git -prune -o -type f -size 0 -print)
	if [ -n "$r_left" ]; then
		echo "left behind: $r_left"
		return 1
	fi
}
EOS
. "$W/functions.sh"

# R13: the repository on a 1 MiB tmpfs filled to the last page.
cat >"$W/enospc.sh" <<'EOS'
set -e
. "$W/functions.sh"
d=$W/full
mkdir -p "$d"
mount -t tmpfs -o size=1m tmpfs "$d"
cp -a "$W/tpl" "$d/r"
cd "$d/r"
old=$(git rev-parse HEAD)
cp .git/index "$W/index.before"
dd if=/dev/zero of="$d/fill" bs=4096 2>/dev/null || :
set +e
"$KAM" risk add "Disk full" -p 1 -i 1 >"$W/out" 2>"$W/err"
rc=$?
set -e
cat "$W/err"
test "$rc" = 74
grep -q "No space left on device" "$W/err"
grep -q "'[^']*'" "$W/err"
test ! -s "$W/out"
test "$(git rev-parse HEAD)" = "$old"
cmp .git/index "$W/index.before"
test -z "$(git status --porcelain)"
real_clean
rm -f "$d/fill"
"$KAM" risk add "After the disk" -p 1 -i 1 >/dev/null
git show HEAD:risks.csv | grep -q ",After the disk,"
test "$(git rev-parse HEAD^)" = "$old"
test -z "$(git status --porcelain)"
git fsck --full
EOS

# R12: the repository on a read-only bind mount.
cat >"$W/erofs.sh" <<'EOS'
set -e
. "$W/functions.sh"
cp -a "$W/tpl" "$W/ro"
cd "$W/ro"
old=$(git rev-parse HEAD)
mount --bind "$W/ro" "$W/ro"
mount -o remount,bind,ro "$W/ro"
cd "$W/ro"
set +e
"$KAM" risk add "Read-only" -p 1 -i 1 >"$W/out" 2>"$W/err"
rc=$?
set -e
cat "$W/err"
test "$rc" = 74
grep -q "Read-only file system" "$W/err"
grep -q "'[^']*'" "$W/err"
test "$(git rev-parse HEAD)" = "$old"
"$KAM" risk list >/dev/null
cd /
umount "$W/ro"
cd "$W/ro"
test -z "$(git status --porcelain)"
real_clean
"$KAM" risk add "Writable again" -p 1 -i 1 >/dev/null
test "$(git rev-parse HEAD^)" = "$old"
EOS
export W

test_expect_success ROOT 'R13: a real full disk (1 MiB tmpfs): 74, nothing changed' '
	unshare --mount --propagation private sh "$W/enospc.sh"
'

test_expect_success ROOT 'R12: a real read-only mount: 74, reads still work' '
	unshare --mount --propagation private sh "$W/erofs.sh"
'

# R14: run as nobody, in a repository nobody owns.
nob () {
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}

test_expect_success ROOT 'R14: .git/objects not writable: 77, nothing changed' '
	chmod 755 "$W" "$TRASH" &&
	cp -a "$W/tpl" "$W/acc" && chown -R 65534:65534 "$W/acc" &&
	cd "$W/acc" && old=$(nob git rev-parse HEAD) &&
	chmod 555 .git/objects &&
	test_expect_code 77 nob "$KAM" risk add "No access" -p 1 -i 1 \
	    >"$W/out" 2>"$W/err" &&
	cat "$W/err" &&
	grep -q "Permission denied" "$W/err" &&
	grep -q "objects" "$W/err" &&
	test "$(nob git rev-parse HEAD)" = "$old" &&
	test -z "$(nob git status --porcelain)" &&
	real_clean
'

test_expect_success ROOT 'R14: the work tree not writable: 77 before committing' '
	cd "$W/acc" && chmod 755 .git/objects && chmod 555 . &&
	old=$(nob git rev-parse HEAD) &&
	test_expect_code 77 nob "$KAM" risk add "No access" -p 1 -i 1 \
	    >"$W/out" 2>"$W/err" &&
	cat "$W/err" &&
	grep -q "cannot write .risks.csv.: Permission denied" "$W/err" &&
	test "$(nob git rev-parse HEAD)" = "$old" &&
	test ! -f .git/kam/txn &&
	test -z "$(nob git status --porcelain)" &&
	chmod 755 . &&
	nob "$KAM" risk add "Access again" -p 1 -i 1 >/dev/null &&
	test "$(nob git rev-parse HEAD^)" = "$old" &&
	test -z "$(nob git status --porcelain)"
'

test_expect_success ROOT 'R14: a repository of another user: 78 naming safe.directory' '
	cp -a "$W/tpl" "$W/theirs" && chmod -R a+rX "$W/theirs" &&
	cd "$W/theirs" && old=$(git rev-parse HEAD) &&
	test_expect_code 78 nob "$KAM" risk add "Not mine" -p 1 -i 1 \
	    >"$W/out" 2>"$W/err" &&
	cat "$W/err" &&
	grep -q "belongs to another user" "$W/err" &&
	grep -q "safe.directory" "$W/err" &&
	test "$(git rev-parse HEAD)" = "$old"
'

cat "$W/summary" 2>/dev/null
test_done
