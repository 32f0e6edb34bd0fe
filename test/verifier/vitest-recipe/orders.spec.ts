import { expect, inject, it } from 'vitest';
import { createAccessTokenVerifier } from '../../../src/verifier/index.js';

const { tokenEndpoint, pools } = inject('cognitoMock');

it('verifies a client-credentials token from the shared mock', async () => {
  const res = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: '1recipe0client0id000000001',
      client_secret: 'recipe0secret0example0only00000000000000000000000001',
    }),
  });
  const { access_token } = (await res.json()) as { access_token: string };
  const verifier = createAccessTokenVerifier({ ...pools['us-east-1_Recipe01']!, clientId: null, scopes: ['orders/read'] });
  expect(await verifier.verify(access_token)).toMatchObject({ client_id: '1recipe0client0id000000001' });
});
