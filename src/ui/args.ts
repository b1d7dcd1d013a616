import type { Application } from '../vonage';
import { MissingPrivateKeyError } from '../credentials/session';
import { VonageInputError } from '../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { ApplicationNode } from '../features/applications/applicationNode';
import { CapabilityNode } from '../features/applications/capabilityNode';
import { LoadMoreNode } from '../features/users/loadMoreUsersNode';
import { MessageNode } from '../tree/messageNode';
import { UserNode } from '../features/users/userNode';
import { isPlainArgs, type Invocation } from './commandWrapper';
import type { PickItem, StepInfo } from './prompts';
import type { Services } from '../services';

export type Args = Record<string, unknown>;

/** The argument object of a command (empty when invoked from the palette or with a tree node). */
export function argsOf(arg: unknown): Args {
  return isPlainArgs(arg) ? arg : {};
}

/**
 * Whether argument `key` was given and its prompt is to be skipped. With `interactive: true` (Try
 * Again, an error's follow-up action) given values only prefill the prompts, so nothing is skipped.
 */
export function given(args: Args, key: string): boolean {
  return args[key] !== undefined && args.interactive !== true;
}

/** Reads an optional string argument; a wrong type is a mistake of the caller, said plainly. */
export function optString(args: Args, name: string): string | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new VonageInputError(`The argument "${name}" must be a string.`);
  return v;
}

/** The application a command is about: from a tree node, from `applicationId`, else undefined. */
export function applicationIdOf(arg: unknown): string | undefined {
  if (arg instanceof ApplicationNode) return arg.applicationId;
  if (arg instanceof UserNode || arg instanceof LoadMoreNode || arg instanceof CapabilityNode) return arg.parent.applicationId;
  if (arg instanceof MessageNode) return arg.applicationId;
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

/** Reads an optional boolean argument; a wrong type is a mistake of the caller, said plainly. */
export function optBoolean(args: Args, name: string): boolean | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new VonageInputError(`The argument "${name}" must be true or false.`);
  return v;
}
