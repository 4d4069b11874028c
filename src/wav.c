/* wav.c — writing WAV files (see wav.h). */
#include "wav.h"

#include <errno.h>
#include <stdio.h>

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
