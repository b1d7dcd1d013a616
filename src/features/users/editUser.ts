import vscode = require('vscode');
import type { User, UserChanges } from '../../vonage';
import { UserNode } from './userNode';
import { offerRetry, registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import { webhookUrlProblem } from '../../vonage/urls'; // import-free: the InputBoxes check with it without loading the core
import { argsOf, given, optString } from '../../ui/args';
import { applicationIdOf, pickApplicationWithKey } from '../applications/applicationArgs';
import { pickUser } from './pickUser';
import type { Services } from '../../services';

/**
 * Vonage: Edit User — `{ applicationId, userId, name?, displayName?, imageUrl?, customData? }` → the user.
 * `customData` is a JSON object (or its JSON text). By hand (a user node, or the palette): display name,
 * image URL and custom data, each showing the current value. PATCH sends only what changed; nothing
 * changed, nothing is sent.
 */
export function registerEditUser(s: Services): void {
  registerCommand(s.context, 'vonage.editUser', s, async (arg, inv) => {
    const args = argsOf(arg);
    const baseUrl = s.session.baseUrl;
    const core = await s.session.core();
    let applicationId = applicationIdOf(arg);
    let userId = arg instanceof UserNode ? arg.user.id : optString(args, 'userId');
    const appName = () => (applicationId ? s.tree.findApplication(applicationId)?.app.name : undefined);
    const wanted: UserChanges = {
      name: optString(args, 'name'),
      displayName: optString(args, 'displayName'),
      imageUrl: optString(args, 'imageUrl'),
      customData: args.customData === undefined ? undefined : typeof args.customData === 'string' ? core.parseCustomData(args.customData) : args.customData as Record<string, unknown>,
    };
    let before: User | undefined;
    const load = async () => {
      before = await (await s.session.users(baseUrl, applicationId!, appName())).get(userId!);
    };
    const customText = (v: unknown) => JSON.stringify(v ?? {}, null, 0);
    if (!inv.scripted) {
      await runWizard('Edit User', [
        {
          skip: () => applicationId !== undefined,
          run: async (info) => {
            applicationId = (await pickApplicationWithKey(s, inv, info, 'Which application?')).id;
          },
        },
        {
          skip: () => userId !== undefined,
          run: async (info) => {
            userId = (await pickUser(s, inv, baseUrl, applicationId!, info, false)).id;
          },
        },
        {
          skip: () => given(args, 'displayName'),
          run: async (info) => {
            if (!before) await load();
            wanted.displayName = (await inv.ui.input({ ...info, prompt: `Display name of "${before!.name}"`, value: wanted.displayName ?? before!.display_name ?? '' })).trim();
          },
        },
        {
          skip: () => given(args, 'imageUrl'),
          run: async (info) => {
            wanted.imageUrl = (await inv.ui.input({ ...info, prompt: 'Image URL (the avatar apps show; empty: none)', placeholder: 'https://example.com/avatars/alice.png', value: wanted.imageUrl ?? before!.image_url ?? '', validate: (v) => webhookUrlProblem(v, 'imageUrl', true) })).trim();
          },
        },
        {
          skip: () => given(args, 'customData'),
          run: async (info) => {
            const text = await inv.ui.input({
              ...info, prompt: 'Custom data: a JSON object your app reads (properties.custom_data)',
              value: customText(wanted.customData ?? customDataOf(before!)),
              validate: (v) => { try { core.parseCustomData(v); return undefined; } catch (e) { return (e as Error).message; } },
            });
            wanted.customData = core.parseCustomData(text);
          },
        },
      ]);
    }
    if (!applicationId) throw new core.VonageInputError('Say which application the user belongs to (applicationId).', 'applicationId');
    if (!userId) throw new core.VonageInputError('Say which user to edit (userId).', 'userId');
    const appId = applicationId;
    const id = userId;
    const users = await s.session.users(baseUrl, appId, appName());
    const changes = inv.scripted ? wanted : onlyChanged(wanted, before!);
    if (!inv.scripted && Object.values(changes).every((v) => v === undefined)) { // scripted, the core refuses an empty change
      if (!inv.scripted) void inv.ui.info(`Nothing changed for user "${before!.name}"; nothing was sent.`);
      return before;
    }
    const user = await withProgress(`Vonage: updating user "${before?.name ?? id}"…`, async (signal) => {
      try {
        return await users.update(id, changes, signal);
      } catch (e) {
        const known = before?.name ?? s.users.usersOf(appId)?.find((u) => u.id === id)?.name;
        throw explain(s, e, appId, id, known ?? id, { applicationId: appId, userId: id, ...changes });
      }
    });
    s.users.update(appId, user);
    s.log.info(`Updated user ${id} ("${user.name}") of application ${appId}: ${Object.keys(changes).filter((k) => changes[k as keyof UserChanges] !== undefined).join(', ')}.`);
    if (!inv.scripted) vscode.window.setStatusBarMessage(`Vonage: user "${user.name}" updated`, 3000);
    return user;
  });
}

function customDataOf(user: User): unknown {
  return (user.properties as { custom_data?: unknown } | undefined)?.custom_data;
}

/** The answers that differ from the user as read (what PATCH should carry). */
function onlyChanged(wanted: UserChanges, before: User): UserChanges {
  return {
    name: wanted.name !== undefined && wanted.name !== before.name ? wanted.name : undefined,
    displayName: wanted.displayName !== undefined && wanted.displayName !== (before.display_name ?? '') ? wanted.displayName : undefined,
    imageUrl: wanted.imageUrl !== undefined && wanted.imageUrl !== (before.image_url ?? '') ? wanted.imageUrl : undefined,
    customData: wanted.customData !== undefined && JSON.stringify(wanted.customData) !== JSON.stringify(customDataOf(before) ?? {}) ? wanted.customData : undefined,
  };
}

function explain(s: Services, e: unknown, appId: string, userId: string, label: string, retryArgs: Record<string, unknown>): unknown {
  const err = e as Error & { kind?: string; detail?: string; withMessage?: (m: string) => Error };
  if (err.kind === 'notFound') {
    s.users.remove(appId, userId);
    return err.withMessage?.(`User "${label}" no longer exists at Vonage (404): it was deleted elsewhere, so it was removed from the view.`) ?? e;
  }
  if (err.kind === 'conflict' && retryArgs.name === undefined) { // not a taken name (the core says that one): another change got there first
    const message = `Vonage reported a conflict (409)${err.detail ? `: ${err.detail.replace(/\.$/, '')}` : ''}. Refresh and try again.`;
    return offerRetry(err.withMessage?.(message) ?? err, 'vonage.editUser', { ...retryArgs, customData: retryArgs.customData === undefined ? undefined : JSON.stringify(retryArgs.customData) });
  }
  if (['conflict', 'invalid', 'server', 'timeout', 'network', 'rateLimited', 'badResponse'].includes(err.kind ?? '')) {
    return offerRetry(err, 'vonage.editUser', { ...retryArgs, customData: retryArgs.customData === undefined ? undefined : JSON.stringify(retryArgs.customData) });
  }
  return e;
}
