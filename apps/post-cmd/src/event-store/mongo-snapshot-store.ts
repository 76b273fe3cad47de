import { Injectable } from '@nestjs/common';
import {
  EventStoreUnavailable,
  type Snapshot,
  type SnapshotStore,
} from '@social-posts/event-sourcing';
import type { Collection } from 'mongodb';
import { isDuplicateKey } from './duplicate-key';
import { MongoConnection } from './mongo-connection';

interface SnapshotDocument {
  /** The aggregate's id: one document per aggregate, found by `_id`. */
  readonly _id: string;
  readonly version: number;
  readonly stateVersion: number;
  /**
   * The state as JSON text: FerretDB refuses nested arrays and decodes a document field by
   * field, but a string in one piece; the database never looks inside a snapshot anyway.
   */
  readonly state: string;
  readonly takenAt: Date;
}

/** The latest snapshot of each post, beside the events, in MongoDB. */
@Injectable()
export class MongoSnapshotStore implements SnapshotStore {
  private readonly snapshots: Collection<SnapshotDocument>;

  constructor(connection: MongoConnection) {
    this.snapshots = connection.db.collection<SnapshotDocument>('snapshots');
  }

  async load(aggregateId: string): Promise<Snapshot | null> {
    try {
      const document = await this.snapshots.findOne({ _id: aggregateId });
      if (!document) return null;
      const { _id, version, stateVersion, state } = document;
      return { aggregateId: _id, version, stateVersion, state: JSON.parse(state) as unknown };
    } catch (error) {
      throw new EventStoreUnavailable(error);
    }
  }

  /**
   * Replaces an older snapshot; where a later one is kept, the upsert's insert meets the `_id`
   * and fails, which is the answer. On FerretDB an update is not atomic, so two savers racing
   * may keep the older of their two: still a correct snapshot, only a less useful one.
   */
  async save({ aggregateId, version, stateVersion, state }: Snapshot): Promise<void> {
    try {
      await this.snapshots.replaceOne(
        { _id: aggregateId, version: { $lt: version } },
        { version, stateVersion, state: JSON.stringify(state), takenAt: new Date() },
        { upsert: true },
      );
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}
