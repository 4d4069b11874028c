/* error.h — errors as values.
 *
 * A function that can fail returns a status and fills a struct tendo_error
 * that the caller shows. The struct owns no heap memory: it can be copied,
 * kept in arrays and dropped without freeing.
 */
#ifndef TENDO_ERROR_H
#define TENDO_ERROR_H

#include <stdbool.h>

enum { ERROR_FILE_MAX = 256, ERROR_MESSAGE_MAX = 320 };

struct tendo_error {
	char file[ERROR_FILE_MAX]; /* "" when the error is not about a file */
	int line;                  /* 1-based; 0 when unknown */
	int column;                /* 1-based; 0 when unknown */
	char message[ERROR_MESSAGE_MAX];
};

/* Fills err with a printf-style message at file:line:column. */
void error_set(struct tendo_error *err, const char *file, int line, int column, const char *fmt,
               ...) __attribute__((format(printf, 5, 6)));

/* Writes "file:line:column: message" (leaving out what is unknown) into
 * buf, always NUL-terminated. Returns buf. */
char *error_format(const struct tendo_error *err, char *buf, unsigned size);

#endif
