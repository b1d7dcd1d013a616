// UI tier: a person routes an application's webhooks to the editor, watches a call's callbacks arrive in the
// Webhooks view and opens one, in a real VS Code workbench (code-server in headless Chromium) against the
// sandbox, which calls the extension's webhook server. Then the extension host restarts for real while the
// application is routed: the new one finds what the old one left, puts the webhooks back and says so; the
// callbacks are still there. In code-server the extension host runs on the server, and "Developer: Restart
// Extension Host" is a desktop command: for a remote window VS Code itself reloads the window to restart
// it (vs/workbench/contrib/relauncher: `if (environmentService.remoteAuthority) hostService.reload()`), so
// a person does "Developer: Reload Window", which ends the old extension host process and starts a new one. With UPDATE_SCREENSHOTS=1 it
// retakes the README's screenshots (docs/images/webhooks.png, docs/images/webhook-request.png).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { JWT_PATTERN, type Person, readmeShot, uiSuite } from './workbench';

const APP_NAME = 'UI Voice App';
const say = (line: string) => console.log(`      ${line}`);
const ORIGINAL = {
  voice: {
    webhooks: {
      answer_url: { address: 'https://voice.example.com/webhooks/answer', http_method: 'GET' },
      event_url: { address: 'https://voice.example.com/webhooks/event', http_method: 'POST' },
    },
    signed_callbacks: true,
  },
  rtc: { webhooks: { event_url: { address: 'https://voice.example.com/webhooks/rtc', http_method: 'POST' } }, signed_callbacks: true },
};

/** Drags the sidebar's edge to `width` pixels, wider or narrower. */
async function sidebarWidth(me: Person, width: number): Promise<void> {
  const box = await me.sidebar.boundingBox();
  if (!box) return;
  await me.page.mouse.move(box.x + box.width - 1, box.y + box.height / 2);
  await me.page.mouse.down();
  await me.page.mouse.move(box.x + width, box.y + box.height / 2, { steps: 8 });
  await me.page.mouse.up();
}

describe('UI: webhooks routed to the editor, a call\'s callbacks, and back after the extension host restarts', function () {
  const ui = uiSuite('vonage-ui-webhooks-', { 'git.enabled': false });
  let appId = '';
  const sandboxApp = () => ui.wb.sandbox.application(appId)!;

  /** Collapses a section of the Vonage view (so the Webhooks section has the room). */
  async function collapseSection(name: string): Promise<void> {
    const header = ui.me.vonageView().locator('.pane-header').filter({ hasText: new RegExp(`^\\s*${name}`, 'i') }).first();
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }

  /** Straight to the sandbox's API ("elsewhere"), with the account's key and secret. */
  async function elsewhere(method: string, urlPath: string, body?: unknown): Promise<Response> {
    const { sandbox } = ui.wb;
    const auth = Buffer.from(`${sandbox.apiKey}:${sandbox.apiSecret}`).toString('base64');
    return fetch(`${sandbox.url}${urlPath}`, { method, headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  it('signs in, creates an application with voice (answer, event and RTC event URLs of its own) and a user alice, whose app logs in', async function () {
    const { me, wb } = ui;
    await me.openVonageView();
    await me.signIn(wb.sandbox.apiKey, wb.sandbox.apiSecret);
    await me.createApplication(APP_NAME);
    await me.createUserFromTree(APP_NAME, 'alice', 'Alice');
    await me.generateUserJwt(APP_NAME, 'alice');
    const token = JWT_PATTERN.exec(await me.editorText())![0];
    await me.palette('View: Revert and Close Editor'); // the token stays out of the pictures
    const login = await fetch(`${wb.sandbox.url}/_sandbox/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    assert.strictEqual(login.status, 201, 'alice\'s Client SDK app is logged in');
    appId = wb.sandbox.applications()[0].id;
    const publicKey = (sandboxApp().keys as { public_key: string }).public_key;
    const put = await elsewhere('PUT', `/v2/applications/${appId}`, { name: APP_NAME, keys: { public_key: publicKey }, capabilities: ORIGINAL });
    assert.strictEqual(put.status, 200);
    fs.writeFileSync(path.join(wb.dirs.workspace, 'ncco.json'), `${JSON.stringify([{ action: 'talk', text: 'Hello {{from_user}}, you are through to the editor.' }], null, 2)}\n`);
  });

  it('Set Signature Secret, then Route Webhooks Here: the change is shown in a dialog first; the status bar shows the server', async function () {
    const { me, wb } = ui;
    await me.clearNotifications();
    await me.palette('Vonage: Set Signature Secret');
    await me.answer('The signature secret of the account', wb.sandbox.signatureSecret(), { password: true });
    await me.notification(`Callbacks for the account ${wb.sandbox.apiKey} are now checked with its signature secret.`);
    await me.palette('Vonage: Route Webhooks Here');
    await me.choose('Whose webhooks should come to this editor?', APP_NAME);
    const dialog = await me.confirmDialog(`Point the webhooks of "${APP_NAME}" at this editor?`, 'Route Here');
    say(`dialog: ${dialog.slice(0, 200)}…`);
    assert.match(dialog, /voice answer URL: https:\/\/voice\.example\.com\/webhooks\/answer → http:\/\/127\.0\.0\.1:\d+\/webhooks\//);
    await me.notification(new RegExp(`The webhooks of "${APP_NAME}" now come to this editor`));
    const answerUrl = (sandboxApp().capabilities as typeof ORIGINAL).voice.webhooks.answer_url;
    assert.match(answerUrl.address, /^http:\/\/127\.0\.0\.1:\d+\/webhooks\/[0-9a-f-]+\/answer$/);
    assert.strictEqual(answerUrl.http_method, 'GET', 'the method is kept');
    await me.page.locator('.statusbar-item', { hasText: 'Webhooks 0' }).waitFor({ timeout: 30_000 });
  });

  it('alice calls: the Webhooks view shows the call\'s callbacks, newest first, each with its status and ✓; a click opens one', async function () {
    const { me, wb } = ui;
    await me.clearNotifications();
    const res = await fetch(`${wb.sandbox.url}/_sandbox/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ applicationId: appId, fromUser: 'alice', to: '447700900001' }) });
    assert.strictEqual(res.status, 201);
    for (let i = 0; i < 4; i++) {
      wb.sandbox.voice.advance(30_000);
      await wb.sandbox.voice.idle();
    }
    const answer = wb.sandbox.voice.webhooks().find((h) => h.kind === 'answer')!;
    assert.deepStrictEqual(JSON.parse(answer.responseBody), [{ action: 'talk', text: 'Hello alice, you are through to the editor.' }]);
    await collapseSection('Applications');
    await me.openSection('Webhooks');
    await me.widenSidebar(620);
    const call = me.treeRow('alice → +44 7700 900001');
    await call.waitFor({ timeout: 30_000 });
    const answerRow = me.sidebar.locator('.monaco-list-row').filter({ hasText: /answer\s*alice → \+44 7700 900001 · 200 · ✓/ }).first();
    await answerRow.waitFor({ timeout: 30_000 });
    await me.sidebar.locator('.monaco-list-row').filter({ hasText: /completed · alice → \+44 7700 900001 · 200 · ✓/ }).first().waitFor({ timeout: 30_000 });
    await me.page.locator('.statusbar-item', { hasText: /Webhooks [1-9]\d*/ }).waitFor({ timeout: 30_000 });
    await me.clearNotifications();
    await me.page.mouse.move(1000, 400); // no tooltip in the picture
    const shot = readmeShot(wb, 'webhooks.png');
    await me.page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 680, height: 800 } });
    say(`wrote ${shot}`);
    await sidebarWidth(me, 430); // room for the document
    await answerRow.click();
    await me.waitForEditorText(/answer.callback.of.application/);
    await me.waitForEditorText(/signature:.✓.valid/);
    const text = await me.editorText();
    assert.match(text, /authorization: Bearer \(a signed JWT; its claims:\)/);
    assert.doesNotMatch(text, /eyJ[\w-]+\.eyJ/, 'never the token itself');
    await me.page.locator('.codelens-decoration', { hasText: 'Copy as curl' }).first().waitFor({ timeout: 30_000 });
    const doc = readmeShot(wb, 'webhook-request.png');
    await me.page.screenshot({ path: doc, clip: { x: 0, y: 0, width: 1280, height: 800 } });
    say(`wrote ${doc}`);
  });

  it('the extension host restarts for real while the application is routed: the new one puts the webhooks back and says so; the callbacks are kept', async function () {
    const { me } = ui;
    await me.clearNotifications();
    assert.match((sandboxApp().capabilities as typeof ORIGINAL).voice.webhooks.answer_url.address, /^http:\/\/127\.0\.0\.1/, 'still routed before the restart');
    await me.palette('Developer: Reload Window');
    await me.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await me.notification(`Vonage: a window closed while the webhooks of "${APP_NAME}" pointed at it; they are back to their own addresses.`, 90_000);
    assert.deepStrictEqual(sandboxApp().capabilities, ORIGINAL, 'exactly what was there');
    await me.openVonageView();
    await collapseSection('Applications');
    await me.openSection('Webhooks');
    await me.sidebar.locator('.monaco-list-row').filter({ hasText: /answer\s*alice → \+44 7700 900001 · 200 · ✓/ }).first().waitFor({ timeout: 30_000 });
  });
});
