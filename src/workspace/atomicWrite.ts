// Writing a file the user asked for: all or nothing (a temporary file in the same folder, then a
// rename), with the narrowest mode. A reader never sees half a file, and a failure leaves the old
// file as it was.
import { randomBytes } from 'crypto';
import * as fs from 'fs/promises';
import * as path from 'path';
import { VonageInputError } from '../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken

export interface AtomicWriteOptions {
  /** The mode of a file that does not exist yet (e.g. 0o600 for a secret, 0o644 for .gitignore). */
  readonly newFileMode: number;
  /** Always this mode, even when the file exists with another (a private key: 0o600). Default: keep the file's mode. */
  readonly forceMode?: number;
}

/**
 * Writes `content` to `file` atomically. An existing file keeps its mode (unless `forceMode`); a
 * read-only file (no write bit, or not writable by us) is refused rather than replaced: a rename
 * would otherwise bypass its protection. The temporary file has the final mode from its creation,
 * so the content is never readable by others, not even for a moment.
 */
export async function writeFileAtomic(file: string, content: string, opts: AtomicWriteOptions): Promise<void> {
  const existing = await existingMode(file); // refuses a read-only file in every case
  const mode = opts.forceMode ?? existing ?? opts.newFileMode;
  const temp = tempPathFor(file);
  try {
    await writeNewFile(temp, content, mode);
    await fs.rename(temp, file);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw writeError(file, e);
  }
}

/**
 * Creates `file` with `content`, all or nothing, and never over an existing file: the content goes to a
 * temporary file, which is then linked under the final name (a link fails when the name is taken, however
 * late another writer came). Returns false, writing nothing, when the file exists. On a file system
 * without hard links (FAT, exFAT, some network and FUSE ones) the final name is opened exclusively
 * instead: still never over an existing file, but a reader could see it half written for a moment.
 */
export async function createFileExclusive(file: string, content: string, mode: number): Promise<boolean> {
  const temp = tempPathFor(file);
  try {
    await writeNewFile(temp, content, mode);
    await fs.link(temp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    if (NO_HARD_LINKS.has((e as NodeJS.ErrnoException).code ?? '')) return createFileInPlace(file, content, mode);
    throw writeError(file, e);
  } finally {
    await fs.rm(temp, { force: true }).catch(() => undefined);
  }
}

/** A fresh temporary name beside `file` (same folder, so a rename or link stays on its file system), hidden by a leading dot. */
function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** What link() fails with where the file system has no hard links. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS']);

/** createFileExclusive without a link: the final name opened exclusively; a half-written file is removed. */
async function createFileInPlace(file: string, content: string, mode: number): Promise<boolean> {
  try {
    await writeNewFile(file, content, mode, { removeOnFailure: true });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw writeError(file, e);
  }
}

/** Writes a file that must not exist yet (`wx`), with `mode` whatever the umask, synced to disk. */
async function writeNewFile(file: string, content: string, mode: number, opts: { removeOnFailure?: boolean } = {}): Promise<void> {
  const handle = await fs.open(file, 'wx', mode);
  try {
    await handle.chmod(mode); // open() applied the umask
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (e) {
    await handle.close().catch(() => undefined);
    if (opts.removeOnFailure) await fs.rm(file, { force: true }).catch(() => undefined);
    throw e;
  }
  await handle.close();
}

/** The mode of an existing file (undefined when there is none); refuses a file that is read-only. */
async function existingMode(file: string): Promise<number | undefined> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw writeError(file, e);
  }
  if (!stat.isFile()) throw new VonageInputError(`${path.basename(file)} is not a regular file (a folder?), so nothing was written. Choose another file name.`, 'file');
  const mode = stat.mode & 0o7777;
  const writable = (mode & 0o222) !== 0 && await fs.access(file, fs.constants.W_OK).then(() => true, () => false);
  if (!writable) throw new ReadOnlyFileError(file, mode);
  return mode;
}

/** The file exists and is read-only: it is left exactly as it was. */
export class ReadOnlyFileError extends VonageInputError {
  constructor(readonly file: string, mode: number) {
    super(`${path.basename(file)} is read-only (mode ${mode.toString(8).padStart(4, '0')}), so it was left as it was. Make it writable (chmod u+w ${path.basename(file)}) and try again.`, 'file');
    this.name = 'ReadOnlyFileError';
  }
}

function writeError(file: string, e: unknown): Error {
  if (e instanceof VonageInputError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const name = path.basename(file);
  const folder = path.dirname(file);
  if (code === 'EACCES' || code === 'EPERM') return new VonageInputError(`Could not write ${name}: the folder ${folder} is not writable, so nothing was changed. Check its permissions and try again.`, 'file');
  if (code === 'EROFS') return new VonageInputError(`Could not write ${name}: ${folder} is on a read-only file system, so nothing was changed.`, 'file');
  if (code === 'ENOSPC') return new VonageInputError(`Could not write ${name}: the disk is full, so nothing was changed. Free some space and try again.`, 'file');
  if (code === 'ENOENT') return new VonageInputError(`Could not write ${name}: the folder ${folder} does not exist.`, 'file');
  return new VonageInputError(`Could not write ${name} (${code ?? (e instanceof Error ? e.message : String(e))}), so nothing was changed.`, 'file');
}
