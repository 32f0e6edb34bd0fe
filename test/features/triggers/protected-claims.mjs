// Tries to change every claim Cognito protects, with Lambda's usual `handler` export name; only
// `custom` and the suppression of `custom_gone` may take effect.
export const handler = (event) => {
  event.response.claimsAndScopeOverrideDetails = {
    accessTokenGeneration: {
      claimsToAddOrOverride: {
        sub: 'someone-else', iss: 'https://evil.example', exp: 4102444800, iat: 1, auth_time: 1, jti: 'fixed', token_use: 'id',
        client_id: 'other-client', version: 3, scope: 'orders/admin', aud: 'api', nbf: 1, custom: 'kept', custom_gone: 'x',
      },
      claimsToSuppress: ['sub', 'exp', 'jti', 'iss', 'client_id', 'token_use', 'custom_gone'],
    },
  };
  return event;
};
