import type { PostEventEnvelope, PostEventType } from '@social-posts/post-events';
import type { EntityManager } from 'typeorm';

/**
 * A read model built from the post events: what it handles, how it applies a batch, how it is
 * emptied for a rebuild (the shape of Emmett's projections). The projector decides what each one
 * is given, in order and once: a projection only writes. Its name is its key in the list the app
 * gives ProjectionsModule.forRoot (posts/post-projections.ts).
 */
export interface Projection {
  /** The event types it applies; its position moves past the others without it. */
  readonly handles: readonly PostEventType[];
  /**
   * Applies a batch's events of the types it handles, each post's in version order and each
   * event once, inside the batch's transaction (a few set-based statements, not one per event).
   */
  apply(manager: EntityManager, events: readonly PostEventEnvelope[]): Promise<void>;
  /** Empties everything it wrote, inside the rebuild's transaction. */
  reset(manager: EntityManager): Promise<void>;
}
