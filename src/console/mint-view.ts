import type { StoredPool, UserPoolClient } from '../model/types.js';
import { consolePage, escapeHtml } from './layout.js';

// The mint forms: a client-credentials token with chosen scopes for each client that may have one,
// and a user's tokens from a username and password, as the testing API's signIn gives them. Plain
// forms: they work without JavaScript, and the tokens go nowhere but into the answered page.

/** What the last form gave: tokens by name, or why it gave none. */
export interface MintResult {
  title: string;
  tokens?: Record<string, string>;
  error?: string;
}

export function mintPage(pools: readonly StoredPool[], result?: MintResult, username = ''): string {
  const clients = pools.flatMap((pool) => Object.values(pool.UserPoolClients).map((client) => ({ pool, client })))
    .sort((a, b) => a.client.ClientName.localeCompare(b.client.ClientName));
  const machine = clients.filter(({ client }) => client.AllowedOAuthFlows?.includes('client_credentials'));
  return consolePage('mint', `<h1>Mint tokens</h1>
${result === undefined ? '' : resultHtml(result)}
<section class="card">
<h2>Client credentials</h2>
<p class="muted">An access token as <code>POST /oauth2/token</code> with <code>grant_type=client_credentials</code> gives it (no secret asked: this is the mock's console). No scope ticked: every scope the client allows.</p>
${machine.length === 0 ? '<p class="muted">No client allows the client_credentials flow.</p>' : machine.map(({ pool, client }) => clientCredentialsForm(pool, client)).join('\n')}
</section>
<section class="card">
<h2>Sign a user in</h2>
<p class="muted">The checks and tokens of <code>ADMIN_USER_PASSWORD_AUTH</code> (as the testing API's <code>signIn</code>), whatever the client's flows.</p>
<form method="post" action="/_mock/console/mint/sign-in" id="sign-in">
<label>Client <select name="client_id" id="sign-in-client">
${clients.map(({ pool, client }) => `<option value="${escapeHtml(client.ClientId)}">${escapeHtml(client.ClientName)} (${escapeHtml(client.ClientId)}, ${escapeHtml(pool.UserPool.Id)})</option>`).join('\n')}
</select></label>
<label>Username <input type="text" name="username" id="sign-in-username" autocomplete="off" required value="${escapeHtml(username)}"></label>
<label>Password <input type="password" name="password" id="sign-in-password" autocomplete="off" required></label>
<button type="submit">Sign in</button>
</form>
</section>`);
}

function clientCredentialsForm(pool: StoredPool, client: UserPoolClient): string {
  // One name per box: the form parser refuses a repeated parameter, as the token endpoint must.
  const scopes = (client.AllowedOAuthScopes ?? []).map((scope, i) => `<label><input type="checkbox" name="scope.${i}" value="${escapeHtml(scope)}"> <code>${escapeHtml(scope)}</code></label>`);
  return `<form method="post" action="/_mock/console/mint/client-credentials" class="client-credentials">
<input type="hidden" name="client_id" value="${escapeHtml(client.ClientId)}">
<fieldset><legend><strong>${escapeHtml(client.ClientName)}</strong> <code>${escapeHtml(client.ClientId)}</code> <span class="muted">${escapeHtml(pool.UserPool.Id)}</span></legend>
${scopes.join('\n') || '<span class="muted">no scopes</span>'}
<button type="submit">Get token</button>
</fieldset>
</form>`;
}

function resultHtml(result: MintResult): string {
  if (result.error !== undefined) return `<p class="error" role="alert" id="mint-error">${escapeHtml(result.title)}: ${escapeHtml(result.error)}</p>`;
  const tokens = Object.entries(result.tokens ?? {}).map(([name, token]) => `<h3>${escapeHtml(name)}</h3>
<textarea readonly rows="4" class="token" data-token="${escapeHtml(name)}">${escapeHtml(token)}</textarea>
${name === 'refresh token' ? '' : `<form method="post" action="/_mock/console/decoder" class="inline"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">Decode</button></form>`}`);
  return `<section class="card notice" id="minted">
<h2>${escapeHtml(result.title)}</h2>
${tokens.join('\n')}
</section>`;
}
