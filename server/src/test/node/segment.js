// Sends track, identify and group calls to a Troupe server with Segment's Node SDK, then checks none failed.
// Run by io.troupe.server.ingest.SdkEndToEndTest:
//   node segment.js <host, e.g. http://127.0.0.1:7431> <write key = the project's API key>
'use strict';
const { Analytics } = require('@segment/analytics-node');

async function main() {
  const [host, writeKey] = process.argv.slice(2);
  const analytics = new Analytics({ writeKey, host, flushAt: 20, flushInterval: 50, maxRetries: 1 });
  const errors = [];
  analytics.on('error', (e) => errors.push(e));
  const done = (call) => (err) => {
    if (err) {
      errors.push(err);
    } else {
      console.log(`${call} -> delivered`);
    }
  };
  // group: the configured traits (groupType, groupValue) name the group; the other traits are its properties.
  analytics.group({ userId: 'sdk-seg-user-1', groupId: 'acct-1',
    traits: { groupType: 'org_id', groupValue: 'sdk-org-2', name: 'Initech', employees: 329 } }, done('group'));
  analytics.identify({ userId: 'sdk-seg-user-1', traits: { plan: 'pro', role: 'admin' } }, done('identify'));
  analytics.track({ userId: 'sdk-seg-user-1', event: 'Invite User', properties: { invited: 2 } }, done('track'));
  analytics.track({ anonymousId: 'sdk-seg-anon-1', event: 'Open App', context: { groupId: 'acct-9' } }, done('track'));
  await analytics.closeAndFlush({ timeout: 20000 });
  if (errors.length > 0) {
    for (const e of errors) {
      console.error(e);
    }
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
