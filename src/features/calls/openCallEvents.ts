import { type Call, endpointLabel } from '../../vonage/voice';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { Services } from '../../services';
import { argsOf } from '../../ui/args';
import { registerCommand } from '../../ui/commandWrapper';
import { applicationIdOf } from '../applications/applicationArgs';
import { showTimeline } from '../conversations/listEvents';
import { callUuidOf } from './callArgs';
import { CallNode } from './callNodes';
import type { CallsFeature } from './callsFeature';

/**
 * Vonage: Show Call Events — a call's row (its click), or `{ applicationId, uuid }` → `{ conversationId, uri }`: opens the
 * call's conversation in the events timeline (every call is a conversation: its legs join and leave as members).
 */
export function registerOpenCallEvents(s: Services, f: CallsFeature): void {
  registerCommand(s.context, 'vonage.openCallEvents', s, async (arg) => {
    const args = argsOf(arg);
    const applicationId = applicationIdOf(arg);
    const uuid = callUuidOf(arg, args);
    if (!applicationId) throw new VonageInputError('Say which application the call is of (applicationId).', 'applicationId');
    if (!uuid) throw new VonageInputError('Say which call (uuid).', 'uuid');
    const call = arg instanceof CallNode ? arg.call : await (await f.calls.client(applicationId)).get(uuid);
    const uri = await showTimeline(f.conversations.timeline, applicationId, call.conversationUuid, timelineTitle(call));
    return { conversationId: call.conversationUuid, uri: uri.toString() };
  });
}

/** "the call to alice (app)", "the call from +44 7700 900000 to alice (app)". */
function timelineTitle(call: Call): string {
  const to = call.to ? endpointLabel(call.to) : 'unknown';
  return call.from ? `the call from ${endpointLabel(call.from)} to ${to}` : `the call to ${to}`;
}
