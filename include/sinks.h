/* sinks.h — where cues go, and what each one sounds like. Pure policy.
 *
 * Parses --sound, decides which sinks are live from what is known of the
 * place tendo runs (over SSH or not, a sound server or not), falls back
 * when the sound server goes away, and chooses, for cues that fall due
 * together, the one sound or spoken word to give so that they never
 * overlap into mush. No I/O: the shell (cues.h) does the playing.
 */
#ifndef TENDO_SINKS_H
#define TENDO_SINKS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "timeline.h"

/* Tones go to the sound server (canberra) or straight to the sound card
 * (alsa); the bell and the flash go through the terminal. */
enum sink { SINK_CANBERRA, SINK_ALSA, SINK_BELL, SINK_FLASH, SINK_COUNT };

/* What the person asked for with --sound or the config file. */
struct sound_request {
	bool automatic;        /* "auto": canberra or alsa where heard, else the bell */
	bool want[SINK_COUNT]; /* named sinks */
};

struct sink_set {
	bool on[SINK_COUNT];
};

/* What is known of the place tendo runs. */
struct sink_facts {
	bool over_ssh;       /* SSH_CONNECTION or SSH_TTY is set */
	bool forwarded;      /* over SSH, PULSE_SERVER is set: the client's own server */
	bool server_answers; /* a sound server took our connection */
	bool card_opens;     /* an ALSA device opened (asked only where it may be used) */
};

/* Parses "auto", "canberra", "alsa", "bell", "flash", "off", or several
 * joined by commas ("canberra,flash"). Returns false with err filled on a word it
 * does not know. */
bool sinks_parse(const char *spec, struct sound_request *req, struct tendo_error *err);

/* The sinks to use. auto, when the session is not over SSH (the server's
 * speakers are not the person's): canberra when a sound server answers,
 * else alsa when the card opens (a console with no sound server), else the
 * bell, which also reaches an SSH client's terminal. Over SSH with the
 * client's sound server forwarded (PULSE_SERVER), canberra when it answers. canberra or alsa
 * asked for by name and not to be had: the bell instead. */
struct sink_set sinks_resolve(const struct sound_request *req, const struct sink_facts *facts);

/* The sound server or the card failed mid-session: the bell takes its
 * place. */
struct sink_set sinks_fallback(struct sink_set live);

/* True when tones (or a voice) are played: through canberra or alsa. */
bool sinks_tones(struct sink_set live);

/* "canberra", "alsa", "bell+flash", "silent". Returns buf. */
const char *sinks_describe(struct sink_set live, char *buf, size_t size);

/* True when a sound (tone, bell or flash) is given for this kind of cue:
 * every cue that asks the person to act. Halfway and the last seconds of a
 * hold are shown and logged; they sound only with a voice (see
 * sinks_word). */
bool sinks_audible(enum cue_kind kind);

/* How many times the bell rings for a cue, so that cues can be told apart
 * without a screen (over SSH, say): two to switch legs, three when the
 * session is done, one for every other cue that sounds. */
int sinks_rings(enum cue_kind kind);

/* The name of the tone for a cue: "go", "tick", "set-done"; for a tempo
 * phase, "raise" or "lower" by the phase's name (raise, rise, up, lift /
 * lower, down, drop), else "phase". Matches the files tendo-NAME.wav. */
const char *sinks_tone(const struct timeline *tl, const struct step *step, const struct cue *cue);

enum { SINKS_WORD_MAX = 48 };

/* The words a voice says for a cue, or false for none: "three", "two",
 * "one" in a count-in, "go", the rep's number at the first phase of each
 * rep and the phase's name at the others, "halfway", "done", "switch to
 * the right leg", "rest", "session complete". */
bool sinks_word(const struct timeline *tl, const struct step *step, const struct cue *cue,
                char *word, size_t size);

/* Of count cues due together, the index of the one to give: the one that
 * matters most to a person who can't see the screen (switch side, then go,
 * then the count, ...); with a voice, the most important that has words.
 * Returns count when none should sound. */
size_t sinks_pick(const struct timeline *tl, const struct step *const *steps,
                  const struct cue *cues, size_t count, bool voice);

/* Every word or phrase a voice may need for a timeline, each once, into
 * words (an array of max strings of SINKS_WORD_MAX bytes). Returns how
 * many. */
size_t sinks_all_words(const struct timeline *tl, char (*words)[SINKS_WORD_MAX], size_t max);

#endif
