// The well-known reference: a bare Koa app answering each path with a constant string (the
// exact bodies cognito-mock served in the same run), so JWKS and discovery are compared with
// pure framework + HTTP cost. Usage: PORT=… BODIES=<file of {"/path": "body"}> node constant-koa.mjs
import { readFileSync } from 'node:fs';
import Koa from 'koa';

const bodies = JSON.parse(readFileSync(process.env.BODIES, 'utf8'));
const app = new Koa();
app.use((ctx) => {
  const body = bodies[ctx.path];
  if (body === undefined) { ctx.status = 404; return; }
  ctx.type = 'application/json';
  ctx.body = body;
});
app.listen(Number(process.env.PORT), '127.0.0.1');
