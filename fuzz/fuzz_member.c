/* fuzz_member.c — what a kiosk member types as their name. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "member.h"

/* libFuzzer calls this with each input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tendo_error err;
	char *name = malloc(size + 1);

	if (!name)
		return 0;
	memcpy(name, data, size);
	name[size] = '\0';
	member_name_check(name, &err);
	free(name);
	return 0;
}
