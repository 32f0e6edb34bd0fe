import { describe, expect, it } from 'vitest';
import { type AccessTokenVerifierOptions, createAccessTokenVerifier, tokenScopes } from '../../src/verifier/index.js';

const POOL = 'eu-central-1_AbCdEf123';

describe('createAccessTokenVerifier options', () => {
  it('derives real Cognito\'s issuers and JWKS URL from the pool id', () => {
    const verifier = createAccessTokenVerifier({ userPoolId: POOL, clientId: null });
    expect(verifier.issuers).toEqual([
      `https://cognito-idp.eu-central-1.amazonaws.com/${POOL}`,
      `https://issuer-cognito-idp.eu-central-1.amazonaws.com/${POOL}`,
    ]);
    expect(verifier.jwksUri).toBe(`https://cognito-idp.eu-central-1.amazonaws.com/${POOL}/.well-known/jwks.json`);
  });

  it('understands GovCloud and EUSC regions', () => {
    expect(createAccessTokenVerifier({ userPoolId: 'us-gov-west-1_abc', clientId: null }).issuers[0])
      .toBe('https://cognito-idp.us-gov-west-1.amazonaws.com/us-gov-west-1_abc');
    expect(createAccessTokenVerifier({ userPoolId: 'eusc-de-east-1_abc', clientId: null }).issuers[0])
      .toBe('https://cognito-idp.eusc-de-east-1.amazonaws.com/eusc-de-east-1_abc');
  });

  it('derives the JWKS URL from an issuer override, and keeps an explicit jwksUri', () => {
    const local = createAccessTokenVerifier({ userPoolId: POOL, clientId: null, issuer: `http://127.0.0.1:9330/${POOL}` });
    expect(local.jwksUri).toBe(`http://127.0.0.1:9330/${POOL}/.well-known/jwks.json`);
    const aws = createAccessTokenVerifier({ userPoolId: POOL, clientId: null, jwksUri: 'http://127.0.0.1:9330/keys.json' });
    expect(aws.issuers[0]).toBe(`https://cognito-idp.eu-central-1.amazonaws.com/${POOL}`);
    expect(aws.jwksUri).toBe('http://127.0.0.1:9330/keys.json');
  });

  it('allows a pool id without a region once issuer is given', () => {
    expect(() => createAccessTokenVerifier({ userPoolId: 'local_abc', clientId: null })).toThrow(/names no AWS region/);
    expect(createAccessTokenVerifier({ userPoolId: 'local_abc', clientId: null, issuer: 'http://localhost/local_abc' }).issuers)
      .toEqual(['http://localhost/local_abc']);
  });

  it('makes clientId required: a type error and a TypeError when omitted', () => {
    // @ts-expect-error clientId is required (null only explicitly)
    const omitted: AccessTokenVerifierOptions = { userPoolId: POOL };
    expect(() => createAccessTokenVerifier(omitted)).toThrow(TypeError);
    expect(() => createAccessTokenVerifier(omitted)).toThrow('"clientId" must be given: the allowed app client id(s), or null to accept any client of the pool');
  });

  it.each<[string, Partial<AccessTokenVerifierOptions>, RegExp]>([
    ['a pool id that is not one', { userPoolId: 'nope' }, /"userPoolId" must be a Cognito user pool id/],
    ['an empty clientId list', { clientId: [] }, /"clientId" must be a client id/],
    ['an empty clientId', { clientId: '' }, /"clientId" must be a client id/],
    ['an empty scopes list', { scopes: [] }, /"scopes" must be a non-empty array/],
    ['an empty anyOf', { scopes: { anyOf: [] } }, /"scopes" must be a non-empty array/],
    ['a scope with a space', { scopes: ['orders/read orders/write'] }, /"scopes" must be/],
    ['a scope with a quote', { scopes: ['orders/"read'] }, /"scopes" must be/],
    ['a negative graceSeconds', { graceSeconds: -1 }, /"graceSeconds" must be a non-negative number/],
    ['a jwksUri that is not a URL', { jwksUri: 'keys.json' }, /"jwksUri" must be an http\(s\) URL/],
    ['a file: jwksUri', { jwksUri: 'file:///etc/keys.json' }, /"jwksUri" must be an http\(s\) URL/],
    ['an empty issuer list', { issuer: [] }, /"issuer" must be a non-empty string/],
  ])('throws a TypeError for %s', (_name, bad, message) => {
    const options = { userPoolId: POOL, clientId: null, ...bad } as AccessTokenVerifierOptions;
    expect(() => createAccessTokenVerifier(options)).toThrow(TypeError);
    expect(() => createAccessTokenVerifier(options)).toThrow(message);
  });

  it('checks per-call overrides the same way', async () => {
    const verifier = createAccessTokenVerifier({ userPoolId: POOL, clientId: null });
    await expect(verifier.verify('x.y.z', { scopes: [] })).rejects.toThrow(TypeError);
  });
});

describe('tokenScopes', () => {
  it('splits the scope claim on spaces into whole members', () => {
    expect([...tokenScopes('orders/read  orders/write ')]).toEqual(['orders/read', 'orders/write']);
    expect([...tokenScopes(undefined)]).toEqual([]);
  });
});
