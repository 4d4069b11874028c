/* wav.h — writing 16-bit mono PCM WAV files, for the cue sounds and the
 * spoken words, and reading them back to play them straight to a sound
 * card (ALSA). */
#ifndef TENDO_WAV_H
#define TENDO_WAV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Writes count samples at rate Hz to path (replacing it). Returns false
 * with errno set when it can't. */
bool wav_write(const char *path, const int16_t *samples, size_t count, unsigned rate);

/* A sound in memory: mono 16-bit samples at rate Hz. */
struct wav_sound {
	int16_t *samples; /* owned (free()) when read by wav_read() */
	size_t frames;
	unsigned rate;
};

/* Reads the 16-bit PCM WAV file at path into out, as one channel at rate
 * Hz (the first channel, resampled where the file's rate differs). False
 * when it can't be read or is not such a file; the caller frees
 * out->samples. */
bool wav_read(const char *path, unsigned rate, struct wav_sound *out);

#endif
