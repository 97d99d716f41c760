#!/bin/sh
# tests/run.sh: run every test with prove against both builds (normal and
# ASan+UBSan), the threaded ones against a third (ThreadSanitizer) when it
# is built, lint the man pages, and print "N passed, N failed, N skipped".
#
# A test file that cannot run, dies, or does not match its plan counts as a
# failure, never as "no tests".  A TAP skip ("ok N # skip reason", or a
# whole script's "1..0 # SKIP reason") counts as skipped, never as passed.
cd "$(dirname "$0")/.." || exit 1
log=$(mktemp)
status=0

# Keep a prove log's results; print its failures, and what a failing test
# said about itself (its "# ..." lines), for the CI log: a test that fails
# only under load is otherwise gone with its trash directory.
collect() {
	[ -f "$1" ] || return 0
	grep -E '^(not )?ok |^1\.\.0 # [Ss][Kk][Ii][Pp]' "$1" >>"$log"
	grep -E '^(not ok|Result|Files=|Failed|Could not)|Wstat|Dubious|Parse errors' \
	    "$1" | head -40
	awk '/^not ok /{n=30; print "  after: " $0; next}
	    n>0 && /^#/{print "  " $0; n--; next} {n=0}' "$1" | head -120
}

for b in build build-san; do
	[ -x "$b/kam" ] || continue
	echo "== $b"
	units=$(ls "$b"/tests/unit/t_* 2>/dev/null | grep -v '\.o$')
	if [ -n "$units" ]; then
		prove -v --exec '' $units >"$log.u.$b" 2>&1 || status=1
	fi
	KAM="$b/kam" prove -j2 -v --exec sh tests/t*.sh >"$log.s.$b" 2>&1 ||
	    status=1
	collect "$log.u.$b"
	collect "$log.s.$b"
done

# The scripts that run kam's threads (portfolio, review) once more under
# ThreadSanitizer: a data race stops kam with 66 and fails its test.
if [ -x build-tsan/kam ]; then
	echo "== build-tsan"
	export TSAN_OPTIONS="halt_on_error=1 exitcode=66"
	if why=$(build-tsan/kam --version 2>&1 >/dev/null) && [ -z "$why" ]; then
		KAM=build-tsan/kam prove -j2 -v --exec sh $(grep -l -E \
		    'kam (portfolio|review)' tests/t*.sh) >"$log.s.tsan" 2>&1 ||
		    status=1
		collect "$log.s.tsan"
	else
		echo "ok 1 # skip ThreadSanitizer cannot run here:" \
		    "$(echo "$why" | head -1)" | tee -a "$log"
	fi
	unset TSAN_OPTIONS
fi

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
