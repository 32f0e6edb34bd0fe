import { issuerOf, type IssuerMode } from '../model/issuer.js';
import { regionOf } from '../model/ids.js';
import type { StoredPool, UserPoolClient } from '../model/types.js';
import type { StoredUser } from '../model/users.js';
import { codeList, consolePage, escapeHtml } from './layout.js';

// The overview: every pool as a developer wiring an app to it needs to see it, the URLs to paste
// into the app's configuration first. Every name and value here is user input: all of it escaped.

export interface OverviewInput {
  pools: readonly StoredPool[];
  issuerMode: IssuerMode;
  /** The base URL the browser reached the mock by: the URLs shown are the ones that work from there. */
  publicUrl: string;
}

export function overviewPage(input: OverviewInput): string {
  const pools = [...input.pools].sort((a, b) => a.UserPool.Id.localeCompare(b.UserPool.Id));
  const index = pools.length === 0
    ? '<p class="muted">No user pools: add fixtures (<code>--fixtures</code>) or create one with CreateUserPool.</p>'
    : `<p>${pools.length} user ${pools.length === 1 ? 'pool' : 'pools'}: ${pools.map((p) => `<a href="#pool-${escapeHtml(p.UserPool.Id)}">${escapeHtml(p.UserPool.Id)}</a>`).join(', ')}</p>`;
  return consolePage('overview', `<h1>Overview</h1>
${index}
${pools.map((pool) => poolSection(pool, input)).join('\n')}`);
}

function poolSection(pool: StoredPool, input: OverviewInput): string {
  const id = pool.UserPool.Id;
  const base = input.publicUrl;
  const domain = pool.UserPool.Domain;
  const clients = Object.values(pool.UserPoolClients).sort((a, b) => a.ClientName.localeCompare(b.ClientName));
  return `<section class="card pool" id="pool-${escapeHtml(id)}">
<h2>${escapeHtml(pool.UserPool.Name)} <code>${escapeHtml(id)}</code></h2>
<dl class="urls">
<dt>Issuer</dt><dd><code class="issuer">${escapeHtml(issuerOf(input.issuerMode, base, pool.UserPool))}</code></dd>
<dt>JWKS</dt><dd><code>${escapeHtml(`${base}/${id}/.well-known/jwks.json`)}</code></dd>
<dt>Discovery</dt><dd><code>${escapeHtml(`${base}/${id}/.well-known/openid-configuration`)}</code></dd>
<dt>Token endpoint</dt><dd><code>${escapeHtml(`${base}/oauth2/token`)}</code></dd>
<dt>Domain</dt><dd>${domain === undefined ? '<span class="muted">none (the managed login needs one)</span>'
    : `<code>${escapeHtml(domain)}</code> <span class="muted">(in Cognito <code>${escapeHtml(`https://${domain}.auth.${regionOf(id)}.amazoncognito.com`)}</code>; here <code>${escapeHtml(base)}</code>)</span>`}</dd>
</dl>
${resourceServers(pool)}
<h3>App clients (${clients.length})</h3>
${clients.length === 0 ? '<p class="muted">No app clients.</p>' : clientTable(clients, base)}
${users(pool)}
${groups(pool)}
</section>`;
}

function resourceServers(pool: StoredPool): string {
  const servers = Object.values(pool.ResourceServers);
  if (servers.length === 0) return '<h3>Resource servers (0)</h3>\n<p class="muted">No resource servers: no custom scopes.</p>';
  const rows = servers.map((server) => `<tr><td><code>${escapeHtml(server.Identifier)}</code></td><td>${escapeHtml(server.Name)}</td>
<td>${(server.Scopes ?? []).map((scope) => `<code>${escapeHtml(`${server.Identifier}/${scope.ScopeName}`)}</code> <span class="muted">${escapeHtml(scope.ScopeDescription)}</span>`).join('<br>') || '<span class="muted">—</span>'}</td></tr>`);
  return `<h3>Resource servers (${servers.length})</h3>
<table><thead><tr><th>Identifier</th><th>Name</th><th>Scopes</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

function clientTable(clients: readonly UserPoolClient[], base: string): string {
  const rows = clients.map((client) => `<tr class="client">
<td class="client-name">${escapeHtml(client.ClientName)}</td>
<td><code>${escapeHtml(client.ClientId)}</code></td>
<td>${codeList([...client.AllowedOAuthFlows ?? [], ...client.ExplicitAuthFlows ?? []])}</td>
<td>${codeList(client.AllowedOAuthScopes)}</td>
<td>${codeList(client.CallbackURLs)}</td>
<td>${secrets(client)}</td>
</tr>${authorizeRow(client, base)}`);
  return `<table class="clients"><thead><tr><th>Name</th><th>Client id</th><th>Flows</th><th>Scopes</th><th>Callback URLs</th><th>Secret</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

/** Hidden until asked for: a `<details>` opens without JavaScript, and a screenshot or a glance over a shoulder shows none. */
function secrets(client: UserPoolClient): string {
  const values = client.ClientSecrets?.map((secret) => secret.ClientSecretValue) ?? (client.ClientSecret === undefined ? [] : [client.ClientSecret]);
  if (values.length === 0) return '<span class="muted">none (public client)</span>';
  return `<details class="secret"><summary>Reveal ${values.length === 1 ? 'secret' : `${values.length} secrets`}</summary>
${values.map((value) => `<code>${escapeHtml(value)}</code>`).join('<br>')}</details>`;
}

/** A code-flow client's authorize URL, ready to open: its first callback URL, its scopes. */
function authorizeRow(client: UserPoolClient, base: string): string {
  const callback = client.CallbackURLs?.[0];
  if (!client.AllowedOAuthFlows?.includes('code') || callback === undefined) return '';
  const query = new URLSearchParams({ client_id: client.ClientId, response_type: 'code', redirect_uri: callback });
  if (client.AllowedOAuthScopes?.length) query.set('scope', client.AllowedOAuthScopes.join(' '));
  const url = `${base}/oauth2/authorize?${query}`;
  return `\n<tr class="authorize"><td></td><td colspan="5">Authorize URL: <a href="${escapeHtml(url)}"><code>${escapeHtml(url)}</code></a></td></tr>`;
}

function users(pool: StoredPool): string {
  const list = Object.values(pool.Users ?? {}).sort((a, b) => a.Username.localeCompare(b.Username));
  if (list.length === 0) return '<h3>Users (0)</h3>\n<p class="muted">No users.</p>';
  return `<h3>Users (${list.length})</h3>
<table class="users"><thead><tr><th>Username</th><th>Status</th><th>Enabled</th><th>Groups</th><th>Attributes</th></tr></thead><tbody>
${list.map(userRow).join('\n')}
</tbody></table>`;
}

function userRow(user: StoredUser): string {
  const attributes = user.Attributes.map((a) => `<code>${escapeHtml(a.Name)}</code> = ${escapeHtml(a.Value)}`).join('<br>');
  return `<tr><td class="username">${escapeHtml(user.Username)}</td><td>${escapeHtml(user.UserStatus)}</td>
<td>${user.Enabled ? 'yes' : '<span class="bad">no</span>'}</td><td>${codeList(user.Groups)}</td><td>${attributes}</td></tr>`;
}

function groups(pool: StoredPool): string {
  const list = Object.values(pool.Groups ?? {}).sort((a, b) => a.GroupName.localeCompare(b.GroupName));
  if (list.length === 0) return '<h3>Groups (0)</h3>\n<p class="muted">No groups.</p>';
  const rows = list.map((group) => `<tr><td class="group-name">${escapeHtml(group.GroupName)}</td><td>${group.Precedence ?? '—'}</td>
<td>${escapeHtml(group.Description ?? '')}</td><td>${group.RoleArn === undefined ? '' : `<code>${escapeHtml(group.RoleArn)}</code>`}</td></tr>`);
  return `<h3>Groups (${list.length})</h3>
<table class="groups"><thead><tr><th>Name</th><th>Precedence</th><th>Description</th><th>Role</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}
