#!/bin/bash
# A kiosk that can't open its members' log (here its folder is a file)
# does not exit into a getty's restart loop: one calm screen says so, and
# it tries again every ten seconds (of the test's clock) until the log
# opens; the staff may still leave with the admin PIN.
. "$(dirname "$0")/lib.sh"
need_tmux

kiosk_config
echo "not a folder" >"$WORK/data"

TEST_ENV="TENDO_SYSTEM_CONFIG=$WORK/system-config" start 80 24 --sound off
wait_for "This kiosk can't open its members' log just now"
wait_for "tries again every ten seconds"
on_screen "$WORK/data" || fail "the screen did not say why: $(screen)"
# Nine seconds on: still waiting. The tenth: it tries again, and fails again.
advance 9000
not_on_screen "who is training?" || fail "the kiosk went on without its log"
# Staff: a wrong PIN is said on the same calm screen; tendo stays.
press q
wait_for "The admin PIN, to leave tendo."
press -l 1111
press Enter
wait_for "That is not the admin PIN. This kiosk can't open"

# The cause mended: at the next try the members' screen appears.
rm "$WORK/data"
advance 10000
wait_for "who is training?"
[ -f "$WORK/data/tendo.db" ] || fail "the log was not made once it could be"
leave_kiosk
[ "$(finished)" = 0 ] || fail "tendo did not leave with status 0 after the admin PIN"
