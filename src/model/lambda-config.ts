import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Problems, checkObject, checkString } from './problems.js';

// `LambdaConfig` of a pool (reference §7): CreateUserPool, UpdateUserPool and fixtures share this
// check. Only the pre token generation trigger is acted on; the other triggers are kept as given.

const VERSIONS = ['V1_0', 'V2_0', 'V3_0'];
/** The model's `ArnType` pattern: a real Lambda ARN is accepted and stored, though it cannot run here. */
const ARN = /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/;

/**
 * Checks `obj[member]` as a LambdaConfig and returns it as stored: a `file:` LambdaArn made absolute,
 * and `PreTokenGeneration` equal to `PreTokenGenerationConfig.LambdaArn` (the model: "This
 * parameter and the PreTokenGeneration property of LambdaConfig have the same value"). `baseDir`
 * is the directory of the fixture file, against which `file:relative/path.mjs` resolves; without it
 * (the API, fixture objects) a file: URL must be absolute. The module file must exist, and where
 * `mayRun` is given (the API) it must say yes: an unauthenticated caller must not name any module
 * on the machine for the server to import.
 */
export function checkLambdaConfig(p: Problems, obj: Record<string, unknown>, member: string, baseDir?: string,
  mayRun?: (path: string) => boolean): Record<string, unknown> | undefined {
  const config = checkObject(p, obj, member);
  if (!config) return undefined;
  const at = p.at(member);
  const legacy = checkString(at, config, 'PreTokenGeneration', { min: 1, max: 2048 });
  const trigger = checkObject(at, config, 'PreTokenGenerationConfig');
  if (!trigger) return config;

  const triggerAt = at.at('PreTokenGenerationConfig');
  const version = checkString(triggerAt, trigger, 'LambdaVersion', { required: true });
  if (version !== undefined && !VERSIONS.includes(version)) {
    triggerAt.at('LambdaVersion').invalid(`1 validation error detected: Value '${version}' at 'lambdaConfig.preTokenGenerationConfig.lambdaVersion' failed to satisfy constraint: Member must satisfy enum value set: [${VERSIONS.join(', ')}]`);
  }
  const given = checkString(triggerAt, trigger, 'LambdaArn', { required: true, min: 1, max: 2048 });
  if (given === undefined) return config;
  const arn = lambdaArn(triggerAt.at('LambdaArn'), given, baseDir, mayRun);
  if (arn === undefined) return config;
  if (legacy !== undefined && legacy !== given && legacy !== arn) {
    at.at('PreTokenGeneration').invalid('PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must name the same function.');
  }
  return { ...config, PreTokenGeneration: arn, PreTokenGenerationConfig: { ...trigger, LambdaArn: arn } };
}

/** A Lambda ARN as given, or a `file:` URL made absolute (and checked to exist); undefined after a problem. */
function lambdaArn(p: Problems, value: string, baseDir: string | undefined, mayRun?: (path: string) => boolean): string | undefined {
  if (!value.startsWith('file:')) {
    if (ARN.test(value)) return value;
    p.invalid(`LambdaArn must be a Lambda function ARN or a file: URL of an ES module, got "${value}"`);
    return undefined;
  }
  let path: string;
  try {
    if (value.startsWith('file:/')) {
      path = fileURLToPath(value);
    } else if (baseDir !== undefined) {
      path = resolve(baseDir, decodeURIComponent(value.slice('file:'.length)));
    } else {
      p.invalid(`LambdaArn ${value} is relative: give an absolute file: URL (file:///path/to/trigger.mjs); relative ones work only in fixture files`);
      return undefined;
    }
  } catch (error) {
    p.invalid(`LambdaArn ${value} is not a usable file: URL (${(error as Error).message})`);
    return undefined;
  }
  if (!existsSync(path)) {
    p.invalid(`LambdaArn ${value}: no file at ${path}`);
    return undefined;
  }
  if (mayRun && !mayRun(path)) {
    p.invalid(`LambdaArn ${value}: trigger modules set through the API must lie in the triggers directory (--triggers-dir; default: the fixtures directory), outside node_modules (SECURITY.md)`);
    return undefined;
  }
  return pathToFileURL(path).href;
}
