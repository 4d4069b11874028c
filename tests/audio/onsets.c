/* onsets.c — where sounds start in a recording.
 *
 *   onsets FILE.raw [RATE]
 *
 * Reads raw signed 16-bit mono samples (as parec --raw writes them) and
 * prints, one a line, the time in milliseconds at which each sound starts:
 * the first loud sample at least 150 ms after the last loud one. Used by
 * the audio tests to match sounds with the cue log.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { WINDOW_MS = 2, QUIET_MS = 150, LOUD = 1500 };

int main(int argc, char **argv)
{
	long rate = argc > 2 ? strtol(argv[2], NULL, 10) : 44100;
	size_t window = (size_t)(rate * WINDOW_MS / 1000);
	int16_t *buf;
	FILE *f;
	size_t n, index = 0;
	long last_loud_ms = 0; /* a sound playing as the recording starts is not one */

	if (argc < 2 || rate <= 0) {
		fprintf(stderr, "usage: onsets FILE.raw [RATE]\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	buf = malloc(window * sizeof *buf);
	if (!f || !buf) {
		perror(argv[1]);
		return 1;
	}
	while ((n = fread(buf, sizeof *buf, window, f)) == window) {
		int peak = 0;
		for (size_t i = 0; i < n; i++) {
			int v = abs(buf[i]);
			if (v > peak)
				peak = v;
		}
		long now_ms = (long)(index * WINDOW_MS);
		if (peak >= LOUD && now_ms - last_loud_ms >= QUIET_MS) {
			/* The first sample over the threshold within the window. */
			size_t first = 0;
			while (first < n && abs(buf[first]) < LOUD)
				first++;
			printf("%.1f\n", (double)(index * window + first) * 1000.0 / (double)rate);
		}
		if (peak >= LOUD)
			last_loud_ms = now_ms;
		index++;
	}
	fclose(f);
	free(buf);
	return 0;
}
