// NCCO files in the real VS Code, through VS Code's own commands on real files in the workspace folder: the
// schema (package.json jsonValidation) gives squiggles and completions with the snippets; New NCCO File writes
// a starter and never overwrites; the CodeLens, the application a file is for, and the warning on a connect to
// a user that application does not have (which follows the users as they change).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { workspaceRoot } from './support/gitRepo';
import { QueuedUi, type Env, byHand, eventually, run, runFails, startEnv, stopEnv } from './support/harness';

const DIR = 'ncco-suite';
const titles = (lenses: vscode.CodeLens[]) => lenses.map((l) => l.command?.title);
const labels = (list: vscode.CompletionList) => list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));

describe('NCCO files: schema, snippets, New NCCO File, CodeLens, unknown users', () => {
  let env: Env;
  let appId: string;
  const folder = () => path.join(workspaceRoot(), DIR);
  const file = (name: string) => path.join(folder(), name);
  /** Writes a new file and opens it in an editor (each test its own name: an open document keeps the text it was opened with). */
  const openWith = async (name: string, text: string) => {
    assert.ok(!fs.existsSync(file(name)), `${name} is new`);
    fs.writeFileSync(file(name), text);
    const doc = await vscode.workspace.openTextDocument(file(name));
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  };
  const lenses = async (doc: vscode.TextDocument) => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
  const schemaProblems = (doc: vscode.TextDocument) => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source !== 'Vonage').map((d) => `${doc.getText(d.range)}: ${d.message}`);
  const userWarnings = (doc: vscode.TextDocument) => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Vonage' && d.code === 'unknown-app-user');

  before(async () => {
    env = await startEnv();
    appId = (await run<{ id: string }>('vonage.createApplication', { name: 'NCCO App' })).id;
    await run('vonage.createUser', { applicationId: appId, name: 'alice' });
    await env.api.tree.applications();
    fs.mkdirSync(folder(), { recursive: true });
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(folder(), { recursive: true, force: true });
    await stopEnv(env);
  });
  afterEach(async () => {
    env.api.setUi(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the schema squiggles a missing field, an unknown field and a URL that is not in an array, on ncco.json and *.ncco.json', async () => {
    for (const name of ['ncco.json', 'ivr.ncco.json']) {
      const doc = await openWith(name, '[\n  { "action": "talk", "txt": "Hello" },\n  { "action": "record", "eventUrl": "https://example.com/rec" }\n]\n');
      await eventually(() => schemaProblems(doc).length >= 3, `${name}: the schema's squiggles (have ${JSON.stringify(schemaProblems(doc))})`, 30_000);
      const problems = schemaProblems(doc).join('\n');
      assert.match(problems, /Missing property "text"/);
      assert.match(problems, /"txt": Property txt is not allowed/);
      assert.match(problems, /"https:\/\/example\.com\/rec": Incorrect type\. Expected "array"/);
    }
    const other = await openWith('other.json', '[{ "action": "talk", "txt": "Hello" }]\n');
    assert.deepStrictEqual((await lenses(other)).length, 0, 'no NCCO lens on another JSON file');
  });

  it('completions: the whole-NCCO snippets in an empty file, the action snippets in the array, an action\'s own fields', async () => {
    const empty = await openWith('empty.ncco.json', '');
    await eventually(async () => labels(await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', empty.uri, new vscode.Position(0, 0))).includes('Ring a user\'s app'), 'the root snippets', 30_000);
    const root = labels(await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', empty.uri, new vscode.Position(0, 0)));
    assert.ok(['Say something', 'Call a phone', 'Menu (talk, then keys)', 'Conference'].every((l) => root.includes(l)), root.join(', '));

    const inArray = await openWith('items.ncco.json', '[\n  \n]\n');
    const items = labels(await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', inArray.uri, new vscode.Position(1, 2)));
    assert.ok(['talk', 'connect to a user\'s app', 'connect to a phone', 'input (keys)', 'record', 'wait', 'transfer'].every((l) => items.includes(l)), items.join(', '));

    const talk = await openWith('fields.ncco.json', '[\n  { "action": "talk",  }\n]\n');
    const fields = labels(await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', talk.uri, new vscode.Position(1, 22)));
    assert.ok(['text', 'bargeIn', 'language', 'style', 'level', 'loop', 'premium'].every((f) => fields.some((l) => l.includes(f))), fields.join(', '));
    assert.ok(!fields.some((l) => l.includes('endpoint')), 'a talk action is offered only its own fields');
  });

  it('New NCCO File scripted: a valid starter, opened; never overwrites; a name without ncco.json is refused', async () => {
    const made = await run<{ file: string; created: boolean }>('vonage.newNcco', { file: `${DIR}/welcome.ncco.json` });
    assert.deepStrictEqual(made, { file: file('welcome.ncco.json'), created: true });
    const text = fs.readFileSync(made.file, 'utf8');
    assert.deepStrictEqual(JSON.parse(text), [{ action: 'talk', text: 'Hello from Vonage. This call runs the NCCO in your editor.' }]);
    await eventually(() => vscode.window.activeTextEditor?.document.uri.fsPath === made.file, 'the new file is open');
    fs.writeFileSync(made.file, '[{"action": "wait"}]\n');
    assert.deepStrictEqual(await run('vonage.newNcco', { file: made.file }), { file: made.file, created: false });
    assert.strictEqual(fs.readFileSync(made.file, 'utf8'), '[{"action": "wait"}]\n', 'left as it was');
    await runFails('vonage.newNcco', { file: `${DIR}/call.json` }, /^Name the file ncco\.json, or something\.ncco\.json, not call\.json: that name is how VS Code knows to check it against the NCCO schema and show its CodeLens\. Nothing was written\.$/);
    assert.ok(!fs.existsSync(file('call.json')));
  });

  it('New NCCO File by hand: asks where (the save dialog), and says so when the file exists', async () => {
    const target = vscode.Uri.file(file('hand.ncco.json'));
    const ui = new QueuedUi([target, target]);
    assert.deepStrictEqual(await byHand(env, ui, 'vonage.newNcco'), { file: target.fsPath, created: true });
    assert.deepStrictEqual(await byHand(env, ui, 'vonage.newNcco'), { file: target.fsPath, created: false });
    assert.deepStrictEqual(ui.messages.map((m) => m.text), ['hand.ncco.json already exists, so it was not overwritten: it is open as it was.']);
    assert.strictEqual(await byHand(env, new QueuedUi([undefined]), 'vonage.newNcco'), undefined, 'dismissing the dialog writes nothing');
  });

  it('the CodeLens: call a user, call a phone, and the application the file is for (chosen once, remembered, changeable)', async () => {
    const doc = await openWith('lens.ncco.json', '[{ "action": "talk", "text": "hi" }]\n');
    await eventually(async () => (await lenses(doc)).length === 3, 'three lenses');
    assert.deepStrictEqual(titles(await lenses(doc)), ['$(call-outgoing) Call a user with this NCCO', '$(device-mobile) Call a phone with this NCCO', '$(vm) Choose the application']);
    const [callUser, callPhone, choose] = await lenses(doc);
    assert.deepStrictEqual([callUser.command?.command, callPhone.command?.command, choose.command?.command], ['vonage.callUser', 'vonage.callPhone', 'vonage.chooseNccoApplication']);
    assert.strictEqual(callUser.range.start.line, 0);
    const ui = new QueuedUi(['NCCO App']);
    await byHand(env, ui, choose.command!.command, ...((choose.command!.arguments ?? []) as unknown[]));
    assert.match(ui.asked[0].text ?? '', /Which application is this NCCO file for\?/);
    await eventually(async () => titles(await lenses(doc))[2] === '$(vm) For "NCCO App"', 'the lens names the application');
    assert.strictEqual(env.api.calls.files.applicationFor(doc.uri), appId);
    // the Applications view not loaded (a new window, the view never opened): the lens reads the name itself, never showing the id
    env.api.tree.reload();
    assert.doesNotMatch(titles(await lenses(doc))[2] ?? '', new RegExp(appId.slice(0, 8)), 'no id while the name is read');
    await eventually(async () => titles(await lenses(doc))[2] === '$(vm) For "NCCO App"', 'the name, read without the view', 15_000);
  });

  it('a connect to a user the application does not have: a Warning on that user, which follows the users', async () => {
    const doc = await openWith('users.ncco.json', [
      '[',
      '  { "action": "talk", "text": "Connecting" },',
      '  { "action": "connect", "endpoint": [{ "type": "app", "user": "alice" }] },',
      '  { "action": "connect", "endpoint": [{ "type": "app", "user": "bob" }] }',
      ']',
      '',
    ].join('\n'));
    assert.deepStrictEqual(userWarnings(doc), [], 'no application chosen yet: nothing to check against');
    await run('vonage.chooseNccoApplication', { nccoFile: doc.uri.toString(), applicationId: appId });
    await eventually(() => userWarnings(doc).length === 1, 'a warning on bob');
    const [warning] = userWarnings(doc);
    assert.strictEqual(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(warning.range.start.line, 3);
    assert.strictEqual(doc.getText(warning.range), '"bob"');
    assert.strictEqual(warning.message, '"bob" is not a user of "NCCO App" (the application this NCCO file is for), so this connect would ring nobody. Create the user (Vonage: Create User) or fix the name.');
    // an unsaved edit: the warning moves with the text
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(1, 0), '  { "action": "wait", "timeout": 1 },\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await eventually(() => userWarnings(doc)[0]?.range.start.line === 4, 'the warning follows the edit');
    await run('vonage.createUser', { applicationId: appId, name: 'bob' });
    await eventually(() => userWarnings(doc).length === 0, 'bob exists now: no warning');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
