// The unpinned phase's references: a minimal Cognito-style token server on Koa that signs a fresh
// RS256 access token per request (after ../shared/bench/servers/koa-jose.mjs), with jose
// (WebCrypto: the signing runs on libuv's thread pool, so it can use more than one core) or with
// node:crypto's synchronous sign (on the event loop: one core). POST /oauth2/token
// (client_credentials, HTTP Basic), GET /<pool>/.well-known/jwks.json.
// Usage: PORT=… KEY_FILE=<pkcs8 pem> POOL_ID=… CLIENT_ID=… CLIENT_SECRET=… SCOPE=… SIGNER=jose|node node koa-signer.mjs
import { createPrivateKey, createPublicKey, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT, calculateJwkThumbprint, exportJWK, importPKCS8 } from 'jose';
import Koa from 'koa';

const env = process.env;
const port = Number(env.PORT);
const pem = readFileSync(env.KEY_FILE, 'utf8');
const nodeKey = createPrivateKey(pem);
const joseKey = await importPKCS8(pem, 'RS256');
const publicJwk = await exportJWK(createPublicKey(nodeKey));
const kid = await calculateJwkThumbprint(publicJwk);
const jwks = JSON.stringify({ keys: [{ ...publicJwk, alg: 'RS256', use: 'sig', kid }] });
const issuer = `http://127.0.0.1:${port}/${env.POOL_ID}`;
const basic = `Basic ${Buffer.from(`${env.CLIENT_ID}:${env.CLIENT_SECRET}`).toString('base64')}`;
const header = Buffer.from(JSON.stringify({ kid, alg: 'RS256' })).toString('base64url');

const claims = () => {
  const now = Math.floor(Date.now() / 1000);
  return { sub: env.CLIENT_ID, token_use: 'access', scope: env.SCOPE, auth_time: now, iss: issuer, exp: now + 3600, iat: now, version: 2, jti: randomUUID(), client_id: env.CLIENT_ID };
};
const signers = {
  jose: () => new SignJWT(claims()).setProtectedHeader({ kid, alg: 'RS256' }).sign(joseKey),
  node: () => {
    const input = `${header}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}`;
    return `${input}.${sign('sha256', Buffer.from(input), nodeKey).toString('base64url')}`;
  },
};
const signToken = signers[env.SIGNER ?? 'jose'];
const readBody = (req) => new Promise((resolve, reject) => {
  let text = '';
  req.setEncoding('utf8').on('data', (chunk) => { text += chunk; }).on('end', () => resolve(text)).on('error', reject);
});

const app = new Koa();
app.use(async (ctx) => {
  if (ctx.method === 'POST' && ctx.path === '/oauth2/token') {
    const form = new URLSearchParams(await readBody(ctx.req));
    if (form.get('grant_type') !== 'client_credentials') { ctx.status = 400; ctx.body = { error: 'unsupported_grant_type' }; return; }
    if (ctx.get('authorization') !== basic) { ctx.status = 400; ctx.body = { error: 'invalid_client' }; return; }
    ctx.body = { access_token: await signToken(), expires_in: 3600, token_type: 'Bearer' };
  } else if (ctx.method === 'GET' && ctx.path === `/${env.POOL_ID}/.well-known/jwks.json`) {
    ctx.type = 'application/json';
    ctx.body = jwks;
  } else {
    ctx.status = 404;
  }
});
app.listen(port, '127.0.0.1');
