import Router from '@koa/router';
import Koa from 'koa';
import { type AccessTokenVerifierOptions, createAccessTokenVerifier, requireAccessToken } from '../../src/verifier/index.js';

// Production: ordersApi({ userPoolId: 'us-east-1_AbCdEf123', clientId: ['<client id>'] }).listen(3000)
// Tests: ordersApi({ ...mock.verifierOptions(poolId), clientId: [...] }), pointed at cognito-mock.
export function ordersApi(auth: AccessTokenVerifierOptions): Koa {
  const verifier = createAccessTokenVerifier(auth); // one per pool: it caches the JWKS
  const orders: { id: number; createdBy: string }[] = [];
  const router = new Router();
  router.get('/orders', requireAccessToken({ verifier, scopes: ['orders/read'] }), (ctx) => {
    ctx.body = orders;
  });
  router.post('/orders', requireAccessToken({ verifier, scopes: ['orders/write'] }), (ctx) => {
    const order = { id: orders.length + 1, createdBy: ctx.state.accessToken.client_id };
    orders.push(order);
    ctx.status = 201;
    ctx.body = order;
  });
  const app = new Koa();
  app.use(router.routes());
  return app;
}
