#!/bin/sh
# package.sh — the Debian package: built from the release tarball with
# dpkg-buildpackage, checked by lintian, installed with apt-get, run
# (tendo --version, tendo check on the installed routines, a report), and
# removed.
#
#   tests/package.sh BUILD      (BUILD: a configured build folder; as root
#                                or with sudo, as it installs the package)
#
# Prints a line per step, "package: STEP: ok" or "package: STEP: FAILED",
# and exits 1 when one failed. Needs dpkg-dev, debhelper and lintian.
set -u
build=$(cd "$1" && pwd)
out=$build/deb
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
failed=0

step() {
	name=$1
	shift
	if "$@" >"$out/$name.log" 2>&1; then
		echo "package: $name: ok"
	else
		echo "package: $name: FAILED"
		tail -n 20 "$out/$name.log" | sed 's/^/    /'
		failed=1
	fi
}

unpack() {
	make -C "$build" -s dist && tar -xzf "$build"/tendo-*.tar.gz -C "$out"
}

build_package() {
	(cd "$out"/tendo-*/ && dpkg-buildpackage -us -uc -b)
}

# The installed tendo runs, checks its routines, and writes a report with
# its installed drawing module.
run_installed() {
	log=$(mktemp -d)
	[ "$(command -v tendo)" = /usr/bin/tendo ] && /usr/bin/tendo --version &&
		/usr/bin/tendo check /usr/share/tendo/routines/*.yaml &&
		[ -f /lib/systemd/system/tendo-kiosk@.service ] &&
		/usr/bin/tendo --data-dir "$log" --profile ana log calf-stretches &&
		/usr/bin/tendo --data-dir "$log" --profile ana report -o "$log/r.pdf" &&
		[ "$(head -c 5 "$log/r.pdf")" = "%PDF-" ]
	ok=$?
	rm -rf "$log"
	return $ok
}

removed() {
	$sudo apt-get remove -y tendo && [ ! -e /usr/bin/tendo ] &&
		[ ! -e /usr/share/tendo/routines/alfredson-program.yaml ]
}

rm -rf "$out"
mkdir -p "$out"
step unpack unpack
step build build_package
step lintian lintian --fail-on error "$out"/*.changes
step install $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y "$out"/tendo_*_*.deb
step run run_installed
step remove removed
exit $failed
