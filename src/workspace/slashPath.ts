// Paths as .env, .gitignore, settings globs and messages show them: relative, with / separators on every OS.
import * as path from 'path';

/** `file` relative to `from`, with / separators. */
export function slashRelative(from: string, file: string): string {
  return path.relative(from, file).split(path.sep).join('/');
}
