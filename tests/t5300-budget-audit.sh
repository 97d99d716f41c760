#!/bin/sh
# t5300: kam budget audit: planned vs actual by category, status by the
# [health] thresholds, --check, --from/--to, the burn table, exact sums
# cross-checked against Python's decimal module and ledger(1).
test_description='kam budget audit'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"

test_expect_success 'setup' '
	new_project &&
	kam budget set labour 1000 &&
	kam budget set travel 200 &&
	kam budget set hardware 500 &&
	kam budget spend 400 --category labour --date 2026-01-10 a >/dev/null &&
	kam budget spend 500 --category labour --date 2026-02-10 b >/dev/null &&
	kam budget spend 150 --category travel --date 2026-01-20 c >/dev/null &&
	kam budget spend 100.01 --category travel --date 2026-03-01 d >/dev/null &&
	kam budget spend 10 --category misc --date 2026-02-15 e >/dev/null
'

test_expect_success 'audit: one row per category, then the total' '
	cd "$P" &&
	kam budget audit >"$TRASH/out" &&
	cat >"$TRASH/expect" <<-\EOF &&
	category       planned        actual    variance  used_pct  status     count
	hardware    500.00 CNY      0.00 CNY  500.00 CNY      0.00  ok             0
	labour    1,000.00 CNY    900.00 CNY  100.00 CNY     90.00  warn           2
	travel      200.00 CNY    250.01 CNY  -50.01 CNY    125.01  over           2
	misc          0.00 CNY     10.00 CNY  -10.00 CNY         -  unplanned      1
	total     1,700.00 CNY  1,160.01 CNY  539.99 CNY     68.24  ok             5
	EOF
	test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'audit --format json: numbers exact, the total apart' '
	cd "$P" &&
	kam budget audit --format json >"$TRASH/out" &&
	cat >"$TRASH/expect" <<-\EOF &&
	{"records":[
	{"category":"hardware","planned":500.00,"actual":0.00,"variance":500.00,"used_pct":0.00,"status":"ok","count":0},
	{"category":"labour","planned":1000.00,"actual":900.00,"variance":100.00,"used_pct":90.00,"status":"warn","count":2},
	{"category":"travel","planned":200.00,"actual":250.01,"variance":-50.01,"used_pct":125.01,"status":"over","count":2},
	{"category":"misc","planned":0.00,"actual":10.00,"variance":-10.00,"used_pct":null,"status":"unplanned","count":1}
	],
	"total":{"planned":1700.00,"actual":1160.01,"variance":539.99,"used_pct":68.24,"status":"ok","count":5}}
	EOF
	test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'audit --format csv and md' '
	cd "$P" &&
	kam budget audit --format csv >"$TRASH/out" &&
	head -n 1 "$TRASH/out" >"$TRASH/h" &&
	echo "\"category\",\"planned\",\"actual\",\"variance\",\"used_pct\",\"status\",\"count\"" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/h" &&
	! grep -q "^\"\"," "$TRASH/out" &&
	test "$(grep -c "^\"[a-z]" "$TRASH/out")" = "$(wc -l <"$TRASH/out")" &&
	kam budget audit --format md >"$TRASH/out" &&
	grep "^| travel " "$TRASH/out" && grep "^| total " "$TRASH/out"
'

test_expect_success 'audit --check: exit 1 naming the red categories' '
	cd "$P" &&
	test_expect_code 1 kam budget audit --check >"$TRASH/out" 2>"$TRASH/err" &&
	echo "kam: budget over plan: travel, misc" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/err" &&
	grep "^travel " "$TRASH/out"
'

test_expect_success 'audit --check is 0 when nothing is over (warn is not red)' '
	cd "$P" &&
	kam budget audit --check --to 2026-02-10 >"$TRASH/out" &&
	grep "^labour .* warn " "$TRASH/out"
'

test_expect_success '--from/--to restrict the expenses, not the plan' '
	cd "$P" &&
	kam budget audit --from 2026-01-20 --to 2026-02-15 --format csv >"$TRASH/out" &&
	grep "^\"labour\",\"1000.00\",\"500.00\",\"500.00\",\"50.00\",\"ok\",\"1\"" "$TRASH/out" &&
	grep "^\"travel\",\"200.00\",\"150.00\",\"50.00\",\"75.00\",\"ok\",\"1\"" "$TRASH/out" &&
	grep "^\"misc\",\"0.00\",\"10.00\"" "$TRASH/out"
'

test_expect_success 'thresholds come from [health] in kam.conf' '
	cd "$P" &&
	git config -f kam.conf health.budget-overrun 30 &&
	git config -f kam.conf health.budget-warn 95 &&
	kam budget audit --format csv >"$TRASH/out" &&
	grep "^\"labour\",.*\"ok\"" "$TRASH/out" &&
	grep "^\"travel\",.*\"warn\"" "$TRASH/out" &&
	git config -f kam.conf health.budget-overrun 25 &&
	kam budget audit --format csv >"$TRASH/out" &&
	grep "^\"travel\",.*\"over\"" "$TRASH/out" &&
	git checkout -- kam.conf
'

test_expect_success 'audit --by month: the burn table after the categories' '
	cd "$P" &&
	kam budget audit --by month >"$TRASH/out" &&
	sed -n "/^month/,\$p" "$TRASH/out" >"$TRASH/burn" &&
	cat >"$TRASH/expect" <<-\EOF &&
	month    count      actual    cumulative     remaining  used_pct
	2026-01      2  550.00 CNY    550.00 CNY  1,150.00 CNY     32.35
	2026-02      2  510.00 CNY  1,060.00 CNY    640.00 CNY     62.35
	2026-03      1  100.01 CNY  1,160.01 CNY    539.99 CNY     68.24
	EOF
	test_cmp "$TRASH/expect" "$TRASH/burn" &&
	grep "^labour " "$TRASH/out"
'

test_expect_success 'audit --by month --format json: the burn table alone' '
	cd "$P" &&
	kam budget audit --by month --format json --from 2026-02-01 >"$TRASH/out" &&
	cat >"$TRASH/expect" <<-\EOF &&
	[
	{"month":"2026-02","count":2,"actual":510.00,"cumulative":510.00,"remaining":1190.00,"used_pct":30.00},
	{"month":"2026-03","count":1,"actual":100.01,"cumulative":610.01,"remaining":1089.99,"used_pct":35.88}
	]
	EOF
	test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'an empty project: CSV the header only, the total in md' '
	new_project empty &&
	kam budget audit --format csv >"$TRASH/out" &&
	cat >"$TRASH/expect" <<-\EOF &&
	"category","planned","actual","variance","used_pct","status","count"
	EOF
	test_cmp "$TRASH/expect" "$TRASH/out" &&
	kam budget audit --format md >"$TRASH/out" &&
	grep -q "^| total *| *0.00 CNY | *0.00 CNY | *0.00 CNY | *| ok *| *0 |" "$TRASH/out" &&
	kam budget audit --check >/dev/null
'

test_expect_success 'usage errors (64)' '
	cd "$P" &&
	test_expect_code 64 kam budget audit --by week 2>/dev/null &&
	test_expect_code 64 kam budget audit --from 2026-13-01 2>/dev/null &&
	test_expect_code 64 kam budget audit extra 2>/dev/null &&
	test_expect_code 64 kam budget audit --category x 2>/dev/null
'

test_expect_success 'a sum beyond the money range is invalid data (65), never wrapped' '
	new_project big &&
	kam budget spend 92233720368547758.07 --category a --date 2026-01-01 x >/dev/null &&
	test_expect_code 65 kam budget spend 0.01 --category a --date 2026-01-02 y &&
	echo "E-2,2026-01-02,a,0.01,y,," >>expenses/2026-01.csv &&
	git commit -qam "by hand: kam refuses this spend (issue 11 #3)" &&
	test_expect_code 65 kam budget audit >"$TRASH/out" 2>"$TRASH/err" &&
	grep "expenses/2026-01.csv:3: the sum of category a exceeds the money range" "$TRASH/err" &&
	test ! -s "$TRASH/out" &&
	test_expect_code 65 kam budget audit --check >/dev/null 2>&1
'

test_expect_success 'a bad budget.csv is invalid data (65)' '
	cd "$P" &&
	echo "travel,12.345" >>budget.csv &&
	test_expect_code 65 kam budget audit 2>"$TRASH/err" >/dev/null &&
	grep "budget.csv:5" "$TRASH/err" &&
	git checkout -- budget.csv
'

# An independent computation: random expenses (negative amounts, all
# decimal forms, CJK categories, values too large for a double to keep
# the cents) summed with Python's decimal module and by ledger(1).
test_expect_success 'cross-check: totals equal Python decimal sums' '
	new_project cross &&
	python3 - <<-\EOF &&
	import random, os, decimal
	from decimal import Decimal as D
	rng = random.Random(5)
	cats = ["labour", "travel", "licences", "外包", "hardware", "misc"]
	plan = {"labour": "123456789012.34", "travel": "50000", "licences": "0.01",
	        "外包": "9999.99", "hardware": "777777.77"}
	with open("budget.csv", "w") as f:
	    f.write("category,amount\n")
	    for c in sorted(plan):
	        f.write("%s,%s\n" % (c, plan[c]))
	rows = {}
	n = 0
	for k in range(3000):
	    n += 1
	    y, m = 2025 + rng.randrange(2), 1 + rng.randrange(12)
	    d = 1 + rng.randrange(28)
	    cents = rng.choice([rng.randrange(1, 100), rng.randrange(1, 10**8),
	                        rng.randrange(10**14, 10**15)])
	    if rng.random() < 0.1:
	        cents = -cents
	    s = "%d.%02d" % (abs(cents) // 100, abs(cents) % 100)
	    s = rng.choice([s, s.rstrip("0").rstrip("."), s])
	    if cents < 0:
	        s = "-" + s
	    rows.setdefault("%04d-%02d" % (y, m), []).append(
	        ("%04d-%02d-%02d" % (y, m, d), rng.choice(cats), s))
	os.makedirs("expenses", exist_ok=True)
	i = 0
	with open("journal", "w") as j:
	    for month in sorted(rows):
	        with open("expenses/%s.csv" % month, "w") as f:
	            f.write("id,date,category,amount,description,ref,task\n")
	            for date, c, s in rows[month]:
	                i += 1
	                f.write("E-%d,%s,%s,%s,item %d,,\n" % (i, date, c, s, i))
	                j.write("%s item %d\n    expenses:%s  %s CNY\n    assets:bank\n\n"
	                        % (date.replace("-", "/"), i, c, s))
	EOF
	git add -A && git commit -q -m "generated" &&
	kam budget audit --format json >"$TRASH/audit.json" &&
	python3 - "$TRASH/audit.json" <<-\EOF
	import json, sys, decimal
	from decimal import Decimal as D, ROUND_HALF_UP
	got = json.load(open(sys.argv[1]), parse_float=D, parse_int=D)
	got = got["records"] + [dict(got["total"], category=None)]
	plan = {}
	for line in open("budget.csv").read().splitlines()[1:]:
	    c, a = line.rsplit(",", 1)
	    plan[c] = D(a)
	act, cnt = {}, {}
	import glob
	for fn in sorted(glob.glob("expenses/*.csv")):
	    for line in open(fn).read().splitlines()[1:]:
	        f = line.split(",")
	        act[f[2]] = act.get(f[2], D(0)) + D(f[3])
	        cnt[f[2]] = cnt.get(f[2], 0) + 1
	bad = 0
	def check(name, want, have):
	    global bad
	    if want != have:
	        print("%s: want %s, kam says %s" % (name, want, have))
	        bad += 1
	rows = {r["category"]: r for r in got}
	cats = set(plan) | set(act)
	check("categories", len(cats) + 1, len(got))
	for c in cats:
	    r = rows[c]
	    p, a = plan.get(c, D(0)), act.get(c, D(0))
	    check(c + " planned", p, r["planned"])
	    check(c + " actual", a, r["actual"])
	    check(c + " variance", p - a, r["variance"])
	    check(c + " count", cnt.get(c, 0), r["count"])
	    if c not in plan:
	        st = "unplanned"
	    elif a > p:
	        st = "over"
	    elif a * 100 >= p * 90:
	        st = "warn"
	    else:
	        st = "ok"
	    check(c + " status", st, r["status"])
	    if p > 0:
	        check(c + " used_pct", (a * 100 / p).quantize(D("0.01"), ROUND_HALF_UP),
	              r["used_pct"])
	t = rows[None]
	check("total planned", sum(plan.values()), t["planned"])
	check("total actual", sum(act.values()), t["actual"])
	check("total count", sum(cnt.values()), t["count"])
	# A double would not have kept these cents.
	check("float loses cents", True, float(sum(act.values())) != sum(act.values()) or
	      any(float(v) != v for v in act.values()))
	sys.exit(1 if bad else 0)
	EOF
'

test_expect_success LEDGER 'cross-check: category sums equal ledger bal' '
	cd "$TRASH/cross" &&
	ledger -f journal bal --flat --format "%(account)\t%(quantity(scrub(display_total)))\n" \
	    expenses >"$TRASH/ledger.txt" &&
	kam budget audit --format json >"$TRASH/audit.json" &&
	python3 - "$TRASH/ledger.txt" "$TRASH/audit.json" <<-\EOF
	import json, sys
	from decimal import Decimal as D
	led = {}
	for line in open(sys.argv[1], encoding="utf-8").read().splitlines():
	    acct, q = line.split("\t")
	    led[acct] = D(q)
	got = json.load(open(sys.argv[2]), parse_float=D, parse_int=D)
	got = got["records"] + [dict(got["total"], category=None)]
	bad = 0
	for r in got:
	    if r["category"] is None:
	        want = led[""]
	    elif r["count"] == 0:
	        continue
	    else:
	        want = led["expenses:" + r["category"]]
	    if want != r["actual"]:
	        print(r["category"], "ledger", want, "kam", r["actual"])
	        bad += 1
	print("compared", len(got), "rows")
	sys.exit(1 if bad else 0)
	EOF
'

test_done
