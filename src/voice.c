/* voice.c — spoken cues with espeak-ng (see voice.h). */
#include "voice.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "wav.h"

#ifdef HAVE_ESPEAK
#include <dlfcn.h>
#include <espeak-ng/speak_lib.h>
#endif

char *voice_path(const char *dir, const char *text, char *buf, size_t size)
{
	char slug[64];
	size_t n = 0;

	for (const char *p = text; *p && n + 1 < sizeof slug; p++)
		slug[n++] = isalnum((unsigned char)*p) ? (char)tolower((unsigned char)*p) : '-';
	slug[n] = '\0';
	snprintf(buf, size, "%s/voice-%s.wav", dir, slug);
	return buf;
}

#ifdef HAVE_ESPEAK

bool voice_available(void)
{
	return true;
}

/* The samples of the text being synthesised (espeak calls back). */
struct speech {
	short *samples;
	size_t count, capacity;
	bool failed;
};

static struct speech *current;

static int on_samples(short *wav, int count, espeak_EVENT *events)
{
	(void)events;
	if (!wav || count <= 0 || !current)
		return 0;
	if (current->count + (size_t)count > current->capacity) {
		size_t capacity = (current->capacity + (size_t)count) * 2;
		short *grown = realloc(current->samples, capacity * sizeof *grown);
		if (!grown) {
			current->failed = true;
			return 1;
		}
		current->samples = grown;
		current->capacity = capacity;
	}
	memcpy(current->samples + current->count, wav, (size_t)count * sizeof *wav);
	current->count += (size_t)count;
	return 0;
}

static int rate;

/* espeak-ng, loaded only when a voice is wanted (dlopen): most sessions
 * have none, and it brings its own libraries. */
static struct {
	int (*initialize)(espeak_AUDIO_OUTPUT, int, const char *, int);
	void (*set_callback)(t_espeak_callback *);
	espeak_ERROR (*set_voice)(const char *);
	espeak_ERROR (*set_parameter)(espeak_PARAMETER, int, int);
	espeak_ERROR (*synth)(const void *, size_t, unsigned int, espeak_POSITION_TYPE,
	                      unsigned int, unsigned int, unsigned int *, void *);
	espeak_ERROR (*synchronize)(void);
} es;

static bool load_espeak(void)
{
	void *lib = dlopen("libespeak-ng.so.1", RTLD_NOW | RTLD_LOCAL);

	if (!lib)
		return false;
	*(void **)&es.initialize = dlsym(lib, "espeak_Initialize");
	*(void **)&es.set_callback = dlsym(lib, "espeak_SetSynthCallback");
	*(void **)&es.set_voice = dlsym(lib, "espeak_SetVoiceByName");
	*(void **)&es.set_parameter = dlsym(lib, "espeak_SetParameter");
	*(void **)&es.synth = dlsym(lib, "espeak_Synth");
	*(void **)&es.synchronize = dlsym(lib, "espeak_Synchronize");
	return es.initialize && es.set_callback && es.set_voice && es.set_parameter && es.synth &&
	       es.synchronize;
}

static bool start_espeak(struct tendo_error *err)
{
	if (rate > 0)
		return true;
	if (!load_espeak()) {
		error_set(err, NULL, 0, 0,
		          "espeak-ng is not installed (apt-get install libespeak-ng1)");
		return false;
	}
	rate = es.initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, espeakINITIALIZE_DONT_EXIT);
	if (rate <= 0) {
		error_set(err, NULL, 0, 0,
		          "espeak-ng could not start (is espeak-ng-data installed?)");
		return false;
	}
	es.set_callback(on_samples);
	es.set_voice("en");
	es.set_parameter(espeakRATE, 190, 0);
	return true;
}

/* espeak begins each utterance with a little silence; a cue's word must
 * start when the cue does. */
static size_t leading_silence(const short *s, size_t count)
{
	size_t i = 0;
	while (i < count && abs(s[i]) < 300)
		i++;
	return i > 64 ? i - 64 : 0;
}

/* Every word as loud as the others, and as the tones. */
static void normalise(short *s, size_t count)
{
	int peak = 1;

	for (size_t i = 0; i < count; i++)
		if (abs(s[i]) > peak)
			peak = abs(s[i]);
	for (size_t i = 0; i < count; i++)
		s[i] = (short)((long)s[i] * 20000 / peak);
}

bool voice_render(const char *dir, const char *text, struct tendo_error *err)
{
	struct speech speech = {0};
	char path[4096], tmp[4200];
	size_t skip;
	bool ok;

	voice_path(dir, text, path, sizeof path);
	if (access(path, R_OK) == 0)
		return true;
	if (!start_espeak(err))
		return false;
	current = &speech;
	ok = es.synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, NULL) ==
	         EE_OK &&
	     es.synchronize() == EE_OK && !speech.failed && speech.count > 0;
	current = NULL;
	if (!ok) {
		error_set(err, NULL, 0, 0, "espeak-ng could not say \"%s\"", text);
		free(speech.samples);
		return false;
	}
	normalise(speech.samples, speech.count);
	skip = leading_silence(speech.samples, speech.count);
	/* Written under another name, then renamed: a half-written file is
	 * never taken for a finished one. */
	snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
	ok = wav_write(tmp, speech.samples + skip, speech.count - skip, (unsigned)rate) &&
	     rename(tmp, path) == 0;
	if (!ok) {
		error_set(err, path, 0, 0, "can't write the spoken word: %s", strerror(errno));
		unlink(tmp);
	}
	free(speech.samples);
	return ok;
}

#else

bool voice_available(void)
{
	return false;
}

bool voice_render(const char *dir, const char *text, struct tendo_error *err)
{
	(void)dir;
	(void)text;
	error_set(err, NULL, 0, 0, "this tendo was built without espeak-ng, so it has no voice");
	return false;
}

#endif
