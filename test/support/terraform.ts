import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

// Running the real Terraform CLI and AWS provider against the mock, offline: the provider comes
// from a filesystem mirror (`provider_installation { filesystem_mirror { … } }` in a CLI config
// file the test writes), never from the registry.

/** Where machines keep a filesystem mirror of providers; TF_PROVIDER_MIRROR names another. */
const MIRROR_CANDIDATES = [
  process.env.TF_PROVIDER_MIRROR,
  '/opt/tf-plugins',
  join(homedir(), '.terraform.d', 'plugins'),
  '/usr/local/share/terraform/plugins',
  '/usr/share/terraform/plugins',
].filter((dir): dir is string => dir !== undefined && dir !== '');

const ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };
const PLATFORM = `${process.platform === 'win32' ? 'windows' : process.platform}_${ARCH[process.arch] ?? process.arch}`;

export interface ProviderMirror {
  /** The mirror directory (holds `registry.terraform.io/`). */
  dir: string;
  /** The hashicorp/aws version found there, e.g. "5.100.0". */
  version: string;
}

/** hashicorp/aws versions in one mirror, unpacked (`<version>/<platform>/`) or packed (`terraform-provider-aws_<version>_<platform>.zip`). */
function awsVersions(dir: string): string[] {
  const aws = join(dir, 'registry.terraform.io', 'hashicorp', 'aws');
  if (!existsSync(aws)) return [];
  return readdirSync(aws).flatMap((entry) => {
    if (existsSync(join(aws, entry, PLATFORM))) return [entry];
    const packed = new RegExp(`^terraform-provider-aws_(\\d+\\.\\d+\\.\\d+)_${PLATFORM}\\.zip$`).exec(entry);
    return packed ? [packed[1]!] : [];
  });
}

/** The first mirror holding hashicorp/aws for this platform, with its newest version. */
export function findAwsProviderMirror(): ProviderMirror | undefined {
  for (const dir of MIRROR_CANDIDATES) {
    const versions = awsVersions(dir).sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
    if (versions.length > 0) return { dir, version: versions[0]! };
  }
  return undefined;
}

/** Why Terraform cannot be run here, or undefined when `terraform version` works and a mirror has the AWS provider. */
export function terraformMissing(): string | undefined {
  const probe = spawnSync('terraform', ['version'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  if (probe.error) {
    return (probe.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'terraform not installed' : `terraform version failed: ${probe.error.message}`;
  }
  if (probe.status !== 0) return `terraform version exited ${probe.status}`;
  if (!findAwsProviderMirror()) return `no hashicorp/aws provider for ${PLATFORM} in a filesystem mirror (${MIRROR_CANDIDATES.join(', ')})`;
  return undefined;
}

export interface TerraformResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TerraformWorkspace {
  /** The directory holding the configuration (`main.tf`). */
  dir: string;
  /** Runs `terraform <args>` there; resolves with the exit code (never rejects on a non-zero one). */
  run(...args: string[]): Promise<TerraformResult>;
}

/**
 * A workspace under `root`: the configuration directory, a CLI config file that installs the
 * provider from the mirror only, and data and home directories of its own, so neither the
 * machine's ~/.terraformrc, its credentials nor a plugin cache take part. TF_LOG can be passed
 * through `extraEnv` (e.g. `{ TF_LOG: 'DEBUG', TF_LOG_PATH }`) to record the provider's calls.
 */
export async function terraformWorkspace(root: string, mirror: ProviderMirror, extraEnv: Record<string, string> = {}): Promise<TerraformWorkspace> {
  const dir = join(root, 'config');
  const home = join(root, 'home');
  await Promise.all([mkdir(dir, { recursive: true }), mkdir(home, { recursive: true })]);
  const cliConfig = join(root, 'terraform.rc');
  await writeFile(cliConfig, [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirror.dir)}`,
    '    include = ["registry.terraform.io/hashicorp/aws"]',
    '  }',
    '  direct {',
    '    exclude = ["registry.terraform.io/*/*"]',
    '  }',
    '}',
    '',
  ].join('\n'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_DATA_DIR: join(root, 'data'),
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    // The provider must not look for credentials or instance metadata anywhere but its own block.
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extraEnv,
  };
  return {
    dir,
    run: (...args) => new Promise((resolve) => {
      // Asynchronous on purpose: the mock answers from this same process while terraform runs.
      execFile('terraform', args, { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    }),
  };
}

/** The provider block the README documents: static test credentials, no STS or metadata calls, cognito-idp at the mock. */
export function awsProviderBlock(endpoint: string, region = 'us-east-1'): string {
  return `provider "aws" {
  region                      = "${region}"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  endpoints {
    cognitoidp = "${endpoint}"
  }
}
`;
}

/** A failed command's output, for an assertion message. */
export const transcript = (step: string, result: TerraformResult): string =>
  `terraform ${step} exited ${result.code}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`;
