// QueuedUi variants for the follow-up actions of messages: one that answers a message's action (e.g.
// "Try Again"), one whose error message itself fails. Inputs also record the value they were prefilled with.
import type { InputOptions } from '../../../src/ui/prompts';
import { QueuedUi } from './harness';

export class AnsweringUi extends QueuedUi {
  /** The prefilled value of each input box, in order. */
  readonly prefilled: (string | undefined)[] = [];

  constructor(answers: unknown[], private readonly answerMessage: (level: 'info' | 'warn' | 'error', text: string, actions: string[]) => string | undefined) {
    super(answers);
  }

  override input(opts: InputOptions): Promise<string> {
    this.prefilled.push(opts.value);
    return super.input(opts);
  }

  override async info(text: string, ...actions: string[]) { await super.info(text, ...actions); return this.answerMessage('info', text, actions); }
  override async warn(text: string, ...actions: string[]) { await super.warn(text, ...actions); return this.answerMessage('warn', text, actions); }
  override async error(text: string, ...actions: string[]) { await super.error(text, ...actions); return this.answerMessage('error', text, actions); }
}

/** Prompts whose error message rejects (a notification service that went away): the wrapper must log it, not leak it. */
export class BrokenErrorUi extends QueuedUi {
  override error(): Promise<string | undefined> {
    return Promise.reject(new Error('the notification could not be shown'));
  }
}
