import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventStoreUnavailable } from '@social-posts/event-sourcing';
import {
  masterKeyFrom,
  newPersonKey,
  unwrapKey,
  wrapKey,
  type PersonKey,
} from '@social-posts/personal-data';
import type { KeyObject } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { PostCmdEnvironment } from '../config/post-cmd.environment';
import { isDuplicateKey } from '../event-store/duplicate-key';
import { MongoConnection } from '../event-store/mongo-connection';
import type { PersonKeyStore } from './person-key-store.port';

interface PersonKeyDocument {
  /** The key id: random, it names nobody. */
  readonly _id: string;
  /** Unique: one key per person. Deleted with the key. */
  readonly username: string;
  /** The data key, encrypted by the master key (AES-256-GCM, the key id authenticated). */
  readonly wrappedKey: string;
  readonly createdAt: Date;
}

/** People's data keys in MongoDB, beside the events, each wrapped by the master key. */
@Injectable()
export class MongoPersonKeyStore implements PersonKeyStore, OnModuleInit {
  private readonly keys: Collection<PersonKeyDocument>;
  private readonly master: KeyObject;

  constructor(
    private readonly connection: MongoConnection,
    config: ConfigService<PostCmdEnvironment, true>,
  ) {
    this.keys = connection.db.collection<PersonKeyDocument>('person_keys');
    this.master = masterKeyFrom({
      PERSONAL_DATA_MASTER_KEY: config.get('PERSONAL_DATA_MASTER_KEY', { infer: true }),
      PERSONAL_DATA_MASTER_KEY_FILE: config.get('PERSONAL_DATA_MASTER_KEY_FILE', { infer: true }),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.connection.withoutAnswerBound((db) =>
      db
        .collection<PersonKeyDocument>('person_keys')
        .createIndex({ username: 1 }, { unique: true, name: 'person_keys_username' }),
    );
  }

  /**
   * One round trip, whether the person is new or not: an upsert that inserts the key made here
   * only if they have none (otherwise it writes nothing), and answers the one kept. Finding
   * first, then inserting, took two for a newcomer, and every command of theirs waited for both.
   */
  async keyFor(username: string): Promise<PersonKey> {
    return this.unavailableOnFailure(async () => {
      const made = newPersonKey();
      try {
        const kept = await this.keys.findOneAndUpdate(
          { username },
          {
            $setOnInsert: {
              _id: made.keyId,
              wrappedKey: wrapKey(made, this.master),
              createdAt: new Date(),
            },
          },
          { upsert: true, returnDocument: 'after' },
        );
        if (kept === null) throw new Error('No key kept for a person after an upsert');
        return kept._id === made.keyId ? made : unwrapKey(kept._id, kept.wrappedKey, this.master);
      } catch (error) {
        // Two first commands of one person at once: the other made the key.
        if (!isDuplicateKey(error)) throw error;
        return this.keyFor(username);
      }
    });
  }

  keyIdOf(username: string): Promise<string | undefined> {
    return this.unavailableOnFailure(async () => {
      const found = await this.keys.findOne({ username }, { projection: { _id: 1 } });
      return found?._id;
    });
  }

  readonly lookup = (keyIds: readonly string[]): Promise<ReadonlyMap<string, KeyObject>> =>
    this.unavailableOnFailure(async () => {
      // One equality each: FerretDB 1.24 filters `$in` after reading the whole collection.
      const found = await Promise.all(keyIds.map((_id) => this.keys.findOne({ _id })));
      return new Map(
        found
          .filter((document) => document !== null)
          .map(({ _id, wrappedKey }) => [_id, unwrapKey(_id, wrappedKey, this.master).key]),
      );
    });

  erase(username: string): Promise<string | undefined> {
    return this.unavailableOnFailure(async () => {
      const deleted = await this.keys.findOneAndDelete({ username });
      return deleted?._id;
    });
  }

  private async unavailableOnFailure<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw error instanceof EventStoreUnavailable ? error : new EventStoreUnavailable(error);
    }
  }
}
