import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { MongoPersonKeyStore } from './mongo-person-key-store';
import { PERSON_KEY_STORE } from './person-key-store.port';
import { PersonKeys } from './person-keys';
import { PlainEventsSealing } from './plain-events-sealing';

/** People's data keys: what seals their personal data, and what erasing them deletes. */
@Module({
  imports: [EventStoreModule],
  providers: [
    { provide: PERSON_KEY_STORE, useClass: MongoPersonKeyStore },
    PersonKeys,
    PlainEventsSealing,
  ],
  exports: [PersonKeys],
})
export class PersonalDataModule {}
