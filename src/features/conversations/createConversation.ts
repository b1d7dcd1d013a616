import { registerCommand } from '../../ui/commandWrapper';
import { CREATED_CONVERSATION_CONTEXT, setContextKey } from '../../ui/contextKeys';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import { argsOf, given, optString } from '../../ui/args';
import type { Services } from '../../services';
import { checkedConversationName, validateConversationName } from '../../vonage/conversations';
import { VonageInputError } from '../../vonage/errors';
import { applicationIdOf, pickApplicationWithKey } from '../applications/applicationArgs';
import type { ApplicationConversations } from './applicationConversations';

/**
 * Vonage: Create Conversation — `{ applicationId, name, displayName? }` → `{ id, name }`
 * (`vonage conversations create`). A lost answer is settled by listing by name: never two from one click.
 */
export function registerCreateConversation(s: Services, c: ApplicationConversations): void {
  registerCommand(s.context, 'vonage.createConversation', s, async (arg, inv) => {
    const args = argsOf(arg);
    let applicationId = applicationIdOf(arg);
    let name = optString(args, 'name');
    let displayName = optString(args, 'displayName');
    await runWizard('Create Conversation', [
      {
        skip: () => applicationId !== undefined,
        run: async (info) => {
          applicationId = (await pickApplicationWithKey(s, inv, info, 'Which application is the conversation for?')).id;
        },
      },
      {
        skip: () => given(args, 'name'),
        run: async (info) => {
          name = (await inv.ui.input({ ...info, prompt: 'Conversation name (unique in the application)', placeholder: 'e.g. support-chat', value: name, validate: (v) => validateConversationName(v.trim()) })).trim();
        },
      },
      {
        skip: () => inv.scripted || given(args, 'displayName'),
        run: async (info) => {
          displayName = (await inv.ui.input({ ...info, prompt: 'Display name (optional)', value: displayName ?? name })).trim() || undefined;
        },
      },
    ]);
    if (!applicationId) throw new VonageInputError('Say which application the conversation is for (applicationId).', 'applicationId');
    const appId = applicationId;
    const wanted = checkedConversationName(name);
    const client = await c.client(appId);
    const made = await withProgress(`Vonage: creating conversation "${wanted}"…`, (signal) => client.create({ name: wanted, displayName }, signal));
    c.added(appId, made);
    await setContextKey(CREATED_CONVERSATION_CONTEXT, true); // completes the walkthrough's "Conversations" step
    const how = made.settledBy === 'reading' ? ' (the answer was lost; the conversation list shows it was made)' : '';
    s.log.info(`Created conversation ${made.id} ("${made.name}") in application ${appId}${how}.`);
    if (!inv.scripted) void inv.ui.info(`Conversation "${made.displayName || made.name}" created (${made.id})${how}.`);
    return { id: made.id, name: made.name };
  });
}
