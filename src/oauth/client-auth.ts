import { OAuthError } from '../errors.js';
import type { ClientRecord, Registry } from '../registry.js';
import { secretMatches, secretsOf } from '../keys/client-secret.js';
import { shownInput } from '../http/request-note.js';

export interface PresentedCredentials {
  clientId: string;
  /** Every spelling of the presented secret that may be meant (see `basicCredentials`). */
  secrets: string[];
}

/**
 * `client_secret_basic` and `client_secret_post` (cognito-reference §1.3). A body `client_id` next to
 * a Basic header must name the same client, as in Cognito's own examples; a body secret next to it
 * must be the same secret. Unknown client, wrong or missing secret: `invalid_client`.
 */
export function authenticateClient(authorization: string | undefined, form: Map<string, string>, registry: Registry): ClientRecord {
  const presented = presentedCredentials(authorization, form);
  return authenticatePresented(presented, registry.client(presented.clientId));
}

/** The credentials a request presents (Basic header or body), before they are checked. */
export const presentedCredentials = (authorization: string | undefined, form: Map<string, string>): PresentedCredentials =>
  (authorization === undefined ? postCredentials(form) : basicCredentials(authorization, form));

/** The client the credentials name (`record`, looked up by the caller), if the secret is right (see authenticateClient). */
export function authenticatePresented(presented: PresentedCredentials, record: ClientRecord | undefined): ClientRecord {
  if (!record) throw new OAuthError('invalid_client', `no app client ${shownInput(presented.clientId)} in any user pool`);
  // Built for a refusal only: the token endpoint's success path skips it.
  const which = () => `client ${record.client.ClientId} (pool ${record.pool.UserPool.Id})`;
  const hasSecret = secretsOf(record.client).length > 0;
  if (hasSecret) {
    // Every candidate is compared, so the time taken does not depend on which one matched.
    const results = presented.secrets.map((secret) => secretMatches(record.client, secret));
    if (!results.includes(true)) {
      throw new OAuthError('invalid_client', presented.secrets.length === 0 ? `no secret was sent for ${which()}, which has one` : `the secret does not match ${which()}`);
    }
  } else if (presented.secrets.some((secret) => secret !== '')) {
    throw new OAuthError('invalid_client', `a secret was sent for ${which()}, which has none (a public client)`);
  }
  return record;
}

function postCredentials(form: Map<string, string>): PresentedCredentials {
  const clientId = form.get('client_id');
  if (!clientId) throw new OAuthError('invalid_client', 'no client credentials: neither an Authorization: Basic header nor client_id in the body');
  const secret = form.get('client_secret');
  return { clientId, secrets: secret === undefined ? [] : [secret] };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * RFC 6749 §2.3.1 says id and secret are form-encoded before Base64, and openid-client does so,
 * while curl and most SDKs send them raw. Ids and secrets never contain `%`, so both readings are
 * tried: the raw one, and the percent-decoded one when it differs.
 */
function basicCredentials(authorization: string, form: Map<string, string>): PresentedCredentials {
  const match = /^Basic +(\S+) *$/i.exec(authorization);
  const encoded = match?.[1];
  if (encoded === undefined || !BASE64.test(encoded) || encoded.length % 4 === 1) {
    throw new OAuthError('invalid_request', 'malformed Basic authorization header');
  }
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new OAuthError('invalid_request', 'Basic credentials must be client_id:client_secret');
  const rawId = decoded.slice(0, colon);
  const rawSecret = decoded.slice(colon + 1);
  const clientId = percentDecoded(rawId) ?? rawId;
  const secrets = [rawSecret];
  const decodedSecret = percentDecoded(rawSecret);
  if (decodedSecret !== undefined && decodedSecret !== rawSecret) secrets.push(decodedSecret);

  const bodyId = form.get('client_id');
  if (bodyId !== undefined && bodyId !== clientId) throw new OAuthError('invalid_client', 'client_id differs from the Basic credentials');
  const bodySecret = form.get('client_secret');
  if (bodySecret !== undefined && !secrets.includes(bodySecret)) throw new OAuthError('invalid_client', 'client_secret differs from the Basic credentials');
  return { clientId, secrets };
}

function percentDecoded(value: string): string | undefined {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
