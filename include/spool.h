/* spool.h — the sets that wait for the log, kept on disk beside it.
 *
 * While the log will not take a session's sets (a disk briefly full, a log
 * that went away), they wait in memory, in order (see struct journal). A
 * spool keeps the same sets on disk, so that a kiosk killed or crashed
 * meanwhile loses none: the next tendo to open the log writes them, once
 * each. The spool is made when the session begins, with room set aside
 * for every set that may wait (so that it can still be written on a full
 * disk), beside the log as LOG.waiting-SESSION-PID; it is removed when the
 * session ends with nothing waiting.
 *
 * On disk: two slots of text, each a header (the session, its process and
 * host, a sequence number), one line per set and an end line with a
 * checksum; each write goes to the older slot and is synced, so a crash
 * mid-write leaves the other whole. The newer whole slot is the spool.
 */
#ifndef TENDO_SPOOL_H
#define TENDO_SPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "store.h"

struct spool {
	int fd; /* -1: no spool (none made, or it could not be) */
	char path[4200];
	int64_t session;
	uint64_t seq;      /* the last write's */
	size_t waiting;    /* the sets in it, as last written */
	size_t slot;       /* bytes in each of the two slots */
	char header[4400]; /* the slots' first lines, the same in each */
};

/* Makes the spool of session beside the log at log_path (store_path),
 * with room set aside for sets_max sets whose exercises' names are at most
 * name_max bytes; host names this kiosk. On failure sp->fd is -1 and err
 * says why (the sets still wait in memory). */
bool spool_open(struct spool *sp, const char *log_path, int64_t session, const char *host,
                size_t sets_max, size_t name_max, struct tendo_error *err);

/* Keeps exactly these sets (oldest first; none: nothing waits) in the
 * spool, synced to disk before it returns. False when it could not. */
bool spool_keep(struct spool *sp, const struct store_set *sets, size_t count);

/* Closes the spool; removes its file when nothing waits in it (what does
 * is written by the next tendo to open the log: spool_replay). */
void spool_close(struct spool *sp);

/* Writes to store the sets waiting in the spools beside it that no running
 * tendo owns (its process gone; on this host), each once (a set already in
 * the log, as a crash between the two writes leaves it, is not written
 * again), and removes each spool the log took whole. Returns the number of
 * sets written. */
size_t spool_replay(struct store *store);

#endif
