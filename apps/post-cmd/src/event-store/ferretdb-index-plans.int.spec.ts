import { randomUUID } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { validateEnvironment } from '@social-posts/service-runtime';
import { MongoClient } from 'mongodb';
import { Client } from 'pg';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { controllableStack, type ControllableStack } from '@test/support/local-stack';
import { postCreatedEnvelope } from '@test/support/post-event-fixtures';
import { PostCmdEnvironment } from '../config/post-cmd.environment';
import {
  bucketOf,
  outboxSlotOf,
  streamPageOf,
  toEventDocument,
  type EventDocument,
} from './event-document';
import { MongoConnection } from './mongo-connection';
import { MongoEventStore } from './mongo-event-store';

/**
 * The statement FerretDB 1.24 sends for a find with one top-level equality (its
 * internal/backends/postgresql/query.go, and seen in PostgreSQL's statement log): prepared,
 * with the field name and the value as parameters.
 */
const ferretDbFind = (table: string) =>
  `PREPARE find_by(text, jsonb) AS SELECT _jsonb FROM ${table} WHERE _jsonb->$1 @> $2`;

describe('event store queries on FerretDB use PostgreSQL indexes', () => {
  let servers: ControllableStack;
  let environment: IsolatedEnvironment;
  let connection: MongoConnection;
  let postgres: Client;
  const postId = randomUUID();

  beforeAll(async () => {
    // Reads the plans of the PostgreSQL that FerretDB stores in: the local stack's, or a private one.
    servers = await controllableStack();
    environment = await isolatedEnvironment('index_plans');
    connection = new MongoConnection(
      new ConfigService<PostCmdEnvironment, true>(
        validateEnvironment(PostCmdEnvironment)({ ...process.env, ...environment.variables }),
      ),
    );
    // The store's own indexes, made as at start-up: the GIN twins come from the event trigger.
    await new MongoEventStore(connection).onModuleInit();
    const events = Array.from({ length: 3_000 }, (_, n) =>
      postCreatedEnvelope(n < 100 ? postId : randomUUID(), { version: n < 100 ? n + 1 : 1 }),
    );
    const mongo = await MongoClient.connect(process.env.MONGO_URL!);
    await mongo
      .db(environment.variables.MONGO_DATABASE)
      .collection<EventDocument>('events')
      .insertMany(
        events.map((event, n) =>
          toEventDocument(event, {
            claim: `claim-${n}`,
            entity: `comment:${n}`,
            idempotency: { key: `key-${n}`, request: 'request' },
          }),
        ),
      );
    await mongo.close();

    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = '/ferretdb';
    postgres = new Client({ connectionString: url.toString() });
    await postgres.connect();
    const schema = environment.variables.MONGO_DATABASE!;
    const { rows } = await postgres.query<{ table: string }>(
      `SELECT _jsonb->>'table' AS table FROM "${schema}"._ferretdb_database_metadata
        WHERE _jsonb->>'_id' = 'events'`,
    );
    const table = `"${schema}"."${rows[0]!.table}"`;
    await postgres.query(`ANALYZE ${table}`);
    await postgres.query(ferretDbFind(table));
  }, 600_000);

  afterAll(async () => {
    await postgres?.end();
    await connection?.onApplicationShutdown();
    await environment?.cleanup();
    await servers?.release();
  });

  const planOf = async (field: string, value: unknown): Promise<string> => {
    const { rows } = await postgres.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN EXECUTE find_by('${field}', '${JSON.stringify(value)}')`,
    );
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  };

  it.each([
    ['a load: one page of a stream', 'streamPage', () => streamPageOf(postId, 1)],
    ['the relay: one outbox slot', 'outbox', () => outboxSlotOf(postId)],
    ['a republish: one bucket', 'bucket', () => bucketOf(postId)],
    ['a like: its claim', 'claim', () => `${postId}:claim-7`],
    ['a comment command: its comment', 'entity', () => `${postId}:comment:7`],
    ['a command with an Idempotency-Key: its key', 'idempotencyKey', () => 'key-7'],
    ['an update, a snapshot or a job: one _id', '_id', () => randomUUID()],
    ['the history: one stream', 'aggregateId', () => postId],
  ])('%s is found through a GIN index on its field', async (_, field, value) => {
    const plan = await planOf(field, value());

    expect(plan).toMatch(new RegExp(`Bitmap Index Scan on \\S+_gin\\s`));
    expect(plan).toContain(`Index Cond: ((_jsonb -> '${field}'::text) @>`);
    expect(plan).not.toContain('Seq Scan');
  });

  it('needs the database to plan each execution with the field name known', async () => {
    await postgres.query('SET plan_cache_mode = force_generic_plan');
    try {
      expect(await planOf('streamPage', streamPageOf(postId, 1))).toContain('Seq Scan');
    } finally {
      await postgres.query('RESET plan_cache_mode');
    }
  });
});
