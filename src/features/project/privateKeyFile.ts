import { writeKeyFile } from '../../workspace/keyFile';

/**
 * Writes a private key the person asked to save: atomically (a temporary file, then a rename) and
 * mode 0600 from the moment the temporary file exists — also over an existing file of a wider mode —
 * so the key is never half written and never readable by others, not even for a moment.
 */
export async function writePrivateKeyFile(file: string, pem: string): Promise<string> {
  await writeKeyFile(file, pem);
  return file;
}
