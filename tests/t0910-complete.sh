#!/bin/sh
# t0910: shell completion.  `kam __complete WORD... CUR` answers from the
# command table (commands, verbs, options, option values) and from the
# project (ids); completions/kam.bash, _kam and kam.fish only wrap it.
test_description='completion'
. "$(dirname "$0")/lib.sh"

COMP="$SRC_DIR/completions"

# The commands of `kam -h`, one per line.
kam -h | sed -n '/^commands:$/,/^$/s/^   \([^ ][^ ]*\)  .*/\1/p' >commands

test_expect_success 'kam __complete "" lists exactly the commands of kam -h, and help' '
	test -s commands &&
	kam __complete "" >out &&
	grep -v "^help\$" out >got &&
	test_cmp commands got &&
	grep -q "^help\$" out
'

test_expect_success 'global options only for a word starting with -' '
	kam __complete "" >out &&
	! grep -q "^-" out &&
	kam __complete -- >out &&
	grep -q "^--format=\$" out &&
	grep -q "^--version\$" out &&
	! grep -q "^risk\$" out
'

test_expect_success 'a prefix narrows the commands' '
	kam __complete ri >out &&
	echo risk >expect &&
	test_cmp expect out
'

test_expect_success 'kam __complete risk "" lists the verbs of kam risk -h' '
	kam risk -h | sed "s/^usage://" | awk "{ print \$3 }" | sort -u >expect &&
	kam __complete risk "" | sort >got &&
	test_cmp expect got
'

test_expect_success 'the verbs of every command match its -h' '
	kam __complete export xlsx "" >tables &&
	for f in $(cat commands); do
		# Table names complete a "table" operand (kam import).
		kam __complete "$f" "" | grep -v "^[A-Z]" | grep -vxf tables |
		    sort >got
		kam "$f" -h | sed "s/^usage://" |
		    awk -v f="$f" "\$2 == f && \$3 ~ /^[a-z][a-z-]*\$/ { print \$3 }" |
		    sort -u >usage
		# Verbs are words of the usage lines; a default verb has none.
		for v in $(cat got); do
			grep -qx "$v" usage ||
			    { echo "kam $f: verb $v not in kam $f -h"; exit 1; }
		done
	done
'

test_expect_success 'table names for a "table" operand: import (month files too), export xlsx' '
	kam __complete import "" >out &&
	grep -qx jira out &&
	grep -qx requirements out &&
	grep -qx issues out &&
	grep -qx expenses out &&
	grep -qx timesheets out &&
	kam __complete import re >out &&
	echo requirements >expect &&
	test_cmp expect out &&
	kam __complete import risks "" >out &&
	test ! -s out &&
	kam __complete export xlsx tasks r >out &&
	printf "risks\nrequirements\nraci\n" >expect &&
	test_cmp expect out &&
	kam __complete export xlsx e >out &&
	echo expenses >expect &&
	test_cmp expect out &&
	kam __complete export ics "" >out &&
	test ! -s out
'

test_expect_success 'risk add --o completes to --owner=' '
	kam __complete risk add --o >out &&
	echo "--owner=" >expect &&
	test_cmp expect out
'

test_expect_success 'options of a verb, then the global ones' '
	kam __complete risk list -- >out &&
	grep -qx -- "--open" out &&
	grep -qx -- "--min-score=" out &&
	grep -qx -- "--format=" out &&
	grep -qx -- "--no-commit" out &&
	! grep -qx -- "--probability=" out
'

# curl's test1139: every option completion offers is documented, in the
# usage of its verb or in the OPTIONS of the command's page (long forms
# of short options: -p, --probability).
test_expect_success 'every option offered is documented' '
	bad=0
	for f in $(cat commands); do
		page="$SRC_DIR/man/kam-$f.1"
		if test -f "$page" && command -v mandoc >/dev/null 2>&1; then
			mandoc -T ascii "$page" | sed "s/.$(printf "\b")//g" >doc
		else
			: >doc
		fi
		kam "$f" -h | sed "s/^usage: *//; s/^ *//" >usages
		verbs=$(kam __complete "$f" "")
		while IFS= read -r u; do
			v=$(echo "$u" | awk "{ print \$3 }")
			echo "$verbs" | grep -qxF -- "$v" || v=
			kam __complete "$f" $v -- | grep -v -x -e "--format=" \
			    -e "--no-commit" -e "--no-verify" -e "--today=" >opts
			# The usage as words: "[--in|--out]" gives --in and --out.
			words=" $(echo "$u" | tr "[]()|" "     ") "
			for o in $(sed "s/=\$//" opts); do
				case $words in
				*" $o "*) continue ;;
				esac
				grep -qE -- "(^|[^a-z-])$o([^a-z-]|\$)" doc && continue
				echo "kam $f $v: $o is neither in \"$u\" nor in kam-$f(1)"
				bad=1
			done
		done <usages
	done
	test "$bad" = 0
'

test_expect_success 'option values: alternatives from the usage string' '
	kam __complete risk list --sort= >out &&
	printf "%s\n" --sort=score --sort=id --sort=review >expect &&
	test_cmp expect out &&
	kam __complete risk list --sort s >out &&
	echo score >expect &&
	test_cmp expect out
'

test_expect_success 'option values: enum of the schema column' '
	kam __complete risk add --strategy= >out &&
	printf "%s\n" --strategy=avoid --strategy=mitigate \
	    --strategy=transfer --strategy=accept >expect &&
	test_cmp expect out &&
	kam __complete people add --side=c >out &&
	echo --side=client >expect &&
	test_cmp expect out
'

test_expect_success '--format values, wherever it stands' '
	printf "%s\n" table json csv md >expect &&
	kam __complete --format "" >out &&
	test_cmp expect out &&
	kam __complete risk list --format "" >out &&
	test_cmp expect out &&
	kam __complete --format=j >out &&
	echo --format=json >expect &&
	test_cmp expect out
'

test_expect_success 'global options before the command are skipped' '
	kam __complete risk "" >expect &&
	kam __complete --format json --no-commit risk "" >out &&
	test_cmp expect out &&
	kam __complete --today=2026-01-01 -m msg risk "" >out &&
	test_cmp expect out
'

test_expect_success 'kam help completes the commands and files' '
	kam __complete help "" >out &&
	grep -v "^files\$" out >got &&
	test_cmp commands got &&
	grep -qx files out
'

test_expect_success 'outside a project: no ids, no message, exit 0' '
	mkdir -p outside &&
	(cd outside && kam __complete risk show "" >../out 2>../err) &&
	test ! -s out &&
	test ! -s err
'

test_expect_success 'set up a project with people and risks' '
	new_project &&
	kam people add "Li Wei" --side client >/dev/null &&
	kam people add "Ana Souza" >/dev/null &&
	for i in 1 2 3 4 5 6 7 8 9 10 11; do
		kam risk add "Risk $i" -p 2 -i 3 >/dev/null || exit 1
	done
'

test_expect_success 'risk show r lists the R-ids of the project' '
	(cd proj && kam __complete risk show r) >out &&
	printf "R-%s\n" 1 2 3 4 5 6 7 8 9 10 11 >expect &&
	test_cmp expect out
'

test_expect_success 'an id prefix narrows them, in any case' '
	(cd proj && kam __complete risk close r-1) >out &&
	printf "R-%s\n" 1 10 11 >expect &&
	test_cmp expect out
'

test_expect_success 'ids only where the verb takes one' '
	(cd proj && kam __complete risk add "") >out &&
	test ! -s out &&
	(cd proj && kam __complete risk list "") >out &&
	test ! -s out
'

test_expect_success 'person ids for --owner, as --owner=P-n and after --owner' '
	(cd proj && kam __complete risk add --owner=) >out &&
	printf "%s\n" --owner=P-1 --owner=P-2 >expect &&
	test_cmp expect out &&
	(cd proj && kam __complete risk list --owner p) >out &&
	printf "%s\n" P-1 P-2 >expect &&
	test_cmp expect out
'

test_expect_success 'a short option takes its value: -p 1-5, not ids (issue 18 #8)' '
	(cd proj && kam __complete risk assess R-1 -p "") >out &&
	printf "%s\n" 1 2 3 4 5 >expect &&
	test_cmp expect out &&
	(cd proj && kam __complete risk assess R-1 -p 3 -i 4) >out &&
	echo 4 >expect &&
	test_cmp expect out &&
	(cd proj && kam __complete risk assess R-1 -p 3 r-1) >out &&
	printf "R-%s\n" 1 10 11 >expect &&
	test_cmp expect out
'

test_expect_success 'renumber and log complete ids of any table, then revisions' '
	(cd proj && git tag v1 && kam __complete renumber p) >out &&
	printf "%s\n" P-1 P-2 >expect &&
	test_cmp expect out &&
	(cd proj && kam __complete renumber P-1 "") >out &&
	test ! -s out &&
	(cd proj && kam __complete renumber --all "") >out &&
	test ! -s out &&
	(cd proj && kam __complete renumber --rebased p) >out &&
	test ! -s out &&
	(cd proj && kam __complete renumber --) >out &&
	grep -qx -- --all out && grep -qx -- --rebased out &&
	(cd proj && kam __complete log r-1) >out &&
	printf "R-%s\n" 1 10 11 >expect &&
	test_cmp expect out &&
	(cd proj && kam __complete log R-1 "") >out &&
	printf "%s\n" HEAD main v1 >expect &&
	test_cmp expect out &&
	(cd proj && kam __complete log -n 5 P-) >out &&
	printf "%s\n" P-1 P-2 >expect &&
	test_cmp expect out &&
	(cd proj && kam __complete diff --table risks v) >out &&
	echo v1 >expect &&
	test_cmp expect out &&
	# merge-file base ours theirs: files, the shell completes them.
	(cd proj && kam __complete merge-file "") >out &&
	test ! -s out
'

test_expect_success 'log completes the meetings of the minutes and their decisions and actions (issue 18)' '
	(cd proj && kam meeting new "Weekly sync" --date 2026-11-20 >/dev/null &&
	    kam meeting new "Kick-off" --date 2026-11-02 >/dev/null &&
	    cat >>meetings/2026-11-20-weekly-sync.md <<-\EOF
	## Decisions

	- Go with vendor X
	- Freeze the scope

	## Actions

	- [ ] @P-1 send the contract
	EOF
	) &&
	(cd proj && kam __complete log 2026-11-2) >out &&
	printf "%s\n" 2026-11-20-weekly-sync 2026-11-20-weekly-sync/D1 \
	    2026-11-20-weekly-sync/D2 2026-11-20-weekly-sync/A1 >expect &&
	test_cmp expect out &&
	(cd proj && kam __complete log 2026-11-20-weekly-sync/A) >out &&
	echo 2026-11-20-weekly-sync/A1 >expect &&
	test_cmp expect out &&
	(cd proj && kam __complete log "") >out &&
	grep -qx R-11 out && grep -qx P-2 out &&
	grep -qx 2026-11-02-kick-off out &&
	grep -qx 2026-11-20-weekly-sync/D2 out &&
	(cd proj && kam __complete log --table meetings 2026-11-0) >out &&
	echo 2026-11-02-kick-off >expect &&
	test_cmp expect out &&
	(cd proj && kam __complete log --table risks "") >out &&
	grep -qx R-11 out && ! grep -q "^P-" out && ! grep -q 2026 out &&
	(cd proj && kam __complete log --table=people P) >out &&
	printf "%s\n" P-1 P-2 >expect &&
	test_cmp expect out &&
	(cd proj && kam log 2026-11-20-weekly-sync/D2 2>&1 &&
	    kam log 2026-11-02-kick-off) >/dev/null &&
	(cd proj && kam __complete log 2026-11-20-weekly-sync/D2 "") >out &&
	grep -qx HEAD out && ! grep -q 2026 out &&
	(cd proj && kam __complete renumber 2026) >out &&
	test ! -s out &&
	(cd proj && kam __complete diff 2026) >out &&
	test ! -s out
'

test_expect_success 'log and diff --table complete the table names, meetings included, each one kam log takes' '
	(cd proj && kam __complete log --table "") >out &&
	grep -qx risks out && grep -qx expenses out && grep -qx meetings out &&
	test $(wc -l <out) -ge 10 &&
	for t in $(cat out); do
		(cd proj && kam log --table $t -n 1 >/dev/null &&
		    kam diff --table $t >/dev/null) || return 1
	done &&
	(cd proj && kam __complete diff --table=me) >out &&
	echo --table=meetings >expect &&
	test_cmp expect out &&
	(cd proj && kam __complete log --table ri) >out &&
	echo risks >expect &&
	test_cmp expect out
'

test_expect_success 'revisions for review base and head, check --new-since, plan --baseline, budget --against/--baseline' '
	printf "%s\n" HEAD main v1 >expect &&
	for c in "review" "review main" "check --new-since" "plan --baseline" \
	    "budget audit --against" "budget evm --baseline"; do
		(cd proj && kam __complete $c "") >out &&
		test_cmp expect out || return 1
	done &&
	(cd proj && kam __complete check --new-since=v) >out &&
	echo --new-since=v1 >expect &&
	test_cmp expect out
'

test_expect_success 'budget categories for --category and the category operand' '
	(cd proj && kam budget set Travel 100 >/dev/null &&
	    kam budget set Licences 50 >/dev/null &&
	    kam __complete budget spend 5 --category "") >out &&
	printf "%s\n" Licences Travel >expect &&
	sort out >got &&
	test_cmp expect got &&
	(cd proj && kam __complete budget spend 5 --category=T) >out &&
	echo --category=Travel >expect &&
	test_cmp expect out &&
	(cd proj && kam __complete budget set L) >out &&
	echo Licences >expect &&
	test_cmp expect out &&
	(cd proj && kam __complete budget set Travel "") >out &&
	test ! -s out
'

test_expect_success '-C DIR is honoured for ids' '
	kam __complete -C proj people show "" >out &&
	printf "%s\n" P-1 P-2 >expect &&
	test_cmp expect out
'

# The wrappers.  bash: _kam fills COMPREPLY from COMP_WORDS/COMP_CWORD.
bash_complete () {
	bash -c '
		. "$1" || exit 1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMPREPLY=()
		_kam
		printf "%s\n" "${COMPREPLY[@]}"
	' bash_complete "$COMP/kam.bash" "$KAM" "$@"
}

test_expect_success BASH 'bash: kam.bash parses and registers _kam' '
	bash -n "$COMP/kam.bash" &&
	bash -c ". \"$COMP/kam.bash\" && complete -p kam" >out &&
	grep -q -- "-F _kam" out
'

test_expect_success BASH 'bash: the commands' '
	bash_complete "" >out &&
	grep -v "^help\$" out >got &&
	test_cmp commands got
'

test_expect_success BASH 'bash: the verbs of risk' '
	bash_complete risk "" >out &&
	kam __complete risk "" >expect &&
	test_cmp expect out
'

test_expect_success BASH 'bash: --o completes to --owner=' '
	bash_complete risk add --o >out &&
	echo "--owner=" >expect &&
	test_cmp expect out
'

test_expect_success BASH 'bash: risk show r in a project gives the R-ids' '
	(cd proj && bash_complete risk show r) >out &&
	printf "R-%s\n" 1 2 3 4 5 6 7 8 9 10 11 >expect &&
	test_cmp expect out
'

test_expect_success BASH 'bash: kam log NAME/ gives the items of a meeting' '
	(cd proj && bash_complete log 2026-11-20-weekly-sync/) >out &&
	printf "%s\n" 2026-11-20-weekly-sync/D1 2026-11-20-weekly-sync/D2 \
	    2026-11-20-weekly-sync/A1 >expect &&
	test_cmp expect out
'

test_expect_success BASH 'bash: --owner=P split at = by COMP_WORDBREAKS' '
	(cd proj && bash_complete risk add --owner = P) >out &&
	printf "%s\n" P-1 P-2 >expect &&
	test_cmp expect out &&
	(cd proj && bash_complete risk add --owner = "") >out &&
	test_cmp expect out
'

test_expect_success BASH 'bash: global options before the command' '
	(cd proj && bash_complete --format json risk show R-1) >out &&
	printf "R-%s\n" 1 10 11 >expect &&
	test_cmp expect out
'

test_expect_success ZSH 'zsh: _kam parses' '
	zsh -n "$COMP/_kam" &&
	head -n 1 "$COMP/_kam" >first &&
	echo "#compdef kam" >expect &&
	test_cmp expect first
'

test_expect_success FISH 'fish: kam.fish parses' '
	fish -n "$COMP/kam.fish"
'

test_expect_success FISH 'fish: commands with their descriptions, ids' '
	mkdir -p bin && ln -sf "$KAM" bin/kam &&
	PATH="$PWD/bin:$PATH" fish --no-config -c "
		source $COMP/kam.fish
		complete -C \"kam ri\"
		cd proj; complete -C \"kam risk show R-1\"" >out &&
	summary=$(kam -h | sed -n "s/^   risk  *//p") &&
	printf "risk\t%s\nR-1\nR-10\nR-11\n" "$summary" >expect &&
	test_cmp expect out
'

test_done
