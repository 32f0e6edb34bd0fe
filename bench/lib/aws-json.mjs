// The AWS JSON 1.1 protocol as the SDKs send it (POST /, X-Amz-Target), for setting up pools,
// clients and users in cognito-mock and in cognito-local, and for the InitiateAuth loads.
import http from 'node:http';
import { request } from './http.mjs';

const TARGET = 'AWSCognitoIdentityProviderService.';

/**
 * A client of one server: `call(operation, input)` resolves the parsed answer and rejects on any
 * non-200 (with the server's __type and message), `agent` keeps connections alive for `parallel`.
 */
export function awsJson(baseUrl, parallel = 8) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: parallel });
  const call = async (operation, input) => {
    const res = await request(`${baseUrl}/`, {
      method: 'POST', agent, body: JSON.stringify(input), headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${TARGET}${operation}` },
    });
    if (res.status !== 200) throw new Error(`${operation}: ${res.status} ${res.body.slice(0, 200)}`);
    return JSON.parse(res.body);
  };
  return { call, agent, close: () => agent.destroy() };
}

/** InitiateAuth USER_PASSWORD_AUTH; resolves AuthenticationResult or rejects (a challenge is a failure here). */
export async function passwordAuth(api, clientId, username, password) {
  const out = await api.call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } });
  if (!out.AuthenticationResult?.AccessToken) throw new Error(`InitiateAuth answered no tokens: ${JSON.stringify(out).slice(0, 200)}`);
  return out.AuthenticationResult;
}

/** InitiateAuth REFRESH_TOKEN_AUTH with a refresh token of an earlier sign-in. */
export async function refreshAuth(api, clientId, refreshToken) {
  const out = await api.call('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } });
  if (!out.AuthenticationResult?.AccessToken) throw new Error(`refresh answered no tokens: ${JSON.stringify(out).slice(0, 200)}`);
  return out.AuthenticationResult;
}
