import type { ReadablePostEventEnvelope, PostEventType } from '@social-posts/post-events';
import type { EntityManager } from 'typeorm';

/** Where an event came from on the topic, when it came from there. */
export interface Delivery {
  readonly partition: number;
  readonly offset: string;
  /** When the relay published it (the message's timestamp). */
  readonly publishedAt: Date;
}

/** Which build of a projection a batch is applied to (projection-builds.ts). */
export interface BuildTarget {
  /** The build queries read: the one whose changes readers may be waiting for. */
  readonly live: boolean;
  /** Where the batch's events came from, by event id. */
  readonly deliveries: ReadonlyMap<string, Delivery>;
}

/**
 * A read model built from the post events: what it handles, the tables it owns and how it
 * applies a batch (the shape of Emmett's projections). The projector decides what each build of
 * it is given, in order and once: a projection only writes. Its name is its key in the list the
 * app gives ProjectionsModule.forRoot (posts/post-projections.ts).
 */
export interface Projection {
  /**
   * Raised when what it computes from the events changes (a rule fixed, a field added): a
   * deploy that brings a higher version rebuilds it beside the live build, from every event.
   */
  readonly version: number;
  /** The event types it applies; its position moves past the others without it. */
  readonly handles: readonly PostEventType[];
  /**
   * Its tables, referenced before referencing: each build has its own, in its own schema, and
   * queries read them through views of these names that follow the live build.
   */
  readonly tables: readonly string[];
  /**
   * Applies a batch's events of the types it handles, each post's in version order and each
   * event once, inside the batch's transaction (a few set-based statements, not one per event).
   * Unqualified table names are the build's own tables (the schema is first on the search path).
   */
  apply(
    manager: EntityManager,
    events: readonly ReadablePostEventEnvelope[],
    target: BuildTarget,
  ): Promise<void>;
}
