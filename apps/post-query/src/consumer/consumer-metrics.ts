import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY, scrapeRead } from '@social-posts/service-runtime';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { HeldEvents } from '../projections/held-events';
import { ParkedPosts } from './parked-posts';

/**
 * What the consumer does, for Prometheus: each batch's size and time to project, how far each
 * partition it consumes is behind, dead letters sent, and, read at each scrape, the posts parked
 * and the events held for a gap.
 */
@Injectable()
export class ConsumerMetrics {
  private readonly batchEvents: Histogram;
  private readonly batchDuration: Histogram;
  private readonly lag: Gauge<'partition'>;
  private readonly deadLetters: Counter;

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    parkedPosts: ParkedPosts,
    heldEvents: HeldEvents,
  ) {
    const registers = [registry];
    this.batchEvents = new Histogram({
      name: 'projection_batch_events',
      help: 'Messages per batch the consumer projected.',
      buckets: [1, 10, 50, 100, 500, 1000, 5000, 10000],
      registers,
    });
    this.batchDuration = new Histogram({
      name: 'projection_batch_duration_seconds',
      help: 'Time to handle a batch: dead letters, the projection transaction and the commit.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.lag = new Gauge({
      name: 'consumer_lag_messages',
      help: 'Messages of a partition after the last batch this instance projected from it.',
      labelNames: ['partition'],
      registers,
    });
    this.deadLetters = new Counter({
      name: 'dead_letters_total',
      help: 'Messages sent to the dead-letter topic (unreadable, refused, or of a parked post).',
      registers,
    });
    const parked = scrapeRead(() => parkedPosts.count());
    const held = scrapeRead(() => heldEvents.count());
    new Gauge({
      name: 'parked_posts',
      help: 'Posts parked: their messages go to dead letters until an operator releases them.',
      registers,
      async collect() {
        this.set((await parked()) ?? NaN);
      },
    });
    new Gauge({
      name: 'held_events',
      help: 'Events held for a gap in their post’s versions.',
      registers,
      async collect() {
        this.set((await held()) ?? NaN);
      },
    });
  }

  /** Starts timing a batch of `messages`; the returned function records it and the lag left. */
  startBatch(messages: number): (partition: number, lag: string) => void {
    const end = this.batchDuration.startTimer();
    return (partition, lag) => {
      end();
      this.batchEvents.observe(messages);
      this.lag.set({ partition: String(partition) }, Number(lag));
    };
  }

  deadLettered(count: number): void {
    this.deadLetters.inc(count);
  }
}
