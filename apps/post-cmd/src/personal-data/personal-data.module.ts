import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { LookupPersonKeysHandler } from './lookup-person-keys/lookup-person-keys.handler';
import { LookupPersonKeysHttpController } from './lookup-person-keys/lookup-person-keys.http.controller';
import { MongoPersonKeyStore } from './mongo-person-key-store';
import { PERSON_KEY_STORE } from './person-key-store.port';
import { PersonKeys } from './person-keys';
import { PlainEventsSealing } from './plain-events-sealing';

/**
 * People's data keys: what seals their personal data, what erasing them deletes, and what
 * post-query asks for to open the sealed events it reads from the stream.
 */
@Module({
  imports: [EventStoreModule],
  controllers: [LookupPersonKeysHttpController],
  providers: [
    { provide: PERSON_KEY_STORE, useClass: MongoPersonKeyStore },
    PersonKeys,
    PlainEventsSealing,
    LookupPersonKeysHandler,
  ],
  exports: [PersonKeys],
})
export class PersonalDataModule {}
