import type { User } from '../../vonage';
import type { Invocation } from '../../ui/commandWrapper';
import type { PickItem, StepInfo } from '../../ui/prompts';
import type { Services } from '../../services';

/** Asks for a user of the application: one of the listed users, or (when `allowTyped`) any name typed. */
export async function pickUser(s: Services, inv: Invocation, baseUrl: string, applicationId: string, info: StepInfo, allowTyped: boolean): Promise<{ name: string; id?: string }> {
  const items = (async (): Promise<PickItem<{ name: string; id?: string }>[]> => {
    const node = s.tree.findApplication(applicationId);
    let users: User[] | undefined = s.users.usersOf(applicationId);
    if (!users) users = (await (await s.session.users(baseUrl, applicationId, node?.app.name)).listPage()).users;
    return users.map((u) => ({ label: `$(person) ${u.name}`, description: u.display_name && u.display_name !== u.name ? u.display_name : undefined, detail: u.id, value: { name: u.name, id: u.id } }));
  })();
  return inv.ui.pick(items, {
    ...info,
    placeholder: allowTyped ? 'Pick a user, or type a user name' : 'Pick a user',
    typed: allowTyped ? (text) => ({ label: `$(edit) ${text}`, description: 'use this name as the token\'s sub', value: { name: text } }) : undefined,
  });
}
