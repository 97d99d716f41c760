#!/bin/sh
# tests/fuzz/seed.sh: (re)make the seed part of tests/fuzz/corpus from a
# small project built with kam itself, so the seeds are data kam writes.
# Run from the top of the tree after `make kam`; the corpus is committed.
# Files named seed-* are replaced; crash reproducers (repro-*) are kept.
set -e
SRC=$(cd "$(dirname "$0")/../.." && pwd)
KAM=${KAM:-$SRC/build/kam}
C=$SRC/tests/fuzz/corpus
dir=$(mktemp -d "${TMPDIR:-/tmp}/kam-seed.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export KAM_TODAY=2026-03-02 GIT_AUTHOR_NAME=Seed GIT_AUTHOR_EMAIL=s@x \
    GIT_COMMITTER_NAME=Seed GIT_COMMITTER_EMAIL=s@x
cd "$dir"
git init -q .
k () { "$KAM" "$@" >/dev/null; }
k init --name Seed --client ACME --currency CNY --start 2026-01-05
k people add "Ann Lee" --side client
k people add "Bo Chen" --side team
k risk add "Supplier late, \"maybe\"" -p 3 -i 4
k risk add "Key user leaves" -p 2 -i 5 --owner P-1
k req add "Invoices in CNY" --priority must
k req add "Multi-line
note" --priority could
k task add Design --duration 5
k task add Build --duration 10 --after T-1
k task add Test --duration 3 --after T-2
k task add Go-live --milestone --after T-1,T-3
k task start T-1 --date 2026-01-06
k budget set Licences 1000.00
k budget set "Travel, hotel" 250.50
k budget spend 12.50 --category Licences --date 2026-01-07 "Seat licence"
k budget spend 99.99 --category "Travel, hotel" --date 2026-02-03 "Train to Shanghai"
k meeting new "Kick-off" --date 2026-01-05 --attendees P-1,P-2
rm -f "$C"/*/seed-*
mkdir -p "$C/fuzz_table" "$C/fuzz_merge" "$C/fuzz_plan" "$C/fuzz_conf" \
    "$C/fuzz_minutes" "$C/fuzz_values" "$C/fuzz_histidx"
# fuzz_table: byte 0 = schema index (lib/schema.c kam_schemas order),
# byte 1 = mode (0 read, 0x80 write).
i=0
for f in goals.csv scope.csv people.csv risks.csv requirements.csv \
    changes.csv tasks.csv budget.csv expenses comms.csv quality.csv \
    defects.csv csat.csv raci.csv lessons.csv; do
	src=$f
	[ "$f" = expenses ] && src=$(ls expenses/*.csv | head -1)
	if [ -f "$src" ]; then
		{ printf "\\$(printf %o $i)\\000"; cat "$src"; } \
		    >"$C/fuzz_table/seed-$f"
		# merge: base NUL ours NUL theirs, ours adds a line at the end
		{ printf "\\$(printf %o $i)"; cat "$src"; printf '\000';
		  cat "$src"; printf '\000'; cat "$src"; } \
		    >"$C/fuzz_merge/seed-$f"
	fi
	i=$((i + 1))
done
printf '\003\200Title one\001a, "b"\001 lead\001two\nlines' \
    >"$C/fuzz_table/seed-write-risks"
cp tasks.csv "$C/fuzz_plan/seed-tasks.csv"
cp kam.conf "$C/fuzz_conf/seed-kam.conf"
printf '[project]\n\tstart = 2026-01-05\n\tdigits = 3\n[calendar]\n\tworkdays = mon,tue wed\n\tholiday = 2026-01-06\n\tholiday = 2026-01-07\n' \
    >"$C/fuzz_conf/seed-calendar.conf"
cp meetings/*.md "$C/fuzz_minutes/seed-kickoff.md"
printf '# Review\n\nAttendees: P-1 P-2\n\n## Decisions\n\n- Go with plan B (R-1)\n\n## Actions\n\n- [ ] @P-1 send the list due:2026-01-09\n- [x] @P-2 book room\n\n[x](javascript:alert(1)) <script>x</script>\n' \
    >"$C/fuzz_minutes/seed-review.md"
for v in 0 12.50 -3.7 1234567.891 92233720368547758.07 2026-02-28 \
    2024-02-29 2999-12-31 R-1 req-12 T-999999999 P-0 -42 100000; do
	printf '\002%s' "$v" >"$C/fuzz_values/seed-$(echo "$v" | tr -c 'A-Za-z0-9.-' _)"
done
printf '\002\303\251\342\202\254\360\237\230\200' >"$C/fuzz_values/seed-utf8"
# fuzz_histidx: the index kam log builds, without its sum line (the
# target appends a correct one).
k risk assess R-1 -p 4
"$KAM" log >/dev/null
sed '$d' .git/kam/log-index-* >"$C/fuzz_histidx/seed-index"
printf 'kam-log-index 1\ndigits 2\n' >"$C/fuzz_histidx/seed-header"
echo "seeded $(ls "$C"/*/seed-* | wc -l) files"
