#!/bin/bash
# tendo remind: --install writes a systemd user timer and service (and a
# block in ~/.profile) a person can read, and --remove takes them away,
# leaving the rest of ~/.profile as it was. The timer's run, --notify, on
# made-up logs and dates (libfaketime): with a desktop, a notification
# (notify-send, here a stand-in that records what it was asked); without,
# the lines of `tendo today`, kept for the next login and shown there once
# (--show); nothing at all when nothing is due.
. "$(dirname "$0")/lib.sh"
need_faketime
data=$WORK/data
start=2030-03-04 # a Monday
who=ann
units=$HOME/.config/systemd/user

printf 'export EDITOR=vi\n' >"$HOME/.profile"
out=$(on 0 remind --install --at 07:30) || fail "remind --install exited $?: $out"
grep -qxF "OnCalendar=*-*-* 07:30:00" "$units/tendo-remind.timer" || fail "the timer: $(cat "$units/tendo-remind.timer")"
grep -qx 'ExecStart=".*/tendo" "--data-dir" ".*/data" "--profile" "ann" remind --notify' \
	"$units/tendo-remind.service" || fail "the service: $(cat "$units/tendo-remind.service")"
grep -q "remind --show" "$HOME/.profile" || fail "no line in ~/.profile: $(cat "$HOME/.profile")"
on 0 remind --install --at 07:30 >/dev/null || fail "a second --install failed"
[ "$(grep -c "remind --show" "$HOME/.profile")" = 1 ] || fail "a second --install added a second block"
err=$(on 0 remind --install --at 7:30 2>&1)
[ $? -eq 2 ] || fail "--at 7:30 did not exit 2"
printf '%s\n' "$err" | grep -qF -- "--at takes a time as HH:MM" || fail "--at 7:30 said: $err"
grep -qxF "OnCalendar=*-*-* 07:30:00" "$units/tendo-remind.timer" || fail "a bad --at changed the timer"
if command -v systemd-analyze >/dev/null; then
	out=$(cd "$units" && systemd-analyze verify --man=no tendo-remind.timer 2>&1) &&
		[ -z "$out" ] || fail "systemd-analyze verify: $out"
fi

# A Monday with the Alfredson program due: no desktop, so the lines wait
# for the next login, shown there once.
printf "no\nno\nno\nno\nno\n" | on 0 enrol alfredson-program --start "$start" >/dev/null || fail "enrol"
today=$(on 0 today)
[ -n "$today" ] || fail "tendo today said nothing on a day a session is due"
(
	unset DISPLAY WAYLAND_DISPLAY
	on 0 remind --notify
) || fail "remind --notify failed"
shown=$(on 0 remind --show)
[ "$shown" = "$today" ] || fail "the login showed \"$shown\", not \"$today\""
[ -z "$(on 0 remind --show)" ] || fail "the reminder was shown twice"

# With a desktop: a notification, and nothing left for the login.
mkdir -p "$WORK/bin"
printf '#!/bin/sh\nprintf "%%s\\n" "$@" >"%s/notified"\n' "$WORK" >"$WORK/bin/notify-send"
chmod +x "$WORK/bin/notify-send"
PATH=$WORK/bin:$PATH DISPLAY=:9 on 0 remind --notify || fail "remind --notify with a desktop failed"
grep -qF "Alfredson eccentric program" "$WORK/notified" || fail "the notification: $(cat "$WORK/notified" 2>&1)"
[ -z "$(on 0 remind --show)" ] || fail "a notified reminder was kept for the login too"

# Nothing due: no notification, nothing kept.
rm -f "$WORK/notified"
on 0 log alfredson-program --leg left >/dev/null && on 0 log alfredson-program --leg left >/dev/null ||
	fail "log"
PATH=$WORK/bin:$PATH DISPLAY=:9 on 0 remind --notify || fail "remind --notify with nothing due failed"
[ ! -e "$WORK/notified" ] || fail "a notification with nothing due"

out=$(on 0 remind --remove) || fail "remind --remove exited $?: $out"
[ ! -e "$units/tendo-remind.timer" ] && [ ! -e "$units/tendo-remind.service" ] ||
	fail "remind --remove left the units"
[ "$(cat "$HOME/.profile")" = "export EDITOR=vi" ] || fail "~/.profile after --remove: $(cat "$HOME/.profile")"
