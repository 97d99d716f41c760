#!/bin/sh
# t9400: locale and time-zone independence (RELIABILITY.md §3 L1, L2).
# The same commands under LC_ALL=C, C.UTF-8, de_DE.UTF-8 and tr_TR.UTF-8
# (compiled with localedef into a private LOCPATH) and under TZ=UTC,
# Pacific/Kiritimati (UTC+14) and America/St_Johns (UTC-3:30) must print
# the same bytes and make the same commits (tree and commit ids).
test_description='locale and time zone independence'
. "$(dirname "$0")/lib.sh"

cp "$KAM" "$TRASH/kam.bin" && KAM=$TRASH/kam.bin || exit 1

LOCS=
mkdir -p "$TRASH/loc"
for l in de_DE tr_TR; do
	if localedef -i "$l" -f UTF-8 "$TRASH/loc/$l.UTF-8" >/dev/null 2>&1 &&
	    LOCPATH="$TRASH/loc" LC_ALL="$l.UTF-8" locale decimal_point \
	    >/dev/null 2>&1; then
		LOCS="$LOCS $l.UTF-8"
	fi
done
[ -n "$LOCS" ] || echo "# localedef cannot build de_DE/tr_TR here: only C, C.UTF-8"

# scenario DIR: a project with people and risks whose text, amounts, ids
# and dates a locale could disturb (decimal comma, Turkish dotless i,
# case-folding of ids); every output to DIR.out/, the commits to
# DIR.out/commits.  Runs in the environment it is given.
scenario () {
	s_out="$TRASH/$1.out"
	rm -rf "$TRASH/$1" "$s_out" && mkdir -p "$TRASH/$1" "$s_out" &&
	cd "$TRASH/$1" &&
	"$KAM" init --name "Größe İstanbul" --client "ACME" --currency EUR \
	    --start 2026-01-05 >"$s_out/init.raw" &&
	sed "s|$TRASH/$1/|DIR/|" "$s_out/init.raw" >"$s_out/init" &&
	rm "$s_out/init.raw" &&
	"$KAM" people add "Zoë Ince" --side team --rate 1234.50 \
	    >"$s_out/p1" &&
	"$KAM" people add "ılık İi" --side client --rate 0.5 --role "Çalışan" \
	    >"$s_out/p2" &&
	"$KAM" risk add "Lieferverzögerung" -p 3 -i 4 --owner p-1 \
	    --review 2026-02-28 >"$s_out/r1" &&
	"$KAM" risk add "i and I in titles" -p 2 -i 5 --category IT \
	    --owner P-2 >"$s_out/r2" &&
	"$KAM" risk assess r-1 -p 4 --category "Lieferkette" \
	    >"$s_out/a1" &&
	"$KAM" people set p-2 --rate 1000000.05 >"$s_out/s1" &&
	for f in table json csv md; do
		"$KAM" --format $f risk list >"$s_out/risk-list.$f" &&
		"$KAM" --format $f people list >"$s_out/people-list.$f" ||
		    return 1
	done &&
	"$KAM" risk show R-1 >"$s_out/risk-show" &&
	"$KAM" risk list --sort score --min-score 10 >"$s_out/risk-sorted" &&
	"$KAM" risk matrix >"$s_out/matrix" &&
	git log --format="%H %T %ad %s" >"$s_out/commits" &&
	git rev-parse "HEAD^{tree}" >"$s_out/tree" &&
	git status --porcelain >"$s_out/status" &&
	cat ./*.csv >"$s_out/files" &&
	cd "$TRASH"
}

test_expect_success 'baseline: LC_ALL=C, TZ=UTC' '
	scenario base &&
	test ! -s base.out/status &&
	grep -q "^P-2,.*,1000000.05," base.out/files &&
	grep -q "^P-1,Zoë Ince,.*,1234.50," base.out/files &&
	grep -q "1234.50" base.out/people-list.csv
'

test_expect_success 'C.UTF-8: the same bytes and commits' '
	LC_ALL=C.UTF-8 LANG=C.UTF-8 scenario cutf8 &&
	diff -r base.out cutf8.out
'

for l in $LOCS; do
	test_expect_success "LC_ALL=$l: the same bytes and commits" '
		LOCPATH="$TRASH/loc" LC_ALL=$l LANG=$l scenario "loc-$l" &&
		diff -r base.out "loc-$l.out"
	'
	test_expect_success "LANG=$l with LC_ALL unset: the same" '
		unset LC_ALL &&
		LOCPATH="$TRASH/loc" LANG=$l LC_NUMERIC=$l LC_CTYPE=$l \
		    scenario "lang-$l" &&
		diff -r base.out "lang-$l.out"
	'
done

test_expect_success 'the locales were really in force (sanity)' '
	for l in $LOCS; do
		LOCPATH="$TRASH/loc" LC_ALL=$l locale decimal_point >point &&
		echo "," >expect && test_cmp expect point &&
		LOCPATH="$TRASH/loc" LC_ALL=$l /usr/bin/printf "%.2f\n" 1234.5 \
		    >comma &&
		echo "1234,50" >expect && test_cmp expect comma || exit 1
	done
'

# Zones the system knows (tzdata); an unknown TZ would quietly be UTC.
TZS=
for tz in Pacific/Kiritimati America/St_Johns; do
	case "$(TZ=$tz date -d @1767225600 +%z)" in
	+1400|-0330) TZS="$TZS $tz" ;;
	*) echo "# no zoneinfo for $tz here (tzdata): not tested" ;;
	esac
done

for tz in $TZS; do
	test_expect_success "TZ=$tz: the same bytes and commits" '
		TZ=$tz scenario "tz-$(echo $tz | tr / -)" &&
		diff -r base.out "tz-$(echo $tz | tr / -).out"
	'
done

# L2 without a fixed author date: the commit dates differ, the data must
# not.  KAM_TODAY stays fixed (today is a calendar date, it does not move
# with the zone once given).
test_expect_success 'TZ=Pacific/Kiritimati with the clock, not fixed dates: same data' '
	case "$TZS" in *Kiritimati*) ;; *) exit 0 ;; esac
	unset GIT_AUTHOR_DATE GIT_COMMITTER_DATE &&
	TZ=Pacific/Kiritimati scenario tz-clock &&
	test_cmp base.out/files tz-clock.out/files &&
	test_cmp base.out/tree tz-clock.out/tree &&
	for f in risk-list.json risk-list.csv people-list.csv matrix; do
		test_cmp base.out/$f tz-clock.out/$f || exit 1
	done
'

test_done
