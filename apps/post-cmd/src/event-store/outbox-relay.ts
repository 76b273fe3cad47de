import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { OUTBOX_SLOTS } from './event-document';
import { EVENT_PUBLISHER, type EventPublisher } from './event-publisher.port';
import { MongoEventStore, type RepublishJob } from './mongo-event-store';

/** Events per Kafka send, both for the outbox and for a republish. */
const CHUNK = 1_000;
const IDLE_POLL_MS = 1_000;
/** Every slot is read this often: events left by a crashed instance, or by another's failures. */
const SWEEP_EVERY_MS = 5_000;
const MAX_BACKOFF_MS = 5_000;
const ALL_SLOTS = Array.from({ length: OUTBOX_SLOTS }, (_, slot) => slot);

/**
 * Publishes stored events that are not yet published, then marks them: the transactional
 * outbox, with the event store as the outbox. A crash between publishing and marking only
 * republishes (the read side skips duplicates); nothing stored is ever left unpublished.
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
  private lastSweep = Number.NEGATIVE_INFINITY;
  /** A republish was requested, or may be unfinished from before a restart. */
  private republishDue = true;

  constructor(
    private readonly store: MongoEventStore,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
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
   * Publishes what waits in the slots this instance appended to, or in every slot when a sweep
   * is due (at start, then every few seconds); resolves to how many events it published. A slot
   * is read whole, each post's events in version order, and published in chunks of 1,000.
   */
  async publishPending(): Promise<number> {
    const sweep = Date.now() - this.lastSweep >= SWEEP_EVERY_MS;
    if (sweep) this.lastSweep = Date.now();
    const slots = sweep ? ALL_SLOTS : [...this.dirtySlots];
    let published = 0;
    for (const slot of slots) {
      // Cleared before the read: an append during it dirties the slot again.
      this.dirtySlots.delete(slot);
      try {
        published += await this.publishSlot(slot);
      } catch (error) {
        this.dirtySlots.add(slot);
        // The slots after this one were not read: the next attempt sweeps them all again.
        if (sweep) this.lastSweep = Number.NEGATIVE_INFINITY;
        throw error;
      }
    }
    return published;
  }

  private async publishSlot(slot: number): Promise<number> {
    const events = await this.store.findUnpublished(slot);
    for (let start = 0; start < events.length; start += CHUNK) {
      const chunk = events.slice(start, start + CHUNK);
      await this.publisher.publish(chunk);
      await this.store.markPublished(slot, chunk);
    }
    return events.length;
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
    try {
      for (let read = await next; !read.done; read = await next) {
        const chunk = read.value;
        next = chunks.next();
        await this.publisher.publish(chunk);
        const last = chunk[chunk.length - 1]!;
        job = {
          ...job,
          published: job.published + chunk.length,
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
