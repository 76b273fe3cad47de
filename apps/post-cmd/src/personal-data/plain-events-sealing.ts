import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { BUCKETS } from '../event-store/event-document';
import { MongoConnection } from '../event-store/mongo-connection';
import { sealPlainEventDocuments } from '../event-store/plain-event-documents';
import { PersonKeys } from './person-keys';

/**
 * At start, once the indexes exist and before commands are served, seals the events a store
 * holds from before personal data was sealed (once per store; after that, one lookup):
 * docs/12-privacy.md, "Events stored before sealing".
 */
@Injectable()
export class PlainEventsSealing implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlainEventsSealing.name);

  constructor(
    private readonly connection: MongoConnection,
    private readonly keys: PersonKeys,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const sealed = await this.connection.withoutAnswerBound((db) =>
      sealPlainEventDocuments(db, this.keys, (buckets, sealedSoFar) => {
        if (sealedSoFar > 0 && buckets % 128 === 0) {
          this.logger.log(
            `sealing stored events: ${buckets} of ${BUCKETS} buckets, ${sealedSoFar} sealed`,
          );
        }
      }),
    );
    if (sealed > 0) this.logger.log(`sealed the personal data of ${sealed} stored events`);
  }
}
