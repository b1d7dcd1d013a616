// The .env file on disk: read, edited in place by the core's editor, written atomically (new files
// 0600, an existing file keeps its mode; a read-only file is refused).
import * as fs from 'fs/promises';
import { setEnvValues, type EnvChange } from '../vonage/dotenv/envEditor';
import { VonageInputError } from '../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { ReadOnlyFileError, writeFileAtomic } from './atomicWrite';
import { makeParentFolders, type PathInFolder } from './insideFolder';

export interface EnvWrite {
  readonly changes: EnvChange[];
  /** False when every value was already there (the file was not touched). */
  readonly written: boolean;
  readonly created: boolean;
}

/** The file's text, or undefined when it does not exist. */
export async function readEnvText(file: PathInFolder): Promise<string | undefined> {
  try {
    return await fs.readFile(file.target, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EISDIR') throw new VonageInputError(`${file.relative} is a folder, not a file. Choose another file name.`, 'file');
    throw new VonageInputError(`Could not read ${file.relative} (${code ?? String(e)}), so nothing was written.`, 'file');
  }
}

/**
 * Sets the values in the .env file: computes the whole new text first (refusing, with nothing written,
 * when dotenv would read it differently), then writes it in one atomic step.
 */
export async function writeEnvValues(file: PathInFolder, values: ReadonlyArray<readonly [string, string]>): Promise<EnvWrite> {
  const before = await readEnvText(file);
  const { text, changes } = setEnvValues(before ?? '', values, file.relative);
  if (before !== undefined && text === before) return { changes, written: false, created: false };
  await makeParentFolders(file);
  await writeFileAtomic(file.target, text, { newFileMode: 0o600 });
  return { changes, written: true, created: before === undefined };
}

/** Checks, without writing, that the values can be written (read-only file, unreadable line): fails early, before anything else is written. */
export async function checkEnvWritable(file: PathInFolder, values: ReadonlyArray<readonly [string, string]>): Promise<void> {
  const before = await readEnvText(file);
  setEnvValues(before ?? '', values, file.relative);
  if (before === undefined) return;
  const stat = await fs.stat(file.target);
  const writable = (stat.mode & 0o222) !== 0 && await fs.access(file.target, fs.constants.W_OK).then(() => true, () => false);
  if (!writable) throw new ReadOnlyFileError(file.relative, stat.mode & 0o7777);
}
