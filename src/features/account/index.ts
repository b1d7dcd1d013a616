import vscode = require('vscode');
import type { CredentialChange } from '../../credentials/credentialStore';
import type { Services } from '../../services';
import { SIGNED_IN_CONTEXT, setContextKeyFrom } from '../../ui/contextKeys';
import { registerSetCredentials } from './setCredentials';
import { registerSignOut } from './signOut';
import { registerSwitchAccount } from './switchAccount';

/** Sign in and out, several accounts, the active account in the status bar, and what follows a change of either. */
export function registerAccountFeature(s: Services): void {
  registerSetCredentials(s);
  registerSignOut(s);
  registerSwitchAccount(s);
  s.tree.onRootLoaded = () => s.accountStatus.update();
  s.accountStatus.fillSoon(); // the view may stay closed: the status bar still shows the account
  s.context.subscriptions.push(
    s.store.onDidChange((change) => onCredentialsChanged(s, change)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('vonage.apiBaseUrl')) return;
      s.log.info(`API base URL is now ${s.session.baseUrl}.`);
      updateSignedIn(s);
      s.tree.reload();
    }),
  );
}

/** Secrets changed (here, in another window, or by a command): re-render only what they touch. */
function onCredentialsChanged(s: Services, change: CredentialChange): void {
  if (change.baseUrl !== s.session.baseUrl) return;
  if (change.kind === 'accountLabels') { // written first on every change, and once when 0.1.0's account is first read
    s.accountStatus.update();
    return;
  }
  if (change.kind === 'account') {
    updateSignedIn(s);
    s.tree.reload();
    return;
  }
  // Only an application the view shows has anything to re-render (not pending-* keys of a create in flight).
  if (!s.tree.findApplication(change.applicationId)) return;
  s.store.hasPrivateKey(change.baseUrl, change.applicationId).then((has) => s.tree.setHasKey(change.applicationId, has))
    .then(undefined, (e: unknown) => s.log.error(`Re-reading whether the private key of ${change.applicationId} is stored failed`, e));
}

/** Re-reads whether a key and secret are stored for the current base URL (another window may have changed it). */
function updateSignedIn(s: Services): void {
  setContextKeyFrom(SIGNED_IN_CONTEXT, () => s.session.isSignedIn())
    .then(undefined, (e: unknown) => s.log.error('Updating the signed-in state failed', e));
  s.accountStatus.update();
}
