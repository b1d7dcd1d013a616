import { CALL_STATUSES, isCallStatus } from '../../vonage/voice';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { Services } from '../../services';
import { argsOf } from '../../ui/args';
import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import { applicationIdOf, pickApplicationWithKey } from '../applications/applicationArgs';
import type { CallsFeature } from './callsFeature';

/**
 * Vonage: List Calls — `{ applicationId, status? }` → `[{ uuid, status, direction, from, to, startTime, duration?,
 * conversationUuid }]`, newest first, every page (`vonage calls list`). By hand: the application's Calls are
 * shown, expanded.
 */
export function registerListCalls(s: Services, f: CallsFeature): void {
  registerCommand(s.context, 'vonage.listCalls', s, async (arg, inv) => {
    const args = argsOf(arg);
    let applicationId = applicationIdOf(arg);
    const status = args.status;
    if (status !== undefined && !isCallStatus(status)) throw new VonageInputError(`${JSON.stringify(status)} is not a call status: use one of ${CALL_STATUSES.join(', ')}.`, 'status');
    await runWizard('List Calls', [
      {
        skip: () => applicationId !== undefined,
        run: async (info) => { applicationId = (await pickApplicationWithKey(s, inv, info, 'Calls of which application?')).id; },
      },
    ]);
    if (!applicationId) throw new VonageInputError('Say which application (applicationId).', 'applicationId');
    const client = await f.calls.client(applicationId);
    const calls = await withProgress('Vonage: listing calls…', (signal) => client.list({ status, order: 'desc' }, signal));
    if (!inv.scripted) await f.calls.show(applicationId);
    return calls.map((c) => ({
      uuid: c.uuid, status: c.status, direction: c.direction, from: c.from, to: c.to, startTime: c.startTime,
      ...(c.durationSeconds !== undefined ? { duration: c.durationSeconds } : {}), conversationUuid: c.conversationUuid,
    }));
  });
}
