#!/bin/bash
# Staff at the command line (tendo member), on a kiosk's log: list the
# members with their last session and any lockout, set a member's PIN,
# lift a lockout a kiosk made (the kiosk sees it at once: lockouts are in
# the log), and remove a member with their log after a yes. Then the same
# on the kiosk's staff screen, behind the admin PIN. Each action is noted
# in the log with when and which host.
. "$(dirname "$0")/lib.sh"
need_tmux
kiosk_config
use_log "$WORK/data"
member() {
	TENDO_SYSTEM_CONFIG=$WORK/system-config "$TENDO" member "$@"
}

"$TENDO" log calf-stretches --data-dir "$WORK/data" --profile Ana >/dev/null || fail "log Ana"
"$TENDO" log calf-stretches --data-dir "$WORK/data" --profile Bo >/dev/null || fail "log Bo"
out=$(printf '1357\n' | member reset-pin ana) || fail "reset-pin: $out"
printf '%s\n' "$out" | grep -qF "PIN is set" || fail "reset-pin said: $out"
err=$(printf '12\n' | member reset-pin Ana 2>&1)
[ $? -eq 2 ] || fail "a 2-digit PIN did not exit 2"
printf '%s\n' "$err" | grep -qF "a member's PIN has 4 digits; nothing was changed" || fail "$err"
out=$(member list) || fail "member list"
printf '%s\n' "$out" | grep -qE "^Ana +- +yes +$(date +%F) " || fail "member list: $out"
printf '%s\n' "$out" | grep -qE "^Bo +- +no " || fail "member list: $out"

# Three wrong PINs on the kiosk lock Ana's profile; staff lift it, and the
# kiosk takes her PIN straight away, no half minute gone.
TEST_ENV="TENDO_SYSTEM_CONFIG=$WORK/system-config" start 80 24 --sound off
wait_for "who is training?"
press Home Enter
three_wrong_pins Ana
press Escape
wait_for "who is training?"
member list | grep -qE "^Ana .* until [0-9:]+$" || fail "the lockout is not listed: $(member list)"
out=$(member unlock Ana) || fail "unlock: $out"
press Home Enter
wait_for "Your PIN, please."
press -l 1357
press Enter
wait_for "Ana: choose a routine"
press q
wait_for "who is training?"

# Removing needs a yes; then Ana and all of her log are gone, Bo's kept.
out=$(printf 'no\n' | member remove Ana)
[ $? -eq 1 ] || fail "a no did not exit 1"
printf '%s\n' "$out" | grep -qF "Nothing was removed." || fail "remove, no: $out"
out=$(printf 'yes\n' | member remove Ana) || fail "remove: $out"
member list | grep -q "^Ana " && fail "Ana is still listed"
[ "$(log_sql "SELECT COUNT(*) FROM sessions")" = 1 ] || fail "Ana's sessions were kept, or Bo's removed"
err=$(member remove Ana 2>&1)
[ $? -eq 1 ] || fail "removing no one did not exit 1"
printf '%s\n' "$err" | grep -qF 'there is no member called "Ana"' || fail "$err"
[ "$(log_sql "SELECT action || ' ' || member FROM staff_actions ORDER BY id" | tr '\n' ,)" = \
	"reset-pin ana,unlock Ana,remove Ana," ] || fail "staff actions: $(log_sql "SELECT * FROM staff_actions")"
[ "$(log_sql "SELECT COUNT(DISTINCT host) FROM staff_actions WHERE host <> ''")" = 1 ] ||
	fail "the staff actions do not say where"
err=$(member list extra 2>&1)
[ $? -eq 2 ] || fail "member list extra did not exit 2"

# The staff's screen on the kiosk, behind the admin PIN: the members with
# their last session, the kiosks in use; a new PIN for Bo, Bo's report,
# then Bo removed after a yes; x leaves tendo.
press q
wait_for "The admin PIN, for the staff's screen."
press -l 2468
press Enter
wait_for "tendo — staff"
wait_for "Training now on: no kiosk"
screen | grep -qE "Bo +last $(date +%F) [0-9:]+, no PIN" || fail "the staff screen: $(screen)"
press Home p
wait_for "The new PIN (none: just OK)."
press -l 2222
press Enter
wait_for "Done."
[ "$(log_sql "SELECT COUNT(*) FROM profiles WHERE name = 'Bo' AND pin_hash IS NOT NULL")" = 1 ] ||
	fail "Bo's new PIN is not in the log"
# R: Bo's report, where staff say (the member's own folder offered).
press Home R
wait_for "Where should the report (a PDF) go?"
press Enter
wait_for "The report on Bo is in $WORK/data/reports/Bo-$(date +%F).pdf."
[ "$(head -c 5 "$WORK/data/reports/Bo-$(date +%F).pdf")" = "%PDF-" ] || fail "R wrote no PDF"
press Home r
wait_for "Remove Bo and everything logged of them, for good?"
press y
wait_for "No members yet."
[ "$(log_sql "SELECT COUNT(*) FROM profiles")" = 0 ] || fail "Bo was not removed"
[ "$(log_sql "SELECT action || ' ' || member FROM staff_actions ORDER BY id DESC LIMIT 3" | tr '\n' ,)" = \
	"remove Bo,report Bo,reset-pin Bo," ] || fail "the screen's staff actions: $(log_sql "SELECT * FROM staff_actions")"
press x
[ "$(finished)" = 0 ] || fail "tendo did not leave"
