import { randomUUID } from 'crypto';
import vscode = require('vscode');
import type { Application, ApplicationsClient } from '../../vonage';
import { PENDING_PREFIX } from '../../credentials/credentialStore';
import { registerCommand } from '../../ui/commandWrapper';
import { HAS_APPLICATION_CONTEXT, setContextKey } from '../../ui/contextKeys';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import { validateApplicationName } from '../../ui/validation';
import { webhookUrlProblem } from '../../vonage/urls'; // import-free: the InputBoxes check with it without loading the core
import { argsOf, optString } from '../../ui/args';
import { savePrivateKey } from '../project/savePrivateKey';
import type { Services } from '../../services';

const COPY_ID = 'Copy ID';
const SAVE_KEY = 'Save Private Key…';

/**
 * Vonage: Create Application —
 * `{ name, rtcEventUrl?, rtcEventMethod?, voiceAnswerUrl?, voiceEventUrl?, privateKeyFile? }` → `{ id, name, privateKeyFile? }`.
 * The key pair is generated here; the private key is stored before the create request is sent and
 * only the public key travels; on success it is filed under the new application id. On a definite
 * rejection (4xx, bad input) the stored key is removed. On an unclear failure (timeout, reset, 5xx,
 * unreadable answer, cancel after sending) the applications are listed: the one holding our public key
 * gets the private key (the create did happen); none, and the key is removed; the list failing too,
 * and the key is kept (Refresh attaches it if the application turns out to exist).
 */
export function registerCreateApplication(s: Services): void {
  registerCommand(s.context, 'vonage.createApplication', s, async (arg, inv) => {
    const args = argsOf(arg);
    const baseUrl = s.session.baseUrl; // once: the client's host and where the key is filed must be the same
    const core = await s.session.core();
    let name = optString(args, 'name');
    let rtcEventUrl = optString(args, 'rtcEventUrl');
    let voiceAnswerUrl = optString(args, 'voiceAnswerUrl');
    let voiceEventUrl = optString(args, 'voiceEventUrl');
    const rtcEventMethod = optString(args, 'rtcEventMethod');
    const privateKeyFile = optString(args, 'privateKeyFile');
    let addVoice = voiceAnswerUrl !== undefined || voiceEventUrl !== undefined;
    const client = await s.session.applications(baseUrl);

    if (!inv.scripted || name === undefined) {
      await runWizard('Create Vonage Application', [
        {
          skip: () => args.name !== undefined,
          run: async (info) => {
            name = await inv.ui.input({ ...info, prompt: 'Application name', value: name ?? 'My Vonage App', validate: validateApplicationName });
          },
        },
        {
          skip: () => inv.scripted || args.rtcEventUrl !== undefined,
          run: async (info) => {
            rtcEventUrl = await inv.ui.input({ ...info, prompt: 'RTC event URL (optional): where Vonage sends Client SDK events. Leave empty to skip.', placeholder: 'https://example.com/webhooks/rtc/event', value: rtcEventUrl, validate: (v) => webhookUrlProblem(v, 'rtcEventUrl', true) });
          },
        },
        {
          skip: () => inv.scripted || args.voiceAnswerUrl !== undefined || args.voiceEventUrl !== undefined,
          run: async (info) => {
            addVoice = await inv.ui.pick([
              { label: 'No voice', description: 'RTC only: no calls until you add voice (Edit Application)', value: false },
              { label: 'Add voice', description: 'Answer and event URLs: in-app and phone calls', value: true },
            ], { ...info, placeholder: 'Add the voice capability?' });
          },
        },
        {
          skip: () => inv.scripted || !addVoice || args.voiceAnswerUrl !== undefined,
          run: async (info) => {
            voiceAnswerUrl = await inv.ui.input({ ...info, prompt: 'Voice answer URL (returns the NCCO for a call)', placeholder: 'https://example.com/webhooks/answer', value: voiceAnswerUrl, validate: (v) => webhookUrlProblem(v, 'voiceAnswerUrl') });
          },
        },
        {
          skip: () => inv.scripted || !addVoice || args.voiceEventUrl !== undefined,
          run: async (info) => {
            voiceEventUrl = await inv.ui.input({ ...info, prompt: 'Voice event URL (call status events)', placeholder: 'https://example.com/webhooks/event', value: voiceEventUrl, validate: (v) => webhookUrlProblem(v, 'voiceEventUrl') });
          },
        },
      ]);
    }
    name = (name ?? '').trim();
    const nameProblem = validateApplicationName(name);
    if (nameProblem) throw new core.VonageInputError(nameProblem, 'name');
    for (const [field, value] of [['rtcEventUrl', rtcEventUrl], ['voiceAnswerUrl', voiceAnswerUrl], ['voiceEventUrl', voiceEventUrl]] as const) {
      const problem = value === undefined ? undefined : webhookUrlProblem(value, field, field === 'rtcEventUrl');
      if (problem) throw new core.VonageInputError(`${field}: ${problem}`, field);
    }
    if (rtcEventMethod !== undefined && rtcEventMethod !== 'GET' && rtcEventMethod !== 'POST') {
      throw new core.VonageInputError('rtcEventMethod must be "GET" or "POST".', 'rtcEventMethod');
    }

    const outcome = await withProgress<{ app: Application; privateKey: string } | { unknown: CreateOutcomeUnknownError }>(`Vonage: creating application "${name}"…`, async (signal, report) => {
      report('generating a key pair on this machine');
      const pair = await core.generateKeyPair();
      s.log.protect(pair.privateKey);
      const pendingId = `${PENDING_PREFIX}${randomUUID()}`;
      await s.store.setPrivateKey(baseUrl, pendingId, pair.privateKey);
      let created: Application;
      try {
        report('sending the public key to Vonage');
        created = await client.create({
          name: name!,
          rtcEventUrl: rtcEventUrl?.trim() || undefined,
          rtcEventMethod: rtcEventMethod,
          voiceAnswerUrl: voiceAnswerUrl?.trim() || undefined,
          voiceEventUrl: voiceEventUrl?.trim() || undefined,
          publicKey: pair.publicKey,
        }, signal);
      } catch (e) {
        // A definite "no" (4xx, bad input): nothing was created, the key is of no use.
        if (core.isDefiniteRejection(e)) {
          await s.store.deletePrivateKey(baseUrl, pendingId);
          throw e;
        }
        // Timeout, reset, 5xx, unreadable answer, cancel after sending: Vonage may have created it.
        report('no clear answer; checking whether Vonage created the application');
        const found = await findByPublicKey(s, client, pair.publicKey, e);
        if (found === undefined) {
          await s.store.deletePrivateKey(baseUrl, pendingId); // checked: nothing was created
          throw e;
        }
        // Returned, not thrown: a cancel-after-send would otherwise turn it into a silent CancellationError.
        if (found === UNKNOWN) return { unknown: new CreateOutcomeUnknownError(name!, e) };
        s.log.warn(`The answer to creating "${name!}" was lost (${describe(e)}), but the application exists: ${found.id}. Its private key is filed under it.`);
        created = found;
      }
      await s.store.setPrivateKey(baseUrl, created.id, pair.privateKey);
      await s.store.deletePrivateKey(baseUrl, pendingId);
      return { app: created, privateKey: pair.privateKey };
    });
    if ('unknown' in outcome) throw outcome.unknown;
    const { app, privateKey } = outcome;
    s.log.info(`Created application ${app.id} ("${app.name}"); its private key is in SecretStorage.`);
    await setContextKey(HAS_APPLICATION_CONTEXT, true); // completes the walkthrough's "Create an application" step

    if (s.session.baseUrl === baseUrl) { // the view still shows this host (the setting may have changed meanwhile)
      s.tree.addApplication(app, true);
      // The loaded list (or, when nothing was loaded yet, the one fetched now: it holds the new application).
      const node = (await s.tree.applications().catch(() => [])).find((n) => n.applicationId === app.id);
      if (node) void s.tree.reveal(node);
    }

    const saved = privateKeyFile ? await savePrivateKey(s, inv, privateKey, privateKeyFile) : undefined;
    if (!inv.scripted) {
      void inv.ui.info(`Application "${app.name}" created (${app.id}). Its private key is kept in VS Code's SecretStorage.`, COPY_ID, SAVE_KEY)
        .then(async (choice) => {
          if (choice === COPY_ID) await vscode.env.clipboard.writeText(app.id);
          if (choice === SAVE_KEY) await savePrivateKey(s, inv, privateKey);
        }).then(undefined, (e: unknown) => s.log.error('Follow-up action failed', e));
    }
    return { id: app.id, name: app.name, ...(saved ? { privateKeyFile: saved.path, privateKeyFileInGitAndNotIgnored: saved.inGitAndNotIgnored } : {}) };
  });
}

const UNKNOWN = Symbol('unknown');

/** Neither the create nor the check after it said whether the application exists. The key is kept. */
export class CreateOutcomeUnknownError extends Error {
  constructor(name: string, cause: unknown) {
    super(`Vonage did not answer whether application "${name}" was created (${describe(cause)}), and checking failed too. `
      + 'Its private key is kept in SecretStorage: Refresh the Applications view, and if the application turns out to exist, the key is attached to it.',
    { cause });
    this.name = 'CreateOutcomeUnknownError';
  }
}

/**
 * After an ambiguous create: the account's application holding our freshly generated public key (no one
 * else has it), undefined when the list says there is none, UNKNOWN when the list fails too. Runs without
 * the command's AbortSignal (it may be the cancel that made the outcome unknown), bounded by the timeout.
 */
async function findByPublicKey(s: Services, client: ApplicationsClient, publicKey: string, cause: unknown): Promise<Application | undefined | typeof UNKNOWN> {
  const core = await s.session.core();
  s.log.warn(`Creating the application got no clear answer (${describe(cause)}); listing applications to see whether it was created.`);
  try {
    return (await client.list()).find((a) => core.samePublicKey(a.keys?.public_key, publicKey));
  } catch (e) {
    s.log.error('Listing applications after an unclear create failed too', e);
    return UNKNOWN;
  }
}

function describe(e: unknown): string {
  const kind = (e as { kind?: unknown } | undefined)?.kind;
  const status = (e as { status?: unknown } | undefined)?.status;
  return typeof kind === 'string' ? `${kind}${typeof status === 'number' ? ` ${status}` : ''}` : e instanceof Error ? e.name : 'error';
}
