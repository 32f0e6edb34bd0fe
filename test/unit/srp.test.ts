import * as identity from 'amazon-cognito-identity-js';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { describe, expect, it } from 'vitest';
import { type SrpClaimInput, type SrpClaimResult, startSrp, verifySrpClaim } from '../../src/domain/srp/srp-challenge.js';
import { decoySrpUser } from '../../src/domain/srp/decoy-user.js';
import { SpentSecretBlocks } from '../../src/domain/srp/spent-blocks.js';
import { N } from '../../src/keys/srp-group.js';
import { parseSrpTimestamp, srpTimestampOf } from '../../src/domain/srp/timestamp.js';
import { newSrpSalt, passwordVerifier, verifierValue } from '../../src/keys/password-verifier.js';

/** The stored verifier of a password, as the store keeps it. */
const srpVerifier = (poolId: string, username: string, password: string, salt: string): string =>
  passwordVerifier(poolId, username, password, 0, salt).Verifier;

// Cognito's SRP (cognito-reference-users §4.4) against the real amazon-cognito-identity-js: its
// CognitoUser.authenticateUser runs unchanged (AuthenticationHelper, BigInteger, DateHelper, its own
// signature), with the pool's transport replaced by a call into startSrp / verifySrpClaim, the
// server side under test. No client math is redone here.

const POOL_ID = 'us-east-1_SrpPool01';
const CLIENT_ID = '1example0srp0client0id01';
const USERNAME = 'a68c740a-8385-42d7-b8fb-ea5496094942';
const PASSWORD = 'Corr3ct-h0rse!';

const salt = newSrpSalt();
const user = { username: USERNAME, salt, verifier: srpVerifier(POOL_ID, USERNAME, PASSWORD, salt) };

/** The library exports its AuthenticationHelper without declaring it; the members used here. */
const { AuthenticationHelper } = identity as unknown as {
  AuthenticationHelper: new (poolName: string) => {
    generateHashDevice(group: string, username: string, callback: (error: unknown) => void): void;
    getRandomPassword(): string;
    getSaltDevices(): string;
    getVerifierDevices(): string;
  };
};

type Params = Record<string, unknown> & { AuthParameters?: Record<string, string>; ChallengeResponses?: Record<string, string> };

interface Exchange {
  /** The user the server finds for the name typed. */
  user?: { username: string; salt: string; verifier: string };
  /** Changes what the client answers before the server reads it (an attacker on the wire). */
  tamper?: (responses: Record<string, string>) => void;
  /** The clock startSrp sees (epoch ms); the real clock by default, as the client's DateHelper uses. */
  issuedAt?: () => number;
  /** What the server knows at the second step, when it differs from the first. */
  claim?: Partial<SrpClaimInput>;
}

interface Outcome {
  signedIn: boolean;
  error?: { code: string; message: string };
  claim?: SrpClaimResult;
  initiate?: Params;
  respond?: Params;
  challengeParameters?: Record<string, string>;
}

/** A token the library can decode into its session (it reads `exp` and `iat`); never verified here. */
const opaqueJwt = (claims: object): string => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

/** Signs in with CognitoUser.authenticateUser (USER_SRP_AUTH), answering as the server would. */
function signIn(password: string, exchange: Exchange = {}): Promise<Outcome> {
  const outcome: Outcome = { signedIn: false };
  const pool = new CognitoUserPool({ UserPoolId: POOL_ID, ClientId: CLIENT_ID });
  const found = exchange.user ?? user;
  const answer = (operation: string, params: Params): Record<string, unknown> => {
    if (operation === 'InitiateAuth') {
      outcome.initiate = structuredClone(params);
      const started = startSrp({
        poolId: POOL_ID, userIdForSrp: found.username, salt: found.salt, verifier: found.verifier,
        srpA: params.AuthParameters!.SRP_A!, now: (exchange.issuedAt ?? Date.now)(),
      });
      if (!started.ok) throw Object.assign(new Error('Invalid SRP_A'), { code: 'InvalidParameterException' });
      outcome.challengeParameters = { ...started.challenge, USERNAME: found.username };
      return { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: outcome.challengeParameters };
    }
    const responses = { ...params.ChallengeResponses! };
    exchange.tamper?.(responses);
    outcome.respond = structuredClone({ ...params, ChallengeResponses: responses });
    outcome.claim = verifySrpClaim({
      poolId: POOL_ID, userIdForSrp: responses.USERNAME!, salt: found.salt, verifier: found.verifier,
      secretBlock: responses.PASSWORD_CLAIM_SECRET_BLOCK!, signature: responses.PASSWORD_CLAIM_SIGNATURE!,
      timestamp: responses.TIMESTAMP!, now: Date.now(), ...exchange.claim,
    });
    if (!outcome.claim.ok) throw Object.assign(new Error('Incorrect username or password.'), { code: 'NotAuthorizedException' });
    const now = Math.floor(Date.now() / 1000);
    const token = opaqueJwt({ iat: now, exp: now + 3600 });
    return { AuthenticationResult: { AccessToken: token, ExpiresIn: 3600, IdToken: token, RefreshToken: 'opaque', TokenType: 'Bearer' } };
  };
  // The library's transport, as Client.request: an async callback with (error, data).
  (pool as unknown as { client: unknown }).client = {
    request(operation: string, params: Params, callback: (error: unknown, data?: unknown) => void) {
      setImmediate(() => {
        let data: unknown;
        try {
          data = answer(operation, params);
        } catch (error) {
          callback(error);
          return;
        }
        callback(null, data);
      });
    },
  };
  const cognitoUser = new CognitoUser({ Username: 'someone@example.com', Pool: pool });
  return new Promise((resolve) => {
    cognitoUser.authenticateUser(new AuthenticationDetails({ Username: 'someone@example.com', Password: password }), {
      onSuccess: () => resolve({ ...outcome, signedIn: true }),
      onFailure: (error: { code: string; message: string }) => resolve({ ...outcome, error: { code: error.code, message: error.message } }),
    });
  });
}

describe('USER_SRP_AUTH with amazon-cognito-identity-js', () => {
  it('signs in with the right password', async () => {
    const outcome = await signIn(PASSWORD);
    expect(outcome.error).toBeUndefined();
    expect(outcome.claim).toEqual({ ok: true });
    expect(outcome.signedIn).toBe(true);
  });

  it('signs in against a verifier kept in hex, as stores written before hold it', async () => {
    const hex = Buffer.from(user.verifier, 'base64').toString('hex').replace(/^0+/, '');
    expect(await signIn(PASSWORD, { user: { ...user, verifier: hex } })).toMatchObject({ signedIn: true, claim: { ok: true } });
    expect(await signIn('Wr0ng-passw0rd!', { user: { ...user, verifier: hex } })).toMatchObject({ signedIn: false, claim: { ok: false } });
  });

  it('answers the challenge parameters in Cognito\'s formats, and the client answers as it does to Cognito', async () => {
    const { challengeParameters: p, initiate, respond } = await signIn(PASSWORD);
    expect(initiate).toMatchObject({ AuthFlow: 'USER_SRP_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'someone@example.com' } });
    expect(p!.SRP_B).toMatch(/^[1-9a-f][0-9a-f]{0,767}$/);
    expect(p!.SALT).toBe(salt);
    expect(p!.SALT).toMatch(/^[1-9a-f][0-9a-f]{0,31}$/);
    expect(p!.SECRET_BLOCK).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(p!.USER_ID_FOR_SRP).toBe(USERNAME);
    // The client takes USER_ID_FOR_SRP as its user name from here on (§4.4).
    expect(respond!.ChallengeResponses).toEqual({
      USERNAME, PASSWORD_CLAIM_SECRET_BLOCK: p!.SECRET_BLOCK, TIMESTAMP: expect.any(String), PASSWORD_CLAIM_SIGNATURE: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
    });
  });

  it('issues a different B and secret block for each sign-in', async () => {
    const [first, second] = await Promise.all([signIn(PASSWORD), signIn(PASSWORD)]);
    expect(first.challengeParameters!.SRP_B).not.toBe(second.challengeParameters!.SRP_B);
    expect(first.challengeParameters!.SECRET_BLOCK).not.toBe(second.challengeParameters!.SECRET_BLOCK);
  });

  it('refuses a wrong password', async () => {
    const outcome = await signIn('Corr3ct-h0rse?');
    expect(outcome.claim).toEqual({ ok: false, reason: 'incorrect', why: 'signature' });
    expect(outcome).toMatchObject({ signedIn: false, error: { code: 'NotAuthorizedException' } });
  });

  it('refuses a timestamp changed by one second (the signature covers it)', async () => {
    const outcome = await signIn(PASSWORD, {
      tamper: (r) => { r.TIMESTAMP = srpTimestampOf((parseSrpTimestamp(r.TIMESTAMP!) as number) + 1000); },
    });
    expect(outcome.claim).toEqual({ ok: false, reason: 'incorrect', why: 'signature' });
    expect(outcome.signedIn).toBe(false);
  });

  it('refuses a timestamp further than five minutes from server time', async () => {
    const outcome = await signIn(PASSWORD, {
      tamper: (r) => { r.TIMESTAMP = srpTimestampOf(Date.now() - 301_000); },
    });
    expect(outcome.claim).toEqual({ ok: false, reason: 'incorrect', why: 'timestamp' });
  });

  it('refuses a timestamp not in Cognito\'s format', async () => {
    const outcome = await signIn(PASSWORD, { tamper: (r) => { r.TIMESTAMP = new Date().toISOString(); } });
    expect(outcome.claim).toEqual({ ok: false, reason: 'timestamp_malformed' });
  });

  it('refuses a secret block changed by one bit', async () => {
    const outcome = await signIn(PASSWORD, {
      tamper: (r) => {
        const bytes = Buffer.from(r.PASSWORD_CLAIM_SECRET_BLOCK!, 'base64');
        bytes[40]! ^= 0x01;
        r.PASSWORD_CLAIM_SECRET_BLOCK = bytes.toString('base64');
      },
    });
    expect(outcome.claim).toEqual({ ok: false, reason: 'incorrect', why: 'secret_block' });
  });

  it('refuses another sign-in\'s secret block', async () => {
    const other = await signIn(PASSWORD);
    const outcome = await signIn(PASSWORD, { tamper: (r) => { r.PASSWORD_CLAIM_SECRET_BLOCK = other.challengeParameters!.SECRET_BLOCK!; } });
    // It opens (same user), but it holds another b and A: the keys differ.
    expect(outcome.claim).toEqual({ ok: false, reason: 'incorrect', why: 'signature' });
  });

  it('refuses a secret block issued to another user', async () => {
    const outcome = await signIn(PASSWORD, { tamper: (r) => { r.USERNAME = 'someone-else'; } });
    expect(outcome.claim).toEqual({ ok: false, reason: 'incorrect', why: 'secret_block' });
  });

  it('refuses a claim that already signed someone in, sent again unchanged', async () => {
    const first = await signIn(PASSWORD);
    expect(first.claim).toEqual({ ok: true });
    const r = first.respond!.ChallengeResponses!;
    const again = verifySrpClaim({
      poolId: POOL_ID, userIdForSrp: r.USERNAME!, salt: user.salt, verifier: user.verifier, secretBlock: r.PASSWORD_CLAIM_SECRET_BLOCK!,
      signature: r.PASSWORD_CLAIM_SIGNATURE!, timestamp: r.TIMESTAMP!, now: Date.now(),
    });
    expect(again).toEqual({ ok: false, reason: 'incorrect', why: 'replayed' });
  });

  it('refuses the claim when the password changed after the challenge', async () => {
    const outcome = await signIn(PASSWORD, { claim: { verifier: srpVerifier(POOL_ID, USERNAME, 'N3w-passw0rd!', salt) } });
    expect(outcome.claim).toEqual({ ok: false, reason: 'incorrect', why: 'signature' });
  });

  it('refuses a secret block presented to another pool', async () => {
    const outcome = await signIn(PASSWORD, { claim: { poolId: 'us-east-1_OtherPool' } });
    expect(outcome.claim).toEqual({ ok: false, reason: 'incorrect', why: 'secret_block' });
  });

  it('refuses a secret block sealed with another server\'s key', async () => {
    const outcome = await signIn(PASSWORD, { claim: { secretBlockKey: Buffer.alloc(32, 7) } });
    expect(outcome.claim).toEqual({ ok: false, reason: 'incorrect', why: 'secret_block' });
  });

  it('refuses a secret block older than the challenge lifetime', async () => {
    const outcome = await signIn(PASSWORD, { issuedAt: () => Date.now() - 181_000 });
    expect(outcome.claim).toEqual({ ok: false, reason: 'expired' });
  });

  it('accepts an older block when the app client allows a longer challenge', async () => {
    const outcome = await signIn(PASSWORD, { issuedAt: () => Date.now() - 181_000, claim: { challengeSeconds: 900 } });
    expect(outcome.claim).toEqual({ ok: true });
  });
});

describe('decoySrpUser', () => {
  it('answers the same salt and UUID for the same pool and name, others for another', () => {
    const first = decoySrpUser(POOL_ID, 'nobody@example.com');
    expect(decoySrpUser(POOL_ID, 'nobody@example.com')).toEqual(first);
    expect(first.userIdForSrp).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.salt).toMatch(/^[1-9a-f][0-9a-f]{0,31}$/);
    expect(decoySrpUser(POOL_ID, 'other@example.com').userIdForSrp).not.toBe(first.userIdForSrp);
    expect(decoySrpUser('us-east-1_OtherPool', 'nobody@example.com').salt).not.toBe(first.salt);
  });

  it('issues a challenge the client answers, and refuses the claim at the second step', async () => {
    const decoy = decoySrpUser(POOL_ID, 'someone@example.com');
    const outcome = await signIn(PASSWORD, { user: { username: decoy.userIdForSrp, salt: decoy.salt, verifier: decoy.verifier } });
    expect(outcome.challengeParameters!.USER_ID_FOR_SRP).toBe(decoy.userIdForSrp);
    expect(outcome.claim).toEqual({ ok: false, reason: 'incorrect', why: 'signature' });
  });
});

describe('SpentSecretBlocks', () => {
  it('spends a block once until it expires, and forgets expired blocks', () => {
    const spent = new SpentSecretBlocks();
    expect(spent.spend('a', 100, 0)).toBe(true);
    expect(spent.spend('a', 100, 50)).toBe(false);
    expect(spent.spend('b', 300, 150)).toBe(true);
    expect(spent.size).toBe(1);
    expect(spent.spend('a', 400, 150)).toBe(true);
  });
});

describe('startSrp', () => {
  const start = (srpA: string) => startSrp({ poolId: POOL_ID, userIdForSrp: USERNAME, salt, verifier: user.verifier, srpA, now: 0 });

  it.each([
    ['0', '0'],
    ['N', N.toString(16)],
    ['2N', (2n * N).toString(16)],
    ['not hex', 'xyz'],
    ['empty', ''],
    ['over 1024 digits', `1${'0'.repeat(1024)}`],
  ])('refuses A = %s', (_case, srpA) => {
    expect(start(srpA)).toEqual({ ok: false, reason: 'invalid_srp_a' });
  });

  it('accepts A = 1 and A = N + 1 as numbers (only A mod N = 0 is refused)', () => {
    expect(start('1').ok).toBe(true);
    expect(start((N + 1n).toString(16)).ok).toBe(true);
  });
});

describe('passwordVerifier, the stored verifier', () => {
  it('equals the verifier the library computes with the same formula (its device verifier)', async () => {
    // generateHashDevice computes g^H(padHex(salt) ‖ H(group ‖ user ‖ ":" ‖ password)) with a
    // random password: the user verifier's formula with the device group key as pool name.
    const helper = new AuthenticationHelper('unused');
    await new Promise<void>((resolve, reject) => helper.generateHashDevice('DeviceGroup1', USERNAME, (e: unknown) => (e ? reject(e) : resolve())));
    const ours = srpVerifier('us-east-1_DeviceGroup1', USERNAME, helper.getRandomPassword(), helper.getSaltDevices());
    expect(verifierValue(ours)).toBe(BigInt(`0x${helper.getVerifierDevices()}`));
  });

  it('depends on the pool, the user, the password and the salt', () => {
    const base = srpVerifier(POOL_ID, USERNAME, PASSWORD, salt);
    expect(new Set([
      base,
      srpVerifier('us-east-1_Other', USERNAME, PASSWORD, salt),
      srpVerifier(POOL_ID, 'other', PASSWORD, salt),
      srpVerifier(POOL_ID, USERNAME, `${PASSWORD}x`, salt),
      srpVerifier(POOL_ID, USERNAME, PASSWORD, newSrpSalt()),
    ]).size).toBe(5);
  });
});

describe('SRP timestamps', () => {
  it('are written as the AWS clients write them, the day not zero-padded', () => {
    expect(srpTimestampOf(Date.UTC(2026, 11, 2, 18, 0, 0))).toBe('Wed Dec 2 18:00:00 UTC 2026');
    expect(srpTimestampOf(Date.UTC(2023, 7, 11, 15, 51, 6))).toBe('Fri Aug 11 15:51:06 UTC 2023');
  });

  it.each<[string, number | 'malformed' | 'noncanonical']>([
    ['Fri Aug 11 15:51:06 UTC 2023', Date.UTC(2023, 7, 11, 15, 51, 6)],
    ['Wed Apr 5 09:03:00 UTC 2017', Date.UTC(2017, 3, 5, 9, 3, 0)],
    ['Wed Apr 05 09:03:00 UTC 2017', 'noncanonical'],
    ['Thu Apr 5 09:03:00 UTC 2017', 'noncanonical'],
    ['Wed Apr 5 09:03:00 GMT 2017', 'noncanonical'],
    ['Mon Feb 30 09:03:00 UTC 2026', 'noncanonical'],
    ['Wed Foo 5 09:03:00 UTC 2017', 'noncanonical'],
    ['2017-04-05T09:03:00Z', 'malformed'],
    ['Wed Apr 5 9:03:00 UTC 2017', 'malformed'],
    ['', 'malformed'],
  ])('parses %j as %s', (text, expected) => {
    expect(parseSrpTimestamp(text)).toBe(expected);
  });
});
