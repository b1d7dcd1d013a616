// A path the user (or a script) gave, resolved inside the chosen workspace folder, never outside it:
// not through `..`, not through an absolute path elsewhere, not through a symbolic link that leads out.
import * as fs from 'fs/promises';
import * as path from 'path';
import { VonageInputError } from '../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { slashRelative } from './slashPath';

export interface PathInFolder {
  /** The absolute path as given (what messages show). */
  readonly path: string;
  /** Where writes go: the path with symbolic links resolved (a linked .env keeps its link). */
  readonly target: string;
  /** The path relative to the folder, with / separators (what .env and .gitignore hold). */
  readonly relative: string;
  /** The workspace folder's real path: folders made for the file stay inside it. */
  readonly folder: string;
  /** The argument that named the file (for messages about it). */
  readonly field: string;
}

/** Resolves `given` (relative to `folder`, or absolute) and checks that it stays inside `folder`. */
export async function resolveInsideFolder(folder: string, given: string, field: string): Promise<PathInFolder> {
  const trimmed = given.trim();
  if (!trimmed) throw new VonageInputError(`Give a file name for ${field} (e.g. .env).`, field);
  const absolute = path.resolve(folder, trimmed);
  if (!isInside(folder, absolute)) throw outside(trimmed, folder, field);
  const realFolder = await fs.realpath(folder);
  const target = await realPathOfPossiblyMissing(absolute);
  if (!isInside(realFolder, target)) throw outside(trimmed, folder, field, ' (through a symbolic link)');
  return { path: absolute, target, relative: slashRelative(folder, absolute), folder: realFolder, field };
}

/**
 * Makes the folders the file goes in when they are missing (`keys/private.key`), never outside its
 * workspace folder: the target was resolved inside it, and a folder that turns out to lead elsewhere
 * (a link made meanwhile) is refused before anything is written there.
 */
export async function makeParentFolders(file: PathInFolder): Promise<void> {
  const parent = path.dirname(file.target);
  if (parent !== file.folder && !isInside(file.folder, parent)) throw outside(file.relative, file.folder, file.field);
  try {
    await fs.mkdir(parent, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const folder = slashRelative(file.folder, parent);
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new VonageInputError(`The folder ${folder} for ${file.relative} cannot be made: part of that path is a file, not a folder. Choose another path; nothing was written.`, file.field);
    throw new VonageInputError(`The folder ${folder} for ${file.relative} could not be made (${code ?? String(e)}), so nothing was written. Check the permissions of the workspace folder.`, file.field);
  }
  const real = await fs.realpath(parent);
  if (real !== file.folder && !isInside(file.folder, real)) throw outside(file.relative, file.folder, file.field, ' (through a symbolic link)');
}

/** Strictly inside: not the folder itself, not above it (`..` as a whole segment: `..env` is a file name). */
function isInside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

function outside(given: string, folder: string, field: string, how = ''): VonageInputError {
  return new VonageInputError(`${given} is outside the workspace folder ${folder}${how}; files are only written inside it. Give a path inside the folder.`, field);
}

/** The real path of `file`, or of its nearest existing parent joined with the rest (a part that is a file: ENOTDIR, left to the writer to say). */
export async function realPathOfPossiblyMissing(file: string): Promise<string> {
  const rest: string[] = [];
  let dir = file;
  for (;;) {
    try {
      return path.join(await fs.realpath(dir), ...rest.reverse());
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
      const parent = path.dirname(dir);
      if (parent === dir) return file;
      rest.push(path.basename(dir));
      dir = parent;
    }
  }
}
