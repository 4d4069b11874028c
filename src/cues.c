/* cues.c — giving cues (see cues.h). */
#include "cues.h"

#include <curses.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "paths.h"
#include "voice.h"

static const char *const tones[] = {
    "tick",         "go",       "raise",       "lower",     "phase",        "halfway",
    "last-seconds", "set-done", "switch-side", "rest-over", "session-done",
};

static char *tone_path(const struct cue_sinks *sinks, const char *tone, char *buf, size_t size)
{
	snprintf(buf, size, "%s/tendo-%s.wav", sinks->sounds_dir, tone);
	return buf;
}

/* Caches every tone with the sound server, or reads it for the card.
 * Returns false if one fails. */
static bool cache_tones(struct cue_sinks *sinks)
{
	for (size_t i = 0; i < sizeof tones / sizeof tones[0]; i++) {
		char id[64], path[PATH_MAX + 64];
		snprintf(id, sizeof id, "tendo-%s", tones[i]);
		if (!sound_cache(sinks->sound, id, tone_path(sinks, tones[i], path, sizeof path)))
			return false;
	}
	return true;
}

static bool set(const char *name)
{
	const char *value = getenv(name);
	return value && *value;
}

static bool over_ssh(void)
{
	return set("SSH_CONNECTION") || set("SSH_TTY");
}

bool cues_open(struct cue_sinks *sinks, const struct cues_options *options, struct tendo_error *err)
{
	struct sound_request request;
	struct sink_facts facts = {over_ssh(), over_ssh() && set("PULSE_SERVER"), false, false};

	memset(sinks, 0, sizeof *sinks);
	if (!sinks_parse(options->sound ? options->sound : "auto", &request, err))
		return false;
	if (options->cue_log && !(sinks->log = fopen(options->cue_log, "w"))) {
		error_set(err, options->cue_log, 0, 0, "can't write the cue log: %s",
		          strerror(errno));
		return false;
	}
	paths_shipped_sounds(sinks->sounds_dir, sizeof sinks->sounds_dir);
	/* Over SSH, auto does not even ask the server's sound server or its
	 * card: their speakers are not where the person is; a sound server the
	 * client forwarded (PULSE_SERVER) is. */
	if (request.want[SINK_CANBERRA] ||
	    (request.automatic && (!facts.over_ssh || facts.forwarded))) {
		sinks->sound = sound_open();
		facts.server_answers = sinks->sound && cache_tones(sinks);
	}
	/* No server (a console, a kiosk): the card itself, its sounds loaded
	 * once, here, so that a cue starts on time. */
	if (!facts.server_answers &&
	    (request.want[SINK_ALSA] || (request.automatic && !facts.over_ssh))) {
		sound_close(sinks->sound);
		sinks->sound = sound_open_alsa(options->sound_device);
		facts.card_opens = sinks->sound && cache_tones(sinks);
	}
	sinks->live = sinks_resolve(&request, &facts);
	if (!sinks_tones(sinks->live)) {
		sound_close(sinks->sound);
		sinks->sound = NULL;
	}
	if (request.want[SINK_CANBERRA] && !facts.server_answers && !sinks_tones(sinks->live))
		snprintf(sinks->notice, sizeof sinks->notice,
		         "No sound server answered: the cues use the terminal bell.");
	if (request.want[SINK_ALSA] && !facts.card_opens && !sinks_tones(sinks->live))
		snprintf(sinks->notice, sizeof sinks->notice,
		         "The sound card (%.60s) could not be opened: the cues use the terminal "
		         "bell.",
		         options->sound_device ? options->sound_device : "default");
	sinks->voice_wanted = options->voice;
	return true;
}

/* A spoken word's file and its name in the sound server's cache (or the
 * card's memory). */
static void word_sound(const struct cue_sinks *sinks, const char *word, char *id, size_t id_size,
                       char *path, size_t path_size)
{
	const char *base;

	voice_path(sinks->voice_dir, word, path, path_size);
	base = strrchr(path, '/');
	snprintf(id, id_size, "tendo-%.80s", base ? base + 1 : path);
}

/* Synthesises every word the session may need and caches it with the
 * sound server or reads it for the card. Returns false (with err) at the
 * first that fails. */
static bool render_words(struct cue_sinks *sinks, const struct timeline *tl,
                         struct tendo_error *err)
{
	enum { MAX_WORDS = 600 };
	char(*words)[SINKS_WORD_MAX] = malloc(MAX_WORDS * sizeof *words);
	size_t count;
	bool ok = true;

	if (!words) {
		error_set(err, NULL, 0, 0, "out of memory");
		return false;
	}
	count = sinks_all_words(tl, words, MAX_WORDS);
	for (size_t i = 0; ok && i < count; i++) {
		char id[96], path[PATH_MAX + 96];
		word_sound(sinks, words[i], id, sizeof id, path, sizeof path);
		ok = voice_render(sinks->voice_dir, words[i], err);
		if (ok && !sound_cache(sinks->sound, id, path)) {
			error_set(err, path, 0, 0,
			          "the sound server or the card would not take the spoken word");
			ok = false;
		}
	}
	free(words);
	return ok;
}

void cues_prepare(struct cue_sinks *sinks, const struct timeline *tl)
{
	struct tendo_error err = {0};

	sinks->voice = false;
	if (!sinks->voice_wanted)
		return;
	if (!voice_available()) {
		snprintf(sinks->notice, sizeof sinks->notice,
		         "This tendo was built without espeak-ng: no voice, tones instead.");
		return;
	}
	if (!sinks_tones(sinks->live)) {
		snprintf(sinks->notice, sizeof sinks->notice,
		         "The voice needs a sound server or a sound card; the cues use %s.",
		         sinks->live.on[SINK_BELL] ? "the terminal bell" : "the screen");
		return;
	}
	if (!paths_voice_cache(sinks->voice_dir, sizeof sinks->voice_dir) ||
	    !render_words(sinks, tl, &err)) {
		snprintf(sinks->notice, sizeof sinks->notice, "No voice: %.180s", err.message);
		return;
	}
	sinks->voice = true;
}

/* Plays one cue on the sound server or the card: its word with a voice,
 * else its tone. Returns false when the server or the card has gone. */
static bool play(struct cue_sinks *sinks, const struct timeline *tl, const struct cue_event *ev)
{
	char word[SINKS_WORD_MAX], id[96], path[PATH_MAX + 96];
	const char *tone;

	if (sinks->voice && sinks_word(tl, ev->step, &ev->cue, word, sizeof word)) {
		word_sound(sinks, word, id, sizeof id, path, sizeof path);
		return sound_play(sinks->sound, id, path);
	}
	tone = sinks_tone(tl, ev->step, &ev->cue);
	snprintf(id, sizeof id, "tendo-%s", tone);
	return sound_play(sinks->sound, id, tone_path(sinks, tone, path, sizeof path));
}

static void sound_group(struct cue_sinks *sinks, const struct timeline *tl,
                        const struct cue_event *group, size_t count, int64_t now_ns)
{
	const struct step *steps[16];
	struct cue cues[16];
	size_t n = count < 16 ? count : 16, pick;

	for (size_t i = 0; i < n; i++) {
		steps[i] = group[i].step;
		cues[i] = group[i].cue;
	}
	pick = sinks_pick(tl, steps, cues, n, sinks->voice);
	if (pick == n || sinks->muted)
		return;
	if (sinks_tones(sinks->live) && !play(sinks, tl, &group[pick])) {
		snprintf(sinks->notice, sizeof sinks->notice,
		         "The %s stopped: the cues use the terminal bell.",
		         sinks->live.on[SINK_ALSA] ? "sound card" : "sound server");
		sinks->live = sinks_fallback(sinks->live);
		sinks->voice = false;
	}
	if (!sinks_audible(group[pick].cue.kind))
		return; /* a voice-only cue: no bell or flash for it */
	if (sinks->live.on[SINK_BELL]) {
		beep();
		sinks->rings_left = sinks_rings(group[pick].cue.kind) - 1;
		sinks->next_ring_ns = now_ns + CUES_RING_GAP_NS;
	}
	if (sinks->live.on[SINK_FLASH])
		flash();
}

void cues_emit(struct cue_sinks *sinks, const struct timeline *tl, const struct cue_event *events,
               size_t count, int64_t now_ns)
{
	size_t start = 0;

	for (size_t i = 0; i < count; i++)
		if (sinks->log)
			fprintf(sinks->log, "%.3f %.3f %s\n", events[i].planned_ms,
			        events[i].actual_ms, events[i].name);
	if (sinks->log)
		fflush(sinks->log);
	for (size_t i = 1; i <= count; i++)
		if (i == count || events[i].planned_ms != events[start].planned_ms) {
			sound_group(sinks, tl, events + start, i - start, now_ns);
			start = i;
		}
}

void cues_ring(struct cue_sinks *sinks, int64_t now_ns)
{
	/* Every ring due by now: one, on time; more only when the clock
	 * jumped (a test's clock, a suspended machine). */
	while (sinks->rings_left > 0 && now_ns >= sinks->next_ring_ns) {
		if (!sinks->muted)
			beep();
		sinks->rings_left--;
		sinks->next_ring_ns += CUES_RING_GAP_NS;
	}
}

int64_t cues_next_ring(const struct cue_sinks *sinks)
{
	return sinks->rings_left > 0 ? sinks->next_ring_ns : INT64_MAX;
}

const char *cues_describe(const struct cue_sinks *sinks, char *buf, size_t size)
{
	if (sinks->muted) {
		snprintf(buf, size, "muted");
		return buf;
	}
	sinks_describe(sinks->live, buf, size);
	if (sinks->voice && strlen(buf) + 7 < size)
		strcat(buf, "+voice");
	return buf;
}

void cues_close(struct cue_sinks *sinks)
{
	if (sinks->log)
		fclose(sinks->log);
	sinks->log = NULL;
	sound_close(sinks->sound);
	sinks->sound = NULL;
}
