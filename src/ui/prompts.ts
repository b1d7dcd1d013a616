import vscode = require('vscode');

/** Thrown by a prompt when the person presses the Back button of a multi-step input. */
export class BackRequested extends Error {
  constructor() { super('Back'); this.name = 'BackRequested'; }
}

export interface StepInfo { title: string; step?: number; totalSteps?: number }

export interface InputOptions extends StepInfo {
  prompt?: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  /** Returns a message when the value is not acceptable, undefined when it is. */
  validate?: (value: string) => string | undefined | Promise<string | undefined>;
  /** An extra title-bar button (e.g. "open the dashboard settings page"). */
  button?: { icon: string; tooltip: string; run: () => void };
}

export interface PickItem<T> extends vscode.QuickPickItem { value: T }

export interface PickOptions<T> extends StepInfo {
  placeholder?: string;
  /** When set, whatever the person types becomes an extra item built by this function. */
  typed?: (text: string) => PickItem<T> | undefined;
}

/**
 * Everything a command asks the person goes through this small interface, so tests can queue
 * answers instead of clicking. Prompts throw vscode.CancellationError when dismissed and
 * BackRequested on Back; messages resolve to the chosen action (or undefined).
 */
export interface Ui {
  input(opts: InputOptions): Promise<string>;
  pick<T>(items: PickItem<T>[] | Promise<PickItem<T>[]>, opts: PickOptions<T>): Promise<T>;
  /** A modal warning; resolves to the chosen button, undefined when dismissed. */
  confirm(message: string, detail: string | undefined, ...buttons: string[]): Promise<string | undefined>;
  info(message: string, ...actions: string[]): Promise<string | undefined>;
  warn(message: string, ...actions: string[]): Promise<string | undefined>;
  error(message: string, ...actions: string[]): Promise<string | undefined>;
  openFile(opts: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined>;
  saveFile(opts: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
}

/** The real prompts: QuickInput boxes with title, step/totalSteps, Back, and live validation. */
export class VscodeUi implements Ui {
  input(opts: InputOptions): Promise<string> {
    const box = vscode.window.createInputBox();
    box.title = opts.title;
    box.step = opts.step;
    box.totalSteps = opts.totalSteps;
    box.prompt = opts.prompt;
    box.placeholder = opts.placeholder;
    box.value = opts.value ?? '';
    box.password = opts.password ?? false;
    box.ignoreFocusOut = true;
    const extra = opts.button && { iconPath: new vscode.ThemeIcon(opts.button.icon), tooltip: opts.button.tooltip };
    box.buttons = [...(opts.step && opts.step > 1 ? [vscode.QuickInputButtons.Back] : []), ...(extra ? [extra] : [])];
    const disposables: vscode.Disposable[] = [box];
    return new Promise<string>((resolve, reject) => {
      let validating = Promise.resolve<string | undefined>(undefined);
      const validate = (value: string) => {
        validating = Promise.resolve(opts.validate?.(value)).then((m) => {
          if (box.value === value) box.validationMessage = m;
          return m;
        }, () => undefined);
        return validating;
      };
      let done = false;
      disposables.push(
        box.onDidTriggerButton((b) => {
          if (b === vscode.QuickInputButtons.Back) { done = true; reject(new BackRequested()); box.hide(); } else opts.button?.run();
        }),
        box.onDidChangeValue((v) => { void validate(v); }),
        box.onDidAccept(async () => {
          const value = box.value;
          box.enabled = false; box.busy = true;
          const message = await validate(value);
          box.enabled = true; box.busy = false;
          if (!message) { done = true; resolve(value); box.hide(); }
        }),
        box.onDidHide(() => { if (!done) reject(new vscode.CancellationError()); for (const d of disposables) d.dispose(); }),
      );
      if (box.value) void validate(box.value);
      box.show();
    });
  }

  async pick<T>(itemsOrPromise: PickItem<T>[] | Promise<PickItem<T>[]>, opts: PickOptions<T>): Promise<T> {
    const qp = vscode.window.createQuickPick<PickItem<T>>();
    qp.title = opts.title;
    qp.step = opts.step;
    qp.totalSteps = opts.totalSteps;
    qp.placeholder = opts.placeholder;
    qp.ignoreFocusOut = true;
    qp.matchOnDescription = true;
    qp.buttons = opts.step && opts.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    qp.busy = true;
    const disposables: vscode.Disposable[] = [qp];
    let base: PickItem<T>[] = [];
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const finish = (f: () => void) => { done = true; f(); qp.hide(); };
      disposables.push(
        qp.onDidTriggerButton(() => finish(() => reject(new BackRequested()))),
        qp.onDidChangeValue((text) => {
          if (!opts.typed) return;
          const extra = text.trim() ? opts.typed(text.trim()) : undefined;
          qp.items = extra && !base.some((i) => i.label === extra.label) ? [extra, ...base] : base;
        }),
        qp.onDidAccept(() => { const sel = qp.selectedItems[0]; if (sel) finish(() => resolve(sel.value)); }),
        qp.onDidHide(() => { if (!done) reject(new vscode.CancellationError()); for (const d of disposables) d.dispose(); }),
      );
      qp.show();
      Promise.resolve(itemsOrPromise).then((items) => { base = items; qp.items = items; qp.busy = false; },
        (e: unknown) => { if (!done) { done = true; reject(e instanceof Error ? e : new Error(String(e))); qp.hide(); } });
    });
  }

  async confirm(message: string, detail: string | undefined, ...buttons: string[]): Promise<string | undefined> {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
  }
  async info(message: string, ...actions: string[]) { return vscode.window.showInformationMessage(message, ...actions); }
  async warn(message: string, ...actions: string[]) { return vscode.window.showWarningMessage(message, ...actions); }
  async error(message: string, ...actions: string[]) { return vscode.window.showErrorMessage(message, ...actions); }
  async openFile(opts: vscode.OpenDialogOptions) { return (await vscode.window.showOpenDialog(opts))?.[0]; }
  async saveFile(opts: vscode.SaveDialogOptions) { return vscode.window.showSaveDialog(opts); }
}

/** Back from any prompt implementation (matched by name, so a test's stand-in prompts can say it too). */
export function isBack(e: unknown): boolean {
  return e instanceof BackRequested || (e instanceof Error && e.name === 'BackRequested');
}

/** One step of a wizard; `skip` leaves it out (e.g. a value the argument object already gave). */
export interface WizardStep { skip?: () => boolean; run: (info: StepInfo) => Promise<void> }

/**
 * Runs steps in order with step numbers and a working Back button: Back re-runs the previous
 * step that is not skipped; dismissing any step cancels the whole wizard. A step the person has
 * answered in this run is asked again when they come back to it going forward (after Back), even
 * though its value is now known: `skip` is for values the caller gave, not for answers that an
 * earlier step's new answer may have changed.
 */
export async function runWizard(title: string, steps: WizardStep[]): Promise<void> {
  let i = 0;
  const history: number[] = [];
  const answered = new Set<number>(); // asked again when reached, by Back or going forward after it
  const asked = (idx: number) => answered.has(idx) || !steps[idx].skip?.();
  while (i < steps.length) {
    const step = steps[i];
    if (!asked(i)) { i++; continue; }
    const active = steps.filter((_, idx) => history.includes(idx) || idx === i || (idx > i && asked(idx)));
    const info: StepInfo = active.length > 1 ? { title, step: active.indexOf(step) + 1, totalSteps: active.length } : { title };
    try {
      await step.run(info);
      history.push(i);
      answered.add(i);
      i++;
    } catch (e) {
      if (!isBack(e)) throw e;
      const prev = history.pop();
      if (prev !== undefined) i = prev;
    }
  }
}
