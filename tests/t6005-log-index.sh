#!/bin/sh
# t6005: the record-history index of kam log (issue 14 #4).  kam log
# answers a first-parent log from an index under the git directory; its
# output must be exactly the walk's (`--no-index`) for every record, every
# table and no filter, after merges, hand edits, new commits (the index
# extended), a rebase and a force-push (the index rejoined), a corrupt or
# deleted index (rebuilt) and a git directory where it cannot be written
# (no index, same answer).
test_description='kam log: the history index'
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

export KAM_TODAY=2026-11-20

# same_as_walk [REV]: for no filter, every table and every id the history
# names, `kam log --format json` equals the walk's output, byte for byte.
same_as_walk () {
	W=$TRASH/w
	kam log --no-index --format json $1 >$W.walk.json || return 1
	"$PY" - $W.walk.json >$W.targets <<-\EOF || return 1
	import json, sys
	rows = json.load(open(sys.argv[1]))
	ids = sorted({r["id"] for r in rows if r["id"] and "-" in r["id"] and "/" not in r["id"]})
	tabs = sorted({r["table"] for r in rows})
	for t in tabs: print("--table=" + t)
	for i in ids: print(i)
	EOF
	test -s $W.targets || return 1
	kam log --format json $1 >$W.idx.json && cmp $W.walk.json $W.idx.json ||
	    return 1
	kam log $1 >$W.idx.txt && kam log --no-index $1 >$W.walk.txt &&
	    cmp $W.walk.txt $W.idx.txt || return 1
	while read -r t; do
		kam log --no-index --format json $t $1 >$W.w.json &&
		kam log --format json $t $1 >$W.i.json &&
		cmp $W.w.json $W.i.json || { echo "differs for $t"; return 1; }
	done <$W.targets
}

index_file () {
	ls .git/kam/log-index-* 2>/dev/null
}

test_expect_success 'setup: kam writes, plain git, a hand edit, a merge' '
	new_project &&
	git init -q . 2>/dev/null; : &&
	kam people add Ann --side team >/dev/null &&
	kam risk add "Supplier late" -p 3 -i 2 --owner P-1 >/dev/null &&
	kam risk add "Budget cut" -p 1 -i 1 >/dev/null &&
	kam task add Build --duration 5 >/dev/null &&
	kam req add "Login" --priority must >/dev/null &&
	echo "int main;" >main.c && git add main.c && git commit -qm "code" &&
	kam risk assess R-1 -p 4 >/dev/null &&
	kam budget spend 10 --category travel --date 2026-10-02 Taxi >/dev/null &&
	kam budget spend 20 --category travel --date 2026-11-02 Train >/dev/null &&
	sed "s/^R-2,Budget cut,/R-2,Budget cut by client,/" risks.csv >r.tmp &&
	mv r.tmp risks.csv && git commit -qam "edit by hand" &&
	git checkout -q -b side &&
	kam risk add "Key person leaves" -p 2 -i 5 >/dev/null &&
	echo more >>main.c && git commit -qam "code on side" &&
	git checkout -q - &&
	kam task add Test --duration 3 --after T-1 >/dev/null &&
	git merge -q --no-ff -m "merge side" side &&
	kam risk close R-1 >/dev/null
'

test_expect_success 'the index is built under the git directory, never the work tree' '
	cd "$TRASH/proj" &&
	! index_file &&
	kam log R-1 >/dev/null &&
	f=$(index_file) && test -n "$f" &&
	head -n 1 "$f" >"$TRASH/first" && echo "kam-log-index 1" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/first" &&
	grep "^tip $(git rev-parse HEAD)\$" "$f" &&
	git status --porcelain >"$TRASH/st" && test ! -s "$TRASH/st"
'

test_expect_success 'the index gives exactly the walk, for every record and table' '
	cd "$TRASH/proj" &&
	same_as_walk
'

test_expect_success 'an index entry names the records a commit changed' '
	cd "$TRASH/proj" &&
	f=$(index_file) &&
	c=$(git log -1 --format=%H --grep "risk close") &&
	grep -A3 "^c $c\$" "$f" >"$TRASH/entry" &&
	printf "c %s\nf risks =\nr C 2 1\trisks.csv\tR-1\tSupplier late\nv 0\tstatus\topen\tclosed\n" \
	    "$c" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/entry" &&
	! grep "^c $(git log -1 --format=%H --grep "^code\$")\$" "$f"
'

test_expect_success 'new commits extend the index; the old entries stay' '
	cd "$TRASH/proj" &&
	f=$(index_file) &&
	grep "^c " "$f" >before &&
	kam risk assess R-2 -i 3 >/dev/null &&
	echo x >>main.c && git commit -qam "more code" &&
	kam log R-2 >/dev/null &&
	grep "^tip $(git rev-parse HEAD)\$" "$f" &&
	grep "^c " "$f" >after &&
	tail -n +2 after >rest && test_cmp before rest &&
	same_as_walk
'

test_expect_success 'a log of another revision answers from the index, leaves its tip' '
	cd "$TRASH/proj" &&
	f=$(index_file) &&
	same_as_walk HEAD~3 &&
	same_as_walk side &&
	grep "^tip $(git rev-parse HEAD)\$" "$f"
'

test_expect_success 'a force-push (reset and new commits): the index rejoins, same as the walk' '
	cd "$TRASH/proj" &&
	git reset -q --hard HEAD~3 &&
	kam risk add "Scope creep" -p 4 -i 4 >/dev/null &&
	kam risk assess R-2 -p 5 >/dev/null &&
	same_as_walk &&
	f=$(index_file) &&
	grep "^tip $(git rev-parse HEAD)\$" "$f"
'

test_expect_success 'a rebase replays the side branch: same as the walk' '
	cd "$TRASH/proj" &&
	main=$(git symbolic-ref --short HEAD) &&
	git checkout -q -b feature HEAD~2 &&
	kam task add Deploy --duration 2 >/dev/null &&
	kam req add "Audit log" --priority should >/dev/null &&
	same_as_walk &&
	git rebase -q "$main" &&
	git log --format=%s -3 >"$TRASH/subjects" &&
	grep "req add" "$TRASH/subjects" &&
	same_as_walk
'

test_expect_success 'a corrupt index is rebuilt, never believed' '
	cd "$TRASH/proj" &&
	f=$(index_file) &&
	tab=$(printf "\t") &&
	grep -q "${tab}R-1${tab}" "$f" &&
	sed "s/${tab}R-1${tab}/${tab}R-9${tab}/" "$f" >"$TRASH/x" &&
	cp "$TRASH/x" "$f" && grep -q "${tab}R-9${tab}" "$f" &&
	same_as_walk &&
	! grep -q "${tab}R-9${tab}" "$f" &&
	printf "kam-log-index 1\ngarbage\n" >"$f" &&
	same_as_walk &&
	grep "^sum " "$f" &&
	: >"$f" && same_as_walk &&
	rm -f "$f" && same_as_walk && test -n "$(index_file)"
'

test_expect_success 'where the index cannot be written, kam log still answers' '
	cd "$TRASH/proj" &&
	rm -rf .git/kam && : >.git/kam &&
	kam log R-2 >"$TRASH/out" 2>"$TRASH/err" &&
	test ! -s "$TRASH/err" &&
	same_as_walk &&
	test -f .git/kam && test ! -s .git/kam &&
	rm -f .git/kam
'

test_expect_success 'a project in a sub-folder has its own index' '
	mkdir -p "$TRASH/prod" && cd "$TRASH/prod" &&
	git init -q . &&
	echo code >main.c && git add main.c && git commit -qm code &&
	kam init --dir pm --name Sub --client C >/dev/null 2>&1 ||
	    { mkdir pm && cd pm && kam init --name Sub --client C >/dev/null && cd ..; } &&
	cd pm &&
	kam risk add "One" -p 2 -i 2 >/dev/null &&
	echo more >>../main.c && git commit -qam "code" &&
	kam risk assess R-1 -p 3 >/dev/null &&
	same_as_walk &&
	ls "$(git rev-parse --git-dir)"/kam/log-index-* >/dev/null
'

test_done
