/* sound.h — playing sounds through the desktop's sound server
 * (libcanberra), or, where none runs, straight to the sound card (ALSA,
 * alsa_out.h).
 *
 * Sounds are uploaded to the server's sample cache, or read into memory
 * for the card, before a session, so that playing one is a message, not a
 * file to read: a cue starts within milliseconds of its deadline, and
 * playing never blocks.
 */
#ifndef TENDO_SOUND_H
#define TENDO_SOUND_H

#include <stdbool.h>

struct sound;

/* Connects to the sound server. Returns NULL when none answers, when
 * libcanberra is not installed, or when tendo was built without it. The
 * caller closes it with sound_close(). */
struct sound *sound_open(void);

/* Opens the ALSA device (an ALSA PCM name; NULL for "default"). Returns
 * NULL when it can't be opened or tendo was built without ALSA. */
struct sound *sound_open_alsa(const char *device);

/* Uploads (or reads into memory) the WAV file at path under the name id. Returns false when the
 * file or the server fails. */
bool sound_cache(struct sound *s, const char *id, const char *path);

/* Starts playing the sound cached as id (read from path if the cache lost
 * it) and returns at once. Returns false when the server or the card has
 * gone. */
bool sound_play(struct sound *s, const char *id, const char *path);

void sound_close(struct sound *s);

#endif
