import vscode = require('vscode');
import type { Application } from '../../vonage';
import { talkNcco } from '../../vonage/ncco';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { Services } from '../../services';
import { argsOf, optString } from '../../ui/args';
import { type Invocation, isCancelled, offerAction, registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import { pickUser } from '../users/pickUser';
import { userIdByName } from '../users/userByName';
import { UserNode } from '../users/userNode';
import { callTarget, nccoToRun, voiceApplication } from './callArgs';
import type { CallsFeature } from './callsFeature';
import { pickVoiceApplication, placeCall, placed } from './placedCall';

const CALL_ANYWAY = 'Call Anyway';

/**
 * Vonage: Call a User — `{ applicationId, user, ncco? | nccoFile? }` → `{ uuid, conversationUuid }`: rings every
 * Client SDK app logged in as that user (the Voice API's app endpoint). Without an NCCO, the call says who
 * placed it. The application's voice capability, the user and the NCCO are checked before anything is sent;
 * the call is placed once (a lost answer is settled by reading the application's calls).
 */
export function registerCallUser(s: Services, f: CallsFeature): void {
  registerCommand(s.context, 'vonage.callUser', s, async (arg, inv) => {
    const args = argsOf(arg);
    const target = callTarget(arg, args, f.files);
    const nccoGiven = await nccoToRun(args, target); // checked before any question
    let app = target.applicationId === undefined ? undefined : await voiceApplication(s, target.applicationId);
    let user = arg instanceof UserNode ? arg.user.name : optString(args, 'user');
    await runWizard('Call a User', [
      {
        skip: () => app !== undefined,
        run: async (info) => { app = await pickVoiceApplication(s, inv, info, 'Call from which application?'); },
      },
      {
        skip: () => user !== undefined,
        run: async (info) => { user = (await pickUser(s, inv, s.session.baseUrl, app!.id, info, false)).name; },
      },
    ]);
    if (!app) throw new VonageInputError('Say which application the call is from (applicationId).', 'applicationId');
    const name = checkedUserName(user);
    const from = app;
    const ncco = nccoGiven ?? talkNcco(`Hello ${name}. This is a call from ${from.name}, placed from VS Code.`);
    const userId = await existingUser(s, from, name);
    await warnWhenNotLoggedIn(s, f, inv, from, name, userId);
    const to = { type: 'app' as const, user: name };
    const call = await placeCall(f, from, { to, ncco }, `Vonage: ringing ${name}'s app…`);
    await placed(s, f, inv, target, from, to, call);
    return { uuid: call.uuid, conversationUuid: call.conversationUuid };
  });
}

function checkedUserName(user: string | undefined): string {
  const name = user?.trim();
  if (!name) throw new VonageInputError('Say which user to call (user): their name, such as alice.', 'user');
  if (/^USR-/i.test(name)) throw new VonageInputError(`Give the user's name, not their id (${name}): the Voice API rings an app user by name.`, 'user');
  return name;
}

/** The user's id. A user the application does not have would ring nobody: said before anything is sent, with Create User. */
async function existingUser(s: Services, app: Application, name: string): Promise<string> {
  const id = await userIdByName(s, app.id, name);
  if (id) return id;
  throw offerAction(
    new VonageInputError(`There is no user "${name}" in "${app.name}", so no app would ring; nothing was sent. Create the user first, or check the name.`, 'user'),
    'Create User', 'vonage.createUser', { applicationId: app.id, name },
  );
}

/**
 * Vonage rings only the apps logged in as the user (their sessions): with none, the call fails a moment later. By
 * hand that is asked first; scripted, the log says so (with the user's id) and the call is placed as asked. When
 * the sessions cannot be read, nothing is said: not knowing is no reason to stop a call.
 */
async function warnWhenNotLoggedIn(s: Services, f: CallsFeature, inv: Invocation, app: Application, name: string, userId: string): Promise<void> {
  let sessions: number;
  try {
    const client = await f.conversations.conversations.client(app.id);
    sessions = (await withProgress(`Vonage: is ${name}'s app logged in?`, (signal) => client.userSessions(userId, signal))).length;
  } catch (e) {
    if (isCancelled(e)) throw e;
    s.log.debug(`Reading the sessions of user ${userId} failed: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  if (sessions > 0) return;
  if (inv.scripted) {
    s.log.warn(`Calling user ${userId} of application ${app.id}: no app is logged in as them (no session), so the call will fail.`);
    return;
  }
  const choice = await inv.ui.confirm(`${name}'s app is not logged in: the call will fail. Call anyway?`,
    `Vonage rings only the Client SDK apps logged in as the user (a session: createSession with a token for ${name}). Log the app in, then call.`, CALL_ANYWAY);
  if (choice !== CALL_ANYWAY) throw new vscode.CancellationError();
}
