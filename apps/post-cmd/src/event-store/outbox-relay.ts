import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { PostEventEnvelope } from '@social-posts/post-events';
import { OUTBOX_SLOTS } from './event-document';
import {
  EVENT_PUBLISHER,
  type EventPublisher,
  type PublishOutcome,
  type RefusedEvent,
} from './event-publisher.port';
import { MongoEventStore, type RepublishJob } from './mongo-event-store';
import { OutboxMetrics } from './outbox-metrics';

/** Events per Kafka send, both for the outbox and for a republish. */
const CHUNK = 1_000;
/**
 * Outbox slots read, published and marked together: one Kafka send for all of them, and their
 * reads and marks in parallel (FerretDB serves each on one core), rather than one slot at a time.
 */
const SLOTS_AT_ONCE = 8;
const IDLE_POLL_MS = 1_000;
/**
 * Every slot is read this often, a few at each pass rather than all at once (a full sweep would
 * hold up the events appended meanwhile): events left by a crashed instance, or by another's
 * failures.
 */
const SWEEP_EVERY_MS = 5_000;
const MAX_BACKOFF_MS = 5_000;

/**
 * Publishes stored events that are not yet published, then marks them: the transactional
 * outbox, with the event store as the outbox. A crash between publishing and marking only
 * republishes (the read side skips duplicates); nothing stored is ever left unpublished.
 * An event the bus refuses (larger than it takes) stays in the outbox, reported once, and holds
 * back only its own post's later events.
 *
 * It also runs republishes (rebuilding a read side): the store read bucket by bucket, each
 * post's events in version order, with where it got to saved after each chunk, so a restarted
 * relay resumes it. New events wait meanwhile, so each post's arrive after its republished ones.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private stopped = false;
  private loop: Promise<void> = Promise.resolve();
  private woken = false;
  private wakeUp: (() => void) | undefined;
  /** Outbox slots that this instance appended to since it last published them. */
  private readonly dirtySlots = new Set<number>();
  /** The next slot the sweep reads, and when the sweep last read up to it (never: all are due). */
  private sweepCursor = 0;
  private sweptAt = Number.NEGATIVE_INFINITY;
  /** A republish was requested, or may be unfinished from before a restart. */
  private republishDue = true;
  /** Events the bus refused that this instance has reported: each is reported once. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly store: MongoEventStore,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    private readonly metrics: OutboxMetrics,
  ) {
    store.onPendingEvents((slot) => {
      this.dirtySlots.add(slot);
      this.wake();
    });
  }

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  /** Finishes the batch in flight before the Mongo and Kafka clients close. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
  }

  /**
   * Publishes what waits in the slots this instance appended to, and in the slots due for the
   * sweep (all of them at start); resolves to how many events it published. Slots are taken
   * SLOTS_AT_ONCE at a time: read together, and their events published together in chunks of
   * 1,000 (each post's in version order), each chunk marked once sent.
   */
  async publishPending(): Promise<number> {
    const slots = [...new Set([...this.dirtySlots, ...this.slotsDueForSweep()])];
    let published = 0;
    for (let start = 0; start < slots.length; start += SLOTS_AT_ONCE) {
      const group = slots.slice(start, start + SLOTS_AT_ONCE);
      // Cleared before the read: an append during it dirties the slot again.
      for (const slot of group) this.dirtySlots.delete(slot);
      try {
        published += await this.publishSlots(group);
      } catch (error) {
        // These slots and the ones after them were not all published: the next attempt reads them.
        for (const slot of slots.slice(start)) this.dirtySlots.add(slot);
        throw error;
      }
    }
    return published;
  }

  /** The slots whose turn in the sweep has come since it last read: about one per 80 ms. */
  private slotsDueForSweep(): number[] {
    const now = Date.now();
    const due = Math.min(
      OUTBOX_SLOTS,
      Math.floor(((now - this.sweptAt) * OUTBOX_SLOTS) / SWEEP_EVERY_MS),
    );
    if (due === 0) return [];
    this.sweptAt =
      due === OUTBOX_SLOTS ? now : this.sweptAt + (due * SWEEP_EVERY_MS) / OUTBOX_SLOTS;
    const slots = Array.from({ length: due }, (_, n) => (this.sweepCursor + n) % OUTBOX_SLOTS);
    this.sweepCursor = (this.sweepCursor + due) % OUTBOX_SLOTS;
    return slots;
  }

  private async publishSlots(slots: readonly number[]): Promise<number> {
    const events = (
      await Promise.all(slots.map((slot) => this.store.findUnpublished(slot)))
    ).flat();
    let published = 0;
    for (let start = 0; start < events.length; start += CHUNK) {
      const outcome = await this.publish(events.slice(start, start + CHUNK));
      await this.store.markPublished(outcome.published);
      published += outcome.published.length;
      this.report(outcome.refused, 'left in the outbox, retried at each sweep');
    }
    return published;
  }

  /** One chunk to the bus, timed and counted for the metrics. */
  private async publish(events: readonly PostEventEnvelope[]): Promise<PublishOutcome> {
    const done = this.metrics.startPublish();
    const outcome = await this.publisher.publish(events);
    done(outcome.published.length, outcome.refused.length);
    return outcome;
  }

  /**
   * Loudly, once per event: an event the bus refuses stops its post's publishing until an
   * operator acts (raises the topic's `max.message.bytes`, say); the other posts go on.
   */
  private report(refused: readonly RefusedEvent[], what: string): void {
    for (const { event, reason } of refused) {
      if (this.reported.has(event.eventId)) continue;
      this.reported.add(event.eventId);
      this.logger.error(
        `cannot publish post ${event.aggregateId} version ${event.version} (${what}): ${reason}`,
      );
    }
  }

  /** Starts republishing the stored events, all or one post's, replacing any in progress. */
  async republish(aggregateId?: string): Promise<RepublishJob> {
    const job: RepublishJob = {
      aggregateId: aggregateId ?? null,
      published: 0,
      after: null,
      done: false,
    };
    await this.store.saveRepublishJob(job);
    this.republishDue = true;
    this.wake();
    return job;
  }

  /** Runs the saved republish to its end, unless shut down or replaced by a newer request. */
  private async republishStored(): Promise<void> {
    let job = await this.store.loadRepublishJob();
    if (!job || job.done) return;
    const chunks = this.store.readInOrder(job, CHUNK);
    // The next chunk is read while this one is published: reading and producing overlap.
    let next = chunks.next();
    // Posts with an event the bus refused: their later events, in later chunks, are held back too.
    const stopped = new Set<string>();
    try {
      for (let read = await next; !read.done; read = await next) {
        const chunk = read.value;
        next = chunks.next();
        const heldBack = chunk.filter((event) => stopped.has(event.aggregateId));
        const outcome = await this.publish(
          chunk.filter((event) => !stopped.has(event.aggregateId)),
        );
        const refused = [
          ...outcome.refused,
          ...heldBack.map((event) => ({ event, reason: 'held back behind a refused event' })),
        ];
        for (const { event } of refused) stopped.add(event.aggregateId);
        this.report(refused, 'skipped by the republish');
        const last = chunk[chunk.length - 1]!;
        job = {
          ...job,
          published: job.published + outcome.published.length,
          after: { aggregateId: last.aggregateId, version: last.version },
        };
        await this.store.saveRepublishJob(job);
        if (this.stopped || this.republishDue) return;
      }
    } finally {
      // Settles the read in flight (its failure no longer matters) before the reader stops.
      await next.catch(() => undefined);
      await chunks.return(undefined);
    }
    await this.store.saveRepublishJob({ ...job, done: true });
    this.logger.log(`republished ${job.published} event(s)`);
  }

  private wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      this.woken = false;
      try {
        if (this.republishDue) {
          this.republishDue = false;
          await this.republishStored().catch((error: unknown) => {
            this.republishDue = true;
            throw error;
          });
        }
        const published = await this.publishPending();
        if (failures > 0) this.logger.log('publishing again');
        failures = 0;
        if (published === 0) await this.idle();
      } catch (error) {
        failures++;
        const delay = Math.min(MAX_BACKOFF_MS, 100 * 2 ** failures);
        this.logger.warn(`publishing failed (${String(error)}); retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** Waits for the next append, or the idle poll (a sweep, when due), whichever comes first. */
  private idle(): Promise<void> {
    if (this.woken || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wakeUp?.(), IDLE_POLL_MS);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
    });
  }
}
