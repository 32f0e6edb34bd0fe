import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const SPA_DIR = fileURLToPath(new URL('./spa/', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../node_modules/oidc-client-ts/dist/browser/oidc-client-ts.min.js', import.meta.url));

// Every SPA route is the same page (the app reads location.pathname), as a static host with a fallback serves an SPA.
const FILES: Record<string, { file: string; type: string }> = {
  '/app.js': { file: `${SPA_DIR}app.js`, type: 'text/javascript' },
  '/oidc-client-ts.min.js': { file: BUNDLE, type: 'text/javascript' },
};

export interface SpaServer {
  /** `http://localhost:<port>`: localhost is a secure context in Chromium, so WebCrypto (PKCE) works over plain HTTP. */
  origin: string;
  close(): Promise<void>;
}

/** Serves test/hosted/spa and oidc-client-ts's browser bundle; `?authority=` on the page URL points the app at the mock. */
export async function startSpaServer(): Promise<SpaServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const entry = FILES[path] ?? { file: `${SPA_DIR}index.html`, type: 'text/html; charset=utf-8' };
    readFile(entry.file).then(
      (body) => { res.writeHead(200, { 'content-type': entry.type, 'cache-control': 'no-store' }); res.end(body); },
      () => { res.writeHead(500); res.end(); },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
