import { setTimeout as delay } from 'node:timers/promises';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { HttpEdgeEnvironment } from '../access/http-edge.environment';

/**
 * The first step of a shutdown. Nest then stops the relay and the consumer (each finishing its
 * batch), closes the HTTP server (which finishes the requests in flight and takes no new ones)
 * and last closes the database and Kafka clients. This step turns readiness red and waits
 * SHUTDOWN_DRAIN_MS, so that load balancers stop sending requests before the server stops
 * taking them; and it bounds the whole shutdown by SHUTDOWN_TIMEOUT_MS.
 */
@Injectable()
export class GracefulShutdown
  implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown
{
  private readonly logger = new Logger(GracefulShutdown.name);
  private readonly drainMs: number;
  private readonly timeoutMs: number;
  private shuttingDown = false;
  /** Set by SIGTERM or SIGINT: an app closed by its own code (a test) neither drains nor exits. */
  private signalled = false;
  private deadline: NodeJS.Timeout | undefined;
  private readonly onSignal = () => {
    this.signalled = true;
  };

  constructor(config: ConfigService<HttpEdgeEnvironment, true>) {
    this.drainMs = config.get('SHUTDOWN_DRAIN_MS', { infer: true });
    this.timeoutMs = config.get('SHUTDOWN_TIMEOUT_MS', { infer: true });
  }

  /** True from the start of a shutdown: readiness answers 503 from then on. */
  get draining(): boolean {
    return this.shuttingDown;
  }

  /** Nest's own signal handlers (enableShutdownHooks) were added before: they run first. */
  onApplicationBootstrap(): void {
    process.once('SIGTERM', this.onSignal).once('SIGINT', this.onSignal);
  }

  async onModuleDestroy(): Promise<void> {
    this.shuttingDown = true;
    if (!this.signalled) return;
    this.deadline = setTimeout(() => {
      this.logger.error(`shutdown took longer than ${this.timeoutMs} ms: exiting now`);
      process.exit(1);
    }, this.timeoutMs).unref();
    if (this.drainMs === 0) return;
    this.logger.log(`shutting down: not ready, taking requests for ${this.drainMs} ms more`);
    await delay(this.drainMs);
  }

  onApplicationShutdown(): void {
    clearTimeout(this.deadline);
    process.off('SIGTERM', this.onSignal).off('SIGINT', this.onSignal);
  }
}
