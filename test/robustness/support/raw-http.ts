import { type Agent, request } from 'node:http';
import { basicAuth } from '../../support/fixtures.js';

// Requests with full control over every byte (methods, headers, bodies fetch would refuse or
// normalise), and a hard deadline: a hang or a reset connection is an error, never a pass.

export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Send the body with `Transfer-Encoding: chunked`, in pieces, instead of with a Content-Length. */
  chunked?: boolean;
  /** A hang is a failure: no answer within this many milliseconds throws. */
  timeoutMs?: number;
  agent?: Agent;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Sends one request; rejects on a reset, a socket error or no complete answer within the deadline. */
export function rawRequest(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(req.path ?? '/', baseUrl);
  // Node's client frames a body of GET, DELETE or OPTIONS with nothing (no Content-Length): the
  // server would read it as the next request. Frame every body explicitly, as real clients do.
  const headers: Record<string, string | string[]> = { ...req.headers };
  const framing = Object.keys(headers).some((name) => ['content-length', 'transfer-encoding'].includes(name.toLowerCase()));
  if (req.body !== undefined && !framing) {
    if (req.chunked) headers['transfer-encoding'] = 'chunked';
    else headers['content-length'] = String(Buffer.byteLength(req.body));
  }
  return new Promise((resolve, reject) => {
    const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const outgoing = request({
      host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: req.method ?? 'POST',
      headers, ...(req.agent ? { agent: req.agent } : {}),
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        clearTimeout(timer);
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        let json: unknown;
        try {
          json = text === '' ? undefined : JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode!, headers: res.headers, body, text, json });
      });
    });
    const timer = setTimeout(() => {
      outgoing.destroy(new Error(`no answer within ${timeoutMs} ms: ${req.method ?? 'POST'} ${url.pathname}`));
    }, timeoutMs);
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    if (req.chunked && req.body !== undefined && req.body.length > 0) {
      const body = Buffer.from(req.body);
      const half = Math.ceil(body.length / 2);
      outgoing.write(body.subarray(0, half));
      outgoing.end(body.subarray(half));
    } else {
      outgoing.end(req.body);
    }
  });
}

export const API_TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** One management-API call as the SDK would make it (unsigned: the mock accepts any signature). */
export function callApi(baseUrl: string, operation: string, input: unknown, agent?: Agent): Promise<RawResponse> {
  return rawRequest(baseUrl, {
    path: '/',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${API_TARGET_PREFIX}${operation}` },
    body: JSON.stringify(input),
    ...(agent ? { agent } : {}),
  });
}

/** A token request with client_secret_basic, as most clients send it. */
export function tokenRequest(baseUrl: string, clientId: string, secret: string, form = 'grant_type=client_credentials', agent?: Agent): Promise<RawResponse> {
  return rawRequest(baseUrl, {
    path: '/oauth2/token',
    headers: {
      authorization: basicAuth(clientId, secret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: form,
    ...(agent ? { agent } : {}),
  });
}
