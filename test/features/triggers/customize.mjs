// A V3 pre token generation trigger for client credentials, as it would run in Lambda: it echoes
// the event it received into a claim (so tests can check the event), adds a tenant from the client
// metadata, and adds and removes scopes. Counts its own loads in its thread's globals and tells them
// in a claim, so tests can check it is imported once, and not into the test's thread.
globalThis.__customizeTriggerLoads = (globalThis.__customizeTriggerLoads ?? 0) + 1;

export default async function handler(event) {
  const seen = JSON.parse(JSON.stringify(event));
  event.response.claimsAndScopeOverrideDetails = {
    accessTokenGeneration: {
      claimsToAddOrOverride: {
        tenant: event.request.clientMetadata.tenant ?? 'none',
        seen_event: seen,
        entitlements: ['reports', 'exports'],
        limits: { rps: 10, burst: true },
        loads: globalThis.__customizeTriggerLoads,
      },
      scopesToAdd: ['orders/audit'],
      scopesToSuppress: ['orders/write'],
    },
  };
  return event;
}
