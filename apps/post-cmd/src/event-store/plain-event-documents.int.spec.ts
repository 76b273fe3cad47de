import { randomUUID } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { ClaimTaken } from '@social-posts/event-sourcing';
import { sealEvent, unsealEvents } from '@social-posts/personal-data';
import type { PostEventEnvelope } from '@social-posts/post-events';
import { validateEnvironment } from '@social-posts/service-runtime';
import { envelope, postCreatedEnvelope } from '@test/support/post-event-fixtures';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { PostCmdEnvironment } from '../config/post-cmd.environment';
import { MongoPersonKeyStore } from '../personal-data/mongo-person-key-store';
import { PersonKeys } from '../personal-data/person-keys';
import { eventDocumentsIn, toEventDocument } from './event-document';
import { MongoConnection } from './mongo-connection';
import { MongoEventStore } from './mongo-event-store';
import { sealPlainEventDocuments } from './plain-event-documents';

const AT = '2026-11-25T10:00:00.000Z';
/** Words only this spec writes: found anywhere in the store, they were left readable. */
const SECRET = `secret-${randomUUID()}`;

describe('sealing the events stored before personal data was sealed (against the real MongoDB-compatible server)', () => {
  let environment: IsolatedEnvironment;
  let connection: MongoConnection;
  let store: MongoEventStore;
  let keys: PersonKeys;
  const postId = randomUUID();
  const commentId = randomUUID();

  /** A post's history as the previous version stored it: plain, schema versions 1 and 2. */
  const history: PostEventEnvelope[] = [
    {
      ...postCreatedEnvelope(postId),
      schemaVersion: 1,
      data: { postId, author: `ada-${SECRET}`, message: `Hello ${SECRET}`, datePosted: AT },
    } as unknown as PostEventEnvelope,
    envelope(postId, 2, 'PostMessageEdited', {
      postId,
      message: `Edited ${SECRET} #draft`,
      tags: ['draft'],
      editedAt: AT,
    }),
    envelope(postId, 3, 'PostLiked', { postId, username: `grace-${SECRET}`, likedAt: AT }),
    envelope(postId, 4, 'CommentAdded', {
      postId,
      commentId,
      username: `linus-${SECRET}`,
      comment: `Nice ${SECRET}`,
      commentDate: AT,
    }),
    envelope(postId, 5, 'CommentEdited', {
      postId,
      commentId,
      comment: `Nicer ${SECRET}`,
      editedAt: AT,
    }),
    envelope(postId, 6, 'CommentRemoved', { postId, commentId }),
    envelope(postId, 7, 'PostRemoved', { postId, username: `ada-${SECRET}`, removedAt: AT }),
  ];

  const documents = () =>
    eventDocumentsIn(connection.db).find({ aggregateId: postId }).sort({ version: 1 }).toArray();

  beforeAll(async () => {
    environment = await isolatedEnvironment('seal_plain_events');
    const config = new ConfigService<PostCmdEnvironment, true>(
      validateEnvironment(PostCmdEnvironment)({ ...process.env, ...environment.variables }),
    );
    connection = new MongoConnection(config);
    store = new MongoEventStore(connection);
    await store.onModuleInit();
    const keyStore = new MongoPersonKeyStore(connection, config);
    await keyStore.onModuleInit();
    keys = new PersonKeys(keyStore, config);
    // As the previous version wrote them: plain, the like's claim by name, the first published.
    await eventDocumentsIn(connection.db).insertMany(
      history.map((event) => {
        const claim = event.eventType === 'PostLiked' ? `liked-by:grace-${SECRET}` : undefined;
        const { outbox, ...document } = toEventDocument(event, { claim });
        return event.version === 1
          ? { ...document, publishedAt: new Date(AT) }
          : { ...document, outbox };
      }),
    );
    await connection.db.collection('snapshots').insertOne({
      _id: postId as never,
      version: 7,
      stateVersion: 2,
      state: { status: 'Removed', author: `ada-${SECRET}`, message: `Edited ${SECRET}` },
    });
  });

  afterAll(async () => {
    await connection?.onApplicationShutdown();
    await environment?.cleanup();
  });

  it('given a plain history, seals every personal field, keeping ids, versions, order and publishing state', async () => {
    const before = await documents();

    expect(await sealPlainEventDocuments(connection.db, keys)).toBe(6);

    const after = await documents();
    expect(JSON.stringify(after)).not.toContain(SECRET);
    expect(after.map(({ _id, version }) => [_id, version])).toEqual(
      before.map(({ _id, version }) => [_id, version]),
    );
    expect(after.map(({ publishedAt, outbox }) => [publishedAt, outbox])).toEqual(
      before.map(({ publishedAt, outbox }) => [publishedAt, outbox]),
    );
    expect(after.map(({ personalData }) => personalData)).toEqual([
      'sealed',
      'sealed',
      'sealed',
      'sealed',
      'sealed',
      undefined, // a removed comment holds nobody's data, nor says who removed it
      'sealed',
    ]);
    expect(
      await connection.db.collection('snapshots').countDocuments({ _id: postId as never }),
    ).toBe(0);
  });

  it('seals each event with the key of the person who caused it, and reads back what was stored', async () => {
    const after = await documents();
    const keyIdOf = async (name: string) => (await keys.keyIdOf(`${name}-${SECRET}`))!;

    expect(after.map(({ person }) => person)).toEqual([
      await keyIdOf('ada'),
      await keyIdOf('ada'),
      await keyIdOf('grace'),
      await keyIdOf('linus'),
      await keyIdOf('linus'),
      undefined,
      await keyIdOf('ada'),
    ]);
    const opened = await unsealEvents(await store.readStream(postId), keys.lookup);
    expect(opened.map(({ data }) => data)).toEqual([
      { postId, author: `ada-${SECRET}`, message: `Hello ${SECRET}`, tags: [], datePosted: AT },
      ...history.slice(1).map(({ data }) => data),
    ]);
  });

  it('moves the like’s claim to the liker’s key id: a second like of theirs is still refused', async () => {
    const grace = await keys.keyFor(`grace-${SECRET}`);
    const again = sealEvent(
      envelope(postId, 8, 'PostLiked', { postId, username: `grace-${SECRET}`, likedAt: AT }),
      grace,
    );

    await expect(store.append(again, { claim: `liked-by:${grace.keyId}` })).rejects.toBeInstanceOf(
      ClaimTaken,
    );
  });

  it('is done once per store: another start changes nothing', async () => {
    const sealed = await documents();

    expect(await sealPlainEventDocuments(connection.db, keys)).toBe(0);
    expect(await documents()).toEqual(sealed);
  });
});
