#!/usr/bin/env bash
# A real JDBC client end to end: bin/troupe demo serves a small generated sample, and sqlline (through
# bin/troupe sql and Troupe's JDBC driver) runs a scripted session whose output is checked.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
log="$data/server.log"
out="$data/sqlline.out"
cleanup() {
  local status=$?
  if [ -n "${pid:-}" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$data"
  exit "$status"
}
trap cleanup EXIT
bin/troupe demo --data "$data/troupe-data" --events 100000 > "$log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  grep -q "^Projects:" "$log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "the server did not start"; exit 1; }
  sleep 1
done
grep -q "^Projects:" "$log" || { cat "$log"; echo "the server did not start in 10 minutes"; exit 1; }
cat > "$data/session.sql" <<'SQL'
!tables
!columns events
SELECT step, units AS accounts, conversion FROM (SELECT FUNNEL(event_type = 'Create Report', event_type = 'Share Report', event_type = 'Invite User' WITHIN INTERVAL '7' DAY) FROM events GROUP BY GROUP TYPE org_id) ORDER BY step;
SELECT COUNT(*) AS dropped_accounts FROM (SELECT MICROSCOPE(FUNNEL(event_type = 'Create Report', event_type = 'Share Report', event_type = 'Invite User' WITHIN INTERVAL '7' DAY), 2, DROPPED) FROM events GROUP BY GROUP TYPE org_id);
!quit
SQL
bin/troupe sql --password troupe --run="$data/session.sql" > "$out" 2>&1 || true
cat "$out"
# The demo printed the same funnel through the engine itself: the accounts per step must match.
expected=$(awk '/units AS accounts/{f=1} f && /^[123] +\|/{print $1, $3} /rows, /{if(f) exit}' "$log")
actual=$(awk -F'|' '/^\| [123] +\|/{gsub(/ /,""); print $2, $3}' "$out")
check() { grep -q -- "$1" "$out" || { echo "sqlline session: missing '$1'"; exit 1; }; }
check "| default     | events                 | TABLE"
check "| events     | event_time       | 93"
check "| step | accounts |"
check "3 rows selected"
check "| dropped_accounts |"
check "1 row selected"
[ -n "$expected" ] && [ "$expected" = "$actual" ] || { echo "funnel through sqlline ($actual) differs from the demo's ($expected)"; exit 1; }
echo "sqlline session: OK (funnel accounts per step: $(echo $actual | tr '\n' ' '))"
