import type { Services } from '../../services';
import { ApplicationNode } from '../applications/applicationNode';
import { registerCopyUserId } from './copyUserId';
import { registerCreateUser } from './createUser';
import { registerDeleteUser } from './deleteUser';
import { registerEditUser } from './editUser';
import { registerFindUser } from './findUser';
import { registerLoadMoreUsers } from './loadMoreUsers';
import { UserNode } from './userNode';

/** Users: under each application in the view, and their commands. */
export function registerUsersFeature(s: Services): void {
  registerCreateUser(s);
  registerCopyUserId(s);
  registerDeleteUser(s);
  registerEditUser(s);
  registerFindUser(s);
  registerLoadMoreUsers(s);
  s.context.subscriptions.push(
    s.tree.extend(ApplicationNode, s.users),
    s.tree.extend(UserNode, s.users.userDetails),
  );
}
