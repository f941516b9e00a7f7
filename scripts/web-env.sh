# Sourced by the web build scripts: Debian's emscripten 3.1.6 under this node needs these.
export NODE_PATH=/usr/share/nodejs            # else -O1+ links fail: "Cannot find module 'acorn'"
export NODE_OPTIONS=--no-experimental-fetch   # else "Failed to parse URL from …wasm"
command -v emcc >/dev/null || { echo "emcc not found: run scripts/setup-web.sh" >&2; exit 1; }
