/* sound.c — sounds through libcanberra (see sound.h).
 *
 * libcanberra is loaded when sound is first wanted (dlopen), not when tendo
 * starts: it brings some thirty libraries with it, and most starts (a
 * list, a check, the start screen, a session with the bell) need none. */
#include "sound.h"

#include <stdlib.h>

#include "alsa_out.h"
#include "config.h"

/* One way of playing, chosen as it opens: the sound server or the card. */
struct sound {
	void *ca;              /* a libcanberra context, for the sound server */
	struct alsa_out *alsa; /* the card, straight */
};

struct sound *sound_open_alsa(const char *device)
{
	struct sound *s = calloc(1, sizeof *s);

	if (s && !(s->alsa = alsa_out_open(device))) {
		free(s);
		s = NULL;
	}
	return s;
}

#ifdef HAVE_CANBERRA
#include <canberra.h>
#include <dlfcn.h>

static struct {
	bool tried, loaded;
	int (*create)(ca_context **c);
	int (*set_driver)(ca_context *c, const char *driver);
	int (*change_props)(ca_context *c, ...);
	int (*open)(ca_context *c);
	int (*cache)(ca_context *c, ...);
	int (*play)(ca_context *c, uint32_t id, ...);
	int (*destroy)(ca_context *c);
} ca;

/* Loads libcanberra once. Returns false when it is not installed. */
static bool load_canberra(void)
{
	void *lib;

	if (ca.tried)
		return ca.loaded;
	ca.tried = true;
	lib = dlopen("libcanberra.so.0", RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		return false;
	*(void **)&ca.create = dlsym(lib, "ca_context_create");
	*(void **)&ca.set_driver = dlsym(lib, "ca_context_set_driver");
	*(void **)&ca.change_props = dlsym(lib, "ca_context_change_props");
	*(void **)&ca.open = dlsym(lib, "ca_context_open");
	*(void **)&ca.cache = dlsym(lib, "ca_context_cache");
	*(void **)&ca.play = dlsym(lib, "ca_context_play");
	*(void **)&ca.destroy = dlsym(lib, "ca_context_destroy");
	ca.loaded = ca.create && ca.set_driver && ca.change_props && ca.open && ca.cache &&
	            ca.play && ca.destroy;
	return ca.loaded;
}

struct sound *sound_open(void)
{
	struct sound *s;
	ca_context *context;

	if (!load_canberra() || !(s = calloc(1, sizeof *s)))
		return NULL;
	/* Only the PulseAudio driver here: its sample cache is what makes
	 * cues prompt. With no server, the card is played straight
	 * (sound_open_alsa), with its sounds in memory. */
	if (ca.create(&context) != CA_SUCCESS) {
		free(s);
		return NULL;
	}
	s->ca = context;
	if (ca.set_driver(s->ca, "pulse") != CA_SUCCESS ||
	    ca.change_props(s->ca, CA_PROP_APPLICATION_NAME, "tendo", CA_PROP_APPLICATION_ID,
	                    "org.tendo.coach", CA_PROP_MEDIA_ROLE, "event", NULL) != CA_SUCCESS ||
	    ca.open(s->ca) != CA_SUCCESS) {
		sound_close(s);
		return NULL;
	}
	return s;
}

static bool server_cache(struct sound *s, const char *id, const char *path)
{
	return ca.cache(s->ca, CA_PROP_EVENT_ID, id, CA_PROP_MEDIA_FILENAME, path, NULL) ==
	       CA_SUCCESS;
}

static bool server_play(struct sound *s, const char *id, const char *path)
{
	int r = ca.play(s->ca, 0, CA_PROP_EVENT_ID, id, CA_PROP_MEDIA_FILENAME, path,
	                CA_PROP_CANBERRA_CACHE_CONTROL, "permanent", NULL);

	/* A sound that could not be found is not the server's failure. */
	return r == CA_SUCCESS || r == CA_ERROR_NOTFOUND || r == CA_ERROR_CANCELED;
}

static void server_close(struct sound *s)
{
	if (s->ca)
		ca.destroy(s->ca);
}

#else /* built without libcanberra (configure --with-canberra=no) */

struct sound *sound_open(void)
{
	return NULL;
}

static bool server_cache(struct sound *s, const char *id, const char *path)
{
	(void)s;
	(void)id;
	(void)path;
	return false;
}

static bool server_play(struct sound *s, const char *id, const char *path)
{
	(void)s;
	(void)id;
	(void)path;
	return false;
}

static void server_close(struct sound *s)
{
	(void)s;
}

#endif

bool sound_cache(struct sound *s, const char *id, const char *path)
{
	return s->alsa ? alsa_out_load(s->alsa, id, path) : server_cache(s, id, path);
}

bool sound_play(struct sound *s, const char *id, const char *path)
{
	return s->alsa ? alsa_out_play(s->alsa, id, path) : server_play(s, id, path);
}

void sound_close(struct sound *s)
{
	if (!s)
		return;
	if (s->alsa)
		alsa_out_close(s->alsa);
	else
		server_close(s);
	free(s);
}
