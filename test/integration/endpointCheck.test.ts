// Check Token Endpoint in the real VS Code, against stand-in endpoints on 127.0.0.1 (a free port, stopped
// with the suite): a good one, and ones that give a token signed by another key, one living over 24 hours,
// one without the ACL, one for a user that does not exist, a cacheable answer, an HTML page, a redirect to
// a sign-in page; and a refused connection. By hand the verdict opens in a read-only document whose
// CodeLens asks Vonage itself about the token. The log gets the verdict, never a token.
import * as assert from 'assert';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as jsonwebtoken from 'jsonwebtoken';
import type { AddressInfo } from 'net';
import * as path from 'path';
import * as vscode from 'vscode';
import { CLIENT_SDK_ACL } from '../../src/vonage';
import { freePort } from './support/endpointProjects';
import { workspaceRoot } from './support/gitRepo';
import { QueuedUi, type Env, byHand, eventually, run, startEnv, stopEnv, usedSecrets } from './support/harness';

interface EndpointCheck { ok: boolean; status: number; claims?: Record<string, unknown>; problems: string[]; document?: string }

/** Text the stand-in endpoints send that is theirs, not the verdict's: shown to the person, never logged. */
const ENDPOINT_TEXT = { detail: 'No session for carol@example.com', query: 'state=endpoint-state-7f3a' };

describe('Check Token Endpoint', () => {
  let env: Env;
  let appId: string;
  let server: http.Server;
  let base: string;
  const served: string[] = [];
  let lastAuthorization: string | undefined;

  /** A token as an endpoint would sign it: `claims` over the good ones, with `key` (default: the application's). */
  let sign: (claims?: Record<string, unknown>, key?: crypto.KeyObject | string) => string;

  before(async () => {
    env = await startEnv();
    appId = (await run<{ id: string }>('vonage.createApplication', { name: 'Checked App' })).id;
    await run('vonage.createUser', { applicationId: appId, name: 'alice' });
    const pem = (await env.api.credentials.getPrivateKey(env.baseUrl, appId))!;
    sign = (claims = {}, key = pem) => {
      const iat = Math.floor(Date.now() / 1000);
      const all = { application_id: appId, sub: 'alice', acl: CLIENT_SDK_ACL, iat, exp: iat + 3600, jti: crypto.randomUUID(), ...claims };
      for (const [k, v] of Object.entries(all)) if (v === undefined) delete (all as Record<string, unknown>)[k];
      const token = jsonwebtoken.sign(all, key, { algorithm: 'RS256' });
      served.push(token);
      usedSecrets.add(token);
      return token;
    };
    const otherKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const answers: Record<string, () => { status: number; headers: Record<string, string>; body: string }> = {
      '/good': () => tokenAnswer(sign()),
      '/other-key': () => tokenAnswer(sign({}, otherKey)),
      '/too-long': () => tokenAnswer(sign({ exp: Math.floor(Date.now() / 1000) + 25 * 3600 })),
      '/no-acl': () => tokenAnswer(sign({ acl: undefined })),
      '/no-application': () => tokenAnswer(sign({ application_id: undefined })),
      '/nobody': () => tokenAnswer(sign({ sub: 'nobody' })),
      '/cacheable': () => ({ ...tokenAnswer(sign()), headers: { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=600' } }),
      '/html': () => ({ status: 200, headers: { 'Content-Type': 'text/html' }, body: '<!doctype html><title>Sign in</title><form>…</form>' }),
      '/login-redirect': () => ({ status: 302, headers: { Location: '/login' }, body: '' }),
      '/refused-for-carol': () => ({ status: 401, headers: { 'Content-Type': 'application/problem+json' }, body: JSON.stringify({ title: 'Unauthorized', detail: ENDPOINT_TEXT.detail }) }),
      '/redirect-with-query': () => ({ status: 302, headers: { Location: `/login?next=%2Fapi&${ENDPOINT_TEXT.query}` }, body: '' }),
    };
    server = http.createServer((req, res) => {
      lastAuthorization = req.headers.authorization;
      const answer = answers[new URL(req.url ?? '/', 'http://127.0.0.1').pathname]?.() ?? { status: 404, headers: {}, body: '' };
      req.resume();
      res.writeHead(answer.status, answer.headers).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    env.api.setUi(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await stopEnv(env);
  });

  function tokenAnswer(token: string) {
    const exp = (jsonwebtoken.decode(token) as { exp: number }).exp;
    return { status: 200, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }, body: JSON.stringify({ token, exp }) };
  }
  const check = (path: string, args: Record<string, unknown> = {}) => run<EndpointCheck>('vonage.checkTokenEndpoint', { url: `${base}${path}`, ...args });

  it('a good endpoint: ok, its token\'s claims, no problem (the control for the rest)', async () => {
    const r = await check('/good');
    assert.deepStrictEqual(r.problems, []);
    assert.strictEqual(r.ok, true);
    assert.strictEqual(r.status, 200);
    assert.strictEqual(r.claims?.sub, 'alice');
  });

  const bad: [string, string, RegExp][] = [
    ['a token signed by another key', '/other-key', /^Its signature does not verify \(checked with the private key this VS Code holds\): the endpoint signs with another key than the application's, and Vonage refuses such a token\.$/],
    ['a token living over 24 hours', '/too-long', /^It lives 25 hours; Vonage accepts at most 24\.$/],
    ['a token without the ACL', '/no-acl', /^It has no acl: a Client SDK token carries the Client SDK's ACL/],
    ['a token without an application_id (no key to check it with: that is not said apart)', '/no-application', /^The token has no application_id, so it is not a Vonage token: the Client SDK cannot log in with it\.$/],
    ['a token for a user that does not exist', '/nobody', /^Its user "nobody" does not exist in Checked App: Vonage refuses a login as a user it does not know\./],
    ['a cacheable answer', '/cacheable', /^Its answer may be cached: Cache-Control is "public, max-age=600"/],
  ];
  for (const [what, path, problem] of bad) {
    it(`${what}: not ok, and that one problem`, async () => {
      const r = await check(path);
      assert.strictEqual(r.ok, false);
      assert.strictEqual(r.status, 200);
      assert.strictEqual(r.problems.length, 1, r.problems.join('\n'));
      assert.match(r.problems[0], problem);
    });
  }

  it('an HTML page, a redirect to a sign-in page, a refused connection: one sentence each, no claims', async () => {
    assert.deepStrictEqual(await check('/html'), { ok: false, status: 200, problems: [`POST ${base}/html answered 200 with an HTML page, not JSON: a token endpoint answers JSON such as {"token": "<JWT>", "exp": <seconds since 1970>}.`] });
    assert.deepStrictEqual(await check('/login-redirect'), { ok: false, status: 302, problems: [`POST ${base}/login-redirect answered 302 Found, a redirect to /login: a token endpoint answers the request itself (an app asking for a token does not follow a redirect to a sign-in page).`] });
    const port = await freePort();
    assert.deepStrictEqual(await run<EndpointCheck>('vonage.checkTokenEndpoint', { url: `http://127.0.0.1:${port}/api/vonage/token` }),
      { ok: false, status: 0, problems: [`Could not reach POST http://127.0.0.1:${port}/api/vonage/token: the connection was refused (is the server running, on that port?).`] });
  });

  it('by hand: the verdict in a read-only document, and its CodeLens asks Vonage itself about the token', async () => {
    const ui = new QueuedUi([`${base}/good`, '']);
    const r = await byHand<EndpointCheck>(env, ui, 'vonage.checkTokenEndpoint');
    assert.deepStrictEqual(ui.asked.map((a) => a.text), ['The token endpoint\'s URL (the endpoint is sent only what you give here)', 'A header your sign-in needs, e.g. Authorization: Bearer … or Cookie: session=… (Enter for none)']);
    assert.strictEqual(r.ok, true);
    const uri = vscode.Uri.parse(r.document!);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.match(document.getText(), new RegExp(`^// Token endpoint: POST ${base.replace(/[.]/g, '\\.')}/good\n// Verdict: it answered 200 with a token Vonage will accept\\.\n`));
    assert.ok(!served.some((t) => document.getText().includes(t)), 'the document shows claims, not the token');
    assert.match(document.getText(), /\n {2}"times": \{\n {4}"iat": "[^"]+",\n {4}"exp": "[^"]+"\n {2}\}\n\}\n$/, 'the token\'s times, in local time');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const lens = lenses.find((l) => l.command?.command === 'vonage.checkTokenWithVonage');
    assert.ok(lens?.command, 'Check with Vonage is on the verdict');
    assert.strictEqual(lens.command.title, '$(verified) Check with Vonage');
    const answered = new QueuedUi();
    env.api.setUi(answered);
    try {
      await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments as unknown[]));
      await eventually(() => answered.messages.length > 0, 'Vonage\'s verdict');
      assert.match(answered.messages[0].text, /^Vonage accepts the token \(user "alice" of "Checked App"\)/);
    } finally {
      env.api.setUi(undefined);
    }
  });

  it('a header typed by hand is sent; an answer that is no token gives no CodeLens', async () => {
    const session = `session-${crypto.randomUUID()}`; // a credential: sent, never logged
    usedSecrets.add(session);
    const ui = new QueuedUi([`${base}/html`, `Authorization: Bearer ${session}`, '']);
    const r = await byHand<EndpointCheck>(env, ui, 'vonage.checkTokenEndpoint');
    assert.strictEqual(ui.asked.length, 3);
    assert.strictEqual(lastAuthorization, `Bearer ${session}`, 'the header reached the endpoint');
    assert.strictEqual(r.ok, false);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', vscode.Uri.parse(r.document!));
    assert.deepStrictEqual(lenses, []);
  });

  it('by hand, check after check: every verdict opens in the one group beside your editor, not one group more each time', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const file = path.join(workspaceRoot(), `my-code-${crypto.randomUUID()}.js`);
    fs.writeFileSync(file, '// the code you are working on\n');
    try {
      const mine = await vscode.window.showTextDocument(vscode.Uri.file(file));
      const isVerdict = (t: vscode.Tab) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'vonage-jwt';
      for (let i = 0; i < 3; i++) {
        const r = await byHand<EndpointCheck>(env, new QueuedUi([`${base}/good`, '']), 'vonage.checkTokenEndpoint');
        await eventually(() => vscode.window.activeTextEditor?.document.uri.toString() === r.document, `verdict ${i + 1} is shown`);
      }
      const groups = vscode.window.tabGroups.all;
      assert.strictEqual(groups.length, 2, `your editor's group and the verdicts' group, not ${groups.length} groups`);
      assert.strictEqual(groups.filter((g) => g.tabs.some(isVerdict)).length, 1, 'one group holds the verdicts');
      const yours = groups.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.fsPath === mine.document.uri.fsPath));
      assert.ok(yours && !yours.tabs.some(isVerdict), 'your editor stays in its own group, without a verdict');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(file, { force: true });
    }
  });

  it('by hand, an endpoint that does not answer: the document says so in one sentence, without a status 0 or an empty list of times', async () => {
    const port = await freePort();
    const r = await byHand<EndpointCheck>(env, new QueuedUi([`http://127.0.0.1:${port}/api/vonage/token`, '']), 'vonage.checkTokenEndpoint');
    const text = (await vscode.workspace.openTextDocument(vscode.Uri.parse(r.document!))).getText();
    assert.strictEqual(text, [
      `// Token endpoint: POST http://127.0.0.1:${port}/api/vonage/token`,
      '// Verdict: it did not answer:',
      `// - Could not reach POST http://127.0.0.1:${port}/api/vonage/token: the connection was refused (is the server running, on that port?).`,
      '{',
      '  "answered": false',
      '}',
      '',
    ].join('\n'));
    const refused = await byHand<EndpointCheck>(env, new QueuedUi([`${base}/refused-for-carol`, '']), 'vonage.checkTokenEndpoint');
    const answered = (await vscode.workspace.openTextDocument(vscode.Uri.parse(refused.document!))).getText();
    assert.match(answered, /\{\n {2}"answered": true,\n {2}"status": 401,\n {2}"contentType": "application\/problem\+json"\n\}\n$/, 'no token: no claims and no times');
  });

  it('the log has each verdict (ok, the status, how many problems, which checks failed), and nothing the endpoints sent: no token, no text of theirs', async () => {
    const before = env.api.logText().length;
    await check('/good');
    await check('/other-key');
    await check('/refused-for-carol');
    await check('/redirect-with-query');
    const log = env.api.logText().slice(before);
    const at = (p: string) => `POST ${base.replace(/[.]/g, '\\.')}${p}`;
    assert.match(log, new RegExp(`Checked the token endpoint ${at('/good')}: ok, 200\\.`));
    assert.match(log, new RegExp(`Checked the token endpoint ${at('/other-key')}: not ok, 200, 1 problem \\(signature\\)\\.`));
    assert.match(log, new RegExp(`Checked the token endpoint ${at('/refused-for-carol')}: not ok, 401, 1 problem \\(status\\)\\.`));
    assert.match(log, new RegExp(`Checked the token endpoint ${at('/redirect-with-query')}: not ok, 302, 1 problem \\(status\\)\\.`));
    assert.ok(!log.includes(ENDPOINT_TEXT.detail) && !log.includes(ENDPOINT_TEXT.query), `nothing the endpoints sent:\n${log}`);
    assert.ok(!log.includes('Its signature does not verify'), 'the verdict\'s names, not its sentences (they may quote the answer)');
    for (const token of served) {
      const [, payload, signature] = token.split('.');
      assert.ok(!env.api.logText().includes(payload) && !env.api.logText().includes(signature), 'no token in the log');
    }
  });
});
