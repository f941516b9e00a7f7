#!/usr/bin/env bash
# Serves the built web app on http://127.0.0.1:PORT/ (default 8080) as a plain static host
# would: no special headers (the service worker adds what WebAssembly threads need).
#   bash scripts/serve-web.sh [--test] [PORT]
# Build it first with scripts/build-web.sh (or --test for the site with test hooks).
set -euo pipefail
cd "$(dirname "$0")/.."
SITE=build-web/site
if [ "${1:-}" = "--test" ]; then SITE=build-web/site-test; shift; fi
PORT=${1:-8080}
if [ ! -f "$SITE/index.html" ]; then
  echo "serve-web: $SITE is not built: run  bash scripts/build-web.sh$([ "$SITE" = build-web/site-test ] && echo ' --test')" >&2
  exit 1
fi
echo "serve-web: http://127.0.0.1:$PORT/  (Ctrl+C to stop)"
exec python3 - "$SITE" "$PORT" <<'PY'
import functools, http.server, sys
site, port = sys.argv[1], int(sys.argv[2])
class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      '.wasm': 'application/wasm', '.webmanifest': 'application/manifest+json',
                      '.js': 'text/javascript'}
    def end_headers(self):
        self.send_header('Cache-Control', 'no-cache')  # the service worker decides what is fresh
        super().end_headers()
http.server.ThreadingHTTPServer(('127.0.0.1', port), functools.partial(Handler, directory=site)).serve_forever()
PY
