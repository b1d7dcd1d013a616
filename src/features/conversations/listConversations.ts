import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import type { Services } from '../../services';
import { VonageInputError } from '../../vonage/errors';
import { applicationIdOf, pickApplicationWithKey } from '../applications/applicationArgs';
import type { ApplicationConversations } from './applicationConversations';

/**
 * Vonage: List Conversations — `{ applicationId }` → `[{ id, name, displayName }]`, every page
 * (`vonage conversations list`). By hand: the application's Conversations are expanded and shown.
 */
export function registerListConversations(s: Services, c: ApplicationConversations): void {
  registerCommand(s.context, 'vonage.listConversations', s, async (arg, inv) => {
    let applicationId = applicationIdOf(arg);
    await runWizard('List Conversations', [
      {
        skip: () => applicationId !== undefined,
        run: async (info) => {
          applicationId = (await pickApplicationWithKey(s, inv, info, 'Conversations of which application?')).id;
        },
      },
    ]);
    if (!applicationId) throw new VonageInputError('Say which application (applicationId).', 'applicationId');
    const client = await c.client(applicationId);
    const all = await withProgress('Vonage: listing conversations…', (signal) => client.list(signal));
    if (!inv.scripted) await c.show(applicationId);
    return all.map((x) => ({ id: x.id, name: x.name, displayName: x.displayName }));
  });
}
