import { OAuthError } from '../errors.js';

/**
 * Parses an `application/x-www-form-urlencoded` body strictly: broken percent-encoding, bytes that
 * are not UTF-8 and repeated parameters are `invalid_request` (RFC 6749 §3.2: "Request and response
 * parameters MUST NOT be included more than once"), where URLSearchParams would guess.
 */
export function parseForm(body: string): Map<string, string> {
  const form = new Map<string, string>();
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = decodeComponent(eq === -1 ? '' : pair.slice(eq + 1));
    if (form.has(name)) throw new OAuthError('invalid_request', `parameter ${name} is repeated`);
    form.set(name, value);
  }
  return form;
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    throw new OAuthError('invalid_request', 'malformed percent-encoding');
  }
}
