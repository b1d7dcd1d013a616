import { argsOf, optString } from '../../ui/args';
import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import type { Services } from '../../services';
import { sessionsSummary, userRef } from '../../vonage/conversations';
import { VonageInputError } from '../../vonage/errors';
import { applicationIdOf, pickApplicationWithKey } from '../applications/applicationArgs';
import { pickUser } from '../users/pickUser';
import { userIdByName } from '../users/userByName';
import { UserNode } from '../users/userNode';
import type { ApplicationConversations } from './applicationConversations';

/**
 * Vonage: Show User Sessions — `{ applicationId, user }` → `[{ id, userId, userName, ttl }]`: whether the
 * user's Client SDK app is logged in at Vonage right now ("did my app log in?").
 */
export function registerUserSessions(s: Services, c: ApplicationConversations): void {
  registerCommand(s.context, 'vonage.userSessions', s, async (arg, inv) => {
    const args = argsOf(arg);
    let applicationId = applicationIdOf(arg);
    let user = arg instanceof UserNode ? arg.user.id : optString(args, 'user');
    let userName = arg instanceof UserNode ? arg.user.name : undefined;
    await runWizard('User Sessions', [
      {
        skip: () => applicationId !== undefined,
        run: async (info) => {
          applicationId = (await pickApplicationWithKey(s, inv, info, 'Which application?')).id;
        },
      },
      {
        skip: () => user !== undefined,
        run: async (info) => {
          const picked = await pickUser(s, inv, s.session.baseUrl, applicationId!, info, false);
          user = picked.id ?? picked.name;
          userName = picked.name;
        },
      },
    ]);
    if (!applicationId) throw new VonageInputError('Say which application (applicationId).', 'applicationId');
    const appId = applicationId;
    const userId = await userIdFor(s, appId, user);
    const client = await c.client(appId);
    const sessions = await withProgress('Vonage: reading the user\'s sessions…', (signal) => client.userSessions(userId, signal));
    if (!inv.scripted) void inv.ui.info(`${userName ?? sessions[0]?.userName ?? userId}: ${sessionsSummary(sessions.length)}.`);
    return sessions.map((x) => ({ id: x.id, userId: x.userId, userName: x.userName, ttl: x.ttl }));
  });
}

/** A user id from a name or id; an unknown name is one clear sentence. */
async function userIdFor(s: Services, applicationId: string, user: string | undefined): Promise<string> {
  const ref = userRef(user);
  if ('id' in ref) return ref.id;
  const id = await userIdByName(s, applicationId, ref.name);
  if (!id) throw new VonageInputError(`There is no user "${ref.name}" in this application. Check the name (Vonage: Find User).`, 'user');
  return id;
}
