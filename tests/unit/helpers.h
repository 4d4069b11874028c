/* helpers.h — shared set-up for the unit tests. */
#ifndef TENDO_TEST_HELPERS_H
#define TENDO_TEST_HELPERS_H

#include <stdarg.h>
#include <stdlib.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "routine.h"
#include "timeline.h"

/* Parses text that must be a good routine; fails the test otherwise. */
static inline struct routine *parse_good(const char *text)
{
	struct routine_errors errors;
	struct routine *r = NULL;
	char buf[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];

	if (!routine_parse(text, strlen(text), "test.yaml", &r, &errors)) {
		for (size_t i = 0; i < errors.count; i++)
			print_error("%s\n", error_format(&errors.items[i], buf, sizeof buf));
		fail_msg("the routine did not parse");
	}
	return r;
}

static inline struct timeline build(const struct routine *r, enum leg leg)
{
	struct timeline tl;
	struct tendo_error err;

	if (!timeline_build(r, leg, &tl, &err))
		fail_msg("timeline_build failed: %s", err.message);
	return tl;
}

#endif
