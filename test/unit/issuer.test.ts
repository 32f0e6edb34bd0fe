import { describe, expect, it } from 'vitest';
import { issuerOf, parseIssuerMode } from '../../src/model/issuer.js';

// Issuer modes (cognito-reference §3.3, §8): the iss of tokens and discovery.

describe('parseIssuerMode', () => {
  it.each([
    ['aws', { kind: 'aws' }],
    ['local', { kind: 'local' }],
    ['https://idp.example.test', { kind: 'url', baseUrl: 'https://idp.example.test' }],
    ['http://127.0.0.1:9330/base//', { kind: 'url', baseUrl: 'http://127.0.0.1:9330/base' }],
  ])('reads %s', (text, mode) => {
    expect(parseIssuerMode(text)).toEqual(mode);
  });

  it.each(['', 'AWS', 'ftp://example.test', 'example.test', 'file:///tmp'])('rejects %j', (text) => {
    expect(parseIssuerMode(text)).toBeUndefined();
  });
});

describe('issuerOf', () => {
  const pool = { Id: 'eu-west-1_Issuer001' };

  it('is real Cognito\'s regional issuer in aws mode, the region taken from the pool id', () => {
    expect(issuerOf({ kind: 'aws' }, 'http://127.0.0.1:1', pool)).toBe('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Issuer001');
  });

  it('is the issuer-cognito-idp host for a pool with the UPDATED issuer', () => {
    expect(issuerOf({ kind: 'aws' }, 'http://127.0.0.1:1', { ...pool, IssuerConfiguration: { Type: 'UPDATED' } }))
      .toBe('https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Issuer001');
  });

  it('is <public-url>/<poolId> in local mode and <base-url>/<poolId> for a base URL', () => {
    expect(issuerOf({ kind: 'local' }, 'http://localhost:9330', pool)).toBe('http://localhost:9330/eu-west-1_Issuer001');
    expect(issuerOf({ kind: 'url', baseUrl: 'https://idp.test/x' }, 'http://localhost:9330', pool)).toBe('https://idp.test/x/eu-west-1_Issuer001');
  });
});
