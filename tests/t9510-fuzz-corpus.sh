#!/bin/sh
# t9510: replay the fuzz corpus (tests/fuzz/corpus/<target>: seeds made
# from kam's own data and crash reproducers) through each fuzz target,
# built with a replay main() beside the kam under test, so the
# build-san run replays everything under ASan+UBSan.  No new fuzzing:
# that is `make fuzz FUZZ_SECONDS=N`.
test_description='fuzz corpus replay'
. "$(dirname "$0")/lib.sh"

bindir=$(dirname "$KAM")/tests/fuzz
for dir in "$SRC_DIR"/tests/fuzz/corpus/*; do
	t=$(basename "$dir")
	if ! test -x "$bindir/$t"; then
		test_count=$((test_count + 1))
		echo "ok $test_count # skip $t: $bindir/$t is not built (make units)"
		continue
	fi
	test_expect_success "corpus of $t replays without a crash" "
		'$bindir/$t' '$dir' >out 2>err &&
		grep 'inputs replayed' out
	"
done

test_expect_success 'every fuzz target has a corpus' '
	for f in "$SRC_DIR"/tests/fuzz/fuzz_*.c; do
		t=$(basename "$f" .c) &&
		test -n "$(ls "$SRC_DIR/tests/fuzz/corpus/$t")" || return 1
	done
'

test_done
