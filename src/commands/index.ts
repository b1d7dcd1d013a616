import { registerCheckWorkspaceSecrets } from './checkWorkspaceSecrets';
import { registerCopyApplicationId } from './copyApplicationId';
import { registerCopyUserId } from './copyUserId';
import { registerCopyUserJwt } from './copyUserJwt';
import { registerCreateApplication } from './createApplication';
import { registerCreateUser } from './createUser';
import { registerDeleteApplication } from './deleteApplication';
import { registerDeleteUser } from './deleteUser';
import { registerGenerateApplicationJwt } from './generateApplicationJwt';
import { registerGenerateUserJwt } from './generateUserJwt';
import { registerIgnoreFileInGit } from './ignoreFileInGit';
import { registerIgnoreSecretsInFile } from './ignoreSecretsInFile';
import { registerImportPrivateKey } from './importPrivateKey';
import { registerLoadMoreUsers } from './loadMoreUsers';
import { registerMoveSecretToEnv } from './moveSecretToEnv';
import { registerOpenInDashboard } from './openInDashboard';
import { registerRefresh } from './refresh';
import { registerRenameApplication } from './renameApplication';
import type { Services } from './services';
import { registerSetCredentials } from './setCredentials';
import { registerSignOut } from './signOut';
import { registerSwitchAccount } from './switchAccount';
import { registerEditApplication } from './editApplication';
import { registerEditUser } from './editUser';
import { registerFindUser } from './findUser';
import { registerOpenApplicationJson } from './openApplicationJson';
import { registerRegenerateToken } from './regenerateToken';
import { registerRenewTokens } from './renewTokens';
import { registerInspectJwt } from './inspectJwt';
import { registerCopyTokenClaims } from './copyTokenClaims';
import { registerWriteEnv } from './writeEnv';

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
