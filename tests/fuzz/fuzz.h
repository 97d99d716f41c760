/*
 * fuzz.h: shared by the libFuzzer targets of tests/fuzz/.
 *
 * Each target defines LLVMFuzzerTestOneInput() and checks an invariant
 * with FUZZ_ASSERT, which aborts (libFuzzer and the corpus replay both
 * report an abort as a crash).  kam's messages are swallowed: invalid
 * input is expected, only crashes and broken invariants count.
 */
#ifndef KAM_FUZZ_H
#define KAM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "kam.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ASSERT(c) do {						\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: invariant broken: %s\n",	\
		    __FILE__, __LINE__, #c);				\
		abort();						\
	}								\
} while (0)

static void
fuzz_quiet_fn(void *arg, int code, const char *msg)
{
	(void)arg;
	(void)code;
	(void)msg;
}

/* Before each input: no messages, no remembered failure. */
static inline void
fuzz_quiet(void)
{
	kam_msg_capture(fuzz_quiet_fn, NULL);
	kam_err_reset();
}

#endif
