#!/bin/sh
# t5500: money for people (issue 10): table and Markdown output, kam
# status and kam check group thousands and show the currency, as
# [project] number-format says; JSON, CSV and the files keep the exact
# machine form.
test_description='money written for people'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a budget with thousands' '
	new_project &&
	kam budget set services 4150000 >/dev/null &&
	kam budget spend 928400 --category services --date 2026-11-20 \
	    "Sprint 1" >/dev/null &&
	kam budget spend 12.5 --category services --date 2026-11-21 \
	    "Taxi" >/dev/null
'

test_expect_success 'table: grouped, with the currency, right-aligned' '
	cd proj &&
	kam budget list >../out &&
	grep -q "^E-1  2026-11-20  services  928,400.00 CNY  Sprint 1" ../out &&
	grep -q "^E-2  2026-11-21  services       12.50 CNY  Taxi" ../out &&
	kam budget audit >../out &&
	grep -q "^services  4,150,000.00 CNY  928,412.50 CNY  3,221,587.50 CNY " ../out
'

test_expect_success 'md: the same for people' '
	cd proj &&
	kam budget list --format md >../out &&
	grep -q "| 928,400.00 CNY |" ../out
'

test_expect_success 'json, csv and the files keep the machine form' '
	cd proj &&
	kam budget list --format json >../out &&
	grep -q "\"amount\":928400.00" ../out &&
	kam budget list --format csv >../out &&
	grep -q "\"928400.00\"" ../out &&
	grep -q ",928400.00," expenses/2026-11.csv &&
	grep -q "^services,4150000.00\$" budget.csv
'

test_expect_success 'kam status and kam check: money for people' '
	cd proj &&
	kam status >../out &&
	grep -q "^budget  *green  928,412.50 CNY spent of 4,150,000.00 CNY planned (22.37%)\$" ../out &&
	kam status --format json >../out &&
	grep -q "928,412.50 CNY spent" ../out
'

test_expect_success 'number-format 1.234,56 and 1 234,56' '
	cd proj &&
	git config -f kam.conf project.number-format 1.234,56 &&
	kam budget list >../out &&
	grep -q " 928.400,00 CNY " ../out &&
	kam budget list --format json >../out &&
	grep -q "\"amount\":928400.00" ../out &&
	git config -f kam.conf project.number-format "1 234,56" &&
	kam budget audit >../out &&
	grep -q " 4 150 000,00 CNY " ../out &&
	git config -f kam.conf project.number-format 1,234.56 &&
	kam budget list >../out &&
	grep -q " 928,400.00 CNY " ../out
'

test_expect_success 'an unknown number-format is invalid data' '
	cd proj &&
	git config -f kam.conf project.number-format "1_234.56" &&
	test_expect_code 65 kam budget list 2>../err &&
	grep -q "project.number-format: invalid value" ../err &&
	git config -f kam.conf --unset project.number-format
'

test_expect_success 'a project without a currency: grouped, no code' '
	new_project nocur &&
	git config -f kam.conf --unset project.currency &&
	git commit -qam "no currency" &&
	kam budget set travel 1500 >/dev/null &&
	kam budget audit >../out &&
	grep -q "^travel  *1,500.00  *0.00  *1,500.00 " ../out
'

test_done
