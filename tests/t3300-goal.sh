#!/bin/sh
# t3300: kam goal add|set|list: goals with baseline, target, actual and
# due date; progress toward the target and the status an actual gives.
test_description='kam goal'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"

refused () {
	code=$1
	shift
	git rev-parse HEAD >"$TRASH/head.before" &&
	git status --porcelain >"$TRASH/status.before" &&
	cat goals.csv >"$TRASH/goals.before" &&
	test_expect_code "$code" kam "$@" >"$TRASH/out" 2>"$TRASH/err" &&
	test ! -s "$TRASH/out" &&
	git rev-parse HEAD >"$TRASH/head.after" &&
	git status --porcelain >"$TRASH/status.after" &&
	test_cmp "$TRASH/head.before" "$TRASH/head.after" &&
	test_cmp "$TRASH/status.before" "$TRASH/status.after" &&
	test_cmp "$TRASH/goals.before" goals.csv
}

test_expect_success 'setup' '
	new_project
'

test_expect_success 'goal add prints the id, status open' '
	cd "$P" &&
	kam goal add "Faster month-end close" --metric "days to close" \
	    --baseline 10 --target 4 --due 2027-03-31 >out &&
	echo G-1 >expect && test_cmp expect out &&
	echo "kam: goal add G-1: Faster month-end close" >expect &&
	git log -1 --format=%s >actual && test_cmp expect actual &&
	git show --name-only --format= HEAD >files &&
	echo goals.csv >expect && test_cmp expect files &&
	kam goal add "Client satisfaction" --metric "CSAT" --baseline 6 --target 8 >/dev/null &&
	kam goal add "ISO certification" --target "ISO 27001" --due 2027-06-30 >/dev/null &&
	kam goal add "Invoice accuracy" --metric "% correct" --baseline 92% --target 99.5% >/dev/null &&
	cat >expect <<-\EOF &&
	id,title,metric,baseline,target,actual,due,status,direction
	G-1,Faster month-end close,days to close,10,4,,2027-03-31,open,
	G-2,Client satisfaction,CSAT,6,8,,,open,
	G-3,ISO certification,,,ISO 27001,,2027-06-30,open,
	G-4,Invoice accuracy,% correct,92%,99.5%,,,open,
	EOF
	test_cmp expect goals.csv
'

test_expect_success 'goal add refusals' '
	cd "$P" &&
	refused 64 goal add &&
	refused 64 goal add "" &&
	refused 64 goal add "X" --due 2027-02-30 &&
	refused 64 goal add "X" --status met &&
	refused 64 goal add "X" --title Y &&
	refused 64 goal add "X" --bogus
'

test_expect_success 'goal list: progress is null until an actual is set' '
	cd "$P" &&
	kam goal list --format json >out &&
	cat >expect <<-\EOF &&
	[
	{"id":"G-1","title":"Faster month-end close","metric":"days to close","baseline":"10","target":"4","actual":null,"due":"2027-03-31","status":"open","direction":null,"progress":null},
	{"id":"G-2","title":"Client satisfaction","metric":"CSAT","baseline":"6","target":"8","actual":null,"due":null,"status":"open","direction":null,"progress":null},
	{"id":"G-3","title":"ISO certification","metric":null,"baseline":null,"target":"ISO 27001","actual":null,"due":"2027-06-30","status":"open","direction":null,"progress":null},
	{"id":"G-4","title":"Invoice accuracy","metric":"% correct","baseline":"92%","target":"99.5%","actual":null,"due":null,"status":"open","direction":null,"progress":null}
	]
	EOF
	test_cmp expect out
'

test_expect_success 'set --actual short of a lower-is-better target, due ahead: open, 50%' '
	cd "$P" &&
	kam goal set g-1 --actual 7 &&
	echo "kam: goal set G-1: Faster month-end close" >expect &&
	git log -1 --format=%s >actual && test_cmp expect actual &&
	grep "^G-1,Faster month-end close,days to close,10,4,7,2027-03-31,open,\$" goals.csv
'

test_expect_success 'set --actual reaching a lower-is-better target: met' '
	cd "$P" &&
	kam goal set G-1 --actual 3.5 &&
	grep "^G-1,.*,3.5,2027-03-31,met,\$" goals.csv
'

test_expect_success 'set --actual short without a due date: missed' '
	cd "$P" &&
	kam goal set G-2 --actual 7 &&
	grep "^G-2,Client satisfaction,CSAT,6,8,7,,missed,\$" goals.csv
'

test_expect_success 'a due date in the past makes a short actual missed' '
	cd "$P" &&
	kam goal set G-4 --actual 97% --due 2026-11-26 &&
	grep "^G-4,.*,97%,2026-11-26,missed,\$" goals.csv &&
	kam goal set G-4 --due 2026-12-31 &&
	grep "^G-4,.*,97%,2026-12-31,open,\$" goals.csv
'

test_expect_success 'goal list: progress as a percentage' '
	cd "$P" &&
	kam goal list >out &&
	cat >expect <<-\EOF &&
	id   title                   metric         baseline  target     actual  progress  due         status
	G-1  Faster month-end close  days to close  10        4          3.5          108  2027-03-31  met
	G-2  Client satisfaction     CSAT           6         8          7             50  -           missed
	G-3  ISO certification       -              -         ISO 27001  -              -  2027-06-30  open
	G-4  Invoice accuracy        % correct      92%       99.5%      97%           67  2026-12-31  open
	EOF
	test_cmp expect out &&
	kam goal list --format csv >out &&
	head -n 1 out >h &&
	echo "\"id\",\"title\",\"metric\",\"baseline\",\"target\",\"actual\",\"due\",\"status\",\"direction\",\"progress\"" >expect &&
	test_cmp expect h
'

test_expect_success 'text goals: equal actual is met; otherwise the status stays, with a note' '
	cd "$P" &&
	kam goal set G-3 --actual "ISO 9001" 2>err &&
	grep "^kam: note: G-3: actual .ISO 9001. cannot be measured against target .ISO 27001.; status stays open" err &&
	grep "^G-3,.*,ISO 9001,2027-06-30,open,\$" goals.csv &&
	kam goal set G-3 --actual "ISO 27001" &&
	grep "^G-3,.*,ISO 27001,2027-06-30,met,\$" goals.csv
'

test_expect_success 'an explicit --status wins; dropped stays dropped' '
	cd "$P" &&
	kam goal set G-2 --status dropped &&
	grep "^G-2,.*,dropped,\$" goals.csv &&
	kam goal set G-2 --actual 9 &&
	grep "^G-2,Client satisfaction,CSAT,6,8,9,,dropped,\$" goals.csv &&
	kam goal set G-2 --status open &&
	grep "^G-2,.*,open,\$" goals.csv &&
	kam goal set G-2 --actual 8 &&
	grep "^G-2,.*,8,,met,\$" goals.csv &&
	kam goal set G-2 --actual 8.5 --status missed &&
	grep "^G-2,.*,8.5,,missed,\$" goals.csv
'

test_expect_success 'unsetting the actual reopens the goal; editing the title keeps the status' '
	cd "$P" &&
	kam goal set G-2 --actual "" &&
	grep "^G-2,Client satisfaction,CSAT,6,8,,,open,\$" goals.csv &&
	kam goal set G-3 --title "ISO 27001 certificate" &&
	grep "^G-3,ISO 27001 certificate,,,ISO 27001,ISO 27001,2027-06-30,met,\$" goals.csv
'

test_expect_success 'goal list --status' '
	cd "$P" &&
	kam goal list --status met --format csv | tail -n +2 | cut -d, -f1 >out &&
	printf "\"G-1\"\n\"G-3\"\n" >expect && test_cmp expect out &&
	test_expect_code 64 kam goal list --status done 2>err &&
	test_expect_code 64 kam goal list extra 2>err
'

# Issue 17 #5: which way is better.  Without a baseline nor a direction a
# goal cannot be judged: target 5, actual 8 was "met" with progress 160.
test_expect_success 'no baseline, no direction: unknown, never met (issue 17 #5)' '
	cd "$P" &&
	kam goal add "Open defects at go-live" --target 5 >out &&
	echo G-5 >expect && test_cmp expect out &&
	kam goal set G-5 --actual 8 2>err &&
	grep "^G-5,Open defects at go-live,,,5,8,,open,\$" goals.csv &&
	echo "kam: note: G-5: actual 8 against target 5: whether lower or higher is better is unknown (no baseline, no direction); status stays open (give --lower-is-better or --higher-is-better)" >expect &&
	test_cmp expect err &&
	kam goal list --format json >out &&
	grep "^{\"id\":\"G-5\",.*\"status\":\"open\",\"direction\":null,\"progress\":null}" out
'

test_expect_success 'reaching the target exactly is met whatever the direction' '
	cd "$P" &&
	kam goal add "Sites live" --target 3 --actual 3 >/dev/null &&
	grep "^G-6,Sites live,,,3,3,,met,\$" goals.csv
'

test_expect_success '--lower-is-better: 8 above a target of 5 is missed (no due date); 4 is met; progress null without a baseline' '
	cd "$P" &&
	kam goal set G-5 --lower-is-better 2>err &&
	test ! -s err &&
	grep "^G-5,Open defects at go-live,,,5,8,,missed,lower\$" goals.csv &&
	kam goal list --format json >out &&
	grep "^{\"id\":\"G-5\",.*\"status\":\"missed\",\"direction\":\"lower\",\"progress\":null}" out &&
	kam goal set G-5 --actual 4 &&
	grep "^G-5,.*,5,4,,met,lower\$" goals.csv
'

test_expect_success '--higher-is-better with no baseline: from 0, 8 of 5 is met at 160%' '
	cd "$P" &&
	kam goal set G-5 --higher-is-better --actual 8 &&
	grep "^G-5,.*,5,8,,met,higher\$" goals.csv &&
	kam goal list --format json >out &&
	grep "^{\"id\":\"G-5\",.*\"direction\":\"higher\",\"progress\":160}" out
'

test_expect_success '--direction lower with a baseline: 20 -> 5, at 8: 80%, open while due ahead' '
	cd "$P" &&
	kam goal add "Tickets a week" --baseline 20 --target 5 --actual 8 \
	    --due 2027-01-31 --direction lower >/dev/null &&
	grep "^G-7,Tickets a week,,20,5,8,2027-01-31,open,lower\$" goals.csv &&
	kam goal list --format json >out &&
	grep "^{\"id\":\"G-7\",.*\"status\":\"open\",\"direction\":\"lower\",\"progress\":80}" out &&
	kam goal set G-7 --direction "" &&
	grep "^G-7,Tickets a week,,20,5,8,2027-01-31,open,\$" goals.csv
'

test_expect_success 'direction refusals: unknown value, both flags, a direction against baseline and target' '
	cd "$P" &&
	refused 64 goal set G-7 --direction sideways &&
	refused 64 goal set G-7 --lower-is-better --higher-is-better &&
	refused 64 goal set G-7 --direction lower --higher-is-better &&
	refused 64 goal set G-7 --higher-is-better &&
	echo "kam: G-7: direction higher contradicts baseline 20 and target 5 (the target is below the baseline)" >expect &&
	test_cmp expect "$TRASH/err" &&
	refused 64 goal add "X" --baseline 1 --target 9 --lower-is-better
'

test_expect_success 'kam check: a hand-edited direction that baseline and target contradict is invalid (65, file:line); one they agree with, or cannot say, is not' '
	new_project handdir &&
	printf "id,title,metric,baseline,target,actual,due,status,direction\nG-1,Fewer defects,,20,5,,,open,lower\nG-2,Uptime,,98,99.9,,,open,higher\nG-3,Tickets,,,5,,,open,higher\n" >goals.csv &&
	git add goals.csv && git commit -q -m goals &&
	kam check >/dev/null &&
	sed -i "2s/,lower\$/,higher/; 3s/,higher\$/,lower/" goals.csv &&
	git commit -q -am contradict &&
	test_expect_code 65 kam check >out 2>err &&
	cat >expect <<-\EOF &&
	goals.csv:2: error: invalid-value: G-1: direction: invalid value ${Q}higher${Q}: baseline 20 and target 5 say lower is better (the target is below the baseline)
	goals.csv:3: error: invalid-value: G-2: direction: invalid value ${Q}lower${Q}: baseline 98 and target 99.9 say higher is better (the target is above the baseline)
	kam check: 2 invalid, 0 red, 0 amber: invalid data
	EOF
	sed "s/\${Q}/'"'"'/g" expect >expect.q &&
	test_cmp expect.q out
'

test_expect_success 'a goals.csv without the direction column is read, and gets it when one is set' '
	cd "$P" &&
	new_project old &&
	printf "id,title,metric,baseline,target,actual,due,status\nG-1,Fewer tickets,,,5,,,open\n" >goals.csv &&
	git add goals.csv && git commit -q -m old &&
	kam goal list --format csv >out &&
	echo "\"G-1\",\"Fewer tickets\",\"\",\"\",\"5\",\"\",\"\",\"open\",\"\"" >expect &&
	tail -n 1 out >last && test_cmp expect last &&
	kam goal set G-1 --actual 4 --lower-is-better &&
	printf "id,title,metric,baseline,target,actual,due,status,direction\nG-1,Fewer tickets,,,5,4,,met,lower\n" >expect &&
	test_cmp expect goals.csv
'

test_expect_success 'completion offers the direction options' '
	cd "$P" &&
	kam __complete goal add x --l >out &&
	echo --lower-is-better >expect && test_cmp expect out &&
	kam __complete goal set G-1 --h >out &&
	echo --higher-is-better >expect && test_cmp expect out &&
	kam __complete goal set G-1 --di >out &&
	echo --direction= >expect && test_cmp expect out
'

test_expect_success 'goal set refusals' '
	cd "$P" &&
	refused 64 goal set G-1 &&
	refused 65 goal set G-9 --actual 1 &&
	echo "kam: goal G-9 does not exist in goals.csv" >expect &&
	test_cmp expect "$TRASH/err" &&
	refused 64 goal set X-1 --actual 1 &&
	refused 64 goal set G-1 --status finished &&
	refused 64 goal set G-1 --status "" &&
	refused 64 goal set G-1 --title "" &&
	refused 64 goal set G-1 --due tomorrow
'

test_expect_success 'nothing changed: no commit, exit 1 (exit 0 means one commit)' '
	cd "$P" &&
	git rev-parse HEAD >"$TRASH/before" &&
	test_expect_code 1 kam goal set G-1 --actual 3.5 2>err &&
	git rev-parse HEAD >"$TRASH/after" &&
	test_cmp "$TRASH/before" "$TRASH/after" &&
	grep "goal set G-1: nothing to change" err
'

test_done
