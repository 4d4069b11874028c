/* kiosk.h — tendo on a shared screen, such as a gym's PC by the stretching
 * area: members choose their profile (with their PIN, if they set one),
 * train, and leave; a new member adds themselves; the screen goes back to
 * the members when left alone; and no key leads out of tendo but the
 * staff's PIN.
 *
 * A shell over coach: call kiosk_run() in a started ui after ui_lock(),
 * with ui->idle_ns set.
 */
#ifndef TENDO_KIOSK_H
#define TENDO_KIOSK_H

#include "catalog.h"
#include "coach.h"
#include "cues.h"
#include "screens.h"
#include "store.h"
#include "ui.h"

struct kiosk {
	struct coach_options options; /* for each member's coaching */
	const char *admin_pin;        /* digits or a crypt(3) hash; "": none, tendo stays */
	const char *data_dir;         /* where the members' log is kept (store_open) */
	const char *database;         /* or its PostgreSQL database; NULL: none */
	const char *name;             /* this kiosk in the log (store_set_place); "": the host's */
	const struct catalog *cat;    /* the configured folders' routines; borrowed */
	struct cue_sinks *sinks;      /* borrowed */
};

/* Runs the kiosk (opening its log, and waiting calmly while it can't be)
 * until the staff leave it with the admin PIN
 * (OUTCOME_BACK) or a stop signal or hang-up arrives (OUTCOME_STOP). */
enum screen_outcome kiosk_run(struct ui *ui, const struct kiosk *k);

#endif
