// Users written straight into a generated store (src/model/users.ts StoredUser), with one public
// app client per pool allowed USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH (the members
// CreateUserPoolClient stores for such a client).
//
// A password record is Cognito's SRP verifier (src/keys/password-verifier.ts): it depends on the
// pool, the username and a salt, so one record cannot serve every user, and making one costs a
// 3072-bit modPow (about 0.6 ms: a minute for 100,000). Only the users the bench signs in get
// their own record; every other user carries a copy of the first one, which has the right shape
// and size (a start parses and checks it as any other) but matches no password of theirs.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { options } from './options.mjs';
import { poolId } from './stores.mjs';

export const USER_PASSWORD = 'Bench-Passw0rd!';
/** User u of pool n: the same name in the big store and in the small one. */
export const userName = (n, u) => `user${String(n).padStart(4, '0')}-${String(u).padStart(3, '0')}`;
/** The people client of pool n: 26 characters, as Cognito's client ids. */
export const peopleClientId = (n) => `peopleclient${String(n).padStart(14, '0')}`;

/**
 * An `extend` for writeStore: `perPool` users in each of the first `pools` pools; user 0 of each
 * of the first `signedIn` pools gets a real verifier. Resolves to the hook once the verifier
 * module of the measured build is loaded.
 */
export async function usersExtension({ pools, perPool, signedIn }) {
  const { passwordVerifier } = await import(pathToFileURL(join(options.dist, 'keys', 'password-verifier.js')).href);
  return (data) => {
    const now = Math.floor(Date.now() / 1000);
    let shared;
    for (let n = 0; n < pools; n++) {
      const id = poolId(n);
      const pool = data.pools[id];
      pool.UserPoolClients[peopleClientId(n)] = {
        UserPoolId: id, ClientName: 'bench-people', ClientId: peopleClientId(n), LastModifiedDate: now, CreationDate: now,
        RefreshTokenValidity: 30, TokenValidityUnits: {}, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AllowedOAuthFlowsUserPoolClient: false, EnableTokenRevocation: true, EnablePropagateAdditionalUserContextData: false, AuthSessionValidity: 3,
      };
      pool.Users = {};
      for (let u = 0; u < perPool; u++) {
        const username = userName(n, u);
        const real = u === 0 && n < signedIn;
        const password = real ? passwordVerifier(id, username, USER_PASSWORD, now) : shared;
        shared ??= password;
        pool.Users[username] = {
          Username: username, Attributes: [{ Name: 'sub', Value: randomUUID() }], Enabled: true, UserStatus: 'CONFIRMED',
          UserCreateDate: now, UserLastModifiedDate: now, Password: { ...password },
        };
      }
    }
  };
}

/** The users the sign-in runs cycle through: user 0 of each of the first `signedIn` pools. */
export const signedInUsers = (signedIn) =>
  Array.from({ length: signedIn }, (_, n) => ({ clientId: peopleClientId(n), username: userName(n, 0) }));
