import type {
  CaseOutcome,
  ModerationCase,
  ModerationChange,
  PostModeration,
} from './process/moderation-process';

/**
 * Where the moderation process keeps its state and its timers: a port, so that the rules
 * (process/) know nothing of MongoDB. Every write is idempotent: recording a change twice, as
 * a redelivered event or a retried timer does, leaves what recording it once left.
 */
export interface ModerationCases {
  /** The post's reports and cases. */
  ofPost(postId: string): Promise<PostModeration>;
  /** Records the changes; answers the outcomes of the cases this call closed. */
  record(changes: readonly ModerationChange[]): Promise<CaseOutcome[]>;
  /** Every open case, soonest deadline first. */
  open(): Promise<ModerationCase[]>;
  find(caseId: string): Promise<ModerationCase | null>;
  /**
   * Claims the case's timer for one lease period (`slot`) by a unique insert: true for the one
   * instance that claimed it. A claimant that dies leaves the next period's slot to another.
   */
  claimTimer(caseId: string, slot: number, owner: string): Promise<boolean>;
}

export const MODERATION_CASES = Symbol('ModerationCases');
