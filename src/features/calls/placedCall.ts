import vscode = require('vscode');
import type { Application } from '../../vonage';
import { type CallEndpoint, endpointLabel } from '../../vonage/voice';
import type { CreateCallInput, CreatedCall } from '../../vonage/voiceClient';
import { isCancellation, isDefiniteRejection, VonageApiError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { Services } from '../../services';
import { type Invocation, offerAction } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { PLACED_CALL_CONTEXT, setContextKey } from '../../ui/contextKeys';
import type { StepInfo } from '../../ui/prompts';
import { pickApplicationWithKey } from '../applications/applicationArgs';
import { type CallTarget, rememberFile, voiceApplication } from './callArgs';
import type { CallsFeature } from './callsFeature';

const HANG_UP = 'Hang Up';
const SHOW_EVENTS = 'Show Events';

/** Asks which application (its key held here), then checks it has the voice capability: said before anything else is asked. */
export async function pickVoiceApplication(s: Services, inv: Invocation, info: StepInfo, placeholder: string): Promise<Application> {
  const picked = await pickApplicationWithKey(s, inv, info, placeholder);
  return picked.capabilities?.voice ? picked : voiceApplication(s, picked.id);
}

/**
 * Places the call, once (the client settles a lost answer by reading the application's calls, never by sending
 * again). When even that leaves it unclear, the message comes with Show Calls: look before calling again.
 */
export async function placeCall(f: CallsFeature, app: Application, input: CreateCallInput, progressTitle: string): Promise<CreatedCall> {
  const client = await f.calls.client(app.id);
  try {
    return await withProgress(progressTitle, (signal) => client.create(input, signal));
  } catch (e) {
    if (e instanceof VonageApiError && !isDefiniteRejection(e) && !isCancellation(e)) throw offerAction(e, 'Show Calls', 'vonage.listCalls', { applicationId: app.id });
    throw e;
  }
}

/**
 * A call was placed (once; maybe settled by reading the calls): the Calls node shows it at the top and follows it,
 * an NCCO file is for this application from now on, the walkthrough step is done, the log has its ids (never who
 * was called nor what the NCCO says), and a person is told, with Hang Up and Show Events.
 */
export async function placed(s: Services, f: CallsFeature, inv: Invocation, target: CallTarget, app: Application, to: CallEndpoint, call: CreatedCall): Promise<void> {
  f.calls.added(app.id, { uuid: call.uuid, conversationUuid: call.conversationUuid, status: call.status, direction: call.direction, to, startTime: new Date().toISOString() });
  await rememberFile(s, f.files, target, app.id);
  await setContextKey(PLACED_CALL_CONTEXT, true); // completes the walkthrough's "Make your app ring"
  const settled = call.settledBy === 'reading' ? ': its answer was lost, and the application\'s calls show it was placed, once' : '';
  s.log.info(`Placed call ${call.uuid} (conversation ${call.conversationUuid}, ${to.type} endpoint) from application ${app.id}, ${call.status}${settled}.`);
  if (inv.scripted) return;
  const who = endpointLabel(to);
  const text = call.settledBy === 'reading'
    ? `Vonage did not answer, but the calls of "${app.name}" show the call to ${who} was placed, once.`
    : `Calling ${who} from "${app.name}": ${call.status}.`;
  void inv.ui.info(text, HANG_UP, SHOW_EVENTS).then(async (choice) => {
    if (choice === HANG_UP) await vscode.commands.executeCommand('vonage.hangUpCall', { applicationId: app.id, uuid: call.uuid, interactive: true });
    if (choice === SHOW_EVENTS) await vscode.commands.executeCommand('vonage.openCallEvents', { applicationId: app.id, uuid: call.uuid, interactive: true });
  }).then(undefined, (e: unknown) => s.log.error('The call\'s follow-up action failed', e));
}
