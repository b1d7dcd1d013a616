import type { Application } from '../../vonage';
import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import { validateApplicationName } from '../../ui/validation';
import { argsOf, optString } from '../../ui/args';
import { applicationIdOf, pickApplication } from './applicationArgs';
import type { Services } from '../../services';

/**
 * Vonage: Rename Application — `{ applicationId, name }` → `{ id, name }`. Changes only the name: the
 * core reads the application fresh and PUTs back everything it has (capabilities, public key, privacy).
 */
export function registerRenameApplication(s: Services): void {
  registerCommand(s.context, 'vonage.renameApplication', s, async (arg, inv) => {
    const args = argsOf(arg);
    const baseUrl = s.session.baseUrl;
    const core = await s.session.core();
    let id = applicationIdOf(arg);
    let name = optString(args, 'name');
    let current: Application | undefined = id ? s.tree.findApplication(id)?.app : undefined;
    await runWizard('Rename Application', [
      {
        skip: () => id !== undefined,
        run: async (info) => {
          current = await pickApplication(s, inv, info);
          id = current.id;
        },
      },
      {
        skip: () => args.name !== undefined,
        run: async (info) => {
          name = await inv.ui.input({ ...info, prompt: 'New name', value: current?.name ?? name, validate: validateApplicationName });
        },
      },
    ]);
    name = (name ?? '').trim();
    const problem = validateApplicationName(name);
    if (problem) throw new core.VonageInputError(problem, 'name');
    const appId = id!;
    const updated = await withProgress(`Vonage: renaming to "${name}"…`, async (signal) => {
      try {
        const client = await s.session.applications(baseUrl);
        return await client.rename(appId, name!, signal);
      } catch (e) {
        if ((e as { kind?: unknown }).kind === 'notFound') s.tree.removeApplication(appId);
        throw e;
      }
    });
    s.tree.updateApplication(updated);
    s.log.info(`Renamed application ${appId} to "${updated.name}".`);
    return { id: updated.id, name: updated.name };
  });
}
