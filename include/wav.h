/* wav.h — writing 16-bit mono PCM WAV files, for the cue sounds and the
 * spoken words. */
#ifndef TENDO_WAV_H
#define TENDO_WAV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Writes count samples at rate Hz to path (replacing it). Returns false
 * with errno set when it can't. */
bool wav_write(const char *path, const int16_t *samples, size_t count, unsigned rate);

#endif
