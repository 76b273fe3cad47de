import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { METRICS_REGISTRY, type WithResponseHeaders } from '@social-posts/service-runtime';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { PostCmdEnvironment } from '../../config/post-cmd.environment';

/** Seconds a refused client is asked to wait: about what a queue of commands takes to drain. */
const RETRY_AFTER_SECONDS = 1;

/** This instance is carrying out as many commands as it may, and none finished in time. */
export class CommandsOverloaded extends Error implements WithResponseHeaders {
  readonly responseHeaders = { 'Retry-After': String(RETRY_AFTER_SECONDS) };

  constructor(waitedMs: number) {
    super(
      `The service is at capacity: the command could not start within ${waitedMs} ms and was ` +
        `not carried out. Retry after ${RETRY_AFTER_SECONDS} s.`,
    );
    this.name = 'CommandsOverloaded';
  }
}

interface Waiter {
  readonly start: () => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * At most COMMANDS_IN_FLIGHT commands at once; the next ones wait their turn in arrival order
 * for COMMAND_QUEUE_WAIT_MS at most, then are refused. Past saturation a queue only adds
 * latency to every command it holds: refusing quickly keeps the accepted commands' latency
 * bounded and tells clients (Retry-After) when to come back.
 */
@Injectable()
export class CommandAdmission {
  private readonly limit: number;
  private readonly waitMs: number;
  private running = 0;
  /** A Set keeps arrival order and lets a waiter whose time ran out leave from anywhere. */
  private readonly waiting = new Set<Waiter>();
  private readonly refusals: Counter;

  constructor(
    config: ConfigService<PostCmdEnvironment, true>,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.limit = config.get('COMMANDS_IN_FLIGHT', { infer: true });
    this.waitMs = config.get('COMMAND_QUEUE_WAIT_MS', { infer: true });
    this.refusals = new Counter({
      name: 'post_commands_refused_total',
      help: 'Commands refused with a 503 because the instance was at COMMANDS_IN_FLIGHT for COMMAND_QUEUE_WAIT_MS.',
      registers: [registry],
    });
    const inFlight = () => this.running;
    const waiting = () => this.waiting.size;
    new Gauge({
      name: 'post_commands_in_flight',
      help: 'Commands being carried out (at most COMMANDS_IN_FLIGHT).',
      registers: [registry],
      collect() {
        this.set(inFlight());
      },
    });
    new Gauge({
      name: 'post_commands_waiting',
      help: 'Commands waiting for one in flight to finish.',
      registers: [registry],
      collect() {
        this.set(waiting());
      },
    });
  }

  /** Runs `work` when a place is free, or throws CommandsOverloaded if none frees in time. */
  async admit<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) this.running++;
    else await this.place();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  /** Resolves when a finishing command hands its place over. */
  private place(): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        start: resolve,
        timer: setTimeout(() => {
          this.waiting.delete(waiter);
          this.refusals.inc();
          reject(new CommandsOverloaded(this.waitMs));
        }, this.waitMs),
      };
      this.waiting.add(waiter);
    });
  }

  private release(): void {
    const [next] = this.waiting;
    if (next === undefined) {
      this.running--;
      return;
    }
    this.waiting.delete(next);
    clearTimeout(next.timer);
    next.start();
  }
}
