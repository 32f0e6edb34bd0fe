import { isIP } from 'node:net';

/**
 * Which `Host` headers the mock answers: its defence against DNS rebinding, where a web page on
 * `evil.example` makes that name resolve to 127.0.0.1 and then reads the mock (client secrets,
 * tokens) as its own origin. Rebinding needs a name the attacker's DNS answers, so allowed are:
 * IP literals; `localhost` and `*.localhost` (browsers resolve them to loopback themselves);
 * single-label names (Docker compose service names such as `cognito`, which no public DNS
 * answers); `*.internal` (reserved by ICANN for private networks: `host.docker.internal`); and
 * the names the operator gives (`--allowed-hosts`, the public URL's host, the listening host).
 * A request without `Host` (HTTP/1.0) is not a browser's and is allowed. The port is ignored.
 */
export type HostCheck = (host: string | undefined) => boolean;

/** Distinct `Host` values whose verdict is remembered; past it the cache starts over (senders choose `Host`, memory must not grow with them). */
const MAX_CACHED_HOSTS = 256;

/** No DNS name is longer (RFC 1035); a longer `Host` is refused without being cached. */
const MAX_NAME_LENGTH = 253;

/**
 * A check for the built-in rules plus `allowed`: names (`auth.example.test`), a leading dot for a
 * domain and its subdomains (`.example.test`), or `*` for any host. `onRefused` hears each newly
 * refused `Host` once (until the cache starts over).
 */
export function hostCheck(allowed: readonly string[], onRefused?: (host: string) => void): HostCheck {
  const entries = allowed.map((entry) => entry.trim().toLowerCase()).filter((entry) => entry !== '');
  if (entries.includes('*')) return () => true;
  const names = new Set(entries.map((entry) => stripTrailingDot(entry.startsWith('.') ? entry.slice(1) : entry)));
  const suffixes = entries.filter((entry) => entry.startsWith('.')).map(stripTrailingDot);
  const verdicts = new Map<string, boolean>();

  const allows = (name: string): boolean => isAlwaysAllowed(name) || names.has(name) || suffixes.some((suffix) => name.endsWith(suffix));

  return (host) => {
    if (host === undefined || host === '') return true;
    const known = verdicts.get(host);
    if (known !== undefined) return known;
    const name = hostName(host);
    const verdict = name !== undefined && allows(name);
    if (name !== undefined) {
      if (verdicts.size >= MAX_CACHED_HOSTS) verdicts.clear();
      verdicts.set(host, verdict);
    }
    if (!verdict) onRefused?.(host);
    return verdict;
  };
}

/**
 * The name in a `Host` header (`name`, `name:port`, `[v6]`, `[v6]:port`), lower case, without
 * port or trailing dot; an IPv6 literal keeps its brackets. Undefined when the header is not
 * that shape. No regular expression: the parse is linear in the header's length.
 */
export function hostName(host: string): string | undefined {
  if (host.length > MAX_NAME_LENGTH + 8) return undefined;
  let name: string;
  let rest: string;
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end === -1 || isIP(host.slice(1, end)) !== 6) return undefined;
    name = host.slice(0, end + 1).toLowerCase();
    rest = host.slice(end + 1);
  } else {
    const colon = host.indexOf(':');
    name = stripTrailingDot((colon === -1 ? host : host.slice(0, colon)).toLowerCase());
    rest = colon === -1 ? '' : host.slice(colon);
    if (name === '' || name.length > MAX_NAME_LENGTH || !isNameText(name)) return undefined;
  }
  if (rest !== '' && !(rest.startsWith(':') && isPort(rest.slice(1)))) return undefined;
  return name;
}

/** What needs no configuration: nothing a rebinding attacker's DNS can answer. */
function isAlwaysAllowed(name: string): boolean {
  return name.startsWith('[') // an IPv6 literal (hostName checked it)
    || isIP(name) === 4
    || !name.includes('.')
    || name === 'localhost' || name.endsWith('.localhost')
    || name.endsWith('.internal');
}

/** Letters, digits, `-`, `_` and `.`: what DNS names and Docker service names use. */
function isNameText(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x5f;
    if (!ok) return false;
  }
  return true;
}

function isPort(text: string): boolean {
  if (text.length === 0 || text.length > 5) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x30 || text.charCodeAt(i) > 0x39) return false;
  return true;
}

const stripTrailingDot = (name: string): string => (name.endsWith('.') ? name.slice(0, -1) : name);

/** The host of a URL as {@link hostName} spells it (`[::1]` with brackets), for the allow-list. */
export function urlHostName(url: string): string | undefined {
  try {
    return hostName(new URL(url).host);
  } catch {
    return undefined;
  }
}
