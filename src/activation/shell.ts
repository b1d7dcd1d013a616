import type * as vscode from 'vscode';
import type { DeferredTreeView } from './deferredTreeView';

/** What activate() made before the features loaded, handed to them when they do. */
export interface Shell {
  /** The "Vonage" log channel (activate() wrote its "Activated in" line to it). */
  readonly channel: vscode.LogOutputChannel;
  /** That line, so the features' log keeps it in its copy too. */
  readonly activationLine: string;
  /** The Applications view; the applications feature provides its tree. */
  readonly applications: DeferredTreeView;
  /** The Numbers view; the numbers feature provides its tree. */
  readonly numbers: DeferredTreeView;
}
