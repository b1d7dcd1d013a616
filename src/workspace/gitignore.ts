// Lines for a repository's .gitignore: each file by its exact path from the repository root
// (anchored with a leading /, glob characters escaped), appended once, the file's line ends kept.
import * as fs from 'fs/promises';
import * as path from 'path';
import { writeFileAtomic } from './atomicWrite';

/** The .gitignore line that ignores exactly this file (`relative`: from the repository root, / separators). */
export function gitignoreLine(relative: string): string {
  const escaped = relative.replace(/[\\*?[\]]/g, '\\$&').replace(/ $/, '\\ ');
  return `/${escaped}`;
}

export interface GitignoreUpdate {
  readonly file: string;
  /** The lines added (empty: every one was there already). */
  readonly added: string[];
}

/** Appends a line per file (absolute paths inside `repoRoot`) to `<repoRoot>/.gitignore`; a new .gitignore is 0644. */
export async function addToGitignore(repoRoot: string, files: readonly string[]): Promise<GitignoreUpdate> {
  const file = path.join(repoRoot, '.gitignore');
  let text = '';
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const present = new Set(text.split(/\r?\n/).map((l) => l.trim()));
  const wanted = [...new Set(files.map((f) => gitignoreLine(path.relative(repoRoot, f).split(path.sep).join('/'))))];
  const added = wanted.filter((l) => !present.has(l));
  if (!added.length) return { file, added };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const sep = text === '' || /[\r\n]$/.test(text) ? '' : eol;
  await writeFileAtomic(file, `${text}${sep}${added.join(eol)}${eol}`, { newFileMode: 0o644 });
  return { file, added };
}
