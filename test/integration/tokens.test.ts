// The token lens in the real VS Code, through VS Code's own provider commands, on real files in the
// workspace folder: each state of a Vonage token as a diagnostic, the hover, the CodeLens, the
// Regenerate quick fix and Undo, a token that expires while its file is open, Renew across the
// workspace (node_modules left alone), Inspect, and the settings.
import * as assert from 'assert';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import * as core from '../../src/vonage';
import { QueuedUi, applicationsApiElsewhere, eventually, type Env, run, runFails, setConfig, startEnv, stopEnv, usedSecrets } from './support/harness';

const HOUR = 3600;
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** base64url with the '=' padding some tools leave on. */
const b64Padded = (o: unknown) => { const s = b64(o); return s + '='.repeat((4 - (s.length % 4)) % 4); };

/** The diagnostics the token lens put on a document. */
function tokenDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Vonage' && typeof d.code === 'string' && d.code.startsWith('token-'));
}

async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/**
 * The cells of a Markdown table row as VS Code's renderer (marked, GFM tables) splits them: at every `|`
 * not escaped by an odd number of backslashes, before any inline parsing; `\|` then stands for `|`.
 */
function tableCells(row: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let backslashes = 0;
  for (const ch of row) {
    if (ch === '|' && backslashes % 2 === 0) {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
    backslashes = ch === '\\' ? backslashes + 1 : 0;
  }
  cells.push(cell);
  return cells.slice(1, -1).map((c) => c.trim().replace(/\\\|/g, '|')); // a row starts and ends with a pipe
}

/** The table rows of a hover, each as its cells. */
function tableRows(markdown: string): string[][] {
  return markdown.split(/\r\n|\r|\n/).filter((line) => line.startsWith('|')).map(tableCells);
}

/** The command links a hover renders: `[…](command:…)` outside code spans, in table cells and other lines. */
function commandLinks(markdown: string): string[] {
  const chunks = markdown.split(/\r\n|\r|\n/).flatMap((line) => (line.startsWith('|') ? tableCells(line) : [line]));
  return chunks.flatMap((chunk) => {
    const outsideCode = chunk.replace(/(`+)[^`][\s\S]*?(?<!`)\1(?!`)/g, '');
    return [...outsideCode.matchAll(/(?<!\\)\]\((command:[\w.]+)/g)].map((m) => m[1]);
  });
}

/** Every JWT in the workspace folder's files on disk, by file (node_modules and .git left out, as Renew leaves them). */
function workspaceTokens(): Map<string, string[]> {
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const tokens = new Map<string, string[]>();
  for (const rel of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (/(^|[\\/])(node_modules|\.git)([\\/]|$)/.test(rel)) continue;
    const file = path.join(root, rel);
    if (!fs.lstatSync(file).isFile()) continue;
    const text = fs.readFileSync(file, 'utf8');
    tokens.set(file, core.findJwts(text).map((t) => text.slice(t.start, t.end)));
  }
  return tokens;
}

describe('token lens: Vonage tokens where they sit', () => {
  let env: Env;
  let appId: string;
  let privateKey: string;
  let keylessAppId: string;
  let keylessKey: string;
  let dir: string;
  const now = () => Math.floor(Date.now() / 1000);

  /** A token of the "Token App" signed with its real key; claims override the defaults. */
  const sign = (claims: Record<string, unknown>, key = privateKey, header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' }, encode = b64) => {
    const body = { application_id: appId, iat: now() - HOUR, jti: `jti-${Math.random()}`, exp: now() + 23 * HOUR, sub: 'alice', acl: core.CLIENT_SDK_ACL, ...claims };
    for (const [k, v] of Object.entries(body)) if (v === undefined) delete (body as Record<string, unknown>)[k];
    const input = `${encode(header)}.${encode(body)}`;
    const t = `${input}.${crypto.sign('sha256', Buffer.from(input), key).toString('base64url')}`;
    usedSecrets.add(t);
    return t;
  };

  async function openFile(name: string, content: string): Promise<vscode.TextDocument> {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    return doc;
  }

  before(async () => {
    await setConfig('files.autoSave', 'off'); // code-server autosaves after a second: "left unsaved" must not race it
    env = await startEnv();
    appId = (await run<{ id: string }>('vonage.createApplication', { name: 'Token App' })).id;
    await run('vonage.createUser', { applicationId: appId, name: 'alice', displayName: 'Alice Example' });
    privateKey = (await env.api.credentials.getPrivateKey(env.baseUrl, appId))!;
    // An application of the account whose private key this VS Code does not hold (made "elsewhere").
    const pair = await core.generateKeyPair();
    keylessKey = pair.privateKey;
    const made = await applicationsApiElsewhere<{ id: string }>(env.sandbox, 'POST', '/v2/applications', { name: 'Keyless App', keys: { public_key: pair.publicKey }, capabilities: { rtc: {} } });
    keylessAppId = made.body.id;
    await run('vonage.refresh');
    await env.api.tree.getChildren();
    dir = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'token-lens');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(closeAllEditors);
  after(async () => {
    await setConfig('vonage.tokens.codeLens', undefined);
    await setConfig('vonage.tokens.enabled', undefined);
    await setConfig('files.autoSave', undefined);
    fs.rmSync(dir, { recursive: true, force: true });
    await stopEnv(env);
  });

  it('each state on a real .env file: expired → Warning, invalid → Error per reason, expiring → Information, valid → none', async () => {
    const lines = [
      `VALID=${sign({})}`,
      `EXPIRED=${sign({ iat: now() - 26 * HOUR, exp: now() - 2 * HOUR })}`,
      `SOON=${sign({ iat: now() - 23 * HOUR, exp: now() + 1800 })}`,
      `LONG=${sign({ iat: now(), exp: now() + 48 * HOUR })}`,
      `FORGED=${sign({}, keylessKey)}`,
      `HS=${sign({}, privateKey, { alg: 'HS256', typ: 'JWT' })}`,
      `FUTURE=${sign({ iat: now() + 2 * HOUR, exp: now() + 3 * HOUR })}`,
    ];
    const doc = await openFile('states/.env', `${lines.join('\n')}\n`);
    await eventually(() => tokenDiagnostics(doc.uri).length === 6, 'six token diagnostics');
    const byLine = (line: number) => tokenDiagnostics(doc.uri).filter((d) => d.range.start.line === line);
    assert.deepStrictEqual(byLine(0), []);
    const [expired] = byLine(1);
    assert.strictEqual(expired.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(expired.message, /^This Vonage token of "alice" \(Token App\) expired at .+: Vonage rejects it\. Regenerate it\.$/);
    const [soon] = byLine(2);
    assert.strictEqual(soon.severity, vscode.DiagnosticSeverity.Information);
    assert.match(soon.message, /expires at .+, within the hour\. Regenerate it soon\.$/);
    const [long] = byLine(3);
    assert.strictEqual(long.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(long.message, 'This Vonage token of "alice" (Token App) will be rejected by Vonage. It lives 48 hours; Vonage accepts at most 24.');
    const [forged] = byLine(4);
    assert.strictEqual(forged.severity, vscode.DiagnosticSeverity.Error);
    assert.match(forged.message, /Its signature does not verify with the application's key/);
    assert.match(byLine(5)[0].message, /It is signed with "HS256"; Vonage accepts only RS256\.$/);
    assert.strictEqual(byLine(6)[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.match(byLine(6)[0].message, /is not valid before .+: its iat or nbf is in the future/);
    const start = doc.lineAt(1).text.indexOf('=') + 1;
    assert.deepStrictEqual([expired.range.start.character, expired.range.end.character], [start, doc.lineAt(1).text.length], 'the diagnostic covers exactly the token');
  });

  it('hover: header and claims, the application and the user by name, the verdict, and the command links', async () => {
    const token = sign({});
    const doc = await openFile('hover.ts', `const token = "${token}";\n`);
    const pos = new vscode.Position(0, 20);
    await eventually(async () => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos)).includes('Alice Example'), 'the hover with the signature checked and the user looked up');
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos));
    assert.match(text, /\*\*Vonage user token\*\* · Token App/);
    assert.match(text, /Valid: expires in 23 h\./);
    assert.match(text, /Signature verified with the private key this VS Code holds\./);
    assert.match(text, /\| sub \| `alice` Alice Example \|/);
    assert.match(text, /\| exp \| `\d+` .+ · in 23 h \|/);
    assert.match(text, /\| acl \| 10 paths: /);
    assert.match(text, /\[\$\(refresh\) Regenerate\]\(command:vonage\.regenerateToken\?/);
    assert.match(text, /\[\$\(search\) Inspect\]\(command:vonage\.inspectJwt\?/);
    assert.match(text, /\[\$\(copy\) Copy Claims\]\(command:vonage\.copyTokenClaims\?/);
    assert.ok(!text.includes(token), 'the hover shows the claims, not the token text');
    assert.strictEqual(env.api.contextKey('vonage:usedTokenLens'), true, 'the walkthrough step "Your token in your code" is complete');
    assert.ok(!text.includes('PRIVATE KEY'));
  });

  it('hover: a claim holding "|" stays in its cell (Auth0\'s "auth0|…" subjects)', async () => {
    const doc = await openFile('pipe.ts', `const token = "${sign({ sub: 'auth0|abc' })}";\n`);
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 20)));
    const sub = tableRows(text).find((cells) => cells[0] === 'sub');
    assert.deepStrictEqual(sub, ['sub', '`auth0|abc`'], 'one cell holding the whole value');
    for (const cells of tableRows(text).slice(2)) assert.strictEqual(cells.length, 2, `a row of two cells: ${JSON.stringify(cells)}`);
  });

  it('hover: a token\'s text can never make a command link, whatever its claims and header hold', async () => {
    const regenerate = `command:vonage.regenerateToken?${encodeURIComponent(JSON.stringify([{ uri: 'file:///elsewhere/.env', offset: 0 }]))}`;
    const token = sign({
      note: `x\n| [$(refresh) Regenerate](${regenerate}) |`,
      crlf: `x\r\n| [Inspect](command:vonage.inspectJwt) |`,
      backslashPipe: `a\\| [b](command:vonage.inspectJwt) \\|`,
      backticks: '` [c](command:vonage.copyTokenClaims) `',
      [`k\n| [d](${regenerate}) |`]: 1,
    }, privateKey, { alg: 'RS256', typ: 'JWT', kid: `x|[e](${regenerate})\n| [f](${regenerate}) |` });
    const doc = await openFile('injected.ts', `const token = "${token}";\n`);
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 20)));
    assert.deepStrictEqual(commandLinks(text), ['command:vonage.regenerateToken', 'command:vonage.inspectJwt', 'command:vonage.copyTokenClaims', 'command:vonage.checkTokenWithVonage'], 'our four links only');
    const rows = tableRows(text);
    for (const cells of rows.slice(2)) assert.strictEqual(cells.length, 2, `a row of two cells: ${JSON.stringify(cells)}`);
    assert.deepStrictEqual(rows.find((cells) => cells[0] === 'note'), ['note', `\`x\\n| [$\u200b(refresh) Regenerate](${regenerate}) |\``], 'the value shown whole, its line break as \\n, its $(refresh) as text, not an icon');
  });

  it('an application of the account whose key this VS Code lacks: checked with its public key from Vonage', async () => {
    const token = sign({ application_id: keylessAppId }, keylessKey);
    const doc = await openFile('keyless.http', `GET https://api.example.com/\nAuthorization: Bearer ${token}\n`);
    const pos = new vscode.Position(1, 30);
    await eventually(async () => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos)).includes('public key from Vonage'), 'the hover after the public key arrived');
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos));
    assert.match(text, /Signature verified with the application's public key from Vonage\./);
    assert.match(text, /Keyless App/);
  });

  it('a token of an application outside the account: the signature is unknown, said so, never guessed', async () => {
    const token = sign({ application_id: '00000000-0000-0000-0000-000000000000' }, keylessKey);
    const doc = await openFile('other.md', `Token: \`${token}\`\n`);
    const pos = new vscode.Position(0, 12);
    await eventually(async () => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos)).includes('Signature not checked'), 'the unknown signature said');
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos));
    assert.match(text, /Signature not checked: this VS Code holds no private key for the application, and it is not an application of the signed-in account\./);
    assert.deepStrictEqual(tokenDiagnostics(doc.uri), [], 'an unknown signature is no problem');
  });

  it('a JWT that is not a Vonage token: decoded in the hover, no verdict, no CodeLens, no diagnostic', async () => {
    const other = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'bob', exp: now() - 10 })}.c2lnbmF0dXJl`;
    const doc = await openFile('other.json', JSON.stringify({ token: other }));
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 15)));
    assert.match(text, /\*\*JWT\*\* · Not a Vonage token \(it has no application_id\): decoded only\./);
    assert.match(text, /\| sub \| `bob` \|/);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.strictEqual(lenses.filter((l) => l.command?.command.startsWith('vonage.')).length, 0);
    assert.deepStrictEqual(tokenDiagnostics(doc.uri), []);
  });

  it('CodeLens: "alice · Token App · expires in 23 h" and Regenerate; the setting turns them off', async () => {
    const doc = await openFile('lens.js', `// login\nclient.createSession("${sign({})}");\n`);
    await eventually(async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      return lenses.some((l) => l.command?.title.includes('alice · Token App · expires in 23 h'));
    }, 'the token CodeLens');
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)).filter((l) => l.command?.command.startsWith('vonage.'));
    assert.deepStrictEqual(lenses.map((l) => l.command!.title), ['$(pass) alice · Token App · expires in 23 h', '$(refresh) Regenerate']);
    assert.strictEqual(lenses[0].range.start.line, 1);
    await setConfig('vonage.tokens.codeLens', false);
    try {
      const off = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      assert.strictEqual(off.filter((l) => l.command?.command.startsWith('vonage.')).length, 0);
    } finally {
      await setConfig('vonage.tokens.codeLens', undefined);
    }
  });

  it('a token that expires while its file is open turns into a warning at its exp, without an edit', async () => {
    const exp = now() + 4;
    const doc = await openFile('expiring.env', `VONAGE_JWT=${sign({ iat: exp - 600, exp })}\n`);
    await eventually(() => tokenDiagnostics(doc.uri)[0]?.severity === vscode.DiagnosticSeverity.Information, 'expiring soon (Information) first');
    const version = doc.version;
    await eventually(() => tokenDiagnostics(doc.uri)[0]?.severity === vscode.DiagnosticSeverity.Warning, 'a Warning once it expired', 15_000);
    assert.strictEqual(doc.version, version, 'no edit happened');
    assert.ok(Date.now() / 1000 >= exp, 'not before its exp');
  });

  it('the quick fix regenerates in place (same application, sub, acl and lifetime); Undo restores the old token', async () => {
    const acl = { paths: { '/*/users/**': {}, '/*/conversations/**': {} } };
    const old = sign({ iat: now() - 10 * HOUR, exp: now() - 2 * HOUR, acl, sub: 'alice' });
    const before = `export const config = {\n  token: '${old}', // alice\n};\n`;
    const doc = await openFile('fix.ts', before);
    await eventually(() => tokenDiagnostics(doc.uri).length === 1, 'the expired warning');
    const diagnostic = tokenDiagnostics(doc.uri)[0];
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Regenerate this Vonage token');
    assert.ok(fix?.command, `a Regenerate quick fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.strictEqual(fix.isPreferred, true);
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments as unknown[] | undefined ?? []));
    const text = doc.getText();
    const fresh = core.findJwts(text)[0];
    const freshText = text.slice(fresh.start, fresh.end);
    usedSecrets.add(freshText);
    assert.notStrictEqual(freshText, old);
    assert.strictEqual(text, before.replace(old, freshText), 'only the token changed');
    assert.deepStrictEqual([fresh.claims.application_id, fresh.claims.sub, fresh.claims.acl], [appId, 'alice', acl]);
    assert.strictEqual(Number(fresh.claims.exp) - Number(fresh.claims.iat), 8 * HOUR, 'the same lifetime');
    const publicKey = env.sandbox.storedApplication(appId)!.publicKey;
    assert.strictEqual(core.verifyToken(freshText, publicKey).sub, 'alice');
    await eventually(() => tokenDiagnostics(doc.uri).length === 0, 'the warning gone');
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), before, 'one undo brings the old token back');
  });

  it('Regenerate without the application\'s private key is refused, saying which key to import', async () => {
    const doc = await openFile('keyless.env', `T=${sign({ application_id: keylessAppId, exp: now() - 60, iat: now() - 3600 }, keylessKey)}\n`);
    await runFails('vonage.regenerateToken', { uri: doc.uri.toString(), line: 0 },
      /^This VS Code does not hold the private key of application "Keyless App"\. Import it first \(Vonage: Import Application Private Key\)\.$/);
    await runFails('vonage.regenerateToken', { uri: doc.uri.toString(), line: 0, character: 0 }, /^There is no JWT at token-lens\/keyless\.env:1\. Put the cursor on a token and run the command again\.$/);
  });

  it('Renew across the workspace: expired tokens replaced in one edit, node_modules left alone, skipped ones listed with why', async () => {
    const expired = () => sign({ iat: now() - 5 * HOUR, exp: now() - HOUR });
    const valid = sign({});
    const files: Record<string, string> = {
      'renew/a.env': `A=${expired()}\nB=${valid}\n`,
      'renew/src/b.ts': `const t = "${expired()}";\nconst u = "${expired()}";\n`,
      'renew/node_modules/pkg/c.js': `module.exports = "${expired()}";\n`,
      'renew/keyless.env': `K=${sign({ application_id: keylessAppId, iat: now() - 7200, exp: now() - 60 }, keylessKey)}\n`,
      'renew/readonly.env': `R=${expired()}\n`,
      'renew/too-long.env': `L=${sign({ iat: now() - 30 * HOUR, exp: now() + 18 * HOUR })}\n`, // its exp is ahead, but Vonage stopped taking it 24 h after its iat
    };
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    fs.chmodSync(path.join(dir, 'renew/readonly.env'), 0o444); // the tests run as root: only the mode bits say read-only
    const open = await vscode.workspace.openTextDocument(path.join(dir, 'renew/a.env'));
    await vscode.window.showTextDocument(open);
    const before = workspaceTokens();
    const result = await run<{ replaced: number; skipped: { uri: string; reason: string }[] }>('vonage.renewTokens', { scope: 'workspace' });
    const after = workspaceTokens();
    after.set(open.uri.fsPath, core.findJwts(open.getText()).map((t) => open.getText().slice(t.start, t.end))); // left unsaved: its text is in the editor
    for (const list of after.values()) for (const t of list) usedSecrets.add(t);
    const changed = (file: string) => (after.get(file) ?? []).filter((t, i) => t !== before.get(file)?.[i]).length;
    const own = Object.fromEntries(Object.keys(files).map((name) => [name, changed(path.join(dir, name))]));
    assert.deepStrictEqual(own, { 'renew/a.env': 1, 'renew/src/b.ts': 2, 'renew/node_modules/pkg/c.js': 0, 'renew/keyless.env': 0, 'renew/readonly.env': 0, 'renew/too-long.env': 1 }, 'tokens replaced per file');
    const everywhere = [...after.keys()].reduce((n, file) => n + changed(file), 0);
    assert.strictEqual(result.replaced, everywhere, 'replaced counts exactly the tokens that changed (other tests\' expired tokens in the workspace included)');
    const mine = result.skipped.filter((k) => k.uri.includes('/token-lens/renew/'));
    assert.deepStrictEqual(mine.map((k) => [path.basename(vscode.Uri.parse(k.uri).fsPath), k.reason]).sort(), [
      ['keyless.env', `this VS Code holds no private key for application "Keyless App" (${keylessAppId})`],
      ['readonly.env', 'read-only file'],
    ]);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'renew/readonly.env'), 'utf8'), files['renew/readonly.env'], 'a read-only file is left alone');
    assert.strictEqual(fs.readFileSync(path.join(dir, 'renew/node_modules/pkg/c.js'), 'utf8'), files['renew/node_modules/pkg/c.js'], 'node_modules untouched');
    const saved = fs.readFileSync(path.join(dir, 'renew/src/b.ts'), 'utf8');
    assert.notStrictEqual(saved, files['renew/src/b.ts'], 'a file that was not open is saved');
    for (const t of core.findJwts(saved)) {
      usedSecrets.add(saved.slice(t.start, t.end));
      assert.ok(Number(t.claims.exp) > now(), 'renewed');
    }
    assert.strictEqual(open.isDirty, true, 'an open file is left dirty for review');
    assert.ok(open.getText().includes(`B=${valid}`), 'a valid token is left alone (onlyExpired by default)');
    assert.strictEqual(fs.readFileSync(path.join(dir, 'renew/a.env'), 'utf8'), files['renew/a.env'], 'the open file is not saved behind the person\'s back');
    for (const t of core.findJwts(open.getText())) usedSecrets.add(open.getText().slice(t.start, t.end));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('Renew in one file with onlyExpired: false renews every Vonage token there; bad arguments are named', async () => {
    const valid = sign({ iat: now() - 60, exp: now() + HOUR - 60 });
    const doc = await openFile('renew-file.env', `A=${valid}\n`);
    const result = await run<{ replaced: number; skipped: unknown[] }>('vonage.renewTokens', { scope: 'file', onlyExpired: false });
    assert.deepStrictEqual(result, { replaced: 1, skipped: [] });
    const fresh = core.findJwts(doc.getText())[0];
    usedSecrets.add(doc.getText().slice(fresh.start, fresh.end));
    assert.strictEqual(Number(fresh.claims.exp) - Number(fresh.claims.iat), HOUR);
    await runFails('vonage.renewTokens', { scope: 'everywhere' }, /^scope must be "file" or "workspace", not "everywhere"\.$/);
    await runFails('vonage.renewTokens', { scope: 'file', onlyExpired: 'yes' }, /^The argument "onlyExpired" must be true or false\.$/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('Inspect JWT, scriptable: a leading Bearer is fine; text that is not a JWT is refused saying which part', async () => {
    const token = sign({ exp: now() - 60, iat: now() - 3600 });
    const result = await run<Record<string, unknown>>('vonage.inspectJwt', { token: `Bearer ${token}` });
    assert.strictEqual(result.vonage, true);
    assert.strictEqual(result.state, 'expired');
    assert.strictEqual(result.signature, 'verified');
    assert.deepStrictEqual(result.problems, []);
    assert.strictEqual(result.applicationName, 'Token App');
    assert.strictEqual(result.userName, 'Alice Example');
    assert.strictEqual((result.claims as { sub: string }).sub, 'alice');
    const forged = await run<Record<string, unknown>>('vonage.inspectJwt', { token: sign({}, keylessKey) });
    assert.strictEqual(forged.signature, 'invalid');
    assert.strictEqual(forged.state, 'invalid');
    const padded = sign({}, privateKey, { alg: 'RS256', typ: 'JWT', kid: 'k' }, b64Padded);
    assert.match(padded, /^[\w-]+==\./, 'its header carries padding');
    const doc = await openFile('padded.env', `T=${padded}\n`);
    const fromLink = await run<Record<string, unknown>>('vonage.inspectJwt', { uri: doc.uri.toString(), offset: 2 }); // what the hover's Inspect link passes
    assert.deepStrictEqual([fromLink.state, fromLink.signature], ['valid', 'verified'], 'a padded token is read, and its signature checked');
    await runFails('vonage.inspectJwt', { token: 'eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.sig' }, /^The token's payload is not JSON, so this is not a JWT\.$/);
    await runFails('vonage.inspectJwt', { token: 'hello' }, /^This is not a JWT: a JWT has three parts separated by dots, this has 1\.$/);
  });

  it('Inspect JWT by hand opens a read-only document with the decoded token and its verdict', async () => {
    const doc = await openFile('inspect.env', `T=${sign({})}\n`);
    vscode.window.activeTextEditor!.selection = new vscode.Selection(0, 5, 0, 5);
    await vscode.commands.executeCommand('vonage.inspectJwt');
    await eventually(() => vscode.window.activeTextEditor?.document.uri.scheme === 'vonage-jwt', 'the inspection document');
    const shown = vscode.window.activeTextEditor!.document;
    assert.match(shown.getText(), /^\/\/ Vonage token of Token App for Alice Example\n\/\/ Valid: expires in 23 h\.\n\/\/ Signature verified/);
    assert.strictEqual((JSON.parse(shown.getText().replace(/^\/\/.*\n/gm, '')) as { claims: { sub: string } }).claims.sub, 'alice');
    assert.notStrictEqual(doc.uri.toString(), shown.uri.toString());
  });

  it('Inspect JWT by hand with no editor: a token on the clipboard is taken, else the token is asked for', async () => {
    await closeAllEditors();
    const token = sign({});
    await vscode.env.clipboard.writeText(`Authorization: Bearer ${token}`);
    const quiet = new QueuedUi([]);
    env.api.setUi(quiet);
    try {
      await vscode.commands.executeCommand('vonage.inspectJwt');
      assert.strictEqual(quiet.asked.length, 0, 'nothing asked: the clipboard held a token');
      await eventually(() => vscode.window.activeTextEditor?.document.uri.scheme === 'vonage-jwt', 'the inspection of the clipboard\'s token');
      await closeAllEditors();
      await vscode.env.clipboard.writeText('no token here');
      const asking = new QueuedUi([`Bearer ${token}`]);
      env.api.setUi(asking);
      await vscode.commands.executeCommand('vonage.inspectJwt');
      assert.deepStrictEqual(asking.asked.map((a) => a.text), ['Paste a JWT (a leading "Bearer " is fine)']);
      await eventually(() => vscode.window.activeTextEditor?.document.uri.scheme === 'vonage-jwt', 'the inspection of the pasted token');
    } finally {
      env.api.setUi(undefined);
    }
  });

  it('Inspect JWT by hand where the lens is off: the token under the cursor, or the one inside a wider selection, never the clipboard\'s', async () => {
    const claimsShown = () => (JSON.parse(vscode.window.activeTextEditor!.document.getText().replace(/^\/\/.*\n/gm, '')) as { claims: { jti: string } }).claims;
    const inspectByHand = async (selection: vscode.Selection) => {
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = selection;
      await vscode.commands.executeCommand('vonage.inspectJwt');
      await eventually(() => vscode.window.activeTextEditor?.document.uri.scheme === 'vonage-jwt', 'the inspection document');
      const shown = claimsShown();
      await closeAllEditors();
      return shown;
    };
    await vscode.env.clipboard.writeText(sign({ jti: 'jti-on-the-clipboard' }));
    const doc = await openFile('lens-off.env', `# the token\nVONAGE_JWT=${sign({ jti: 'jti-in-the-file' })}\n`);
    const line = doc.lineAt(1).text;
    await setConfig('vonage.tokens.enabled', false);
    try {
      assert.strictEqual((await inspectByHand(new vscode.Selection(1, 20, 1, 20))).jti, 'jti-in-the-file', 'the token under the cursor');
      assert.strictEqual((await inspectByHand(new vscode.Selection(1, 0, 1, line.length))).jti, 'jti-in-the-file', 'the token inside the selected line');
      assert.strictEqual((await inspectByHand(new vscode.Selection(1, 12, 1, 16))).jti, 'jti-in-the-file', 'a selection within the token: the token');
    } finally {
      await setConfig('vonage.tokens.enabled', undefined);
    }
  });

  it('an edit with several changes (multi-cursor) keeps the tokens right', async () => {
    const a = sign({ iat: now() - 7200, exp: now() - 60 });
    const doc = await openFile('multi.env', `A=${a}\nB=${a}\nC=x\n`);
    await eventually(() => tokenDiagnostics(doc.uri).length === 2, 'two expired tokens');
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((b) => {
      b.insert(new vscode.Position(0, 0), '# ');
      b.replace(new vscode.Range(1, 2, 1, 2 + a.length), 'gone');
      b.insert(new vscode.Position(2, 2), a);
    });
    await eventually(() => tokenDiagnostics(doc.uri).map((d) => d.range.start.line).join() === '0,2', 'the warnings on lines 1 and 3 only');
    assert.strictEqual(tokenDiagnostics(doc.uri)[0].range.start.character, 4, 'shifted by the "# " typed before it');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('nothing of any token the suite used reaches the log: not the token, nor its payload or signature alone', () => {
    const log = env.api.logText();
    const tokens = [...usedSecrets].filter((secret) => typeof secret === 'string' && core.findJwts(secret).length === 1);
    assert.ok(tokens.length >= 20, `only ${tokens.length} tokens recorded`);
    for (const token of tokens) {
      const [, payload, signature] = token.split('.');
      assert.ok(!log.includes(payload), `the log holds a token's payload (${payload.slice(0, 12)}…)`);
      assert.ok(!log.includes(signature), `the log holds a token's signature (${signature.slice(0, 12)}…)`);
    }
  });

  it('vonage.tokens.enabled: false leaves documents alone; closing a document clears its diagnostics', async () => {
    const doc = await openFile('closing.env', `T=${sign({ iat: now() - 7200, exp: now() - 60 })}\n`);
    await eventually(() => tokenDiagnostics(doc.uri).length === 1, 'the warning');
    await setConfig('vonage.tokens.enabled', false);
    try {
      await eventually(() => tokenDiagnostics(doc.uri).length === 0, 'no diagnostics while disabled');
      assert.deepStrictEqual(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 5)), []);
      const inspected = await run<{ state: string }>('vonage.inspectJwt', { uri: doc.uri.toString(), offset: 5 });
      assert.strictEqual(inspected.state, 'expired', 'the commands still work on a token under the cursor');
    } finally {
      await setConfig('vonage.tokens.enabled', undefined);
    }
    await eventually(() => tokenDiagnostics(doc.uri).length === 1, 'back when enabled');
    await closeAllEditors();
    await eventually(() => tokenDiagnostics(doc.uri).length === 0, 'cleared when its last tab closed');
    await vscode.window.showTextDocument(doc);
    await eventually(() => tokenDiagnostics(doc.uri).length === 1, 'back when it is shown again');
  });
});
