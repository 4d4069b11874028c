/* member.c — what a kiosk member may be called (see member.h). */
#include "member.h"

#include <string.h>

/* The length of the UTF-8 sequence at s (1 to 4), or 0 when it is not
 * one: overlong forms, surrogates and stray continuation bytes are not. */
static int utf8_length(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		return (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0))
			return 0;
		return 3;
	}
	if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
			return 0;
		if ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

static bool is_alnum_ascii(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool member_name_check(const char *name, struct tendo_error *err)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t len = strlen(name);

	if (len == 0) {
		error_set(err, NULL, 0, 0, "Type a name first.");
		return false;
	}
	if (len > MEMBER_NAME_MAX) {
		error_set(err, NULL, 0, 0, "That name is too long: at most %d letters.",
		          MEMBER_NAME_MAX);
		return false;
	}
	if (!(is_alnum_ascii(s[0]) || s[0] >= 0x80)) {
		error_set(err, NULL, 0, 0, "A name starts with a letter or a digit.");
		return false;
	}
	if (s[len - 1] == ' ') {
		error_set(err, NULL, 0, 0, "A name does not end with a space.");
		return false;
	}
	for (size_t i = 0; i < len;) {
		int n = utf8_length(s + i);
		if (n == 0) {
			error_set(err, NULL, 0, 0, "That name has a character tendo can't show.");
			return false;
		}
		if (n == 1 && !is_alnum_ascii(s[i]) && !strchr(" -'.", s[i])) {
			error_set(err, NULL, 0, 0,
			          "A name may have letters, digits, spaces and - ' . only.");
			return false;
		}
		i += (size_t)n;
	}
	return true;
}
