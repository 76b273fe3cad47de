import { WakeableSleep } from './wakeable-sleep';

/** Where a loop says that it failed, and that it works again. */
export interface LoopLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface WorkLoopOptions {
  /** What the loop does, for its log lines: `publishing failed (...); retrying in 400 ms`. */
  readonly activity: string;
  readonly logger: LoopLogger;
  /** How long it waits, when a pass found nothing more to do, unless woken first. */
  readonly idleMs: number;
  /** The longest wait after failures; they double from 200 ms up to it. */
  readonly maxBackoffMs?: number;
}

/**
 * A background loop of passes, as the relay and the republisher run: a pass that reports more
 * work goes again at once; one that does not waits `idleMs`, or until `wake()` (new work). A
 * failed pass is retried after an exponential back-off, bounded, that new work does not cut
 * short (it would hammer a server that is down), but `stop()` does: a shutdown never waits
 * out a back-off. `stop()` resolves once the pass under way has finished.
 */
export class WorkLoop {
  private readonly sleep = new WakeableSleep();
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private woken = false;
  private backingOff = false;

  constructor(
    private readonly options: WorkLoopOptions,
    /** One pass; resolves to true when more work may be waiting. */
    private readonly pass: () => Promise<boolean>,
  ) {}

  get stopping(): boolean {
    return this.stopped;
  }

  start(): void {
    this.running = this.run();
  }

  /** New work: a pass starts at once, or as soon as the one under way ends. */
  wake(): void {
    this.woken = true;
    if (!this.backingOff) this.sleep.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.sleep.wake();
    await this.running;
  }

  private async run(): Promise<void> {
    const { activity, logger, idleMs, maxBackoffMs = 5_000 } = this.options;
    let failures = 0;
    while (!this.stopped) {
      this.woken = false;
      try {
        const more = await this.pass();
        if (failures > 0) logger.log(`${activity} again`);
        failures = 0;
        if (!more && !this.woken) await this.pause(idleMs);
      } catch (error) {
        failures++;
        const delay = Math.min(maxBackoffMs, 100 * 2 ** failures);
        logger.warn(`${activity} failed (${String(error)}); retrying in ${delay} ms`);
        this.backingOff = true;
        await this.pause(delay);
        this.backingOff = false;
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return this.stopped ? Promise.resolve() : this.sleep.sleep(ms);
  }
}
