import { randomUUID } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import {
  ClaimTaken,
  IdempotencyKeyTaken,
  VersionConflict,
  type AppendOptions,
} from '@social-posts/event-sourcing';
import type { PostEventEnvelope } from '@social-posts/post-events';
import { validateEnvironment } from '@social-posts/service-runtime';
import { envelope, postCreatedEnvelope } from '@test/support/post-event-fixtures';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { PostCmdEnvironment } from '../config/post-cmd.environment';
import { MongoConnection } from './mongo-connection';
import { MongoEventStore } from './mongo-event-store';

/**
 * Group commit (grouped-inserts.ts): appends made while an insert is in flight share the next
 * insertMany, and each gets the answer it would have got alone.
 */
describe('appends grouped into one insert (against the real MongoDB-compatible server)', () => {
  let environment: IsolatedEnvironment;
  let connection: MongoConnection;
  let store: MongoEventStore;
  const inserts: number[] = [];

  beforeAll(async () => {
    environment = await isolatedEnvironment('grouped_appends');
    connection = new MongoConnection(
      new ConfigService<PostCmdEnvironment, true>(
        validateEnvironment(PostCmdEnvironment)({ ...process.env, ...environment.variables }),
      ),
    );
    store = new MongoEventStore(connection);
    await store.onModuleInit();
    connection.db.client.on('commandStarted', (event) => {
      if (event.commandName === 'insert') {
        inserts.push((event.command as { documents: unknown[] }).documents.length);
      }
    });
  });

  afterAll(async () => {
    await connection?.onApplicationShutdown();
    await environment?.cleanup();
  });

  const liked = (postId: string, version: number, username: string) =>
    envelope(postId, version, 'PostLiked', {
      postId,
      username,
      likedAt: '2026-12-03T10:00:00.000Z',
    });

  /** Each append's outcome: 'stored', or the error's class name. */
  const outcomesOf = (appends: readonly Promise<void>[]) =>
    Promise.all(
      appends.map((append) =>
        append.then(
          () => 'stored',
          (error: unknown) => (error instanceof Error ? error.constructor.name : String(error)),
        ),
      ),
    );

  /**
   * Starts `leader` alone, then the others while its insert is in flight: they form one group.
   * Resolves to the outcomes of the others, and the sizes of the inserts they were written in.
   */
  async function grouped(
    leader: PostEventEnvelope,
    others: readonly [PostEventEnvelope, AppendOptions?][],
  ): Promise<{ outcomes: string[]; insertSizes: number[] }> {
    inserts.length = 0;
    const first = store.append(leader);
    const outcomes = await outcomesOf(
      others.map(([event, options]) => store.append(event, options)),
    );
    await first;
    return { outcomes, insertSizes: [...inserts] };
  }

  it('writes appends made during an insert as one insert, every one stored', async () => {
    const posts = Array.from({ length: 5 }, () => postCreatedEnvelope(randomUUID()));

    const { outcomes, insertSizes } = await grouped(
      postCreatedEnvelope(randomUUID()),
      posts.map((event) => [event]),
    );

    expect(outcomes).toEqual(Array(5).fill('stored'));
    expect(insertSizes).toEqual([1, 5]);
    for (const event of posts) expect(await store.readStream(event.aggregateId)).toEqual([event]);
  });

  it('answers each append in a group as if alone: a taken version, a taken claim and a used Idempotency-Key among stored ones', async () => {
    const conflicted = randomUUID();
    const likedTwice = randomUUID();
    const keyed = randomUUID();
    const untouched = randomUUID();
    for (const postId of [conflicted, likedTwice, keyed, untouched]) {
      await store.append(postCreatedEnvelope(postId));
    }
    await store.append(liked(conflicted, 2, 'grace'));
    await store.append(liked(likedTwice, 2, 'grace'), { claim: 'liked-by:grace' });
    const key = { key: `ada:${randomUUID()}`, request: 'like' };
    await store.append(liked(keyed, 2, 'linus'), { idempotency: key });

    const { outcomes, insertSizes } = await grouped(postCreatedEnvelope(randomUUID()), [
      [liked(conflicted, 2, 'linus')],
      [liked(likedTwice, 3, 'grace'), { claim: 'liked-by:grace' }],
      [liked(keyed, 3, 'linus'), { idempotency: key }],
      [liked(untouched, 2, 'linus'), { claim: 'liked-by:linus' }],
    ]);

    expect(insertSizes).toEqual([1, 4]);
    expect(outcomes).toEqual([
      VersionConflict.name,
      ClaimTaken.name,
      IdempotencyKeyTaken.name,
      'stored',
    ]);
    expect((await store.readStream(untouched)).map((event) => event.version)).toEqual([1, 2]);
    expect((await store.readStream(likedTwice)).map((event) => event.version)).toEqual([1, 2]);
  });

  it('answers two appends of the same version in one group: one stored, the other a conflict', async () => {
    const postId = randomUUID();
    await store.append(postCreatedEnvelope(postId));
    const contenders = ['grace', 'linus'];

    const { outcomes } = await grouped(
      postCreatedEnvelope(randomUUID()),
      contenders.map((username) => [liked(postId, 2, username)]),
    );

    // An unordered insert may be applied in any order: which one wins is the server's choice.
    expect([...outcomes].sort()).toEqual(['stored', VersionConflict.name].sort());
    const winner = contenders[outcomes.indexOf('stored')];
    expect((await store.readStream(postId)).at(-1)?.data).toMatchObject({ username: winner });
  });
});
