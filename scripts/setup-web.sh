#!/usr/bin/env bash
# Installs what the web build (scripts/build-web.sh) and the browser tests (tests/web/) need:
# Debian's emscripten and the three browser engines (chromium, firefox-esr, WebKitGTK's
# driver and MiniBrowser), the tools that build libsodium/sqlite from Debian source packages,
# a deb-src entry so `apt-get source` works, and puppeteer-core from npm.
# Idempotent: returns at once when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  emscripten chromium nodejs
  # building Debian source packages for wasm: apt-get source + libsodium's autogen + sqlite's tcl
  dpkg-dev autoconf automake libtool tcl make cmake xz-utils
  # icons made at build time, fonts copied from Debian packages
  imagemagick fonts-inter fonts-noto-core fonts-dejavu-core fonts-symbola python3-fonttools
  # the other two engines of tests/web/engines: Firefox ESR (puppeteer-core over WebDriver
  # BiDi) and WebKitGTK (WebKitWebDriver + MiniBrowser, which needs a display: Xvfb, and
  # Mesa for its WebGL 2)
  firefox-esr webkit2gtk-driver libwebkit2gtk-4.1-0 xvfb xauth libgl1-mesa-dri libegl-mesa0
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

# deb-src mirroring the existing deb entries (same URIs, suites and keyring).
SRC_LIST=/etc/apt/sources.list.d/afterglow-deb-src.sources
need_update=0
if [ ! -f "$SRC_LIST" ] && ! grep -rqs '^Types:.*deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed -n '/^Types:/,$p' /etc/apt/sources.list.d/debian.sources \
      | sed 's/^Types:.*/Types: deb-src/' | $SUDO tee "$SRC_LIST" >/dev/null
  elif [ -f /etc/apt/sources.list ]; then
    grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
      | $SUDO tee /etc/apt/sources.list.d/afterglow-deb-src.list >/dev/null
  else
    echo "setup-web: no Debian apt source found to mirror as deb-src" >&2; exit 1
  fi
  need_update=1
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ] || [ "$need_update" = 1 ]; then
  echo "setup-web: apt-get update"
  $SUDO apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-web: installing ${#missing[@]} Debian packages: ${missing[*]}"
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v npm >/dev/null; then
  $SUDO apt-get install -y -qq --no-install-recommends npm >/dev/null
fi

# puppeteer-core 24 (25 needs node >= 22), no browser download: Debian's chromium is used.
NPM_DIR=build-web/npm
if [ ! -f "$NPM_DIR/node_modules/puppeteer-core/package.json" ] || [ ! -f "$NPM_DIR/node_modules/zxcvbn/package.json" ] || ! cmp -s web/package.json "$NPM_DIR/package.json"; then
  mkdir -p "$NPM_DIR"
  cp web/package.json "$NPM_DIR/package.json"
  echo "setup-web: npm install (zxcvbn, puppeteer-core)"
  (cd "$NPM_DIR" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
