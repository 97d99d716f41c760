/*
 * fuzz_conf.c: kam.conf (lib/project.c, read through libgit2's config
 * parser) and the calendar built from it (lib/plan.c's working days).
 *
 * Invariants: project_read_conf() never crashes; when it accepts, the
 * digits are 0-4, the holidays are sorted, there is a working day, and
 * the calendar's day indexes and dates agree both ways.
 */
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "fuzz.h"
#include "plan.h"
#include "project.h"
#include "value.h"

static char path[256];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct project p = PROJECT_INIT;
	struct plan_cal cal = PLAN_CAL_INIT;
	static char dir[] = "/tmp/kam-fuzz-conf.XXXXXX";
	FILE *f;
	size_t i;
	long k, idx;
	int32_t d;

	if (size > 65536)
		return 0;
	fuzz_quiet();
	if (path[0] == '\0') {
		/* libgit2 refuses every call before its init. */
		FUZZ_ASSERT(git_libgit2_init() > 0);
		FUZZ_ASSERT(mkdtemp(dir) != NULL);
		snprintf(path, sizeof(path), "%s/kam.conf", dir);
	}
	FUZZ_ASSERT((f = fopen(path, "wb")) != NULL);
	FUZZ_ASSERT(fwrite(data, 1, size, f) == size || size == 0);
	FUZZ_ASSERT(fclose(f) == 0);
	if (project_read_conf(&p, path) == 0) {
		FUZZ_ASSERT(p.digits >= 0 && p.digits <= 4);
		FUZZ_ASSERT((p.workdays & 0x7f) != 0);
		for (i = 1; i < p.nholidays; i++)
			FUZZ_ASSERT(p.holidays[i - 1] <= p.holidays[i]);
		if (p.start == 0)
			p.start = date_from_ymd(2026, 1, 5);
		if (plan_cal_init(&cal, &p) == 0) {
			for (k = -30; k < 400; k += 7) {
				d = plan_cal_date(&cal, k);
				FUZZ_ASSERT(project_is_workday(&p, d));
				idx = plan_cal_index(&cal, d);
				FUZZ_ASSERT(idx == k);
			}
		}
		plan_cal_release(&cal);
	}
	project_release(&p);
	return 0;
}
