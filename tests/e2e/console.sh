#!/bin/bash
# A kiosk on the Linux console keeps the screen lit: the console's blanking
# is turned off (ESC [ 9 ; 0 ], console_codes(4)) as the kiosk starts and put
# back as it leaves, read from every byte tendo writes to its terminal
# (script(1) records them from the first). Elsewhere (an xterm) the
# sequence is never sent.
. "$(dirname "$0")/lib.sh"
need_tmux
command -v script >/dev/null || skip "script is not installed (apt-get install bsdutils)"

kiosk_config

# The kiosk on TERM=$1 until the admin PIN leaves it; every byte it wrote
# in the file $2.
kiosk_on() {
	local command
	command="env TERM=$1 LANG=C.UTF-8 TENDO_SYSTEM_CONFIG=$WORK/system-config $SANITIZER_ENV $(quote_args "$TENDO" --test-clock "$CLOCK" --sound off)"
	new_session 80 24 "$(pane_command "script -qfec $(quote_args "$command") $(quote_args "$2")")"
	wait_for "who is training?"
	leave_kiosk
	[ "$(finished)" = 0 ] || fail "the kiosk on $1 did not leave with status 0"
	t kill-server 2>/dev/null
}

blank_off=$(printf '\033[9;0]')
kiosk_on linux "$WORK/linux.out"
grep -qaF "$blank_off" "$WORK/linux.out" || fail "the kiosk on the Linux console did not turn blanking off"
# The blanking put back as the kiosk left: the kernel's own setting (in
# seconds; the sequence takes minutes), the last word on it after the first.
seconds=$(cat /sys/module/kernel/parameters/consoleblank 2>/dev/null || echo 600)
restore=$(printf '\033[9;%d]' $(((seconds + 59) / 60)))
grep -ao $'\033\\[9;[0-9]*]' "$WORK/linux.out" >"$WORK/blanking"
[ "$(wc -l <"$WORK/blanking")" -ge 2 ] && [ "$(tail -n 1 "$WORK/blanking")" = "$restore" ] ||
	fail "the kiosk did not put the console's blanking back: $(od -c "$WORK/blanking")"

kiosk_on xterm-256color "$WORK/xterm.out"
grep -qaF $'\033[9;' "$WORK/xterm.out" && fail "the console's blanking sequence was sent to an xterm"
exit 0
