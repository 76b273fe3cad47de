import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { PostsModule } from '../posts/posts.module';
import { ErasePersonHandler } from './erase-person/erase-person.handler';
import { ErasePersonHttpController } from './erase-person/erase-person.http.controller';
import { ExportPersonalDataHandler } from './export-personal-data/export-personal-data.handler';
import { ExportPersonalDataHttpController } from './export-personal-data/export-personal-data.http.controller';

/** What a person may ask about themselves: their data (GDPR art. 20), their erasure (art. 17). */
@Module({
  imports: [EventStoreModule, PersonalDataModule, PostsModule],
  controllers: [ExportPersonalDataHttpController, ErasePersonHttpController],
  providers: [ExportPersonalDataHandler, ErasePersonHandler],
})
export class UsersModule {}
