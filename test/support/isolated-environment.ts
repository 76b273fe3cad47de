import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { Client } from 'pg';
import { freePort } from './service-process';

export interface IsolatedEnvironment {
  /** Variables that point the services at this test's own database, topic and group. */
  readonly variables: Readonly<Record<string, string>>;
  /** Sets the variables in process.env, where the services' configuration reads them. */
  apply(): void;
  cleanup(): Promise<void>;
}

const requireVariable = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest's global setup`);
  return value;
};

async function withPostgres(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A fresh MongoDB database, Kafka topic and consumer group, and PostgreSQL database for one
 * test file, on the shared servers, so test files neither see nor disturb each other's data.
 */
export async function isolatedEnvironment(label: string): Promise<IsolatedEnvironment> {
  const id = `${label}_${randomBytes(4).toString('hex')}`.replace(/[^a-z0-9_]/gi, '_');
  const serverDatabaseUrl = requireVariable('DATABASE_URL');
  const mongoUrl = requireVariable('MONGO_URL');
  const brokers = requireVariable('KAFKA_BROKERS').split(',');

  const pgDatabase = `test_${id}`.toLowerCase();
  await withPostgres(serverDatabaseUrl, `CREATE DATABASE "${pgDatabase}"`);
  const databaseUrl = new URL(serverDatabaseUrl);
  databaseUrl.pathname = `/${pgDatabase}`;

  const postCmdPort = await freePort();
  const variables = {
    DATABASE_URL: databaseUrl.toString(),
    // Where post-query finds post-cmd (post-cmd-port.ts).
    POST_CMD_PORT: String(postCmdPort),
    POST_CMD_URL: `http://127.0.0.1:${postCmdPort}`,
    MONGO_DATABASE: `test_${id}`,
    KAFKA_TOPIC: `test.${id}`,
    KAFKA_GROUP_ID: `test.${id}`,
    KAFKA_WATCHED_GROUPS: `test.${id}`,
    MODERATION_GROUP_ID: `test.${id}.moderation`,
    KAFKA_TOPIC_PARTITIONS: '3',
  };

  return {
    variables,
    apply: () => Object.assign(process.env, variables),
    cleanup: async () => {
      await withPostgres(serverDatabaseUrl, `DROP DATABASE IF EXISTS "${pgDatabase}" WITH (FORCE)`);
      const mongo = await MongoClient.connect(mongoUrl);
      await mongo.db(variables.MONGO_DATABASE).dropDatabase();
      await mongo.close();
      const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      if ((await admin.listTopics()).includes(variables.KAFKA_TOPIC)) {
        await admin.deleteTopics({ topics: [variables.KAFKA_TOPIC] });
      }
      await admin.disconnect();
    },
  };
}
