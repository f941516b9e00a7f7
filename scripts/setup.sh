#!/usr/bin/env bash
# Installs every Debian package that building, running and testing Afterglow need.
# Idempotent: when everything is already installed it returns in well under a second.
set -euo pipefail

PACKAGES=(
  # build
  cmake g++ pkg-config ninja-build
  # libraries
  libimgui-dev libstb-dev libglfw3-dev libgl-dev libfreetype-dev
  libsqlitecpp-dev libsqlite3-dev libsodium-dev doctest-dev
  libcairo2-dev libpango1.0-dev libzxcvbn-dev nlohmann-json3-dev
  # fonts bundled into assets at build time
  fonts-inter fonts-noto-core fonts-dejavu-core fonts-noto-cjk fonts-noto-color-emoji
  # the GUI's emoji (monochrome Symbola, moved by scripts/emoji-font.py)
  fonts-symbola python3-fonttools
  # GUI tests under Xvfb
  xvfb xauth xdotool imagemagick libgl1-mesa-dri mesa-utils
  # desktop notifications (libnotify) and a real daemon to test them against
  libnotify-dev libnotify-bin dunst dbus-x11
  # interop and readers used by tests
  age poppler-utils python3 python3-icalendar bsdutils sqlite3 nodejs
  # core dumps of the running app (gcore) for the secrets-in-memory test
  gdb
  # fuzzing
  clang-14 libclang-rt-14-dev
  # sync: WebDAV from the desktop (libcurl), and the real stores the sync tests start
  libcurl4-openssl-dev apache2 syncthing
  # compiler cache (several build trees of one checkout share objects)
  ccache
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

npm_tools="$(dirname "${BASH_SOURCE[0]}")/setup-npm.sh"  # then the npm test tools (fhirpath)
if [ ${#missing[@]} -eq 0 ]; then
  exec bash "$npm_tools"
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
exec bash "$npm_tools"
