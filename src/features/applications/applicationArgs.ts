import type { Application } from '../../vonage';
import { MissingPrivateKeyError } from '../../credentials/session';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { Services } from '../../services';
import { TreeNode } from '../../tree/treeNode';
import { argsOf, optString } from '../../ui/args';
import type { Invocation } from '../../ui/commandWrapper';
import type { PickItem, StepInfo } from '../../ui/prompts';

/** The application a command is about: from a tree node, from `applicationId`, else undefined. */
export function applicationIdOf(arg: unknown): string | undefined {
  if (arg instanceof TreeNode) return arg.applicationId;
  return optString(argsOf(arg), 'applicationId');
}

/** The application object for an id: from the tree when loaded, else fetched. */
export async function getApplication(s: Services, baseUrl: string, id: string, signal?: AbortSignal): Promise<Application> {
  const known = s.tree.findApplication(id);
  if (known) return known.app;
  const client = await s.session.applications(baseUrl);
  return client.get(id, signal);
}

/** Asks which application, listing every one (with whether this VS Code holds its key). */
export async function pickApplication(s: Services, inv: Invocation, info: StepInfo, placeholder = 'Pick an application'): Promise<Application> {
  const items = (async (): Promise<PickItem<Application>[]> => {
    const nodes = await s.tree.applications();
    if (!nodes.length) throw new VonageInputError('This account has no applications yet. Create one first (Vonage: Create Application).');
    return nodes.map((n) => ({
      label: `${n.hasKey ? '$(key)' : '$(warning)'} ${n.app.name}`,
      description: n.app.id,
      detail: n.hasKey ? undefined : 'This VS Code does not hold its private key',
      value: n.app,
    }));
  })();
  return inv.ui.pick(items, { ...info, placeholder });
}


/** Asks which application, offering only those whose private key this VS Code holds. */
export async function pickApplicationWithKey(s: Services, inv: Invocation, info: StepInfo, placeholder: string): Promise<Application> {
  const app = await pickApplication(s, inv, info, placeholder);
  const node = s.tree.findApplication(app.id);
  if (node && !node.hasKey) throw new MissingPrivateKeyError(app.id, app.name);
  return app;
}
