#!/bin/sh
# t6060: kam check for CI platforms (issue 14 #1): GitHub Actions workflow
# commands, SARIF 2.1.0 and GitLab Code Quality, for a project in a
# sub-folder of its repository: paths relative to the repository root,
# the exact line of each finding, levels, escaping, stable fingerprints.
test_description='kam check --format github|sarif|codequality'
. "$(dirname "$0")/lib.sh"

HDR_E="id,date,category,amount,description,ref,task"

test_expect_success 'setup: a project in pm/ of a product repository' '
	mkdir repo && cd repo && git init -q && mkdir -p src pm &&
	echo "int main(void) { return 0; }" >src/main.c &&
	cd pm && kam init --name "CI" --client "ACME" --currency EUR \
	    --start 2026-01-05 >/dev/null &&
	kam people add Ann --side team >/dev/null &&
	kam risk add "Minor" -p 1 -i 2 >/dev/null &&
	kam risk add "Small" -p 2 -i 2 --owner P-1 >/dev/null &&
	kam risk add "Supplier late, 100% sure" -p 5 -i 4 >/dev/null &&
	printf "category,amount\nStaff,10.00\nTravel,100.00\n" >budget.csv &&
	mkdir -p expenses &&
	printf "$HDR_E\nE-1,2026-11-02,Travel,95.00,Taxi,,\n" \
	    >expenses/2026-11.csv &&
	git add -A .. && git commit -q -m "product and project" &&
	sed -n 4p risks.csv | grep -q "^R-3," &&
	sed -n 3p budget.csv | grep -q "^Travel,"
'

test_expect_success 'github: one workflow command per finding, on its line' '
	cd repo/pm &&
	test_expect_code 1 kam check --format github >../../out &&
	cat >../../expect <<-\EOF &&
	::error file=pm/risks.csv,line=4,title=risk-critical-unmanaged::R-3: open, score 20 (critical at 15), without owner or response (red)
	::warning file=pm/budget.csv,line=3,title=budget-warn::Travel: 95.00 EUR spent of 100.00 EUR planned (95.00%25, warning at 90%25) (amber)
	EOF
	test_cmp ../../expect ../../out
'

test_expect_success 'github: paths from the repository root, also from a sub-folder' '
	cd repo/pm && mkdir -p notes && cd notes &&
	test_expect_code 1 kam check --format github >../../../out &&
	grep -q "^::error file=pm/risks.csv,line=4," ../../../out
'

test_expect_success 'github: the project at the repository root has no prefix' '
	new_project root && kam risk add "Big" -p 5 -i 5 >/dev/null &&
	test_expect_code 1 kam check --format github >../out &&
	grep -q "^::error file=risks.csv,line=2,title=risk-critical-unmanaged::R-1: " ../out
'

test_expect_success 'github: property separators in a file name are escaped' '
	cd repo/pm && mkdir -p meetings &&
	printf "# Kick-off\n\n- a loose item\n" >"meetings/2026-11-02 a,b:c.md" &&
	test_expect_code 1 kam check --format github >../../out &&
	grep -q "^::warning file=pm/meetings/2026-11-02 a%2Cb%3Ac.md,line=3,title=minutes-no-sections::" ../../out &&
	rm -r meetings
'

test_expect_success 'github: invalid data is an error with its file and line, newlines escaped; exit 65' '
	cp -r repo bad && cd bad/pm &&
	printf "E-2,2026-11-03,Travel,lots,Hotel,,\n" >>expenses/2026-11.csv &&
	test_expect_code 65 kam check --format github >../../out 2>../../err &&
	grep -q "^::error file=pm/expenses/2026-11.csv,line=3,title=invalid-value::" ../../out &&
	printf "R-9,\"two\nlines\",,1,1,,,\"op\nen\",,,,\n" >>risks.csv &&
	test_expect_code 65 kam check --format github >../../out 2>../../err &&
	grep -q "^::error file=pm/risks.csv,line=5,title=invalid-value::R-9: status: invalid value .op%0Aen.: " ../../out &&
	test $(wc -l <../../out) = 2
'

test_expect_success 'github: a healthy project prints nothing and exits 0' '
	new_project empty &&
	kam check --format github >../out &&
	! test -s ../out
'

test_expect_success 'sarif: SARIF 2.1.0 with the required properties' '
	cd repo/pm &&
	test_expect_code 1 kam check --format sarif >../../out.sarif &&
	kam check --format json >../../out.json; test $? = 1 &&
	python3 - ../../out.sarif ../../out.json <<-\EOF
	import json, sys
	d = json.load(open(sys.argv[1]))
	findings = json.load(open(sys.argv[2]))
	assert d["version"] == "2.1.0", d["version"]
	assert "$schema" in d
	assert len(d["runs"]) == 1
	run = d["runs"][0]
	drv = run["tool"]["driver"]
	assert drv["name"] == "kam"
	ids = [r["id"] for r in drv["rules"]]
	assert len(ids) == len(set(ids)) and len(ids) > 30, ids
	for r in drv["rules"]:
	    assert r["shortDescription"]["text"]
	    assert r["fullDescription"]["text"]
	    assert r["help"]["text"]
	    assert r["defaultConfiguration"]["level"] in ("error", "warning")
	assert len(run["results"]) == len(findings) == 2
	for res in run["results"]:
	    assert res["level"] in ("error", "warning")
	    assert drv["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
	    assert res["message"]["text"]
	    loc = res["locations"][0]["physicalLocation"]
	    assert not loc["artifactLocation"]["uri"].startswith("/")
	    assert len(res["partialFingerprints"]["kamFinding/v1"]) == 40
	r = [x for x in run["results"] if x["ruleId"] == "risk-critical-unmanaged"][0]
	assert r["level"] == "error"
	loc = r["locations"][0]["physicalLocation"]
	assert loc["artifactLocation"]["uri"] == "pm/risks.csv", loc
	assert loc["region"]["startLine"] == 4, loc
	assert r["message"]["text"].startswith("R-3: open, score 20")
	r = [x for x in run["results"] if x["ruleId"] == "budget-warn"][0]
	assert r["level"] == "warning"
	loc = r["locations"][0]["physicalLocation"]
	assert loc["artifactLocation"]["uri"] == "pm/budget.csv"
	assert loc["region"]["startLine"] == 3
	EOF
'

test_expect_success 'sarif: file names are URI references; no findings, no results' '
	cd repo/pm && mkdir -p meetings &&
	printf "# Kick-off\n\n- a loose item\n" >"meetings/2026-11-02 kick off.md" &&
	test_expect_code 1 kam check --format sarif >../../out.sarif &&
	rm -r meetings &&
	python3 -c "
import json, sys
d = json.load(open(\"../../out.sarif\"))
uris = [r[\"locations\"][0][\"physicalLocation\"][\"artifactLocation\"][\"uri\"] for r in d[\"runs\"][0][\"results\"]]
assert \"pm/meetings/2026-11-02%20kick%20off.md\" in uris, uris
" &&
	new_project empty2 &&
	kam check --format sarif >../out.sarif &&
	python3 -c "
import json
d = json.load(open(\"../out.sarif\"))
assert d[\"runs\"][0][\"results\"] == []
"
'

test_expect_success 'codequality: the report GitLab reads' '
	cd repo/pm &&
	test_expect_code 1 kam check --format codequality >../../cq1 &&
	python3 - ../../cq1 <<-\EOF
	import json, sys
	d = json.load(open(sys.argv[1]))
	assert isinstance(d, list) and len(d) == 2
	for x in d:
	    for k in ("description", "check_name", "fingerprint", "severity"):
	        assert isinstance(x[k], str) and x[k], k
	    assert x["severity"] in ("info", "minor", "major", "critical", "blocker")
	    assert isinstance(x["location"]["path"], str)
	    assert isinstance(x["location"]["lines"]["begin"], int)
	assert len({x["fingerprint"] for x in d}) == len(d)
	r = [x for x in d if x["check_name"] == "risk-critical-unmanaged"][0]
	assert r["severity"] == "critical"
	assert r["location"] == {"path": "pm/risks.csv", "lines": {"begin": 4}}, r
	a = [x for x in d if x["check_name"] == "budget-warn"][0]
	assert a["severity"] == "minor"
	assert a["location"] == {"path": "pm/budget.csv", "lines": {"begin": 3}}, a
	EOF
'

fingerprints () {
	python3 -c "
import json, sys
for x in json.load(open(sys.argv[1])):
    print(x[\"check_name\"], x[\"fingerprint\"])
" "$1" | sort
}

test_expect_success 'codequality: fingerprints are stable across runs' '
	cd repo/pm &&
	test_expect_code 1 kam check --format codequality >../../cq2 &&
	test_cmp ../../cq1 ../../cq2 &&
	fingerprints ../../cq1 >../../f1 &&
	test $(wc -l <../../f1) = 2
'

test_expect_success 'codequality: the same finding keeps its fingerprint when its numbers change' '
	cp -r repo moved && cd moved/pm &&
	kam risk assess R-3 -p 4 -i 4 >/dev/null &&
	printf "E-2,2026-11-03,Travel,1.00,Tip,,\n" >>expenses/2026-11.csv &&
	test_expect_code 1 kam check --format codequality >../../cq3 &&
	! grep -q "score 20" ../../cq3 &&
	fingerprints ../../cq3 >../../f3 &&
	test_cmp ../../f1 ../../f3 &&
	kam check --format sarif >../../s3; test $? = 1 &&
	grep -q "$(sed -n "1s/.* //p" ../../f1)" ../../s3
'

test_expect_success 'codequality: another finding has another fingerprint' '
	cp -r repo other && cd other/pm &&
	kam risk add "Another" -p 5 -i 5 >/dev/null &&
	test_expect_code 1 kam check --format codequality >../../cq4 &&
	fingerprints ../../cq4 >../../f4 &&
	test $(sort -u ../../f4 | wc -l) = 3 &&
	grep -c "^risk-critical-unmanaged " ../../f4 | grep -qx 2
'

test_expect_success 'the CI formats are for kam check only' '
	cd repo/pm &&
	for f in github sarif codequality; do
		test_expect_code 64 kam risk list --format $f 2>../../err &&
		grep -q "format $f is for kam check" ../../err || exit 1
	done
'

test_expect_success 'completion offers the CI formats after kam check' '
	kam __complete check --format=s >out &&
	echo "--format=sarif" >expect &&
	test_cmp expect out &&
	kam __complete risk list --format=s >out &&
	! test -s out
'

test_done
