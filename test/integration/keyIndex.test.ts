// The private-key index (vonage.privateKeyIndex in SecretStorage) is read-modify-written: overlapping
// commands must not lose each other's entries.
import * as assert from 'assert';
import * as vscode from 'vscode';
import * as core from '../../src/vonage';
import { type Env, applicationNode, run, startEnv, stopEnv, usedSecrets } from './support/harness';

describe('private-key index: overlapping commands lose no entry', () => {
  let env: Env;
  before(async () => { env = await startEnv(); });
  after(async () => { await stopEnv(env); });

  it('importPrivateKey x8 at once: every key is in the index and every node shows the key icon', async () => {
    const pairs = await Promise.all(Array.from({ length: 8 }, () => core.generateKeyPair()));
    pairs.forEach((p) => usedSecrets.add(p.privateKey));
    const apps = pairs.map((p, i) => env.sandbox.seedApplications(1, p.publicKey, `Concurrent ${i}`)[0]);
    await run('vonage.refresh', {});
    await Promise.all(apps.map((a, i) => run('vonage.importPrivateKey', { applicationId: a.id, privateKey: pairs[i].privateKey })));
    const ids = await env.api.credentials.privateKeyIds(env.baseUrl);
    assert.deepStrictEqual([...ids].sort(), apps.map((a) => a.id).sort());
    await run('vonage.refresh', {});
    for (const a of apps) assert.strictEqual(((await applicationNode(env.api, a.id)).iconPath as vscode.ThemeIcon).id, 'key', a.name);
  });

  it('concurrent stores and deletes through the credential store keep the index exact', async () => {
    const store = env.api.credentials;
    const pem = (await core.generateKeyPair()).privateKey;
    usedSecrets.add(pem);
    const before = await store.privateKeyIds(env.baseUrl);
    const ids = Array.from({ length: 12 }, (_, i) => `concurrent-${i}`);
    await Promise.all(ids.map((id) => store.setPrivateKey(env.baseUrl, id, pem)));
    assert.deepStrictEqual((await store.privateKeyIds(env.baseUrl)).filter((id) => id.startsWith('concurrent-')).sort(), [...ids].sort());
    await Promise.all(ids.filter((_, i) => i % 2 === 0).map((id) => store.deletePrivateKey(env.baseUrl, id)));
    assert.deepStrictEqual((await store.privateKeyIds(env.baseUrl)).sort(), [...before, ...ids.filter((_, i) => i % 2 === 1)].sort());
    await Promise.all(ids.map((id) => store.deletePrivateKey(env.baseUrl, id)));
    assert.deepStrictEqual((await store.privateKeyIds(env.baseUrl)).sort(), [...before].sort());
  });
});
