/* kiosk.c — tendo on a shared screen (see kiosk.h). */
#include "kiosk.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "member.h"
#include "pin.h"
#include "report.h"
#include "spool.h"

enum {
	KIOSK_MAX_MEMBERS = 1000,
	WRONG_PINS_ALLOWED = 3,
	LOCKOUT_S = 30, /* after WRONG_PINS_ALLOWED wrong PINs, a profile waits this long */
	NOTICE_MAX = 400,
};

struct kiosk_state {
	const struct kiosk *k;
	struct store *store; /* the members' log, once it could be opened */
	char notice[NOTICE_MAX];
};

/* A member's own time: their program, their sessions, their history. */
static enum screen_outcome member_time(struct ui *ui, struct kiosk_state *s, const char *name)
{
	const struct kiosk *k = s->k;
	struct coach c;
	enum screen_outcome outcome;

	coach_open(&c, ui, &k->options, k->sinks, s->store, name, NULL);
	outcome = coach_welcome(&c);
	if (outcome != OUTCOME_STOP && outcome != OUTCOME_AWAY && !c.err.message[0])
		outcome = coach_start_screen(&c, k->cat);
	if (c.err.message[0])
		snprintf(s->notice, sizeof s->notice, "%.399s", c.err.message);
	else if (c.journal.problem[0])
		snprintf(s->notice, sizeof s->notice, "%.399s", c.journal.brief);
	coach_close(&c);
	return outcome == OUTCOME_STOP ? OUTCOME_STOP : OUTCOME_BACK;
}

/* Asks a member for their PIN, if they set one. OUTCOME_CHOSEN when it is
 * right (or there is none). */
static enum screen_outcome check_member_pin(struct ui *ui, struct kiosk_state *s,
                                            const struct store_member *m)
{
	char hash[PIN_HASH_MAX], pin[PIN_MEMBER_DIGITS + 1], title[STORE_NAME_MAX + 32];
	const char *notice = NULL;
	enum screen_outcome outcome;
	struct tendo_error err;

	if (!m->has_pin || !store_member_pin(s->store, m->id, hash, sizeof hash))
		return OUTCOME_CHOSEN;
	/* Locked on any kiosk on this log: the lockout is kept in it. */
	if (store_pin_locked_until(s->store, m->id)) {
		snprintf(s->notice, sizeof s->notice,
		         "Too many wrong PINs for %.64s: try again in half a minute.", m->name);
		return OUTCOME_BACK;
	}
	snprintf(title, sizeof title, "tendo \u2014 %s", m->name);
	for (;;) {
		outcome = pin_run(ui, title, "Your PIN, please.", notice, PIN_MEMBER_DIGITS,
		                  PIN_MEMBER_DIGITS, pin);
		if (outcome != OUTCOME_CHOSEN)
			return outcome;
		if (pin_matches(pin, hash)) {
			memset(pin, 0, sizeof pin);
			store_pin_clear(s->store, m->id, &err);
			return OUTCOME_CHOSEN;
		}
		memset(pin, 0, sizeof pin);
		/* A count that can't be kept locks nothing, but the PIN still
		 * has to be right. */
		store_pin_wrong(s->store, m->id, WRONG_PINS_ALLOWED, LOCKOUT_S, &err);
		if (store_pin_locked_until(s->store, m->id)) {
			snprintf(s->notice, sizeof s->notice,
			         "Too many wrong PINs for %.64s: try again in half a minute.",
			         m->name);
			return OUTCOME_BACK;
		}
		notice = "That PIN is not right. Try again.";
	}
}

/* A new member's name: until it is one tendo takes and no one has. */
static enum screen_outcome ask_name(struct ui *ui, struct kiosk_state *s, char *name, size_t size)
{
	struct tendo_error err = {0};
	enum screen_outcome outcome;

	for (;;) {
		outcome = text_run(ui, "tendo \u2014 a new member",
		                   "Your name, as you would like to find it on the list:",
		                   "Letters, digits, spaces and - ' . are fine, up to 40. A first "
		                   "name and an initial is enough; it is only shown here.",
		                   err.message, name, size);
		if (outcome != OUTCOME_CHOSEN)
			return outcome;
		if (!member_name_check(name, &err))
			continue;
		if (!store_member_taken(s->store, name))
			return outcome;
		error_set(&err, NULL, 0, 0,
		          "Someone called %s is already here: add an initial or a number.", name);
	}
}

/* A new member's PIN, typed twice, or none. pin is "" for none. */
static enum screen_outcome ask_new_pin(struct ui *ui, char pin[PIN_MEMBER_DIGITS + 1])
{
	char again[PIN_MEMBER_DIGITS + 1];
	const char *notice = NULL;
	enum screen_outcome outcome;

	for (;;) {
		outcome = pin_run(ui, "tendo \u2014 a new member",
		                  "Choose a 4-digit PIN to keep your log to yourself, or press "
		                  "Enter with none to go without.",
		                  notice, 0, PIN_MEMBER_DIGITS, pin);
		if (outcome != OUTCOME_CHOSEN || !pin[0])
			return outcome;
		if (strlen(pin) != PIN_MEMBER_DIGITS) {
			notice = "A PIN has 4 digits.";
			continue;
		}
		outcome = pin_run(ui, "tendo \u2014 a new member", "The same PIN again, please.",
		                  NULL, PIN_MEMBER_DIGITS, PIN_MEMBER_DIGITS, again);
		if (outcome != OUTCOME_CHOSEN)
			return outcome;
		if (strcmp(pin, again) == 0)
			break;
		notice = "The two PINs were not the same. Choose one again.";
	}
	memset(again, 0, sizeof again);
	return OUTCOME_CHOSEN;
}

/* Someone new: a name, the affected leg, a PIN if they want one. Then
 * straight into their own time. */
static enum screen_outcome new_member(struct ui *ui, struct kiosk_state *s)
{
	char name[MEMBER_NAME_MAX + 1] = "", pin[PIN_MEMBER_DIGITS + 1] = "";
	char hash[PIN_HASH_MAX] = "", salt[PIN_HASH_MAX] = "";
	struct tendo_error err = {0};
	enum screen_outcome outcome;
	enum leg leg = LEG_NONE;

	outcome = ask_name(ui, s, name, sizeof name);
	if (outcome == OUTCOME_CHOSEN)
		outcome = leg_prompt_run(ui, "tendo \u2014 a new member",
		                         "Some exercises work only the affected leg. Press l for "
		                         "the left leg or r for the right.",
		                         &leg);
	if (outcome == OUTCOME_CHOSEN)
		outcome = ask_new_pin(ui, pin);
	if (outcome != OUTCOME_CHOSEN)
		return outcome == OUTCOME_STOP ? outcome : OUTCOME_BACK;
	if ((pin[0] && !pin_hash(pin, hash, salt, &err)) ||
	    store_member_add(s->store, name, leg, hash, salt, &err) < 0) {
		memset(pin, 0, sizeof pin);
		snprintf(s->notice, sizeof s->notice, "%.399s", err.message);
		return OUTCOME_BACK;
	}
	memset(pin, 0, sizeof pin);
	return member_time(ui, s, name);
}

/* q on the members' screen: the staff's PIN leaves tendo. OUTCOME_CHOSEN
 * when it was right. */
static enum screen_outcome staff(struct ui *ui, struct kiosk_state *s, const char *prompt)
{
	char pin[PIN_DIGITS_MAX + 1];
	enum screen_outcome outcome;

	if (!s->k->admin_pin[0]) {
		snprintf(s->notice, sizeof s->notice,
		         "No admin PIN is set (admin-pin in /etc/tendo/config): tendo stays.");
		return OUTCOME_BACK;
	}
	outcome = pin_run(ui, "tendo \u2014 staff only", prompt, NULL, PIN_DIGITS_MIN,
	                  PIN_DIGITS_MAX, pin);
	if (outcome != OUTCOME_CHOSEN)
		return outcome;
	outcome = pin_matches(pin, s->k->admin_pin) ? OUTCOME_CHOSEN : OUTCOME_BACK;
	memset(pin, 0, sizeof pin);
	if (outcome == OUTCOME_BACK)
		snprintf(s->notice, sizeof s->notice, "That is not the admin PIN.");
	return outcome;
}

/* Each member's row on the staff screen: the last session, a lockout. */
static void staff_rows(struct kiosk_state *s, const struct store_member *members, size_t n,
                       struct staff_row *rows)
{
	for (size_t i = 0; i < n; i++) {
		time_t last = (time_t)store_member_last_session(s->store, members[i].id);
		char when[24] = "no session yet";
		if (last)
			strftime(when, sizeof when, "last %Y-%m-%d %H:%M", localtime(&last));
		rows[i].member = &members[i];
		snprintf(rows[i].detail, sizeof rows[i].detail, "%s%s%s ", when,
		         members[i].has_pin ? "" : ", no PIN",
		         store_pin_locked_until(s->store, members[i].id) ? ", locked" : "");
	}
}

/* The member's report, to a path staff choose (their own folder's
 * reports/NAME-DATE.pdf offered). OUTCOME_BACK with the notice saying
 * where it is, or why there is none. */
static enum screen_outcome staff_report(struct ui *ui, struct kiosk_state *s,
                                        const struct store_member *m)
{
	char path[PATH_MAX] = "", title[120];
	struct tendo_error err = {0};
	enum screen_outcome outcome;

	report_own_path(s->store, m->name, path, sizeof path, &err);
	snprintf(title, sizeof title, "tendo \u2014 a report on %.64s", m->name);
	outcome = text_run(ui, title, "Where should the report (a PDF) go?",
	                   "Enter writes it there; Esc goes back.", NULL, path, sizeof path);
	if (outcome != OUTCOME_CHOSEN)
		return outcome == OUTCOME_STOP ? outcome : OUTCOME_BACK;
	if (report_make(s->store, m->id, m->name, 0, 0, path, NULL, &err) &&
	    store_staff_action(s->store, "report", m->name, &err))
		snprintf(s->notice, sizeof s->notice, "The report on %.64s is in %.300s.", m->name,
		         path);
	else
		snprintf(s->notice, sizeof s->notice, "Not done: %.300s", err.message);
	return OUTCOME_BACK;
}

/* What staff chose to do to member m; noted in the log when done. */
static enum screen_outcome staff_act(struct ui *ui, struct kiosk_state *s, int action,
                                     const struct store_member *m)
{
	static const char *const names[] = {
	    ['r'] = "remove", ['p'] = "reset-pin", ['u'] = "unlock"};
	char question[200], pin[PIN_MEMBER_DIGITS + 1] = "", hash[PIN_HASH_MAX] = "",
	                                            salt[PIN_HASH_MAX] = "";
	struct tendo_error err = {0};
	enum screen_outcome outcome = OUTCOME_CHOSEN;
	bool yes = false, ok;

	if (action == 'R')
		return staff_report(ui, s, m);
	if (action == 'r') {
		snprintf(question, sizeof question,
		         "Remove %.64s and everything logged of them, for good?", m->name);
		outcome = question_run(ui, "tendo \u2014 staff", question, &yes);
		if (outcome != OUTCOME_CHOSEN || !yes)
			return outcome == OUTCOME_STOP ? outcome : OUTCOME_BACK;
		ok = store_member_remove(s->store, m->id, &err);
	} else if (action == 'p') {
		snprintf(question, sizeof question, "tendo \u2014 a new PIN for %.64s", m->name);
		outcome = pin_run(ui, question, "The new PIN (none: just OK).", NULL, 0,
		                  PIN_MEMBER_DIGITS, pin);
		if (outcome != OUTCOME_CHOSEN)
			return outcome == OUTCOME_STOP ? outcome : OUTCOME_BACK;
		ok = (!pin[0] || pin_hash(pin, hash, salt, &err)) &&
		     store_member_set_pin(s->store, m->id, hash, salt, &err) &&
		     store_pin_clear(s->store, m->id, &err);
		memset(pin, 0, sizeof pin);
	} else {
		ok = store_pin_clear(s->store, m->id, &err);
	}
	if (ok)
		ok = store_staff_action(s->store, names[action], m->name, &err);
	snprintf(s->notice, sizeof s->notice, "%s%.300s",
	         ok ? "Done." : "Not done: ", ok ? "" : err.message);
	return OUTCOME_BACK;
}

/* Behind the admin PIN: the members with their last session, the kiosks in
 * use, and what staff may do to a member. OUTCOME_CHOSEN when the staff
 * leave tendo, OUTCOME_BACK for the members' screen. */
static enum screen_outcome staff_screen(struct ui *ui, struct kiosk_state *s,
                                        struct store_member *members)
{
	struct staff_row *rows = malloc(KIOSK_MAX_MEMBERS * sizeof *rows);
	char hosts[300], in_use[400];
	size_t chosen = 0, n;
	int action = 0;
	enum screen_outcome outcome = OUTCOME_STOP;

	while (rows) {
		n = store_members(s->store, members, KIOSK_MAX_MEMBERS);
		staff_rows(s, members, n, rows);
		store_in_use(s->store, hosts, sizeof hosts);
		snprintf(in_use, sizeof in_use, "Training now on: %s",
		         hosts[0] ? hosts : "no kiosk");
		outcome = staff_run(ui, rows, n, in_use, s->notice, &chosen, &action);
		s->notice[0] = '\0';
		if (outcome != OUTCOME_CHOSEN || action == 'x')
			break;
		if (staff_act(ui, s, action, &members[chosen]) == OUTCOME_STOP) {
			outcome = OUTCOME_STOP;
			break;
		}
	}
	free(rows);
	return outcome;
}

/* How long a kiosk whose log can't be opened waits before it tries again. */
#define LOG_RETRY_NS (10 * INT64_C(1000000000))

/* Opens the members' log. While it can't be (the database is away, the
 * disk is full), one calm screen says so and tries again every ten
 * seconds: a kiosk that exited would only be restarted into the same
 * failure, over and over. OUTCOME_CHOSEN when it is open, OUTCOME_BACK
 * when the staff left with the admin PIN, OUTCOME_STOP on a stop signal. */
static enum screen_outcome open_log(struct ui *ui, struct kiosk_state *s)
{
	char text[NOTICE_MAX + ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 200];
	char why[ERROR_FILE_MAX + ERROR_MESSAGE_MAX + 8];
	struct tendo_error err = {0};
	enum screen_outcome outcome;

	for (;;) {
		if (store_open_database(s->k->database, s->k->data_dir, &s->store, &err)) {
			store_set_place(s->store, s->k->name);
			spool_replay(s->store);
			return OUTCOME_CHOSEN;
		}
		snprintf(text, sizeof text,
		         "%s%sThis kiosk can't open its members' log just now, so no one can train "
		         "here for the moment; it tries again every ten seconds by itself. (%s)",
		         s->notice, s->notice[0] ? " " : "", error_format(&err, why, sizeof why));
		s->notice[0] = '\0';
		outcome = waiting_run(ui, "tendo \u2014 one moment, please", text, LOG_RETRY_NS);
		if (outcome == OUTCOME_BACK &&
		    (outcome = staff(ui, s, "The admin PIN, to leave tendo.")) == OUTCOME_CHOSEN)
			return OUTCOME_BACK;
		if (outcome == OUTCOME_STOP)
			return outcome;
	}
}

enum screen_outcome kiosk_run(struct ui *ui, const struct kiosk *k)
{
	struct store_member *members = malloc(KIOSK_MAX_MEMBERS * sizeof *members);
	struct kiosk_state *s = calloc(1, sizeof *s);
	enum screen_outcome outcome = OUTCOME_STOP;
	size_t chosen = 0, n;

	if (!members || !s)
		goto out;
	s->k = k;
	if ((outcome = open_log(ui, s)) != OUTCOME_CHOSEN)
		goto out;
	for (;;) {
		n = store_members(s->store, members, KIOSK_MAX_MEMBERS);
		outcome = members_run(ui, members, n, &chosen, s->notice);
		s->notice[0] = '\0';
		if (outcome == OUTCOME_BACK) {
			outcome = staff(ui, s, "The admin PIN, for the staff's screen.");
			if (outcome == OUTCOME_CHOSEN)
				outcome = staff_screen(ui, s, members);
			if (outcome == OUTCOME_CHOSEN) {
				outcome = OUTCOME_BACK;
				break;
			}
		} else if (outcome == OUTCOME_CHOSEN && chosen == n) {
			outcome = new_member(ui, s);
		} else if (outcome == OUTCOME_CHOSEN) {
			outcome = check_member_pin(ui, s, &members[chosen]);
			if (outcome == OUTCOME_CHOSEN)
				outcome = member_time(ui, s, members[chosen].name);
		}
		if (outcome == OUTCOME_STOP)
			break;
		chosen = 0; /* the next member starts at the top */
	}
out:
	if (s)
		store_close(s->store);
	free(members);
	free(s);
	return outcome;
}
