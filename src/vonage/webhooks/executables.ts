// Finding a program the developer installed: on PATH (with PATHEXT on Windows), as a shell would.
import * as fs from 'fs';
import * as path from 'path';

/** The full path of `name` on PATH, or undefined. A name with a directory in it is checked as it is. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const exts = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)] : [''];
  const candidates = name.includes('/') || name.includes('\\')
    ? exts.map((e) => path.resolve(name + e))
    : (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean).flatMap((dir) => exts.map((e) => path.join(dir, name + e)));
  return candidates.find((file) => isExecutable(file, platform));
}

function isExecutable(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
