import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { METRICS_REGISTRY, WorkLoop } from '@social-posts/service-runtime';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { PostQueryEnvironment } from '../config/post-query.environment';
import { ListeningConnection } from '../database/listening-connection';
import { POST_CHANGES_CHANNEL } from '../posts/post-feed/post-feed.projection';
import { PostChangeLog, matches, type ChangeFilter, type PostChange } from './post-change-log';

/** Changes kept in memory for the clients that are up to date: the rest read the log. */
const TAIL = 10_000;
/** Rows per read of the log. */
const PAGE = 500;
/** Looked at even without a notice: a notice sent while no connection listened is lost. */
const POLL_MS = 1_000;

/** A connected client, as the feed sees it (live/sse-client.ts writes the stream). */
export interface FeedClient {
  readonly filter: ChangeFilter;
  /** Sends a change; false when the client's buffer is full (wait for `drained`). */
  send(change: PostChange): boolean;
  /** Resolves true once the buffer has room again, false if it has not within `timeoutMs`. */
  drained(timeoutMs: number): Promise<boolean>;
  heartbeat(): void;
  /** Says it must start over (its position is older than the log keeps). */
  reset(head: string): void;
  /**
   * Ends the stream (cuts the connection of a client whose buffer stayed full): the client
   * reconnects after its retry delay, from its last id.
   */
  close(stalled: boolean): void;
}

interface Subscriber {
  readonly client: FeedClient;
  cursor: bigint;
  pumping: boolean;
  closed: boolean;
}

export type DropReason = 'slow' | 'shutdown';

/**
 * The change feed of one post-query instance: it follows the change log (woken by the
 * projectors' commits through LISTEN, on every instance, and every second in case a notice was
 * lost), keeps its newest changes in memory, and sends each client the changes after its
 * position that match its filter, in order. A client behind the memory reads the log itself,
 * page by page, then joins. A client whose buffer is full gets nothing more until it drains, so
 * the instance holds at most one socket buffer per client; one that has not drained within
 * LIVE_CLIENT_STALL_MS is dropped: it reconnects from its last id, and misses nothing.
 */
@Injectable()
export class PostChangeFeed
  implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown
{
  private readonly logger = new Logger(PostChangeFeed.name);
  private readonly subscribers = new Set<Subscriber>();
  private tail: PostChange[] = [];
  /** Every change after this position up to `read` is in `tail`. */
  private tailFrom = 0n;
  private read = 0n;
  /** One per instance; each notice (a batch committed) wakes the loop. */
  private readonly listening: ListeningConnection;
  private heartbeats: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly loop = new WorkLoop(
    { activity: 'following the change log', logger: this.logger, idleMs: POLL_MS },
    () => this.follow(),
  );
  private readonly sent: Counter;
  private readonly dropped: Counter<'reason'>;
  readonly maxClients: number;
  private readonly heartbeatMs: number;
  private readonly stallMs: number;

  constructor(
    private readonly log: PostChangeLog,
    config: ConfigService<PostQueryEnvironment, true>,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.maxClients = config.get('LIVE_MAX_CONNECTIONS', { infer: true });
    this.heartbeatMs = config.get('LIVE_HEARTBEAT_MS', { infer: true });
    this.stallMs = config.get('LIVE_CLIENT_STALL_MS', { infer: true });
    this.listening = new ListeningConnection({
      databaseUrl: config.get('DATABASE_URL', { infer: true }),
      timeoutMs: config.get('DATABASE_TIMEOUT_MS', { infer: true }),
      channel: POST_CHANGES_CHANNEL,
      what: 'changes',
      logger: this.logger,
      onNotice: () => this.loop.wake(),
      onListening: () => this.loop.wake(),
    });
    const registers = [registry];
    const subscribers = this.subscribers;
    new Gauge({
      name: 'live_clients',
      help: 'Clients connected to the change feed on this instance.',
      registers,
      collect() {
        this.set(subscribers.size);
      },
    });
    this.sent = new Counter({
      name: 'live_changes_sent_total',
      help: 'Changes sent to change-feed clients (one per client per change).',
      registers,
    });
    this.dropped = new Counter({
      name: 'live_clients_dropped_total',
      help: 'Change-feed clients disconnected by the server: too slow, or shutting down.',
      labelNames: ['reason'],
      registers,
    });
  }

  get clients(): number {
    return this.subscribers.size;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { head } = await this.log.bounds();
    this.read = head;
    this.tailFrom = head;
    this.listening.start();
    this.loop.start();
    this.heartbeats = setInterval(() => {
      for (const { client } of this.subscribers) client.heartbeat();
    }, this.heartbeatMs);
  }

  /**
   * Closes every stream at the start of a shutdown (their requests would hold the HTTP drain
   * open): clients reconnect after their retry delay, to another instance while this one is
   * not ready, from their last id.
   */
  onModuleDestroy(): void {
    this.stopping = true;
    clearInterval(this.heartbeats);
    for (const subscriber of this.subscribers) this.drop(subscriber, 'shutdown');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    await this.listening.stop();
  }

  /**
   * Connects a client after `lastEventId` (the head when it gave none): the changes after that
   * position, then every new one. A position the log no longer keeps gets a `reset` first.
   */
  async join(client: FeedClient, lastEventId: bigint | undefined): Promise<() => void> {
    if (this.stopping) {
      client.close(false);
      return () => undefined;
    }
    const { head, trimmedThrough } = await this.log.bounds();
    let cursor = lastEventId ?? head;
    if (cursor > head || cursor < trimmedThrough) {
      client.reset(head.toString());
      cursor = head;
    }
    const subscriber: Subscriber = { client, cursor, pumping: false, closed: false };
    this.subscribers.add(subscriber);
    void this.pump(subscriber);
    return () => this.leave(subscriber);
  }

  private leave(subscriber: Subscriber): void {
    subscriber.closed = true;
    this.subscribers.delete(subscriber);
  }

  private drop(subscriber: Subscriber, reason: DropReason): void {
    if (subscriber.closed) return;
    this.leave(subscriber);
    this.dropped.inc({ reason });
    subscriber.client.close(reason === 'slow');
  }

  /** Reads what the log gained, then brings every client up to date. */
  private async follow(): Promise<boolean> {
    for (;;) {
      const changes = await this.log.after(this.read, PAGE);
      for (const change of changes) this.tail.push(change);
      if (changes.length > 0) this.read = BigInt(changes.at(-1)!.position);
      if (changes.length < PAGE) break;
    }
    if (this.tail.length > TAIL) {
      const gone = this.tail.splice(0, this.tail.length - TAIL);
      this.tailFrom = BigInt(gone.at(-1)!.position);
    }
    for (const subscriber of this.subscribers) void this.pump(subscriber);
    return false;
  }

  /** Sends a client what it has not had yet: from the log while it is behind the memory. */
  private async pump(subscriber: Subscriber): Promise<void> {
    if (subscriber.pumping) return;
    subscriber.pumping = true;
    try {
      while (!subscriber.closed && subscriber.cursor < this.read) {
        const fromLog = subscriber.cursor < this.tailFrom;
        const changes = fromLog
          ? await this.log.after(subscriber.cursor, PAGE, subscriber.client.filter)
          : this.tailAfter(subscriber.cursor);
        for (const change of changes) {
          if (!(await this.send(subscriber, change))) return;
        }
        // The log had nothing more of its filter before the memory: it reads on from there.
        if (fromLog && changes.length < PAGE && subscriber.cursor < this.tailFrom) {
          subscriber.cursor = this.tailFrom;
        }
      }
    } catch (error) {
      this.logger.warn(`a change-feed client could not be served (${String(error)})`);
      this.drop(subscriber, 'slow');
    } finally {
      subscriber.pumping = false;
    }
  }

  /** The changes in memory after `position` (a copy: the memory moves on meanwhile). */
  private tailAfter(position: bigint): PostChange[] {
    let index = this.tail.length;
    while (index > 0 && BigInt(this.tail[index - 1]!.position) > position) index--;
    return this.tail.slice(index);
  }

  /** False once the client is dropped: its buffer stayed full longer than LIVE_CLIENT_STALL_MS. */
  private async send(subscriber: Subscriber, change: PostChange): Promise<boolean> {
    subscriber.cursor = BigInt(change.position);
    if (!matches(change, subscriber.client.filter)) return true;
    this.sent.inc();
    if (subscriber.client.send(change)) return true;
    if (await subscriber.client.drained(this.stallMs)) return !subscriber.closed;
    this.drop(subscriber, 'slow');
    return false;
  }
}
