/* screens.h — the screens of tendo, each run on the ui loop.
 *
 * Each function builds its screen's state, runs it with ui_run() and
 * returns what the person chose. The screens draw what they are handed;
 * none reads files or the clock except through ui and cues.
 */
#ifndef TENDO_SCREENS_H
#define TENDO_SCREENS_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "cues.h"
#include "engine.h"
#include "timeline.h"
#include "ui.h"

enum screen_outcome {
	OUTCOME_CHOSEN, /* the person chose (a routine, a leg) or finished */
	OUTCOME_BACK,   /* the person went back or quit this screen */
	OUTCOME_STOP,   /* a stop signal arrived */
};

/* The routine list. On OUTCOME_CHOSEN, *chosen is the index of a good entry
 * in cat. */
enum screen_outcome picker_run(struct ui *ui, const struct catalog *cat, size_t *chosen);

/* Asks which leg is affected. On OUTCOME_CHOSEN, *leg is LEG_LEFT or
 * LEG_RIGHT. */
enum screen_outcome leg_prompt_run(struct ui *ui, const struct routine *routine, enum leg *leg);

struct session_options {
	double speed;            /* session seconds per real second */
	struct cue_sinks *sinks; /* borrowed */
};

/* Coaches the person through tl, then shows the summary. Fills *tally with
 * what was done. OUTCOME_CHOSEN when the session ran to its end or the
 * person quit it and left the summary; OUTCOME_STOP on a signal. */
enum screen_outcome session_run(struct ui *ui, const struct timeline *tl,
                                const struct session_options *options, struct engine_tally *tally,
                                bool *quit_early);

#endif
