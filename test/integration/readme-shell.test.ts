import { execFile, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, requireBuild, startCli, stopAllClis } from '../support/cli-process.js';
import { signingKeys } from '../support/fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// Every shell block of the README, run as written against a started server (built-in fixtures, as
// `npm start` serves them). The one liberty taken: the documented address 127.0.0.1:9330 becomes
// the test server's free port. A `# {…}` line under a command is its expected answer, `…` standing
// for any text; the answer must appear in the block's output.

const run = promisify(execFile);
const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
const scripts = (JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

const has = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const dockerEngine = has('docker') && spawnSync('docker', ['info'], { timeout: 10_000 }).status === 0;
const awsCli = has('aws');

interface ShellBlock {
  /** The heading the block sits under, and its line: the test's name. */
  name: string;
  code: string;
}

function shellBlocks(markdown: string): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  let heading = '';
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^#{1,6} /.test(line)) heading = line.replace(/^#+ /, '');
    if (line !== '```sh') continue;
    const start = i + 1;
    while (lines[++i] !== '```') if (i >= lines.length) throw new Error(`README line ${start}: unclosed code block`);
    blocks.push({ name: `"${heading}" (README line ${start})`, code: lines.slice(start, i).join('\n') });
  }
  return blocks;
}

const commands = (code: string): string[] => code.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));

/** Blocks of npm commands install, build or test the repository itself: each must name a script package.json has. */
const isNpmBlock = (block: ShellBlock): boolean => commands(block.code).every((line) => line.startsWith('npm '));
const isDockerBlock = (block: ShellBlock): boolean => commands(block.code).some((line) => /^docker /.test(line));
const needsAwsCli = (block: ShellBlock): boolean => /(^|[\s($])aws /m.test(block.code);

/** `# {"access_token":"eyJraWQiOi…",…}` → a pattern for that answer, `…` matching any text. */
function expectedAnswers(code: string): RegExp[] {
  return code.split('\n').filter((line) => /^# [[{]/.test(line)).map((line) => {
    const parts = line.slice(2).split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    // Not anchored: curl ends no answer with a newline, so two answers can share a line.
    return new RegExp(parts.join('[^\n]*?'));
  });
}

const blocks = shellBlocks(readme);

it('finds the README\'s shell blocks', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(6);
});

describe.each(blocks.filter(isNpmBlock))('README npm block $name', (block) => {
  it('names only scripts package.json has', () => {
    for (const line of commands(block.code)) {
      for (const [, script] of line.matchAll(/npm (?:run )?([a-z:-]+)/g)) {
        if (script === 'ci' || script === 'run') continue;
        expect(Object.keys(scripts), line).toContain(script);
      }
    }
  });
});

describe.each(blocks.filter(isDockerBlock))('README docker block $name', (block) => {
  // Without an engine the Dockerfile is still proven, stage by stage, by dockerfile.test.ts.
  it.skipIf(!dockerEngine)(`runs as written${dockerEngine ? '' : ' (skipped: no Docker engine here)'}`, async () => {
    const detached = block.code.replace(/^docker run --rm /m, 'docker run -d --rm --name cognito-mock-readme ');
    try {
      await run('bash', ['-euo', 'pipefail', '-c', detached], { cwd: REPO_ROOT, timeout: 600_000 });
      let health: Response | undefined;
      for (let i = 0; i < 100 && !health?.ok; i++) {
        health = await fetch('http://127.0.0.1:9330/health').catch(() => undefined);
        if (!health?.ok) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(health?.status).toBe(200);
    } finally {
      spawnSync('docker', ['rm', '-f', 'cognito-mock-readme']);
    }
  }, 600_000);
});

describe('README shell blocks against a started server', () => {
  const home = useTempDir('readme', 'all');
  let builtInWithKeys: string;
  beforeAll(async () => {
    requireBuild();
    // The built-in fixtures the blocks are written against, with test keys: a start generates no RSA keys.
    const builtIn = JSON.parse(await readFile(join(REPO_ROOT, 'fixtures', 'example-pool.json'), 'utf8')) as { UserPools: object[] };
    builtInWithKeys = home.join('example-pool-with-keys.json');
    await writeFile(builtInWithKeys, JSON.stringify({ UserPools: builtIn.UserPools.map((pool) => ({ ...pool, SigningKeys: signingKeys(0) })) }));
  });
  afterAll(stopAllClis);

  async function runAsWritten(block: ShellBlock): Promise<void> {
    const cli = await startCli(['--port', '0', '--in-memory', '--fixtures', builtInWithKeys]);
    try {
      const code = block.code.replaceAll('http://127.0.0.1:9330', cli.url);
      const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', code], {
        cwd: home.path,
        timeout: 60_000,
        // No user config, credentials or pager of the machine running the tests.
        env: { PATH: process.env.PATH, HOME: home.path, AWS_CONFIG_FILE: home.join('none'), AWS_SHARED_CREDENTIALS_FILE: home.join('none') },
      });
      const answers = expectedAnswers(block.code);
      expect(answers.length, 'each runnable block shows what it answers').toBeGreaterThan(0);
      for (const answer of answers) expect(stdout).toMatch(answer);
    } finally {
      await cli.stop();
    }
  }

  const runnable = blocks.filter((block) => !isNpmBlock(block) && !isDockerBlock(block));
  it.each(runnable.filter((block) => !needsAwsCli(block)))('runs $name as written', runAsWritten, 60_000);
  it.skipIf(!awsCli).each(runnable.filter(needsAwsCli))(`runs $name as written${awsCli ? '' : ' (skipped: the aws command is not installed)'}`,
    runAsWritten, 60_000);
});
