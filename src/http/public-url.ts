import type { IncomingHttpHeaders } from 'node:http';

/**
 * Where the URLs the mock hands out (discovery's endpoints and `jwks_uri`, the `local` issuer)
 * point. By default one base URL for every caller (`--public-url`, else the listening address).
 * Behind Docker's port mapping or testcontainers' random host ports the container cannot know
 * that URL, so `fromRequest` takes it from each request instead: the `Host` a client sent is the
 * address that reaches the mock from where that client runs (`localhost:49153` on the host,
 * `cognito:9330` in the compose network). `trustProxy` also reads a reverse proxy's
 * `X-Forwarded-Proto` / `-Host` / `-Port`: only when asked, since any client can send them.
 */
export interface PublicUrlPolicy {
  fromRequest: boolean;
  trustProxy: boolean;
}

/** `name` or `name:port`, `[v6]` or `[v6]:port`: a Host header that cannot smuggle a path, user info or a scheme into a URL. */
const HOST_PATTERN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9._-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/** The base URL for one request's answers, `fallback` when the policy or the headers give none. */
export function publicUrlOf(headers: IncomingHttpHeaders, policy: PublicUrlPolicy, fallback: string): string {
  if (!policy.fromRequest) return fallback;
  const forwarded = policy.trustProxy;
  let host = (forwarded ? firstValue(headers['x-forwarded-host']) : undefined) ?? headers.host;
  if (host === undefined || !HOST_PATTERN.test(host)) return fallback;
  const proto = forwarded ? firstValue(headers['x-forwarded-proto'])?.toLowerCase() : undefined;
  const scheme = proto === 'https' || proto === 'http' ? proto : 'http';
  const port = forwarded ? firstValue(headers['x-forwarded-port']) : undefined;
  if (port !== undefined && /^\d{1,5}$/.test(port)) host = withPort(host, port, scheme);
  return `${scheme}://${host.toLowerCase()}`;
}

/** A proxy chain lists one value per hop (`a, b`); the first is what the client used. */
function firstValue(header: string | string[] | undefined): string | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
  return value === '' ? undefined : value;
}

/** Replaces the host's port; a scheme's default port is left out, as browsers and proxies write it. */
function withPort(host: string, port: string, scheme: string): string {
  const name = host.replace(/:\d+$/, '');
  const isDefault = (scheme === 'http' && port === '80') || (scheme === 'https' && port === '443');
  return isDefault ? name : `${name}:${port}`;
}
