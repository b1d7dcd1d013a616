import { offerRetry, registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import { argsOf, given, optString } from '../../ui/args';
import { applicationIdOf, pickApplicationWithKey } from '../applications/applicationArgs';
import type { Services } from '../../services';

/**
 * Vonage: Find User — `{ applicationId, name }` → `{ id, name, display_name? }`. The API's `name` filter
 * (as `vonage users list --name`), so an application with thousands of users needs no paging; the user is
 * revealed and selected in the view. Not found: said plainly, with Try Again.
 */
export function registerFindUser(s: Services): void {
  registerCommand(s.context, 'vonage.findUser', s, async (arg, inv) => {
    const args = argsOf(arg);
    const baseUrl = s.session.baseUrl;
    const core = await s.session.core();
    let applicationId = applicationIdOf(arg);
    let name = optString(args, 'name');
    const appName = () => (applicationId ? s.tree.findApplication(applicationId)?.app.name : undefined);
    await runWizard('Find User', [
      {
        skip: () => applicationId !== undefined,
        run: async (info) => {
          applicationId = (await pickApplicationWithKey(s, inv, info, 'Which application?')).id;
        },
      },
      {
        skip: () => given(args, 'name'),
        run: async (info) => {
          name = (await inv.ui.input({ ...info, prompt: `Exact user name${appName() ? ` in "${appName()}"` : ''}`, placeholder: 'e.g. alice', value: name, validate: (v) => core.validateUserName(v.trim()) })).trim();
        },
      },
    ]);
    if (!applicationId) throw new core.VonageInputError('Say which application to search (applicationId).', 'applicationId');
    const problem = core.validateUserName(name ?? '');
    if (problem) throw new core.VonageInputError(problem, 'name');
    const appId = applicationId;
    const users = await s.session.users(baseUrl, appId, appName());
    const user = await withProgress(`Vonage: looking for "${name!}"…`, (signal) => users.findByName(name!, signal));
    if (!user) {
      throw offerRetry(new core.VonageInputError(`No user is named "${name!}" in ${appName() ? `"${appName()}"` : `application ${appId}`}. Names must match exactly, case included: check the spelling, or create the user (Vonage: Create User).`, 'name'),
        'vonage.findUser', { applicationId: appId, name });
    }
    await s.users.reveal(appId, user);
    s.log.info(`Found user ${user.id} ("${user.name}") in application ${appId}.`);
    return { id: user.id, name: user.name, ...(user.display_name !== undefined ? { display_name: user.display_name } : {}) };
  });
}
