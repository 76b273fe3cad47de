import type { Db } from 'mongodb';
import { isDuplicateKey } from './duplicate-key';

/**
 * The one-time upgrades a store has had, a marker each in `event_store_format` (the layout of
 * its documents, the sealing of its personal data): a start checks one marker with one lookup.
 */
export class StoreFormatMarkers {
  private readonly markers;

  constructor(db: Db) {
    this.markers = db.collection<{ _id: string; version: number }>('event_store_format');
  }

  async reached(marker: string, version: number): Promise<boolean> {
    return (await this.markers.findOne({ _id: marker }))?.version === version;
  }

  async mark(marker: string, version: number): Promise<void> {
    // Two instances starting together both upsert; FerretDB refuses the second insert instead
    // of retrying it as an update, and the marker it found is the one this one would have written.
    await this.markers
      .replaceOne({ _id: marker }, { version }, { upsert: true })
      .catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
      });
  }
}
