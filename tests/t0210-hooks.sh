#!/bin/sh
# t0210: kam's commits honour what git commit honours (issue 18): the
# pre-commit hook sees the commit about to be made as its index and can
# stop it, the commit-msg hook can edit or refuse the message,
# --no-verify skips both, core.hooksPath is followed, a hook that is not
# executable is ignored, and commit.gpgsign is refused rather than
# ignored.  Every refusal is 78 with nothing changed.
test_description='kam and the repository hooks'
. "$(dirname "$0")/lib.sh"

snap () {
	git rev-parse HEAD
	sha256sum .git/index
	git status --porcelain --untracked-files=all
	git for-each-ref
	ls .git
}

test_expect_success 'setup' '
	new_project &&
	kam risk add "First" -p 1 -i 1 >/dev/null &&
	mkdir -p .git/hooks
'

test_expect_success 'pre-commit sees the new file in its index and passes' '
	cd proj &&
	cat >.git/hooks/pre-commit <<-\EOF &&
	#!/bin/sh
	echo "pre-commit ran" &&
	git diff --cached --name-only >"$HOME/staged" &&
	git show :risks.csv >"$HOME/index-risks"
	EOF
	chmod +x .git/hooks/pre-commit &&
	kam risk add "Second" -p 2 -i 2 >../out 2>../err &&
	echo R-2 >../expect &&
	test_cmp ../expect ../out &&
	grep -q "^pre-commit ran\$" ../err &&
	echo risks.csv >../expect &&
	test_cmp ../expect "$HOME/staged" &&
	grep -q "^R-2,Second," "$HOME/index-risks" &&
	git show HEAD:risks.csv | grep -q "^R-2,Second," &&
	git status --porcelain >../st &&
	test ! -s ../st &&
	test -z "$(ls .git | grep kam-hook-index)"
'

test_expect_success 'a pre-commit hook that fails stops the write: 78, nothing changed' '
	cd proj &&
	printf "#!/bin/sh\necho no risks today >&2\nexit 3\n" >.git/hooks/pre-commit &&
	snap >../before &&
	test_expect_code 78 kam risk add "Third" -p 3 -i 3 >../out 2>../err &&
	test ! -s ../out &&
	grep -q "^no risks today\$" ../err &&
	grep -q "^kam: the pre-commit hook refused the commit (exit 3); nothing was committed" ../err &&
	snap >../after &&
	test_cmp ../before ../after &&
	! grep -q Third risks.csv
'

test_expect_success '--no-verify skips the hooks' '
	cd proj &&
	kam --no-verify risk add "Third" -p 3 -i 3 >../out &&
	echo R-3 >../expect &&
	test_cmp ../expect ../out &&
	git log -1 --format=%s >../s &&
	grep -q "risk add R-3" ../s
'

test_expect_success 'a hook that is not executable is ignored, as git does' '
	cd proj &&
	chmod -x .git/hooks/pre-commit &&
	kam risk assess R-3 -p 4 &&
	rm .git/hooks/pre-commit
'

test_expect_success 'commit-msg may edit the message' '
	cd proj &&
	cat >.git/hooks/commit-msg <<-\EOF &&
	#!/bin/sh
	printf "\nSigned-off-by: A U Thor <author@example.com>\n" >>"$1"
	EOF
	chmod +x .git/hooks/commit-msg &&
	kam -m "reviewed" risk assess R-3 -i 4 &&
	git log -1 --format=%B >../msg &&
	printf "kam: risk assess R-3: Third\n\nreviewed\n\nSigned-off-by: A U Thor <author@example.com>\n\n" >../expect &&
	test_cmp ../expect ../msg
'

test_expect_success 'a commit-msg hook that fails stops the write: 78, nothing changed' '
	cd proj &&
	printf "#!/bin/sh\ngrep -q JIRA- \"\$1\" || { echo need a JIRA key >&2; exit 1; }\n" \
	    >.git/hooks/commit-msg &&
	snap >../before &&
	test_expect_code 78 kam risk close R-3 2>../err &&
	grep -q "^need a JIRA key\$" ../err &&
	grep -q "the commit-msg hook refused the commit (exit 1)" ../err &&
	snap >../after &&
	test_cmp ../before ../after &&
	kam -m "JIRA-7" risk close R-3 &&
	git log -1 --format=%b | grep -q JIRA-7 &&
	rm .git/hooks/commit-msg
'

test_expect_success 'core.hooksPath is followed, relative to the work tree' '
	cd proj &&
	mkdir -p ci-hooks &&
	printf "#!/bin/sh\nexit 1\n" >ci-hooks/pre-commit &&
	chmod +x ci-hooks/pre-commit &&
	git add ci-hooks && git commit -q -m "hooks" &&
	git config core.hooksPath ci-hooks &&
	test_expect_code 78 kam risk add "Fourth" -p 1 -i 2 2>../err &&
	grep -q "pre-commit hook refused" ../err &&
	git config --unset core.hooksPath &&
	kam risk add "Fourth" -p 1 -i 2 >/dev/null
'

test_expect_success 'commit.gpgsign: refused with 78, --no-commit still works' '
	cd proj &&
	git config commit.gpgsign true &&
	snap >../before &&
	test_expect_code 78 kam risk add "Signed" -p 1 -i 1 2>../err &&
	grep -q "^kam: commit.gpgsign is set and kam cannot sign commits" ../err &&
	snap >../after &&
	test_cmp ../before ../after &&
	kam --no-commit risk add "Signed" -p 1 -i 1 >../out &&
	echo R-5 >../expect &&
	test_cmp ../expect ../out &&
	git config commit.gpgsign false &&
	git checkout -q risks.csv
'

test_expect_success 'reads never run hooks' '
	cd proj &&
	printf "#!/bin/sh\ntouch \"\$HOME/ran\"\nexit 1\n" >.git/hooks/pre-commit &&
	chmod +x .git/hooks/pre-commit &&
	kam risk list >/dev/null &&
	kam check >/dev/null &&
	test ! -e "$HOME/ran"
'

test_done
