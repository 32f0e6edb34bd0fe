// The SPA of an oidc-client-ts app against the hosted login. The test passes the mock's pool URL once as
// ?authority=…&client_id=…; it is kept in sessionStorage across the redirects.
const params = new URLSearchParams(location.search);
if (params.has('authority')) {
  sessionStorage.setItem('spa.authority', params.get('authority'));
  sessionStorage.setItem('spa.client_id', params.get('client_id'));
}
const authority = sessionStorage.getItem('spa.authority');
const clientId = sessionStorage.getItem('spa.client_id');
const $ = (id) => document.getElementById(id);

const manager = new oidc.UserManager({
  authority,
  client_id: clientId,
  redirect_uri: `${location.origin}/callback`,
  post_logout_redirect_uri: `${location.origin}/signed-out`,
  response_type: 'code',
  scope: 'openid email profile',
  loadUserInfo: true,
});

$('signIn').addEventListener('click', () => manager.signinRedirect().catch(show));
$('signOut').addEventListener('click', () => manager.signoutRedirect({
  // Cognito's /logout takes client_id and logout_uri, not post_logout_redirect_uri (cognito-reference-users §6.11).
  extraQueryParams: { client_id: clientId, logout_uri: `${location.origin}/signed-out` },
}).catch(show));

function show(error) {
  $('error').textContent = String(error?.message ?? error);
}

async function main() {
  const path = location.pathname;
  if (path === '/callback') {
    $('page').textContent = 'callback';
    const user = await manager.signinRedirectCallback();
    $('claims').textContent = JSON.stringify(user.profile);
    // loadUserInfo merged the userInfo answer into profile; fetch it too, to show the endpoint's own answer.
    const configuration = await fetch(`${authority}/.well-known/openid-configuration`).then((r) => r.json());
    const info = await fetch(configuration.userinfo_endpoint, { headers: { authorization: `Bearer ${user.access_token}` } });
    $('userInfo').textContent = JSON.stringify(await info.json());
    $('status').textContent = `signed in as ${user.profile.email}`;
  } else if (path === '/signed-out') {
    $('page').textContent = 'signed-out';
    $('status').textContent = 'signed out';
  } else {
    $('page').textContent = 'home';
    $('status').textContent = 'ready';
  }
}
main().catch(show);
