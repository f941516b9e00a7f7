#!/usr/bin/env bash
# Seeds for fuzz_record: minimal valid encodings of each record kind (hand-built bytes).
set -euo pipefail
dir=$1
# codec v1, type 2 (entry), 16-byte id, version 1, created (utc 0, zone ""), updated, kind 3,
# title "t", body "b", then empty vectors, no session, not captured.
printf '\x01\x02AAAAAAAAAAAAAAAA\x01\x00\x00\x00\x00\x03\x01t\x01b\x00\x00\x00\x00\x00\x00\x00' >"$dir/entry"
# type 1 (session): kind 2, protocol 1, route 1, no times, provider "", notes "".
printf '\x01\x01AAAAAAAAAAAAAAAA\x01\x00\x00\x00\x00\x02\x01\x01\x00\x00\x00\x00\x00' >"$dir/session"
# type 6 (manifest): generation 1, one (id, version 2).
printf '\x01\x06\x01\x01BBBBBBBBBBBBBBBB\x02' >"$dir/manifest"
