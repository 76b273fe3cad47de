import {
  masterKeyFrom,
  unsealEvents,
  unwrapKey,
  type KeyLookup,
} from '@social-posts/personal-data';
import type { PostEventEnvelope, SealedPostEventEnvelope } from '@social-posts/post-events';
import type { Db } from 'mongodb';

interface PersonKeyDocument {
  readonly _id: string;
  readonly wrappedKey: string;
}

/**
 * Event documents read straight from the store, with their personal data opened as any holder
 * of the master key would: the person keys read from the same database. A field whose key is
 * gone is null.
 */
export async function openedDocuments<D extends { readonly data: unknown }>(
  db: Db,
  documents: readonly D[],
): Promise<D[]> {
  const master = masterKeyFrom(process.env);
  const keys = db.collection<PersonKeyDocument>('person_keys');
  const lookup: KeyLookup = async (keyIds) => {
    const found = await Promise.all(keyIds.map((_id) => keys.findOne({ _id })));
    return new Map(
      found
        .filter((document) => document !== null)
        .map(({ _id, wrappedKey }) => [_id, unwrapKey(_id, wrappedKey, master).key]),
    );
  };
  const opened = await unsealEvents(
    documents as unknown as readonly (SealedPostEventEnvelope | PostEventEnvelope)[],
    lookup,
  );
  return documents.map((document, index) => ({ ...document, data: opened[index]!.data }));
}
