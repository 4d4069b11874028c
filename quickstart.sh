#!/bin/sh
# quickstart.sh — set up, build and run tendo, or its tests, on Debian.
#
#   ./quickstart.sh run [TENDO ARGS...]   install what is missing, build, start the coach
#   ./quickstart.sh test                  the same set-up, then the whole test suite:
#                                         make check, make check under ASan+UBSan,
#                                         the fuzzers beside make distcheck, and the
#                                         Debian package built, installed and removed
#
# Packages are installed with apt-get (through sudo when not root). With CI
# set, compiler warnings are errors. The last line of `test` is
# "N passed, N failed, N skipped".
set -eu

mode=${1:-run}
[ $# -gt 0 ] && shift
top=$(cd "$(dirname "$0")" && pwd)
cd "$top"

build_packages="build-essential autoconf automake pkg-config libncurses-dev libyaml-dev
	libsqlite3-dev libpq-dev libcrypt-dev libcanberra-dev libcanberra-pulse libasound2-dev libespeak-ng-dev
	espeak-ng-data libcairo2-dev libpango1.0-dev fonts-dejavu-core"
test_packages="libcmocka-dev tmux procps sqlite3 python3 pulseaudio pulseaudio-utils openssh-server
	openssh-client valgrind clang faketime stress-ng systemd dpkg-dev debhelper lintian postgresql
	poppler-utils python3-pyfiglet python3-click python3-dateutil figlet"

began=$(date +%s)

# A step, and the time since the start: where a run's minutes go.
say() {
	printf '==> %s (at %d s)\n' "$*" "$(($(date +%s) - began))"
}

install_missing() {
	missing=""
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	say "installing:$missing"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

configure_in() {
	dir=$1
	shift
	mkdir -p "$dir"
	(cd "$dir" && "$top/configure" -q "$@")
}

werror=""
[ -n "${CI:-}" ] && werror="--enable-werror"

case $mode in
run)
	install_missing $build_packages
	[ -x configure ] || autoreconf -fi
	configure_in build $werror
	make -C build -s -j"$(nproc)"
	exec build/tendo "$@"
	;;
test)
	install_missing $build_packages $test_packages
	autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
	passed=0 failed=0 skipped=0

	# Adds up automake's counts from a test-suite.log.
	count() {
		log=$1
		if [ ! -f "$log" ]; then
			echo "FAIL: no $log: the tests did not run"
			failed=$((failed + 1))
			return
		fi
		# test-suite.log holds the logs of the tests that did not pass.
		if grep -q '^# \(FAIL\|ERROR\|XPASS\): *[1-9]' "$log"; then
			sed -n '/^\.\. contents::/,$p' "$log" | head -n 400
		fi
		p=$(sed -n 's/^# PASS: *//p' "$log" | head -n 1)
		f=$(sed -n 's/^# FAIL: *//p' "$log" | head -n 1)
		e=$(sed -n 's/^# ERROR: *//p' "$log" | head -n 1)
		x=$(sed -n 's/^# XPASS: *//p' "$log" | head -n 1)
		s=$(sed -n 's/^# SKIP: *//p' "$log" | head -n 1)
		passed=$((passed + ${p:-0}))
		failed=$((failed + ${f:-0} + ${e:-0} + ${x:-0}))
		skipped=$((skipped + ${s:-0}))
		grep -h '^SKIP: ' "$(dirname "$log")"/tests/*/*.log 2>/dev/null | sort -u | sed 's/^/    /' || true
	}

	say "building and testing"
	configure_in build $werror
	make -C build -s -j"$(nproc)"
	# Most tests wait on a real terminal and a real clock: twice the cores.
	make -C build -s -j"$((2 * $(nproc)))" check >/dev/null 2>&1 || true
	count build/test-suite.log

	# The unit tests and a representative set of end-to-end tests (see
	# Makefile.am), leaks checked at exit.
	say "building and testing with AddressSanitizer and UndefinedBehaviorSanitizer"
	configure_in build-sanitizers $werror --enable-sanitizers
	make -C build-sanitizers -s -j"$(nproc)"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		LSAN_OPTIONS=suppressions="$top/tests/lsan.supp":print_suppressions=0 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		make -C build-sanitizers -s -j"$((2 * $(nproc)))" check >/dev/null 2>&1 || true
	count build-sanitizers/test-suite.log

	# The fuzzers keep one core busy for a while; distcheck mostly waits on
	# terminals and clocks the tests hold: the two run side by side.
	fuzz_seconds=${FUZZ_SECONDS:-60}
	say "fuzzing (each libFuzzer target for $fuzz_seconds s) beside make distcheck"
	configure_in build-fuzz $werror CC=clang --enable-fuzzing
	fuzz_built=no
	if make -C build-fuzz -s -j"$(nproc)" fuzz/fuzz_routine fuzz/fuzz_settings fuzz/fuzz_member \
		>build-fuzz/build.out 2>&1; then
		fuzz_built=yes
		fuzz/run.sh build-fuzz "$fuzz_seconds" >build-fuzz/fuzz.out 2>&1 &
		fuzzing=$!
	fi
	if make -C build -s -j"$((2 * $(nproc)))" distcheck DISTCHECK_CONFIGURE_FLAGS="$werror" \
		>build/distcheck.out 2>&1; then
		passed=$((passed + 1))
	else
		tail -n 30 build/distcheck.out
		echo "FAIL: make distcheck"
		failed=$((failed + 1))
	fi
	if [ "$fuzz_built" = yes ]; then
		wait "$fuzzing" || true
		cat build-fuzz/fuzz.out
		passed=$((passed + $(grep -c ': ok' build-fuzz/fuzz.out || true)))
		failed=$((failed + $(grep -c ': FAILED' build-fuzz/fuzz.out || true)))
	else
		tail -n 30 build-fuzz/build.out
		echo "FAIL: the fuzz targets did not build"
		failed=$((failed + 1))
	fi

	# The Debian package, from the release tarball: built, lintian-clean,
	# installed, run, removed.
	say "building, installing and removing the Debian package"
	tests/package.sh build >build/package.out 2>&1 || true
	cat build/package.out
	passed=$((passed + $(grep -c ': ok$' build/package.out || true)))
	failed=$((failed + $(grep -c ': FAILED$' build/package.out || true)))

	say "done"
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ]
	;;
*)
	echo "usage: ./quickstart.sh run [TENDO ARGS...] | ./quickstart.sh test" >&2
	exit 2
	;;
esac
