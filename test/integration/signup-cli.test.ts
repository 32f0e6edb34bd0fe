import { ConfirmSignUpCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { startCli, useBuiltCli } from '../support/cli-process.js';
import { POOL_ID, PUBLIC_CLIENT, testFixtures, writeFixtureFile } from '../support/fixtures.js';
import { managementClient } from '../support/management-client.js';
import { useTempDir } from '../support/temp-dir.js';

// The CLI sends no email nor SMS: a developer reads each new code on its stderr (README
// "Confirmation and reset codes"), one line, and confirms with it.

useBuiltCli();
const tmp = useTempDir('signup-cli');

describe('the CLI prints confirmation codes', () => {
  it('writes the code of a sign-up on stderr, and that code confirms the user', async () => {
    const fixtures = testFixtures();
    (fixtures.UserPools.find((pool) => pool.Id === POOL_ID) as Record<string, unknown>).AutoVerifiedAttributes = ['email'];
    const cli = await startCli(['--port', '0', '--in-memory', '--fixtures', await writeFixtureFile(tmp.path, fixtures)]);
    const sdk = managementClient(cli.url);
    await sdk.send(new SignUpCommand({ ClientId: PUBLIC_CLIENT.id, Username: 'tess', Password: 'Sign-up-Pa55word',
      UserAttributes: [{ Name: 'email', Value: 'tess@example.com' }] }));
    const line = new RegExp(`^cognito-mock: confirmation code for tess in ${POOL_ID}: ([0-9]{6})$`, 'm');
    await expect.poll(() => line.test(cli.stderr())).toBe(true);
    const code = line.exec(cli.stderr())![1]!;
    await sdk.send(new ConfirmSignUpCommand({ ClientId: PUBLIC_CLIENT.id, Username: 'tess', ConfirmationCode: code }));
    // Nothing else of the sign-up reaches the log: not the password.
    expect(cli.stderr()).not.toContain('Sign-up-Pa55word');
    await cli.stop();
  });
});
