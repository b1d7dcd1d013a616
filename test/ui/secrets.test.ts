// UI tier: a secrets-in-git warning as a person meets it in a real workbench (code-server 4.100.3 in
// headless Chromium): a JS file in a git repository with the API secret written into it gets a
// warning squiggle and a Problems entry; Ctrl+. lists the quick fixes (a screenshot: into the run folder,
// or with UPDATE_SCREENSHOTS=1 the README's docs/images/secrets-warning.png); Move to .env asks for the
// name and rewrites the code.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'dotenv';
import { readmeShot, uiSuite } from './workbench';

const SECRET = 'Zq8rT2mN5xW9kL3p';
const say = (line: string) => console.log(`      ${line}`);
const CODE = [
  'import { Vonage } from \'@vonage/server-sdk\';',
  '',
  'const vonage = new Vonage({',
  '  apiKey: \'abcd1234\',',
  `  apiSecret: '${SECRET}',`,
  '});',
  '',
].join('\n');

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore' });
}

describe('UI: a secrets-in-git warning and its quick fixes, like a person', function () {
  let workspace = '';
  const ui = uiSuite('vonage-ui-secrets-', {
    'editor.minimap.enabled': false,
    'breadcrumbs.enabled': false,
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  }, ({ wb }) => {
    workspace = wb.dirs.workspace;
    git(workspace, '-c', 'init.defaultBranch=main', 'init', '-q');
    fs.writeFileSync(path.join(workspace, 'server.js'), CODE);
  });


  it('opening the file shows a warning squiggle on the secret and the warning in the Problems view', async function () {
    const { me } = ui;
    this.timeout(120_000);
    await me.palette('Go to File...');
    await me.quickInputBox.fill('server.js');
    const row = me.page.locator('.quick-input-list .monaco-list-row', { hasText: 'server.js' }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await me.waitForEditorText(/apiSecret/);
    await me.page.locator('.editor-instance .squiggly-warning').first().waitFor({ timeout: 60_000 });
    await me.palette('View: Focus Problems (Errors, Warnings, Infos)');
    const problem = me.page.locator('.markers-panel .monaco-list-row', { hasText: 'A Vonage API secret (apiSecret)' }).first();
    await problem.waitFor({ timeout: 30_000 });
    assert.match(await problem.innerText(), /git would commit in repository "workspace" \(it is not ignored\)/);
  });

  it('Ctrl+. on the secret lists Move to .env, Add this file to .gitignore and Ignore here (screenshot)', async function () {
    const { me } = ui;
    this.timeout(120_000);
    // The cursor onto the secret (line 5, after "  apiSecret: '"), as a person would with Go to Line.
    await me.page.locator('.editor-instance .view-lines').first().click();
    await me.page.keyboard.press('Escape');
    await me.page.keyboard.press('Control+g');
    await me.quickInputBox.fill(':5:17');
    await me.page.keyboard.press('Enter');
    await me.page.locator('.statusbar', { hasText: 'Ln 5, Col 17' }).waitFor({ timeout: 10_000 });
    await me.page.waitForTimeout(1000);
    await me.page.keyboard.press('Control+.');
    const menu = me.page.locator('.action-widget').filter({ hasText: 'Move to .env' }).first();
    await menu.waitFor({ timeout: 30_000 });
    const text = await menu.innerText();
    for (const title of ['Move to .env', 'Add this file to .gitignore', 'Ignore here: leave this file out of the Vonage secrets check']) {
      assert.ok(text.includes(title), `the quick fix "${title}" is listed: ${text}`);
    }
    await me.page.waitForTimeout(300); // let the menu finish fading in
    const shot = readmeShot(ui.wb, 'secrets-warning.png');
    await me.page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 1280, height: 800 } });
    assert.ok(fs.statSync(shot).size > 10_000, 'a real screenshot was written');
    say(`wrote ${shot}`);
  });

  it('Move to .env: the name is asked, the code reads process.env, .env holds the secret and git ignores it', async function () {
    const { me } = ui;
    this.timeout(120_000);
    await me.page.keyboard.press('Enter'); // Move to .env: the first (preferred) fix, focused
    await me.answer('The variable to keep the API secret in', undefined); // the offered VONAGE_API_SECRET
    await me.waitForEditorText(/process\.env\.VONAGE_API_SECRET,/);
    await me.notification(/Moved the API secret to \.env as VONAGE_API_SECRET/);
    assert.strictEqual(fs.readFileSync(path.join(workspace, 'server.js'), 'utf8'), CODE.replace(`'${SECRET}'`, 'process.env.VONAGE_API_SECRET'), 'saved');
    assert.strictEqual(parse(fs.readFileSync(path.join(workspace, '.env'), 'utf8')).VONAGE_API_SECRET, SECRET);
    execFileSync('git', ['check-ignore', '-q', '.env'], { cwd: workspace }); // throws unless ignored
    await me.page.locator('.editor-instance .squiggly-warning').first().waitFor({ state: 'detached', timeout: 30_000 });
  });
});
