import * as path from 'path';
import { parse } from 'dotenv';
import { readEnvText } from '../../workspace/envFile';
import { resolveInsideFolder, type PathInFolder } from '../../workspace/insideFolder';
import type { EnvNames } from './envSettings';

/**
 * The key file the .env names as the private key (`VONAGE_PRIVATE_KEY=private.key`, as Add Credentials
 * to .env writes it: relative to the .env's folder), when it names a file inside the folder rather than
 * holding a PEM itself.
 */
export async function keyFileNamedInEnv(root: string, env: PathInFolder, names: EnvNames): Promise<PathInFolder | undefined> {
  const text = await readEnvText(env).catch(() => undefined);
  const value = text === undefined ? undefined : parse(text)[names.privateKey];
  if (!value || value.includes('\n') || value.includes('PRIVATE KEY')) return undefined;
  const file = path.isAbsolute(value) ? value : path.posix.join(path.posix.dirname(env.relative), value);
  return resolveInsideFolder(root, file, 'privateKeyFile').catch(() => undefined);
}
