// A pre token generation trigger (V3) for client credentials: the caller's tenant, from
// aws_client_metadata (token endpoint) or ClientMetadata (GetClientToken), becomes a claim, and a
// read-only tenant loses the write scope.
export default async function handler(event) {
  const tenant = event.request.clientMetadata.tenant ?? 'default';
  event.response.claimsAndScopeOverrideDetails = {
    accessTokenGeneration: {
      claimsToAddOrOverride: { tenant },
      scopesToSuppress: tenant === 'read-only' ? ['orders/write'] : [],
    },
  };
  return event;
}
