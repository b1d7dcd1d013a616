import vscode = require('vscode');
import type { Application } from '../../vonage';
import { talkNcco } from '../../vonage/ncco';
import { type OwnedNumber, formatBalance, formatMsisdn } from '../../vonage/numbers';
import { checkedE164, endpointLabel } from '../../vonage/voice';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { Services } from '../../services';
import { type Args, argsOf, given, optString } from '../../ui/args';
import { type Invocation, offerAction, registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard, type StepInfo } from '../../ui/prompts';
import { ownedNumber } from '../numbers/numberArgs';
import { type CallTarget, callTarget, nccoToRun, voiceApplication } from './callArgs';
import type { CallsFeature } from './callsFeature';
import { pickVoiceApplication, placeCall, placed } from './placedCall';

const CALL = 'Call';

/**
 * Vonage: Call a Phone — `{ applicationId, to, from?, ncco? | nccoFile?, confirm: true }` → `{ uuid }`: a phone call
 * (E.164) from a number of the account linked to the application (asked when there are several). It costs
 * money: by hand a modal names both numbers and the balance read then; scripted, it is refused without
 * `confirm: true`. Placed once: a lost answer is settled by reading the application's calls, never by sending again.
 */
export function registerCallPhone(s: Services, f: CallsFeature): void {
  registerCommand(s.context, 'vonage.callPhone', s, async (arg, inv) => {
    const args = argsOf(arg);
    if (inv.scripted && args.confirm !== true) throw new VonageInputError('Calling a phone costs money, so a scripted call must say confirm: true. Nothing was done.', 'confirm');
    const target = callTarget(arg, args, f.files);
    const nccoGiven = await nccoToRun(args, target); // checked before any question
    const { app, to, from } = await phoneCallOf(s, f, inv, args, target);
    const ncco = nccoGiven ?? talkNcco(`This is a call from ${app.name}, placed from VS Code. Goodbye.`);
    if (!inv.scripted) await confirmCost(f, inv, to, from);
    const endpoint = { type: 'phone' as const, number: to };
    const call = await placeCall(f, app, { to: endpoint, from: { type: 'phone', number: from }, ncco }, `Vonage: calling ${endpointLabel(endpoint)}…`);
    await placed(s, f, inv, target, app, endpoint, call);
    return { uuid: call.uuid };
  });
}

/** A phone call before it is placed: the application, the number to call and the caller ID (E.164 digits). */
interface PhoneCall { app: Application; to: string; from: string }

/**
 * The phone call from the arguments, the rest asked: the application (checked for voice, its linked numbers read
 * at once, so "none linked" is said before anything else is asked), the number, the caller ID when several are linked.
 */
async function phoneCallOf(s: Services, f: CallsFeature, inv: Invocation, args: Args, target: CallTarget): Promise<PhoneCall> {
  const fromArg = optString(args, 'from');
  const known = target.applicationId === undefined ? undefined : await voiceApplication(s, target.applicationId);
  const q: { app?: Application; to?: string; linked: OwnedNumber[]; from?: string } = { to: given(args, 'to') ? checkedE164(args.to, 'to') : undefined, linked: [] };
  const useApp = async (app: Application) => {
    q.app = app;
    q.linked = fromArg === undefined ? await linkedNumbers(f, app) : [];
    q.from = q.linked.length === 1 ? q.linked[0].msisdn : undefined;
  };
  if (known) await useApp(known);
  await runWizard('Call a Phone', [
    { skip: () => q.app !== undefined, run: async (info) => useApp(await pickVoiceApplication(s, inv, info, 'Call from which application?')) },
    { skip: () => q.to !== undefined, run: async (info) => { q.to = await askNumber(inv, info, args); } },
    { skip: () => fromArg !== undefined || q.linked.length < 2, run: async (info) => { q.from = await pickCallerId(inv, info, q.app!, q.linked); } },
  ]);
  if (!q.app) throw new VonageInputError('Say which application the call is from (applicationId).', 'applicationId');
  if (!q.to) throw new VonageInputError('Say which number to call (to), such as +44 7700 900000.', 'to');
  const from = fromArg === undefined ? q.from! : await linkedNumber(s, f, q.app, checkedE164(fromArg, 'from'));
  return { app: q.app, to: q.to, from };
}

async function askNumber(inv: Invocation, info: StepInfo, args: Args): Promise<string> {
  const typed = await inv.ui.input({ ...info, prompt: 'The number to call, in international form', placeholder: '+44 7700 900000', value: optString(args, 'to'), validate: e164Problem });
  return checkedE164(typed, 'to');
}

async function pickCallerId(inv: Invocation, info: StepInfo, app: Application, linked: OwnedNumber[]): Promise<string> {
  const items = linked.map((o) => ({ label: `$(device-mobile) ${formatMsisdn(o.msisdn)}`, description: [o.country, o.type].filter(Boolean).join(' · '), value: o.msisdn }));
  return inv.ui.pick(items, { ...info, placeholder: `Call from which number of "${app.name}"? (the caller ID)` });
}

/** What the number box says while the typed text is not a number Vonage can call. */
function e164Problem(text: string): string | undefined {
  if (text.trim() === '') return 'Enter the number to call, with + and the country code, such as +44 7700 900000.';
  try {
    checkedE164(text, 'to');
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * The account's numbers linked to the application: a phone call's caller ID is one of them. None: one sentence,
 * and Link Number, before anything else is asked.
 */
async function linkedNumbers(f: CallsFeature, app: Application): Promise<OwnedNumber[]> {
  const read = async () => (await withProgress('Vonage: reading your numbers…', () => f.numbers.tree.owned())).filter((o) => o.applicationId === app.id);
  let linked = await read();
  if (!linked.length) {
    f.numbers.tree.reload(); // the list the view kept may predate a link made elsewhere: read it fresh before saying none
    linked = await read();
  }
  if (linked.length) return linked;
  throw offerAction(
    new VonageInputError(`"${app.name}" has no number linked to it, and a phone call needs one as its caller ID; nothing was sent. Link one of your numbers to it (or buy one), then call again.`, 'from'),
    'Link a Number', 'vonage.linkNumber', { applicationId: app.id },
  );
}

/** `from` as given: a number of the account, linked to this application; each said before anything is sent. */
async function linkedNumber(s: Services, f: CallsFeature, app: Application, msisdn: string): Promise<string> {
  const owned = await ownedNumber(s, f.numbers, msisdn);
  if (owned.applicationId === app.id) return owned.msisdn;
  const shown = formatMsisdn(msisdn);
  throw offerAction(
    new VonageInputError(`${shown} is yours but not linked to "${app.name}", so it cannot be this call's caller ID; nothing was sent. Link it to the application first.`, 'from'),
    'Link the Number', 'vonage.linkNumber', { msisdn, applicationId: app.id },
  );
}

/** The modal before any money is spent: both numbers, and the balance read now. */
async function confirmCost(f: CallsFeature, inv: Invocation, to: string, from: string): Promise<void> {
  const balance = await withProgress('Vonage: reading your balance…', (signal) => f.numbers.balance.read(signal));
  const choice = await inv.ui.confirm(`Call ${formatMsisdn(to)} from ${formatMsisdn(from)}?`,
    `Vonage charges a phone call by the minute, from when it is answered, to your balance (${formatBalance(balance.value)} now).`, CALL);
  if (choice !== CALL) throw new vscode.CancellationError();
}
