// The peers the bench measures beside cognito-mock, installed from the npm registry into a
// directory of their own (never project dependencies): oauth2-mock-server and cognito-local.
// The install is kept under bench/results/ (gitignored) so later runs reuse it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { options } from './options.mjs';

export const PEERS = { oauth2MockServer: 'oauth2-mock-server', cognitoLocal: 'cognito-local' };

const packageDir = (dir, name) => join(dir, 'node_modules', name);
const installed = (dir) => Object.values(PEERS).every((name) => existsSync(join(packageDir(dir, name), 'package.json')));

/**
 * Resolves {dir, cached, ms, versions: {name: version}, bins: {name: entry file}} or throws with
 * npm's output when the install fails (the peers are then reported as not measured).
 */
export async function installPeers(log) {
  const dir = options.peersDir;
  const t0 = performance.now();
  const cached = installed(dir);
  if (!cached) {
    // Into a fresh directory first: an interrupted install never looks like a cached one.
    const tmp = `${dir}-install-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    log(`peers: npm install ${Object.values(PEERS).join(' ')} into ${tmp}`);
    try {
      await npm(['install', '--prefix', tmp, '--no-save', '--no-audit', '--no-fund', ...Object.values(PEERS)]);
      if (!installed(tmp)) throw new Error('npm install finished but the packages are not there');
      rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const versions = {};
  const bins = {};
  for (const name of Object.values(PEERS)) {
    const pkg = JSON.parse(readFileSync(join(packageDir(dir, name), 'package.json'), 'utf8'));
    versions[name] = pkg.version;
    bins[name] = join(packageDir(dir, name), typeof pkg.bin === 'string' ? pkg.bin : pkg.bin[name]);
  }
  return { dir, cached, ms: Math.round(performance.now() - t0), versions, bins };
}

function npm(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => { output = (output + chunk).slice(-2_000); };
    child.stdout.setEncoding('utf8').on('data', keep);
    child.stderr.setEncoding('utf8').on('data', keep);
    const timer = setTimeout(() => child.kill('SIGTERM'), 300_000);
    child.once('error', (error) => { clearTimeout(timer); reject(error); });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      // npm's first error lines name the cause (code, the failed request); the last ones only point at its log.
      else reject(new Error(`npm ${args[0]} exited ${code ?? signal}: ${output.split('\n').filter((l) => l.startsWith('npm error')).slice(0, 3).join(' | ') || output.trim().slice(-300)}`));
    });
  });
}
