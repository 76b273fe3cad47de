import type { StreamPosition } from '../event-store/event-history.port';

/** A request to publish the stored events again, all or one post's; a newer one replaces it. */
export interface RepublishJob {
  readonly id: string;
  /** Its place among all requests, unique: the highest is the one that runs. */
  readonly number: number;
  readonly aggregateId: string | null;
  readonly requestedAt: Date;
}

/** How far a job has got, saved as its next step after every chunk it publishes. */
export interface RepublishProgress {
  readonly step: number;
  readonly published: number;
  /** The last event published, in the order the store is read; null before the first. */
  readonly after: StreamPosition | null;
  readonly done: boolean;
  readonly savedAt: Date;
}

export interface RepublishState {
  readonly job: RepublishJob;
  readonly progress: RepublishProgress;
}

/** Where a job stands before its first chunk. */
export const notStarted = (job: RepublishJob): RepublishProgress => ({
  step: 0,
  published: 0,
  after: null,
  done: false,
  savedAt: job.requestedAt,
});
