/* member.h — what a kiosk member may be called. Pure.
 *
 * A name is only ever a key in the log and a line on the start screen,
 * never part of a path; the rules keep it readable from two metres and
 * free of anything a terminal would act on.
 */
#ifndef TENDO_MEMBER_H
#define TENDO_MEMBER_H

#include <stdbool.h>

#include "error.h"

enum { MEMBER_NAME_MAX = 40 }; /* bytes of UTF-8 */

/* True when name may be a member's name; else err says why, in words for
 * the member. Letters (any script), digits, spaces and - ' . are allowed;
 * it must start with a letter or digit, and not end with a space. */
bool member_name_check(const char *name, struct tendo_error *err);

#endif
