/* sound.c — sounds through libcanberra (see sound.h). */
#include "sound.h"

#include <canberra.h>
#include <stdlib.h>

struct sound {
	ca_context *ca;
};

struct sound *sound_open(void)
{
	struct sound *s = calloc(1, sizeof *s);

	if (!s)
		return NULL;
	/* Only the PulseAudio driver: its sample cache is what makes cues
	 * prompt, and with no server there is nothing to fall back to that
	 * the person would hear. */
	if (ca_context_create(&s->ca) != CA_SUCCESS) {
		free(s);
		return NULL;
	}
	if (ca_context_set_driver(s->ca, "pulse") != CA_SUCCESS ||
	    ca_context_change_props(s->ca, CA_PROP_APPLICATION_NAME, "tendo",
	                            CA_PROP_APPLICATION_ID, "org.tendo.coach", CA_PROP_MEDIA_ROLE,
	                            "event", NULL) != CA_SUCCESS ||
	    ca_context_open(s->ca) != CA_SUCCESS) {
		sound_close(s);
		return NULL;
	}
	return s;
}

bool sound_cache(struct sound *s, const char *id, const char *path)
{
	return ca_context_cache(s->ca, CA_PROP_EVENT_ID, id, CA_PROP_MEDIA_FILENAME, path, NULL) ==
	       CA_SUCCESS;
}

bool sound_play(struct sound *s, const char *id, const char *path)
{
	int r = ca_context_play(s->ca, 0, CA_PROP_EVENT_ID, id, CA_PROP_MEDIA_FILENAME, path,
	                        CA_PROP_CANBERRA_CACHE_CONTROL, "permanent", NULL);

	/* A sound that could not be found is not the server's failure. */
	return r == CA_SUCCESS || r == CA_ERROR_NOTFOUND || r == CA_ERROR_CANCELED;
}

void sound_close(struct sound *s)
{
	if (!s)
		return;
	if (s->ca)
		ca_context_destroy(s->ca);
	free(s);
}
