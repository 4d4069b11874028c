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

/* Parses one of the routine files that ship; fails the test if it is bad. */
static inline struct routine *read_shipped(const char *name)
{
	char path[512], *text;
	FILE *f;
	long len;
	struct routine *r;

	snprintf(path, sizeof path, "%s/../../routines/%s", FIXTURES, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)len + 1);
	assert_int_equal(fread(text, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	r = parse_good(text);
	free(text);
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
