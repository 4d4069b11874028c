/* pin.h — PINs kept as salted hashes, never in clear.
 *
 * The hash is crypt(3)'s (libxcrypt: yescrypt by default), with a fresh
 * random salt for each PIN; the hash string carries its salt and method,
 * so a stronger default later still checks the PINs kept before.
 */
#ifndef TENDO_PIN_H
#define TENDO_PIN_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

enum { PIN_HASH_MAX = 160 };

/* How long a PIN is: a member's has PIN_MEMBER_DIGITS digits, an admin's
 * PIN_DIGITS_MIN to PIN_DIGITS_MAX. */
enum { PIN_DIGITS_MIN = 4, PIN_DIGITS_MAX = 12, PIN_MEMBER_DIGITS = 4 };

/* Hashes pin with a new salt into hash; the salt alone (crypt's setting)
 * into salt. False with err when the system can't (no random bytes). */
bool pin_hash(const char *pin, char hash[PIN_HASH_MAX], char salt[PIN_HASH_MAX],
              struct tendo_error *err);

/* Whether pin is the one kept: stored is a hash from pin_hash() or, for
 * an admin PIN written in the system's config by hand, the digits. Takes
 * the same time whichever digit is wrong. */
bool pin_matches(const char *pin, const char *stored);

#endif
