// UI tier: the token lens as a person sees it in a real VS Code workbench (code-server in headless
// Chromium) against the sandbox — a user JWT generated into an editor gets its CodeLens, and hovering
// it shows who it is for, the verdict and the links. With UPDATE_SCREENSHOTS=1 it retakes the README's
// docs/images/token-lens.png.
import * as assert from 'assert';
import { readmeShot, uiSuite } from './workbench';

const APP_NAME = 'My Vonage App';
const say = (line: string) => console.log(`      ${line}`);

describe('UI: the token lens on a token in the editor', function () {
  const ui = uiSuite('vonage-ui-tokens-', { 'git.enabled': false, 'editor.minimap.enabled': false });

  it('signs in, creates an application and the user alice', async function () {
    const { me, wb } = ui;
    await me.openVonageView();
    await me.signIn(wb.sandbox.apiKey, wb.sandbox.apiSecret);
    await me.createApplication(APP_NAME);
    await me.createUserFromTree(APP_NAME, 'alice', 'Alice Example');
  });

  it('a token generated after "VONAGE_JWT=" gets its CodeLens: whose, which application, when it expires', async function () {
    const { me } = ui;
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
    const { me } = ui;
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
    const shot = readmeShot(ui.wb, 'token-lens.png');
    await me.page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 1280, height: 560 } });
    say(`wrote ${shot}`);
  });
});
