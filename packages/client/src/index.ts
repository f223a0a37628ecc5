export {
  createNexaClient,
  jitteredBackoff,
  type ConnectionState,
  type NexaClient,
  type NexaClientExtras,
  type NexaClientOptions,
  type TrackedEvent,
  type Transport,
  type WatchOptions,
} from './create-nexa-client';
export type { AppRouter, RouterInputs, RouterOutputs } from '@nexa/router';
export type * from '@nexa/contracts';
export { eventsOfMessage, formatNcm, NEEDS_REVIEW_BELOW, needsReview } from '@nexa/contracts';
