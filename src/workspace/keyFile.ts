// The application's private key file next to the .env: PKCS#8 PEM, mode 0600, written atomically.
// An existing file holding the same key is kept (its mode narrowed to 0600); one holding anything
// else is never overwritten unless the caller says so.
import * as crypto from 'crypto';
import * as fs from 'fs/promises';
import { writeFileAtomic } from './atomicWrite';
import { makeParentFolders, type PathInFolder } from './insideFolder';

/** absent: no file; same: it holds this key; different: it holds another key, or something that is not a key. */
export type KeyFileState = 'absent' | 'same' | 'different';

export async function keyFileState(file: PathInFolder, pem: string): Promise<KeyFileState> {
  let text: string;
  try {
    text = await fs.readFile(file.target, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    return 'different'; // a folder, unreadable: not ours to replace without asking
  }
  return sameKey(text, pem) ? 'same' : 'different';
}

/** True when `text` is a private key whose public half is that of `pem` (whatever its PEM format). */
function sameKey(text: string, pem: string): boolean {
  try {
    const publicOf = (k: string) => crypto.createPublicKey(crypto.createPrivateKey(k)).export({ type: 'spki', format: 'der' });
    return publicOf(text).equals(publicOf(pem));
  } catch {
    return false;
  }
}

/** Writes the key (0600 even over a wider existing file); returns true when the file was written. */
export async function saveKeyFile(file: PathInFolder, pem: string, state: KeyFileState): Promise<boolean> {
  if (state === 'same') {
    const stat = await fs.stat(file.target);
    if ((stat.mode & 0o077) !== 0) await fs.chmod(file.target, 0o600);
    return false;
  }
  await makeParentFolders(file); // `keys/private.key`: the folder is made, as for the .env
  await writeKeyFile(file.target, pem);
  return true;
}

/** Writes the PEM (ending in a line break) atomically, mode 0600 even over a wider existing file: never half written, never readable by others. */
export async function writeKeyFile(target: string, pem: string): Promise<void> {
  await writeFileAtomic(target, pem.endsWith('\n') ? pem : `${pem}\n`, { newFileMode: 0o600, forceMode: 0o600 });
}
