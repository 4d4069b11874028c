/* sound.h — playing sounds through the desktop's sound server
 * (libcanberra).
 *
 * Sounds are uploaded to the server's sample cache before a session, so
 * that playing one is a message to the server, not a file to read: a cue
 * starts within milliseconds of its deadline, and playing never blocks.
 */
#ifndef TENDO_SOUND_H
#define TENDO_SOUND_H

#include <stdbool.h>

struct sound;

/* Connects to the sound server. Returns NULL when none answers, when
 * libcanberra is not installed, or when tendo was built without it. The
 * caller closes it with sound_close(). */
struct sound *sound_open(void);

/* Uploads the WAV file at path under the name id. Returns false when the
 * file or the server fails. */
bool sound_cache(struct sound *s, const char *id, const char *path);

/* Starts playing the sound cached as id (read from path if the cache lost
 * it) and returns at once. Returns false when the server has gone. */
bool sound_play(struct sound *s, const char *id, const char *path);

void sound_close(struct sound *s);

#endif
