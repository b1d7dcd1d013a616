import vscode = require('vscode');
import type { Acl } from '../../vonage';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { UserNode } from '../users/userNode';
import type { Invocation } from '../../ui/commandWrapper';
import { GENERATED_JWT_CONTEXT, setContextKey } from '../../ui/contextKeys';
import { insertIntoEditor } from '../../ui/editor';
import { runWizard, type PickItem, type StepInfo, type WizardStep } from '../../ui/prompts';
import { argsOf, optString } from '../../ui/args';
import { applicationIdOf, pickApplicationWithKey } from '../applications/applicationArgs';
import { pickUser } from '../users/pickUser';
import { writeTokenToEnv } from '../project/tokenToEnv';
import type { Services } from '../../services';

export type JwtTarget = 'insert' | 'clipboard' | 'return' | 'env';
const HOUR = 3600;

/** The lifetime and ACL settings, read when a command runs. */
function jwtSettings() {
  const c = vscode.workspace.getConfiguration('vonage.jwt');
  // Not get(): VS Code merges an object setting with its default, which would mix the preset into a custom ACL.
  const acl = c.inspect<unknown>('customAcl');
  return {
    ttl: c.get<number>('defaultTtlSeconds') ?? 86400,
    acl: c.get<string>('defaultAcl') === 'custom' ? 'custom' as const : 'clientSdk' as const,
    customAcl: acl?.workspaceFolderValue ?? acl?.workspaceValue ?? acl?.globalValue ?? acl?.defaultValue,
  };
}

/** Resolves an `acl` argument: 'clientSdk' | 'custom' (the setting) | an ACL object or JSON text. */
async function resolveAcl(s: Services, value: unknown): Promise<Acl> {
  const core = await s.session.core();
  if (value === 'clientSdk') return core.CLIENT_SDK_ACL;
  if (value === 'custom') {
    const custom = jwtSettings().customAcl;
    if (custom === undefined || custom === null || (typeof custom === 'object' && Object.keys(custom).length === 0)) {
      throw new core.VonageInputError('The setting vonage.jwt.customAcl is empty. Put an ACL like {"paths": {"/*/users/**": {}}} in it, or use the Client SDK preset.', 'acl');
    }
    try {
      return core.parseAcl(custom);
    } catch (e) {
      throw new core.VonageInputError(`The setting vonage.jwt.customAcl is not a valid ACL: ${e instanceof Error ? e.message : String(e)}`, 'acl');
    }
  }
  return core.parseAcl(value);
}

/** The lifetime from the setting vonage.jwt.defaultTtlSeconds; a bad value is named as the setting's problem. */
async function settingTtl(s: Services, value: unknown): Promise<number> {
  const core = await s.session.core();
  try {
    return core.validateTtl(value, core.MAX_USER_TTL_SECONDS);
  } catch (e) {
    throw new core.VonageInputError(`The setting vonage.jwt.defaultTtlSeconds is not a valid token lifetime: ${e instanceof Error ? e.message : String(e)} Change the setting to a whole number of seconds from 1 to ${core.MAX_USER_TTL_SECONDS}, or give the lifetime (ttlSeconds) with the command.`, 'ttlSeconds');
  }
}

export function ttlStep(s: Services, inv: Invocation, defaultTtl: number, choices: number[], set: (n: number) => void): WizardStep {
  return {
    run: async (info: StepInfo) => {
      const core = await s.session.core();
      const items: PickItem<number | 'custom'>[] = choices.map((n) => ({
        label: core.formatSeconds(n),
        description: [n === core.MAX_USER_TTL_SECONDS ? 'the maximum' : '', n === defaultTtl ? 'default' : ''].filter(Boolean).join(', ') || undefined,
        value: n,
      }));
      items.push({ label: 'Custom…', description: 'a number of seconds', value: 'custom' });
      items.sort((a, b) => (a.value === defaultTtl ? -1 : b.value === defaultTtl ? 1 : 0));
      const picked = await inv.ui.pick(items, { ...info, placeholder: 'How long should the token live?' });
      if (picked !== 'custom') { set(picked); return; }
      const text = await inv.ui.input({
        ...info, prompt: `Lifetime in seconds (at most ${core.MAX_USER_TTL_SECONDS} = 24 hours)`, value: String(defaultTtl),
        validate: (v) => { try { core.validateTtl(v.trim()); return undefined; } catch (e) { return e instanceof Error ? e.message : String(e); } },
      });
      set(core.validateTtl(text.trim()));
    },
  };
}

/**
 * Hands the token over: into the editor (every selection, or a new untitled document), to the
 * clipboard, into the folder's .env (`file`, `variable` from `args`), or back only.
 */
async function deliver(s: Services, inv: Invocation, token: string, target: JwtTarget, whose: string, args: Record<string, unknown>): Promise<void> {
  const core = await s.session.core();
  const decoded = core.decodeToken(token);
  const expires = decoded.expiresAt ? `${decoded.expiresInWords} (${decoded.expiresAt.toLocaleString()})` : decoded.expiresInWords;
  if (target === 'insert') await insertIntoEditor(token);
  if (target === 'clipboard') await vscode.env.clipboard.writeText(token);
  const env = target === 'env' ? await writeTokenToEnv(s, inv, token, args) : undefined;
  s.log.info(`Generated a JWT for ${whose}: ${expires}.`);
  if (target === 'return' || inv.scripted) return;
  const where = env ? `written to ${env.where}` : target === 'insert' ? 'inserted into the editor' : 'copied to the clipboard';
  void inv.ui.info(`JWT for ${whose} ${where}: ${expires}.`, 'Copy').then(async (choice) => {
    if (choice === 'Copy') await vscode.env.clipboard.writeText(token);
  }).then(undefined, (e: unknown) => s.log.error('Copying the token failed', e));
}

function readTarget(args: Record<string, unknown>, fallback: JwtTarget): JwtTarget {
  const t = optString(args, 'target') ?? fallback;
  if (t !== 'insert' && t !== 'clipboard' && t !== 'return' && t !== 'env') {
    throw new VonageInputError(`target must be "insert", "clipboard", "return" or "env", not "${t}".`, 'target');
  }
  return t;
}

/** The ACL question: the tutorial's Client SDK paths or the custom ACL of the settings (the default first). */
export function aclStep(inv: Invocation, set: (choice: string) => void): WizardStep {
  return {
    run: async (info: StepInfo) => {
      const items: PickItem<string>[] = [
        { label: 'Client SDK', description: 'the tutorial\'s paths: users, conversations, sessions, devices, media, legs…', value: 'clientSdk' },
        { label: 'Custom', description: 'the ACL in the setting vonage.jwt.customAcl', value: 'custom' },
      ];
      if (jwtSettings().acl === 'custom') items.reverse();
      set(await inv.ui.pick(items, { ...info, placeholder: 'Which permissions (ACL)?' }));
    },
  };
}

export interface UserTokenRequest {
  readonly applicationId: string;
  readonly applicationName?: string;
  /** The user's name (the token's sub) or id (USR-…). */
  readonly user: string;
  /** Missing: the setting vonage.jwt.defaultTtlSeconds. */
  readonly ttlSeconds?: number;
  /** 'clientSdk' | 'custom' | an ACL object or JSON text; missing: the setting vonage.jwt.defaultAcl. */
  readonly acl?: unknown;
}

/** Signs a user token with the application's stored key, as Generate User JWT does; a user id becomes its name. */
export async function mintUserToken(s: Services, baseUrl: string, r: UserTokenRequest): Promise<{ token: string; sub: string }> {
  const settings = jwtSettings();
  const privateKey = await s.session.privateKey(baseUrl, r.applicationId, r.applicationName);
  let sub = r.user.trim();
  if (/^USR-[0-9a-f-]{36}$/i.test(sub)) {
    const users = await s.session.users(baseUrl, r.applicationId, r.applicationName);
    sub = (await users.get(sub)).name;
  }
  const acl = await resolveAcl(s, r.acl ?? settings.acl);
  const signer = await s.session.signer();
  const token = signer.signUserToken({ applicationId: r.applicationId, privateKey, sub, ttlSeconds: r.ttlSeconds ?? await settingTtl(s, settings.ttl), acl });
  return { token, sub };
}

/**
 * Generate/Copy User JWT — `{ applicationId, user, ttlSeconds?, acl?, target? }` → the token.
 * `user` is the user's name (the token's sub) or its id (USR-…). From a user node it asks only
 * for the lifetime and ACL. Scripted, missing lifetime and ACL come from the settings.
 */
export async function userJwt(s: Services, inv: Invocation, arg: unknown, defaultTarget: JwtTarget): Promise<string> {
  const args = argsOf(arg);
  const baseUrl = s.session.baseUrl; // once: the key used is the one stored for this host
  const core = await s.session.core();
  const settings = jwtSettings();
  let applicationId = applicationIdOf(arg);
  let appName = applicationId ? s.tree.findApplication(applicationId)?.app.name : undefined;
  let user = arg instanceof UserNode ? arg.user.name : optString(args, 'user');
  let ttl: number | undefined = args.ttlSeconds === undefined ? undefined : core.validateTtl(args.ttlSeconds, core.MAX_USER_TTL_SECONDS);
  let aclChoice: unknown = args.acl;
  const target = readTarget(args, defaultTarget);

  await runWizard(defaultTarget === 'clipboard' ? 'Copy User JWT' : 'Generate User JWT', [
    {
      skip: () => applicationId !== undefined,
      run: async (info) => {
        const app = await pickApplicationWithKey(s, inv, info, 'Which application is the token for?');
        applicationId = app.id;
        appName = app.name;
      },
    },
    {
      skip: () => user !== undefined,
      run: async (info) => {
        user = (await pickUser(s, inv, baseUrl, applicationId!, info, true)).name;
      },
    },
    { ...ttlStep(s, inv, settings.ttl, [HOUR, 8 * HOUR, 24 * HOUR], (n) => { ttl = n; }), skip: () => ttl !== undefined || inv.scripted },
    { ...aclStep(inv, (a) => { aclChoice = a; }), skip: () => aclChoice !== undefined || inv.scripted },
  ]);
  if (!applicationId) throw new core.VonageInputError('Say which application the token is for (applicationId).', 'applicationId');
  if (!user || !user.trim()) throw new core.VonageInputError('Say whose token it is (user: the user name).', 'user');
  const { token, sub } = await mintUserToken(s, baseUrl, { applicationId, applicationName: appName, user, ttlSeconds: ttl, acl: aclChoice });
  await deliver(s, inv, token, target, `"${sub}"${appName ? ` of "${appName}"` : ''}`, args);
  await setContextKey(GENERATED_JWT_CONTEXT, true); // completes the walkthrough's "Generate a user JWT" step
  return token;
}

/** Generate Application JWT — `{ applicationId, ttlSeconds?, acl?, target? }` → an admin token (no sub). */
export async function applicationJwt(s: Services, inv: Invocation, arg: unknown): Promise<string> {
  const args = argsOf(arg);
  const baseUrl = s.session.baseUrl;
  const core = await s.session.core();
  let applicationId = applicationIdOf(arg);
  let appName = applicationId ? s.tree.findApplication(applicationId)?.app.name : undefined;
  let ttl: number | undefined = args.ttlSeconds === undefined ? undefined : core.validateTtl(args.ttlSeconds, core.MAX_USER_TTL_SECONDS);
  const target = readTarget(args, 'insert');
  await runWizard('Generate Application JWT', [
    {
      skip: () => applicationId !== undefined,
      run: async (info) => {
        const app = await pickApplicationWithKey(s, inv, info, 'Which application is the token for?');
        applicationId = app.id;
        appName = app.name;
      },
    },
    { ...ttlStep(s, inv, core.DEFAULT_ADMIN_TTL_SECONDS, [core.DEFAULT_ADMIN_TTL_SECONDS, HOUR, 8 * HOUR, 24 * HOUR], (n) => { ttl = n; }), skip: () => ttl !== undefined || inv.scripted },
  ]);
  if (!applicationId) throw new core.VonageInputError('Say which application the token is for (applicationId).', 'applicationId');
  const privateKey = await s.session.privateKey(baseUrl, applicationId, appName);
  const acl = args.acl === undefined ? undefined : await resolveAcl(s, args.acl);
  const token = (await s.session.signer()).signAdminToken({ applicationId, privateKey, ttlSeconds: ttl ?? core.DEFAULT_ADMIN_TTL_SECONDS, acl });
  await deliver(s, inv, token, target, `application ${appName ? `"${appName}"` : applicationId} (admin token)`, args);
  return token;
}
