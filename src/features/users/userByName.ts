import type { Services } from '../../services';

/** The id of the application's user named `name`: from the view when it has loaded it, else Vonage's name filter; undefined when there is none. */
export async function userIdByName(s: Services, applicationId: string, name: string): Promise<string | undefined> {
  const known = s.users.usersOf(applicationId)?.find((u) => u.name === name);
  if (known) return known.id;
  const users = await s.session.users(s.session.baseUrl, applicationId, s.tree.findApplication(applicationId)?.app.name);
  return (await users.findByName(name))?.id;
}
