import type { Db } from 'mongodb';
import type { DataSource } from 'typeorm';

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
