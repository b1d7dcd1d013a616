// The base URL is read ONCE per command: changing `vonage.apiBaseUrl` while a prompt is open must not
// send one host's key and secret (or private key) to another, nor file a secret under the other host.
// Two sandboxes with different credentials; the setting is switched from A to B inside a prompt's answer.
import * as assert from 'assert';
import * as vscode from 'vscode';
import * as core from '../../src/vonage';
import { startSandbox, type VonageSandbox } from '../sandbox';
import type { InputOptions } from '../../src/ui/prompts';
import { type Env, QueuedUi, run, setConfig, startEnv, stopEnv, usedSecrets } from './support/harness';

/** Queued answers; before answering input number `at` (0-based) it runs `during` (e.g. switches the setting). */
class SwitchingUi extends QueuedUi {
  private inputs = 0;
  constructor(answers: unknown[], private readonly at: number, private readonly during: () => Promise<void>) { super(answers); }
  override async input(opts: InputOptions): Promise<string> {
    if (this.inputs++ === this.at) await this.during();
    return super.input(opts);
  }
}

describe('base URL: read once per command, secrets never cross hosts', () => {
  let env: Env;
  let other: VonageSandbox;
  const switchToOther = () => setConfig('vonage.apiBaseUrl', other.url);

  before(async () => {
    env = await startEnv();
    other = await startSandbox({ apiKey: 'other-key', apiSecret: 'other-secret' });
    usedSecrets.add('other-secret');
  });
  beforeEach(async () => {
    await setConfig('vonage.apiBaseUrl', env.baseUrl);
    // Each test starts signed in at A only, whatever the one before left behind.
    await env.api.credentials.setAccount(env.baseUrl, { apiKey: env.sandbox.apiKey, apiSecret: env.sandbox.apiSecret });
    await env.api.credentials.deleteAccount(other.url);
    other.reset();
  });
  after(async () => {
    await setConfig('vonage.apiBaseUrl', env.baseUrl);
    await other.stop();
    await stopEnv(env);
  });

  it('setCredentials verifies against and stores under the URL it started with', async () => {
    await run('vonage.signOut', { forgetPrivateKeys: false });
    const before = env.sandbox.requests.length;
    env.api.setUi(new SwitchingUi([env.sandbox.apiKey, env.sandbox.apiSecret], 1, switchToOther));
    try {
      const result = await run<{ baseUrl: string }>('vonage.setCredentials', {});
      assert.strictEqual(result.baseUrl, env.baseUrl);
    } finally {
      env.api.setUi(undefined);
    }
    assert.strictEqual(vscode.workspace.getConfiguration('vonage').get('apiBaseUrl'), other.url, 'the setting did change mid-command');
    assert.deepStrictEqual(other.requests, [], 'nothing was sent to the other host');
    assert.deepStrictEqual(env.sandbox.requests.slice(before).map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`), ['GET /v2/applications 200'], 'verified against the original host');
    assert.deepStrictEqual(await env.api.credentials.getAccount(env.baseUrl), { apiKey: env.sandbox.apiKey, apiSecret: env.sandbox.apiSecret });
    assert.strictEqual(await env.api.credentials.getAccount(other.url), undefined, 'nothing stored under the other host');
  });

  it('createApplication sends to and files the private key under the URL it started with', async () => {
    env.api.setUi(new SwitchingUi(['Switched Mid Create'], 0, switchToOther));
    let result: { id: string };
    try {
      result = await run<{ id: string }>('vonage.createApplication', {});
    } finally {
      env.api.setUi(undefined);
    }
    assert.deepStrictEqual(other.requests, [], 'nothing was sent to the other host');
    assert.ok(env.sandbox.storedApplication(result.id), 'created at the original host');
    const pem = await env.api.credentials.getPrivateKey(env.baseUrl, result.id);
    assert.ok(pem, 'the key is filed under the original host');
    usedSecrets.add(pem);
    assert.ok(core.privateKeyMatches(pem, env.sandbox.storedApplication(result.id)!.publicKey));
    assert.deepStrictEqual(await env.api.credentials.privateKeyIds(other.url), [], 'no key filed under the other host');
  });

  it('createUser uses the private key and host it started with', async () => {
    const { id: appId } = await run<{ id: string }>('vonage.createApplication', { name: 'Users Host App' });
    await setConfig('vonage.apiBaseUrl', env.baseUrl);
    env.api.setUi(new SwitchingUi(['carol'], 0, switchToOther));
    try {
      await run('vonage.createUser', { applicationId: appId });
    } finally {
      env.api.setUi(undefined);
    }
    assert.deepStrictEqual(other.requests, [], 'nothing was sent to the other host');
    assert.deepStrictEqual(env.sandbox.users(appId).map((u) => u.name), ['carol']);
  });
});
