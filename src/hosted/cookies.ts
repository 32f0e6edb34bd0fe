/** A cookie of the request's `Cookie` header, by name (RFC 6265 §5.4), or undefined. */
export function cookieOf(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

/**
 * A `Set-Cookie` value as Cognito sets its own (cognito-reference-users §6.3): `Path=/; HttpOnly;
 * SameSite=Lax`, and `Secure` when the page is served over HTTPS (a browser drops a Secure cookie
 * over plain HTTP to a host it does not trust). `maxAge` 0 deletes it.
 */
export function setCookie(name: string, value: string, options: { maxAge?: number; secure: boolean }): string {
  const parts = [`${name}=${value}`, 'Path=/'];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  if (options.secure) parts.push('Secure');
  parts.push('HttpOnly', 'SameSite=Lax');
  return parts.join('; ');
}
