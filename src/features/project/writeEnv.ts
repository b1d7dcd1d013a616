import * as path from 'path';
import vscode = require('vscode');
import { NotSignedInError } from '../../credentials/session';
import { UserNode } from '../users/userNode';
import { registerCommand, type Invocation } from '../../ui/commandWrapper';
import { setContextKey } from '../../ui/contextKeys';
import { runWizard, type PickItem, type StepInfo } from '../../ui/prompts';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { resolveInsideFolder, type PathInFolder } from '../../workspace/insideFolder';
import { keyFileState, type KeyFileState } from '../../workspace/keyFile';
import { argsOf, optBoolean, optString } from '../../ui/args';
import { applicationIdOf, pickApplicationWithKey } from '../applications/applicationArgs';
import { envNames, type EnvNames } from './envSettings';
import { aclStep, mintUserToken, ttlStep } from '../tokens/jwtSteps';
import { keyFileNamedInEnv } from './keyFileInEnv';
import { writeProjectFiles } from './projectFiles';
import type { Services } from '../../services';
import { folderFromArg, pickWorkspaceFolder, workspaceFoldersOrFail } from '../../ui/workspaceFolders';

/** Set when credentials were written to a .env: completes the walkthrough's "Add credentials to .env" step. */
const WROTE_ENV_CONTEXT = 'vonage:wroteEnv';

const TITLE = 'Add Credentials to .env';
const DEFAULT_KEY_FILE = 'private.key';
const HOUR = 3600;
const NO_USER = Symbol('no user');
const OPEN_ENV = 'Open .env';
const WRITE_SECRET = 'Write the API Secret';
const OVERWRITE = 'Overwrite';
const OTHER_NAME = 'Save Under Another Name';

/**
 * Vonage: Add Credentials to .env —
 * `{ applicationId, user?, folder?, file?, ttlSeconds?, acl?, includeApiSecret?, gitignore?, privateKeyFile?, overwritePrivateKeyFile? }`
 * → `{ file, written, privateKeyFile, gitignoreUpdated, tracked }`.
 * Writes the application id, the key file's path (saving the key file first, 0600) and, with a user,
 * a fresh user JWT into the folder's .env, edited in place; the API key and secret only when asked.
 * Then makes sure git ignores both files, and warns when git already tracks one.
 */
export function registerWriteEnv(s: Services): void {
  registerCommand(s.context, 'vonage.writeEnv', s, async (arg, inv) => {
    const args = argsOf(arg);
    const baseUrl = s.session.baseUrl; // once: the key and secret read are those of this host
    const folders = workspaceFoldersOrFail(TITLE); // say so before asking anything
    const names = envNames();
    let applicationId = applicationIdOf(arg);
    let appName = applicationId ? s.tree.findApplication(applicationId)?.app.name : undefined;
    let user: string | typeof NO_USER | undefined = arg instanceof UserNode ? arg.user.name : optString(args, 'user');
    let folder = folderFromArg(args.folder, TITLE) ?? (folders.length === 1 ? folders[0] : undefined);
    let file = optString(args, 'file');
    let ttl: number | undefined = args.ttlSeconds === undefined ? undefined : (await s.session.core()).validateTtl(args.ttlSeconds);
    let acl: unknown = args.acl;
    let includeApiSecret = optBoolean(args, 'includeApiSecret');
    const hasUser = () => typeof user === 'string';

    await runWizard(TITLE, [
      {
        skip: () => applicationId !== undefined,
        run: async (info) => {
          const app = await pickApplicationWithKey(s, inv, info, 'Which application\'s credentials?');
          applicationId = app.id;
          appName = app.name;
        },
      },
      {
        skip: () => user !== undefined || inv.scripted,
        run: async (info) => {
          user = await pickOptionalUser(s, inv, baseUrl, applicationId!, info);
        },
      },
      {
        skip: () => folder !== undefined,
        run: async (info) => {
          folder = await pickWorkspaceFolder(inv, info, TITLE);
        },
      },
      {
        skip: () => file !== undefined || inv.scripted,
        run: async (info) => {
          file = await askEnvFile(inv, folder!, info);
        },
      },
      // Counted while the user is undecided: "no user" then drops them.
      { ...ttlStep(s, inv, settingTtl(), [HOUR, 8 * HOUR, 24 * HOUR], (n) => { ttl = n; }), skip: () => user === NO_USER || ttl !== undefined || inv.scripted },
      { ...aclStep(inv, (a) => { acl = a; }), skip: () => user === NO_USER || acl !== undefined || inv.scripted },
      {
        skip: () => includeApiSecret !== undefined || inv.scripted,
        run: async (info) => {
          includeApiSecret = await askApiSecret(inv, info, hasUser());
        },
      },
    ]);
    if (!applicationId) throw new VonageInputError('Say which application\'s credentials to write (applicationId).', 'applicationId');
    if (includeApiSecret && !inv.scripted) await confirmApiSecret(inv, file ?? '.env');
    const appId = applicationId;
    const root = folder!.uri.fsPath;
    const env = await resolveInsideFolder(root, file ?? '.env', 'file');
    const pem = await s.session.privateKey(baseUrl, appId, appName);
    const keyFile = await chooseKeyFile(inv, root, env, names, pem, appId, optString(args, 'privateKeyFile'), optBoolean(args, 'overwritePrivateKeyFile'));

    // The key file's path as seen from the .env's folder, where the app reading the .env runs (a nested backend/.env too).
    const keyPath = path.posix.relative(path.posix.dirname(env.relative), keyFile.file.relative);
    const values: [string, string][] = [[names.applicationId, appId], [names.privateKey, keyPath]];
    if (hasUser()) values.push([names.jwt, (await mintUserToken(s, baseUrl, { applicationId: appId, applicationName: appName, user: user as string, ttlSeconds: ttl, acl })).token]);
    if (includeApiSecret) values.push(...await apiKeyAndSecret(s, baseUrl, names));

    const result = await writeProjectFiles(s, inv, { env, values, keyFile: { ...keyFile, pem } }, optBoolean(args, 'gitignore'));
    if (includeApiSecret) s.log.warn(`The API secret was written to ${env.path} at your request: it is no longer only in SecretStorage.`);
    await setContextKey(WROTE_ENV_CONTEXT, true);
    if (!inv.scripted) tell(s, inv, env, result.written, result.gitignoreUpdated);
    return result;
  });
}

/** The active account's key and secret of `baseUrl`, as .env pairs. */
async function apiKeyAndSecret(s: Services, baseUrl: string, names: EnvNames): Promise<[string, string][]> {
  const account = await s.store.getAccount(baseUrl);
  if (!account) throw new NotSignedInError(baseUrl);
  return [[names.apiKey, account.apiKey], [names.apiSecret, account.apiSecret]];
}

function settingTtl(): number {
  return vscode.workspace.getConfiguration('vonage.jwt').get<number>('defaultTtlSeconds') ?? 86400;
}

/** The user whose token goes in, or none (the first choice: the app may log users in itself). */
async function pickOptionalUser(s: Services, inv: Invocation, baseUrl: string, applicationId: string, info: StepInfo): Promise<string | typeof NO_USER> {
  const none: PickItem<string | typeof NO_USER> = { label: '$(circle-slash) No user token', description: 'only the application id and the private key', value: NO_USER };
  return inv.ui.pick((async () => [none, ...(await userItems(s, baseUrl, applicationId))])(), {
    ...info,
    placeholder: 'Add a user JWT too? Pick a user, type a user name, or none',
    typed: (text) => ({ label: `$(edit) ${text}`, description: 'use this name as the token\'s sub', value: text }),
  });
}

async function userItems(s: Services, baseUrl: string, applicationId: string): Promise<PickItem<string>[]> {
  const node = s.tree.findApplication(applicationId);
  const users = s.users.usersOf(applicationId) ?? (await (await s.session.users(baseUrl, applicationId, node?.app.name)).listPage()).users;
  return users.map((u) => ({ label: `$(person) ${u.name}`, description: u.display_name && u.display_name !== u.name ? u.display_name : undefined, value: u.name }));
}

async function askEnvFile(inv: Invocation, folder: vscode.WorkspaceFolder, info: StepInfo): Promise<string> {
  return inv.ui.input({
    ...info,
    prompt: `The .env file, relative to ${folder.name} (created when missing; edited in place otherwise)`,
    value: '.env',
    validate: async (v) => {
      try { await resolveInsideFolder(folder.uri.fsPath, v, 'file'); return undefined; } catch (e) { return e instanceof Error ? e.message : String(e); }
    },
  });
}

/** `withToken`: a user was picked, so a token is written too ("No user token": only the id and the key file). */
async function askApiSecret(inv: Invocation, info: StepInfo, withToken: boolean): Promise<boolean> {
  return inv.ui.pick([
    withToken
      ? { label: 'Application id, key file and token', description: 'recommended: the Client SDK needs nothing else', value: false }
      : { label: 'Application id and key file', description: 'recommended: your backend signs the tokens with the key', value: false },
    { label: 'Also the API key and secret', description: 'the secret leaves SecretStorage', value: true },
  ], { ...info, placeholder: 'Add the API key and secret as well?' });
}

async function confirmApiSecret(inv: Invocation, file: string): Promise<void> {
  const choice = await inv.ui.confirm(
    `Write your API secret to ${file}?`,
    'It leaves VS Code\'s secret storage and sits in the file as plain text, readable by anything that reads your project. It opens your whole Vonage account; the Client SDK does not need it.',
    WRITE_SECRET,
  );
  if (choice !== WRITE_SECRET) throw new vscode.CancellationError();
}

/**
 * The key file: the one the .env already names when it holds this key, else `privateKeyFile` (default
 * private.key). A file holding another key is never overwritten without asking (scripted: without
 * `overwritePrivateKeyFile: true`).
 */
async function chooseKeyFile(inv: Invocation, root: string, env: PathInFolder, names: EnvNames, pem: string, appId: string, given: string | undefined, overwrite: boolean | undefined): Promise<{ file: PathInFolder; state: KeyFileState }> {
  const named = given === undefined ? await keyFileNamedInEnv(root, env, names) : undefined;
  if (named && await keyFileState(named, pem) === 'same') return { file: named, state: 'same' };
  let file = await resolveInsideFolder(root, given ?? DEFAULT_KEY_FILE, 'privateKeyFile');
  let state = await keyFileState(file, pem);
  if (state !== 'different' || overwrite) return { file, state };
  const problem = `${file.relative} already holds a different private key (or something that is not this application's key)`;
  if (inv.scripted) throw new VonageInputError(`${problem}, so it was left as it was and nothing was written. Give another file (privateKeyFile) or pass overwritePrivateKeyFile: true.`, 'privateKeyFile');
  const choice = await inv.ui.confirm(`${problem}. Overwrite it?`, 'Overwriting loses that key for good unless it is stored elsewhere.', OVERWRITE, OTHER_NAME);
  if (choice === OVERWRITE) return { file, state };
  if (choice !== OTHER_NAME) throw new vscode.CancellationError();
  const name = await inv.ui.input({
    title: TITLE,
    prompt: 'Save the private key as (relative to the folder)',
    value: `private-${appId.slice(0, 8)}.key`,
    validate: async (v) => {
      try {
        const f = await resolveInsideFolder(root, v, 'privateKeyFile');
        return await keyFileState(f, pem) === 'different' ? `${f.relative} exists too and holds something else.` : undefined;
      } catch (e) { return e instanceof Error ? e.message : String(e); }
    },
  });
  file = await resolveInsideFolder(root, name, 'privateKeyFile');
  state = await keyFileState(file, pem);
  return { file, state };
}

/** What was written, and whether .gitignore now keeps it out of git; Open .env. */
function tell(s: Services, inv: Invocation, env: PathInFolder, written: string[], gitignoreUpdated: boolean): void {
  const ignored = gitignoreUpdated ? ' .gitignore now keeps them out of git.' : '';
  void inv.ui.info(`Wrote ${written.join(', ')} to ${env.relative}.${ignored}`, OPEN_ENV).then(async (choice) => {
    if (choice === OPEN_ENV) await vscode.window.showTextDocument(vscode.Uri.file(env.path));
  }).then(undefined, (e: unknown) => s.log.error('Opening .env failed', e));
}
