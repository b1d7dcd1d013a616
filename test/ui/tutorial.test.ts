// UI tier: the tutorial done by a person in a real VS Code workbench (code-server 4.100.3 in headless
// Chromium) against the in-process Vonage sandbox — palette, quick inputs, the Vonage tree, an editor.
// Each step waits only for what a person would see on screen; the assertions then also check the
// sandbox's state and the token's claims.
import * as assert from 'assert';
import { Person, Workbench, JWT_PATTERN, buildExtension, decodeJwtPayload } from './workbench';

const APP_NAME = 'UI Tutorial App';
const USER_NAME = 'alice';
const say = (line: string) => console.log(`      ${line}`);

describe('UI: the tutorial in the workbench, like a person', function () {
  let wb: Workbench | undefined;
  let me: Person;
  let failed = false;
  let flowStarted = 0;
  let appId = '';

  before(async function () {
    this.timeout(10 * 60_000); // a first run installs code-server (~2 minutes)
    const t0 = Date.now();
    buildExtension();
    wb = await Workbench.open({ prefix: 'vonage-ui-' });
    me = new Person(wb.page, say);
    say(`workbench up in ${((Date.now() - t0) / 1000).toFixed(1)} s (run dir ${wb.runDir}, sandbox ${wb.sandbox.url})`);
  });

  beforeEach(function () {
    if (failed) this.skip(); // each step builds on the one before
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !wb) return;
    failed = true;
    const shot = await wb.screenshot(`failure-${Date.now()}.png`);
    console.log(`      screenshot of the failure: ${shot ?? '(could not take one)'}`);
    console.log(`      quick input showed: ${await me.quickInputText().catch(() => '?')}`);
    console.log(`      code-server log: ${wb.codeServerLog}`);
  });

  after(async function () {
    this.timeout(60_000);
    await wb?.close(failed); // keep the run folder (screenshot, logs) when something failed
    if (failed && wb) console.log(`      run folder kept: ${wb.runDir}`);
  });

  it('shows the signed-out welcome, then signs in with the palette (key, then secret in a password box)', async function () {
    const view = await me.openVonageView();
    await view.locator('.welcome-view', { hasText: 'Connect your Vonage account' }).waitFor({ timeout: 60_000 });

    flowStarted = Date.now();
    await me.signIn(wb!.sandbox.apiKey, wb!.sandbox.apiSecret);
  });

  it('shows the signed-in tree: the empty account says so and offers to create an application', async function () {
    await me.treeRow('No applications yet — create one').waitFor({ timeout: 30_000 });
    assert.strictEqual(await me.vonageView().locator('.welcome-view').isVisible(), false, 'the welcome text should be gone once signed in');
  });

  it('creates an application from the palette; it appears in the tree and in the sandbox', async function () {
    await me.createApplication(APP_NAME, 'https://example.com/webhooks/rtc/event');

    const apps = wb!.sandbox.applications();
    assert.deepStrictEqual(apps.map((a) => a.name), [APP_NAME]);
    appId = apps[0].id;
    const rtc = apps[0].capabilities?.rtc as { webhooks?: { event_url?: { address?: string } } } | undefined;
    assert.strictEqual(rtc?.webhooks?.event_url?.address, 'https://example.com/webhooks/rtc/event');
    const row = me.treeRow(APP_NAME);
    assert.match(await row.innerText(), new RegExp(appId.slice(0, 8)), 'the row describes the application by its short id');
  });

  it('creates the user "alice" from the application\'s inline action; it appears under the application', async function () {
    const userRow = await me.createUserFromTree(APP_NAME, USER_NAME, 'Alice Example');
    assert.strictEqual(await userRow.getAttribute('aria-level'), '2', 'the user row is a child of the application row');

    const users = wb!.sandbox.users(appId);
    assert.deepStrictEqual(users.map((u) => [u.name, u.display_name]), [[USER_NAME, 'Alice Example']]);
  });

  it('generates alice\'s JWT into a new untitled editor from the palette', async function () {
    await me.palette('File: New Untitled Text File');
    await me.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
    await me.generateUserJwt(APP_NAME, USER_NAME, '24 hours', 'Client SDK');
    const flowSeconds = (Date.now() - flowStarted) / 1000;
    console.log(`UI end-to-end flow: ${flowSeconds.toFixed(1)} s`);

    const text = await me.editorText();
    const token = JWT_PATTERN.exec(text)?.[0];
    assert.ok(token, `the editor holds a JWT: ${text.slice(0, 80)}`);
    assert.strictEqual(text.trim(), token, 'the untitled editor holds exactly the token');
    const claims = decodeJwtPayload(token);
    assert.strictEqual(claims.sub, USER_NAME);
    assert.strictEqual(claims.application_id, appId);
    assert.deepStrictEqual(wb!.sandbox.applications().map((a) => a.id), [appId], 'the token names the application the sandbox holds');
    assert.ok(claims.acl && typeof claims.acl === 'object' && Object.keys((claims.acl as { paths: object }).paths).length > 0, 'the token carries an ACL');
    assert.strictEqual(typeof claims.iat, 'number');
    assert.strictEqual(typeof claims.exp, 'number');
    const lifetime = (claims.exp as number) - (claims.iat as number);
    assert.ok(lifetime > 0 && lifetime <= 86400, `lifetime ${lifetime} s is within 24 hours`);
    assert.strictEqual(lifetime, 86400, 'the 24-hour lifetime picked');

    const toast = await me.notification(/JWT for "alice"/);
    assert.match(toast, /JWT for "alice" of "UI Tutorial App" inserted into the editor: expires in \d+ hours \(.+\)/);
  });
});
