#!/bin/sh
# t0200: git behaviour (SPEC §6, RELIABILITY §4.7): what a kam commit
# holds, who made it, its message; the user's other changes; the refused
# repository states (78, nothing changed, the next command works once the
# state is cleared); --no-commit and kam commit; a project in a subfolder;
# kam outside any project (66).
test_description='git behaviour'
. "$(dirname "$0")/lib.sh"

# Everything a refused command must leave as it was.
snap () {
	git rev-parse HEAD 2>/dev/null || echo "no HEAD"
	git symbolic-ref -q HEAD || echo detached
	sha256sum .git/index
	git status --porcelain --untracked-files=all
	git diff
	git diff --cached
	git for-each-ref
	find . -name '.kam-tmp*' -o -name '*.lock' ! -name kam.lock |
	    grep -v '^./.git/kam.lock$'
	test ! -e .git/kam/txn || echo "journal left"
}

# refused MESSAGE kam-args...: 78, nothing on stdout, MESSAGE on stderr,
# nothing changed.
refused () {
	msg=$1
	shift
	snap >"$TRASH/before" &&
	test_expect_code 78 "$KAM" "$@" >"$TRASH/out" 2>"$TRASH/err" &&
	test ! -s "$TRASH/out" &&
	echo "$msg" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/err" &&
	snap >"$TRASH/after" &&
	test_cmp "$TRASH/before" "$TRASH/after"
}

ncommits () {
	git rev-list --count HEAD
}

test_expect_success 'setup: a project with a person and a risk, plus user files' '
	new_project &&
	test "$(git rev-parse --show-toplevel)" = "$TRASH/proj" &&
	kam people add Ann >/dev/null &&
	kam risk add "First" -p 2 -i 3 >/dev/null &&
	echo "base" >notes.txt &&
	echo "base" >plan.txt &&
	git add notes.txt plan.txt &&
	git commit -q -m "user files"
'

# ---- what a commit holds ----

test_expect_success 'a write makes one commit holding only the changed kam file' '
	cd proj &&
	n=$(ncommits) &&
	kam risk add "Second" -p 1 -i 1 >../out &&
	echo R-2 >../expect &&
	test_cmp ../expect ../out &&
	test "$(ncommits)" = $((n + 1)) &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 risks.csv | 1 +
	 1 file changed, 1 insertion(+)
	EOF
	test_cmp ../expect ../stat &&
	git diff HEAD~1 HEAD >../diff &&
	grep "^[-+][^-+]" ../diff >../lines &&
	echo "+R-2,Second,,1,1,,,open,,,,2026-11-27" >../expect &&
	test_cmp ../expect ../lines &&
	test "$(git rev-parse HEAD^@ | wc -l)" = 1 &&
	git rev-parse HEAD~1 >../parent &&
	git rev-parse HEAD^ >../first &&
	test_cmp ../parent ../first
'

test_expect_success 'the work tree, index and HEAD agree after a write' '
	cd proj &&
	test -z "$(git status --porcelain)" &&
	git diff-files --quiet &&
	git diff-index --cached --quiet HEAD &&
	git show HEAD:risks.csv >../committed &&
	test_cmp ../committed risks.csv &&
	test ! -e .git/index.lock &&
	test ! -e .git/kam/txn &&
	test -z "$(find . -name ".kam-tmp*")"
'

test_expect_success 'the commit is an ordinary commit: fsck, log, revert' '
	cd proj &&
	git fsck --strict 2>../fsck &&
	test ! -s ../fsck &&
	git revert --no-edit HEAD >/dev/null &&
	! grep -q "^R-2," risks.csv &&
	kam risk list --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"R-1\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam risk add "Third" -p 1 -i 1 >../out &&
	echo R-2 >../expect &&
	test_cmp ../expect ../out
'

# ---- who made it ----

test_expect_success 'author and committer come from GIT_AUTHOR_* and GIT_COMMITTER_*' '
	cd proj &&
	kam risk add "Env identity" -p 1 -i 1 >/dev/null &&
	git log -1 --format="%an|%ae|%ad|%cn|%ce|%cd" --date=raw >../who &&
	echo "A U Thor|author@example.com|1767225600 +0000|C O Mitter|committer@example.com|1767225600 +0000" >../expect &&
	test_cmp ../expect ../who
'

test_expect_success 'GIT_*_DATE in the forms git takes, as git reads them' '
	cd proj &&
	for d in "1767225600 +0200" "@1767225600 -0530" "2026-03-01T12:30:00+01:00" \
	    "2026-03-01 12:30:00 +0100" "2026-03-01T12:30:00Z" \
	    "Thu, 07 Apr 2005 22:13:13 +0200" "1 Mar 2026 12:30:00 -0500" \
	    "Sun, 1 Mar 2026 12:30 +0000" "Sun, 01 Mar 2026 12:30:00 GMT" \
	    "mon, 02 mar 2026 08:00:00 +0530"; do
		GIT_AUTHOR_DATE=$d GIT_COMMITTER_DATE=$d \
		    kam risk assess R-1 --category "$d" || return 1
		git log -1 --format="%ad|%cd" --date=raw >../got &&
		want=$(GIT_AUTHOR_DATE=$d git var GIT_AUTHOR_IDENT | sed "s/.*> //") &&
		echo "$want|$want" >../expect &&
		test_cmp ../expect ../got || return 1
	done
'

test_expect_success 'without GIT_*_DATE the commit has the current time' '
	cd proj &&
	before=$(date +%s) &&
	env -u GIT_AUTHOR_DATE -u GIT_COMMITTER_DATE "$KAM" risk assess R-1 --category now &&
	after=$(date +%s) &&
	at=$(git log -1 --format=%at) && ct=$(git log -1 --format=%ct) &&
	test "$at" -ge "$before" && test "$at" -le "$after" &&
	test "$at" = "$ct"
'

test_expect_success 'an invalid GIT_AUTHOR_DATE: 78, nothing changed' '
	cd proj &&
	GIT_AUTHOR_DATE=yesterday refused "kam: invalid date in GIT_AUTHOR_DATE: '"'yesterday'"'" \
	    risk assess R-1 -p 5 &&
	GIT_AUTHOR_DATE="Thu, 31 Apr 2005 22:13:13 +0200" refused \
	    "kam: invalid date in GIT_AUTHOR_DATE: '"'Thu, 31 Apr 2005 22:13:13 +0200'"'" \
	    risk assess R-1 -p 5
'

test_expect_success 'identity from git config: the repository over the global file' '
	cd proj &&
	git config user.name "Local User" &&
	git config user.email local@example.com &&
	env -u GIT_AUTHOR_NAME -u GIT_AUTHOR_EMAIL -u GIT_COMMITTER_NAME \
	    -u GIT_COMMITTER_EMAIL "$KAM" risk assess R-1 --category local &&
	git log -1 --format="%an <%ae>|%cn <%ce>" >../who &&
	echo "Local User <local@example.com>|Local User <local@example.com>" >../expect &&
	test_cmp ../expect ../who &&
	git config --unset user.name &&
	git config --unset user.email &&
	env -u GIT_AUTHOR_NAME -u GIT_AUTHOR_EMAIL -u GIT_COMMITTER_NAME \
	    -u GIT_COMMITTER_EMAIL "$KAM" risk assess R-1 --category global &&
	git log -1 --format="%an <%ae>|%cn <%ce>" >../who &&
	echo "A U Thor <author@example.com>|A U Thor <author@example.com>" >../expect &&
	test_cmp ../expect ../who
'

test_expect_success 'author.* and committer.* config, and env over config, as git' '
	cd proj &&
	git config author.name "Cfg Author" &&
	git config author.email cfg-author@example.com &&
	git config committer.name "Cfg Committer" &&
	git config committer.email cfg-committer@example.com &&
	env -u GIT_AUTHOR_NAME -u GIT_AUTHOR_EMAIL -u GIT_COMMITTER_NAME \
	    -u GIT_COMMITTER_EMAIL "$KAM" risk assess R-1 --category cfg &&
	git log -1 --format="%an <%ae>|%cn <%ce>" >../who &&
	a=$(env -u GIT_AUTHOR_NAME -u GIT_AUTHOR_EMAIL git var GIT_AUTHOR_IDENT | sed "s/> .*/>/") &&
	c=$(env -u GIT_COMMITTER_NAME -u GIT_COMMITTER_EMAIL git var GIT_COMMITTER_IDENT | sed "s/> .*/>/") &&
	echo "$a|$c" >../expect &&
	test_cmp ../expect ../who &&
	echo "Cfg Author <cfg-author@example.com>|Cfg Committer <cfg-committer@example.com>" >../expect &&
	test_cmp ../expect ../who &&
	env -u GIT_COMMITTER_NAME GIT_AUTHOR_NAME="Env Name" \
	    "$KAM" risk assess R-1 --category mixed &&
	git log -1 --format="%an <%ae>|%cn <%ce>" >../who &&
	echo "Env Name <author@example.com>|Cfg Committer <committer@example.com>" >../expect &&
	test_cmp ../expect ../who &&
	git config --remove-section author &&
	git config --remove-section committer
'

test_expect_success 'R18 no author identity: 78, nothing changed' '
	cd proj &&
	mkdir -p ../nohome &&
	HOME=$TRASH/nohome XDG_CONFIG_HOME=$TRASH/nohome/.config &&
	export HOME XDG_CONFIG_HOME &&
	unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL &&
	refused "kam: no author identity: set user.name and user.email (git config) or GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL" \
	    risk add "Nobody" -p 1 -i 1 &&
	GIT_AUTHOR_NAME=Only refused "kam: no author identity: set user.name and user.email (git config) or GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL" \
	    risk add "Nobody" -p 1 -i 1 &&
	GIT_AUTHOR_NAME=A GIT_AUTHOR_EMAIL=a@example.com \
	    refused "kam: no committer identity: set user.name and user.email (git config) or GIT_COMMITTER_NAME/GIT_COMMITTER_EMAIL" \
	    risk close R-1 &&
	refused "kam: no author identity: set user.name and user.email (git config) or GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL" \
	    commit &&
	kam risk list >/dev/null &&
	kam --no-commit risk add "Draft without identity" -p 1 -i 1 >../out &&
	grep -q ",Draft without identity," risks.csv &&
	git checkout -q risks.csv &&
	GIT_AUTHOR_NAME=A GIT_AUTHOR_EMAIL=a@example.com GIT_COMMITTER_NAME=C \
	    GIT_COMMITTER_EMAIL=c@example.com kam risk add "Somebody" -p 1 -i 1 >/dev/null &&
	git log -1 --format="%an <%ae>|%cn <%ce>" >../who &&
	echo "A <a@example.com>|C <c@example.com>" >../expect &&
	test_cmp ../expect ../who
'

test_expect_success 'GIT_CONFIG_GLOBAL replaces ~/.gitconfig, as in git' '
	cd proj &&
	unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL &&
	GIT_CONFIG_GLOBAL=/dev/null &&
	export GIT_CONFIG_GLOBAL &&
	! git var GIT_AUTHOR_IDENT >/dev/null 2>&1 &&
	refused "kam: no author identity: set user.name and user.email (git config) or GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL" \
	    risk add "Nobody" -p 1 -i 1 &&
	printf "[user]\n\tname = File User\n\temail = file@example.com\n" >../global.cfg &&
	GIT_CONFIG_GLOBAL=$TRASH/global.cfg &&
	kam risk assess R-1 --category from-file &&
	git log -1 --format="%an <%ae>|%cn <%ce>" >../who &&
	echo "File User <file@example.com>|File User <file@example.com>" >../expect &&
	test_cmp ../expect ../who &&
	git var GIT_AUTHOR_IDENT | sed "s/> .*/>/" >../git-who &&
	echo "File User <file@example.com>" >../expect &&
	test_cmp ../expect ../git-who
'

# ---- the message ----

test_expect_success 'message: kam: <command> <id>: <title>, then the -m text' '
	cd proj &&
	kam risk add "Data migration slips" -p 3 -i 4 >../id &&
	git log -1 --format=%B >../msg &&
	printf "kam: risk add %s: Data migration slips\n\n" "$(cat ../id)" >../expect &&
	test_cmp ../expect ../msg &&
	kam risk close "$(cat ../id)" -m "$(printf "Supplier confirmed.\nSee minutes.\n\n")" &&
	git log -1 --format=%B >../msg &&
	printf "kam: risk close %s: Data migration slips\n\nSupplier confirmed.\nSee minutes.\n\n" "$(cat ../id)" >../expect &&
	test_cmp ../expect ../msg &&
	kam people set P-1 --role PM -m "promoted" &&
	git log -1 --format=%B >../msg &&
	printf "kam: people set P-1: Ann\n\npromoted\n\n" >../expect &&
	test_cmp ../expect ../msg
'

test_expect_success 'a title with a newline gives a one-line subject' '
	cd proj &&
	kam risk add "$(printf "two\nlines")" -p 1 -i 1 >../id &&
	git log -1 --format=%s >../subject &&
	echo "kam: risk add $(cat ../id): two lines" >../expect &&
	test_cmp ../expect ../subject &&
	test "$(git log -1 --format=%b)" = ""
'

# ---- the user's other changes ----

test_expect_success 'staged and unstaged changes in other files survive untouched' '
	cd proj &&
	echo "staged line" >>notes.txt &&
	git add notes.txt &&
	echo "unstaged on top" >>notes.txt &&
	echo "unstaged only" >>plan.txt &&
	echo "new and staged" >added.txt &&
	git add added.txt &&
	echo "untracked" >untracked.txt &&
	printf "%s\n" "P-2,Bob,client,,,,,,,," >>people.csv &&
	git add people.csv &&
	git diff >../diff.before &&
	git diff --cached >../cached.before &&
	git status --porcelain >../status.before &&
	cp notes.txt plan.txt added.txt untracked.txt people.csv ../ &&
	n=$(ncommits) &&
	kam risk add "Amid user changes" -p 1 -i 1 >/dev/null &&
	test "$(ncommits)" = $((n + 1)) &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 risks.csv | 1 +
	 1 file changed, 1 insertion(+)
	EOF
	test_cmp ../expect ../stat &&
	git diff >../diff.after &&
	git diff --cached >../cached.after &&
	git status --porcelain >../status.after &&
	test_cmp ../diff.before ../diff.after &&
	test_cmp ../cached.before ../cached.after &&
	test_cmp ../status.before ../status.after &&
	for f in notes.txt plan.txt added.txt untracked.txt people.csv; do
		test_cmp ../$f $f || return 1
	done &&
	git show HEAD:people.csv >../head-people &&
	! grep -q Bob ../head-people
'

test_expect_success 'a staged edit of a kam file the command does not rewrite stays staged' '
	cd proj &&
	git diff --cached people.csv >../p.before &&
	test -s ../p.before &&
	kam risk assess R-1 -p 4 &&
	git diff --cached people.csv >../p.after &&
	test_cmp ../p.before ../p.after
'

test_expect_success 'cleanup: commit the user changes' '
	cd proj &&
	git add notes.txt plan.txt untracked.txt &&
	git commit -q -m "user changes" &&
	test -z "$(git status --porcelain)"
'

# ---- refused repository states (R2, R3, R5, R6, R11, R18) ----

test_expect_success 'R11 an uncommitted edit of the file to rewrite: 78, the edit kept' '
	cd proj &&
	echo "R-99,hand edit,,1,1,,,open,,,," >>risks.csv &&
	cp risks.csv ../edited &&
	refused "kam: '"'risks.csv'"' has uncommitted changes; commit them with '"'kam commit'"' or stash them first" \
	    risk add "Refused" -p 1 -i 1 &&
	refused "kam: '"'risks.csv'"' has uncommitted changes; commit them with '"'kam commit'"' or stash them first" \
	    risk close R-1 &&
	test_cmp ../edited risks.csv &&
	kam people add "Unrelated write" >/dev/null &&
	test_cmp ../edited risks.csv &&
	git checkout -q risks.csv &&
	kam risk add "After" -p 1 -i 1 >/dev/null
'

test_expect_success 'R11 a staged edit of the file to rewrite: 78' '
	cd proj &&
	echo "R-99,hand edit,,1,1,,,open,,,," >>risks.csv &&
	git add risks.csv &&
	refused "kam: '"'risks.csv'"' has uncommitted changes; commit them with '"'kam commit'"' or stash them first" \
	    risk add "Refused" -p 1 -i 1 &&
	git reset -q risks.csv &&
	git checkout -q risks.csv &&
	kam risk add "After" -p 1 -i 1 >/dev/null
'

test_expect_success 'R11 a staged and reverted edit (index differs, file clean): 78' '
	cd proj &&
	cp risks.csv ../clean &&
	echo "R-99,hand edit,,1,1,,,open,,,," >>risks.csv &&
	git add risks.csv &&
	cp ../clean risks.csv &&
	refused "kam: '"'risks.csv'"' has uncommitted changes; commit them with '"'kam commit'"' or stash them first" \
	    risk add "Refused" -p 1 -i 1 &&
	git reset -q risks.csv &&
	kam risk add "After" -p 1 -i 1 >/dev/null
'

test_expect_success 'R3 detached HEAD: 78 naming the commit; reads still work' '
	cd proj &&
	git checkout -q --detach &&
	short=$(git rev-parse --short=7 HEAD) &&
	refused "kam: HEAD is detached at $short; check out a branch" \
	    risk add "Refused" -p 1 -i 1 &&
	refused "kam: HEAD is detached at $short; check out a branch" \
	    people set P-1 --role x &&
	refused "kam: HEAD is detached at $short; check out a branch" commit &&
	kam risk list >/dev/null &&
	git checkout -q main &&
	kam risk add "After" -p 1 -i 1 >/dev/null
'

test_expect_success 'setup: a side branch that conflicts in notes.txt' '
	cd proj &&
	git checkout -q -b side &&
	echo "side" >notes.txt &&
	git commit -q -am "side notes" &&
	git checkout -q main &&
	echo "main" >notes.txt &&
	git commit -q -am "main notes"
'

test_expect_success 'R5 a merge in progress: 78' '
	cd proj &&
	test_must_fail_merge=$(git merge side >/dev/null 2>&1; echo $?) &&
	test "$test_must_fail_merge" != 0 &&
	test -f .git/MERGE_HEAD &&
	refused "kam: a merge is in progress; finish or abort it first" \
	    risk add "Refused" -p 1 -i 1 &&
	git merge --abort &&
	kam risk add "After merge" -p 1 -i 1 >/dev/null
'

test_expect_success 'R6 a rebase in progress (rebase-merge): 78' '
	cd proj &&
	git checkout -q side &&
	! git rebase main >/dev/null 2>&1 &&
	test -d .git/rebase-merge &&
	refused "kam: a rebase is in progress; finish or abort it first" \
	    risk add "Refused" -p 1 -i 1 &&
	git rebase --abort &&
	git checkout -q main
'

test_expect_success 'R6 a rebase in progress (rebase-apply): 78' '
	cd proj &&
	git checkout -q side &&
	! git rebase --apply main >/dev/null 2>&1 &&
	test -d .git/rebase-apply &&
	refused "kam: a rebase is in progress; finish or abort it first" \
	    risk add "Refused" -p 1 -i 1 &&
	git rebase --abort &&
	git checkout -q main
'

test_expect_success 'R6 a cherry-pick in progress: 78' '
	cd proj &&
	! git cherry-pick side >/dev/null 2>&1 &&
	test -f .git/CHERRY_PICK_HEAD &&
	refused "kam: a cherry-pick is in progress; finish or abort it first" \
	    risk add "Refused" -p 1 -i 1 &&
	git cherry-pick --abort &&
	kam risk add "After cherry-pick" -p 1 -i 1 >/dev/null
'

test_expect_success 'R6 a revert in progress: 78' '
	cd proj &&
	echo "again" >notes.txt &&
	git commit -q -am "notes again" &&
	! git revert --no-edit "$(git log -1 --format=%H --grep="^main notes\$")" >/dev/null 2>&1 &&
	test -f .git/REVERT_HEAD &&
	refused "kam: a revert is in progress; finish or abort it first" \
	    risk add "Refused" -p 1 -i 1 &&
	git revert --abort &&
	kam risk add "After revert" -p 1 -i 1 >/dev/null
'

test_expect_success 'R6 a bisect in progress: 78' '
	cd proj &&
	git bisect start >/dev/null &&
	refused "kam: a bisect is in progress; finish or abort it first" \
	    risk add "Refused" -p 1 -i 1 &&
	git bisect reset >/dev/null 2>&1 &&
	kam risk add "After bisect" -p 1 -i 1 >/dev/null
'

test_expect_success 'R2 a bare repository: 78 for reads and writes' '
	git clone -q --bare proj bare.git &&
	cd bare.git &&
	refused "kam: bare repository has no working tree" risk list &&
	refused "kam: bare repository has no working tree" risk add "Refused" -p 1 -i 1 &&
	cd .. &&
	test_expect_code 78 kam -C bare.git risk list >out 2>err &&
	echo "kam: bare repository has no working tree" >expect &&
	test_cmp expect err &&
	test_expect_code 78 kam -C bare.git init >out 2>err &&
	test_cmp expect err &&
	test ! -e bare.git/kam.conf
'

test_expect_success 'P7 a kam file replaced by a symbolic link: refused, nothing read through it' '
	cd proj &&
	mv risks.csv ../risks.real &&
	ln -s ../risks.real risks.csv &&
	test_expect_code 78 kam risk list >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: refusing to follow symlink '"'$TRASH/proj/risks.csv'"'" >../expect &&
	test_cmp ../expect ../err &&
	rm risks.csv &&
	mv ../risks.real risks.csv &&
	test -z "$(git status --porcelain)"
'

# ---- --no-commit and kam commit ----

test_expect_success '--no-commit writes the file and makes no commit' '
	cd proj &&
	n=$(ncommits) &&
	kam --no-commit risk add "Draft one" -p 2 -i 2 >../out &&
	kam risk add "Draft two" -p 3 -i 3 --no-commit >>../out &&
	test "$(ncommits)" = $n &&
	last=$(git show HEAD:risks.csv | tail -n 1 | cut -d, -f1 | sed s/R-//) &&
	printf "R-%s\nR-%s\n" $((last + 1)) $((last + 2)) >../expect &&
	test_cmp ../expect ../out &&
	git status --porcelain >../status &&
	echo " M risks.csv" >../expect &&
	test_cmp ../expect ../status &&
	tail -n 2 risks.csv | cut -d, -f2 >../titles &&
	printf "Draft one\nDraft two\n" >../expect &&
	test_cmp ../expect ../titles
'

test_expect_success 'kam commit commits the hand edits as one commit' '
	cd proj &&
	echo "hand" >>notes.txt &&
	p=$(tail -n 1 people.csv | cut -d, -f1 | sed s/P-//) &&
	printf "%s\n" "P-$((p + 1)),Cleo,partner,,,,,,,," >>people.csv &&
	n=$(ncommits) &&
	kam commit -m "drafts of the week" 2>../err &&
	test ! -s ../err &&
	test "$(ncommits)" = $((n + 1)) &&
	git log -1 --format=%B >../msg &&
	printf "kam: commit: people.csv, risks.csv\n\ndrafts of the week\n\n" >../expect &&
	test_cmp ../expect ../msg &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 people.csv | 1 +
	 risks.csv  | 2 ++
	 2 files changed, 3 insertions(+)
	EOF
	test_cmp ../expect ../stat &&
	git status --porcelain >../status &&
	echo " M notes.txt" >../expect &&
	test_cmp ../expect ../status &&
	git checkout -q notes.txt
'

test_expect_success 'kam commit with nothing to commit: 0, no commit' '
	cd proj &&
	n=$(ncommits) &&
	kam commit >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: no kam file has uncommitted changes" >../expect &&
	test_cmp ../expect ../err &&
	test "$(ncommits)" = $n
'

test_expect_success 'kam commit refuses invalid hand edits: 65, nothing committed' '
	cd proj &&
	printf "%s\n" "R-90,bad,,9,1,,,open,,,," >>risks.csv &&
	cp risks.csv ../edited &&
	snap >../before &&
	test_expect_code 65 kam commit >../out 2>../err &&
	echo "kam: risks.csv:$(wc -l <risks.csv): probability: invalid value '"'9'"': expected an integer 1-5" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after &&
	test_cmp ../edited risks.csv &&
	git checkout -q risks.csv
'

test_expect_success 'kam commit refuses a dangling reference: 65' '
	cd proj &&
	printf "%s\n" "R-90,orphan,,1,1,,P-77,open,,,," >>risks.csv &&
	n=$(ncommits) &&
	test_expect_code 65 kam commit 2>../err &&
	echo "kam: risks.csv:$(wc -l <risks.csv): owner: person P-77 does not exist in people.csv" >../expect &&
	test_cmp ../expect ../err &&
	test "$(ncommits)" = $n &&
	git checkout -q risks.csv
'

test_expect_success 'kam commit validates kam.conf' '
	cd proj &&
	cp kam.conf ../conf &&
	printf "[calendar]\n\tworkdays = mon funday\n" >>kam.conf &&
	n=$(ncommits) &&
	test_expect_code 65 kam commit 2>../err &&
	test "$(ncommits)" = $n &&
	grep -q "unknown day '"'funday'"'" ../err &&
	cp ../conf kam.conf
'

test_expect_success 'kam commit commits a valid kam.conf edit' '
	cd proj &&
	git config -f kam.conf --add calendar.holiday 2026-12-25 &&
	kam commit 2>/dev/null &&
	git show --stat --format=%s HEAD >../stat &&
	cat >../expect <<-\EOF &&
	kam: commit: kam.conf

	 kam.conf | 1 +
	 1 file changed, 1 insertion(+)
	EOF
	test_cmp ../expect ../stat
'

test_expect_success 'kam commit does not commit a deleted kam file, and says so' '
	cd proj &&
	rm risks.csv &&
	n=$(ncommits) &&
	kam commit 2>../err &&
	cat >../expect <<-\EOF &&
	kam: warning: '"'"'risks.csv'"'"' was deleted; kam commit does not commit deletions (use git rm)
	kam: no kam file has uncommitted changes
	EOF
	test_cmp ../expect ../err &&
	test "$(ncommits)" = $n &&
	git checkout -q risks.csv
'

test_expect_success 'kam commit leaves the user staged changes in other files alone' '
	cd proj &&
	echo "staged by user" >>plan.txt &&
	git add plan.txt &&
	printf "%s\n" "R-90,by hand,,1,1,,,open,,,," >>risks.csv &&
	git diff --cached >../cached.before &&
	kam commit 2>/dev/null &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 risks.csv | 1 +
	 1 file changed, 1 insertion(+)
	EOF
	test_cmp ../expect ../stat &&
	git diff --cached >../cached.after &&
	test_cmp ../cached.before ../cached.after &&
	git commit -q -m "user plan"
'

# ---- a project in a subfolder ----

test_expect_success 'setup: a product repository with code' '
	mkdir product &&
	cd product &&
	git init -q &&
	mkdir src &&
	echo "int main(void) { return 0; }" >src/main.c &&
	git add src &&
	git commit -q -m "product code"
'

test_expect_success 'kam init in pm/ of the product repository' '
	cd product &&
	kam -C pm init --name "PM" >../out &&
	echo "initialized kam project '"'PM'"' in $TRASH/product/pm/" >../expect &&
	test_cmp ../expect ../out &&
	test "$(git rev-list --count HEAD)" = 2 &&
	git log -1 --format=%s >../subject &&
	echo "kam: init: PM" >../expect &&
	test_cmp ../expect ../subject &&
	git show --name-only --format= HEAD >../files &&
	grep -v "^pm/" ../files >../outside || true &&
	test ! -s ../outside &&
	grep -q "^pm/kam.conf\$" ../files &&
	grep -q "^pm/.gitattributes\$" ../files &&
	test ! -e .gitattributes &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'commands from the repository root with -C pm' '
	cd product &&
	kam -C pm people add Ann >../out &&
	echo P-1 >../expect &&
	test_cmp ../expect ../out &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 pm/people.csv | 1 +
	 1 file changed, 1 insertion(+)
	EOF
	test_cmp ../expect ../stat
'

test_expect_success 'commands from a directory below the project find it by walking up' '
	mkdir -p product/pm/sub/dir &&
	cd product/pm/sub/dir &&
	kam risk add "From deep" -p 1 -i 2 --owner p-1 >"$TRASH/out" &&
	echo R-1 >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/out" &&
	git show --stat --format= HEAD >"$TRASH/stat" &&
	cat >"$TRASH/expect" <<-\EOF &&
	 pm/risks.csv | 1 +
	 1 file changed, 1 insertion(+)
	EOF
	test_cmp "$TRASH/expect" "$TRASH/stat" &&
	kam risk list --format csv >"$TRASH/out" &&
	grep -q "^\"R-1\",\"From deep\"" "$TRASH/out"
'

test_expect_success 'the product root itself is not a kam project: 66' '
	cd product &&
	test_expect_code 66 kam risk list >../out 2>../err &&
	echo "kam: not a kam project (or any of the parent directories): run '"'kam init'"'" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 66 kam -C src risk list 2>../err &&
	test_cmp ../expect ../err
'

test_expect_success 'product changes survive a kam write in pm/' '
	cd product &&
	echo "/* wip */" >>src/main.c &&
	echo "staged" >src/new.c &&
	git add src/new.c &&
	git status --porcelain >../status.before &&
	kam -C pm risk add "Second" -p 1 -i 1 >/dev/null &&
	git status --porcelain >../status.after &&
	test_cmp ../status.before ../status.after &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 pm/risks.csv | 1 +
	 1 file changed, 1 insertion(+)
	EOF
	test_cmp ../expect ../stat
'

test_expect_success 'kam commit in a subfolder project commits only pm/ kam files' '
	cd product &&
	printf "%s\n" "R-3,hand,,1,1,,,open,,,," >>pm/risks.csv &&
	echo "x" >>README &&
	git add README &&
	(cd pm/sub && kam commit 2>/dev/null) &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 pm/risks.csv | 1 +
	 1 file changed, 1 insertion(+)
	EOF
	test_cmp ../expect ../stat &&
	git diff --cached --name-only >../staged &&
	printf "README\nsrc/new.c\n" >../expect &&
	test_cmp ../expect ../staged
'

test_expect_success 'GIT_CEILING_DIRECTORIES stops the search for the repository' '
	mkdir -p outer/ceiling/inner &&
	(cd outer && git init -q && git commit -q --allow-empty -m outer) &&
	(
		GIT_CEILING_DIRECTORIES=$TRASH/outer/ceiling &&
		export GIT_CEILING_DIRECTORIES &&
		cd outer/ceiling/inner &&
		kam init --name Inner >/dev/null &&
		test "$(git rev-parse --show-toplevel)" = "$TRASH/outer/ceiling/inner"
	) &&
	test "$(git -C outer rev-list --count HEAD)" = 1 &&
	test -z "$(git -C outer status --porcelain --ignored | grep -v "^?? ceiling/")"
'

# ---- init and no project ----

test_expect_success 'R1 outside any project: 66, also inside a plain git repository' '
	mkdir -p nothing &&
	cd nothing &&
	test_expect_code 66 kam risk list >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: not a kam project (or any of the parent directories): run '"'kam init'"'" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 66 kam risk add x -p 1 -i 1 2>../err &&
	test_cmp ../expect ../err &&
	test_expect_code 66 kam commit 2>../err &&
	test_cmp ../expect ../err &&
	git init -q &&
	test_expect_code 66 kam people list 2>../err &&
	test_cmp ../expect ../err &&
	test_expect_code 66 kam -C "$TRASH/nothing" people add x 2>../err &&
	test_cmp ../expect ../err &&
	test -z "$(ls -A | grep -v "^.git\$")"
'

test_expect_success '-C a directory that does not exist: 66' '
	test_expect_code 66 kam -C "$TRASH/no/such/dir" risk list >out 2>err &&
	test ! -s out &&
	echo "kam: cannot use directory '"'$TRASH/no/such/dir'"': No such file or directory" >expect &&
	test_cmp expect err
'

test_expect_success 'R4 kam init in a new directory: git init and the root commit' '
	kam -C fresh init --name "Fresh" --client "ACME Corp" --currency EUR --start 2026-01-05 >out &&
	echo "initialized kam project '"'Fresh'"' in $TRASH/fresh/" >expect &&
	test_cmp expect out &&
	cd fresh &&
	test "$(git rev-parse --show-toplevel)" = "$TRASH/fresh" &&
	test "$(git rev-list --count HEAD)" = 1 &&
	test "$(git symbolic-ref HEAD)" = refs/heads/main &&
	git show --name-only --format=%s HEAD >../files &&
	cat >../expect <<-\EOF &&
	kam: init: Fresh

	.gitattributes
	billing.csv
	budget.csv
	changes.csv
	comms.csv
	csat.csv
	defects.csv
	goals.csv
	issues.csv
	kam.conf
	lessons.csv
	people.csv
	quality.csv
	raci.csv
	requirements.csv
	risks.csv
	scope.csv
	tasks.csv
	EOF
	test_cmp ../expect ../files &&
	printf "[project]\n\tname = Fresh\n\tclient = ACME Corp\n\tcurrency = EUR\n\tstart = 2026-01-05\n[calendar]\n\tworkdays = mon tue wed thu fri\n[health]\n\tbudget-warn = 90\n\tbudget-overrun = 0\n\trisk-critical = 15\n\tcsat-min = 7\n\tcomm-grace = 2\n" >../expect &&
	test_cmp ../expect kam.conf &&
	printf "*.csv merge=kam\nexpenses/*.csv merge=kam\n" >../expect &&
	test_cmp ../expect .gitattributes &&
	echo "id,title,category,probability,impact,strategy,owner,status,trigger,response,review,raised" >../expect &&
	test_cmp ../expect risks.csv &&
	echo "id,name,side,org,role,email,skills,capacity,rate,influence,interest" >../expect &&
	test_cmp ../expect people.csv &&
	test "$(git config merge.kam.driver)" = "kam merge-file %O %A %B %P" &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'R4 kam init on an unborn branch of an existing repository' '
	git init -q unborn &&
	cd unborn &&
	kam init --name U >/dev/null &&
	test "$(git rev-list --count HEAD)" = 1 &&
	test -z "$(git rev-parse HEAD^ 2>/dev/null | grep -v "^HEAD^")"
'

test_expect_success 'kam init keeps an existing .gitattributes and adds its lines' '
	git init -q attrs &&
	cd attrs &&
	printf "*.png binary" >.gitattributes &&
	git add .gitattributes &&
	git commit -q -m attrs &&
	kam init --name A >/dev/null &&
	printf "*.png binary\n*.csv merge=kam\nexpenses/*.csv merge=kam\n" >../expect &&
	test_cmp ../expect .gitattributes &&
	test "$(git rev-list --count HEAD)" = 2
'

test_expect_success 'kam init twice: 78, nothing changed' '
	cd fresh &&
	refused "kam: '"'$TRASH/fresh/kam.conf'"' already exists: this is a kam project" \
	    init --name Again
'

test_expect_success 'kam init over tracked tables: 78 naming them, nothing changed (issue 11 #5)' '
	mkdir tracked &&
	cd tracked &&
	git init -q &&
	printf "id,title\nR-1,mine\n" >risks.csv &&
	printf "id,title\nT-1,mine\n" >tasks.csv &&
	git add risks.csv tasks.csv &&
	git commit -q -m mine &&
	refused "kam: HEAD already holds risks.csv, tasks.csv in '"'$TRASH/tracked/'"' with other content: kam init would replace them (--force replaces them)" \
	    init --name Over &&
	test ! -e kam.conf &&
	test "$(ncommits)" = 1
'

test_expect_success 'kam init --force replaces them and the commit says so' '
	cd tracked &&
	kam init --name Over --force >../out &&
	test "$(ncommits)" = 2 &&
	git log -1 --format=%B >../msg &&
	printf "kam: init: Over\n\nReplaced the tracked risks.csv, tasks.csv.\n\n" >../expect &&
	test_cmp ../expect ../msg &&
	kam risk list --format csv >../risks &&
	test "$(wc -l <../risks)" = 1 &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'a read-only risks.csv is replaced as git checkout would, keeping its mode (issue 11 #7)' '
	kam -C ro init --name RO >/dev/null &&
	cd ro &&
	chmod 444 risks.csv &&
	kam risk add "Read-only" -p 1 -i 1 >../out &&
	echo R-1 >../expect &&
	test_cmp ../expect ../out &&
	grep -q "^R-1,Read-only," risks.csv &&
	test "$(stat -c %a risks.csv)" = 444 &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'kam init refuses option values that would break kam.conf' '
	test_expect_code 64 kam -C bad1 init --name "$(printf "a\nb")" 2>err &&
	test ! -e bad1/kam.conf &&
	test_expect_code 64 kam -C bad2 init --client "x;y" 2>err &&
	test ! -e bad2/kam.conf &&
	test_expect_code 64 kam -C bad3 init --name "with \"quotes\"" 2>err &&
	test ! -e bad3/kam.conf
'

test_expect_success 'kam init --no-commit writes the files and makes no commit' '
	git init -q nc &&
	cd nc &&
	kam --no-commit init --name N >/dev/null &&
	test -f kam.conf && test -f risks.csv &&
	test_must_fail=$(git rev-parse -q --verify HEAD || echo none) &&
	test "$test_must_fail" = none &&
	kam commit 2>/dev/null &&
	test "$(git rev-list --count HEAD)" = 1
'

# W3 through the index's stat data (issue 12): kam takes a work-tree file
# as HEAD's blob without hashing it only when the index's entry vouches
# for it as for git status; a hand edit that keeps the size, the inode and
# the mtime still changes the ctime, so HEAD's people.csv is read: P-2,
# which only the work tree has, is refused.  (Without the ctime in the
# comparison kam took the edited file and committed a risk owned by P-2.)
test_expect_success 'W3: a hand edit keeping size, inode and mtime is not read as HEAD' '
	new_project w3 &&
	kam people add "Ann Lee" >/dev/null &&
	sleep 0.05 && touch .git/index &&
	touch -r people.csv "$TRASH/stamp" &&
	sed "s/^P-1,/P-2,/" people.csv >"$TRASH/people" &&
	cat "$TRASH/people" >people.csv &&
	touch -r "$TRASH/stamp" people.csv &&
	test_expect_code 65 kam risk add "Owned" -p 1 -i 1 --owner P-2 \
	    2>err &&
	grep -q "P-2 does not exist" err &&
	kam risk add "Owned" -p 1 -i 1 --owner P-1 >out &&
	git show HEAD:risks.csv | grep -q "^R-1,Owned,.*,P-1," &&
	git show HEAD:people.csv | grep -q "^P-1,Ann Lee,"
'

test_done
