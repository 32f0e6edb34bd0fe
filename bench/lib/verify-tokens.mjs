// Verifies sampled tokens the way a resource server would: signature against the pool's JWKS
// as the server publishes it (jose), issuer, token_use, and distinct jti. A server whose tokens
// do not verify cannot look fast: every failure becomes an error of the figure.
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { request } from './http.mjs';

/** Resolves {checked, verified, failures: [reason]}; `clientIds` (a Set), when given, must hold each token's client_id. */
export async function verifyTokens(baseUrl, tokens, { clientIds } = {}) {
  const keySets = new Map();
  const jtis = new Set();
  const failures = [];
  for (const token of tokens) {
    try {
      const claims = decodeJwt(token);
      const iss = String(claims.iss ?? '');
      const poolId = iss.slice(iss.lastIndexOf('/') + 1);
      let keySet = keySets.get(poolId);
      if (!keySet) {
        const res = await request(`${baseUrl}/${poolId}/.well-known/jwks.json`);
        if (res.status !== 200) throw new Error(`JWKS of ${poolId} answered ${res.status}`);
        keySet = createLocalJWKSet(JSON.parse(res.body));
        keySets.set(poolId, keySet);
      }
      const { payload } = await jwtVerify(token, keySet, { issuer: iss, algorithms: ['RS256'] });
      if (payload.token_use !== 'access') throw new Error(`token_use is ${payload.token_use}`);
      if (clientIds && !clientIds.has(payload.client_id)) throw new Error(`unexpected client_id ${payload.client_id}`);
      if (jtis.has(payload.jti)) throw new Error(`jti ${payload.jti} issued twice`);
      jtis.add(payload.jti);
    } catch (error) {
      failures.push(`${error.code ?? 'error'}: ${error.message}`);
    }
  }
  return { checked: tokens.length, verified: tokens.length - failures.length, failures: [...new Set(failures)].slice(0, 5) };
}
