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
CREATE STATIC COHORT activated_no_invite FOR GROUP TYPE org_id AS SELECT MICROSCOPE(FUNNEL(event_type = 'Activate Account', event_type = 'Invite New Contact'), 1, DROPPED) FROM events GROUP BY GROUP TYPE org_id;
SELECT COUNT(*) AS dropped_activations FROM (SELECT MICROSCOPE(FUNNEL(event_type = 'Activate Account', event_type = 'Invite New Contact'), 1, DROPPED) FROM events GROUP BY GROUP TYPE org_id);
SELECT member_count AS cohort_members FROM cohorts WHERE name = 'activated_no_invite';
CREATE COHORT customized FOR GROUP TYPE org_id AS SELECT org_id FROM events WHERE event_type = 'Create customized report';
SELECT in_cohort, period_index, units, retention FROM (SELECT org_id IN COHORT customized AS in_cohort, RETENTION(event_type = 'Create Dashboard', event_type = 'View Dashboard', INTERVAL '1' DAY, 7) FROM events GROUP BY GROUP TYPE org_id, org_id IN COHORT customized) ORDER BY in_cohort, period_index;
SHOW COHORTS;
SELECT COUNT(*) AS enterprise_accounts FROM TABLE(GROUP_SEARCH('org_id', 'plan = enterprise'));
SELECT COUNT(*) AS org1_events FROM TABLE(GROUP_ACTIVITY('org_id', 'org-1', 20));
CREATE DYNAMIC GROUP PROPERTY active_users_7d FOR GROUP TYPE org_id AS UNIQUES() OVER LAST INTERVAL '7' DAY;
SELECT COUNT(*) AS accounts_with_active_users_7d FROM group_profiles WHERE group_type = 'org_id' AND properties['active_users_7d'] IS NOT NULL;
!quit
SQL
bin/troupe sql --password troupe --run="$data/session.sql" > "$out" 2>&1 || true
cat "$out"
# The demo printed the same funnel through the engine itself: the accounts per step must match.
expected=$(awk '/units AS accounts/{f=1} f && /^[123] +\|/{print $1, $3} /rows, /{if(f) exit}' "$log")
actual=$(awk -F'|' '/^\| [123] +\|/{gsub(/ /,""); print $2, $3}' "$out")
check() { grep -q -- "$1" "$out" || { echo "sqlline session: missing '$1'"; exit 1; }; }
check "| default     | events                   | TABLE"
check "| events     | event_time       | 93"
check "| step | accounts |"
check "3 rows selected"
check "| dropped_accounts |"
check "1 row selected"
# The dialect's other statements of the README: cohorts (the static cohort holds the microscope's accounts),
# retention by cohort, account look-up and a dynamic property, each answered without an error.
if grep -q "^Error:" "$out"; then echo "sqlline session: a statement failed"; exit 1; fi
dropped=$(awk -F'|' '/^\| dropped_activations +\|$/{getline; getline; gsub(/ /,""); print $2}' "$out")
members=$(awk -F'|' '/^\| cohort_members +\|$/{getline; getline; gsub(/ /,""); print $2}' "$out")
[ -n "$dropped" ] && [ "$dropped" = "$members" ] || { echo "cohort from the microscope has $members members, the microscope $dropped"; exit 1; }
check "| in_cohort | period_index |"
check "| activated_no_invite"
check "| enterprise_accounts |"
check "| org1_events |"
check "| accounts_with_active_users_7d |"
[ -n "$expected" ] && [ "$expected" = "$actual" ] || { echo "funnel through sqlline ($actual) differs from the demo's ($expected)"; exit 1; }
echo "sqlline session: OK (funnel accounts per step: $(echo $actual | tr '\n' ' '))"
