/* pin.c — PINs kept as salted hashes (see pin.h). */
#include "pin.h"

#include <crypt.h>
#include <stdlib.h>
#include <string.h>

bool pin_hash(const char *pin, char hash[PIN_HASH_MAX], char salt[PIN_HASH_MAX],
              struct tendo_error *err)
{
	struct crypt_data *data;
	const char *out;

	/* No prefix: the system's preferred method; no bytes: libxcrypt
	 * draws the salt from the kernel's random source. */
	if (!crypt_gensalt_rn(NULL, 0, NULL, 0, salt, PIN_HASH_MAX)) {
		error_set(err, NULL, 0, 0, "can't make a salt for the PIN (no random source)");
		return false;
	}
	data = calloc(1, sizeof *data);
	if (!data) {
		error_set(err, NULL, 0, 0, "out of memory");
		return false;
	}
	out = crypt_r(pin, salt, data);
	if (!out || out[0] == '*' || strlen(out) >= PIN_HASH_MAX) {
		error_set(err, NULL, 0, 0, "can't hash the PIN");
		free(data);
		return false;
	}
	memcpy(hash, out, strlen(out) + 1);
	free(data);
	return true;
}

/* Compares every byte, so the time taken says nothing of where they differ. */
static bool same(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char diff = la != lb;

	for (size_t i = 0; i < la && i < lb; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

bool pin_matches(const char *pin, const char *stored)
{
	struct crypt_data *data;
	const char *out;
	bool match;

	if (!stored[0])
		return false;
	if (stored[0] != '$')
		return same(pin, stored);
	data = calloc(1, sizeof *data);
	if (!data)
		return false;
	out = crypt_r(pin, stored, data);
	match = out && out[0] != '*' && same(out, stored);
	free(data);
	return match;
}
