/* wav.c — writing and reading WAV files (see wav.h). */
#include "wav.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put16(FILE *f, unsigned v)
{
	fputc((int)(v & 0xff), f);
	fputc((int)((v >> 8) & 0xff), f);
}

static void put32(FILE *f, uint32_t v)
{
	put16(f, v & 0xffff);
	put16(f, v >> 16);
}

bool wav_write(const char *path, const int16_t *samples, size_t count, unsigned rate)
{
	FILE *f = fopen(path, "wb");
	int saved;

	if (!f)
		return false;
	fwrite("RIFF", 1, 4, f);
	put32(f, (uint32_t)(36 + count * 2));
	fwrite("WAVEfmt ", 1, 8, f);
	put32(f, 16);
	put16(f, 1); /* PCM */
	put16(f, 1); /* mono */
	put32(f, rate);
	put32(f, rate * 2); /* bytes a second */
	put16(f, 2);        /* bytes a frame */
	put16(f, 16);       /* bits a sample */
	fwrite("data", 1, 4, f);
	put32(f, (uint32_t)(count * 2));
	for (size_t i = 0; i < count; i++)
		put16(f, (uint16_t)samples[i]);
	saved = ferror(f) ? EIO : 0;
	if (fclose(f) != 0 || saved) {
		errno = saved ? saved : errno;
		return false;
	}
	return true;
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static unsigned le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

/* The sample data of a 16-bit PCM WAV file in memory (bytes, size), its
 * frames and rate (in out), and channels. False when it is not one. */
static bool find_pcm(const unsigned char *bytes, size_t size, const unsigned char **data,
                     struct wav_sound *out, unsigned *channels)
{
	size_t at = 12;
	bool have_format = false;

	if (size < 12 || memcmp(bytes, "RIFF", 4) != 0 || memcmp(bytes + 8, "WAVE", 4) != 0)
		return false;
	while (at + 8 <= size) {
		const unsigned char *chunk = bytes + at;
		size_t length = le32(chunk + 4);
		if (length > size - at - 8)
			length = size - at - 8; /* a length the file cut short: what there is */
		if (memcmp(chunk, "fmt ", 4) == 0 && length >= 16) {
			if (le16(chunk + 8) != 1 || le16(chunk + 22) != 16 || le16(chunk + 10) == 0)
				return false; /* not 16-bit PCM */
			*channels = le16(chunk + 10);
			out->rate = le32(chunk + 12);
			have_format = true;
		} else if (memcmp(chunk, "data", 4) == 0 && have_format) {
			out->frames = length / (2 * *channels);
			*data = chunk + 8;
			return out->rate > 0 && out->frames > 0;
		}
		at += 8 + length + (length & 1);
	}
	return false;
}

bool wav_read(const char *path, unsigned rate, struct wav_sound *out)
{
	FILE *f = fopen(path, "rb");
	unsigned char *bytes = NULL;
	const unsigned char *data;
	struct wav_sound pcm = {0};
	unsigned channels = 1;
	long size;
	bool ok = false;

	memset(out, 0, sizeof *out);
	if (!f)
		return false;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > 0 && size < 64L * 1024 * 1024 &&
	    fseek(f, 0, SEEK_SET) == 0 && (bytes = malloc((size_t)size)) &&
	    fread(bytes, 1, (size_t)size, f) == (size_t)size &&
	    find_pcm(bytes, (size_t)size, &data, &pcm, &channels)) {
		/* To rate, one channel: each frame's first channel, the
		 * nearest two frames weighed by where the new one falls. */
		size_t frames = (size_t)((double)pcm.frames * rate / pcm.rate);
		out->samples = malloc((frames ? frames : 1) * sizeof *out->samples);
		if (out->samples) {
			for (size_t i = 0; i < frames; i++) {
				double at = (double)i * pcm.rate / rate;
				size_t j = (size_t)at;
				double w = at - (double)j;
				int a = (int16_t)le16(data + 2 * j * channels);
				int b = j + 1 < pcm.frames
				            ? (int16_t)le16(data + 2 * (j + 1) * channels)
				            : a;
				out->samples[i] = (int16_t)(a + (b - a) * w);
			}
			out->frames = frames;
			out->rate = rate;
			ok = true;
		}
	}
	free(bytes);
	fclose(f);
	return ok;
}
