// Sends track, setGroup (an identify with groups) and groupIdentify calls to a Troupe server with Amplitude's
// Node SDK, then checks every call was answered 200. Run by io.troupe.server.ingest.SdkEndToEndTest:
//   node amplitude.js <serverUrl, e.g. http://127.0.0.1:7431/2/httpapi> <api key>
'use strict';
const amplitude = require('@amplitude/analytics-node');

async function main() {
  const [serverUrl, apiKey] = process.argv.slice(2);
  amplitude.init(apiKey, { serverUrl, flushIntervalMillis: 50, flushMaxRetries: 1 });
  const user = { user_id: 'sdk-amp-user-1' };
  const results = [];
  // The user-level group first, so that the tracked events after it carry it.
  results.push(await amplitude.setGroup('org_id', 'sdk-org-1', user).promise);
  results.push(await amplitude.groupIdentify('org_id', 'sdk-org-1',
    new amplitude.Identify().set('plan', 'enterprise').add('seats', 12), user).promise);
  results.push(await amplitude.track('Create Report', { size: 3 }, { ...user, insert_id: 'sdk-amp-1' }).promise);
  results.push(await amplitude.track('Share Report', { channel: 'email' },
    { ...user, insert_id: 'sdk-amp-2', groups: { org_id: 'sdk-org-event' } }).promise);
  await amplitude.flush().promise;
  const failed = results.filter((r) => r.code !== 200);
  for (const r of results) {
    console.log(`${r.event.event_type} -> ${r.code} ${r.message}`);
  }
  if (failed.length > 0) {
    console.error(`${failed.length} call(s) were not answered 200`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
