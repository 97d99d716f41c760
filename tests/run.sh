#!/bin/sh
# tests/run.sh: run every test with prove against both builds (normal and
# ASan+UBSan), lint the man pages, and print "N passed, N failed, N
# skipped".
#
# A test file that cannot run, dies, or does not match its plan counts as a
# failure, never as "no tests".  A TAP skip ("ok N # skip reason", or a
# whole script's "1..0 # SKIP reason") counts as skipped, never as passed.
cd "$(dirname "$0")/.." || exit 1
log=$(mktemp)
status=0
for b in build build-san; do
	[ -x "$b/kam" ] || continue
	echo "== $b"
	units=$(ls "$b"/tests/unit/t_* 2>/dev/null | grep -v '\.o$')
	if [ -n "$units" ]; then
		prove -v --exec '' $units >"$log.u.$b" 2>&1 || status=1
	fi
	KAM="$b/kam" prove -j2 -v --exec sh tests/t*.sh >"$log.s.$b" 2>&1 ||
	    status=1
	for f in "$log.u.$b" "$log.s.$b"; do
		[ -f "$f" ] || continue
		grep -E '^(not )?ok |^1\.\.0 # [Ss][Kk][Ii][Pp]' "$f" >>"$log"
		grep -E '^(not ok|Result|Files=|Failed|Could not)|Wstat|Dubious|Parse errors' \
		    "$f" | head -40
		# What a failing test said about itself (its "# ..." lines),
		# kept for the CI log: a test that fails only under load is
		# otherwise gone with its trash directory.
		awk '/^not ok /{n=30; print "  after: " $0; next}
		    n>0 && /^#/{print "  " $0; n--; next} {n=0}' "$f" | head -120
	done
done
echo "== man pages"
if mandoc -T lint -W warning man/*.1 man/*.5; then
	echo "ok - mandoc -T lint" >>"$log"
else
	echo "not ok - mandoc -T lint" >>"$log"
	status=1
fi
skipped=$(grep -c -i -E '^ok [0-9]+( -)? # skip|^1\.\.0 # skip' "$log")
passed=$(($(grep -c '^ok ' "$log") - $(grep -c -i -E '^ok [0-9]+( -)? # skip' "$log")))
failed=$(grep -c '^not ok ' "$log")
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then
	failed=1	# a script died, could not run, or did not match its plan
fi
rm -f "$log" "$log".*
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" = 0 ] && [ "$failed" = 0 ]
