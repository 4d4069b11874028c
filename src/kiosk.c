/* kiosk.c — tendo on a shared screen (see kiosk.h). */
#include "kiosk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "member.h"
#include "pin.h"

enum {
	KIOSK_MAX_MEMBERS = 1000,
	WRONG_PINS_ALLOWED = 3,
	LOCKOUTS_KEPT = 32,
	NOTICE_MAX = 400,
};

/* After WRONG_PINS_ALLOWED wrong PINs, a profile waits this long. */
#define LOCKOUT_NS (30 * INT64_C(1000000000))

struct lockout {
	int64_t profile;
	int wrong;
	int64_t until_ns;
};

struct kiosk_state {
	const struct kiosk *k;
	struct lockout lockouts[LOCKOUTS_KEPT];
	char notice[NOTICE_MAX];
};

static struct lockout *lockout_for(struct kiosk_state *s, int64_t profile)
{
	struct lockout *oldest = &s->lockouts[0];

	for (size_t i = 0; i < LOCKOUTS_KEPT; i++) {
		if (s->lockouts[i].profile == profile)
			return &s->lockouts[i];
		if (s->lockouts[i].until_ns < oldest->until_ns)
			oldest = &s->lockouts[i];
	}
	*oldest = (struct lockout){profile, 0, 0};
	return oldest;
}

/* A member's own time: their program, their sessions, their history. */
static enum screen_outcome member_time(struct ui *ui, struct kiosk_state *s, const char *name)
{
	const struct kiosk *k = s->k;
	struct journal j;
	struct coached done = {0};
	struct tendo_error err = {0};
	struct catalog_entry resumed = {0};
	enum screen_outcome outcome;

	journal_open(&j, k->store, name, NULL);
	outcome = coach_welcome(ui, &k->coach, k->sinks, &j, &done, &err, &resumed);
	if (outcome != OUTCOME_STOP && outcome != OUTCOME_AWAY && !err.message[0])
		outcome = coach_start_screen(ui, k->cat, &k->coach, k->sinks, &j, &done, &err);
	catalog_entry_free(&resumed);
	if (err.message[0])
		snprintf(s->notice, sizeof s->notice, "%.399s", err.message);
	else if (j.problem[0])
		snprintf(s->notice, sizeof s->notice, "%.399s", j.brief);
	return outcome == OUTCOME_STOP ? OUTCOME_STOP : OUTCOME_BACK;
}

/* Asks a member for their PIN, if they set one. OUTCOME_CHOSEN when it is
 * right (or there is none). */
static enum screen_outcome check_member_pin(struct ui *ui, struct kiosk_state *s,
                                            const struct store_member *m)
{
	struct lockout *l;
	char hash[PIN_HASH_MAX], pin[PIN_MEMBER_DIGITS + 1], title[STORE_NAME_MAX + 32];
	const char *notice = NULL;
	enum screen_outcome outcome;

	if (!m->has_pin || !store_member_pin(s->k->store, m->id, hash, sizeof hash))
		return OUTCOME_CHOSEN;
	l = lockout_for(s, m->id);
	if (clock_now_ns() < l->until_ns) {
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
			l->wrong = 0;
			return OUTCOME_CHOSEN;
		}
		memset(pin, 0, sizeof pin);
		if (++l->wrong >= WRONG_PINS_ALLOWED) {
			l->wrong = 0;
			l->until_ns = clock_now_ns() + LOCKOUT_NS;
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
		if (!store_member_taken(s->k->store, name))
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
	    store_member_add(s->k->store, name, leg, hash, salt, &err) < 0) {
		memset(pin, 0, sizeof pin);
		snprintf(s->notice, sizeof s->notice, "%.399s", err.message);
		return OUTCOME_BACK;
	}
	memset(pin, 0, sizeof pin);
	return member_time(ui, s, name);
}

/* q on the members' screen: the staff's PIN leaves tendo. OUTCOME_CHOSEN
 * when it was right. */
static enum screen_outcome staff(struct ui *ui, struct kiosk_state *s)
{
	char pin[PIN_DIGITS_MAX + 1];
	enum screen_outcome outcome;

	if (!s->k->admin_pin[0]) {
		snprintf(s->notice, sizeof s->notice,
		         "No admin PIN is set (admin-pin in /etc/tendo/config): tendo stays.");
		return OUTCOME_BACK;
	}
	outcome = pin_run(ui, "tendo \u2014 staff only", "The admin PIN, to leave tendo.", NULL,
	                  PIN_DIGITS_MIN, PIN_DIGITS_MAX, pin);
	if (outcome != OUTCOME_CHOSEN)
		return outcome;
	outcome = pin_matches(pin, s->k->admin_pin) ? OUTCOME_CHOSEN : OUTCOME_BACK;
	memset(pin, 0, sizeof pin);
	if (outcome == OUTCOME_BACK)
		snprintf(s->notice, sizeof s->notice, "That is not the admin PIN.");
	return outcome;
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
	for (;;) {
		n = store_members(k->store, members, KIOSK_MAX_MEMBERS);
		outcome = members_run(ui, members, n, &chosen, s->notice);
		s->notice[0] = '\0';
		if (outcome == OUTCOME_BACK) {
			outcome = staff(ui, s);
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
	free(members);
	free(s);
	return outcome;
}
