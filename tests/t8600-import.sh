#!/bin/sh
# t8600: kam import: header mapping, keys and re-import, references, real
# exports (BOM, CRLF, GB18030, UTF-16, delimiters, date formats, digit
# groups), all-or-nothing with every bad row named, dry run, one commit;
# and the Jira preset.
test_description='kam import'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"

# State of the repository: HEAD, every ref, the index and the work tree.
snapshot () {
	git rev-parse HEAD >"$1" &&
	git for-each-ref >>"$1" &&
	sha256sum .git/index *.csv >>"$1" &&
	git status --porcelain -uno >>"$1"
}

# kam check finds no data error (health findings, exit 1, are fine).
data_ok () {
	kam check >check.out 2>&1
	rc=$?
	test $rc = 0 || test $rc = 1 || { cat check.out; return 1; }
}

commits () {
	git rev-list --count HEAD
}

test_expect_success 'setup: a project with people' '
	new_project &&
	kam people add "Carol Client" --side client --email carol@acme.example \
	    >/dev/null &&
	kam people add "Tom Team" --side team --email tom@team.example \
	    >/dev/null
'

# The client's list: BOM, CRLF, headers in another case, a quoted comma,
# a person by name and by email, enum values capitalised.
test_expect_success 'import requirements: one commit, ids, ref, counts' '
	cd "$P" &&
	printf "\357\273\277No.,TITLE,Priority,status,Requested by,Notes\r\n" >reqs.csv &&
	printf "C-1,\"Login, SSO\",Must,Draft,carol client,x\r\n" >>reqs.csv &&
	printf "C-2,Export,should,draft,TOM@team.example,\r\n" >>reqs.csv &&
	printf "C-3,Audit log,could,draft,,\r\n" >>reqs.csv &&
	printf "C-4,Reports,Wont,draft,P-1,\r\n" >>reqs.csv &&
	before=$(commits) &&
	kam import requirements reqs.csv --key No. --map "source=Requested by" \
	    >out 2>err &&
	test $(commits) = $((before + 1)) &&
	cat >expect <<-\EOF &&
	table         added  changed  unchanged
	requirements      4        0          0
	EOF
	test_cmp expect out &&
	grep "columns not imported: .Notes." err &&
	echo "kam: import 4 requirements from reqs.csv" >expect &&
	git log -1 --format=%s >actual && test_cmp expect actual &&
	git log -1 --format=%b | grep "^requirements: 4 added, 0 changed, 0 unchanged\$" &&
	git show --name-only --format= HEAD >files &&
	echo requirements.csv >expect && test_cmp expect files &&
	cat >expect <<-\EOF &&
	id,title,priority,status,source,confirmed_by,confirmed_on,acceptance,ref
	REQ-1,"Login, SSO",must,draft,P-1,,,,C-1
	REQ-2,Export,should,draft,P-2,,,,C-2
	REQ-3,Audit log,could,draft,,,,,C-3
	REQ-4,Reports,wont,draft,P-1,,,,C-4
	EOF
	test_cmp expect requirements.csv &&
	git status --porcelain -uno >st && test ! -s st &&
	kam check >/dev/null
'

test_expect_success 'importing the same file again: no commit, all unchanged' '
	cd "$P" &&
	head=$(git rev-parse HEAD) &&
	kam import requirements reqs.csv --key No. --map "source=Requested by" \
	    >out 2>/dev/null &&
	grep "^requirements  *0  *0  *4\$" out &&
	test "$(git rev-parse HEAD)" = "$head"
'

test_expect_success 'a re-sent spreadsheet: three changed rows and one new' '
	cd "$P" &&
	cat >reqs2.csv <<-\EOF &&
	No.,Title,Priority,Status,Requested by
	C-1,"Login, SSO and MFA",must,draft,Carol Client
	C-2,Export,must,draft,tom@team.example
	C-3,Audit log,could,draft,Carol Client
	C-4,Reports,wont,draft,P-1
	C-5,Dashboards,should,draft,
	EOF
	kam --format json import requirements reqs2.csv --key No. \
	    --map "source=Requested by" >out &&
	cat >expect <<-\EOF &&
	[
	{"table":"requirements","added":1,"changed":3,"unchanged":1}
	]
	EOF
	test_cmp expect out &&
	git log -1 --format=%b | grep "^requirements: 1 added, 3 changed, 1 unchanged\$" &&
	grep "^REQ-1,\"Login, SSO and MFA\",must,draft,P-1,,,,C-1\$" requirements.csv &&
	grep "^REQ-3,Audit log,could,draft,P-1,,,,C-3\$" requirements.csv &&
	grep "^REQ-5,Dashboards,should,draft,,,,,C-5\$" requirements.csv
'

test_expect_success 'a re-import keeps what the file does not map' '
	cd "$P" &&
	printf "No.,Title,Priority,Status\nC-3,Audit trail,could,analysed\n" >one.csv &&
	kam import requirements one.csv --key No. >/dev/null &&
	grep "^REQ-3,Audit trail,could,analysed,P-1,,,,C-3\$" requirements.csv
'

test_expect_success 'a file with two bad rows: 65, both named, nothing changed' '
	cd "$P" &&
	cat >bad.csv <<-\EOF &&
	No.,Title,Priority,Status
	C-10,Fine,must,draft
	C-11,Bad priority,urgent,draft
	C-12,"Two
	lines",must,draft
	C-13,,must,draft
	EOF
	snapshot before &&
	test_expect_code 65 kam import requirements bad.csv --key No. >out 2>err &&
	test ! -s out &&
	snapshot after && test_cmp before after &&
	grep "^kam: bad.csv:3: Priority: invalid value .urgent.: expected one of: must should could wont\$" err &&
	grep "^kam: bad.csv:6: Title: must not be empty" err &&
	grep "^kam: bad.csv: 2 bad rows; nothing imported\$" err &&
	test $(grep -c "^kam: bad.csv:[0-9]" err) = 2
'

test_expect_success 'a required column the file lacks is a usage error naming it' '
	cd "$P" &&
	printf "Name,Due\nx,2026-01-01\n" >nocol.csv &&
	snapshot before &&
	test_expect_code 64 kam import requirements nocol.csv 2>err &&
	grep "no column for title, priority, status of requirements" err &&
	snapshot after && test_cmp before after
'

test_expect_success 'usage errors: --map to no column, --key to no header' '
	cd "$P" &&
	test_expect_code 64 kam import requirements reqs.csv --map nosuch=Title 2>err &&
	grep "requirements has no column .nosuch." err &&
	test_expect_code 64 kam import requirements reqs.csv --map title=Nope 2>err &&
	grep "reqs.csv has no column .Nope." err &&
	test_expect_code 64 kam import requirements reqs.csv --key Nope 2>err &&
	test_expect_code 64 kam import nosuch reqs.csv 2>err &&
	test_expect_code 64 kam import expenses reqs.csv 2>err &&
	grep "no column for date, category, amount of expenses" err &&
	test_expect_code 64 kam import requirements 2>err &&
	grep "^usage: kam import table file" err &&
	test_expect_code 66 kam import requirements no-such-file.csv 2>err
'

test_expect_success 'a duplicate key in one file is a bad row' '
	cd "$P" &&
	printf "No.,Title,Priority,Status\nK-1,a,must,draft\nK-1,b,must,draft\n" >dup.csv &&
	test_expect_code 65 kam import requirements dup.csv --key No. 2>err &&
	grep "^kam: dup.csv:3: key .K-1. is also the key of an earlier row" err
'

test_expect_success 'GB18030 stakeholders with Chinese names (--encoding)' '
	cd "$P" &&
	printf "name,side,org,email\r\n张伟,client,华为技术,zw@example.cn\r\n李娜,partner,,ln@example.cn\r\n" |
	    iconv -f UTF-8 -t GB18030 >ppl.csv &&
	snapshot before &&
	test_expect_code 65 kam import people ppl.csv 2>err &&
	grep "invalid UTF-8" err && grep "encoding" err &&
	snapshot after && test_cmp before after &&
	kam import people ppl.csv --encoding gb18030 >/dev/null &&
	grep "^P-3,张伟,client,华为技术,,zw@example.cn" people.csv &&
	grep "^P-4,李娜,partner,," people.csv
'

test_expect_success 'UTF-16 with BOM, tab-separated (Excel Unicode text)' '
	cd "$P" &&
	printf "Name\tSide\tRole\n王芳\tteam\t\"顾问, 高级\"\n" |
	    iconv -f UTF-8 -t UTF-16LE >body &&
	printf "\377\376" >ppl16.txt && cat body >>ppl16.txt &&
	kam import people ppl16.txt >/dev/null &&
	grep "^P-5,王芳,team,,\"顾问, 高级\"," people.csv
'

test_expect_success 'tasks: semicolons, dd.mm.yyyy, 1.234,50, references by key' '
	cd "$P" &&
	cat >plan.csv <<-\EOF &&
	Key;Title;Duration;After;Owner;Deadline;Cost;Reqs
	A;Design;3;;Tom Team;01.02.2026;1.234,50;C-1
	B;Build;5;A;;11.2.2026;0;C-1, C-2
	C;Test;2;A B;tom@team.example;;;REQ-4
	EOF
	kam import tasks plan.csv --delimiter ";" --key Key --map depends=After \
	    --map assignee=Owner --date-format %d.%m.%Y --thousands . >/dev/null &&
	cat >expect <<-\EOF &&
	id,title,duration,depends,assignee,start,finish,progress,cost,reqs,deadline,baseline_start,baseline_finish,ref
	T-1,Design,3,,P-2,,,,1234.50,REQ-1,2026-02-01,,,A
	T-2,Build,5,T-1,,,,,0.00,REQ-1 REQ-2,2026-02-11,,,B
	T-3,Test,2,T-1 T-2,P-2,,,,,REQ-4,,,,C
	EOF
	test_cmp expect tasks.csv &&
	kam plan >/dev/null
'

test_expect_success 'a dependency cycle in the file is refused' '
	cd "$P" &&
	printf "Key,Title,Duration,depends\nX,x,1,Y\nY,y,1,X\n" >cyc.csv &&
	snapshot before &&
	test_expect_code 65 kam import tasks cyc.csv --key Key 2>err &&
	grep "cycle" err &&
	snapshot after && test_cmp before after
'

test_expect_success 'an unknown reference or person is a bad row' '
	cd "$P" &&
	printf "Key,Title,Duration,depends,assignee\nZ1,z,1,NOPE,Nobody\nZ2,z,1,T-99,\n" >ref.csv &&
	test_expect_code 65 kam import tasks ref.csv --key Key 2>err &&
	grep "^kam: ref.csv:2: depends: .NOPE. is not a key" err &&
	grep "^kam: ref.csv:2: assignee: no person .Nobody." err &&
	grep "^kam: ref.csv:3: depends: task T-99 does not exist" err
'

for f in "%Y-%m-%d 2026-03-07" "%d/%m/%Y 07/03/2026" "%m/%d/%Y 03/07/2026" \
    "%Y/%m/%d 2026/03/07" "%d.%m.%Y 7.3.2026" "%Y年%m月%d日 2026年3月7日" \
    "%d/%b/%y 07/Mar/26 5:00 PM"; do
	fmt=${f%% *}
	val=${f#* }
	test_expect_success "--date-format $fmt reads '$val'" "
		cd \"\$P\" &&
		printf 'title,date,kind,lesson\nx,%s,keep,y\n' \"$val\" >d.csv &&
		kam import lessons d.csv --date-format '$fmt' --dry-run >out &&
		grep 'date 2026-03-07' out
	"
done

test_expect_success 'an impossible date is a bad row' '
	cd "$P" &&
	printf "date,kind,lesson\n30/02/2026,keep,y\n" >d.csv &&
	test_expect_code 65 kam import lessons d.csv --date-format %d/%m/%Y 2>err &&
	grep "^kam: d.csv:2: date: invalid date .30/02/2026." err
'

test_expect_success 'digit groups without --thousands are refused, with it read' '
	cd "$P" &&
	printf "category,amount\nTravel,\"12,000.00\"\n" >b.csv &&
	test_expect_code 65 kam import budget b.csv 2>err &&
	grep "thousands" err &&
	kam import budget b.csv --thousands , >/dev/null &&
	grep "^Travel,12000.00\$" budget.csv &&
	printf "category,amount\nTravel,\"13,000.00\"\n" >b.csv &&
	kam import budget b.csv --thousands , >out &&
	grep "^budget  *0  *1  *0\$" out &&
	grep "^Travel,13000.00\$" budget.csv
'

test_expect_success '--keep-extra keeps unmapped columns; repeated headers pass' '
	cd "$P" &&
	printf "title,probability,impact,status,Labels,Labels,Area\nSupplier late,3,4,open,a,b,Ops\n" >risks.in &&
	kam import risks risks.in 2>err >/dev/null &&
	grep "not imported: .Labels., .Labels., .Area." err &&
	head -n 1 risks.csv >h && grep -v Area h &&
	kam import risks risks.in --keep-extra 2>err >/dev/null &&
	head -n 1 risks.csv >h &&
	grep ",Labels,Area\$" h &&
	grep "^R-2,Supplier late,,3,4,,,open,,,,,a,Ops\$" risks.csv &&
	data_ok
'

test_expect_success 'a repeated header cannot be mapped' '
	cd "$P" &&
	test_expect_code 64 kam import risks risks.in --map category=Labels 2>err &&
	grep "more than one column" err
'

test_expect_success '--dry-run prints the changes and changes nothing' '
	cd "$P" &&
	printf "No.,Title,Priority,Status\nC-5,Dashboards v2,should,draft\nC-9,New,must,draft\n" >dry.csv &&
	snapshot before &&
	kam import requirements dry.csv --key No. --dry-run >out &&
	snapshot after && test_cmp before after &&
	grep "REQ-5 title Dashboards -> \"Dashboards v2\"" out &&
	grep "REQ-6 added: New" out &&
	kam --format md import requirements dry.csv --key No. --dry-run >md &&
	grep "^| requirements | 1 | 0 | 1 |\$" md &&
	kam --format json import requirements dry.csv --key No. -n >json &&
	grep "\"id\":\"REQ-6\"" json
'

test_expect_success 'the -m text follows the counts in the commit body' '
	cd "$P" &&
	kam import requirements dry.csv --key No. -m "client list of 3 Dec" >/dev/null &&
	git log -1 --format=%b >body &&
	grep "^requirements: 1 added, 1 changed, 0 unchanged\$" body &&
	grep "^client list of 3 Dec\$" body
'

# Jira: repeated Labels/Sprint/link headers, a summary with a newline and
# a comma, links between issues, every routed type.
test_expect_success 'kam import jira: types to tables, keys, links, one commit' '
	new_project jp &&
	kam people add "Tom Team" --side team --email tom@team.example >/dev/null &&
	kam people add "Carol Client" --side client >/dev/null &&
	cat >jira.csv <<-\EOF &&
	Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Reporter,Created,Due date,Original Estimate,Labels,Labels,Sprint,Sprint,Outward issue link (Blocks),Outward issue link (Blocks)
	Customer portal,KA-1,10001,Epic,To Do,High,,Carol Client,03/Nov/26 9:15 AM,,,portal,,,,,
	"Design the login page,
	with SSO",KA-2,10002,Story,Done,Medium,Tom Team,Carol Client,03/Nov/26 9:20 AM,20/Nov/26 5:00 PM,57600,ui,web,S1,S2,KA-3,KA-4
	Build login API,KA-3,10003,Task,In Progress,Medium,tom@team.example,Carol Client,04/Nov/26 10:00 AM,30/Nov/26,86400,api,,S2,,KA-4,
	Write tests,KA-4,10004,Sub-task,To Do,Low,,Carol Client,04/Nov/26 10:05 AM,,,,,,,,
	Login fails on Safari,KA-5,10005,Bug,Open,Highest,,Carol Client,05/Nov/26 2:00 PM,,,,,,,,
	EOF
	kam import jira jira.csv >out &&
	cat >expect <<-\EOF &&
	table         added  changed  unchanged
	tasks             3        0          0
	requirements      1        0          0
	defects           1        0          0
	EOF
	test_cmp expect out &&
	echo "kam: import 5 records from jira.csv" >expect &&
	git log -1 --format=%s >actual && test_cmp expect actual &&
	git show --name-only --format= HEAD | sort >files &&
	printf "defects.csv\nrequirements.csv\ntasks.csv\n" >expect &&
	test_cmp expect files &&
	cat >expect <<-\EOF &&
	id,title,duration,depends,assignee,start,finish,progress,cost,reqs,deadline,baseline_start,baseline_finish,ref
	T-1,"Design the login page,
	with SSO",2,,P-1,,,100,,,2026-11-20,,,KA-2
	T-2,Build login API,3,T-1,P-1,,,,,,2026-11-30,,,KA-3
	T-3,Write tests,1,T-1 T-2,,,,,,,,,,KA-4
	EOF
	test_cmp expect tasks.csv &&
	grep "^REQ-1,Customer portal,must,draft,P-2,,,,KA-1\$" requirements.csv &&
	grep "^D-1,Login fails on Safari,critical,,2026-11-05,open,,,KA-5\$" defects.csv &&
	data_ok
'

test_expect_success 'kam import jira again: unchanged, no commit; then an update' '
	cd "$TRASH/jp" &&
	head=$(git rev-parse HEAD) &&
	kam import jira jira.csv >out &&
	test "$(git rev-parse HEAD)" = "$head" &&
	grep "^tasks  *0  *0  *3\$" out &&
	sed "s/^Build login API,KA-3,10003,Task,In Progress/Build login API,KA-3,10003,Task,Done/" \
	    jira.csv >jira2.csv &&
	kam import jira jira2.csv >out &&
	grep "^tasks  *0  *1  *2\$" out &&
	grep "^T-2,Build login API,3,T-1,P-1,,,100," tasks.csv
'

test_expect_success 'kam import jira: an unknown issue type is a bad row' '
	cd "$TRASH/jp" &&
	printf "Summary,Issue key,Issue Type\nx,KA-9,Initiative\n" >j3.csv &&
	test_expect_code 65 kam import jira j3.csv 2>err &&
	grep "^kam: j3.csv:2: Issue Type: .Initiative. is not one of" err &&
	printf "Summary,Key\nx,KA-9\n" >j4.csv &&
	test_expect_code 64 kam import jira j4.csv 2>err &&
	grep "no column .Issue key." err
'

test_expect_success 'kam import jira: a story of an epic implements its requirement (Epic Link)' '
	cd "$TRASH/jp" &&
	cat >j5.csv <<-\EOF &&
	Summary,Issue key,Issue Type,Custom field (Epic Link)
	Reports,KA-20,Epic,
	Monthly report,KA-21,Story,KA-20
	Portal search,KA-22,Story,KA-1
	Orphan,KA-23,Task,KA-99
	EOF
	kam import jira j5.csv >out 2>err &&
	grep -q "^kam: warning: j5.csv:5: Custom field (Epic Link): KA-23 belongs to KA-99, which is neither an epic of the file nor a requirement imported before; not linked\$" err &&
	grep -q "^REQ-2,Reports,.*,KA-20\$" requirements.csv &&
	grep -q "^T-4,Monthly report,.*,REQ-2,,,,KA-21\$" tasks.csv &&
	grep -q "^T-5,Portal search,.*,REQ-1,,,,KA-22\$" tasks.csv &&
	grep -q "^T-6,Orphan,.*,,,,,KA-23\$" tasks.csv &&
	kam req trace REQ-2 >trace &&
	grep -q "T-4" trace
'

test_done
