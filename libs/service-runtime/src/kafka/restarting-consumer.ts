import { setTimeout as delay } from 'node:timers/promises';
import type { Consumer, ConsumerConfig, Kafka } from 'kafkajs';

export interface RestartingConsumerOptions {
  /** The consumer's settings; its `retry.restartOnFailure` is this class's to set. */
  readonly config: ConsumerConfig;
  /** Subscribes and runs the (connected) consumer: at the start and after each crash. */
  readonly run: (consumer: Consumer) => Promise<void>;
  /** The pause before a restart, and between restarts that fail. */
  readonly restartDelayMs?: number;
  /** Told when a restart fails before the consumer runs (Kafka still gone); it is tried again. */
  readonly onRestartFailed?: (error: unknown) => void;
}

/**
 * A kafkajs consumer that starts again after any crash (Kafka gone, a broker killed) and can be
 * stopped at any moment. kafkajs's own restart cannot: a `disconnect` while the restarted
 * consumer is still joining its group returns at once (its runner is not running yet, kafkajs
 * 2.2.4), forgets that runner, and the runner then fetches and heartbeats on after disconnect,
 * keeping a process alive that should end. Restarting here lets `stop` wait for a restart in
 * flight. Unlike kafkajs, a crash on an error it calls non-retriable is restarted too: the
 * first group on a new broker meets one (its group coordinator is not found while the broker
 * still creates its offsets topic), and a consumer that never comes back helps nobody.
 */
export class RestartingConsumer {
  readonly consumer: Consumer;
  private readonly stopping = new AbortController();
  private restarting: Promise<void> = Promise.resolve();

  constructor(
    kafka: Kafka,
    private readonly options: RestartingConsumerOptions,
  ) {
    const { config } = options;
    this.consumer = kafka.consumer({
      ...config,
      // kafkajs's own restart is off; every crash, once kafkajs has stopped the consumer, says so.
      retry: { ...config.retry, restartOnFailure: () => Promise.resolve(false) },
    });
    this.consumer.on(this.consumer.events.CRASH, () => {
      if (!this.stopping.signal.aborted) this.restarting = this.restart();
    });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.options.run(this.consumer);
  }

  /** Disconnects, after any restart in flight has joined or failed. */
  async stop(): Promise<void> {
    this.stopping.abort();
    let awaited: Promise<void> | undefined;
    while (awaited !== this.restarting) {
      awaited = this.restarting;
      await awaited;
    }
    await this.consumer.disconnect();
  }

  private async restart(): Promise<void> {
    const { signal } = this.stopping;
    while (!signal.aborted) {
      try {
        await delay(this.options.restartDelayMs ?? 1_000, undefined, { signal });
        await this.start();
        // Joined, or crashed while joining, and then the crash has started the next restart.
        return;
      } catch (error) {
        if (!signal.aborted) this.options.onRestartFailed?.(error);
      }
    }
  }
}
