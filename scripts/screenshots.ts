// `npm run screenshots`: the README's screenshots, taken from a real VS Code (code-server 4.100.3 in
// headless Chromium) driven like a person against the local Vonage sandbox — nothing is mocked up.
//   docs/images/tree.png  the Vonage view: an application expanded to its users, with its tooltip
//   docs/images/jwt.png   a user JWT generated into an editor, with the notification saying whose it is
//                         and when it expires
// Environment: SKIP_BUILD=1 (use the dist/ there is), KEEP_RUN_DIR=1, VERBOSE=1, SCREENSHOTS_DIR (default docs/images).
import { generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Person, REPO_ROOT, Workbench, buildExtension } from '../test/ui/workbench';

const OUT_DIR = path.resolve(process.env.SCREENSHOTS_DIR ?? path.join(REPO_ROOT, 'docs', 'images'));
const APP_NAME = 'My Vonage App';

/** Settings that make the shots clean (the default theme): no minimap, breadcrumbs or hints, the token wrapped. */
const LOOKS: Record<string, unknown> = {
  'editor.minimap.enabled': false,
  'breadcrumbs.enabled': false,
  'editor.wordWrap': 'on',
  'editor.fontSize': 14,
  'editor.renderWhitespace': 'none',
  'editor.lineNumbers': 'on',
  'workbench.editor.untitled.hint': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'window.commandCenter': true,
  'workbench.statusBar.visible': true,
  'git.enabled': false,
};

const started = Date.now();
const say = (line: string) => console.log(`[screenshots ${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);

async function main(): Promise<number> {
  buildExtension();
  const wb = await Workbench.open({ prefix: 'vonage-shots-', settings: LOOKS });
  let ok = false;
  try {
    const me = new Person(wb.page, say);
    const page = wb.page;
    say(`workbench up (run dir ${wb.runDir})`);

    // An application whose private key lives elsewhere (made on another machine): the tree shows it with
    // a warning icon and an "import key" action, next to the one created here.
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    wb.sandbox.seedApplications(1, publicKey, 'Production');
    // A file to put the token in, as a person setting up a Client SDK sample would.
    const envFile = path.join(wb.dirs.workspace, 'client-sdk.env');
    fs.writeFileSync(envFile, '# Client SDK login for the sample app\nVONAGE_USER=alice\nVONAGE_JWT=');

    await me.openVonageView();
    await me.signIn(wb.sandbox.apiKey, wb.sandbox.apiSecret);
    await me.createApplication(APP_NAME, 'https://example.com/webhooks/rtc/event');
    await me.createUserFromTree(APP_NAME, 'alice', 'Alice Example');
    await me.createUserFromTree(APP_NAME, 'bob', 'Bob Builder');
    await me.clearNotifications();

    // The file a person is filling in: open (Go to File), the cursor after VONAGE_JWT=.
    await me.palette('Go to File...');
    await me.quickInputBox.fill('client-sdk.env');
    const fileRow = page.locator('.quick-input-list .monaco-list-row', { hasText: 'client-sdk.env' }).first();
    await fileRow.waitFor({ timeout: 15_000 });
    await fileRow.click();
    await me.waitForEditorText(/VONAGE_JWT=/);
    await page.keyboard.press('Control+End');

    // tree.png: the view with the application expanded to its users, and the tooltip of the application
    // whose key this VS Code lacks (hovering the last row keeps the tooltip clear of the others).
    await me.treeRow('Production 1').locator('.label-name').hover();
    const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Application ID' }).first();
    await hover.waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500); // let the hover finish fading in
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const tree = path.join(OUT_DIR, 'tree.png');
    const box = await hover.boundingBox();
    const height = Math.min(800, Math.max(360, Math.ceil((box ? box.y + box.height : 0) + 40)));
    await page.screenshot({ path: tree, clip: { x: 0, y: 0, width: 960, height } });
    say(`wrote ${path.relative(REPO_ROOT, tree)}`);
    await page.mouse.move(1000, 700);
    await hover.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);

    // jwt.png: the token inserted at the cursor, and the notification about it.
    await me.generateUserJwt(APP_NAME, 'alice', '24 hours', 'Client SDK');
    await me.notification(/JWT for "alice"/);
    await page.waitForTimeout(500);
    const jwt = path.join(OUT_DIR, 'jwt.png');
    await page.screenshot({ path: jwt });
    say(`wrote ${path.relative(REPO_ROOT, jwt)}`);
    ok = true;
    return 0;
  } catch (e) {
    const shot = await wb.screenshot(`failure-${Date.now()}.png`);
    say(`FAILED: ${e instanceof Error ? e.message : String(e)}`);
    say(`screenshot of the failure: ${shot ?? '(could not take one)'}; code-server log: ${wb.codeServerLog}`);
    return 1;
  } finally {
    await wb.close(!ok);
    if (!ok) say(`run folder kept: ${wb.runDir}`);
  }
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  say(`FAILED: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
