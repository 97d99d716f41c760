#!/bin/sh
# t9300: locks and other writers (RELIABILITY.md §3 C6, §4.7 R7, R9, R10,
# R19).  kam waits for its own lock at most KAM_LOCK_TIMEOUT seconds and
# then exits 75 naming the lock (and the holder's pid when a kam holds
# it); a foreign git lock gives 75 naming it and is never deleted; a
# commit by another writer between kam's read and its commit makes kam
# start again on top of it, at most 6 times, then 75.
test_description='locks, waiting and foreign writers'
. "$(dirname "$0")/lib.sh"

cp "$KAM" "$TRASH/kam.bin" && KAM=$TRASH/kam.bin || exit 1

now_ms () {
	echo $(($(date +%s%N) / 1000000))
}

# wait_for CMD...: poll (10 ms) until CMD succeeds, at most 10 s.
wait_for () {
	w_n=0
	until "$@"; do
		w_n=$((w_n + 1))
		[ "$w_n" -lt 1000 ] || return 1
		sleep 0.01
	done
}

lock_held () {
	! flock -n -x .git/kam.lock true
}

# Nothing kam may leave after giving up.
no_leftovers () {
	l=$(find . \( -name '.kam-tmp-*' -o -name 'tmp_object_git2_*' -o \
	    -path './.git/kam/txn*' \) -print)
	test -z "$l" || { echo "left behind: $l"; return 1; }
}

test_expect_success 'setup' '
	new_project &&
	git config core.fsync all &&	# slow_kam waits in its first fsync
	kam people add "Ann Lee" >/dev/null &&
	kam risk add "First" -p 1 -i 1 >/dev/null
'

test_expect_success 'C6: kam.lock held (flock -x): 75 after KAM_LOCK_TIMEOUT, naming the lock' '
	cd proj &&
	old=$(git rev-parse HEAD) &&
	{ flock -x .git/kam.lock sleep 5 & } &&
	holder=$! &&
	wait_for lock_held &&
	t0=$(now_ms) &&
	{ KAM_LOCK_TIMEOUT=2 "$KAM" risk add "Blocked" -p 1 -i 1 \
	    >../out 2>../err; rc=$?; } &&
	t1=$(now_ms) &&
	wait "$holder" &&
	cat ../err &&
	echo "# exit $rc after $((t1 - t0)) ms" &&
	test "$rc" = 75 &&
	test $((t1 - t0)) -ge 2000 && test $((t1 - t0)) -le 3000 &&
	grep -q "\.git/kam\.lock" ../err &&
	grep -q "gave up after 2 s" ../err &&
	# flock(1) is no kam: a pid named must be a live one, not the last
	# kam that held the lock
	pid=$(sed -n "s/.*(pid \([0-9]*\)).*/\1/p" ../err) &&
	{ test -z "$pid" || kill -0 "$pid"; } &&
	test ! -s ../out &&
	test "$(git rev-parse HEAD)" = "$old" &&
	test -z "$(git status --porcelain)" &&
	no_leftovers &&
	kam risk add "Unblocked" -p 1 -i 1 >/dev/null
'

test_expect_success 'C6: KAM_LOCK_TIMEOUT=0 tries once' '
	cd proj &&
	{ flock -x .git/kam.lock sleep 2 & } &&
	holder=$! &&
	wait_for lock_held &&
	t0=$(now_ms) &&
	{ KAM_LOCK_TIMEOUT=0 "$KAM" risk add "Blocked" -p 1 -i 1 \
	    >../out 2>../err; rc=$?; } &&
	t1=$(now_ms) &&
	wait "$holder" &&
	test "$rc" = 75 &&
	test $((t1 - t0)) -lt 1000
'

# A kam that holds the lock for a while: strace delays its first fsync
# (the first object it writes), with the lock taken and its pid written.
# (LeakSanitizer cannot run under ptrace.)
slow_kam () {
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=0 \
	    strace -f -qq -o /dev/null -e trace=fsync \
	    -e inject=fsync:delay_enter="$1":when=1 "$KAM" risk add "$2" \
	    -p 1 -i 1
}

test_expect_success STRACE 'R10: kam.lock held by a live kam: 75 naming its pid' '
	cd proj &&
	old=$(git rev-parse HEAD) &&
	{ slow_kam 3000000 "Slow holder" >holder.out 2>holder.err & } &&
	holder=$! &&
	wait_for lock_held &&
	wait_for sh -c "p=\$(cat .git/kam.lock) &&
	    test \"\$(cat /proc/\$p/comm 2>/dev/null)\" = kam.bin" &&
	pid=$(cat .git/kam.lock) &&
	{ KAM_LOCK_TIMEOUT=1 "$KAM" risk add "Impatient" -p 1 -i 1 \
	    >out 2>err; rc=$?; } &&
	wait "$holder" &&
	cat err &&
	test "$rc" = 75 &&
	grep -q "another kam (pid $pid) holds .*\.git/kam\.lock" err &&
	test "$(git rev-parse HEAD^)" = "$old" &&
	git show HEAD:risks.csv | grep -q ",Slow holder," &&
	! git show HEAD:risks.csv | grep -q ",Impatient," &&
	rm holder.out holder.err out err &&
	test -z "$(git status --porcelain)"
'

test_expect_success STRACE 'R10: a waiting kam goes ahead when the holder is done' '
	cd proj &&
	old=$(git rev-parse HEAD) &&
	{ slow_kam 1000000 "Holder two" >holder.out 2>&1 & } &&
	holder=$! &&
	wait_for lock_held &&
	KAM_LOCK_TIMEOUT=10 "$KAM" risk add "Patient" -p 1 -i 1 >id &&
	wait "$holder" &&
	test "$(git rev-parse HEAD~2)" = "$old" &&
	git log -2 --format=%s >subjects &&
	grep -q "Holder two" subjects && grep -q "Patient" subjects &&
	rm holder.out id subjects &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'R7: a foreign .git/index.lock: 75 naming it and its age, never deleted' '
	cd proj &&
	old=$(git rev-parse HEAD) &&
	echo foreign >.git/index.lock &&
	touch -d "@$(($(date +%s) - 37))" .git/index.lock &&
	cp -p .git/index.lock ../lock.before &&
	test_expect_code 75 env KAM_LOCK_TIMEOUT=1 "$KAM" risk add "Blocked" \
	    -p 1 -i 1 >../out 2>../err &&
	cat ../err &&
	grep -q "\.git/index\.lock. exists (age 3[7-9] s)" ../err &&
	grep -q "another git process may be running" ../err &&
	test -f .git/index.lock &&
	cmp .git/index.lock ../lock.before &&
	test "$(stat -c %Y .git/index.lock)" = "$(stat -c %Y ../lock.before)" &&
	test "$(git rev-parse HEAD)" = "$old" &&
	no_leftovers &&
	rm .git/index.lock &&
	test -z "$(git status --porcelain)" &&
	kam risk add "After the lock" -p 1 -i 1 >/dev/null
'

test_expect_success 'R7: an index.lock that goes away while kam waits' '
	cd proj &&
	echo foreign >.git/index.lock &&
	{ (sleep 1; rm -f .git/index.lock) & } &&
	remover=$! &&
	KAM_LOCK_TIMEOUT=10 "$KAM" risk add "Waited for git" -p 1 -i 1 \
	    >/dev/null &&
	wait "$remover" &&
	git show HEAD:risks.csv | grep -q ",Waited for git,"
'

test_expect_success 'R9: a foreign refs/heads/main.lock: 75, never deleted' '
	cd proj &&
	old=$(git rev-parse HEAD) &&
	echo foreign >.git/refs/heads/main.lock &&
	test_expect_code 75 env KAM_LOCK_TIMEOUT=1 "$KAM" risk add "Blocked" \
	    -p 1 -i 1 >../out 2>../err &&
	cat ../err &&
	grep -q "refs/heads/main" ../err &&
	grep -q "main.lock.*the lock file exists; another git process may be running. If none is, remove it$" ../err &&
	! grep -q ": $" ../err &&
	test "$(cat .git/refs/heads/main.lock)" = foreign &&
	test "$(git rev-parse HEAD)" = "$old" &&
	test -z "$(git status --porcelain)" &&
	no_leftovers &&
	test_expect_code 75 env KAM_LOCK_TIMEOUT=0 "$KAM" risk add \
	    "Blocked again" -p 1 -i 1 2>/dev/null &&
	test "$(cat .git/refs/heads/main.lock)" = foreign &&
	rm .git/refs/heads/main.lock &&
	kam risk add "After the ref lock" -p 1 -i 1 >/dev/null &&
	test "$(git rev-parse HEAD^)" = "$old"
'

# R19: kam read HEAD, then another writer commits; kam's compare-and-swap
# fails (GIT_EMODIFIED) and the command runs again on top.  kam is held
# at the fsync of its first new object (strace delay) until the foreign
# commit is in.
foreign_commit () {
	echo "$1" >>notes.txt &&
	git add notes.txt &&
	git commit -q -m "foreign: $1"
}

test_expect_success STRACE 'R19: a foreign commit between read and commit: kam retries, both kept' '
	cd proj &&
	old=$(git rev-parse HEAD) &&
	{ slow_kam 1500000 "Raced" >../id 2>../err & } &&
	racer=$! &&
	wait_for sh -c "ls .git/objects/tmp_object_git2_* >/dev/null 2>&1" &&
	foreign_commit "between read and commit" &&
	foreign=$(git rev-parse HEAD) &&
	wait "$racer" &&
	test "$(git rev-parse HEAD^)" = "$foreign" &&
	test "$(git rev-parse HEAD~2)" = "$old" &&
	git show HEAD:risks.csv | grep -q "^$(cat ../id),Raced," &&
	git show HEAD:notes.txt | grep -q "between read and commit" &&
	test -z "$(git status --porcelain)" &&
	no_leftovers
'

# R19, the losing streak: every fsync of kam is slowed down while a loop
# commits as fast as git can; each of the 6 attempts loses the race.  (A
# git command fails while kam holds index.lock: the loop tries again.)
foreign_commit_retry () {
	echo "$1" >>notes.txt &&
	r_n=0 &&
	until git add notes.txt 2>/dev/null &&
	    git commit -q -m "foreign: $1" 2>/dev/null; do
		r_n=$((r_n + 1))
		[ "$r_n" -lt 500 ] || return 1
		sleep 0.01
	done
}

test_expect_success STRACE 'R19: the branch moves under every attempt: 75 after 6, nothing left' '
	cd proj &&
	old=$(git rev-parse HEAD) &&
	rm -f ../stop &&
	{ (i=0; while [ ! -f ../stop ] && [ "$i" -lt 5000 ]; do
		i=$((i + 1)); foreign_commit_retry "loop $i" || exit 1
	  done) & } &&
	looper=$! &&
	{ wait_for sh -c "test \$(git rev-list --count $old..HEAD) -ge 2" &&
	  ASAN_OPTIONS=detect_leaks=0:abort_on_error=0 \
	    strace -f -qq -o /dev/null -e trace=fsync \
	    -e inject=fsync:delay_enter=150000 "$KAM" risk add "Loser" -p 1 -i 1 \
	    >../out 2>../err; rc=$?; } ;
	: >../stop ;
	wait "$looper" &&
	cat ../err &&
	test "$rc" = 75 &&
	grep -q "kept moving" ../err &&
	! git log --format=%s | grep -q "Loser" &&
	test "$(git rev-list --merges HEAD | wc -l)" = 0 &&
	n=$(git rev-list --count "$old"..HEAD) &&
	test "$(git log --format=%s "$old"..HEAD | grep -c "^foreign: loop")" = "$n" &&
	echo "# $n foreign commits during the run, all kept" &&
	git fsck --full &&
	test -z "$(git status --porcelain)" &&
	no_leftovers &&
	kam risk add "Winner" -p 1 -i 1 >/dev/null
'

test_done
