import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { DataSource } from 'typeorm';
import { openedDocuments } from './sealed-documents';

/** A word only the test that makes it writes: finding it anywhere is finding that test's data. */
export const uniqueWord = (what: string): string =>
  `${what}${randomUUID().replace(/-/g, '').slice(0, 12)}`;

/**
 * Every row of every table of the read model's database (every schema, every build), as text:
 * what a person with the database's files could read. TypeORM's own bookkeeping is left out.
 */
export async function readModelText(dataSource: DataSource): Promise<string> {
  const tables = await dataSource.query<{ schema: string; name: string }[]>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_name <> 'migrations'
       AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const texts = await Promise.all(
    tables.map(async ({ schema, name }) => {
      const rows = await dataSource.query<{ row: string }[]>(
        `SELECT t::text AS row FROM "${schema}"."${name}" t`,
      );
      return rows.map((row) => `${schema}.${name}: ${row.row}`).join('\n');
    }),
  );
  return texts.join('\n');
}

/** Every document of every collection of the event store's database, as JSON text. */
export async function eventStoreText(db: Db): Promise<string> {
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  const texts = await Promise.all(
    collections.map(async ({ name }) => {
      const documents = await db.collection(name).find({}).toArray();
      return documents.map((document) => `${name}: ${JSON.stringify(document)}`).join('\n');
    }),
  );
  return texts.join('\n');
}

/**
 * The event store as a holder of the master key could read it: every event opened with the
 * person keys still in the store, then every document of every collection as it is.
 */
export async function openedEventStoreText(db: Db): Promise<string> {
  const events = await db.collection<{ data: unknown }>('events').find().toArray();
  return `${JSON.stringify(await openedDocuments(db, events))}\n${await eventStoreText(db)}`;
}
