import vscode = require('vscode');
import { type Call, LIVE_CALL_STATUSES } from '../../vonage/voice';
import { mapBounded } from '../../vonage/concurrency';
import type { HangUpResult } from '../../vonage/voiceClient';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { Services } from '../../services';
import { argsOf } from '../../ui/args';
import { type Invocation, registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { type StepInfo, runWizard } from '../../ui/prompts';
import { applicationIdOf, pickApplicationWithKey } from '../applications/applicationArgs';
import { callUuidOf } from './callArgs';
import { callTitle, directionIcon } from './callNodes';
import type { CallsFeature } from './callsFeature';

/**
 * Vonage: Hang Up Call — `{ applicationId, uuid }` → `{ uuid, status }`. A call already over is not an error: it
 * is said so (and its status returned). From a live call's row (inline), or by hand: which application, which of
 * its live calls.
 */
export function registerHangUpCall(s: Services, f: CallsFeature): void {
  registerCommand(s.context, 'vonage.hangUpCall', s, async (arg, inv) => {
    const args = argsOf(arg);
    let applicationId = applicationIdOf(arg);
    let uuid = callUuidOf(arg, args);
    await runWizard('Hang Up Call', [
      {
        skip: () => applicationId !== undefined,
        run: async (info) => { applicationId = (await pickApplicationWithKey(s, inv, info, 'Hang up a call of which application?')).id; },
      },
      {
        skip: () => uuid !== undefined,
        run: async (info) => { uuid = await pickLiveCall(f, inv, info, applicationId!); },
      },
    ]);
    if (!applicationId) throw new VonageInputError('Say which application the call is of (applicationId).', 'applicationId');
    if (!uuid) throw new VonageInputError('Say which call to hang up (uuid).', 'uuid');
    const [appId, callId] = [applicationId, uuid];
    const client = await f.calls.client(appId);
    const result = await withProgress('Vonage: hanging up…', (signal) => client.hangUp(callId, signal));
    showEnded(f, appId, callId, result);
    s.log.info(result.alreadyOver ? `Call ${callId} was already over (${result.status}); nothing was sent.` : `Hung up call ${callId}: ${result.status}.`);
    if (!inv.scripted) {
      if (result.alreadyOver) void inv.ui.info(`That call was already over (${result.status}): there was nothing to hang up.`);
      else vscode.window.setStatusBarMessage(`$(debug-disconnect) Vonage: hung up (${result.status})`, 5000);
    }
    return { uuid: result.uuid, status: result.status };
  });
}

async function pickLiveCall(f: CallsFeature, inv: Invocation, info: StepInfo, applicationId: string): Promise<string> {
  const items = (async () => {
    const client = await f.calls.client(applicationId);
    const pages = await mapBounded([...LIVE_CALL_STATUSES], LIVE_CALL_STATUSES.length, (status) => client.listPage({ status, order: 'desc', pageSize: 100 }));
    const live = newestFirst(pages.flatMap((p) => p.items));
    if (!live.length) throw new VonageInputError('No call of this application is in progress: there is nothing to hang up.', 'uuid');
    return live.map((c) => ({ label: `$(${directionIcon(c)}) ${callTitle(c)}`, description: c.status, detail: `${c.startTime ? new Date(c.startTime).toLocaleTimeString() : ''} · ${c.uuid}`, value: c.uuid }));
  })();
  return inv.ui.pick(items, { ...info, placeholder: 'Hang up which call?' });
}

/**
 * The live calls, one page a status, merged: newest first (a call not started yet on top), each once (a call whose
 * status changed between two reads comes in twice).
 */
function newestFirst(calls: Call[]): Call[] {
  const seen = new Set<string>();
  const started = (c: Call) => (c.startTime ? Date.parse(c.startTime) : Number.POSITIVE_INFINITY);
  return calls.filter((c) => !seen.has(c.uuid) && seen.add(c.uuid)).sort((a, b) => started(b) - started(a));
}

/**
 * The call's row after a hang up: the call as Vonage reported it over (its duration, end and price); while Vonage
 * has not ended it yet, the status the hangup leads to, and the call is read again until Vonage has.
 */
function showEnded(f: CallsFeature, applicationId: string, uuid: string, result: HangUpResult): void {
  if (result.call) {
    f.calls.updated(applicationId, result.call);
    return;
  }
  const shown = f.calls.callsOf(applicationId)?.find((c) => c.uuid === uuid);
  if (!shown) return;
  f.calls.updated(applicationId, { ...shown, status: result.status });
  f.calls.live.settle(applicationId, uuid);
}
