import vscode = require('vscode');

/**
 * Runs network work under a cancellable notification. Cancelling aborts the AbortSignal handed to
 * the work (which the core passes on to fetch) and the call ends with vscode.CancellationError.
 */
export async function withProgress<T>(title: string, work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>): Promise<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        return await work(controller.signal, (message) => progress.report({ message }));
      } catch (e) {
        if (controller.signal.aborted) throw new vscode.CancellationError();
        throw e;
      } finally {
        sub.dispose();
      }
    },
  );
}
