/* remind.h — a daily reminder when a session is due: a systemd user timer
 * that runs `tendo remind --notify` at a set time, which shows a desktop
 * notification (notify-send) where a desktop runs, else leaves the line
 * for the terminal at the next login (`tendo remind --show`, from a block
 * in ~/.profile). All of it plain files a person can read and remove.
 */
#ifndef TENDO_REMIND_H
#define TENDO_REMIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "error.h"

/* "HH:MM", 00:00 to 23:59. */
bool remind_parse_at(const char *text, int *hour, int *minute);

/* The timer's and the service's text; command is the tendo command line
 * the service runs (already quoted for systemd). */
const char *remind_timer_text(int hour, int minute, char *buf, size_t size);
const char *remind_service_text(const char *command, char *buf, size_t size);

/* Quotes one argument for a systemd ExecStart= line ("..." with % as %%).
 * False when it holds a character that can't be quoted there (a quote, a
 * backslash, a control character). */
bool remind_quote(const char *arg, char *buf, size_t size);

/* Writes the timer, the service and the ~/.profile block (its line runs
 * show_command at each login), and starts the timer with systemctl --user
 * where it can. *started says whether it could. False with err when a
 * file can't be written. */
bool remind_install(int hour, int minute, const char *command, const char *show_command,
                    bool *started, struct tendo_error *err);

/* Stops the timer and removes what remind_install() wrote. False with err
 * when a file can't be removed. */
bool remind_remove(struct tendo_error *err);

/* Shows text as a desktop notification (notify-send, from libnotify).
 * False when it can't be shown. */
bool remind_notify_send(const char *text);

/* The reminder left for the next login (a file in dir): leaves text, or
 * takes it (printing it to out and removing it). */
bool remind_leave(const char *dir, const char *text);
void remind_take(const char *dir, FILE *out);

#endif
