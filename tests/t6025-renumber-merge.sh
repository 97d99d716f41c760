#!/bin/sh
# t6025: kam renumber after a merge keeps every reference on its record
# (issue 18 #1), with the real git program and kam's merge driver.  Base:
# REQ-1 and T-1.  Branch alice adds REQ-2 and a task tracing to it, with
# "see REQ-2" in its title and in her minutes; main adds another REQ-2 and
# a task tracing to its own.  After the merge, renumbering the requirement
# first or the task first gives the same files, row by row; kam renumber
# --all gives them in one go; a rebase resolved alike commits them; their
# side of a block that cannot be read is refused by name.
test_description='kam renumber across merges: references, free text, --all'
. "$(dirname "$0")/lib.sh"

# git runs the merge driver "kam merge-file": kam must be on PATH.
mkdir -p "$TRASH/bin"
ln -s "$KAM" "$TRASH/bin/kam"
PATH="$TRASH/bin:$PATH"
export PATH

# story DIR: the base, alice's branch and main's commits, not merged.
story () {
	new_project "$1" &&
	kam req add Login >/dev/null &&
	kam task add "Build login" --duration 3 --req REQ-1 >/dev/null &&
	git checkout -q -b alice &&
	kam req add "Alice export" >/dev/null &&
	kam task add "Alice task, see REQ-2" --duration 2 --req REQ-2 \
	    >/dev/null &&
	kam meeting new "Alice sync" --date 2026-11-20 >/dev/null &&
	printf "\n- Build REQ-2 first\n" >>meetings/2026-11-20-alice-sync.md &&
	git commit -q -am "alice: minutes" &&
	git checkout -q main &&
	kam req add "Main report" >/dev/null &&
	kam task add "Main task, see REQ-2" --duration 1 --req REQ-2 \
	    >/dev/null &&
	kam meeting new "Main sync" --date 2026-11-21 >/dev/null &&
	printf "\n- Ship REQ-2 soon\n" >>meetings/2026-11-21-main-sync.md &&
	git commit -q -am "main: minutes"
}

# The files every order must give.
cat >"$TRASH/../want" <<\EOF
id,title,priority,status,source,confirmed_by,confirmed_on,acceptance
REQ-1,Login,should,draft,,,,
REQ-2,Main report,should,draft,,,,
REQ-3,Alice export,should,draft,,,,
id,title,duration,depends,assignee,start,finish,progress,cost,reqs,deadline,baseline_start,baseline_finish
T-1,Build login,3,,,,,,,REQ-1,,,
T-2,"Main task, see REQ-2",1,,,,,,,REQ-2,,,
T-3,"Alice task, see REQ-3",2,,,,,,,REQ-3,,,
- Build REQ-3 first
- Ship REQ-2 soon
EOF

# got: the two tables and the last line of each minutes file.
got () {
	cat requirements.csv tasks.csv &&
	tail -n 1 meetings/2026-11-20-alice-sync.md &&
	tail -n 1 meetings/2026-11-21-main-sync.md
}

test_expect_success 'setup: the merge stops on REQ-2 and T-2' '
	story m1 &&
	test_expect_code 1 git merge -q --no-edit alice >../out 2>&1 &&
	git status --porcelain >../st &&
	grep -q "^UU requirements.csv" ../st &&
	grep -q "^UU tasks.csv" ../st &&
	grep -q "^<<<<<<<" tasks.csv
'

test_expect_success 'requirement first: their references inside the task block are rewritten' '
	cd m1 &&
	kam renumber REQ-2 >../out 2>../err &&
	echo REQ-3 >../expect && test_cmp ../expect ../out &&
	grep -q "REQ-2 is now REQ-3; 3 references rewritten" ../err &&
	sed -n "/^=======/,/^>>>>>>>/p" tasks.csv >../theirs &&
	grep -q "^T-2,\"Alice task, see REQ-3\",2,,,,,,,REQ-3,,,\$" ../theirs &&
	sed -n "/^<<<<<<</,/^=======/p" tasks.csv >../ours &&
	grep -q "^T-2,\"Main task, see REQ-2\",1,,,,,,,REQ-2,,,\$" ../ours &&
	kam renumber T-2 >../out 2>../err &&
	echo T-3 >../expect && test_cmp ../expect ../out &&
	got >../got &&
	test_cmp ../../want ../got
'

test_expect_success 'task first, then the requirement: the same files, row by row' '
	story m2 &&
	test_expect_code 1 git merge -q --no-edit alice >/dev/null 2>&1 &&
	kam renumber T-2 >/dev/null 2>&1 &&
	kam renumber REQ-2 >/dev/null 2>../err &&
	grep -q "REQ-2 is now REQ-3; 3 references rewritten" ../err &&
	got >../got &&
	test_cmp ../../want ../got
'

test_expect_success 'kam renumber --all: every clash in one go, then the merge commits' '
	story m3 &&
	test_expect_code 1 git merge -q --no-edit alice >/dev/null 2>&1 &&
	kam renumber --all >../out 2>../err &&
	printf "REQ-2 REQ-3\nT-2 T-3\n" >../expect &&
	test_cmp ../expect ../out &&
	grep -q "2 clashes renumbered" ../err &&
	got >../got &&
	test_cmp ../../want ../got &&
	! grep -q "^<<<<<<<" requirements.csv tasks.csv &&
	{ kam check >/dev/null 2>&1 || test $? = 1; } &&
	git add -A && git commit -q --no-edit &&
	test_expect_code 64 kam renumber --all 2>../err &&
	grep -q "none is" ../err
'

# A rebase that replays alice's work as one commit meets both clashes at
# once.  (Replayed one commit at a time, a later commit's reference to the
# renumbered id is not known to be hers: see the man page.)
test_expect_success 'a rebase of alice (one commit) onto main, resolved with --all, commits the same records' '
	story r1 &&
	git checkout -q alice &&
	git reset -q --soft "$(git merge-base alice main)" &&
	git commit -q -m "alice: export" &&
	test_expect_code 1 git rebase -q main >/dev/null 2>&1 &&
	kam renumber --all >../out 2>/dev/null &&
	printf "REQ-2 REQ-3\nT-2 T-3\n" >../expect &&
	test_cmp ../expect ../out &&
	git add -A &&
	GIT_EDITOR=true git rebase --continue >/dev/null 2>&1 &&
	test -z "$(git status --porcelain)" &&
	got >../got &&
	test_cmp ../../want ../got &&
	git show HEAD:tasks.csv >../tasks &&
	grep -q "^T-3,\"Alice task, see REQ-3\",2,,,,,,,REQ-3,,,\$" ../tasks
'

test_expect_success 'their side of a block that mentions OLD but cannot be read: refused, nothing written' '
	story bad &&
	test_expect_code 1 git merge -q --no-edit alice >/dev/null 2>&1 &&
	sed "/^=======/,/^>>>>>>>/s/^T-2,/T-2x,/" tasks.csv >t.tmp &&
	mv t.tmp tasks.csv &&
	cp requirements.csv ../req.before &&
	test_expect_code 65 kam renumber REQ-2 >../out 2>../err &&
	grep -q "tasks.csv: their side of the conflict block .* mentions REQ-2" ../err &&
	test_cmp ../req.before requirements.csv
'

test_expect_success '--all leaves a record edited on both sides alone, and names the file (65)' '
	new_project edit &&
	kam risk add Vendor -p 2 -i 2 >/dev/null &&
	git checkout -q -b alice &&
	kam risk assess R-1 -p 3 >/dev/null &&
	kam risk add "Alice risk" -p 1 -i 1 >/dev/null &&
	git checkout -q main &&
	kam risk assess R-1 -p 4 >/dev/null &&
	kam risk add "Main risk" -p 1 -i 2 >/dev/null &&
	test_expect_code 1 git merge -q --no-edit alice >/dev/null 2>&1 &&
	test_expect_code 65 kam renumber --all >../out 2>../err &&
	echo "R-2 R-3" >../expect &&
	test_cmp ../expect ../out &&
	grep -q "conflict markers left that are not id clashes, in risks.csv" ../err &&
	grep -q "^R-3,Alice risk," risks.csv &&
	sed -n "/^<<<<<<</,/^>>>>>>>/p" risks.csv >../block &&
	grep -q "^R-1,Vendor,,4," ../block &&
	grep -q "^R-1,Vendor,,3," ../block &&
	! grep -q "^R-4," risks.csv
'

# edited DIR: R-1 edited on both sides, and a risk added on each side.
edited () {
	new_project "$1" &&
	kam risk add Vendor -p 2 -i 2 >/dev/null &&
	git checkout -q -b alice &&
	kam risk assess R-1 -p 3 >/dev/null &&
	kam risk add "Alice risk" -p 1 -i 1 >/dev/null &&
	git checkout -q main &&
	kam risk assess R-1 -p 4 >/dev/null &&
	kam risk add "Main risk" -p 1 -i 2 >/dev/null
}

test_expect_success 'kam renumber R-1 (single) on a record edited on both sides: refused, as --all does, nothing written' '
	edited single &&
	test_expect_code 1 git merge -q --no-edit alice >/dev/null 2>&1 &&
	cp risks.csv ../before &&
	test_expect_code 65 kam renumber R-1 >../out 2>../err &&
	grep -q "R-1 is not an id clash: the merge base has R-1" ../err &&
	test_cmp ../before risks.csv &&
	test ! -s ../out &&
	kam renumber R-2 >../out 2>/dev/null &&
	echo R-3 >../expect && test_cmp ../expect ../out &&
	grep -q "^R-3,Alice risk," risks.csv &&
	test "$(grep -c "^R-1," risks.csv)" = 2 &&
	! grep -q "^R-4," risks.csv
'

test_expect_success 'both versions kept by hand and git added (no stage 1 left): the merge base still says no' '
	cd single &&
	sed "/^<<<<<<</d; /^=======/d; /^>>>>>>>/d" risks.csv >r.tmp &&
	mv r.tmp risks.csv && git add risks.csv &&
	test "$(grep -c "^R-1," risks.csv)" = 2 &&
	cp risks.csv ../before &&
	test_expect_code 65 kam renumber R-1 2>../err &&
	grep -q "R-1 is not an id clash: the merge base has R-1" ../err &&
	test_cmp ../before risks.csv &&
	test_expect_code 0 kam renumber --all >../out 2>../err &&
	test ! -s ../out
'

test_expect_success 'in a rebase (REBASE_HEAD): an edit of both sides refused, also once git added; the next stop clash renumbered' '
	edited reb &&
	git checkout -q alice &&
	test_expect_code 1 git rebase -q main >/dev/null 2>&1 &&
	test -f .git/REBASE_HEAD &&
	test_expect_code 65 kam renumber R-1 2>../err &&
	grep -q "R-1 is not an id clash" ../err &&
	sed "/^[<=>]\{7\}/d" risks.csv >r.tmp && mv r.tmp risks.csv &&
	git add risks.csv &&
	test_expect_code 65 kam renumber R-1 2>../err &&
	grep -q "R-1 is not an id clash" ../err &&
	test "$(grep -c "^R-1," risks.csv)" = 2 &&
	sed "/^R-1,Vendor,,3,/d" risks.csv >r.tmp && mv r.tmp risks.csv &&
	git add risks.csv &&
	test_expect_code 1 env GIT_EDITOR=true git rebase --continue \
	    >/dev/null 2>&1 &&
	grep -q "^=======" risks.csv &&
	kam renumber R-2 >../out 2>/dev/null &&
	echo R-3 >../expect && test_cmp ../expect ../out &&
	grep -q "^R-3,Alice risk," risks.csv &&
	grep -q "^R-2,Main risk," risks.csv &&
	grep -q "^R-1,Vendor,,4," risks.csv &&
	test "$(grep -c "^R-" risks.csv)" = 3
'

# A rebase replaying several commits (issue 18 #1): each renumbering made
# during the rebase is remembered in its directory, and the later steps
# rewrite the references their replayed commits wrote to the old id.
# three DIR: alice adds REQ-2, then two tasks tracing to it (one commit
# each); main adds its own REQ-2 and T-2 tracing to it.
three () {
	new_project "$1" &&
	kam req add Login >/dev/null &&
	kam task add "Build login" --duration 3 --req REQ-1 >/dev/null &&
	git checkout -q -b alice &&
	kam req add "Alice export" >/dev/null &&
	kam task add "Alice task, see REQ-2" --duration 2 --req REQ-2 \
	    >/dev/null &&
	kam task add "Alice docs" --duration 1 --req REQ-2 >/dev/null &&
	git checkout -q main &&
	kam req add "Main report" >/dev/null &&
	kam task add "Main task, see REQ-2" --duration 1 --req REQ-2 \
	    >/dev/null &&
	git checkout -q alice
}

test_expect_success 'a rebase of three commits, a clash at each stop: later stops rewrite the references to the id renumbered before' '
	three reb3 &&
	test_expect_code 1 git rebase -q main >/dev/null 2>&1 &&
	kam renumber --all >../out 2>/dev/null &&
	echo "REQ-2 REQ-3" >../expect && test_cmp ../expect ../out &&
	git add -A &&
	test_expect_code 1 env GIT_EDITOR=true git rebase --continue \
	    >/dev/null 2>&1 &&
	kam renumber T-2 >../out 2>../err &&
	echo T-3 >../expect && test_cmp ../expect ../out &&
	grep -q "T-2 is now T-3; 2 references rewritten" ../err &&
	grep -q "^T-3,\"Alice task, see REQ-3\",2,,,,,,,REQ-3,,,\$" tasks.csv &&
	git add -A &&
	test_expect_code 1 env GIT_EDITOR=true git rebase --continue \
	    >/dev/null 2>&1 &&
	kam renumber --all >../out 2>/dev/null &&
	echo "T-3 T-4" >../expect && test_cmp ../expect ../out &&
	git add -A &&
	env GIT_EDITOR=true git rebase --continue >/dev/null 2>&1 &&
	test -z "$(git status --porcelain)" &&
	! test -d .git/rebase-merge &&
	cat requirements.csv tasks.csv >../got &&
	cat >../expect <<-\EOF &&
	id,title,priority,status,source,confirmed_by,confirmed_on,acceptance
	REQ-1,Login,should,draft,,,,
	REQ-2,Main report,should,draft,,,,
	REQ-3,Alice export,should,draft,,,,
	id,title,duration,depends,assignee,start,finish,progress,cost,reqs,deadline,baseline_start,baseline_finish
	T-1,Build login,3,,,,,,,REQ-1,,,
	T-2,"Main task, see REQ-2",1,,,,,,,REQ-2,,,
	T-3,"Alice task, see REQ-3",2,,,,,,,REQ-3,,,
	T-4,Alice docs,1,,,,,,,REQ-3,,,
	EOF
	test_cmp ../expect ../got &&
	{ kam check >/dev/null 2>&1 || test $? = 1; }
'

test_expect_success 'git rebase --exec "kam renumber --all": a replayed commit that applied cleanly is amended, rows and subject, and the rebase goes on' '
	new_project rx &&
	kam req add Login >/dev/null &&
	git checkout -q -b alice &&
	kam req add "Alice export" >/dev/null &&
	kam task add "Alice task, see REQ-2" --duration 2 --req REQ-2 \
	    >/dev/null &&
	git checkout -q main &&
	kam req add "Main report" >/dev/null &&
	kam change add "Main change, see REQ-2" --req REQ-2 >/dev/null &&
	git checkout -q alice &&
	test_expect_code 1 git rebase -q --exec "kam renumber --all" main \
	    >/dev/null 2>&1 &&
	kam renumber --all >/dev/null 2>&1 &&
	git add -A &&
	env GIT_EDITOR=true git rebase --continue >/dev/null 2>../err &&
	! test -d .git/rebase-merge &&
	test -z "$(git status --porcelain)" &&
	git show HEAD:tasks.csv >../tasks &&
	grep -q "^T-1,\"Alice task, see REQ-3\",2,,,,,,,REQ-3,,,\$" ../tasks &&
	git show HEAD:changes.csv >../changes &&
	grep -q "^CR-1,\"Main change, see REQ-2\",REQ-2," ../changes &&
	git log --format=%s main.. >../subjects &&
	cat >../expect <<-\EOF &&
	kam: task add T-1: Alice task, see REQ-3
	kam: req add REQ-3: Alice export
	EOF
	test_cmp ../expect ../subjects
'

# The commits a rebase replays after its last stop (issue 18 #1): kam
# renumber at the stop puts "exec kam renumber --rebased" in the rebase's
# todo list, and git runs it after each replayed commit, which it amends.
# later DIR: alice adds REQ-2 (the clash), a task tracing to it and a
# minutes line naming it, each commit naming REQ-2 in its subject; main
# adds its own REQ-2 and a change request tracing to it.
later () {
	mkdir -p "$TRASH/$1" && cd "$TRASH/$1" && git init -q -b main &&
	mkdir -p "${2:-.}" && cd "${2:-.}" &&
	kam init --name "Test project" --client "ACME Corp" --currency CNY \
	    --start 2026-01-05 >/dev/null &&
	kam req add Login >/dev/null &&
	git checkout -q -b alice &&
	kam req add "Alice export" >/dev/null &&
	kam task add "Alice task for REQ-2" --duration 2 --req REQ-2 \
	    >/dev/null &&
	kam --no-commit meeting new "Alice sync" --date 2026-11-20 \
	    >/dev/null &&
	printf "\n- Decide REQ-2 scope\n" >>meetings/2026-11-20-alice-sync.md &&
	git add -A && git commit -q -m "alice: minutes, decide REQ-2" &&
	git checkout -q main &&
	kam req add "Main report" >/dev/null &&
	kam change add "Main change, see REQ-2" --req REQ-2 >/dev/null &&
	git checkout -q alice
}

# later_check [range]: the files and subjects every replay of later must
# give (the subjects of range, main.. unless given).
later_check () {
	! test -d "$(git rev-parse --git-dir)/rebase-merge" &&
	test -z "$(git status --porcelain)" &&
	cat requirements.csv tasks.csv >../got &&
	grep "^CR-1," changes.csv >>../got &&
	tail -n 1 meetings/2026-11-20-alice-sync.md >>../got &&
	git log --format=%s ${1:-main..} >>../got &&
	cat >../expect <<-\EOF &&
	id,title,priority,status,source,confirmed_by,confirmed_on,acceptance
	REQ-1,Login,should,draft,,,,
	REQ-2,Main report,should,draft,,,,
	REQ-3,Alice export,should,draft,,,,
	id,title,duration,depends,assignee,start,finish,progress,cost,reqs,deadline,baseline_start,baseline_finish
	T-1,Alice task for REQ-3,2,,,,,,,REQ-3,,,
	CR-1,"Main change, see REQ-2",REQ-2,,,proposed,,,
	- Decide REQ-3 scope
	alice: minutes, decide REQ-3
	kam: task add T-1: Alice task for REQ-3
	kam: req add REQ-3: Alice export
	EOF
	test_cmp ../expect ../got &&
	git show HEAD~1:./tasks.csv >../t1 &&
	grep -q "^T-1,Alice task for REQ-3,2,,,,,,,REQ-3,,,\$" ../t1 &&
	kam --today 2026-01-05 check >../check 2>&1 &&
	! grep -q "REQ-" ../check
}

test_expect_success 'a rebase of three commits, a clash at the first only: kam renumber at the stop amends the two replayed after it, rows and subjects' '
	later rl &&
	test_expect_code 1 git rebase -q main >/dev/null 2>&1 &&
	kam renumber REQ-2 >../out 2>../err &&
	echo REQ-3 >../expect && test_cmp ../expect ../out &&
	sed -e "s/ [0-9a-f]* / X /" .git/rebase-merge/git-rebase-todo \
	    >../todo &&
	cat >../expect <<-\EOF &&
	exec kam renumber --rebased
	pick X kam: task add T-1: Alice task for REQ-2
	exec kam renumber --rebased
	pick X alice: minutes, decide REQ-2
	exec kam renumber --rebased
	EOF
	test_cmp ../expect ../todo &&
	kam renumber --all >/dev/null 2>&1 &&
	sed -e "s/ [0-9a-f]* / X /" .git/rebase-merge/git-rebase-todo \
	    >../todo2 &&
	test_cmp ../todo ../todo2 &&
	git add -A &&
	env GIT_EDITOR=true git rebase --continue >/dev/null 2>../err &&
	grep -q "replayed commit amended, 2 references rewritten: kam: task add T-1: Alice task for REQ-3" ../err &&
	later_check
'

test_expect_success 'the same for a project in a sub-folder: the exec line runs kam -C on it' '
	later rlsub pm &&
	test_expect_code 1 git rebase -q main >/dev/null 2>&1 &&
	kam renumber --all >/dev/null 2>&1 &&
	grep -q "^exec kam -C '"'"'pm/'"'"' renumber --rebased\$" \
	    ../.git/rebase-merge/git-rebase-todo &&
	git add -A &&
	env GIT_EDITOR=true git rebase --continue >/dev/null 2>&1 &&
	later_check
'

# PATH without the kam of $TRASH/bin (the merge driver's); the exec line
# that runs kam program $1, its path quoted for sh, and how many the todo
# list holds.
nokam_path=$(printf "%s" "$PATH" | sed "s|^$TRASH/bin:||")
exec_line () {
	printf "exec '%s' renumber --rebased\n" \
	    "$(printf "%s" "$1" | sed "s/'/'\\\\''/g")"
}
todo_count () {
	grep -cxF -f ../line "$(git rev-parse --git-dir)/rebase-merge/git-rebase-todo"
}

test_expect_success 'kam not on PATH: the exec line runs this kam by its absolute path, quoted for sh, and the rebase goes through' '
	later rlpath &&
	test_expect_code 1 git rebase -q main >/dev/null 2>&1 &&
	mkdir -p "$TRASH/my '"'"'kam'"'"' dir" &&
	cp "$KAM" "$TRASH/my '"'"'kam'"'"' dir/kam" &&
	own=$(cd "$TRASH/my '"'"'kam'"'"' dir" && pwd -P)/kam &&
	! env PATH="$nokam_path" sh -c "command -v kam" &&
	env PATH="$nokam_path" "$own" renumber REQ-2 >/dev/null 2>&1 &&
	exec_line "$own" >../line &&
	grep -qF "/my '"'"'\\'"'"''"'"'kam'"'"'\\'"'"''"'"' dir/kam'"'"' renumber" ../line &&
	test "$(todo_count)" = 3 &&
	! grep -q "^exec kam " .git/rebase-merge/git-rebase-todo &&
	git add -A &&
	env PATH="$nokam_path" GIT_EDITOR=true git rebase --continue \
	    >/dev/null 2>../err &&
	grep -q "replayed commit amended" ../err &&
	later_check
'

test_expect_success 'another kam first on PATH: the exec line names this one; the same kam through a link: kam' '
	later rlother &&
	test_expect_code 1 git rebase -q main >/dev/null 2>&1 &&
	mkdir -p "$TRASH/other" &&
	printf "#!/bin/sh\nexit 9\n" >"$TRASH/other/kam" &&
	chmod +x "$TRASH/other/kam" &&
	env PATH="$TRASH/other:$PATH" "$KAM" renumber REQ-2 >/dev/null 2>&1 &&
	exec_line "$(cd "$(dirname "$KAM")" && pwd -P)/$(basename "$KAM")" \
	    >../line &&
	test "$(todo_count)" = 3 &&
	git add -A &&
	env PATH="$TRASH/other:$PATH" GIT_EDITOR=true git rebase --continue \
	    >/dev/null 2>&1 &&
	later_check &&
	later rllink &&
	test_expect_code 1 git rebase -q main >/dev/null 2>&1 &&
	kam renumber REQ-2 >/dev/null 2>&1 &&
	echo "exec kam renumber --rebased" >../line &&
	test "$(todo_count)" = 3 &&
	git rebase --abort
'

test_expect_success 'at a stop of the merge backend, renumber says the lines it put in the todo list amend the commits replayed later' '
	later rlnote &&
	test_expect_code 1 git rebase -q main >/dev/null 2>&1 &&
	kam renumber REQ-2 >/dev/null 2>../err &&
	grep -q "^kam: note: .git rebase --continue. commits this step, then replays the 2 commits after it: the lines .exec kam renumber --rebased. that kam put in the rebase.s todo list amend this step.s commit and each one replayed, so that their rows and subjects name the new ids (see .git rebase --edit-todo.)\$" ../err &&
	! grep -q "warning" ../err &&
	kam renumber --all >/dev/null 2>../err &&
	! grep -q "^kam: note: " ../err &&
	git rebase --abort &&
	test_expect_code 1 git rebase -q main >/dev/null 2>&1 &&
	kam renumber --all >/dev/null 2>../err &&
	grep -q "^kam: note: .git rebase --continue. commits this step, then replays the 2 commits after it" ../err &&
	git rebase --abort
'

test_expect_success 'at a stop of git rebase --apply, renumber warns that nothing will be amended and gives a recipe that works' '
	later rlapply &&
	test_expect_code 1 git rebase -q --apply main >/dev/null 2>&1 &&
	test -d .git/rebase-apply &&
	kam renumber REQ-2 >/dev/null 2>../err &&
	grep -q "^kam: warning: this rebase applies patches (.git rebase --apply.: .git/rebase-apply, no todo list), so kam cannot have git come back to its commits: the commit of this stop and the 2 commits git applies after it will not be amended; " ../err &&
	grep -q "start again with git.s merge backend and renumber at this stop again:\$" ../err &&
	sed -n "s/^    //p" ../err >../recipe &&
	cat >../expect <<-EOF &&
	git rebase --abort
	git rebase --merge --onto $(git rev-parse --short=12 main) $(git rev-parse --short=12 alice~3)
	kam renumber REQ-2 REQ-3
	EOF
	test_cmp ../expect ../recipe &&
	git config rebase.backend apply &&
	sed -n 1p ../recipe >../step && sh ../step &&
	sed -n 2p ../recipe >../step &&
	test_expect_code 1 sh ../step >/dev/null 2>&1 &&
	test -d .git/rebase-merge &&
	sed -n 3p ../recipe >../step && sh ../step >/dev/null 2>&1 &&
	git add -A &&
	env GIT_EDITOR=true git rebase --continue >/dev/null 2>&1 &&
	later_check
'

test_expect_success 'at a stop of git cherry-pick A..B, renumber warns that the later picks will not be amended and gives a recipe that works' '
	later rlpick &&
	git checkout -q main &&
	test_expect_code 1 git cherry-pick main..alice >/dev/null 2>&1 &&
	test -f .git/sequencer/todo &&
	kam renumber REQ-2 >/dev/null 2>../err &&
	grep -q "^kam: warning: this cherry-pick has 2 more commits to pick (.git/sequencer/todo), and git.s cherry-pick runs no exec lines, so kam cannot come back to them: they will not be amended (nor this commit.s subject); " ../err &&
	sed -n "s/^    //p" ../err >../recipe &&
	cat >../expect <<-EOF &&
	git cherry-pick --abort
	git rebase --merge --onto main $(git rev-parse --short=12 alice~3) $(git rev-parse --short=12 alice)
	kam renumber REQ-2 REQ-3
	EOF
	test_cmp ../expect ../recipe &&
	grep -q "^then .git add. the files and .git rebase --continue.; the rebase leaves HEAD detached at the result: .git checkout -B main. puts the branch there\$" ../err &&
	git rev-parse alice >../alice &&
	sed -n 1p ../recipe >../step && sh ../step &&
	sed -n 2p ../recipe >../step &&
	test_expect_code 1 sh ../step >/dev/null 2>&1 &&
	sed -n 3p ../recipe >../step && sh ../step >/dev/null 2>&1 &&
	git add -A &&
	env GIT_EDITOR=true git rebase --continue >/dev/null 2>&1 &&
	git checkout -q -B main &&
	test "$(git rev-parse alice)" = "$(cat ../alice)" &&
	later_check -3
'

test_expect_success 'kam renumber --rebased: 64 outside a rebase; after a skipped stop nothing is amended, the target'"'"'s commits least of all' '
	later rls &&
	test_expect_code 64 kam renumber --rebased 2>../err &&
	grep -q "no rebase is in progress" ../err &&
	test_expect_code 64 kam renumber --rebased REQ-1 2>/dev/null &&
	test_expect_code 1 git rebase -q main >/dev/null 2>&1 &&
	kam renumber REQ-2 >/dev/null 2>&1 &&
	git reset -q --hard &&
	git rebase --skip >/dev/null 2>&1 &&
	! test -d .git/rebase-merge &&
	test "$(git rev-parse HEAD~2)" = "$(git rev-parse main)" &&
	git log --format=%s main.. >../subjects &&
	cat >../expect <<-\EOF &&
	alice: minutes, decide REQ-2
	kam: task add T-1: Alice task for REQ-2
	EOF
	test_cmp ../expect ../subjects &&
	grep -q "^T-1,Alice task for REQ-2,2,,,,,,,REQ-2,,,\$" tasks.csv &&
	! grep -q REQ-3 requirements.csv tasks.csv
'

test_expect_success 'commit.gpgsign set: no exec line, a warning says so' '
	later rlg &&
	test_expect_code 1 git rebase -q main >/dev/null 2>&1 &&
	git config commit.gpgsign true &&
	kam renumber REQ-2 >/dev/null 2>../err &&
	grep -q "commit.gpgsign is set" ../err &&
	! grep -q renumber .git/rebase-merge/git-rebase-todo &&
	git rebase --abort
'

test_expect_success 'kam check during a merge: a conflict marker left by an id clash says kam renumber --all; one of a field conflict does not' '
	story mchk &&
	test_expect_code 1 git merge -q --no-edit alice >/dev/null 2>&1 &&
	test_expect_code 65 kam check >../out 2>/dev/null &&
	grep -q "^requirements.csv:[0-9]*: error: conflict-marker: .*; REQ-2 was added on both sides, an id clash: .kam renumber --all. gives theirs a new id\$" ../out &&
	grep -q "^tasks.csv:[0-9]*: error: conflict-marker: .*; T-2 was added on both sides" ../out &&
	kam check --format json >../json 2>/dev/null || : &&
	grep -q "REQ-2 was added on both sides" ../json &&
	kam renumber --all >/dev/null 2>&1 &&
	git add -A && git commit -q --no-edit &&
	edited mchk2 &&
	test_expect_code 1 git merge -q --no-edit alice >/dev/null 2>&1 &&
	test_expect_code 65 kam check >../out 2>/dev/null &&
	grep -q "^risks.csv:[0-9]*: error: conflict-marker: " ../out &&
	! grep -q "R-1 was added on both sides" ../out &&
	grep -q "R-2 was added on both sides" ../out
'

test_done
