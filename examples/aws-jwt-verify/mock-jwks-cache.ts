import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';

// Tests only: aws-jwt-verify's CognitoJwtVerifier stays as production builds it, JWKS fetching
// included, and fetches real Cognito's JWKS URLs
// (https://cognito-idp.<region>.amazonaws.com/<pool>/.well-known/jwks.json) from cognito-mock.
// Its own SimpleFetcher refuses http: URLs, so this fetcher uses fetch.
export function mockJwksCache(mockUrl: string): SimpleJwksCache {
  const fetcher: Fetcher = {
    async fetch(uri) {
      const res = await fetch(new URL(new URL(uri).pathname, mockUrl));
      if (!res.ok) throw new Error(`JWKS fetch from ${res.url} answered ${res.status}`);
      return res.arrayBuffer();
    },
  };
  return new SimpleJwksCache({ fetcher });
}
