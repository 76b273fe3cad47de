import type { Logger } from '@nestjs/common';
import { Client } from 'pg';

const RECONNECT_DELAY_MS = 1_000;

export interface ListeningOptions {
  readonly databaseUrl: string;
  readonly timeoutMs: number;
  readonly channel: string;
  /** Says, as `cannot listen for <what>`, when the connection cannot be made. */
  readonly what: string;
  readonly logger: Logger;
  readonly onNotice: (payload: string | undefined) => void;
  /** Listening (again): notices sent while no connection listened are lost, look again. */
  readonly onListening: () => void;
}

/**
 * One PostgreSQL connection that LISTENs on a channel, made again whenever it drops, until
 * stopped. Every error is handled (an unhandled 'error' event would end the process).
 */
export class ListeningConnection {
  private client: Client | undefined;
  private stopped = false;

  constructor(private readonly options: ListeningOptions) {}

  start(): void {
    void this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  private async run(): Promise<void> {
    const { databaseUrl, timeoutMs, channel, what, logger, onNotice, onListening } = this.options;
    while (!this.stopped) {
      const client = new Client({
        connectionString: databaseUrl,
        connectionTimeoutMillis: timeoutMs,
        keepAlive: true,
      });
      const closed = new Promise<void>((resolve) => {
        client.on('error', () => resolve());
        client.on('end', () => resolve());
      });
      try {
        await client.connect();
        client.on('notification', ({ payload }) => onNotice(payload));
        await client.query(`LISTEN ${channel}`);
        this.client = client;
        onListening();
        await closed;
      } catch (error) {
        if (!this.stopped) logger.warn(`cannot listen for ${what} (${String(error)})`);
      } finally {
        this.client = undefined;
        await client.end().catch(() => undefined);
      }
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS));
    }
  }
}
