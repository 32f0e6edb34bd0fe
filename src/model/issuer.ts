import type { UserPool } from './types.js';
import { regionOf } from './ids.js';

/**
 * Where `iss` points (cognito-reference §3.3, §8):
 * - `aws`: real Cognito's issuer, so aws-jwt-verify's CognitoJwtVerifier accepts the tokens;
 * - `local`: the mock's own public URL, so OIDC discovery clients (openid-client) match `issuer`;
 * - a base URL of the user's choice.
 */
export type IssuerMode = { kind: 'aws' } | { kind: 'local' } | { kind: 'url'; baseUrl: string };

export function parseIssuerMode(value: string): IssuerMode | undefined {
  if (value === 'aws' || value === 'local') return { kind: value };
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return { kind: 'url', baseUrl: value.replace(/\/+$/, '') };
}

export function issuerOf(mode: IssuerMode, publicUrl: string, pool: Pick<UserPool, 'Id' | 'IssuerConfiguration'>): string {
  switch (mode.kind) {
    case 'aws': {
      const host = pool.IssuerConfiguration?.Type === 'UPDATED' ? 'issuer-cognito-idp' : 'cognito-idp';
      return `https://${host}.${regionOf(pool.Id)}.amazonaws.com/${pool.Id}`;
    }
    case 'local':
      return `${publicUrl}/${pool.Id}`;
    case 'url':
      return `${mode.baseUrl}/${pool.Id}`;
  }
}
