#!/bin/sh
# t0900: the manual pages against the command table (git's t0450): every
# command has a page, every usage line of `kam CMD -h` is in the SYNOPSIS
# of kam-CMD(1), kam(1) and kam-files(5) cover every command and file,
# the pages are mandoc-lint clean, and `kam help` shows them.
test_description='man pages'
. "$(dirname "$0")/lib.sh"

MAN="$SRC_DIR/man"
BS=$(printf '\b')

# The built commands, as completion offers them (without "help").
"$KAM" __complete "" | grep -v '^help$' >"$TRASH/families"

# Plain text of a page: mandoc's ASCII output without overstriking.
render () {
	mandoc -T ascii "$1" | sed "s/.$BS//g"
}

# One section of the rendered page $1, whitespace-normalised on one line.
section () {
	render "$1" | awk -v s="$2" '
		/^[A-Z][A-Z ]*$/ { on = ($0 == s); next }
		on' | tr -s ' \t\n' '   '
	echo
}

# Lines of `kam $1 -h` without "usage:", whitespace-normalised.
usage_lines () {
	"$KAM" $1 -h | sed 's/^usage: *//; s/^ *//' | tr -s ' \t' '  ' |
	    sed 's/ *$//'
}

# Every usage line of command $1 must be in the SYNOPSIS of its page.
synopsis_ok () {
	page="$MAN/kam-$1.1"
	if ! test -f "$page"; then
		echo "no man page $page for command '$1'"
		return 1
	fi
	section "$page" SYNOPSIS >syn &&
	usage_lines "$1" >usage &&
	test -s usage || return 1
	bad=0
	while IFS= read -r line; do
		case " $(cat syn) " in
		*" $line "*) ;;
		*) echo "kam-$1.1 SYNOPSIS lacks: $line"; bad=1 ;;
		esac
	done <usage
	if test "$bad" = 1; then
		echo "SYNOPSIS as rendered: $(cat syn)"
		return 1
	fi
}

test_expect_success 'kam __complete lists the built commands' '
	test -s "$TRASH/families"
'

if command -v mandoc >/dev/null 2>&1; then
	have_mandoc=1
else
	have_mandoc=
fi

for f in $(cat "$TRASH/families"); do
	test_expect_success "kam-$f(1) exists" "
		test -f \"\$MAN/kam-$f.1\" ||
		{ echo \"command '$f' is built but man/kam-$f.1 is missing\";
		  false; }
	"
	if test -n "$have_mandoc"; then
		test_expect_success "kam-$f(1) SYNOPSIS = kam $f -h" "
			synopsis_ok $f
		"
	fi
done

if test -n "$have_mandoc"; then
	test_expect_success 'kam(1) SYNOPSIS = the usage of kam -h' '
		want=$("$KAM" -h | sed -n "/^usage:/,/^\$/p" |
		    sed "s/^usage://" | tr -s " \t\n" "   " |
		    sed "s/^ *//; s/ *\$//") &&
		got=$(section "$MAN/kam.1" SYNOPSIS | sed "s/^ *//; s/ *\$//") &&
		test -n "$want" && test "$want" = "$got" ||
		{ printf "kam -h:    %s\nSYNOPSIS:  %s\n" "$want" "$got"; exit 1; }
	'

	test_expect_success 'kam(1) lists every command and its page' '
		render "$MAN/kam.1" >kam.txt &&
		for f in $(cat "$TRASH/families"); do
			grep -q "^     $f  *[^ ]" kam.txt ||
			    { echo "kam(1) COMMANDS lacks $f"; exit 1; }
			grep -q "kam-$f(1)" kam.txt ||
			    { echo "kam(1) does not refer to kam-$f(1)"; exit 1; }
		done
	'

	test_expect_success 'kam(1) documents every exit code of SPEC 3' '
		section "$MAN/kam.1" "EXIT STATUS" >exit.txt &&
		for c in 0 1 64 65 66 70 74 75 77 78; do
			grep -q " $c [A-Z]" exit.txt ||
			    { echo "kam(1) EXIT STATUS lacks $c"; exit 1; }
		done
	'

	test_expect_success 'kam(1) documents the environment' '
		section "$MAN/kam.1" ENVIRONMENT >env.txt &&
		for v in KAM_TODAY KAM_LOCK_TIMEOUT NO_COLOR GIT_AUTHOR_NAME \
		    GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL; do
			grep -q "$v" env.txt ||
			    { echo "kam(1) ENVIRONMENT lacks $v"; exit 1; }
		done
	'

	# Every table kam init creates: its section in kam-files(5) names
	# every column of the header kam wrote.
	test_expect_success 'kam-files(5) describes every table and column' '
		new_project &&
		render "$MAN/kam-files.5" >"$TRASH/files.txt" &&
		for csv in *.csv; do
			awk -v f="$csv" "
				/^   [^ ]/ { on = (\$1 == f); next }
				/^[A-Z]/ { on = 0 }
				on" "$TRASH/files.txt" >"$TRASH/sect" &&
			test -s "$TRASH/sect" ||
			    { echo "kam-files(5) has no section $csv"; exit 1; }
			for col in $(head -n 1 "$csv" | tr , " "); do
				grep -q "^     $col  " "$TRASH/sect" ||
				    { echo "kam-files(5): $csv lacks $col"; exit 1; }
			done
		done
	'

	test_expect_success 'kam-files(5) describes kam.conf and the minutes' '
		section "$MAN/kam-files.5" DESCRIPTION >d.txt &&
		for k in project.name project.client project.currency \
		    project.start calendar.workdays calendar.holiday \
		    health.budget-warn health.budget-overrun \
		    health.risk-critical health.csat-min health.comm-grace \
		    meetings/ Decisions Actions "due:YYYY-MM-DD" \
		    "expenses/YYYY-MM.csv"; do
			grep -q "$k" d.txt ||
			    { echo "kam-files(5) lacks $k"; exit 1; }
		done
	'

	for p in "$MAN"/*.1 "$MAN"/*.5; do
		test -f "$p" || continue
		n=${p##*/}
		test_expect_success "mandoc -T lint -W warning $n" "
			mandoc -T lint -W warning \"$p\"
		"
	done
fi

test_expect_success 'every page has NAME, SYNOPSIS, DESCRIPTION, SEE ALSO' '
	for p in "$MAN"/*.1 "$MAN"/*.5; do
		for s in NAME SYNOPSIS DESCRIPTION "SEE ALSO"; do
			grep -q "^\.Sh $s\$" "$p" ||
			    { echo "$p has no $s section"; exit 1; }
		done
	done
'

test_expect_success 'command pages have EXIT STATUS and EXAMPLES' '
	for f in $(cat "$TRASH/families"); do
		p="$MAN/kam-$f.1"
		test -f "$p" || continue
		for s in "EXIT STATUS" EXAMPLES; do
			grep -q "^\.Sh $s\$" "$p" ||
			    { echo "$p has no $s section"; exit 1; }
		done
	done
'

test_expect_success 'README.md names every command and its page' '
	for f in $(cat "$TRASH/families"); do
		grep -q "kam-$f(1)" "$SRC_DIR/README.md" ||
		    { echo "README.md lacks kam-$f(1)"; exit 1; }
	done
'

# Without man(1), kam help prints the usage lines instead.
mkdir -p "$TRASH/noman"
test_expect_success 'kam help risk without man(1): the usage lines' '
	PATH="$TRASH/noman" "$KAM" help risk >out 2>err &&
	"$KAM" risk -h >expect &&
	test_cmp expect out
'

test_expect_success 'kam help without man(1) and no command: the overview' '
	PATH="$TRASH/noman" "$KAM" help >out &&
	"$KAM" -h >expect &&
	test_cmp expect out
'

test_expect_success 'kam help of an unknown command is a usage error' '
	test_expect_code 64 kam help no-such-command 2>err &&
	grep -q "no-such-command" err
'

if command -v man >/dev/null 2>&1; then
	test_expect_success 'kam help risk opens kam-risk(1)' '
		MANPAGER=cat PAGER=cat MANWIDTH=80 kam help risk >out 2>err &&
		sed "s/.$BS//g" out >plain &&
		grep -qi "^KAM-RISK(1)" plain &&
		grep -q "kam risk matrix" plain
	'

	test_expect_success 'kam help files opens kam-files(5)' '
		MANPAGER=cat PAGER=cat MANWIDTH=80 kam help files >out 2>err &&
		sed "s/.$BS//g" out >plain &&
		grep -qi "^KAM-FILES(5)" plain
	'

	test_expect_success 'kam help opens kam(1)' '
		MANPAGER=cat PAGER=cat MANWIDTH=80 kam help >out 2>err &&
		sed "s/.$BS//g" out >plain &&
		grep -qi "^KAM(1)" plain
	'
fi

test_expect_success 'kam --version' '
	kam --version >out &&
	v=$(sed -n "s/^#define KAM_VERSION \"\(.*\)\"\$/\1/p" \
	    "$SRC_DIR/lib/kam.h") &&
	grep -q "^kam $v " out
'

test_done
