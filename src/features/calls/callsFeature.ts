import type { ConversationsFeature } from '../conversations';
import type { NumbersFeature } from '../numbers/numbersFeature';
import type { ApplicationCalls } from './applicationCalls';
import type { NccoFiles } from './nccoFiles';
import type { NccoUserWarnings } from './nccoUserWarnings';

/** What the call commands share, and what the test API hands out. */
export interface CallsFeature {
  /** The calls under each application of the view. */
  readonly calls: ApplicationCalls;
  /** Which application each NCCO file is for. */
  readonly files: NccoFiles;
  /** The warnings on connect actions to users the file's application does not have. */
  readonly userWarnings: NccoUserWarnings;
  /** The numbers (a phone call's caller ID) and the balance. */
  readonly numbers: NumbersFeature;
  /** The events timeline a call's conversation opens in. */
  readonly conversations: ConversationsFeature;
}
