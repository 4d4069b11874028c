#!/bin/bash
# The console kiosk's systemd unit, as the build makes it: tendo --kiosk as
# the user tendo on the instance's virtual console, in place of its getty,
# back whenever it exits; and systemd-analyze verify finds nothing wrong.
. "$(dirname "$0")/lib.sh"
unit=$(dirname "$TENDO")/systemd/tendo-kiosk@.service
[ -f "$unit" ] || skip "the build has no systemd unit (configure found no systemd)"
command -v systemd-analyze >/dev/null || skip "systemd-analyze is not installed"

for line in "Conflicts=getty@%i.service" "TTYPath=/dev/%I" "User=tendo" "Restart=always" \
	"StandardInput=tty" "Environment=TERM=linux" "WantedBy=multi-user.target"; do
	grep -qxF "$line" "$unit" || fail "the unit lacks $line"
done
grep -qx "ExecStart=/.*/tendo --kiosk" "$unit" || fail "the unit does not run tendo --kiosk: $(grep ExecStart "$unit")"
grep -qF "@bindir@" "$unit" && fail "the unit still says @bindir@"

# Verified as the instance for tty1, running the tendo just built (the
# installed one need not exist yet).
sed "s|^ExecStart=.* --kiosk|ExecStart=$TENDO --kiosk|" "$unit" >"$WORK/tendo-kiosk@tty1.service"
out=$(cd "$WORK" && systemd-analyze verify --man=no "$WORK/tendo-kiosk@tty1.service" 2>&1) ||
	fail "systemd-analyze verify: $out"
[ -z "$out" ] || fail "systemd-analyze verify warned: $out"
