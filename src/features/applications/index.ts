import vscode = require('vscode');
import type { Services } from '../../services';
import { editableCapabilities } from './capabilityNode';
import { ApplicationNode } from './applicationNode';
import { SCHEME } from './applicationFileSystem';
import { CapabilityNode } from './capabilityNode';
import { registerCopyApplicationId } from './copyApplicationId';
import { registerCreateApplication } from './createApplication';
import { registerDeleteApplication } from './deleteApplication';
import { registerEditApplication } from './editApplication';
import { registerImportPrivateKey } from './importPrivateKey';
import { registerOpenApplicationJson } from './openApplicationJson';
import { registerOpenInDashboard } from './openInDashboard';
import { registerRefresh } from './refresh';
import { registerRenameApplication } from './renameApplication';

/** Applications: create, edit (by prompts or as JSON), delete, keys; each application's capabilities in the view. */
export function registerApplicationsFeature(s: Services): void {
  registerRefresh(s);
  registerCreateApplication(s);
  registerImportPrivateKey(s);
  registerCopyApplicationId(s);
  registerRenameApplication(s);
  registerDeleteApplication(s);
  registerOpenInDashboard(s);
  registerEditApplication(s);
  registerOpenApplicationJson(s);
  s.context.subscriptions.push(
    s.tree.extend(ApplicationNode, {
      children: (node) => editableCapabilities(node.app).map((c) => new CapabilityNode(node, c)),
    }),
    vscode.workspace.registerFileSystemProvider(SCHEME, s.applicationFiles, { isCaseSensitive: true }),
  );
}
