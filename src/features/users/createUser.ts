import { offerRetry, registerCommand } from '../../ui/commandWrapper';
import { HAS_USER_CONTEXT, setContextKey } from '../../ui/contextKeys';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import { argsOf, given, optString } from '../../ui/args';
import { applicationIdOf, pickApplicationWithKey } from '../applications/applicationArgs';
import type { Services } from '../../services';

/**
 * Vonage: Create User — `{ applicationId, name, displayName? }` → `{ id, name }`. The name is
 * checked as the API would before anything is sent; a 409 says the name is taken.
 */
export function registerCreateUser(s: Services): void {
  registerCommand(s.context, 'vonage.createUser', s, async (arg, inv) => {
    const args = argsOf(arg);
    const baseUrl = s.session.baseUrl;
    const core = await s.session.core();
    let applicationId = applicationIdOf(arg);
    let name = optString(args, 'name');
    let displayName = optString(args, 'displayName');
    let appName = applicationId ? s.tree.findApplication(applicationId)?.app.name : undefined;
    await runWizard('Create User', [
      {
        skip: () => applicationId !== undefined,
        run: async (info) => {
          const app = await pickApplicationWithKey(s, inv, info, 'Which application is the user for?');
          applicationId = app.id;
          appName = app.name;
        },
      },
      {
        skip: () => given(args, 'name'),
        run: async (info) => {
          name = (await inv.ui.input({ ...info, prompt: `User name${appName ? ` in "${appName}"` : ''} (the JWT's sub)`, placeholder: 'e.g. alice', value: name, validate: (v) => core.validateUserName(v.trim()) })).trim();
        },
      },
      {
        skip: () => inv.scripted || given(args, 'displayName'),
        run: async (info) => {
          displayName = (await inv.ui.input({ ...info, prompt: 'Display name (optional)', value: displayName ?? name })).trim() || undefined;
        },
      },
    ]);
    const problem = core.validateUserName(name ?? '');
    if (problem) throw new core.VonageInputError(problem, 'name');
    const appId = applicationId!;
    const users = await s.session.users(baseUrl, appId, appName);
    const user = await withProgress(`Vonage: creating user "${name!}"…`, async (signal) => {
      try {
        return await users.create({ name: name!, displayName }, signal);
      } catch (e) {
        // The name is taken (the core says so): a person gets "Try Again" with what they typed still in the boxes.
        if (e instanceof core.VonageApiError && e.kind === 'conflict') throw offerRetry(e, 'vonage.createUser', { applicationId: appId, name, displayName });
        throw e;
      }
    });
    s.users.add(appId, user);
    await setContextKey(HAS_USER_CONTEXT, true); // completes the walkthrough's "Create a user" step
    s.log.info(`Created user ${user.id} ("${user.name}") in application ${appId}.`);
    if (!inv.scripted) void inv.ui.info(`User "${user.name}" created (${user.id}).`);
    return { id: user.id, name: user.name };
  });
}
