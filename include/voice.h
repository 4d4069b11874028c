/* voice.h — spoken cues, synthesised with espeak-ng into WAV files.
 *
 * Words are synthesised once, before a session, into a cache folder, and
 * then played like any other cue sound, so voice and tones share one path
 * and one clock. Without espeak-ng at build time, voice_available() is
 * false and nothing here does anything.
 */
#ifndef TENDO_VOICE_H
#define TENDO_VOICE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* True when tendo was built with espeak-ng. */
bool voice_available(void);

/* The file that holds the spoken text in dir (written by voice_render).
 * Returns buf. */
char *voice_path(const char *dir, const char *text, char *buf, size_t size);

/* Synthesises text into voice_path(dir, text) unless it is there already.
 * Returns false with err filled when espeak-ng or the disk fails. */
bool voice_render(const char *dir, const char *text, struct tendo_error *err);

#endif
