import { VonageInputError } from '../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { isPlainArgs } from './commandWrapper';

export type Args = Record<string, unknown>;

/** The argument object of a command (empty when invoked from the palette or with a tree node). */
export function argsOf(arg: unknown): Args {
  return isPlainArgs(arg) ? arg : {};
}

/**
 * Whether argument `key` was given and its prompt is to be skipped. With `interactive: true` (Try
 * Again, an error's follow-up action) given values only prefill the prompts, so nothing is skipped.
 */
export function given(args: Args, key: string): boolean {
  return args[key] !== undefined && args.interactive !== true;
}

/** Reads an optional string argument; a wrong type is a mistake of the caller, said plainly. */
export function optString(args: Args, name: string): string | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new VonageInputError(`The argument "${name}" must be a string.`);
  return v;
}

/** Reads an optional boolean argument; a wrong type is a mistake of the caller, said plainly. */
export function optBoolean(args: Args, name: string): boolean | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new VonageInputError(`The argument "${name}" must be true or false.`);
  return v;
}
