// The file side of the workspace layer in plain Node, on real files in a temp folder: atomic writes
// (modes, read-only files, no temp file left behind), paths kept inside the folder, .gitignore lines,
// and the key file's same/different judgement. (Git state and the commands run in the real VS Code.)
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'child_process';
import { createPrivateKey, generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ReadOnlyFileError, createFileExclusive, writeFileAtomic } from '../../../src/workspace/atomicWrite';
import { addToGitignore, gitignoreLine } from '../../../src/workspace/gitignore';
import { resolveInsideFolder } from '../../../src/workspace/insideFolder';
import { keyFileState, saveKeyFile } from '../../../src/workspace/keyFile';

describe('workspace: files', () => {
  let dir: string;
  const at = (...p: string[]) => path.join(dir, ...p);
  const mode = (p: string) => fs.statSync(p).mode & 0o777;
  const leftovers = () => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

  beforeEach(() => { dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'vonage-ws-'))); });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  describe('writeFileAtomic', () => {
    it('a new file gets the narrow mode whatever the umask; an existing one keeps its mode; forceMode narrows it', async () => {
      const old = process.umask(0);
      try {
        await writeFileAtomic(at('.env'), 'A=1\n', { newFileMode: 0o600 });
      } finally {
        process.umask(old);
      }
      assert.equal(mode(at('.env')), 0o600);
      fs.chmodSync(at('.env'), 0o640);
      await writeFileAtomic(at('.env'), 'A=2\n', { newFileMode: 0o600 });
      assert.equal(mode(at('.env')), 0o640);
      assert.equal(fs.readFileSync(at('.env'), 'utf8'), 'A=2\n');
      fs.writeFileSync(at('k'), 'old', { mode: 0o644 });
      await writeFileAtomic(at('k'), 'key', { newFileMode: 0o600, forceMode: 0o600 });
      assert.equal(mode(at('k')), 0o600);
      assert.deepEqual(leftovers(), []);
    });

    it('a read-only file is refused (even for root) and left exactly as it was', async () => {
      fs.writeFileSync(at('ro.env'), 'KEEP=1\n');
      fs.chmodSync(at('ro.env'), 0o444);
      await assert.rejects(writeFileAtomic(at('ro.env'), 'X=1\n', { newFileMode: 0o600 }),
        (e: unknown) => e instanceof ReadOnlyFileError && e.message === 'ro.env is read-only (mode 0444), so it was left as it was. Make it writable (chmod u+w ro.env) and try again.');
      assert.equal(fs.readFileSync(at('ro.env'), 'utf8'), 'KEEP=1\n');
      assert.deepEqual(leftovers(), []);
    });

    it('a folder where the file should be, and a missing folder: one sentence, no temp file left', async () => {
      fs.mkdirSync(at('.env'));
      await assert.rejects(writeFileAtomic(at('.env'), 'A=1', { newFileMode: 0o600 }), { message: '.env is not a regular file (a folder?), so nothing was written. Choose another file name.' });
      await assert.rejects(writeFileAtomic(at('missing', 'x.env'), 'A=1', { newFileMode: 0o600 }), /Could not write x\.env: the folder .+missing does not exist\./);
      assert.deepEqual(leftovers(), []);
    });
  });

  describe('createFileExclusive', () => {
    it('creates a new file with its mode whatever the umask, and never replaces one that exists (false, the old content kept); no temp file left', async () => {
      const old = process.umask(0o077);
      try {
        assert.equal(await createFileExclusive(at('ncco.json'), '[1]\n', 0o644), true);
      } finally {
        process.umask(old);
      }
      assert.equal(fs.readFileSync(at('ncco.json'), 'utf8'), '[1]\n');
      assert.equal(mode(at('ncco.json')), 0o644);
      assert.equal(await createFileExclusive(at('ncco.json'), '[2]\n', 0o644), false);
      assert.equal(fs.readFileSync(at('ncco.json'), 'utf8'), '[1]\n');
      const racing = await Promise.all([0, 1, 2, 3].map((i) => createFileExclusive(at('race.json'), `${i}`, 0o644)));
      assert.equal(racing.filter(Boolean).length, 1, 'one writer of four wins; the others change nothing');
      assert.deepEqual(leftovers(), []);
      await assert.rejects(createFileExclusive(at('missing', 'ncco.json'), '[]', 0o644), /the folder .* does not exist/);
    });

    for (const code of ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS']) {
      it(`on a file system without hard links (link fails with ${code}): the file is still created, with its mode, and an existing one still never replaced`, async () => {
        // FAT, exFAT and some network or FUSE file systems have no hard links: link() itself fails there.
        const link = fs.promises.link;
        fs.promises.link = () => Promise.reject(Object.assign(new Error(`${code}: link not supported`), { code }));
        const old = process.umask(0o077);
        try {
          assert.equal(await createFileExclusive(at('ncco.json'), '[1]\n', 0o644), true);
          assert.equal(await createFileExclusive(at('ncco.json'), '[2]\n', 0o644), false);
          const racing = await Promise.all([0, 1, 2, 3].map((i) => createFileExclusive(at('race.json'), `${i}`, 0o644)));
          assert.equal(racing.filter(Boolean).length, 1, 'one writer of four wins; the others change nothing');
        } finally {
          process.umask(old);
          fs.promises.link = link;
        }
        assert.equal(fs.readFileSync(at('ncco.json'), 'utf8'), '[1]\n');
        assert.equal(mode(at('ncco.json')), 0o644);
        assert.match(fs.readFileSync(at('race.json'), 'utf8'), /^[0-3]$/);
        assert.deepEqual(leftovers(), []);
      });
    }
  });

  describe('resolveInsideFolder', () => {
    it('relative paths inside resolve, with / separators for .env and .gitignore', async () => {
      const p = await resolveInsideFolder(dir, 'config/.env', 'file');
      assert.deepEqual([p.path, p.relative], [at('config', '.env'), 'config/.env']);
    });

    it('refuses .., an absolute path elsewhere, the folder itself, and a symbolic link that leads out', async () => {
      await assert.rejects(resolveInsideFolder(dir, '../x.env', 'file'), { message: `../x.env is outside the workspace folder ${dir}; files are only written inside it. Give a path inside the folder.` });
      await assert.rejects(resolveInsideFolder(dir, '/etc/x.env', 'file'), /outside the workspace folder/);
      await assert.rejects(resolveInsideFolder(dir, '.', 'file'), /outside the workspace folder/);
      fs.symlinkSync(os.tmpdir(), at('out'));
      await assert.rejects(resolveInsideFolder(dir, 'out/x.env', 'file'), /outside the workspace folder .+ \(through a symbolic link\)/);
      fs.writeFileSync(at('real.env'), '');
      fs.symlinkSync(at('real.env'), at('link.env'));
      assert.equal((await resolveInsideFolder(dir, 'link.env', 'file')).target, at('real.env'), 'a link inside stays a link: writes go to its target');
    });

    it('a name that merely starts with two dots (..env, ...key) is inside, not "outside the folder"', async () => {
      for (const name of ['..env', '...key', 'sub/..env']) {
        const p = await resolveInsideFolder(dir, name, 'file');
        assert.deepEqual([p.path, p.relative], [at(...name.split('/')), name]);
      }
      await assert.rejects(resolveInsideFolder(dir, '..', 'file'), /outside the workspace folder/);
      await assert.rejects(resolveInsideFolder(dir, 'sub/../../x.env', 'file'), /outside the workspace folder/);
    });
  });

  describe('.gitignore', () => {
    it('each file by its exact path from the root, glob characters escaped', () => {
      assert.equal(gitignoreLine('.env'), '/.env');
      assert.equal(gitignoreLine('keys/app[1]*.key'), '/keys/app\\[1\\]\\*.key');
      assert.equal(gitignoreLine('odd name '), '/odd name\\ ');
    });

    it('lines added once, CRLF and a missing final newline respected; a new .gitignore is 0644', async () => {
      const first = await addToGitignore(dir, [at('.env'), at('private.key')]);
      assert.deepEqual(first.added, ['/.env', '/private.key']);
      assert.equal(mode(at('.gitignore')), 0o644);
      assert.deepEqual((await addToGitignore(dir, [at('.env')])).added, [], 'already there');
      fs.writeFileSync(at('.gitignore'), 'node_modules\r\ndist');
      await addToGitignore(dir, [at('.env')]);
      assert.equal(fs.readFileSync(at('.gitignore'), 'utf8'), 'node_modules\r\ndist\r\n/.env\r\n');
    });

    it('a line that a later "!" line overrides is not "there": it is appended again at the end, where it wins', async () => {
      fs.writeFileSync(at('.gitignore'), '/.env\n!.env\n');
      assert.deepEqual((await addToGitignore(dir, [at('.env')])).added, ['/.env']);
      assert.equal(fs.readFileSync(at('.gitignore'), 'utf8'), '/.env\n!.env\n/.env\n');
      assert.deepEqual((await addToGitignore(dir, [at('.env')])).added, [], 'now the last word: not added twice');
      fs.writeFileSync(at('.gitignore'), '!/keys/\n/.env\n');
      assert.deepEqual((await addToGitignore(dir, [at('.env')])).added, [], 'a "!" line before it does not override it');
    });

    it('a .gitignore that is a symbolic link becomes a regular file with its lines and ours, which git reads', async () => {
      execFileSync('git', ['init', '-q', dir]);
      const outside = path.join(os.tmpdir(), `shared-ignore-${process.pid}`);
      fs.writeFileSync(outside, 'node_modules\n');
      fs.symlinkSync(outside, at('.gitignore'));
      fs.writeFileSync(at('.env'), 'A=1\n');
      try {
        const update = await addToGitignore(dir, [at('.env')]);
        assert.deepEqual(update.added, ['/.env']);
        assert.ok(!fs.lstatSync(at('.gitignore')).isSymbolicLink(), 'a regular file now: git does not read a linked .gitignore');
        assert.equal(fs.readFileSync(at('.gitignore'), 'utf8'), 'node_modules\n/.env\n');
        assert.equal(fs.readFileSync(outside, 'utf8'), 'node_modules\n', 'the file outside the repository is left as it was');
        assert.equal(spawnSync('git', ['check-ignore', '-q', '.env'], { cwd: dir }).status, 0, 'git ignores .env');
      } finally {
        fs.rmSync(outside, { force: true });
      }
    });
  });

  describe('keyFileState', () => {
    const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

    it('absent, the same key (in any PEM format), another key, or not a key at all', async () => {
      const mine = pair();
      const file = await resolveInsideFolder(dir, 'private.key', 'privateKeyFile');
      assert.equal(await keyFileState(file, mine.privateKey), 'absent');
      fs.writeFileSync(file.path, createPrivateKey(mine.privateKey).export({ type: 'pkcs1', format: 'pem' }));
      assert.equal(await keyFileState(file, mine.privateKey), 'same');
      fs.writeFileSync(file.path, pair().privateKey);
      assert.equal(await keyFileState(file, mine.privateKey), 'different');
      fs.writeFileSync(file.path, 'not a key\n');
      assert.equal(await keyFileState(file, mine.privateKey), 'different');
    });

    it('a key file in folders that do not exist yet: the folders are made (inside the workspace folder), the key written 0600', async () => {
      const mine = pair();
      const file = await resolveInsideFolder(dir, 'keys/app/private.key', 'privateKeyFile');
      assert.equal(await keyFileState(file, mine.privateKey), 'absent');
      assert.equal(await saveKeyFile(file, mine.privateKey, 'absent'), true);
      assert.equal(fs.readFileSync(at('keys', 'app', 'private.key'), 'utf8'), mine.privateKey);
      assert.equal(mode(at('keys', 'app', 'private.key')), 0o600);
      fs.writeFileSync(at('plain'), 'a file');
      const blocked = await resolveInsideFolder(dir, 'plain/private.key', 'privateKeyFile');
      await assert.rejects(saveKeyFile(blocked, mine.privateKey, 'absent'),
        { message: 'The folder plain for plain/private.key cannot be made: part of that path is a file, not a folder. Choose another path; nothing was written.' });
      assert.equal(fs.readFileSync(at('plain'), 'utf8'), 'a file');
    });
  });
});
