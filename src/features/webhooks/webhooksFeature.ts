import type * as vscode from 'vscode';
import type { SignatureSecrets } from '../../credentials/signatureSecrets';
import type { TreeNode } from '../../tree/treeNode';
import type { CallbackLog } from './callbackLog';
import type { RoutedApplications } from './routedApplications';
import type { WebhookHost } from './webhookHost';
import type { WebhookRouter } from './webhookRouter';
import type { WebhooksTree } from './webhooksTree';

/** What the webhook commands share, and what the test API hands out. */
export interface WebhooksFeature {
  /** The webhook server while it runs, and its tunnel. */
  readonly host: WebhookHost;
  /** The applications routed here, with their original webhooks (global state). */
  readonly routes: RoutedApplications;
  readonly router: WebhookRouter;
  /** The callbacks answered (the last 500, workspace storage). */
  readonly callbacks: CallbackLog;
  /** The Webhooks view and its tree. */
  readonly tree: WebhooksTree;
  readonly view: vscode.TreeView<TreeNode>;
  /** The accounts' signature secrets (SecretStorage). */
  readonly secrets: SignatureSecrets;
  /**
   * Puts back the applications a window that is gone left routed (run once when the features load; the
   * applications put back). Tests call it again after leaving such an entry.
   */
  recoverLeftBehind(): Promise<string[]>;
}
