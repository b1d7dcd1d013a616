// Lines for a repository's .gitignore: each file by its exact path from the repository root
// (anchored with a leading /, glob characters escaped), appended once, the file's line ends kept.
// A line already there counts only when no "!" line after it can re-include the file (the last
// matching rule wins in git). A .gitignore that is a symbolic link is replaced by a regular file holding
// its lines and ours: git (2.32 and later) does not read a linked .gitignore in the working tree, and
// writing through the link could change a file outside the repository.
import * as fs from 'fs/promises';
import * as path from 'path';
import { writeFileAtomic } from './atomicWrite';
import { slashRelative } from './slashPath';

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
    text = await fs.readFile(file, 'utf8'); // through a link: its lines are kept in the regular file that replaces it
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const present = linesInForce(text);
  const wanted = [...new Set(files.map((f) => gitignoreLine(slashRelative(repoRoot, f))))];
  const added = wanted.filter((l) => !present.has(l));
  if (!added.length) return { file, added };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const sep = text === '' || /[\r\n]$/.test(text) ? '' : eol;
  await writeFileAtomic(file, `${text}${sep}${added.join(eol)}${eol}`, { newFileMode: 0o644 });
  return { file, added };
}

/** The lines after the last "!" line: no later line of this file can re-include what they ignore. */
function linesInForce(text: string): Set<string> {
  const lines = text.split(/\r?\n/);
  let lastNegation = -1;
  lines.forEach((l, i) => { if (l.startsWith('!')) lastNegation = i; });
  return new Set(lines.slice(lastNegation + 1).map((l) => l.trim()));
}
