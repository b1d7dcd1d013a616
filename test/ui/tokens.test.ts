// UI tier: the token lens as a person sees it in a real VS Code workbench (code-server in headless
// Chromium) against the sandbox — a user JWT generated into an editor gets its CodeLens, and hovering
// it shows who it is for, the verdict and the links. Saves the README's screenshot.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Person, REPO_ROOT, Workbench, buildExtension } from './workbench';

const APP_NAME = 'My Vonage App';
const SHOT = path.join(REPO_ROOT, 'docs', 'images', 'token-lens.png');
const say = (line: string) => console.log(`      ${line}`);

describe('UI: the token lens on a token in the editor', function () {
  let wb: Workbench | undefined;
  let me: Person;
  let failed = false;

  before(async function () {
    this.timeout(10 * 60_000); // a first run installs code-server (~2 minutes)
    buildExtension();
    wb = await Workbench.open({ prefix: 'vonage-ui-tokens-', settings: { 'workbench.tips.enabled': false, 'git.enabled': false, 'editor.minimap.enabled': false } });
    me = new Person(wb.page, say);
  });

  beforeEach(function () {
    if (failed) this.skip(); // each step builds on the one before
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !wb) return;
    failed = true;
    console.log(`      screenshot of the failure: ${await wb.screenshot(`failure-${Date.now()}.png`) ?? '(could not take one)'}`);
  });

  after(async function () {
    this.timeout(60_000);
    await wb?.close(failed);
    if (failed && wb) console.log(`      run folder kept: ${wb.runDir}`);
  });

  it('signs in, creates an application and the user alice', async function () {
    await me.openVonageView();
    await me.signIn(wb!.sandbox.apiKey, wb!.sandbox.apiSecret);
    await me.createApplication(APP_NAME);
    await me.createUserFromTree(APP_NAME, 'alice', 'Alice Example');
  });

  it('a token generated after "VONAGE_JWT=" gets its CodeLens: whose, which application, when it expires', async function () {
    await me.palette('File: New Untitled Text File');
    const editor = me.page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines').waitFor({ timeout: 30_000 });
    await editor.click();
    await me.page.keyboard.type('# Client SDK login for alice\nVONAGE_JWT=');
    await me.generateUserJwt(APP_NAME, 'alice', '24 hours', 'Client SDK');
    await me.clearNotifications();
    const lens = editor.locator('.codelens-decoration', { hasText: 'alice · My Vonage App · expires in 24 h' });
    await lens.waitFor({ timeout: 30_000 });
    assert.match(await editor.locator('.codelens-decoration').first().innerText(), /alice · My Vonage App · expires in 24 h\s*\|?\s*Regenerate/);
  });

  it('hovering the token shows the verdict, the user by display name, the claims and Regenerate · Inspect · Copy Claims', async function () {
    const line = me.page.locator('.editor-instance .view-line', { hasText: 'VONAGE_JWT=' }).first();
    const hover = me.page.locator('.monaco-hover', { hasText: 'Vonage user token' });
    for (let attempt = 0; attempt < 5 && !await hover.isVisible(); attempt++) {
      await me.page.mouse.move(0, 0);
      await line.hover({ position: { x: 300 + attempt * 20, y: 8 } }); // on the token, past "VONAGE_JWT="
      await hover.waitFor({ timeout: 5000 }).catch(() => undefined);
    }
    await hover.locator('text=Signature verified').waitFor({ timeout: 30_000 });
    const text = await hover.innerText();
    assert.match(text, /Vonage user token · My Vonage App/);
    assert.match(text, /Valid: expires in 24 h\./);
    assert.match(text, /Signature verified with the private key this VS Code holds\./);
    assert.match(text, /alice\s+Alice Example/);
    assert.match(text, /Regenerate · .*Inspect · .*Copy Claims/s);
    fs.mkdirSync(path.dirname(SHOT), { recursive: true });
    await me.page.screenshot({ path: SHOT, clip: { x: 0, y: 0, width: 1280, height: 560 } });
    say(`wrote ${path.relative(REPO_ROOT, SHOT)}`);
  });
});
