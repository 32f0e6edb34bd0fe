// A V2 pre token generation trigger for user tokens, as it would run in Lambda: the domain of the
// user's email becomes a tenant claim of both tokens, and the event's source a claim of the ID token.
export default async function handler(event) {
  const tenant = event.request.userAttributes.email?.split('@')[1] ?? 'none';
  event.response.claimsAndScopeOverrideDetails = {
    idTokenGeneration: { claimsToAddOrOverride: { tenant, source: event.triggerSource } },
    accessTokenGeneration: { claimsToAddOrOverride: { tenant } },
  };
  return event;
}
