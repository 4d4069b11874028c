/* alsa_out.h — playing sounds straight to a sound card through ALSA, for a
 * machine with no sound server (a kiosk on the Linux console).
 *
 * The device is opened once, and every sound is read into memory before a
 * session (alsa_out_load), so that playing one is a hand-over to a thread
 * that writes it to the card: playing never blocks the caller and a cue
 * starts within a period (10 ms) of being asked for. A newer sound cuts
 * off one still playing. Used through sound.h.
 */
#ifndef TENDO_ALSA_OUT_H
#define TENDO_ALSA_OUT_H

#include <stdbool.h>

struct alsa_out;

/* Opens the ALSA PCM device (an ALSA name such as "default", "hw:0" or
 * "plughw:1,0"; NULL for "default"). NULL when it can't be opened (no
 * card, the device busy, or tendo built without ALSA). */
struct alsa_out *alsa_out_open(const char *device);

/* Reads the WAV file at path into memory under the name id. False when it
 * can't be read. */
bool alsa_out_load(struct alsa_out *a, const char *id, const char *path);

/* Starts playing the sound loaded as id (reading it from path first if it
 * was not) and returns at once. False when the device has failed. */
bool alsa_out_play(struct alsa_out *a, const char *id, const char *path);

/* Stops the thread (a sound still playing is cut off) and closes. */
void alsa_out_close(struct alsa_out *a);

#endif
