#!/usr/bin/env bash
# Builds the web app (WebAssembly, Debian's emscripten) into build-web/site/:
#   index.html, boot.js, shim.js, afterglow.js/.wasm/.data/.worker.js, sw.js, kdf.js,
#   kdf_worker.js + afterglow_kdf.js/.wasm (Argon2id's worker and module),
#   manifest.webmanifest, icons (drawn by web/make-icons.sh with ImageMagick), zxcvbn.js.
#   bash scripts/build-web.sh          the release site (ignores ?test-hooks / ?insecure-test-kdf)
#   bash scripts/build-web.sh --test   also build-web/site-test/, the same site with those test hooks
#                                      honoured (and ?test-autolock-seconds=N); one compile of the app
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

# One build dir: the app compiles once, platform_web.cpp twice (app/web.cmake): `afterglow`
# is the release site, `afterglow_test` (app/test/) the site with the test hooks.
# AFTERGLOW_WEB_OUT: where the app is compiled and the sites written (default build-web), so
# two checkouts' builds can run side by side; the dependencies stay in build-web/deps, npm.
OUT=${AFTERGLOW_WEB_OUT:-build-web}
BUILD=$OUT/app
rm -rf "$OUT/release" "$OUT/test"  # the two build dirs of before (one per site)
TARGETS=(afterglow); [ "$MODE" = test ] && TARGETS+=(afterglow_test)
emcmake cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DAFTERGLOW_WEB_DEPS="$ROOT/build-web/deps" >/dev/null
T1=$(date +%s)
# Both sites in one build: the two links (each mostly one core) run side by side.
cmake --build "$BUILD" --target "${TARGETS[@]}" -j"$(nproc)"
T2=$(date +%s)

# make_site OUT DIR TEST: the site in OUT from the executable in DIR (TEST: true|false).
make_site() {
  local SITE=$1 DIR=$2 TEST=$3
  rm -rf "$SITE.tmp" && mkdir -p "$SITE.tmp"
  cp "$DIR"/afterglow.js "$DIR"/afterglow.wasm "$DIR"/afterglow.data "$DIR"/afterglow.worker.js "$SITE.tmp/"
  cp web/index.html web/shim.js web/kdf.js web/kdf_worker.js web/manifest.webmanifest "$SITE.tmp/"
  cp "$BUILD"/app/kdf/afterglow_kdf.js "$BUILD"/app/kdf/afterglow_kdf.wasm "$SITE.tmp/"
  cp build-web/npm/node_modules/zxcvbn/dist/zxcvbn.js "$SITE.tmp/zxcvbn.js"
  sed "s#/\*AFTERGLOW_TEST_SITE\*/false#$TEST#" web/boot.js > "$SITE.tmp/boot.js"
  bash web/make-icons.sh "$SITE.tmp"
  # The service worker caches every file; its version is a hash of them (a new build = an update).
  local FILES VERSION
  FILES=$(cd "$SITE.tmp" && ls | sort | sed 's/.*/"&"/' | paste -sd, -)
  VERSION=$(cd "$SITE.tmp" && cat $(ls | sort) | sha256sum | cut -c1-16)
  # ... and pins each file's SHA-256: it caches and serves nothing else (web/sw.js).
  local HASHES
  HASHES=$(cd "$SITE.tmp" && sha256sum $(ls | sort) | awk '{printf "%s\"%s\": \"%s\"", (NR > 1 ? ", " : ""), $2, $1}')
  sed -e "s#__AFTERGLOW_VERSION__#$VERSION#" -e "s#__AFTERGLOW_FILES__#[$FILES]#" \
      -e "s#__AFTERGLOW_HASHES__#{$HASHES}#" web/sw.js > "$SITE.tmp/sw.js"
  rm -rf "$SITE" && mv "$SITE.tmp" "$SITE"
  echo "build-web: $SITE (test hooks: $TEST, version $VERSION): $(du -sh "$SITE" | cut -f1)"
}
make_site "$OUT/site" "$BUILD/app" false
[ "$MODE" = test ] && make_site "$OUT/site-test" "$BUILD/app/test" true
echo "build-web: ${TARGETS[*]} in $(( $(date +%s) - T0 )) s (compile and link $(( T2 - T1 )) s)"
