// Webhooks in the real VS Code host, the sandbox calling the extension's webhook server: every command in both
// forms (scripted with an argument object, and by hand with queued answers), routing an application here and
// back (only the addresses change, the originals saved before the change), the answer NCCO from the
// workspace's file, forwarding to the developer's server, signatures checked, the Webhooks view and each
// callback's document, putting back after a window that is gone, and each tunnel program as a stand-in that
// prints what the real one prints (one that dies, one that does not start).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { WebhooksFeature } from '../../src/features/webhooks/webhooksFeature';
import type { RoutedApplication } from '../../src/features/webhooks/routedApplications';
import {
  QueuedUi, type Env, applicationsApiElsewhere, byHand, deleteElsewhere, eventually, labelOf, run, runFails, setConfig, startEnv, stopEnv,
  usedSecrets, within,
} from './support/harness';
import { type StandInProgram, standInUrl, writeStandIn } from '../support/tunnelStandIns';

interface Listed { id: string; time: string; kind: string; method: string; path: string; status: number; callUuid?: string; conversationUuid?: string; applicationId: string; signature: string; reason?: string }
interface Change { webhook: string; from: string | null; to: string }
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the application's JSON, read in assertions

const ORIGINAL = {
  voice: {
    webhooks: {
      answer_url: { address: 'https://mine.example/webhooks/answer', http_method: 'GET', connection_timeout: 1000, socket_timeout: 4000 },
      event_url: { address: 'https://mine.example/webhooks/event', http_method: 'POST' },
    },
    signed_callbacks: true,
    conversations_ttl: 48,
  },
  rtc: { webhooks: { event_url: { address: 'https://mine.example/webhooks/rtc', http_method: 'POST' } }, signed_callbacks: true },
  messages: { webhooks: { inbound_url: { address: 'https://mine.example/in', http_method: 'POST' }, status_url: { address: 'https://mine.example/status', http_method: 'POST' } } },
};
const MARKER = 'body-marker-7f3a91';

describe('webhooks: the server, routing and back, the inspector', function () {
  this.timeout(120_000);
  let env: Env;
  let w: WebhooksFeature;
  let appId: string;
  let publicKey: string;
  const folder = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
  const nccoFile = () => path.join(folder(), 'ncco.json');
  const capabilities = (): Json => env.sandbox.application(appId)!.capabilities as Json;
  const records = () => w.callbacks.all();
  const puts = () => env.sandbox.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/v2/applications/')).length;
  let sentBefore = 0;
  /** The callbacks the sandbox sent during this test, with the answers it got. */
  const sandboxWebhooks = () => env.sandbox.voice.webhooks().slice(sentBefore);
  const originalPath = process.env.PATH;

  /** The application at Vonage exactly as ORIGINAL, set "elsewhere" (straight to the sandbox's API). */
  async function resetApplication(capabilitiesNow: unknown = ORIGINAL): Promise<void> {
    const res = await applicationsApiElsewhere(env.sandbox, 'PUT', `/v2/applications/${appId}`, { name: 'Webhook App', keys: { public_key: publicKey }, capabilities: capabilitiesNow });
    assert.strictEqual(res.status, 200, JSON.stringify(res.body));
  }

  /** A call into Vonage from a Client SDK user (the sandbox asks the answer URL, runs the NCCO, sends the events). */
  async function inboundCall(body: Record<string, unknown> = {}): Promise<{ uuid: string; conversationUuid: string }> {
    const res = await fetch(`${env.sandbox.url}/_sandbox/calls`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ applicationId: appId, fromUser: 'alice', to: '447700900001', customData: { marker: MARKER, room: 'blue' }, ...body }),
    });
    assert.strictEqual(res.status, 201, await res.clone().text());
    return await res.json() as { uuid: string; conversationUuid: string };
  }

  /** Runs the call to its end on the sandbox's clock and waits until every callback has been answered. */
  async function finish(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      env.sandbox.voice.advance(30_000);
      await env.sandbox.voice.idle();
    }
  }

  /** alice's Client SDK app logs in (a server call comes from a user with a session). */
  async function aliceLogsIn(): Promise<void> {
    const token = await run<string>('vonage.generateUserJwt', { applicationId: appId, user: 'alice', target: 'return' });
    usedSecrets.add(token);
    const login = await fetch(`${env.sandbox.url}/_sandbox/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
    assert.strictEqual(login.status, 201);
  }

  before(async () => {
    env = await startEnv();
    w = env.api.webhooks;
    usedSecrets.add(env.sandbox.signatureSecret());
    appId = (await run<{ id: string }>('vonage.createApplication', { name: 'Webhook App', voiceAnswerUrl: 'https://mine.example/webhooks/answer' })).id;
    await run('vonage.createUser', { applicationId: appId, name: 'alice' }); // the Client SDK user who calls
    publicKey = (env.sandbox.application(appId)!.keys as { public_key: string }).public_key;
    await resetApplication();
    await env.api.tree.applications();
  });
  after(async () => {
    await run('vonage.stopWebhooks').catch(() => undefined);
    await stopEnv(env);
  });
  beforeEach(async () => {
    await resetApplication();
    env.sandbox.clearFaults();
    env.sandbox.requests.length = 0;
    await w.callbacks.clear();
    await aliceLogsIn();
    sentBefore = env.sandbox.voice.webhooks().length;
  });
  afterEach(async () => {
    env.api.setUi(undefined);
    env.sandbox.clearFaults();
    await run('vonage.stopWebhooks');
    for (const r of w.routes.all()) await w.routes.remove(r);
    await w.secrets.delete(env.baseUrl, env.sandbox.apiKey);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(nccoFile(), { force: true });
    process.env.PATH = originalPath;
    await setConfig('vonage.webhooks.tunnel', undefined);
    await setConfig('vonage.webhooks.rejectInvalidSignatures', undefined);
    await setConfig('vonage.requestTimeoutSeconds', undefined);
  });

  it('startWebhooks scripted: {url, port} on 127.0.0.1, the status bar while it runs; stopWebhooks: {restored: []} and the port closes', async () => {
    const started = await run<{ url: string; port: number }>('vonage.startWebhooks', {});
    assert.match(started.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.strictEqual(started.url, `http://127.0.0.1:${started.port}`);
    assert.deepStrictEqual(await run('vonage.startWebhooks', {}), started, 'already running with the same options: the same server');
    const notFound = await fetch(`${started.url}/`);
    assert.strictEqual(notFound.status, 404, 'nothing but the webhook paths is served');
    assert.strictEqual((await fetch(`${started.url}/webhooks/${appId}/answer`)).status, 404, 'an application not routed here is not served');
    await runFails('vonage.startWebhooks', { forwardTo: 'http://localhost:9' }, /^The webhook server already runs on http:\/\/127\.0\.0\.1:\d+ \(answering from ncco\.json\)\. Stop it first/);
    assert.deepStrictEqual(await run('vonage.stopWebhooks'), { restored: [] });
    await assert.rejects(fetch(`${started.url}/`), 'the port is closed');
    assert.strictEqual(w.host.running, undefined);
  });

  it('startWebhooks by hand: answer from ncco.json, or forward to your server (its address asked, checked)', async () => {
    const ui = new QueuedUi([(items: { label: string; value: boolean }[]) => items[0].value]);
    const started = await byHand<{ url: string }>(env, ui, 'vonage.startWebhooks');
    assert.deepStrictEqual(ui.asked.map((a) => a.items?.map((i) => i.replace(/\$\([a-z-]+\) /, ''))), [['Answer from ncco.json', 'Forward to my server…']]);
    await eventually(() => ui.messages.some((m) => m.text === `Vonage webhook server on ${started.url}, answering from ncco.json. Route an application here to get its callbacks.` && m.actions[0] === 'Route Webhooks Here'), 'said where it runs, offering to route');
    await run('vonage.stopWebhooks');
    const dev = await devServer(() => ({ status: 200, body: '[]' }));
    try {
      const hostPort = dev.url.replace('http://127.0.0.1', 'localhost');
      const forwardUi = new QueuedUi([(items: { value: boolean }[]) => items[1].value, 'ftp://localhost:3000', hostPort]);
      await byHand(env, forwardUi, 'vonage.startWebhooks');
      assert.strictEqual(forwardUi.asked[1].validation, 'Your server\'s address must start with http:// or https://, not ftp://; for example http://localhost:3000, or just localhost:3000.', 'a wrong address is refused where it is typed, in words for a person');
      assert.strictEqual(w.host.running?.forwardTo?.href, `http://${hostPort}/`, 'host:port: http:// assumed');
    } finally {
      await dev.close();
    }
  });

  it('a port in use, a forward target that refuses: one sentence each, nothing started, nothing changed at Vonage', async () => {
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      await runFails('vonage.startWebhooks', { port }, new RegExp(`^Port ${port} on 127\\.0\\.0\\.1 is in use by another program: pick another port, or leave the port out for a free one\\.$`));
    } finally {
      await new Promise<void>((r) => taken.close(() => r()));
    }
    await runFails('vonage.startWebhooks', { forwardTo: `http://127.0.0.1:${port}` }, new RegExp(`^Nothing answers at http://127\\.0\\.0\\.1:${port} \\(connection refused\\): start your server there, or stop forwarding to answer from the NCCO file\\.$`));
    await runFails('vonage.startWebhooks', { forwardTo: 'https://example.com' }, /^Your server must be on this machine \(localhost or 127\.0\.0\.1\), not example\.com/);
    const shown = new QueuedUi();
    assert.strictEqual(await byHand(env, shown, 'vonage.startWebhooks', { forwardTo: `localhost:${port}`, interactive: true }), undefined);
    await eventually(() => shown.messages.some((m) => m.level === 'error'), 'shown');
    assert.strictEqual(shown.messages.find((m) => m.level === 'error')!.text, `Nothing answers at http://localhost:${port} (connection refused): start your server there, or stop forwarding to answer from the NCCO file.`, 'one sentence, like every other (no "Vonage:" prefix)');
    await runFails('vonage.startWebhooks', { port: 70000 }, /^The port must be a whole number from 1 to 65535/);
    assert.strictEqual(w.host.running, undefined);
    assert.strictEqual(puts(), 0);
  });

  it('routeWebhooks scripted: only the addresses change (methods, timeouts, signed callbacks, other capabilities kept); the originals are saved, without secrets', async () => {
    const { changed } = await run<{ changed: Change[] }>('vonage.routeWebhooks', { applicationId: appId });
    const base = w.host.running!.url;
    assert.deepStrictEqual(changed, [
      { webhook: 'voiceAnswerUrl', from: 'https://mine.example/webhooks/answer', to: `${base}/webhooks/${appId}/answer` },
      { webhook: 'voiceEventUrl', from: 'https://mine.example/webhooks/event', to: `${base}/webhooks/${appId}/event` },
      { webhook: 'rtcEventUrl', from: 'https://mine.example/webhooks/rtc', to: `${base}/webhooks/${appId}/rtc` },
    ]);
    const expected: Json = structuredClone(ORIGINAL);
    expected.voice.webhooks.answer_url.address = `${base}/webhooks/${appId}/answer`;
    expected.voice.webhooks.event_url.address = `${base}/webhooks/${appId}/event`;
    expected.rtc.webhooks.event_url.address = `${base}/webhooks/${appId}/rtc`;
    assert.deepStrictEqual(capabilities(), expected);
    const saved = w.routes.find(env.baseUrl, env.sandbox.apiKey, appId)!;
    assert.deepStrictEqual(saved.webhooks, changed.map((c) => ({ webhook: c.webhook, original: c.from, routed: c.to })));
    assert.deepStrictEqual([saved.owner, saved.ownerPid], [w.routes.owner, process.pid], 'this window\'s id, and its process');
    const state = JSON.stringify(w.routes.all());
    assert.ok(!state.includes(env.sandbox.apiSecret) && !state.includes('PRIVATE KEY'), 'no secret in global state');
    assert.deepStrictEqual(await run('vonage.routeWebhooks', { applicationId: appId }), { changed: [] }, 'already here: nothing changes');
    assert.deepStrictEqual((await run<{ changed: Change[] }>('vonage.routeWebhooks', { applicationId: appId, webhooks: ['voiceAnswerUrl'], publicUrl: 'https://my-tunnel.example.com/' })).changed,
      [{ webhook: 'voiceAnswerUrl', from: `${base}/webhooks/${appId}/answer`, to: `https://my-tunnel.example.com/webhooks/${appId}/answer` }]);
    assert.strictEqual(w.routes.find(env.baseUrl, env.sandbox.apiKey, appId)!.webhooks[0].original, 'https://mine.example/webhooks/answer', 'a second routing keeps the first original');
    await runFails('vonage.routeWebhooks', { applicationId: appId, webhooks: ['smsUrl'] }, /"smsUrl" is not a webhook that can be routed here/);
    assert.deepStrictEqual((await run<{ restored: string[] }>('vonage.stopWebhooks')).restored, [appId]);
    assert.deepStrictEqual(capabilities(), ORIGINAL, 'put back exactly');
  });

  it('the originals are saved before the change is sent: while the PUT hangs they are there; an unclear answer keeps them, and putting back finds nothing to do', async () => {
    await run('vonage.startWebhooks', {});
    await setConfig('vonage.requestTimeoutSeconds', 2);
    env.sandbox.failNext(1, { kind: 'hang' }, { method: 'PUT', pathPrefix: '/v2/applications/' });
    const routing = run('vonage.routeWebhooks', { applicationId: appId }).then(() => 'routed', (e: Error) => e.message);
    await eventually(() => w.routes.find(env.baseUrl, env.sandbox.apiKey, appId) !== undefined, 'the originals are saved', 10_000);
    assert.deepStrictEqual(capabilities(), ORIGINAL, 'saved while Vonage has not changed anything yet');
    assert.match(await routing, /reading the application back shows it was not made, so trying again is safe/);
    assert.ok(w.routes.find(env.baseUrl, env.sandbox.apiKey, appId), 'kept: the answer was unclear');
    assert.deepStrictEqual(await run('vonage.restoreWebhooks', { applicationId: appId }), { restored: true });
    assert.strictEqual(w.routes.find(env.baseUrl, env.sandbox.apiKey, appId), undefined);
    env.sandbox.failNext(1, { status: 409 }, { method: 'PUT', pathPrefix: '/v2/applications/' });
    await runFails('vonage.routeWebhooks', { applicationId: appId }, /conflict|409/i);
    assert.strictEqual(w.routes.find(env.baseUrl, env.sandbox.apiKey, appId), undefined, 'refused: nothing kept');
  });

  it('routeWebhooks by hand: the application picked, the change shown first; dismissed: nothing sent or saved; accepted: routed', async () => {
    const no = new QueuedUi(['Webhook App'], () => undefined);
    assert.strictEqual(await byHand(env, no, 'vonage.routeWebhooks'), undefined);
    const confirm = no.messages.find((m) => m.level === 'confirm')!;
    assert.strictEqual(confirm.text, 'Point the webhooks of "Webhook App" at this editor?');
    assert.match(confirm.detail ?? '', new RegExp(`^voice answer URL: https://mine\\.example/webhooks/answer → http://127\\.0\\.0\\.1:\\d+/webhooks/${appId}/answer\\nvoice event URL: `));
    assert.match(confirm.detail ?? '', /\n\nThe webhook server is not running: it starts now on http:\/\/127\.0\.0\.1:\d+ and answers from ncco\.json \(Start Webhook Server first to forward to your own server instead\)\.\n/);
    assert.strictEqual(puts(), 0);
    assert.strictEqual(w.routes.all().length, 0);
    assert.strictEqual(w.host.running, undefined, 'dismissed: the server started for it stops again');
    const yes = new QueuedUi([], () => 'Route Here');
    await byHand(env, yes, 'vonage.routeWebhooks', { applicationId: appId, interactive: true });
    assert.match(String(capabilities().voice.webhooks.answer_url.address), /^http:\/\/127\.0\.0\.1:\d+\/webhooks\//);
    await eventually(() => yes.messages.some((m) => /^The webhooks of "Webhook App" now come to this editor \(http:\/\/127\.0\.0\.1:\d+\); stopping the webhook server puts them back\.$/.test(m.text)), 'said');
  });

  it('the sandbox calls the server: the answer NCCO from ncco.json filled from the request, every callback recorded and checked (✓ once the signature secret is set)', async () => {
    fs.writeFileSync(nccoFile(), JSON.stringify([{ action: 'talk', text: 'Hello {{from_user}}, this is {{to}} in room {{custom_data.room}}.' }]));
    assert.deepStrictEqual(await run('vonage.setSignatureSecret', { secret: env.sandbox.signatureSecret() }), { apiKey: env.sandbox.apiKey });
    await run('vonage.routeWebhooks', { applicationId: appId });
    const call = await inboundCall();
    await finish();
    const answer = sandboxWebhooks().find((h) => h.kind === 'answer')!;
    assert.deepStrictEqual([answer.status, answer.method, answer.signed], [200, 'GET', true]);
    assert.deepStrictEqual(JSON.parse(answer.responseBody), [{ action: 'talk', text: 'Hello alice, this is 447700900001 in room blue.' }]);
    assert.ok(env.sandbox.voice.call(call.uuid), 'the call ran the NCCO');
    const listed = await run<Listed[]>('vonage.listWebhookRequests', { applicationId: appId });
    const kinds = new Set(listed.map((l) => l.kind));
    assert.ok(kinds.has('answer') && kinds.has('event') && kinds.has('rtc'), `answer, voice events and rtc events: ${[...kinds].join(', ')}`);
    assert.ok(listed.every((l) => l.signature === 'valid'), JSON.stringify(listed.filter((l) => l.signature !== 'valid')));
    assert.ok(listed.every((l, i) => i === 0 || l.time <= listed[i - 1].time), 'newest first');
    const first = listed[listed.length - 1];
    assert.deepStrictEqual([first.kind, first.method, first.status, first.callUuid, first.conversationUuid], ['answer', 'GET', 200, call.uuid, call.conversationUuid]);
    assert.deepStrictEqual(await run('vonage.listWebhookRequests', { applicationId: 'another' }), []);
    assert.ok(listed.some((l) => l.kind === 'event' && records().find((r) => r.id === l.id)?.request.body.includes('"status":"completed"')), 'the call completed');
    // the Webhooks view: one call, newest first; the answer row says who called whom, 200 and ✓
    const groups = await w.tree.getChildren();
    assert.strictEqual(groups.length, 1);
    assert.strictEqual(labelOf(groups[0]), 'alice → +44 7700 900001', 'the number grouped as in the Numbers and Calls views');
    const rows = await w.tree.getChildren(groups[0]);
    assert.strictEqual(rows.length, listed.length);
    const answerRow = rows[rows.length - 1];
    assert.match(labelOf(answerRow), /^\d{2}:\d{2}:\d{2} {2}answer$/);
    assert.strictEqual(answerRow.description, 'alice → +44 7700 900001 · 200 · ✓');
    // its document: request line, headers, the Authorization header as its claims (never the token), the body, the answer
    const uri = await run<string>('vonage.openWebhookRequest', { id: first.id });
    const text = (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri))).getText();
    assert.match(text, new RegExp(`^# answer callback of application ${appId}, `));
    assert.match(text, new RegExp(`\\nGET /webhooks/${appId}/answer\\?to=447700900001&from_user=alice&uuid=${call.uuid}&`));
    assert.match(text, /\nauthorization: Bearer \(a signed JWT; its claims:\)\n {2}\{\n {4}"iat": \d+,[\s\S]*"iss": "Vonage",[\s\S]*"api_key": "/);
    assert.match(text, /# signature: ✓ valid\n/);
    assert.match(text, /### answer: 200, from the NCCO file, in [\d.]+ ms\ncontent-type: application\/json\n\n\[\n {2}\{\n {4}"action": "talk",/);
    assert.doesNotMatch(text, /eyJ[\w-]+\.eyJ/, 'never the token');
    await w.callbacks.flush();
    const stored = JSON.stringify((w.callbacks as unknown as { state: vscode.Memento }).state.get('vonage.webhooks.callbacks'));
    assert.ok(stored.includes(MARKER) && stored.includes('"iss":"Vonage"'), 'kept in workspace storage: the request, and the token\'s claims');
    assert.doesNotMatch(stored, /eyJ[\w-]+\.eyJ/, 'never the Authorization header\'s token itself');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', vscode.Uri.parse(uri));
    assert.deepStrictEqual(lenses.map((l) => l.command?.title), ['$(debug-rerun) Replay', '$(copy) Copy as curl']);
    assert.doesNotMatch(env.api.logText(), new RegExp(MARKER), 'callback bodies are shown, never logged');
    assert.match(env.api.logText(), new RegExp(`Webhook answer of application ${appId}: answered 200 \\(ncco-file\\), signature valid\\.`));
    const byHandUi = new QueuedUi();
    await byHand(env, byHandUi, 'vonage.listWebhookRequests');
    await eventually(() => w.view.visible, 'by hand it shows the Webhooks view');
  });

  it('signatures: signed but no secret set: "?" (not checked, not ✗), said once with Set Signature Secret; with another secret ✗ and the reason; rejectInvalidSignatures: 401, the sandbox falls back and the call fails', async () => {
    fs.writeFileSync(nccoFile(), '[{"action":"talk","text":"hi"}]');
    const setIt = new QueuedUi([env.sandbox.signatureSecret()]);
    let offered: string[] = [];
    setIt.warn = (text: string, ...actions: string[]) => {
      setIt.messages.push({ level: 'warn', text, actions });
      if (actions.includes('Set Signature Secret')) offered = [text];
      return Promise.resolve(undefined);
    };
    env.api.setUi(setIt);
    await run('vonage.routeWebhooks', { applicationId: appId });
    await inboundCall();
    await finish();
    const notChecked = `Signed, but not checked: no signature secret is set for the account ${env.sandbox.apiKey} in this editor (Vonage: Set Signature Secret).`;
    const noSecret = records().find((r) => r.request.kind === 'answer')!;
    assert.deepStrictEqual([noSecret.signature.verdict, noSecret.signature.reason, noSecret.answer.status], ['unchecked', notChecked, 200]);
    assert.ok(records().every((r) => r.signature.verdict === 'unchecked'), 'every signed callback: not checked');
    const listedNoSecret = (await run<Listed[]>('vonage.listWebhookRequests', {})).find((l) => l.kind === 'answer')!;
    assert.deepStrictEqual([listedNoSecret.signature, listedNoSecret.reason], ['unchecked', notChecked]);
    const unchecked = (await w.tree.getChildren(w.tree.groups()[0])).find((r) => labelOf(r).endsWith('answer'))!;
    assert.match(String(unchecked.description), / · 200 · \?$/);
    assert.strictEqual((unchecked.iconPath as vscode.ThemeIcon).color?.id, undefined, 'not red: nothing is wrong with it');
    await eventually(() => offered.length > 0, 'said, with Set Signature Secret');
    const saidNotChecked = setIt.messages.filter((m) => m.actions.includes('Set Signature Secret'));
    assert.deepStrictEqual(saidNotChecked.map((m) => m.text), [`Callbacks for the account ${env.sandbox.apiKey} are signed, but no signature secret is set in this editor, so their signatures are not checked (marked ?). Set it from the dashboard's settings page.`], 'said once, not per callback');

    const choose = new QueuedUi([env.sandbox.signatureSecret()]);
    choose.warn = (text: string, ...actions: string[]) => { choose.messages.push({ level: 'warn', text, actions }); return Promise.resolve(actions.includes('Set Signature Secret') ? 'Set Signature Secret' : undefined); };
    await run('vonage.stopWebhooks');
    await w.callbacks.clear();
    await setConfig('vonage.webhooks.rejectInvalidSignatures', true);
    env.api.setUi(choose);
    await run('vonage.routeWebhooks', { applicationId: appId });
    const refusedCall = await inboundCall();
    await finish();
    const refusedAnswer = sandboxWebhooks().filter((h) => h.kind === 'answer').pop()!;
    assert.strictEqual(refusedAnswer.status, 401, 'rejectInvalidSignatures on: what cannot be checked is not let through');
    assert.strictEqual(env.sandbox.voice.call(refusedCall.uuid)?.status, 'failed');
    await eventually(() => choose.messages.some((m) => m.text === `Callbacks for the account ${env.sandbox.apiKey} are signed, but no signature secret is set in this editor, so their signatures are not checked (marked ?). vonage.webhooks.rejectInvalidSignatures is on, so they are answered 401 until you set it.`), 'said why every callback gets 401');
    await eventually(async () => await w.secrets.get(env.baseUrl, env.sandbox.apiKey) === env.sandbox.signatureSecret(), 'Set Signature Secret asked for it and kept it');
    const accepted = await inboundCall();
    await finish();
    assert.strictEqual(sandboxWebhooks().filter((h) => h.kind === 'answer').pop()!.status, 200, 'once set, they are checked (✓) and answered');
    assert.strictEqual(env.sandbox.voice.call(accepted.uuid)?.status, 'completed');

    await w.callbacks.clear();
    await run('vonage.setSignatureSecret', { secret: 'not-the-accounts-secret' });
    const call = await inboundCall();
    await finish();
    const answer = sandboxWebhooks().filter((h) => h.kind === 'answer').pop()!;
    assert.strictEqual(answer.status, 401);
    assert.strictEqual(JSON.parse(answer.responseBody).detail, `The signature does not match the signature secret of the account ${env.sandbox.apiKey}.`);
    assert.strictEqual(env.sandbox.voice.call(call.uuid)?.status, 'failed', 'no NCCO: the call failed, as Vonage fails it');
    const rejected = (await run<Listed[]>('vonage.listWebhookRequests', {})).find((l) => l.kind === 'answer')!;
    assert.deepStrictEqual([rejected.status, rejected.signature, rejected.reason], [401, 'invalid', `The signature does not match the signature secret of the account ${env.sandbox.apiKey}.`]);
    const row = (await w.tree.getChildren(w.tree.groups()[0])).find((r) => labelOf(r).endsWith('answer'))!;
    assert.match(String(row.description), / · 401 · ✗$/);
  });

  it('no NCCO file: a short talk NCCO saying so (the call still runs), and a notification, once, whose action writes one (New NCCO File)', async () => {
    await run('vonage.routeWebhooks', { applicationId: appId });
    const ui = new QueuedUi();
    env.api.setUi(ui);
    await inboundCall();
    await finish();
    await inboundCall();
    await finish();
    const answers = sandboxWebhooks().filter((h) => h.kind === 'answer');
    assert.deepStrictEqual(JSON.parse(answers[0].responseBody), [{ action: 'talk', text: 'This call reached Visual Studio Code, but there is no ncco dot json in the workspace to answer with yet.' }]);
    const said = () => ui.messages.filter((m) => m.text.startsWith('There is no ncco.json in the workspace to answer with.'));
    await eventually(() => said().length > 0, 'said');
    assert.strictEqual(said().length, 1, 'said once per server run');
    assert.deepStrictEqual(said()[0].actions, ['Create ncco.json']);

    await run('vonage.stopWebhooks');
    const create = new QueuedUi();
    create.info = (text: string, ...actions: string[]) => { create.messages.push({ level: 'info', text, actions }); return Promise.resolve(actions.includes('Create ncco.json') ? 'Create ncco.json' : undefined); };
    env.api.setUi(create);
    await run('vonage.routeWebhooks', { applicationId: appId });
    await inboundCall();
    await finish();
    await eventually(() => fs.existsSync(nccoFile()), 'Create ncco.json wrote the starter file');
    await eventually(() => vscode.window.activeTextEditor?.document.uri.fsPath === nccoFile(), 'and opened it');
    await inboundCall();
    await finish();
    const served = records().filter((r) => r.request.kind === 'answer').pop()!;
    assert.strictEqual(served.answer.source, 'ncco-file', 'the next call is answered from it');
    assert.deepStrictEqual(JSON.parse(served.answer.body), JSON.parse(fs.readFileSync(nccoFile(), 'utf8')));

    const broken = new QueuedUi();
    env.api.setUi(broken);
    fs.writeFileSync(nccoFile(), '[{"action": "talk", "text": "unfinished"');
    await inboundCall();
    await finish();
    assert.strictEqual(records().filter((r) => r.request.kind === 'answer').pop()!.answer.source, 'bad-ncco-file');
    await eventually(() => broken.messages.some((m) => m.level === 'warn' && m.text === 'ncco.json is not valid JSON: a } is missing before line 1, column 41. The call heard a short message saying so.'), 'the mistake is named, in words, with where');
    fs.writeFileSync(nccoFile(), '[{"action": "talk",\n  "text": private-words-4c1d}]');
    await inboundCall();
    await finish();
    const quoted = records().filter((r) => r.request.kind === 'answer').pop()!;
    assert.strictEqual(quoted.answer.note, 'ncco.json is not valid JSON: there is something JSON does not allow (names and texts go in double quotes; true, false and null in lower case) at line 2, column 11.');
    await eventually(() => broken.messages.some((m) => m.text.startsWith('ncco.json is not valid JSON: there is something JSON does not allow')), 'said');
    await w.callbacks.flush();
    const storedNotes = JSON.stringify((w.callbacks as unknown as { state: vscode.Memento }).state.get('vonage.webhooks.callbacks'));
    assert.ok(!broken.messages.some((m) => m.text.includes('private-wo')) && !storedNotes.includes('private-wo'), 'no text of the file in what is said or kept');
    fs.writeFileSync(nccoFile(), '[{"action": "connect", "endpoint": [{"type": "app"}]}]');
    await inboundCall();
    await finish();
    await eventually(() => broken.messages.some((m) => m.level === 'warn' && m.text === 'ncco.json is not an NCCO Vonage would run: Action 1 (connect): "endpoint[0]" needs "user". The call heard a short message saying so.'), 'the schema\'s finding, naming the action and the field');
  });

  it('forwarding: your server gets each callback at its original path with the query, headers and signature; its NCCO is what runs; a server that stops answering: 502 and one warning', async () => {
    const seen: { method: string; url: string; authorization?: string; body: string }[] = [];
    const dev = await devServer((req) => {
      seen.push(req);
      return req.url.startsWith('/webhooks/answer')
        ? { status: 200, body: JSON.stringify([{ action: 'talk', text: 'From my own server' }]), type: 'application/json' }
        : { status: 204, body: '' };
    });
    try {
      await run('vonage.startWebhooks', { forwardTo: dev.url });
      await run('vonage.routeWebhooks', { applicationId: appId });
      await inboundCall();
      await finish();
      const answerSeen = seen.find((r) => r.url.startsWith('/webhooks/answer?'))!;
      assert.ok(answerSeen, `the answer request reached /webhooks/answer (the original address's path): ${seen.map((r) => r.url).join(', ')}`);
      assert.match(answerSeen.url, /^\/webhooks\/answer\?to=447700900001&from_user=alice&uuid=/);
      assert.match(answerSeen.authorization ?? '', /^Bearer eyJ/, 'your server can check the signature itself');
      assert.ok(seen.some((r) => r.method === 'POST' && r.url === '/webhooks/event' && r.body.includes('"status"')), 'events at /webhooks/event');
      assert.ok(seen.some((r) => r.method === 'POST' && r.url === '/webhooks/rtc'), 'rtc events at /webhooks/rtc');
      const answer = sandboxWebhooks().find((h) => h.kind === 'answer')!;
      assert.deepStrictEqual([answer.status, JSON.parse(answer.responseBody)], [200, [{ action: 'talk', text: 'From my own server' }]]);
      assert.ok(records().every((r) => r.answer.source === 'forwarded'));
      const forwarded = records().find((r) => r.request.kind === 'answer')!;
      const doc = (await vscode.workspace.openTextDocument(vscode.Uri.parse(await run<string>('vonage.openWebhookRequest', { id: forwarded.id })))).getText();
      assert.match(doc, new RegExp(`\\n### answer: 200, by your server \\(forwarded to ${dev.url.replace(/\./g, '\\.')}/webhooks/answer\\), in [\\d.]+ ms\\n`), 'the document says where it was sent');
    } finally {
      await dev.close();
    }
    const ui = new QueuedUi();
    env.api.setUi(ui);
    await inboundCall();
    await finish();
    assert.strictEqual(sandboxWebhooks().filter((h) => h.kind === 'answer').pop()!.status, 502);
    const warnings = ui.messages.filter((m) => m.level === 'warn' && /^Nothing answers at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)/.test(m.text));
    assert.strictEqual(warnings.length, 1, 'said once, not per callback');
  });

  it('forwarding, a webhook that had no address before the routing (here the RTC event URL): answered here, never sent to a path made up for it; its document says so', async () => {
    const noRtcAddress: Json = structuredClone(ORIGINAL);
    delete noRtcAddress.rtc.webhooks;
    await resetApplication(noRtcAddress);
    const seen: string[] = [];
    const dev = await devServer((req) => {
      seen.push(`${req.method} ${req.url}`);
      return req.url.startsWith('/webhooks/answer') ? { status: 200, body: '[{"action":"talk","text":"mine"}]', type: 'application/json' } : { status: 204, body: '' };
    });
    try {
      await run('vonage.startWebhooks', { forwardTo: dev.url });
      const { changed } = await run<{ changed: Change[] }>('vonage.routeWebhooks', { applicationId: appId });
      assert.deepStrictEqual(changed.find((c) => c.webhook === 'rtcEventUrl')?.from, null, 'the RTC event URL had no address');
      await inboundCall();
      await finish();
      const rtc = records().filter((r) => r.request.kind === 'rtc');
      assert.ok(rtc.length > 0, 'rtc events arrived');
      assert.ok(!seen.some((r) => r.includes('/rtc')), `your server was never asked at a made-up path: ${seen.join(', ')}`);
      assert.ok(rtc.every((r) => r.answer.status === 200 && r.answer.source === 'event'), 'recorded and answered 200 here');
      const note = 'Not forwarded: the RTC event URL of this application had no address before it was routed here, so your server has no path for it. Answered here.';
      assert.ok(rtc.every((r) => r.answer.note === note), JSON.stringify(rtc.map((r) => r.answer.note)));
      const doc = (await vscode.workspace.openTextDocument(vscode.Uri.parse(await run<string>('vonage.openWebhookRequest', { id: rtc[0].id })))).getText();
      assert.match(doc, new RegExp(`\\n### answer: 200, recorded, in [\\d.]+ ms\\n# ${note.replace(/[.()]/g, '\\$&')}\\n`));
      assert.ok(seen.some((r) => r.startsWith('GET /webhooks/answer?')) && seen.some((r) => r === 'POST /webhooks/event'), 'the others still went to your server');
    } finally {
      await dev.close();
    }
  });

  it('the Replay and Copy as curl CodeLenses, and a click on a row, act for the person who clicked: the replay document and a message; a problem shown, never thrown', async () => {
    fs.writeFileSync(nccoFile(), JSON.stringify([{ action: 'talk', text: 'hi {{from_user}}' }]));
    await run('vonage.routeWebhooks', { applicationId: appId });
    await inboundCall();
    await finish();
    const answer = records().find((r) => r.request.kind === 'answer')!;
    const uri = vscode.Uri.parse(await run<string>('vonage.openWebhookRequest', { id: answer.id }));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const [replayLens, curlLens] = lenses.map((l) => l.command!);
    const click = (c: vscode.Command) => vscode.commands.executeCommand(c.command, ...(c.arguments ?? []) as unknown[]);
    const ui = new QueuedUi();
    env.api.setUi(ui);
    await click(replayLens);
    await eventually(() => ui.messages.some((m) => m.level === 'info' && m.text === 'Replayed (without Vonage\'s signature) against ncco.json: answered 200.'), 'said');
    const replay = records().find((r) => r.replayOf === answer.id);
    assert.ok(replay, 'replayed');
    await eventually(() => vscode.window.activeTextEditor?.document.uri.path.startsWith(`/${replay.id}/`) === true, 'the replay\'s document opens');
    await click(curlLens);
    await eventually(() => ui.messages.some((m) => m.level === 'info' && m.text.startsWith('Copied as curl')), 'said');
    const row = (await w.tree.getChildren(w.tree.groups()[0])).find((r) => r.id === `callback:${answer.id}`)!;
    await run('vonage.stopWebhooks');
    assert.strictEqual(await click(replayLens), undefined, 'not thrown');
    await eventually(() => ui.messages.some((m) => m.level === 'error' && m.text === 'The webhook server is not running: start it first (Vonage: Start Webhook Server), then replay.'), 'shown');
    await w.callbacks.clear();
    assert.strictEqual(await click(row.command!), undefined, 'not thrown');
    await eventually(() => ui.messages.some((m) => m.level === 'error' && m.text === `The callback ${answer.id} is no longer kept (Clear, or more than the last 500).`), 'shown');
  });

  it('Replay (to the NCCO file), Copy as curl (no credentials), Open, Clear: scripted and from the view', async () => {
    fs.writeFileSync(nccoFile(), JSON.stringify([{ action: 'talk', text: 'v1 for {{from_user}}' }]));
    await run('vonage.setSignatureSecret', { secret: env.sandbox.signatureSecret() });
    await run('vonage.routeWebhooks', { applicationId: appId });
    await inboundCall();
    await finish();
    const answer = records().find((r) => r.request.kind === 'answer')!;
    fs.writeFileSync(nccoFile(), JSON.stringify([{ action: 'talk', text: 'v2 for {{from_user}}' }]));
    const replay = await run<{ id: string; status: number }>('vonage.replayWebhookRequest', { id: answer.id });
    const again = w.callbacks.get(replay.id)!;
    assert.deepStrictEqual([replay.status, again.replayOf, again.signature.verdict, again.answer.body], [200, answer.id, 'unsigned', '[{"action":"talk","text":"v2 for alice"}]']);
    const curl = await within(run<string>('vonage.copyWebhookRequestAsCurl', { id: answer.id }), 10_000);
    assert.match(curl ?? '', new RegExp(`^curl -X GET 'http://127\\.0\\.0\\.1:\\d+/webhooks/${appId}/answer\\?to=447700900001&from_user=alice&`));
    assert.doesNotMatch(curl ?? '', /authorization|eyJ/i, 'no credentials');
    assert.strictEqual(await within(vscode.env.clipboard.readText(), 2000), curl);
    const row = (await w.tree.getChildren(w.tree.groups()[0])).find((r) => r.id === `callback:${answer.id}`)!;
    const ui = new QueuedUi();
    await byHand(env, ui, 'vonage.replayWebhookRequest', row);
    await eventually(() => ui.messages.some((m) => m.text === 'Replayed (without Vonage\'s signature) against ncco.json: answered 200.'), 'said');
    await eventually(() => vscode.window.activeTextEditor?.document.uri.scheme === 'vonage-webhook', 'the replay\'s document opens');
    await byHand(env, ui, 'vonage.copyWebhookRequestAsCurl', row);
    await byHand(env, ui, 'vonage.openWebhookRequest', row);
    const cleared = await run<{ cleared: number }>('vonage.clearWebhookRequests', {});
    assert.ok(cleared.cleared >= 3);
    assert.deepStrictEqual(await w.tree.getChildren(), []);
    await runFails('vonage.replayWebhookRequest', { id: answer.id }, /is no longer kept/);
    await run('vonage.stopWebhooks');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await runFails('vonage.replayWebhookRequest', {}, /Say which callback/);
  });

  it('the last 500 callbacks are kept in workspace storage, across reloads', async () => {
    await run('vonage.routeWebhooks', { applicationId: appId });
    const url = `${w.host.running!.url}/webhooks/${appId}/event`;
    for (let i = 0; i < 510; i++) await fetch(url, { method: 'POST', body: JSON.stringify({ status: 'ringing', n: i }) });
    assert.strictEqual(records().length, 500);
    await w.callbacks.flush();
    const stored = (w.callbacks as unknown as { state: vscode.Memento }).state.get<{ request: { body: string } }[]>('vonage.webhooks.callbacks')!;
    assert.strictEqual(stored.length, 500);
    assert.strictEqual(JSON.parse(stored[0].request.body).n, 10, 'the oldest went first');
  });

  it('restoreWebhooks: put back exactly; changed elsewhere: {restored: false, reason}, by hand a choice; force; deleted meanwhile: restored, and said in the log', async () => {
    await run('vonage.routeWebhooks', { applicationId: appId });
    assert.deepStrictEqual(await run('vonage.restoreWebhooks', { applicationId: appId }), { restored: true });
    assert.deepStrictEqual(capabilities(), ORIGINAL);
    await runFails('vonage.restoreWebhooks', { applicationId: appId }, /^Nothing is saved for application .+: its webhooks were not routed to this editor\.$/);

    await run('vonage.routeWebhooks', { applicationId: appId });
    const elsewhere: Json = structuredClone(capabilities());
    elsewhere.voice.webhooks.answer_url.address = 'https://someone-else.example/answer';
    await resetApplication(elsewhere);
    const refused = await run<{ restored: boolean; reason: string }>('vonage.restoreWebhooks', { applicationId: appId });
    const changedElsewhere = 'Application "Webhook App" was changed elsewhere since its webhooks were routed here: its voice answer URL is now https://someone-else.example/answer.';
    assert.deepStrictEqual(refused, {
      restored: false, putBack: ['voiceEventUrl', 'rtcEventUrl'],
      reason: `${changedElsewhere} Its voice event URL and RTC event URL are back to their own addresses; the voice answer URL is left as it is.`,
    });
    const partly: Json = structuredClone(ORIGINAL);
    partly.voice.webhooks.answer_url.address = 'https://someone-else.example/answer';
    assert.deepStrictEqual(capabilities(), partly, 'what nobody changed is back; the changed one is left as it is');
    assert.deepStrictEqual(w.routes.find(env.baseUrl, env.sandbox.apiKey, appId)?.webhooks.map((s) => s.webhook), ['voiceAnswerUrl'], 'only the changed one stays saved');
    const keep = new QueuedUi();
    keep.warn = (text: string, ...actions: string[]) => { keep.messages.push({ level: 'warn', text, actions }); return Promise.resolve('Keep It as It Is'); };
    assert.deepStrictEqual(await byHand(env, keep, 'vonage.restoreWebhooks', { applicationId: appId, interactive: true }), { restored: false, reason: changedElsewhere });
    assert.deepStrictEqual(keep.messages[0], {
      level: 'warn', actions: ['Put Back Anyway', 'Keep It as It Is'],
      text: `${changedElsewhere} Put back what it had before the routing (voice answer URL: https://mine.example/webhooks/answer) anyway?`,
    });
    await eventually(() => keep.messages.some((m) => m.level === 'info' && m.text === 'Kept the voice answer URL of "Webhook App" as it is now; forgot the address from before the routing (https://mine.example/webhooks/answer). Nothing of it points at this editor any more.'), 'said what was kept, and what was forgotten');
    assert.strictEqual(w.routes.find(env.baseUrl, env.sandbox.apiKey, appId), undefined, 'kept as it is: the saved address forgotten');
    assert.deepStrictEqual(capabilities(), partly, 'nothing changed at Vonage by keeping');

    await resetApplication();
    await run('vonage.routeWebhooks', { applicationId: appId });
    await resetApplication(elsewhere);
    assert.deepStrictEqual(await run('vonage.restoreWebhooks', { applicationId: appId, force: true }), { restored: true });
    assert.deepStrictEqual(capabilities(), ORIGINAL, 'forced: the originals');

    await run('vonage.routeWebhooks', { applicationId: appId });
    const pick = new QueuedUi(['Webhook App']);
    assert.deepStrictEqual(await byHand(env, pick, 'vonage.restoreWebhooks'), { restored: true });
    await eventually(() => pick.messages.some((m) => m.text === 'The webhooks of "Webhook App" are back to their own addresses.'), 'said');

    const other = (await run<{ id: string }>('vonage.createApplication', { name: 'Short-lived', voiceAnswerUrl: 'https://mine.example/a', voiceEventUrl: 'https://mine.example/e' })).id;
    await run('vonage.routeWebhooks', { applicationId: other });
    assert.strictEqual(await deleteElsewhere(env.sandbox, `/v2/applications/${other}`), 204);
    assert.deepStrictEqual(await run('vonage.restoreWebhooks', { applicationId: other }), { restored: true });
    assert.match(env.api.logText(), new RegExp(`Application ${other} was already deleted \\(404\\): its webhooks need no putting back`));
  });

  it('stopWebhooks with an application changed elsewhere meanwhile: the webhooks nobody changed go back, none is left on the stopped server; the changed one waits for Restore Webhooks', async () => {
    await run('vonage.routeWebhooks', { applicationId: appId });
    const elsewhere: Json = structuredClone(capabilities());
    elsewhere.voice.webhooks.answer_url.address = 'https://colleague.example.com/answer';
    await resetApplication(elsewhere);
    const ui = new QueuedUi();
    const stopped = await byHand<{ restored: string[]; notRestored: { applicationId: string; reason: string }[] }>(env, ui, 'vonage.stopWebhooks');
    const reason = 'Application "Webhook App" was changed elsewhere since its webhooks were routed here: its voice answer URL is now https://colleague.example.com/answer. Its voice event URL and RTC event URL are back to their own addresses; the voice answer URL is left as it is.';
    assert.deepStrictEqual(stopped, { restored: [], notRestored: [{ applicationId: appId, reason }] });
    const partly: Json = structuredClone(ORIGINAL);
    partly.voice.webhooks.answer_url.address = 'https://colleague.example.com/answer';
    assert.deepStrictEqual(capabilities(), partly, 'the event URLs are back: nothing points at the stopped server');
    await eventually(() => ui.messages.some((m) => m.level === 'warn' && m.text === `Not put back: ${reason}` && m.actions[0] === 'Restore Webhooks…'), 'said, with Restore Webhooks');
    const anyway = new QueuedUi(['Webhook App']);
    anyway.warn = (text: string, ...actions: string[]) => { anyway.messages.push({ level: 'warn', text, actions }); return Promise.resolve('Put Back Anyway'); };
    assert.deepStrictEqual(await byHand(env, anyway, 'vonage.restoreWebhooks'), { restored: true });
    assert.deepStrictEqual(capabilities(), ORIGINAL, 'put back anyway: the original answer URL too');
  });

  it('stopWebhooks puts back every application routed here (both forms)', async () => {
    const second = (await run<{ id: string }>('vonage.createApplication', { name: 'Second App', voiceAnswerUrl: 'https://second.example/a', voiceEventUrl: 'https://second.example/e' })).id;
    try {
      await run('vonage.routeWebhooks', { applicationId: appId });
      await run('vonage.routeWebhooks', { applicationId: second });
      const ui = new QueuedUi();
      const result = await byHand<{ restored: string[] }>(env, ui, 'vonage.stopWebhooks');
      assert.deepStrictEqual(result.restored.sort(), [appId, second].sort());
      assert.deepStrictEqual(capabilities(), ORIGINAL);
      assert.strictEqual((env.sandbox.application(second)!.capabilities as Json).voice.webhooks.answer_url.address, 'https://second.example/a');
      await eventually(() => ui.messages.some((m) => /^Stopped the webhook server; the webhooks of "(Webhook App|Second App)", "(Webhook App|Second App)" are back to their own addresses\.$/.test(m.text)), 'said');
      assert.deepStrictEqual(w.routes.all(), []);
    } finally {
      await deleteElsewhere(env.sandbox, `/v2/applications/${second}`);
    }
  });

  /** The entry as a window that is not this one left it: that window's id, its extension host's process id. */
  const leftBy = (entry: RoutedApplication, window: string, pid: number): RoutedApplication => ({ ...entry, owner: window, ownerPid: pid });
  /** A process that has exited: the extension host of a window that is gone. */
  const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid;

  it('a window that closed or crashed while routed: the saved state is found at the next start, put back, and said; another live window\'s is left alone', async () => {
    await run('vonage.routeWebhooks', { applicationId: appId });
    const routed = structuredClone(capabilities());
    const mine = w.routes.find(env.baseUrl, env.sandbox.apiKey, appId)!;
    await w.routes.save(leftBy(mine, 'closed-window', deadPid()));
    await w.routes.save(leftBy({ ...mine, applicationId: 'another-window-app' }, 'live-window', process.ppid));
    await w.routes.beat('live-window'); // that window is alive: its heartbeat is fresh
    await run('vonage.stopWebhooks'); // this window's server goes; the entry is not its own any more
    assert.deepStrictEqual(capabilities(), routed, 'still pointing at the dead server');
    const ui = new QueuedUi();
    env.api.setUi(ui);
    assert.deepStrictEqual(await w.recoverLeftBehind(), [appId]);
    assert.deepStrictEqual(capabilities(), ORIGINAL);
    await eventually(() => ui.messages.some((m) => m.level === 'info' && m.text === 'Vonage: a window closed while the webhooks of "Webhook App" pointed at it; they are back to their own addresses.'), 'said');
    assert.deepStrictEqual(w.routes.all().map((r) => r.applicationId), ['another-window-app'], 'a live window\'s routing is its own');
  });

  it('a window that crashed, whose process id another live process has since: still found (its heartbeat stopped) and put back', async () => {
    await run('vonage.routeWebhooks', { applicationId: appId });
    const mine = w.routes.find(env.baseUrl, env.sandbox.apiKey, appId)!;
    await w.routes.save(leftBy(mine, 'crashed-window', process.ppid)); // a live process, not that window's extension host
    await run('vonage.stopWebhooks');
    assert.notDeepStrictEqual(capabilities(), ORIGINAL, 'still pointing at the dead server');
    assert.deepStrictEqual(await w.recoverLeftBehind(), [appId]);
    assert.deepStrictEqual(capabilities(), ORIGINAL);
  });

  it('at start, an application left routed that cannot be put back (changed elsewhere meanwhile) is said once, not at every later try; what nobody changed is put back', async () => {
    await run('vonage.routeWebhooks', { applicationId: appId });
    const elsewhere: Json = structuredClone(capabilities());
    elsewhere.voice.webhooks.answer_url.address = 'https://colleague.example.com/answer';
    await resetApplication(elsewhere);
    await w.routes.save(leftBy(w.routes.find(env.baseUrl, env.sandbox.apiKey, appId)!, 'closed-window', deadPid()));
    await run('vonage.stopWebhooks');
    const ui = new QueuedUi();
    env.api.setUi(ui);
    assert.deepStrictEqual(await w.recoverLeftBehind(), []);
    assert.deepStrictEqual(await w.recoverLeftBehind(), [], 'tried again (as the start does over its first minute)');
    const partly: Json = structuredClone(ORIGINAL);
    partly.voice.webhooks.answer_url.address = 'https://colleague.example.com/answer';
    assert.deepStrictEqual(capabilities(), partly, 'the webhooks nobody changed are back');
    await eventually(() => ui.messages.some((m) => m.level === 'warn'), 'said');
    assert.deepStrictEqual(ui.messages.filter((m) => m.level === 'warn').map((m) => [m.text, m.actions]), [[
      'Vonage: a window closed while webhooks pointed at it, and they could not all be put back. Application "Webhook App" was changed elsewhere since its webhooks were routed here: its voice answer URL is now https://colleague.example.com/answer. Its voice event URL and RTC event URL are back to their own addresses; the voice answer URL is left as it is.',
      ['Restore Webhooks…'],
    ]], 'once, with the command that offers the choice');
    assert.ok(w.routes.find(env.baseUrl, env.sandbox.apiKey, appId), 'still saved, for Restore Webhooks');
  });

  it('setSignatureSecret by hand: a password box (with the dashboard a click away); scripted without one: refused', async () => {
    const ui = new QueuedUi(['has space', env.sandbox.signatureSecret()]);
    assert.deepStrictEqual(await byHand(env, ui, 'vonage.setSignatureSecret'), { apiKey: env.sandbox.apiKey });
    assert.strictEqual(ui.asked[0].validation, 'A signature secret has no spaces: copy it again from the dashboard\'s settings page.');
    assert.strictEqual(await w.secrets.get(env.baseUrl, env.sandbox.apiKey), env.sandbox.signatureSecret());
    await runFails('vonage.setSignatureSecret', {}, /^Give the signature secret \(secret\)/);
    assert.ok(!env.api.logText().includes(env.sandbox.signatureSecret()));
  });

  describe('tunnels (stand-ins that print what the real programs print)', () => {
    let dir: string;
    beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vonage-tunnels-')); });
    afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

    const cases: { program: StandInProgram; how: 'PATH' | 'setting path' | 'setting name' }[] = [
      { program: 'cloudflared', how: 'PATH' },
      { program: 'ngrok', how: 'setting path' },
      { program: 'devtunnel', how: 'setting name' },
    ];
    for (const { program, how } of cases) {
      it(`${program} (${how === 'PATH' ? 'found first on PATH' : `named in vonage.webhooks.tunnel, by ${how === 'setting path' ? 'path' : 'name'}`}): its URL read from its own output; stopping the server stops it and puts back`, async () => {
        const file = writeStandIn(dir, program);
        if (how === 'PATH' || how === 'setting name') process.env.PATH = `${dir}${path.delimiter}${originalPath ?? ''}`;
        if (how === 'setting path') await setConfig('vonage.webhooks.tunnel', file);
        if (how === 'setting name') await setConfig('vonage.webhooks.tunnel', program);
        const { changed } = await run<{ changed: Change[] }>('vonage.routeWebhooks', { applicationId: appId, tunnel: true });
        const url = standInUrl(program, w.host.running!.port);
        assert.strictEqual(changed[0].to, `${url}/webhooks/${appId}/answer`);
        assert.strictEqual(capabilities().voice.webhooks.answer_url.address, `${url}/webhooks/${appId}/answer`);
        const pid = w.host.tunnel!.pid!;
        assert.ok(alive(pid));
        assert.deepStrictEqual(await run('vonage.stopWebhooks'), { restored: [appId] });
        await eventually(() => !alive(pid), `${program} stopped with the server`);
        assert.deepStrictEqual(capabilities(), ORIGINAL);
      });
    }

    it('a tunnel that dies: said at once, and the applications routed through it are put back', async () => {
      writeStandIn(dir, 'cloudflared');
      process.env.PATH = `${dir}${path.delimiter}${originalPath ?? ''}`;
      const ui = new QueuedUi();
      env.api.setUi(ui);
      await run('vonage.routeWebhooks', { applicationId: appId, tunnel: true });
      process.kill(w.host.tunnel!.pid!, 'SIGKILL');
      await eventually(() => ui.messages.some((m) => m.level === 'warn' && /^Vonage: cloudflared stopped \(it was ended\): Vonage can no longer reach this editor through https:\/\/gentle-river-stand-in-\d+\.trycloudflare\.com\. Putting the webhooks of "Webhook App" back\.$/.test(m.text)), 'said at once');
      await eventually(() => capabilities().voice.webhooks.answer_url.address === ORIGINAL.voice.webhooks.answer_url.address, 'put back', 10_000);
      assert.deepStrictEqual(capabilities(), ORIGINAL);
      await eventually(() => ui.messages.some((m) => m.text === 'Vonage: the webhooks of "Webhook App" are back to their own addresses.'), 'and said');
      assert.ok(w.host.running, 'the server itself still runs');
    });

    it('a tunnel still starting when the server stops: the program is ended, the routing cancelled, nothing changed at Vonage', async () => {
      await setConfig('vonage.webhooks.tunnel', writeStandIn(dir, 'cloudflared', { mode: 'silent' }));
      const pidFile = path.join(dir, 'pid');
      process.env.STAND_IN_PID_FILE = pidFile; // the extension host's environment: the tunnel program's
      try {
        const routing = run('vonage.routeWebhooks', { applicationId: appId, tunnel: true });
        await eventually(() => fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8') !== '', 'the tunnel program runs, with no URL yet', 10_000);
        const pid = Number(fs.readFileSync(pidFile, 'utf8'));
        await run('vonage.stopWebhooks');
        assert.strictEqual(await routing, undefined, 'cancelled, silently');
        await eventually(() => !alive(pid), 'the tunnel program was ended with the server');
      } finally {
        delete process.env.STAND_IN_PID_FILE;
      }
      assert.strictEqual(w.host.running, undefined);
      assert.strictEqual(puts(), 0);
      assert.deepStrictEqual(capabilities(), ORIGINAL);
    });

    it('a tunnel that does not start, or none installed: one sentence, nothing changed at Vonage', async () => {
      await setConfig('vonage.webhooks.tunnel', writeStandIn(dir, 'cloudflared', { mode: 'fail' }));
      await runFails('vonage.routeWebhooks', { applicationId: appId, tunnel: true },
        /^cloudflared stopped before giving a public URL \(exit code 1\): it said ".*failed to request quick Tunnel: Post "https:\/\/api\.trycloudflare\.com\/tunnel".*"\. Nothing was changed at Vonage\.$/);
      await setConfig('vonage.webhooks.tunnel', 'ngrok');
      process.env.PATH = dir;
      await runFails('vonage.routeWebhooks', { applicationId: appId, tunnel: true }, /^The setting vonage\.webhooks\.tunnel names ngrok, but ngrok is not on PATH\. Install it \(see the README's Webhooks section\) or change the setting\.$/);
      await setConfig('vonage.webhooks.tunnel', undefined);
      process.env.PATH = fs.mkdtempSync(path.join(dir, 'empty-'));
      await runFails('vonage.routeWebhooks', { applicationId: appId, tunnel: true }, /^No tunnel program \(cloudflared, ngrok, devtunnel\) was found on PATH, and the setting vonage\.webhooks\.tunnel names none\./);
      assert.strictEqual(puts(), 0);
      assert.deepStrictEqual(capabilities(), ORIGINAL);
    });
  });
});

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

interface Seen { method: string; url: string; authorization?: string; body: string }

/** The developer's own server on 127.0.0.1 (a free port): records each request, answers as told. */
async function devServer(answer: (req: Seen) => { status: number; body: string; type?: string }): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      const a = answer({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
      res.writeHead(a.status, a.type ? { 'content-type': a.type } : {});
      res.end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
