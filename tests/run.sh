#!/bin/sh
# tests/run.sh: run every test with prove against both builds (normal and
# ASan+UBSan), lint the man pages, and print "N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
log=$(mktemp)
status=0
for b in build build-san; do
	[ -x "$b/kam" ] || continue
	echo "== $b"
	units=$(ls "$b"/tests/unit/t_* 2>/dev/null | grep -v '\.o$')
	KAM="$b/kam" prove -v --exec '' $units tests/t*.sh >"$log.$b" 2>&1 ||
	    status=1
	grep -E '^(not )?ok ' "$log.$b" >>"$log"
	grep -E '^(not ok|Result|Files=|Failed)|^t.*(Wstat|Dubious)' \
	    "$log.$b" | head -40
done
echo "== man pages"
if command -v mandoc >/dev/null 2>&1; then
	if mandoc -T lint -W warning man/*.1 man/*.5; then
		echo "ok - mandoc -T lint" >>"$log"
	else
		echo "not ok - mandoc -T lint" >>"$log"
		status=1
	fi
fi
passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^not ok ' "$log")
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then
	failed=1	# a script died or its plan did not match
fi
rm -f "$log" "$log".*
echo "$passed passed, $failed failed"
[ "$status" = 0 ] && [ "$failed" = 0 ]
