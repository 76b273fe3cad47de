import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MongoClient, type CommandFailedEvent, type CommandSucceededEvent, type Db } from 'mongodb';
import type { PostCmdEnvironment } from '../config/post-cmd.environment';

/**
 * The MongoDB client, connected before the app starts serving and closed after it stops.
 * Every call through `db` is bounded by MONGO_TIMEOUT_MS: finding a server, connecting, waiting
 * for a pooled connection, and each wait for the server's answer (a server that hangs with its
 * connections open would otherwise hold a request for ever). The caller sees the driver's
 * error, which the store reports as unavailable: a 503.
 */
@Injectable()
export class MongoConnection implements OnApplicationShutdown {
  private readonly client: MongoClient;
  private readonly url: string;
  private readonly databaseName: string;
  readonly db: Db;

  constructor(config: ConfigService<PostCmdEnvironment, true>) {
    const timeoutMs = config.get('MONGO_TIMEOUT_MS', { infer: true });
    this.url = config.get('MONGO_URL', { infer: true });
    this.databaseName = config.get('MONGO_DATABASE', { infer: true });
    this.client = new MongoClient(this.url, {
      serverSelectionTimeoutMS: timeoutMs,
      connectTimeoutMS: timeoutMs,
      waitQueueTimeoutMS: timeoutMs,
      socketTimeoutMS: timeoutMs,
      monitorCommands: true,
      // An append is acknowledged once a majority of a replica set's members have it in their
      // journal: a 201 survives the primary's failure (docs/10-scaling-out.md).
      writeConcern: { w: 'majority', journal: true },
    });
    this.db = this.client.db(this.databaseName);
  }

  /** Tells `observer` of every command the client got an answer to (or a failure), and its time. */
  onCommandAnswered(
    observer: (answer: { command: string; seconds: number; ok: boolean }) => void,
  ): void {
    const report = (ok: boolean) => (event: CommandSucceededEvent | CommandFailedEvent) =>
      observer({ command: event.commandName, seconds: event.duration / 1000, ok });
    this.client.on('commandSucceeded', report(true));
    this.client.on('commandFailed', report(false));
  }

  /**
   * Runs schema work (creating indexes, upgrading stored documents), which may take minutes on
   * a large store, on a client of its own without the answer bound.
   */
  async withoutAnswerBound<T>(work: (db: Db) => Promise<T>): Promise<T> {
    const client = new MongoClient(this.url, { serverSelectionTimeoutMS: 5_000 });
    try {
      return await work(client.db(this.databaseName));
    } finally {
      await client.close();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
