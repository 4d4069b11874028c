/* error.c — errors as values (see error.h). */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void error_set(struct tendo_error *err, const char *file, int line, int column, const char *fmt,
               ...)
{
	va_list ap;

	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = line;
	err->column = column;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
}

char *error_format(const struct tendo_error *err, char *buf, unsigned size)
{
	if (err->file[0] == '\0')
		snprintf(buf, size, "%s", err->message);
	else if (err->line == 0)
		snprintf(buf, size, "%s: %s", err->file, err->message);
	else if (err->column == 0)
		snprintf(buf, size, "%s:%d: %s", err->file, err->line, err->message);
	else
		snprintf(buf, size, "%s:%d:%d: %s", err->file, err->line, err->column,
		         err->message);
	return buf;
}
