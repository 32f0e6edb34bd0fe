// CreateUserPoolClient over the AWS JSON 1.1 protocol, as the SDK sends it (POST /, X-Amz-Target).
// Counts successes and errors by __type; never throws for an error answer.
import http from 'node:http';
import { request } from './http.mjs';

const TARGET = 'AWSCognitoIdentityProviderService.CreateUserPoolClient';

/**
 * Creates `count` M2M clients round-robin over `poolIds`, `parallel` at a time, stopping early
 * after `budgetSeconds`. Resolves {attempted, created, seconds, errors, errors_by_type}.
 */
export async function createClients(baseUrl, { count, parallel, poolIds, budgetSeconds, label }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: parallel });
  const errorsByType = {};
  let next = 0;
  let created = 0;
  const t0 = performance.now();
  const deadline = t0 + budgetSeconds * 1000;
  const createOne = async (i) => {
    const body = JSON.stringify({
      UserPoolId: poolIds[i % poolIds.length],
      ClientName: `${label}-${i}`,
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['orders/read'],
      AllowedOAuthFlowsUserPoolClient: true,
    });
    let type;
    try {
      const res = await request(`${baseUrl}/`, {
        method: 'POST', agent, body,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': TARGET },
      });
      if (res.status === 200 && JSON.parse(res.body).UserPoolClient?.ClientId) { created++; return; }
      type = `${res.status} ${safeType(res.body)}`;
    } catch (error) {
      type = `socket ${error.code ?? error.message}`;
    }
    errorsByType[type] = (errorsByType[type] ?? 0) + 1;
  };
  const worker = async () => {
    while (next < count && performance.now() < deadline) await createOne(next++);
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  const errors = Object.values(errorsByType).reduce((a, b) => a + b, 0);
  return { attempted: next, created, seconds, errors, errors_by_type: errorsByType, cut_by_budget: next < count };
}

function safeType(body) {
  try { return JSON.parse(body).__type ?? 'no __type'; } catch { return 'not JSON'; }
}
