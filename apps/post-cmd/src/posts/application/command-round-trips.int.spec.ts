import { randomUUID } from 'node:crypto';
import type { CommandStartedEvent } from 'mongodb';
import { request, type RequestOptions } from '@test/support/http';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { postCreatedEnvelope } from '@test/support/post-event-fixtures';
import { startPostCmd, type RunningService } from '@test/support/services';
import { MongoConnection } from '../../event-store/mongo-connection';
import { MongoEventStore } from '../../event-store/mongo-event-store';

/** A store call on the command's path: the command and collection (`find snapshots`). */
type StoreCall = string;

/** The relay's reads and marks go by the outbox slot: publishing, not the command's own path. */
const isRelayCall = ({ command }: CommandStartedEvent): boolean => {
  const filter = (command.filter ?? (command.updates as { q?: object }[] | undefined)?.[0]?.q) as
    Record<string, unknown> | undefined;
  return filter !== undefined && 'outbox' in filter;
};

const DATA_COMMANDS = new Set([
  'find',
  'insert',
  'update',
  'findAndModify',
  'delete',
  'aggregate',
  'count',
]);
/** What a command reads and writes (a republish's jobs are other work of the same process). */
const COMMAND_COLLECTIONS = new Set(['events', 'snapshots', 'person_keys']);

/**
 * What each command costs the event store in round trips, counted at the driver: a command on a
 * post this instance wrote last reads nothing (the state cache) and writes one insert; its
 * actor's key is read once, then kept (PERSON_KEY_CACHE_MS).
 */
describe('store round trips per command (post-cmd over HTTP, real event store)', () => {
  let environment: IsolatedEnvironment;
  let postCmd: RunningService;
  let calls: StoreCall[] = [];

  beforeAll(async () => {
    environment = await isolatedEnvironment('command_round_trips');
    environment.apply();
    postCmd = await startPostCmd();
    postCmd.app.get(MongoConnection).db.client.on('commandStarted', (event) => {
      const collection = String(event.command[event.commandName]);
      if (!DATA_COMMANDS.has(event.commandName) || !COMMAND_COLLECTIONS.has(collection)) return;
      if (!isRelayCall(event)) calls.push(`${event.commandName} ${collection}`);
    });
  });

  afterAll(async () => {
    await postCmd?.close();
    await environment?.cleanup();
  });

  /** Sends one command and answers the store calls made while it was carried out. */
  async function callsOf(method: string, path: string, options: Omit<RequestOptions, 'method'>) {
    calls = [];
    const response = await request<{ postId: string; commentId?: string }>(
      `${postCmd.api}${path}`,
      { method, ...options },
    );
    expect(response.status).toBeLessThan(300);
    return { calls: [...calls].sort(), body: response.body };
  }

  const createPost = (as = 'ada') => callsOf('POST', '/posts', { as, body: { message: 'Hello' } });

  it('makes a person’s key at their first command: one upsert more', async () => {
    const first = await createPost('newcomer');
    const second = await createPost('newcomer');

    expect(first.calls).toEqual(['findAndModify person_keys', 'insert events']);
    expect(second.calls).toEqual(['insert events']);
  });

  describe('once its actors have their keys', () => {
    beforeAll(async () => {
      for (const as of ['ada', 'grace', 'linus']) await createPost(as);
    });

    it('creates a post with one insert and no read', async () => {
      expect((await createPost()).calls).toEqual(['insert events']);
    });

    it('likes, comments and edits a comment on a post it wrote with one insert each', async () => {
      const { postId } = (await createPost()).body;

      const like = await callsOf('POST', `/posts/${postId}/likes`, { as: 'grace' });
      const comment = await callsOf('POST', `/posts/${postId}/comments`, {
        as: 'linus',
        body: { comment: 'Nice' },
      });
      const edit = await callsOf(
        'PATCH',
        `/posts/${postId}/comments/${comment.body.commentId ?? ''}`,
        { as: 'linus', body: { comment: 'Nicer' } },
      );

      expect([like.calls, comment.calls, edit.calls]).toEqual([
        ['insert events'],
        ['insert events'],
        ['insert events'],
      ]);
    });

    it('reads the snapshot and the stream once for a post another instance wrote', async () => {
      const written = postCreatedEnvelope(randomUUID());
      await postCmd.app.get(MongoEventStore).append(written);

      const like = await callsOf('POST', `/posts/${written.aggregateId}/likes`, { as: 'grace' });
      const again = await callsOf('POST', `/posts/${written.aggregateId}/likes`, { as: 'linus' });

      expect(like.calls).toEqual(['find events', 'find snapshots', 'insert events']);
      expect(again.calls).toEqual(['insert events']);
    });

    it('looks an Idempotency-Key up once before carrying the command out', async () => {
      const { postId } = (await createPost()).body;

      const like = await callsOf('POST', `/posts/${postId}/likes`, {
        as: 'grace',
        headers: { 'Idempotency-Key': randomUUID() },
      });

      expect(like.calls).toEqual(['find events', 'insert events']);
    });
  });
});
