// Saving a private key to a file: atomically, mode 0600 also when the file already existed with a
// wider mode, and the key text is only written once the file is already 0600.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writePrivateKeyFile } from '../../src/features/project/privateKeyFile';
import { generateKeyPair } from '../../src/vonage';

describe('private key file: written 0600', () => {
  let dir: string;
  /** A real key made for this run, without its final newline. */
  let PEM: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vonage-key-'));
    PEM = (await generateKeyPair()).privateKey.trimEnd();
  });
  after(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  it('a new file is 0600 and holds the key with a final newline', async () => {
    const file = path.join(dir, 'new.key');
    assert.strictEqual(await writePrivateKeyFile(file, PEM), file);
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), `${PEM}\n`);
  });

  it('overwriting an existing 0644 file: ends 0600, old content gone, and the key was written only after the mode was 0600', async () => {
    const file = path.join(dir, 'existing.key');
    fs.writeFileSync(file, `old content that is longer than the key\n${'x'.repeat(4 * PEM.length)}\n`, { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    // Spy on the handle's writes: at each one the open file must already be 0600.
    const probe = await fs.promises.open(path.join(dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { writeFile: (this: fs.promises.FileHandle, ...a: unknown[]) => Promise<void>; write: (this: fs.promises.FileHandle, ...a: unknown[]) => Promise<unknown> };
    await probe.close();
    const modesAtWrite: number[] = [];
    const original = { writeFile: proto.writeFile, write: proto.write };
    proto.writeFile = async function (...a) { modesAtWrite.push((await this.stat()).mode & 0o777); return original.writeFile.apply(this, a); };
    proto.write = async function (...a) { modesAtWrite.push((await this.stat()).mode & 0o777); return original.write.apply(this, a); };
    try {
      await writePrivateKeyFile(file, `${PEM}\n`);
    } finally {
      proto.writeFile = original.writeFile;
      proto.write = original.write;
    }
    assert.ok(modesAtWrite.length > 0, 'the key is written through an opened (and fchmod-ed) handle');
    assert.deepStrictEqual([...new Set(modesAtWrite)], [0o600], `modes while writing: ${modesAtWrite.map((m) => m.toString(8)).join(', ')}`);
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), `${PEM}\n`, 'exactly the key: the longer old content was truncated');
  });
});
