#!/usr/bin/env bash
# Builds the web app (WebAssembly, Debian's emscripten) into build-web/site/:
#   index.html, boot.js, shim.js, afterglow.js/.wasm/.data/.worker.js, sw.js,
#   manifest.webmanifest, icons (drawn by web/make-icons.sh with ImageMagick), zxcvbn.js.
#   bash scripts/build-web.sh          the release site (ignores ?test-hooks / ?insecure-test-kdf)
#   bash scripts/build-web.sh --test   the same site with those test hooks honoured
# Dependencies are built once from Debian source packages (scripts/web-deps.sh) and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MODE=release
if [ "${1:-}" = "--test" ]; then MODE=test; fi

bash scripts/setup-web.sh
source scripts/web-env.sh
T0=$(date +%s)
bash scripts/web-deps.sh

HOOKS=OFF; [ "$MODE" = test ] && HOOKS=ON
BUILD=build-web/$MODE
emcmake cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAFTERGLOW_WEB_TEST_HOOKS=$HOOKS \
  -DAFTERGLOW_WEB_DEPS="$ROOT/build-web/deps" >/dev/null
cmake --build "$BUILD" --target afterglow -j"$(nproc)"

SITE=build-web/site
[ "$MODE" = test ] && SITE=build-web/site-test
rm -rf "$SITE.tmp" && mkdir -p "$SITE.tmp"
cp "$BUILD"/app/afterglow.js "$BUILD"/app/afterglow.wasm "$BUILD"/app/afterglow.data "$BUILD"/app/afterglow.worker.js "$SITE.tmp/"
cp web/index.html web/shim.js web/manifest.webmanifest "$SITE.tmp/"
cp build-web/npm/node_modules/zxcvbn/dist/zxcvbn.js "$SITE.tmp/zxcvbn.js"
sed "s#/\*AFTERGLOW_TEST_SITE\*/false#$([ "$MODE" = test ] && echo true || echo false)#" web/boot.js > "$SITE.tmp/boot.js"
bash web/make-icons.sh "$SITE.tmp"
# The service worker caches every file; its version is a hash of them (a new build = an update).
FILES=$(cd "$SITE.tmp" && ls | sort | sed 's/.*/"&"/' | paste -sd, -)
VERSION=$(cd "$SITE.tmp" && cat $(ls | sort) | sha256sum | cut -c1-16)
sed -e "s#__AFTERGLOW_VERSION__#$VERSION#" -e "s#__AFTERGLOW_FILES__#[$FILES]#" web/sw.js > "$SITE.tmp/sw.js"
rm -rf "$SITE" && mv "$SITE.tmp" "$SITE"
echo "build-web: $SITE ($MODE, version $VERSION) in $(( $(date +%s) - T0 )) s: $(du -sh "$SITE" | cut -f1)"
