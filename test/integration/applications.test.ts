// Applications: create (key pair made here, private key stored first, only the public key sent),
// import a key, copy, rename, delete, open in dashboard, refresh — and each API failure.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import * as vscode from 'vscode';
import * as core from '../../src/vonage';
import {
  type Env, applicationNode, applicationsApiElsewhere, deleteElsewhere, labelOf, rootChildren, run, runFails, setConfig, startEnv, stopEnv, usedSecrets, within,
} from './support/harness';

describe('applications: the tree top level and its commands', () => {
  let env: Env;
  before(async () => { env = await startEnv(); });
  after(async () => { await setConfig('vonage.requestTimeoutSeconds', undefined); await stopEnv(env); });
  afterEach(() => env.sandbox.clearFaults());

  it('createApplication stores the private key BEFORE the request, sends only the public key, files the key under the new id', async () => {
    const postsWhenPendingStored: number[] = [];
    const sub = env.api.secrets.onDidChange((e) => {
      if (e.key.includes(':pending-')) postsWhenPendingStored.push(env.sandbox.requests.filter((r) => r.method === 'POST').length);
    });
    const postsBefore = env.sandbox.requests.filter((r) => r.method === 'POST').length;
    let result: { id: string; name: string };
    try {
      result = await run<{ id: string; name: string }>('vonage.createApplication', { name: 'Zeta App', rtcEventUrl: 'https://example.com/rtc/event' });
    } finally {
      sub.dispose();
    }
    assert.strictEqual(result.name, 'Zeta App');
    assert.ok(postsWhenPendingStored.length >= 1 && postsWhenPendingStored[0] === postsBefore, 'the pending key was stored before the POST was sent');
    const stored = env.sandbox.storedApplication(result.id);
    assert.ok(stored, 'the sandbox holds the application');
    assert.strictEqual(stored.application.capabilities?.rtc?.webhooks?.event_url?.address, 'https://example.com/rtc/event');
    const pem = await env.api.credentials.getPrivateKey(env.baseUrl, result.id);
    assert.ok(pem, 'the private key is filed under the new id');
    usedSecrets.add(pem);
    assert.ok(core.privateKeyMatches(pem, stored.publicKey), 'the public key Vonage got is the pair of the stored private key');
    assert.deepStrictEqual(await env.api.credentials.privateKeyIds(env.baseUrl), [result.id], 'no pending key is left behind');
    const node = await applicationNode(env.api, result.id);
    assert.strictEqual(labelOf(node), 'Zeta App');
    assert.strictEqual(node.description, `rtc — ${result.id.slice(0, 8)}`, 'its capabilities, then the short id');
    assert.strictEqual(node.contextValue, 'vonage.application.key');
    assert.strictEqual((node.iconPath as vscode.ThemeIcon).id, 'key');
    assert.strictEqual(node.tooltip, undefined, 'the tooltip is built when hovered, not with the row');
    const hovered = await env.api.tree.resolveTreeItem(node, node as never, new vscode.CancellationTokenSource().token);
    const tooltip = (hovered.tooltip as vscode.MarkdownString).value;
    assert.ok(tooltip.includes(result.id) && tooltip.includes('rtc') && tooltip.includes('https://example.com/rtc/event') && /holds the private key/.test(tooltip), tooltip);
  });

  it('the tree lists every application (all pages) sorted by name', async () => {
    const other = await core.generateKeyPair();
    env.sandbox.seedApplications(120, other.publicKey, 'Seeded');
    await run('vonage.createApplication', { name: 'alpha app', voiceAnswerUrl: 'https://example.com/answer', voiceEventUrl: 'https://example.com/event' });
    const count = await run<{ applications: number }>('vonage.refresh', {});
    assert.strictEqual(count.applications, 122);
    const labels = (await rootChildren(env.api)).map(labelOf);
    assert.strictEqual(labels.length, 122);
    assert.deepStrictEqual(labels, [...labels].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' })));
    assert.strictEqual(labels[0], 'alpha app');
    assert.strictEqual(labels[labels.length - 1], 'Zeta App');
  });

  it('an application without a key here: warning icon, import action, and a "users need the key" node', async () => {
    const seeded = (await rootChildren(env.api)).find((n) => labelOf(n).startsWith('Seeded'))!;
    assert.strictEqual(seeded.contextValue, 'vonage.application.nokey');
    assert.strictEqual((seeded.iconPath as vscode.ThemeIcon).id, 'warning');
    const children = await env.api.tree.getChildren(seeded as never) as vscode.TreeItem[];
    assert.deepStrictEqual(children.map((c) => c.contextValue), ['vonage.capability', 'vonage.applicationNumbers', 'vonage.conversations', 'vonage.calls', 'vonage.message.needsKey'], 'its RTC capability, its numbers (no key needed), its conversations, its calls, then the key message');
    assert.strictEqual(children[4].command?.command, 'vonage.importPrivateKey');
    for (const group of [children[2], children[3]]) {
      const under = await env.api.tree.getChildren(group as never) as vscode.TreeItem[];
      assert.deepStrictEqual(under.map((c) => [c.contextValue, c.command?.command]), [['vonage.message.needsKey', 'vonage.importPrivateKey']], `${labelOf(group)} need the key too, and say so`);
    }
  });

  it('importPrivateKey rejects a public key, garbage and a key of another application; accepts the right one (CRLF, from a file)', async () => {
    await run('vonage.signOut', { forgetPrivateKeys: false });
    await run('vonage.setCredentials', { apiKey: env.sandbox.apiKey, apiSecret: env.sandbox.apiSecret });
    const pair = await core.generateKeyPair();
    usedSecrets.add(pair.privateKey);
    const [app] = env.sandbox.seedApplications(1, pair.publicKey, 'Imported');
    await run('vonage.refresh', {});
    assert.strictEqual((await applicationNode(env.api, app.id)).contextValue, 'vonage.application.nokey');

    await runFails('vonage.importPrivateKey', { applicationId: app.id, privateKey: pair.publicKey }, /public key/i);
    await runFails('vonage.importPrivateKey', { applicationId: app.id, privateKey: 'not a key at all' }, /^This is not a PEM private key\. Paste the whole key, starting with its BEGIN PRIVATE KEY line\.$/);
    const wrong = await core.generateKeyPair();
    usedSecrets.add(wrong.privateKey);
    await runFails('vonage.importPrivateKey', { applicationId: app.id, privateKey: wrong.privateKey }, /does not match the application's public key/);
    await runFails('vonage.importPrivateKey', { applicationId: app.id, file: '/nonexistent/private.key' }, /Could not read/);
    assert.strictEqual(await env.api.credentials.getPrivateKey(env.baseUrl, app.id), undefined, 'nothing stored on failure');

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vonage-import-'));
    const file = path.join(dir, 'private.key');
    fs.writeFileSync(file, pair.privateKey.replace(/\n/g, '\r\n'));
    assert.deepStrictEqual(await run('vonage.importPrivateKey', { applicationId: app.id, file }), { applicationId: app.id });
    assert.ok(core.privateKeyMatches((await env.api.credentials.getPrivateKey(env.baseUrl, app.id))!, pair.publicKey));
    const node = await applicationNode(env.api, app.id);
    assert.strictEqual(node.contextValue, 'vonage.application.key');
    const children = await env.api.tree.getChildren(node as never) as vscode.TreeItem[];
    assert.ok(children.some((c) => c.contextValue === 'vonage.message.noUsers'), 'users listed (none yet) now that the key is here');
    assert.ok(!children.some((c) => c.contextValue === 'vonage.message.needsKey'));
  });

  it('createApplication with privateKeyFile writes it with mode 0600 and flags a git repository that does not ignore it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vonage-save-'));
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const file = path.join(dir, 'private.key');
    const result = await run<{ id: string; privateKeyFile: string; privateKeyFileInGitAndNotIgnored: boolean }>('vonage.createApplication', { name: 'Saved Key App', privateKeyFile: file });
    assert.strictEqual(result.privateKeyFile, file);
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
    assert.strictEqual(result.privateKeyFileInGitAndNotIgnored, true);
    const pem = fs.readFileSync(file, 'utf8');
    usedSecrets.add(pem.trim());
    assert.ok(core.privateKeyMatches(pem, env.sandbox.storedApplication(result.id)!.publicKey));

    fs.writeFileSync(path.join(dir, '.gitignore'), 'other.key\n');
    const ignoredDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vonage-save-ignored-'));
    execFileSync('git', ['init', '-q'], { cwd: ignoredDir });
    fs.writeFileSync(path.join(ignoredDir, '.gitignore'), '*.key\n');
    const ignored = await run<{ privateKeyFileInGitAndNotIgnored: boolean }>('vonage.createApplication', { name: 'Ignored Key App', privateKeyFile: path.join(ignoredDir, 'private.key') });
    assert.strictEqual(ignored.privateKeyFileInGitAndNotIgnored, false);
  });

  it('createApplication rejects bad input before any request', async () => {
    const before = env.sandbox.requests.length;
    await runFails('vonage.createApplication', { name: '   ' }, /Enter a name/);
    await runFails('vonage.createApplication', { name: 'x', rtcEventUrl: 'not a url' }, /^rtcEventUrl: The RTC event URL "not a url" is not a URL\. Enter a full address such as https:\/\/example\.com\/webhooks\/rtc\/event\.$/);
    await runFails('vonage.createApplication', { name: 'x', voiceAnswerUrl: 'ftp://example.com/a' }, /^voiceAnswerUrl: The voice answer URL must start with https:\/\/ or http:\/\/, not ftp:\/\/\.$/);
    await runFails('vonage.createApplication', { name: 'x', rtcEventMethod: 'PATCH' }, /GET.*POST/);
    assert.strictEqual(env.sandbox.requests.length, before);
  });

  it('a failed create (500) removes the stored key and creates nothing; writes are not retried', async () => {
    const apps = env.sandbox.applications().length;
    const keys = await env.api.credentials.privateKeyIds(env.baseUrl);
    env.sandbox.failNext(1, { status: 500 }, { method: 'POST', pathPrefix: '/v2/applications' });
    const posts = env.sandbox.requests.filter((r) => r.method === 'POST').length;
    await runFails('vonage.createApplication', { name: 'Doomed' }, /^Vonage had a server error \(500\): Something went wrong on the Vonage side \(injected by the sandbox\)\. Try again in a moment\.$/, 'server');
    assert.strictEqual(env.sandbox.requests.filter((r) => r.method === 'POST').length, posts + 1, 'one POST, no blind retry');
    assert.strictEqual(env.sandbox.applications().length, apps);
    assert.deepStrictEqual(await env.api.credentials.privateKeyIds(env.baseUrl), keys, 'the pending key was removed');
  });

  describe('create with an unclear outcome: the private key is never lost', () => {
    const pendingIds = async () => (await env.api.credentials.privateKeyIds(env.baseUrl)).filter((id) => id.startsWith('pending-'));
    afterEach(async () => { env.sandbox.clearFaults(); await setConfig('vonage.requestTimeoutSeconds', undefined); });

    for (const fault of [{ kind: 'hangAfter' }, { kind: 'resetAfter' }] as const) {
      it(`${fault.kind}: Vonage created the application but the answer was lost -> the key is filed under it and the create succeeds`, async () => {
        await setConfig('vonage.requestTimeoutSeconds', 1);
        env.sandbox.failNext(1, fault, { method: 'POST', pathPrefix: '/v2/applications' });
        const name = `Lost Answer ${fault.kind}`;
        const result = await run<{ id: string; name: string }>('vonage.createApplication', { name });
        const created = env.sandbox.applications().filter((a) => a.name === name);
        assert.strictEqual(created.length, 1, 'created once (no blind retry)');
        assert.strictEqual(result.id, created[0].id);
        const pem = await env.api.credentials.getPrivateKey(env.baseUrl, result.id);
        assert.ok(pem, 'the private key is filed under the application that exists');
        usedSecrets.add(pem);
        assert.ok(core.privateKeyMatches(pem, env.sandbox.storedApplication(result.id)!.publicKey));
        assert.deepStrictEqual(await pendingIds(), []);
        assert.match(env.api.logText(), /answer to creating "Lost Answer [a-zA-Z]+" was lost .*but the application exists/);
        await applicationNode(env.api, result.id);
      });
    }

    it('the answer lost AND the check failing: the key is kept, the user is told the outcome is unknown, Refresh attaches it', async () => {
      env.sandbox.failNext(1, { kind: 'resetAfter' }, { method: 'POST', pathPrefix: '/v2/applications' });
      env.sandbox.failNext(10, { status: 503 }, { method: 'GET', pathPrefix: '/v2/applications' });
      await runFails('vonage.createApplication', { name: 'Unknown Outcome' }, /did not answer whether application "Unknown Outcome" was created.*kept.*Refresh/);
      const app = env.sandbox.applications().find((a) => a.name === 'Unknown Outcome');
      assert.ok(app, 'the sandbox did create it');
      assert.strictEqual((await pendingIds()).length, 1, 'the key is kept under its pending id');
      assert.strictEqual(await env.api.credentials.getPrivateKey(env.baseUrl, app.id), undefined);
      env.sandbox.clearFaults();
      await run('vonage.refresh', {});
      assert.deepStrictEqual(await pendingIds(), [], 'attached on refresh');
      const pem = await env.api.credentials.getPrivateKey(env.baseUrl, app.id);
      assert.ok(pem && core.privateKeyMatches(pem, env.sandbox.storedApplication(app.id)!.publicKey));
      usedSecrets.add(pem);
      assert.strictEqual((await applicationNode(env.api, app.id)).contextValue, 'vonage.application.key');
    });

    it('a definite rejection (HTML 400, or a real 401) deletes the pending key and creates nothing', async () => {
      const apps = env.sandbox.applications().length;
      const keys = await env.api.credentials.privateKeyIds(env.baseUrl);
      env.sandbox.failNext(1, { kind: 'html', status: 400 }, { method: 'POST', pathPrefix: '/v2/applications' });
      const before = env.sandbox.requests.length;
      await runFails('vonage.createApplication', { name: 'Rejected 400' },
        /^127\.0\.0\.1:\d+ answered 400 with an HTML page instead of a Vonage error \(POST 127\.0\.0\.1:\d+\/v2\/applications\)\. Check the Vonage base URL setting and any proxy between you and Vonage\.$/, 'invalid');
      assert.deepStrictEqual(env.sandbox.requests.slice(before).map((r) => r.method), ['POST'], 'no reconciliation list after a definite no');
      assert.deepStrictEqual(await env.api.credentials.privateKeyIds(env.baseUrl), keys);
      await env.api.credentials.setAccount(env.baseUrl, { apiKey: env.sandbox.apiKey, apiSecret: 'wrong-secret-for-create' });
      usedSecrets.add('wrong-secret-for-create');
      try {
        await runFails('vonage.createApplication', { name: 'Rejected 401' }, /401|key or secret/i, 'unauthorized');
      } finally {
        await run('vonage.setCredentials', { apiKey: env.sandbox.apiKey, apiSecret: env.sandbox.apiSecret });
      }
      assert.strictEqual(env.sandbox.applications().length, apps);
      assert.deepStrictEqual(await env.api.credentials.privateKeyIds(env.baseUrl), keys, 'the pending key was removed');
    });
  });

  it('copyApplicationId returns the id (and puts it on the clipboard)', async () => {
    const app = env.sandbox.applications().find((a) => a.name === 'Zeta App')!;
    await vscode.env.clipboard.writeText('not-the-id');
    assert.strictEqual(await run('vonage.copyApplicationId', { applicationId: app.id }), app.id);
    // The clipboard is browser-side in code-server and works in this headless run: checked for real.
    assert.strictEqual(await within(vscode.env.clipboard.readText(), 2000), app.id);
    const node = await applicationNode(env.api, app.id);
    assert.strictEqual(await run('vonage.copyApplicationId', node), app.id, 'the tree-node form works too');
  });

  it('renameApplication renames at Vonage and in the tree, keeping webhooks and public key', async () => {
    const app = env.sandbox.applications().find((a) => a.name === 'Zeta App')!;
    const publicKey = env.sandbox.storedApplication(app.id)!.publicKey;
    assert.deepStrictEqual(await run('vonage.renameApplication', { applicationId: app.id, name: 'Aardvark App' }), { id: app.id, name: 'Aardvark App' });
    const stored = env.sandbox.storedApplication(app.id)!;
    assert.strictEqual(stored.application.name, 'Aardvark App');
    assert.strictEqual(stored.application.capabilities?.rtc?.webhooks?.event_url?.address, 'https://example.com/rtc/event');
    assert.strictEqual(stored.publicKey.trim(), publicKey.trim());
    assert.strictEqual(labelOf((await rootChildren(env.api))[0]), 'Aardvark App', 'resorted');
  });

  it('renameApplication keeps every setting the application had (messages, voice POST answer, rtc signed_callbacks, privacy), read fresh', async () => {
    const keys = await core.generateKeyPair();
    const capabilities = {
      voice: {
        webhooks: {
          answer_url: { address: 'https://example.com/answer', http_method: 'POST', connection_timeout: 500, socket_timeout: 3000 },
          fallback_answer_url: { address: 'https://example.com/fallback', http_method: 'GET' },
          event_url: { address: 'https://example.com/event', http_method: 'POST' },
        },
        signed_callbacks: true,
        region: 'eu-west',
      },
      rtc: { webhooks: { event_url: { address: 'https://example.com/rtc', http_method: 'GET' } }, signed_callbacks: true, leg_persistence_time: 7 },
      messages: { webhooks: { inbound_url: { address: 'https://example.com/in', http_method: 'POST' }, status_url: { address: 'https://example.com/status', http_method: 'POST' } } },
      vbc: {},
    };
    const created = await applicationsApiElsewhere<{ id: string }>(env.sandbox, 'POST', '/v2/applications', { name: 'Rich App', keys: { public_key: keys.publicKey }, capabilities, privacy: { improve_ai: true } });
    assert.strictEqual(created.status, 201);
    const id = created.body.id;
    await run('vonage.refresh', {}); // the tree now caches the application as it was
    // Changed elsewhere after the tree loaded it: the rename must not write the stale copy back.
    const changed = { ...capabilities, messages: { webhooks: { inbound_url: { address: 'https://example.com/in2', http_method: 'POST' }, status_url: { address: 'https://example.com/status2', http_method: 'POST' } } } };
    assert.strictEqual((await applicationsApiElsewhere(env.sandbox, 'PUT', `/v2/applications/${id}`, { name: 'Rich App', capabilities: changed, privacy: { improve_ai: true } })).status, 200);
    const before = env.sandbox.storedApplication(id)!;

    assert.deepStrictEqual(await run('vonage.renameApplication', { applicationId: id, name: 'Rich App Renamed' }), { id, name: 'Rich App Renamed' });
    const after = env.sandbox.storedApplication(id)!;
    assert.strictEqual(after.application.name, 'Rich App Renamed');
    assert.deepStrictEqual(after.application.capabilities, before.application.capabilities);
    assert.deepStrictEqual(after.application.capabilities, changed);
    assert.deepStrictEqual(after.application.privacy, { improve_ai: true });
    assert.strictEqual(after.publicKey, before.publicKey);
    assert.strictEqual(labelOf(await applicationNode(env.api, id)), 'Rich App Renamed');
  });

  it('openInDashboard gives the application\'s dashboard page', async () => {
    const app = env.sandbox.applications()[0];
    assert.strictEqual(await run('vonage.openInDashboard', { applicationId: app.id, open: false }), `https://dashboard.nexmo.com/applications/${app.id}`);
  });

  it('404 after a delete elsewhere: rename says so and drops the node; delete treats it as gone', async () => {
    const created = await run<{ id: string }>('vonage.createApplication', { name: 'Deleted Elsewhere' });
    assert.strictEqual(await deleteElsewhere(env.sandbox, `/v2/applications/${created.id}`), 204);
    await runFails('vonage.renameApplication', { applicationId: created.id, name: 'New name' },
      new RegExp(`^Vonage could not find the application \\(404\\): ID '${created.id}' does not exist, or you do not have access\\. It may have been deleted; refresh and try again\\.$`), 'notFound');
    assert.ok(!(await rootChildren(env.api)).some((n) => n.id === `app:${created.id}`), 'node dropped');
    assert.deepStrictEqual(await run('vonage.deleteApplication', { applicationId: created.id }), { id: created.id });
    assert.strictEqual(await env.api.credentials.getPrivateKey(env.baseUrl, created.id), undefined, 'key forgotten');
  });

  it('deleteApplication (argument form: no confirmation) deletes at Vonage, forgets the key, drops the node', async () => {
    const created = await run<{ id: string }>('vonage.createApplication', { name: 'Short Lived' });
    await applicationNode(env.api, created.id);
    assert.deepStrictEqual(await run('vonage.deleteApplication', { applicationId: created.id }), { id: created.id });
    assert.ok(!env.sandbox.applications().some((a) => a.id === created.id));
    assert.strictEqual(await env.api.credentials.getPrivateKey(env.baseUrl, created.id), undefined);
    assert.ok(!(await rootChildren(env.api)).some((n) => n.id === `app:${created.id}`));
  });

  describe('API failures while listing', () => {
    it('429 then success: the read is retried and the list arrives', async () => {
      env.sandbox.failNext(1, { status: 429, retryAfterSeconds: 0 }, { method: 'GET', pathPrefix: '/v2/applications' });
      const before = env.sandbox.requests.length;
      const count = await run<{ applications: number }>('vonage.refresh', {});
      assert.ok(count.applications > 0);
      assert.ok(env.sandbox.requests.slice(before).some((r) => r.status === 429));
    });

    it('500 on every try: an error, and an error node with retry in the tree (not a blank view); retry recovers', async () => {
      env.sandbox.failNext(20, { status: 500 }, { method: 'GET', pathPrefix: '/v2/applications' });
      await runFails('vonage.refresh', {}, /^Vonage had a server error \(500\): Something went wrong on the Vonage side \(injected by the sandbox\)\. Try again in a moment\.$/, 'server');
      env.sandbox.failNext(20, { status: 500 }, { method: 'GET', pathPrefix: '/v2/applications' });
      env.api.tree.reload();
      const nodes = await rootChildren(env.api);
      assert.strictEqual(nodes.length, 1);
      assert.strictEqual(nodes[0].contextValue, 'vonage.message.error');
      assert.strictEqual(nodes[0].command?.command, 'vonage.refresh');
      env.sandbox.clearFaults();
      await vscode.commands.executeCommand(nodes[0].command.command, ...((nodes[0].command.arguments ?? []) as unknown[]));
      await run('vonage.refresh', {});
      assert.ok((await rootChildren(env.api)).length > 1);
    });

    it('a timeout says the API did not answer', async () => {
      await setConfig('vonage.requestTimeoutSeconds', 1);
      env.sandbox.failNext(10, { kind: 'hang' }, { method: 'GET', pathPrefix: '/v2/applications' });
      await runFails('vonage.refresh', {}, /^Vonage did not answer within 1 second \(GET 127\.0\.0\.1:\d+\/v2\/applications\)\. Check your network or proxy and try again\.$/, 'timeout');
      await setConfig('vonage.requestTimeoutSeconds', undefined);
    });

    it('an HTML page instead of JSON is reported as a bad response', async () => {
      env.sandbox.failNext(10, { kind: 'html', status: 502 }, { method: 'GET', pathPrefix: '/v2/applications' });
      const e = await runFails('vonage.refresh', {}, /HTML page/);
      assert.ok(['badResponse', 'server'].includes(String(e.kind)), `kind ${String(e.kind)}: ${e.message}`);
    });

    it('401 (key revoked at Vonage) is reported as a key/secret problem', async () => {
      await env.api.credentials.setAccount(env.baseUrl, { apiKey: env.sandbox.apiKey, apiSecret: 'revoked-secret' });
      usedSecrets.add('revoked-secret');
      try {
        await runFails('vonage.refresh', {}, /401|key or secret/i, 'unauthorized');
      } finally {
        await run('vonage.setCredentials', { apiKey: env.sandbox.apiKey, apiSecret: env.sandbox.apiSecret });
      }
    });
  });
});
