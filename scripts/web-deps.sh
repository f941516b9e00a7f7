#!/usr/bin/env bash
# Builds the web build's third-party libraries for WebAssembly from Debian *source* packages
# (`apt-get source`): libsodium, sqlite3, freetype, sqlitecpp, imgui. Nothing third-party is
# committed. Result: build-web/deps/{include,lib}. Reused, when present, from a cache folder
# outside the checkout (AFTERGLOW_WEB_CACHE, default /var/cache/afterglow/web) so a fresh clone
# only rebuilds Afterglow's own code. Called by scripts/build-web.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source scripts/web-env.sh

# Bump when a flag below changes: the cache is keyed by this and the compiler version.
DEPS_REV=3
KEY="r${DEPS_REV}-emcc$(emcc -dumpversion)"
CACHE=${AFTERGLOW_WEB_CACHE:-/var/cache/afterglow/web}
DEPS=$ROOT/build-web/deps
STAMP=$DEPS/.afterglow-deps-$KEY

if [ -f "$STAMP" ]; then exit 0; fi
if [ -f "$CACHE/deps-$KEY/.afterglow-deps-$KEY" ]; then
  echo "web-deps: reusing $CACHE/deps-$KEY"
  rm -rf "$DEPS"; mkdir -p "$(dirname "$DEPS")"
  cp -a "$CACHE/deps-$KEY" "$DEPS"
  exit 0
fi

T0=$(date +%s)
SRC=$ROOT/build-web/src
rm -rf "$DEPS"
mkdir -p "$SRC" "$DEPS/include" "$DEPS/lib"
# Every object of a threaded wasm build must be compiled with -pthread (shared memory).
CF="-O2 -pthread"
J=$(nproc)

fetch() {  # fetch PKG -> prints the unpacked source dir
  local pkg=$1
  local d
  d=$(find "$SRC" -maxdepth 1 -type d -name "$pkg-[0-9]*" | head -1)
  if [ -z "$d" ]; then
    if [ -d "$CACHE/src" ] && ls "$CACHE/src/${pkg}_"*.dsc >/dev/null 2>&1; then
      (cd "$SRC" && cp "$CACHE/src/${pkg}_"* . && dpkg-source -x --no-check ./"${pkg}_"*.dsc >/dev/null)
    else
      (cd "$SRC" && apt-get source -qq "$pkg" >/dev/null 2>&1) || {
        echo "web-deps: 'apt-get source $pkg' failed: run scripts/setup-web.sh (it adds the deb-src entry)" >&2
        exit 1
      }
      mkdir -p "$CACHE/src" 2>/dev/null && cp "$SRC/${pkg}_"* "$CACHE/src/" 2>/dev/null || true
    fi
    d=$(find "$SRC" -maxdepth 1 -type d -name "$pkg-[0-9]*" | head -1)
  fi
  echo "$d"
}

log() { echo "web-deps: $* ($(( $(date +%s) - T0 )) s)"; }

build_sodium() {
  local d; d=$(fetch libsodium)
  log "libsodium in $d"
  ( cd "$d"
    [ -x configure ] || ./autogen.sh -s >/dev/null 2>&1
    emconfigure ./configure --prefix="$DEPS" --disable-shared --enable-static --disable-ssp \
      --disable-asm --disable-pie CFLAGS="$CF" >/dev/null
    emmake make -j"$J" install >/dev/null )
}

build_sqlite() {
  local d; d=$(fetch sqlite3)
  log "sqlite3 in $d"
  ( cd "$d"
    [ -f sqlite3.c ] || { ./configure >/dev/null && make sqlite3.c >/dev/null; }
    # One connection per vault, one tab: exclusive locking keeps the WAL index in heap
    # memory (no shared-memory mmap, which the browser's file system does not have).
    emcc $CF -c sqlite3.c -o "$DEPS/lib/sqlite3.o" \
      -DSQLITE_THREADSAFE=1 -DSQLITE_DEFAULT_LOCKING_MODE=1 -DSQLITE_MAX_MMAP_SIZE=0 \
      -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_DQS=0 -DSQLITE_DEFAULT_MEMSTATUS=0
    emar rcs "$DEPS/lib/libsqlite3.a" "$DEPS/lib/sqlite3.o"
    rm "$DEPS/lib/sqlite3.o"
    cp sqlite3.h sqlite3ext.h "$DEPS/include/" )
}

build_freetype() {
  local d; d=$(fetch freetype)
  log "freetype in $d"
  rm -rf "$d/build-wasm"
  emcmake cmake -S "$d" -B "$d/build-wasm" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$DEPS" \
    -DCMAKE_C_FLAGS="$CF" -DFT_DISABLE_ZLIB=ON -DFT_DISABLE_BZIP2=ON -DFT_DISABLE_PNG=ON \
    -DFT_DISABLE_HARFBUZZ=ON -DFT_DISABLE_BROTLI=ON -DBUILD_SHARED_LIBS=OFF >/dev/null
  cmake --build "$d/build-wasm" -j"$J" >/dev/null
  cmake --install "$d/build-wasm" >/dev/null
}

build_sqlitecpp() {
  local d; d=$(fetch sqlitecpp)
  log "sqlitecpp in $d"
  mkdir -p "$d/obj"
  for f in "$d"/src/*.cpp; do
    em++ $CF -std=c++17 -fexceptions -I"$d/include" -I"$DEPS/include" -c "$f" -o "$d/obj/$(basename "$f" .cpp).o"
  done
  emar rcs "$DEPS/lib/libSQLiteCpp.a" "$d"/obj/*.o
  cp -r "$d/include/SQLiteCpp" "$DEPS/include/"
}

build_imgui() {
  local d; d=$(fetch imgui)
  log "imgui in $d"
  mkdir -p "$d/obj" "$DEPS/include/imgui/backends"
  local srcs=("$d"/imgui.cpp "$d"/imgui_draw.cpp "$d"/imgui_tables.cpp "$d"/imgui_widgets.cpp
              "$d"/imgui_demo.cpp "$d"/backends/imgui_impl_glfw.cpp "$d"/backends/imgui_impl_opengl3.cpp
              "$d"/misc/cpp/imgui_stdlib.cpp "$d"/misc/freetype/imgui_freetype.cpp)
  for f in "${srcs[@]}"; do
    em++ $CF -std=c++17 -DIMGUI_IMPL_OPENGL_ES3 -DIMGUI_ENABLE_FREETYPE -sUSE_GLFW=3 \
      -I"$d" -I"$DEPS/include/freetype2" -c "$f" -o "$d/obj/$(basename "$f" .cpp).o"
  done
  emar rcs "$DEPS/lib/libimgui.a" "$d"/obj/*.o
  cp "$d"/imgui.h "$d"/imconfig.h "$d"/imgui_internal.h "$d"/imstb_*.h "$d"/misc/cpp/imgui_stdlib.h \
     "$d"/misc/freetype/imgui_freetype.h "$DEPS/include/imgui/"
  cp "$d"/backends/imgui_impl_glfw.h "$d"/backends/imgui_impl_opengl3.h "$d"/backends/imgui_impl_opengl3_loader.h \
     "$DEPS/include/imgui/backends/" 2>/dev/null || cp "$d"/backends/imgui_impl_glfw.h "$d"/backends/imgui_impl_opengl3.h "$DEPS/include/imgui/backends/"
}

# libsodium's configure is the slow part (each probe runs emcc + node): run it beside the rest.
build_sodium > "$ROOT/build-web/deps-sodium.log" 2>&1 &
SODIUM_PID=$!
build_sqlite
build_freetype
build_sqlitecpp
build_imgui
if ! wait "$SODIUM_PID"; then
  echo "web-deps: libsodium failed:" >&2; tail -30 "$ROOT/build-web/deps-sodium.log" >&2; exit 1
fi
log "libsodium done"
# nlohmann-json is header-only (Debian's nlohmann-json3-dev).
ln -sfn /usr/include/nlohmann "$DEPS/include/nlohmann"
touch "$STAMP"
log "all dependencies built"
if mkdir -p "$CACHE" 2>/dev/null; then
  rm -rf "$CACHE/deps-$KEY.tmp" && cp -a "$DEPS" "$CACHE/deps-$KEY.tmp" && \
    rm -rf "$CACHE/deps-$KEY" && mv "$CACHE/deps-$KEY.tmp" "$CACHE/deps-$KEY" && log "cached in $CACHE/deps-$KEY"
fi
