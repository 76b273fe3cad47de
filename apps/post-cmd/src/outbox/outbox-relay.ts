import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { StoredPostEventEnvelope } from '@social-posts/post-events';
import { WorkLoop } from '@social-posts/service-runtime';
import { EVENT_SINK, type EventSink } from './event-sink.port';
import { OutboxMetrics } from './outbox-metrics';
import { OUTBOX, type Outbox, type PendingEvent } from './outbox.port';
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
/** Posts whose last version this relay has published or queued, remembered (most recent). */
const POSTS_FOLLOWED = 100_000;

/**
 * Publishes stored events that are not yet published, then marks them: the transactional
 * outbox, with the event store as the outbox. A crash between publishing and marking only
 * republishes (the read side skips duplicates); nothing stored is ever left unpublished.
 * An event the bus refuses (larger than it takes) stays in the outbox, reported once, and holds
 * back only its own post's later events. It takes turns with a republish (PublishingTurns).
 *
 * An event this process appended is published from memory, without reading its slot back,
 * when the post's previous version is one this relay published or queued before it: then
 * nothing of the post can be waiting in the store ahead of it. Any other event (another
 * instance wrote the post's previous version, or this relay forgot the post) dirties its slot,
 * and the slot's read returns it with every unpublished event of its post, in order. So a post's
 * events still reach the bus in version order, whichever instance appended them.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  /** Passes until stopped, woken by each append, the sweep's poll otherwise. */
  private readonly loop = new WorkLoop(
    { activity: 'publishing', logger: this.logger, idleMs: IDLE_POLL_MS },
    async () => (await this.publishPending()) > 0,
  );
  /** Outbox slots that this instance appended to since it last published them. */
  private readonly dirtySlots = new Set<number>();
  /** Events appended here, to publish from memory (each post's in version order). */
  private appended: PendingEvent[] = [];
  /** Per post, the version through which this relay has published or queued its events. */
  private readonly queuedThrough = new Map<string, number>();
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
    outbox.onPending((pending) => {
      this.follow(pending);
      this.loop.wake();
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  /** Finishes the batch in flight before the Mongo and Kafka clients close. */
  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
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

  /**
   * Queues an event this process appended for publishing from memory, if its post's previous
   * version was published or queued here; otherwise dirties its slot, whose read finds it.
   */
  private follow(pending: PendingEvent): void {
    const { aggregateId, version } = pending.event;
    const through = this.queuedThrough.get(aggregateId);
    this.queuedThrough.delete(aggregateId);
    if (version !== 1 && through !== version - 1) {
      this.dirtySlots.add(pending.slot);
      return;
    }
    this.appended.push(pending);
    this.advance(aggregateId, version);
  }

  /** The post's events through `version` are published, or queued here to be, in order. */
  private advance(aggregateId: string, version: number): void {
    const through = this.queuedThrough.get(aggregateId) ?? 0;
    this.queuedThrough.delete(aggregateId);
    this.queuedThrough.set(aggregateId, Math.max(through, version));
    // A Map iterates oldest first: past the bound, the least recently advanced post goes.
    for (const [post] of this.queuedThrough) {
      if (this.queuedThrough.size <= POSTS_FOLLOWED) break;
      this.queuedThrough.delete(post);
    }
  }

  /**
   * Events queued in memory go with their slot's group when that slot is read this pass (its
   * read returns them as well, and anything of their post before them), the others with the
   * first group.
   */
  private async publishDue(): Promise<number> {
    const fresh = this.appended;
    this.appended = [];
    const slots = [...new Set([...this.dirtySlots, ...this.slotsDueForSweep()])];
    const groups: number[][] = [];
    for (let start = 0; start < slots.length; start += SLOTS_AT_ONCE) {
      groups.push(slots.slice(start, start + SLOTS_AT_ONCE));
    }
    if (groups.length === 0) groups.push([]);
    const groupOfSlot = new Map(
      groups.flatMap((group, index) => group.map((slot) => [slot, index])),
    );
    const freshByGroup = groups.map((): PendingEvent[] => []);
    for (const pending of fresh) freshByGroup[groupOfSlot.get(pending.slot) ?? 0]!.push(pending);

    let published = 0;
    for (const [index, group] of groups.entries()) {
      // Cleared before the read: an append during it dirties the slot again.
      for (const slot of group) this.dirtySlots.delete(slot);
      try {
        published += await this.publishSlots(group, freshByGroup[index]!);
      } catch (error) {
        // This group and the ones after it were not all published: the next attempt reads them
        // from the store, their events in memory included.
        for (const later of groups.slice(index))
          for (const slot of later) this.dirtySlots.add(slot);
        for (const later of freshByGroup.slice(index)) this.unfollow(later);
        throw error;
      }
    }
    return published;
  }

  /** Events left unpublished: their slots are read next time, and their posts no longer followed. */
  private unfollow(events: readonly PendingEvent[]): void {
    for (const { event, slot } of events) {
      this.dirtySlots.add(slot);
      this.queuedThrough.delete(event.aggregateId);
    }
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

  /**
   * Reads the slots and publishes what they hold together with `fresh`, each post's events in
   * version order (an event both read and in memory, once), then marks what was published.
   */
  private async publishSlots(
    slots: readonly number[],
    fresh: readonly PendingEvent[],
  ): Promise<number> {
    const read = (await Promise.all(slots.map((slot) => this.outbox.findUnpublished(slot)))).flat();
    const events = inPostOrder(read, fresh);
    let published = 0;
    for (let start = 0; start < events.length; start += CHUNK) {
      const chunk = events.slice(start, start + CHUNK);
      const outcome = await this.metrics.timePublish(() => this.sink.publish(chunk));
      await this.outbox.markPublished(outcome.published);
      published += outcome.published.length;
      this.refusals.report(outcome.refused, 'left in the outbox, retried at each sweep');
      // What the bus did not take stays in the store: its post is read from its slot from now
      // on. What it took is the latest of its post this relay knows published (each post's
      // published events are a prefix of what was sent, in order).
      const inChunk = new Set(chunk.map(({ eventId }) => eventId));
      const sent = new Set(outcome.published.map(({ eventId }) => eventId));
      this.unfollow(
        fresh.filter(({ event }) => inChunk.has(event.eventId) && !sent.has(event.eventId)),
      );
      for (const { aggregateId, version } of outcome.published) this.advance(aggregateId, version);
      // A slot read may return events appended after this pass took the memory's queue: they
      // are published now, not again by the next pass.
      this.appended = this.appended.filter(({ event }) => !sent.has(event.eventId));
    }
    return published;
  }
}

/**
 * The events read from slots and those queued in memory, each once (the read's copy, which is
 * the stored one), sorted by post and version: what the sink needs to keep each post in order.
 */
function inPostOrder(
  read: readonly StoredPostEventEnvelope[],
  fresh: readonly PendingEvent[],
): StoredPostEventEnvelope[] {
  const ids = new Set(read.map(({ eventId }) => eventId));
  const events = [
    ...read,
    ...fresh.map(({ event }) => event).filter(({ eventId }) => !ids.has(eventId)),
  ];
  return events.sort((a, b) =>
    a.aggregateId === b.aggregateId
      ? a.version - b.version
      : a.aggregateId < b.aggregateId
        ? -1
        : 1,
  );
}
