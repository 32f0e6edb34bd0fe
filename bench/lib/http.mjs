// One HTTP request with node:http, no connection reuse unless an agent is given: start-up probes
// must not hold a pooled socket to a server that is about to be killed.
import http from 'node:http';
import net from 'node:net';

/** Resolves {status, body, headers}; rejects on connection errors (ECONNREFUSED while a server starts). */
export function request(url, { method = 'GET', headers = {}, body, agent = false, timeoutMs = 10_000 } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, body: text, headers: res.headers }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${method} ${url}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** A port nothing listens on right now (the CLI needs a fixed --port). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The client_credentials request as Cognito's clients send it: form body, secret in HTTP Basic. */
export function tokenRequest(client) {
  return {
    method: 'POST',
    path: '/oauth2/token',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
  };
}

/** Requests one token; resolves the access token or null (never throws: used as a readiness probe). */
export async function fetchToken(baseUrl, client, timeoutMs = 2_000) {
  const { path, ...req } = tokenRequest(client);
  try {
    const res = await request(`${baseUrl}${path}`, { ...req, timeoutMs });
    if (res.status !== 200) return null;
    const token = JSON.parse(res.body).access_token;
    return typeof token === 'string' ? token : null;
  } catch {
    return null;
  }
}
