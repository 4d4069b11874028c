/* alsa_out.c — sounds straight to a sound card (see alsa_out.h). */
#include "alsa_out.h"

#include <stddef.h>

#include "config.h"

#ifdef HAVE_ALSA
#include <alsa/asoundlib.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wav.h"

enum {
	RATE = 44100,      /* the cue sounds' own rate; the words are resampled */
	PERIOD_US = 10000, /* how often the card asks for more: a cue's latest start */
	BUFFER_US = 40000, /* what is queued ahead of the card */
	CLIPS_MAX = 700,   /* the tones and every word a session may say */
	CLIP_ID_MAX = 96,
};

struct clip {
	char id[CLIP_ID_MAX];
	struct wav_sound sound;
};

struct alsa_out {
	snd_pcm_t *pcm;
	snd_pcm_uframes_t period; /* frames */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	const struct clip *next; /* to start as soon as the thread can; NULL for none */
	bool quit;
	bool failed; /* the device stopped taking sound */
	struct clip *clips;
	size_t clip_count;
};

/* The sound is written a period at a time; between periods the thread
 * looks for a newer one, which cuts it off (closing does not: the last
 * sound of a session is heard to its end). Returns false when the device
 * failed. */
static bool write_clip(struct alsa_out *a, const struct clip *c)
{
	size_t done = 0;

	while (done < c->sound.frames) {
		snd_pcm_uframes_t chunk = c->sound.frames - done < a->period
		                              ? (snd_pcm_uframes_t)(c->sound.frames - done)
		                              : a->period;
		snd_pcm_sframes_t n = snd_pcm_writei(a->pcm, c->sound.samples + done, chunk);
		bool newer;
		if (n < 0 && snd_pcm_recover(a->pcm, (int)n, 1) < 0)
			return false;
		done += n > 0 ? (size_t)n : 0;
		pthread_mutex_lock(&a->lock);
		newer = a->next != NULL;
		pthread_mutex_unlock(&a->lock);
		if (newer) {
			snd_pcm_drop(a->pcm);
			return snd_pcm_prepare(a->pcm) == 0;
		}
	}
	return true;
}

static void *player(void *arg)
{
	struct alsa_out *a = arg;

	pthread_mutex_lock(&a->lock);
	for (;;) {
		const struct clip *c;
		bool ok;
		while (!a->next && !a->quit)
			pthread_cond_wait(&a->wake, &a->lock);
		if (a->quit)
			break;
		c = a->next;
		a->next = NULL;
		pthread_mutex_unlock(&a->lock);
		/* After the last sound ran out the card may have underrun: ready
		 * it again before writing (a no-op when it is running). */
		if (snd_pcm_state(a->pcm) == SND_PCM_STATE_XRUN)
			snd_pcm_prepare(a->pcm);
		ok = write_clip(a, c);
		pthread_mutex_lock(&a->lock);
		if (!ok)
			a->failed = true;
	}
	pthread_mutex_unlock(&a->lock);
	return NULL;
}

/* Starts playing as soon as a period is queued, not when the buffer is
 * full: a short sound would otherwise wait for the next. */
static bool start_early(struct alsa_out *a)
{
	snd_pcm_sw_params_t *sw;
	snd_pcm_uframes_t buffer;
	bool ok;

	if (snd_pcm_get_params(a->pcm, &buffer, &a->period) < 0 || a->period == 0 ||
	    snd_pcm_sw_params_malloc(&sw) < 0)
		return false;
	ok = snd_pcm_sw_params_current(a->pcm, sw) == 0 &&
	     snd_pcm_sw_params_set_start_threshold(a->pcm, sw, a->period) == 0 &&
	     snd_pcm_sw_params(a->pcm, sw) == 0;
	snd_pcm_sw_params_free(sw);
	return ok;
}

/* The player thread takes no signals: a stop, a hang-up or a resize must
 * reach the thread that runs the screens, which waits for them. */
static bool start_player(struct alsa_out *a)
{
	sigset_t all, before;
	bool ok;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &before);
	ok = pthread_create(&a->thread, NULL, player, a) == 0;
	pthread_sigmask(SIG_SETMASK, &before, NULL);
	return ok;
}

/* alsa-lib writes its errors to stderr, which is the person's terminal
 * (before the screen starts, and left behind it when tendo exits): a
 * machine with no sound card would greet them with a page of them. tendo
 * says in its own words which sound it uses (the screen's corner). */
static void quiet(const char *file, int line, const char *function, int err, const char *fmt, ...)
{
	(void)file;
	(void)line;
	(void)function;
	(void)err;
	(void)fmt;
}

struct alsa_out *alsa_out_open(const char *device)
{
	struct alsa_out *a = calloc(1, sizeof *a);

	snd_lib_error_set_handler(quiet);
	if (!a || !(a->clips = calloc(CLIPS_MAX, sizeof *a->clips))) {
		free(a);
		return NULL;
	}
	if (snd_pcm_open(&a->pcm, device ? device : "default", SND_PCM_STREAM_PLAYBACK, 0) < 0) {
		a->pcm = NULL;
		alsa_out_close(a);
		return NULL;
	}
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->wake, NULL);
	if (snd_pcm_set_params(a->pcm, SND_PCM_FORMAT_S16, SND_PCM_ACCESS_RW_INTERLEAVED, 1, RATE,
	                       1, BUFFER_US) < 0 ||
	    !start_early(a) || !start_player(a)) {
		snd_pcm_close(a->pcm);
		pthread_mutex_destroy(&a->lock);
		pthread_cond_destroy(&a->wake);
		a->pcm = NULL;
		alsa_out_close(a);
		return NULL;
	}
	return a;
}

static const struct clip *find(const struct alsa_out *a, const char *id)
{
	for (size_t i = 0; i < a->clip_count; i++)
		if (strcmp(a->clips[i].id, id) == 0)
			return &a->clips[i];
	return NULL;
}

bool alsa_out_load(struct alsa_out *a, const char *id, const char *path)
{
	struct clip *c;

	if (find(a, id))
		return true;
	if (a->clip_count == CLIPS_MAX || strlen(id) >= CLIP_ID_MAX)
		return false;
	c = &a->clips[a->clip_count];
	if (!wav_read(path, RATE, &c->sound))
		return false;
	snprintf(c->id, sizeof c->id, "%s", id);
	a->clip_count++;
	return true;
}

bool alsa_out_play(struct alsa_out *a, const char *id, const char *path)
{
	const struct clip *c = find(a, id);
	bool failed;

	if (!c && alsa_out_load(a, id, path))
		c = find(a, id);
	pthread_mutex_lock(&a->lock);
	if (c)
		a->next = c;
	failed = a->failed;
	pthread_cond_signal(&a->wake);
	pthread_mutex_unlock(&a->lock);
	return !failed;
}

void alsa_out_close(struct alsa_out *a)
{
	if (!a)
		return;
	if (a->pcm) {
		pthread_mutex_lock(&a->lock);
		a->quit = true;
		pthread_cond_signal(&a->wake);
		pthread_mutex_unlock(&a->lock);
		pthread_join(a->thread, NULL);
		/* What was written plays out before the device closes. */
		snd_pcm_drain(a->pcm);
		snd_pcm_close(a->pcm);
		pthread_mutex_destroy(&a->lock);
		pthread_cond_destroy(&a->wake);
	}
	for (size_t i = 0; i < a->clip_count; i++)
		free(a->clips[i].sound.samples);
	free(a->clips);
	free(a);
}

#else /* built without ALSA (configure --with-alsa=no) */

struct alsa_out *alsa_out_open(const char *device)
{
	(void)device;
	return NULL;
}

bool alsa_out_load(struct alsa_out *a, const char *id, const char *path)
{
	(void)a;
	(void)id;
	(void)path;
	return false;
}

bool alsa_out_play(struct alsa_out *a, const char *id, const char *path)
{
	(void)a;
	(void)id;
	(void)path;
	return false;
}

void alsa_out_close(struct alsa_out *a)
{
	(void)a;
}

#endif
