/* fuzz_routine.c — the routine parser, and what is built from a routine
 * it accepts: the timeline for either leg and each week of a program. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "plan.h"
#include "routine.h"
#include "timeline.h"

static void build(const struct routine *r, enum leg leg)
{
	struct timeline tl;
	struct tendo_error err;

	if (timeline_build(r, leg, &tl, &err))
		timeline_free(&tl);
}

/* libFuzzer calls this with each input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct routine_errors *errors = malloc(sizeof *errors);
	struct routine *r = NULL;

	if (!errors)
		return 0;
	if (routine_parse((const char *)data, size, "fuzz.yaml", &r, errors)) {
		build(r, LEG_LEFT);
		build(r, LEG_RIGHT);
		for (int week = 1; r->program && week <= r->program->weeks + 1 && week < 60;
		     week++) {
			struct prescription rx;
			if (plan_prescribe(r, plan_block(r->program, week),
			                   &(struct plan_person){20.0, NULL, week % 2 == 0}, &rx)) {
				build(&rx.routine, LEG_LEFT);
				plan_prescription_free(&rx);
			}
		}
	}
	routine_free(r);
	free(errors);
	return 0;
}
