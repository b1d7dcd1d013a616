import { registerCheckWorkspaceSecrets } from './secrets/checkWorkspaceSecrets';
import { registerCopyApplicationId } from './applications/copyApplicationId';
import { registerCopyUserId } from './users/copyUserId';
import { registerCopyUserJwt } from './tokens/copyUserJwt';
import { registerCreateApplication } from './applications/createApplication';
import { registerCreateUser } from './users/createUser';
import { registerDeleteApplication } from './applications/deleteApplication';
import { registerDeleteUser } from './users/deleteUser';
import { registerGenerateApplicationJwt } from './tokens/generateApplicationJwt';
import { registerGenerateUserJwt } from './tokens/generateUserJwt';
import { registerIgnoreFileInGit } from './secrets/ignoreFileInGit';
import { registerIgnoreSecretsInFile } from './secrets/ignoreSecretsInFile';
import { registerImportPrivateKey } from './applications/importPrivateKey';
import { registerLoadMoreUsers } from './users/loadMoreUsers';
import { registerMoveSecretToEnv } from './secrets/moveSecretToEnv';
import { registerOpenInDashboard } from './applications/openInDashboard';
import { registerRefresh } from '../tree/refresh';
import { registerRenameApplication } from './applications/renameApplication';
import type { Services } from '../services';
import { registerSetCredentials } from './account/setCredentials';
import { registerSignOut } from './account/signOut';
import { registerSwitchAccount } from './account/switchAccount';
import { registerEditApplication } from './applications/editApplication';
import { registerEditUser } from './users/editUser';
import { registerFindUser } from './users/findUser';
import { registerOpenApplicationJson } from './applications/openApplicationJson';
import { registerRegenerateToken } from './tokens/regenerateToken';
import { registerRenewTokens } from './tokens/renewTokens';
import { registerInspectJwt } from './tokens/inspectJwt';
import { registerCopyTokenClaims } from './tokens/copyTokenClaims';
import { registerWriteEnv } from './project/writeEnv';

/** Registers every command (each file exports its own register function). */
export function registerCommands(s: Services): void {
  for (const register of [
    registerSetCredentials, registerSignOut,
    registerCreateApplication, registerImportPrivateKey, registerCopyApplicationId, registerRenameApplication,
    registerDeleteApplication, registerOpenInDashboard, registerRefresh, registerLoadMoreUsers,
    registerCreateUser, registerCopyUserId, registerDeleteUser,
    registerGenerateUserJwt, registerCopyUserJwt, registerGenerateApplicationJwt,
    registerSwitchAccount, registerEditApplication, registerEditUser, registerFindUser, registerOpenApplicationJson,
    registerRegenerateToken, registerRenewTokens, registerInspectJwt, registerCopyTokenClaims,
    registerWriteEnv, registerCheckWorkspaceSecrets, registerMoveSecretToEnv, registerIgnoreFileInGit, registerIgnoreSecretsInFile,
  ]) register(s);
}
