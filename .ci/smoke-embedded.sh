#!/usr/bin/env bash
# The embedded default: no DATABASE_URL → PGlite is created, migrated and seeded on first start.
set -uo pipefail
out=$1
port=3310
dir=$(mktemp -d)
export CANDOR_DATA_DIR=$dir/data APP_URL=http://localhost:$port PORT=$port AUTH_SECRET=smoke-secret-smoke-secret-smoke-secret-1
unset DATABASE_URL
passed=0; failed=0
check() { if eval "$2"; then echo "  ok   $1"; passed=$((passed + 1)); else echo "  FAIL $1"; failed=$((failed + 1)); fi; }
# The server runs in its own process group so stopping it stops next-server's children too.
start() { setsid npx next start -p $port >>"$dir/server.log" 2>&1 & pid=$!; for _ in $(seq 1 90); do curl -sf "http://localhost:$port/api/health" >/dev/null && return 0; sleep 1; done; return 1; }
stop() { kill -TERM -- "-$pid" 2>/dev/null; for _ in $(seq 1 30); do kill -0 -- "-$pid" 2>/dev/null || return 0; sleep 0.5; done; kill -KILL -- "-$pid" 2>/dev/null; }

if curl -s -o /dev/null "http://localhost:$port/"; then echo "port $port is already in use"; exit 1; fi
check "first start creates, migrates and seeds the embedded database" start
check "GET /api/health answers 200 {\"status\":\"ok\"}" '[ "$(curl -s http://localhost:$port/api/health)" = "{\"status\":\"ok\"}" ]'
stop
# The CLI opens the same data directory once the server has let go of it.
key=$(npm run -s candor -- apikey create --workspace glow --name smoke 2>"$dir/cli.err" | tail -n 1)
check "the seeded workspace glow exists (apikey create succeeds)" '[[ "$key" == cnd_* ]]'
check "server restarts on the existing data" start
check "the key reads its workspace over the API" 'curl -sf -H "authorization: Bearer $key" http://localhost:$port/api/v1/workspace | grep -q "\"slug\":\"glow\""'
stop
[ $failed -gt 0 ] && { echo "--- server log"; tail -50 "$dir/server.log"; cat "$dir/cli.err"; }
rm -rf "$dir"
echo "{\"passed\":$passed,\"failed\":$failed}" >"$out"
[ $failed -eq 0 ]
