// The figures of the unpinned, sign-in, peers and big-users phases (figures.mjs builds the rest and
// applies every target). Where a peer is compared, `value` is always cognito-mock's and the
// reference the peer's, so every ratio reads "cognito-mock / other".
import { median, round } from './stats.mjs';

export const PEOPLE_TARGETS = {
  unpinned_token_rps_10_conns: { on: 'ratio', op: '>=', limit: 1.1 },
  unpinned_vs_pinned_token_rps_10_conns: { on: 'ratio', op: '>=', limit: 1.3 },
  signin_password_per_s: { on: 'ratio', op: '>=', limit: 0.4 },
  signin_refresh_per_s: { on: 'ratio', op: '>=', limit: 0.8 },
  signin_srp_per_s: { on: 'ratio', op: '>=', limit: 0.25 },
  signin_password_vs_cognito_local: { on: 'ratio', op: '>=', limit: 10 },
  big_users_start_ms: { on: 'value', op: '<=', limit: 2000 },
  big_users_rss_mb: { on: 'value', op: '<=', limit: 250 },
  big_users_password_per_s: { on: 'ratio', op: '>=', limit: 0.95 },
  sign_in_store_not_rewritten: { on: 'value', op: '>=', limit: 1, text: 'yes' },
};

export const PEOPLE_KEYS = [
  'unpinned_token_rps_10_conns', 'unpinned_vs_pinned_token_rps_10_conns', 'unpinned_vs_koa_node_token_rps_10_conns',
  'signin_m2m_per_s', 'signin_password_per_s', 'signin_refresh_per_s', 'signin_srp_per_s', 'signin_hosted_code_flow_per_s',
  'signin_password_vs_cognito_local', 'signin_refresh_vs_cognito_local',
  'peer_oauth2_mock_server_token_rps_10_conns', 'peer_oauth2_mock_server_start_ms', 'peer_oauth2_mock_server_rss_mb',
  'peer_cognito_local_start_ms', 'peer_cognito_local_rss_mb',
  'big_users_start_ms', 'big_users_one_line_start_ms', 'big_users_rss_mb', 'big_users_password_per_s', 'sign_in_store_not_rewritten',
];

/** Figures that depend on the peers: "not measured" (never an error) when they were skipped or failed. */
export const PEER_KEYS = PEOPLE_KEYS.filter((key) => key.includes('cognito_local') || key.includes('oauth2_mock_server'));

/** Thrown by a figure that was not measured on purpose; buildFigures records the reason. */
export class NotMeasured extends Error {}

/** Adds this file's figures through figures.mjs's `add`, `needs` and load helpers. */
export function addPeopleFigures({ add, needs, f, loadErrors, loadDetail }) {
  const unpinnedFigure = (refName, refLabel, ref) => () => {
    const u = needs('unpinned');
    const mock = u.mock;
    const other = ref ? ref() : u[refName];
    return { value: mock.rps, reference: { label: refLabel, value: other.rps ?? other }, ratio: round(mock.rps / (other.rps ?? other), 3),
      errors: loadErrors(mock) + (other.rps ? loadErrors(other) : 0), loadgen_pct: mock.loadgen_cpu_pct,
      detail: { cpus: u.cpus, ...loadDetail(mock), p99_ms: mock.p99_ms, rps_per_round: mock.rps_per_round, reference: other.rps ? { ...loadDetail(other), rps_per_round: other.rps_per_round } : undefined } };
  };
  add('unpinned_token_rps_10_conns', 'unpinned: token endpoint, 10 conns, vs Koa + jose', 'tok/s', unpinnedFigure('koaJose', 'Koa + jose, unpinned'));
  add('unpinned_vs_pinned_token_rps_10_conns', 'unpinned: token endpoint vs its own pinned 10 conns', 'tok/s',
    unpinnedFigure(null, 'cognito-mock pinned to 1 core', () => f.token_rps_10_conns.value ?? (() => { throw new Error('no pinned 10-conn figure (token phase)'); })()));
  add('unpinned_vs_koa_node_token_rps_10_conns', 'unpinned: token endpoint vs Koa + node:crypto', 'tok/s', unpinnedFigure('koaNode', 'Koa + node:crypto, unpinned'));

  const signIn = () => needs('signIn');
  const rate = (name, server = false) => (server ? signIn()[name].per_server_cpu_s : signIn()[name].per_s);
  add('signin_m2m_per_s', 'sign-in phase: M2M token (8 at a time)', '/s', () => {
    const m = signIn().m2m;
    return { value: m.per_s, errors: m.errors, noise_pct: m.noise_pct, detail: m };
  });
  const vsM2m = (name, { serverCpu = false } = {}) => () => {
    const s = signIn()[name];
    const ratio = round(rate(name, serverCpu) / rate('m2m', serverCpu), 3);
    return { value: s.per_s, reference: { label: `M2M${serverCpu ? ' per server CPU s' : ''}, same phase`, value: rate('m2m', serverCpu) }, ratio, errors: s.errors,
      noise_pct: Math.max(s.noise_pct ?? 0, signIn().m2m.noise_pct ?? 0),
      detail: { ...s, ratio_wall: round(s.per_s / rate('m2m'), 3), ratio_server_cpu: s.per_server_cpu_s && rate('m2m', true) ? round(s.per_server_cpu_s / rate('m2m', true), 3) : null } };
  };
  add('signin_password_per_s', 'sign-in: USER_PASSWORD_AUTH', '/s', vsM2m('password'));
  add('signin_refresh_per_s', 'sign-in: REFRESH_TOKEN_AUTH', '/s', vsM2m('refresh'));
  // The SRP client (amazon-cognito-identity-js, in the load process) costs more than the server's
  // side: its wall-clock rate measures the client, so the ratio compares server CPU per sign-in.
  add('signin_srp_per_s', 'sign-in: USER_SRP_AUTH (ratio per server CPU s)', '/s', vsM2m('srp', { serverCpu: true }));
  add('signin_hosted_code_flow_per_s', 'sign-in: managed login code flow (5 requests)', '/s', vsM2m('hosted'));

  const peer = (name) => {
    const p = needs('peers');
    if (p.skipped) throw new NotMeasured(`peers skipped (${p.skipped})`);
    if (!p[name].measured) throw new NotMeasured(p[name].reason);
    return p[name];
  };
  const vsPeer = (name, refLabel, ours, theirs, unit) => () => {
    const other = theirs(peer(name));
    const value = ours();
    return { value: round(value, unit === 'MB' ? 1 : 0), reference: { label: refLabel, value: round(other, unit === 'MB' ? 1 : 0) }, ratio: round(value / other, 2), errors: 0 };
  };
  for (const name of ['password', 'refresh']) {
    const label = name === 'password' ? 'USER_PASSWORD_AUTH' : 'REFRESH_TOKEN_AUTH';
    add(`signin_${name}_vs_cognito_local`, `${label} vs cognito-local`, '/s', () => {
      const figure = vsPeer('cognitoLocal', 'cognito-local InitiateAuth', () => rate(name), (p) => p[name].per_s)();
      const theirs = peer('cognitoLocal')[name];
      return { ...figure, noise_pct: Math.max(signIn()[name].noise_pct ?? 0, theirs.noise_pct ?? 0), detail: { cognito_local: theirs } };
    });
  }
  add('peer_oauth2_mock_server_token_rps_10_conns', 'M2M tokens, 10 conns, vs oauth2-mock-server', 'tok/s', () => {
    const p = peer('oauth2MockServer');
    return { ...vsPeer('oauth2MockServer', `oauth2-mock-server ${p.version}`, () => p.mock.token.rps, (q) => q.token.rps)(),
      noise_pct: Math.max(p.token.noise_pct ?? 0, p.mock.token.noise_pct ?? 0),
      detail: { peer: { ...loadDetail(p.token), p99_ms: p.token.p99_ms, rps_per_round: p.token.rps_per_round }, mock: { rps_per_round: p.mock.token.rps_per_round }, peer_errors: p.token.errors } };
  });
  add('peer_oauth2_mock_server_start_ms', 'start (spawn → first token) vs oauth2-mock-server', 'ms', vsPeer('oauth2MockServer', 'oauth2-mock-server', () => peer('oauth2MockServer').mock.start_ms, (p) => p.start_ms));
  add('peer_oauth2_mock_server_rss_mb', 'RSS after the token rounds vs oauth2-mock-server', 'MB', vsPeer('oauth2MockServer', 'oauth2-mock-server', () => peer('oauth2MockServer').mock.rss_mb, (p) => p.rss_mb));
  add('peer_cognito_local_start_ms', 'start vs cognito-local (spawn → first API answer)', 'ms', vsPeer('cognitoLocal', 'cognito-local', () => f.cold_start_ms.value ?? (() => { throw new Error('no cold start figure'); })(), (p) => p.start_ms));
  add('peer_cognito_local_rss_mb', 'RSS after the sign-in runs vs cognito-local', 'MB', vsPeer('cognitoLocal', 'cognito-local', () => signIn().rss_mb, (p) => p.rss_mb));

  const users = () => needs('bigUsers');
  add('big_users_one_line_start_ms', 'the same start, the store as one line of JSON', 'ms', () => {
    const { one_line: o } = users();
    return { value: round(o.start_ms), errors: 0, detail: { store_mb: round(o.store_mb, 1), rss_started_mb: round(o.rss_started_mb, 1), hwm_mb: round(o.hwm_mb, 1) } };
  });
  add('big_users_start_ms', 'CLI start → first sign-in, big user store', 'ms', () => {
    const r = users();
    return { value: round(median(r.start_ms)), errors: 0, detail: { pools: r.pools, users: r.users, store_mb: round(r.store_mb, 1), all_ms: r.start_ms.map((x) => round(x)), generate_ms: r.generate_ms } };
  });
  add('big_users_rss_mb', 'server RSS, big user store, after sign-ins', 'MB', () => {
    const r = users();
    return { value: round(r.rss_after_mb, 1), errors: 0, detail: { started_mb: round(r.rss_started_mb, 1), hwm_mb: round(r.hwm_mb, 1) } };
  });
  add('big_users_password_per_s', 'USER_PASSWORD_AUTH, big user store', '/s', () => {
    const { big, small } = users().sign_in;
    return { value: big.per_s, reference: { label: `same ${users().signed_in_users} users, small store`, value: small.per_s }, ratio: round(big.per_s / small.per_s, 3),
      errors: big.errors + small.errors, noise_pct: Math.max(big.noise_pct ?? 0, small.noise_pct ?? 0), detail: { big, small } };
  });
  add('sign_in_store_not_rewritten', 'sign-ins and refreshes leave the snapshot file alone', '', () => {
    const s = users().store_files;
    const yes = s.snapshot_unchanged && s.journal_grew;
    return { value: yes ? 1 : 0, display: yes ? 'yes' : 'no', errors: 0, detail: s };
  });
}
