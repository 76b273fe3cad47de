import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { WakeableSleep } from '@social-posts/service-runtime';
import { EVENT_SINK, type EventSink } from './event-sink.port';
import { OutboxMetrics } from './outbox-metrics';
import { OUTBOX, type Outbox } from './outbox.port';
import { PublishingTurns } from './publishing-turns';
import { RefusedEventsLog } from './refused-events';

/** Events per Kafka send. */
export const CHUNK = 1_000;
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
 * back only its own post's later events. It takes turns with a republish (PublishingTurns).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private stopped = false;
  private loop: Promise<void> = Promise.resolve();
  private woken = false;
  private readonly sleep = new WakeableSleep();
  /** Outbox slots that this instance appended to since it last published them. */
  private readonly dirtySlots = new Set<number>();
  /** The next slot the sweep reads, and when the sweep last read up to it (never: all are due). */
  private sweepCursor = 0;
  private sweptAt = Number.NEGATIVE_INFINITY;
  private readonly refusals = new RefusedEventsLog(this.logger);

  constructor(
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(EVENT_SINK) private readonly sink: EventSink,
    private readonly metrics: OutboxMetrics,
    private readonly turns: PublishingTurns,
  ) {
    outbox.onPending((slot) => {
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
  publishPending(): Promise<number> {
    return this.turns.take(() => this.publishDue());
  }

  private async publishDue(): Promise<number> {
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
      this.outbox.slots,
      Math.floor(((now - this.sweptAt) * this.outbox.slots) / SWEEP_EVERY_MS),
    );
    if (due === 0) return [];
    this.sweptAt =
      due === this.outbox.slots ? now : this.sweptAt + (due * SWEEP_EVERY_MS) / this.outbox.slots;
    const slots = Array.from({ length: due }, (_, n) => (this.sweepCursor + n) % this.outbox.slots);
    this.sweepCursor = (this.sweepCursor + due) % this.outbox.slots;
    return slots;
  }

  private async publishSlots(slots: readonly number[]): Promise<number> {
    const events = (
      await Promise.all(slots.map((slot) => this.outbox.findUnpublished(slot)))
    ).flat();
    let published = 0;
    for (let start = 0; start < events.length; start += CHUNK) {
      const outcome = await this.metrics.timePublish(() =>
        this.sink.publish(events.slice(start, start + CHUNK)),
      );
      await this.outbox.markPublished(outcome.published);
      published += outcome.published.length;
      this.refusals.report(outcome.refused, 'left in the outbox, retried at each sweep');
    }
    return published;
  }

  private wake(): void {
    this.woken = true;
    this.sleep.wake();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      this.woken = false;
      try {
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
    return this.sleep.sleep(IDLE_POLL_MS);
  }
}
