import * as path from 'path';
import vscode = require('vscode');
import { parse } from 'dotenv';
import { isFoldersEnv } from './secretCodeActions';
import { registerCommand, type Invocation } from '../../ui/commandWrapper';
import { variableNameProblem } from '../../vonage/dotenv/envEditor';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { SecretFinding, SecretKind, Span } from '../../vonage/secrets/finding';
import { readEnvText } from '../../workspace/envFile';
import { resolveInsideFolder, type PathInFolder } from '../../workspace/insideFolder';
import { keyFileState } from '../../workspace/keyFile';
import { argsOf, optString } from '../../ui/args';
import { envNames, type EnvNames } from '../project/envSettings';
import { keyFileNamedInEnv } from '../project/keyFileInEnv';
import { writeProjectFiles } from '../project/projectFiles';
import type { Services } from '../../services';
import { slashRelative } from '../../workspace/slashPath';

const JS_TS = new Set(['javascript', 'typescript', 'javascriptreact', 'typescriptreact']);
const KIND_WORDS: Record<SecretKind, string> = { privateKey: 'private key', apiSecret: 'API secret', jwt: 'JWT' };

/**
 * Move to .env (the quick fix of a secrets-in-git warning) — `{ uri, start, end, name?, file? }` →
 * `{ file, name, replacedWith, gitignoreUpdated, keyFile? }`. The secret at [start, end) of the file goes into the
 * folder's .env (`file`, default .env) under `name` (asked, offering the usual name or, when the .env uses that
 * for something else, NAME_2…); a private key the .env's key file already holds is not written twice
 * (`keyFile`: the code is pointed at that file's variable instead); in JS/TS
 * its string literal becomes `process.env.NAME`, elsewhere the value is removed. git is made to ignore
 * the .env; a .env that git tracks is refused (the secret would still be published).
 */
export function registerMoveSecretToEnv(s: Services): void {
  registerCommand(s.context, 'vonage.moveSecretToEnv', s, async (arg, inv) => {
    const args = argsOf(arg);
    const { doc, finding } = await findingOf(s, args);
    const name = path.basename(doc.uri.fsPath);
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    if (!folder) throw new VonageInputError(`${name} is not in a workspace folder, so there is no .env to move the secret to. Open its folder and try again.`, 'uri');
    if (isFoldersEnv(doc.uri)) throw new VonageInputError(`This is the folder's .env itself: keep it out of git instead (Add this file to .gitignore, or git rm --cached .env if git tracks it).`, 'uri');
    const env = await resolveInsideFolder(folder.uri.fsPath, optString(args, 'file') ?? '.env', 'file');
    await refuseTrackedEnv(s, env);
    const value = secretValue(doc.getText(), finding);
    const names = envNames();
    const keyFile = finding.kind === 'privateKey' && optString(args, 'name') === undefined ? await keyFileHoldingThisKey(folder, env, names, value) : undefined;
    if (keyFile) return pointAtKeyFile(s, inv, doc, finding, { env, keyFile, variable: names.privateKey, pem: value });
    const variable = await chooseName(inv, env, finding, value, names, optString(args, 'name'));

    const result = await writeProjectFiles(s, inv, { env, values: [[variable, value]] }, true, true);
    const replacedWith = JS_TS.has(doc.languageId) && finding.literal ? `process.env.${variable}` : '';
    await removeFromDocument(doc, finding, replacedWith, env);
    await s.secrets.checkDocument(doc);
    s.log.info(`Moved the ${KIND_WORDS[finding.kind]} from ${doc.uri.fsPath} to ${env.path} as ${variable}.`);
    if (!inv.scripted) {
      const ignored = result.gitignoreUpdated ? ` ${env.relative} is now in .gitignore.` : '';
      void inv.ui.info(replacedWith
        ? `Moved the ${KIND_WORDS[finding.kind]} to ${env.relative} as ${variable}; ${name} now reads ${replacedWith} (load ${env.relative} with dotenv).${ignored}`
        : `Moved the ${KIND_WORDS[finding.kind]} to ${env.relative} as ${variable} and removed it from ${name}: read ${variable} from the environment there.${ignored}`);
    }
    return { file: env.path, name: variable, replacedWith, gitignoreUpdated: result.gitignoreUpdated };
  }, { worksSignedOut: true });
}

/** The warning the quick fix was made for, checked again now (the file may have changed since). */
async function findingOf(s: Services, args: Record<string, unknown>): Promise<{ doc: vscode.TextDocument; finding: SecretFinding }> {
  const uri = optString(args, 'uri');
  const { start, end } = args;
  if (!uri || typeof start !== 'number' || typeof end !== 'number') {
    throw new VonageInputError('Move to .env needs { uri, start, end }: the file and the offsets of the secret (its quick fix passes them).', 'uri');
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const published = (await s.secrets.checkDocument(doc)).find((p) => p.finding.start === start && p.finding.end === end);
  if (!published) throw new VonageInputError(`There is no secret warning at that place in ${path.basename(doc.uri.fsPath)} any more (edited meanwhile?), so nothing was moved.`, 'uri');
  return { doc, finding: published.finding };
}

async function refuseTrackedEnv(s: Services, env: PathInFolder): Promise<void> {
  const v = await s.git.verdict(env.path, { fresh: true });
  if (!v?.tracked || !v.repository) return;
  const rel = slashRelative(v.repository.root, env.target);
  throw new VonageInputError(`git tracks ${env.relative} in repository "${v.repository.name}", so moving the secret there would still publish it. Run: git rm --cached ${rel} and commit, then try again; nothing was moved.`, 'file');
}

/** The key file the .env already names as the private key, when it holds this very key (in any PEM format). */
async function keyFileHoldingThisKey(folder: vscode.WorkspaceFolder, env: PathInFolder, names: EnvNames, pem: string): Promise<PathInFolder | undefined> {
  const named = await keyFileNamedInEnv(folder.uri.fsPath, env, names);
  return named && await keyFileState(named, pem) === 'same' ? named : undefined;
}

interface KeyAlreadyThere { env: PathInFolder; keyFile: PathInFolder; variable: string; pem: string }

/**
 * The PEM is the key the key file already holds, and the .env names that file: nothing new goes into
 * the .env. The code is pointed at what is there — in JS/TS the literal becomes process.env.NAME, a
 * path Vonage's SDKs take as `privateKey` — and the .env and key file are kept out of git as usual.
 */
async function pointAtKeyFile(s: Services, inv: Invocation, doc: vscode.TextDocument, f: SecretFinding, k: KeyAlreadyThere) {
  const result = await writeProjectFiles(s, inv, { env: k.env, values: [[k.variable, k.keyFile.relative]], keyFile: { file: k.keyFile, pem: k.pem, state: 'same' } }, true, true);
  const replacedWith = JS_TS.has(doc.languageId) && f.literal ? `process.env.${k.variable}` : '';
  await removeFromDocument(doc, f, replacedWith, k.env);
  await s.secrets.checkDocument(doc);
  const name = path.basename(doc.uri.fsPath);
  s.log.info(`Removed the private key from ${doc.uri.fsPath}: ${k.keyFile.path} holds the same key, named by ${k.variable} in ${k.env.path}.`);
  if (!inv.scripted) {
    const reads = replacedWith
      ? `${name} now reads ${replacedWith}, the key file's path (Vonage's SDKs take a path as privateKey)`
      : `read the key from the file ${k.variable} names in ${name}'s place`;
    void inv.ui.info(`This private key is the one ${k.keyFile.relative} already holds, and ${k.env.relative} names that file as ${k.variable}: nothing new was written. It was removed from ${name}; ${reads}.`);
  }
  return { file: k.env.path, name: k.variable, replacedWith, gitignoreUpdated: result.gitignoreUpdated, keyFile: k.keyFile.path };
}

/** The secret's value as the program sees it: a PEM written with \n escapes gets its real line breaks. */
function secretValue(text: string, f: SecretFinding): string {
  const raw = text.slice(f.start, f.end);
  return f.detail === 'pemEscaped' ? raw.replace(/\\+r\\+n|\\+n/g, '\n').replace(/\\+r/g, '') : raw;
}

function usualName(f: SecretFinding, names: EnvNames): string {
  if (f.kind === 'privateKey') return names.privateKey;
  if (f.kind === 'jwt') return names.jwt;
  return f.name && !variableNameProblem(f.name) && /^[A-Z0-9_]+$/.test(f.name) ? f.name : names.apiSecret;
}

/** The usual name, or (the .env uses it for something else) the first of NAME_2, NAME_3, … that `problem` accepts. */
function offeredName(usual: string, problem: (name: string) => string | undefined): string {
  if (!problem(usual)) return usual;
  for (let n = 2; ; n++) if (!problem(`${usual}_${n}`)) return `${usual}_${n}`;
}

/** The variable: given, or asked (a name the check accepts offered); never one the .env holds with another value. */
async function chooseName(inv: Invocation, env: PathInFolder, f: SecretFinding, value: string, names: EnvNames, given: string | undefined): Promise<string> {
  const current = parse(await readEnvText(env) ?? '');
  const problem = (n: string) => variableNameProblem(n)
    ?? (current[n] !== undefined && current[n] !== value ? `${env.relative} already has ${n} with another value: choose another name.` : undefined);
  const offered = offeredName(usualName(f, names), problem);
  let name = given;
  if (name === undefined && !inv.scripted) {
    name = await inv.ui.input({ title: 'Move to .env', prompt: `The variable to keep the ${KIND_WORDS[f.kind]} in, in ${env.relative}`, value: offered, validate: problem });
  }
  name = (name ?? offered).trim();
  const bad = problem(name);
  if (bad) throw new VonageInputError(bad, 'name');
  return name;
}

/** JS/TS: the literal becomes `replacedWith`; elsewhere the value goes (the quotes stay). Saved when the file had no unsaved changes. */
async function removeFromDocument(doc: vscode.TextDocument, f: SecretFinding, replacedWith: string, env: PathInFolder): Promise<void> {
  const span: Span = replacedWith ? f.literal! : f.literal ? { start: f.literal.start + 1, end: f.literal.end - 1 } : f;
  const wasDirty = doc.isDirty;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end)), replacedWith);
  if (!await vscode.workspace.applyEdit(edit)) {
    throw new VonageInputError(`The secret is in ${env.relative} now, but ${path.basename(doc.uri.fsPath)} could not be changed (read-only?): remove it there by hand.`, 'uri');
  }
  if (!wasDirty) await doc.save();
}
