import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import type { HttpEdgeEnvironment } from '../access/http-edge.environment';

/**
 * A shutdown on SIGTERM or SIGINT, in Nest's order of hooks: this turns readiness red and waits
 * SHUTDOWN_DRAIN_MS, so that load balancers stop sending requests first; Nest stops the relay and
 * the consumer (each finishing its batch); this stops taking connections and waits until every
 * request taken has its answer written out; Nest closes the HTTP server and last the database and
 * Kafka clients. SHUTDOWN_TIMEOUT_MS bounds it all.
 *
 * Why not leave the HTTP part to Nest: `server.close()` destroys the connections Node deems idle,
 * and Node deems a keep-alive connection idle once its request is read and its response ended,
 * even while that response is still being written: a request carried out could lose its answer
 * (the SIGTERM test under load saw it).
 */
@Injectable()
export class GracefulShutdown
  implements
    OnApplicationBootstrap,
    OnModuleDestroy,
    BeforeApplicationShutdown,
    OnApplicationShutdown
{
  private readonly logger = new Logger(GracefulShutdown.name);
  private readonly drainMs: number;
  private readonly timeoutMs: number;
  private shuttingDown = false;
  /** Set by SIGTERM or SIGINT: an app closed by its own code (a test) neither drains nor exits. */
  private signalled = false;
  private deadline: NodeJS.Timeout | undefined;
  /** Requests taken whose answer is not yet written out. */
  private inFlight = 0;
  private closing = false;
  private readonly onSignal = () => {
    this.signalled = true;
  };

  constructor(
    config: ConfigService<HttpEdgeEnvironment, true>,
    private readonly adapterHost: HttpAdapterHost,
  ) {
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

  /** Counts requests in flight; once closing, tells clients not to reuse the connection. */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    this.inFlight++;
    response.once('close', () => this.inFlight--);
    if (this.closing) response.setHeader('Connection', 'close');
    next();
  };

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.signalled) return;
    this.closing = true;
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    // Stops listening without destroying any connection (net's close, not http's).
    NetServer.prototype.close.call(server);
    while (this.inFlight > 0) await delay(10);
  }

  onApplicationShutdown(): void {
    clearTimeout(this.deadline);
    process.off('SIGTERM', this.onSignal).off('SIGINT', this.onSignal);
  }
}
