/* fuzz_settings.c — the config file's reader, as the system's config
 * (every key allowed) and as a person's. */
#include <stddef.h>
#include <stdint.h>

#include "settings.h"

/* libFuzzer calls this with each input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct settings s = settings_defaults();
	struct settings_errors errors;

	settings_parse((const char *)data, size, "config", SETTINGS_SYSTEM, &s, &errors);
	s = settings_defaults();
	settings_parse((const char *)data, size, "config", SETTINGS_USER, &s, &errors);
	return 0;
}
