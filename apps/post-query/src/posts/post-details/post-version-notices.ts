import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import type { PostQueryEnvironment } from '../../config/post-query.environment';
import { ListeningConnection } from '../../database/listening-connection';

const CHANNEL = 'post_versions';
/** PostgreSQL takes payloads under 8,000 bytes; a notice of `<uuid>:<version>,` is about 45. */
const MAX_PAYLOAD = 7_000;

/**
 * Announces the versions a batch brought its posts to, as PostgreSQL notifications sent with
 * the batch's commit (NOTIFY is transactional: a rolled-back batch announces nothing).
 */
export async function announcePostVersions(
  manager: EntityManager,
  versions: Iterable<readonly [postId: string, version: number]>,
): Promise<void> {
  const payloads: string[] = [];
  let payload = '';
  for (const [postId, version] of versions) {
    const notice = `${postId}:${version}`;
    if (payload.length + notice.length + 1 > MAX_PAYLOAD) {
      payloads.push(payload);
      payload = '';
    }
    payload = payload === '' ? notice : `${payload},${notice}`;
  }
  if (payload !== '') payloads.push(payload);
  if (payloads.length === 0) return;
  await manager.query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload', [
    CHANNEL,
    payloads,
  ]);
}

interface Waiter {
  readonly minVersion: number;
  readonly wake: () => void;
}

/** A registered wait: `woken` resolves when the post may have reached the version. */
export interface VersionWait {
  readonly woken: Promise<void>;
  cancel(): void;
}

/**
 * Read-your-writes waits, woken by the projectors' commits rather than by polling: one
 * connection per instance LISTENs, and a notice wakes only the waits for that post at or below
 * its version, whichever instance projected it. Waiting costs the database nothing per waiter.
 * While the connection is down notices may be missed, so every wait is woken when it is back,
 * to look again.
 */
@Injectable()
export class PostVersionNotices implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PostVersionNotices.name);
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly connection: ListeningConnection;

  constructor(config: ConfigService<PostQueryEnvironment, true>) {
    this.connection = new ListeningConnection({
      databaseUrl: config.get('DATABASE_URL', { infer: true }),
      timeoutMs: config.get('DATABASE_TIMEOUT_MS', { infer: true }),
      channel: CHANNEL,
      what: 'post versions',
      logger: this.logger,
      onNotice: (payload) => this.onNotice(payload),
      onListening: () => this.wakeAll(),
    });
  }

  onApplicationBootstrap(): void {
    this.connection.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.connection.stop();
  }

  /**
   * Registers a wait for the post to reach `minVersion`. Register before reading the row, so
   * that a commit between the read and the wait still wakes it.
   */
  waitFor(postId: string, minVersion: number): VersionWait {
    let wake = () => {};
    const woken = new Promise<void>((resolve) => (wake = resolve));
    const waiter: Waiter = { minVersion, wake };
    const waiters = this.waiters.get(postId) ?? new Set();
    waiters.add(waiter);
    this.waiters.set(postId, waiters);
    return {
      woken,
      cancel: () => {
        waiters.delete(waiter);
        if (waiters.size === 0 && this.waiters.get(postId) === waiters) this.waiters.delete(postId);
      },
    };
  }

  private onNotice(payload: string | undefined): void {
    if (payload === undefined) return;
    for (const notice of payload.split(',')) {
      const [postId, version] = notice.split(':');
      const waiters = this.waiters.get(postId!);
      if (!waiters) continue;
      for (const waiter of waiters) if (waiter.minVersion <= Number(version)) waiter.wake();
    }
  }

  private wakeAll(): void {
    for (const waiters of this.waiters.values()) for (const waiter of waiters) waiter.wake();
  }
}
