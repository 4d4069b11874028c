/* sinks.c — where cues go, and what each sounds like (see sinks.h). */
#include "sinks.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const sink_names[SINK_COUNT] = {
    [SINK_CANBERRA] = "canberra",
    [SINK_ALSA] = "alsa",
    [SINK_BELL] = "bell",
    [SINK_FLASH] = "flash",
};

static bool parse_word(const char *word, size_t len, struct sound_request *req)
{
	if (len == 3 && strncmp(word, "off", 3) == 0)
		return true;
	if (len == 4 && strncmp(word, "auto", 4) == 0) {
		req->automatic = true;
		return true;
	}
	for (int i = 0; i < SINK_COUNT; i++)
		if (strlen(sink_names[i]) == len && strncmp(word, sink_names[i], len) == 0) {
			req->want[i] = true;
			return true;
		}
	return false;
}

bool sinks_parse(const char *spec, struct sound_request *req, struct tendo_error *err)
{
	const char *p = spec;

	memset(req, 0, sizeof *req);
	for (;;) {
		size_t len = strcspn(p, ",");
		if (!parse_word(p, len, req)) {
			error_set(
			    err, NULL, 0, 0,
			    "sound takes auto, canberra, alsa, bell, flash or off (several joined "
			    "by commas), found \"%.*s\"",
			    (int)len, p);
			return false;
		}
		if (p[len] == '\0')
			return true;
		p += len + 1;
	}
}

struct sink_set sinks_resolve(const struct sound_request *req, const struct sink_facts *facts)
{
	struct sink_set live = {{false}};
	bool lost;

	for (int i = 0; i < SINK_COUNT; i++)
		live.on[i] = req->want[i];
	if (req->automatic) {
		if (facts->server_answers && (!facts->over_ssh || facts->forwarded))
			live.on[SINK_CANBERRA] = true;
		else if (facts->card_opens && !facts->over_ssh)
			live.on[SINK_ALSA] = true;
		else
			live.on[SINK_BELL] = true;
	}
	lost = (live.on[SINK_CANBERRA] && !facts->server_answers) ||
	       (live.on[SINK_ALSA] && !facts->card_opens);
	live.on[SINK_CANBERRA] = live.on[SINK_CANBERRA] && facts->server_answers;
	/* One way to play tones: the server, when it answers, before the card. */
	live.on[SINK_ALSA] = live.on[SINK_ALSA] && facts->card_opens && !live.on[SINK_CANBERRA];
	if (lost && !sinks_tones(live))
		live.on[SINK_BELL] = true;
	return live;
}

struct sink_set sinks_fallback(struct sink_set live)
{
	if (sinks_tones(live)) {
		live.on[SINK_CANBERRA] = live.on[SINK_ALSA] = false;
		live.on[SINK_BELL] = true;
	}
	return live;
}

bool sinks_tones(struct sink_set live)
{
	return live.on[SINK_CANBERRA] || live.on[SINK_ALSA];
}

const char *sinks_describe(struct sink_set live, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < SINK_COUNT; i++)
		if (live.on[i] && used < size)
			used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? "+" : "",
			                         sink_names[i]);
	if (used == 0)
		snprintf(buf, size, "silent");
	return buf;
}

int sinks_rings(enum cue_kind kind)
{
	return kind == CUE_SESSION_DONE ? 3 : kind == CUE_SWITCH_SIDE ? 2 : 1;
}

bool sinks_audible(enum cue_kind kind)
{
	return kind != CUE_HALFWAY && kind != CUE_LAST_SECONDS;
}

/* True when name is one of the words (any case). */
static bool named(const char *name, const char *const *words)
{
	for (; *words; words++)
		if (strcasecmp(name, *words) == 0)
			return true;
	return false;
}

const char *sinks_tone(const struct timeline *tl, const struct step *step, const struct cue *cue)
{
	static const char *const raising[] = {"raise", "rise", "up", "lift", "push", NULL};
	static const char *const lowering[] = {"lower", "down", "drop", "return", NULL};
	const char *phase;

	if (cue->kind != CUE_PHASE)
		return cue_kind_name(cue->kind); /* each kind's tone is named as the kind */
	phase = timeline_exercise(tl, step)->phases[cue->phase].name;
	if (named(phase, raising))
		return "raise";
	if (named(phase, lowering))
		return "lower";
	return "phase";
}

static const char *const count_words[] = {"", "one", "two", "three"};

bool sinks_word(const struct timeline *tl, const struct step *step, const struct cue *cue,
                char *word, size_t size)
{
	const struct exercise *e = timeline_exercise(tl, step);
	int64_t left = (step->ms - cue->offset_ms + 999) / 1000;

	switch (cue->kind) {
	case CUE_TICK:
	case CUE_LAST_SECONDS:
		if (left < 1 || left > 3)
			return false;
		snprintf(word, size, "%s", count_words[left]);
		return true;
	case CUE_GO: snprintf(word, size, "go"); return true;
	case CUE_PHASE:
		if (cue->phase == 0)
			snprintf(word, size, "%d", cue->rep);
		else
			snprintf(word, size, "%s", e->phases[cue->phase].name);
		return true;
	case CUE_HALFWAY: snprintf(word, size, "halfway"); return true;
	case CUE_SET_DONE: {
		bool rest_next = step + 1 < tl->steps + tl->count && step[1].kind == STEP_REST;
		snprintf(word, size, "%s", rest_next ? "rest" : "done");
		return true;
	}
	case CUE_SWITCH_SIDE:
		snprintf(word, size, "switch to the %s", leg_name(step->leg));
		return true;
	case CUE_SESSION_DONE: snprintf(word, size, "session complete"); return true;
	case CUE_REST_OVER:
	case CUE_KIND_COUNT: break;
	}
	return false;
}

/* How much a cue matters to someone who can't see the screen; higher wins. */
static int weight(enum cue_kind kind)
{
	static const int weights[CUE_KIND_COUNT] = {
	    [CUE_SESSION_DONE] = 9, [CUE_SWITCH_SIDE] = 8,  [CUE_GO] = 7,
	    [CUE_TICK] = 6,         [CUE_LAST_SECONDS] = 5, [CUE_PHASE] = 4,
	    [CUE_SET_DONE] = 3,     [CUE_REST_OVER] = 2,    [CUE_HALFWAY] = 1,
	};
	return weights[kind];
}

size_t sinks_pick(const struct timeline *tl, const struct step *const *steps,
                  const struct cue *cues, size_t count, bool voice)
{
	size_t best = count;
	char word[SINKS_WORD_MAX];

	for (size_t i = 0; i < count; i++) {
		bool eligible = voice ? sinks_word(tl, steps[i], &cues[i], word, sizeof word)
		                      : sinks_audible(cues[i].kind);
		if (eligible && (best == count || weight(cues[i].kind) > weight(cues[best].kind)))
			best = i;
	}
	if (voice && best == count)
		return sinks_pick(tl, steps, cues, count, false);
	return best;
}

static size_t add_word(char (*words)[SINKS_WORD_MAX], size_t n, size_t max, const char *word)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(words[i], word) == 0)
			return n;
	if (n < max)
		snprintf(words[n++], SINKS_WORD_MAX, "%s", word);
	return n;
}

size_t sinks_all_words(const struct timeline *tl, char (*words)[SINKS_WORD_MAX], size_t max)
{
	static const char *const fixed[] = {"one",
	                                    "two",
	                                    "three",
	                                    "go",
	                                    "halfway",
	                                    "rest",
	                                    "done",
	                                    "session complete",
	                                    "switch to the left leg",
	                                    "switch to the right leg"};
	size_t n = 0;

	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		n = add_word(words, n, max, fixed[i]);
	for (size_t i = 0; i < tl->routine->exercise_count; i++) {
		const struct exercise *e = &tl->routine->exercises[i];
		if (e->kind != EXERCISE_REPS)
			continue;
		for (int rep = 1; rep <= e->reps; rep++) {
			char number[16];
			snprintf(number, sizeof number, "%d", rep);
			n = add_word(words, n, max, number);
		}
		for (size_t p = 1; p < e->phase_count; p++)
			n = add_word(words, n, max, e->phases[p].name);
	}
	return n;
}
