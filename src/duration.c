/* duration.c — durations as people write them (see duration.h). */
#include "duration.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Units in the order they must appear: each at most once, largest first. */
static const struct {
	const char *suffix;
	int64_t ms;
} units[] = {
    {"h", 3600000},
    {"m", 60000},
    {"s", 1000},
    {"ms", 1},
};
enum { UNIT_COUNT = sizeof units / sizeof units[0] };

static const char *const unit_words[] = {"h", "m", "s", "ms"};

/* Reads "123" or "1.25" at *p into thousandths; advances *p. */
static bool read_number(const char **p, int64_t *thousandths)
{
	const char *s = *p;
	int64_t whole = 0, frac = 0;
	int frac_digits = 0;

	if (!isdigit((unsigned char)*s))
		return false;
	while (isdigit((unsigned char)*s)) {
		whole = whole * 10 + (*s - '0');
		if (whole > 100000000)
			return false;
		s++;
	}
	if (*s == '.') {
		s++;
		if (!isdigit((unsigned char)*s))
			return false;
		while (isdigit((unsigned char)*s)) {
			if (frac_digits == 3)
				return false; /* finer than a millisecond */
			frac = frac * 10 + (*s - '0');
			frac_digits++;
			s++;
		}
	}
	while (frac_digits < 3) {
		frac *= 10;
		frac_digits++;
	}
	*thousandths = whole * 1000 + frac;
	*p = s;
	return true;
}

/* Matches the unit at *p, the longest name first ("ms" before "m"). */
static int read_unit(const char **p)
{
	int best = -1;
	size_t best_len = 0;

	for (int i = 0; i < UNIT_COUNT; i++) {
		size_t len = strlen(unit_words[i]);
		if (strncmp(*p, unit_words[i], len) == 0 && len > best_len) {
			best = i;
			best_len = len;
		}
	}
	/* A unit is followed by the next number or by the end: "30sec" is not
	 * a duration. */
	if (best < 0 || ((*p)[best_len] != '\0' && !isdigit((unsigned char)(*p)[best_len])))
		return -1;
	*p += best_len;
	return best;
}

bool duration_parse(const char *text, int64_t *ms)
{
	const char *p = text;
	int64_t total = 0;
	int last_unit = -1;

	if (!text || !*text)
		return false;
	while (*p) {
		int64_t n;
		int unit;

		if (!read_number(&p, &n))
			return false;
		if (*p == '\0') {
			/* A bare number: plain seconds, and only on its own. */
			if (last_unit >= 0)
				return false;
			total = n;
			break;
		}
		unit = read_unit(&p);
		if (unit < 0 || unit <= last_unit)
			return false;
		if (units[unit].ms == 1 && n % 1000 != 0)
			return false; /* fractions of a millisecond */
		total += n * units[unit].ms / 1000;
		last_unit = unit;
	}
	if (total > INT64_C(24) * 3600000)
		return false;
	*ms = total;
	return true;
}

char *duration_format(int64_t ms, char *buf, unsigned size)
{
	int64_t min = ms / 60000, rest = ms % 60000;

	if (ms < 60000 || rest != 0) {
		if (rest % 1000 == 0 && min == 0)
			snprintf(buf, size, "%lld s", (long long)(rest / 1000));
		else if (min == 0)
			snprintf(buf, size, "%g s", (double)rest / 1000.0);
		else if (rest % 1000 == 0)
			snprintf(buf, size, "%lld min %lld s", (long long)min,
			         (long long)(rest / 1000));
		else
			snprintf(buf, size, "%lld min %g s", (long long)min, (double)rest / 1000.0);
	} else {
		snprintf(buf, size, "%lld min", (long long)min);
	}
	return buf;
}

char *duration_clock(int64_t ms, char *buf, unsigned size)
{
	int64_t s = ms <= 0 ? 0 : (ms + 999) / 1000;

	if (s >= 3600)
		snprintf(buf, size, "%lld:%02lld:%02lld", (long long)(s / 3600),
		         (long long)(s / 60 % 60), (long long)(s % 60));
	else
		snprintf(buf, size, "%lld:%02lld", (long long)(s / 60), (long long)(s % 60));
	return buf;
}
