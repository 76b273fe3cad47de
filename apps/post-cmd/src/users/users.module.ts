import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { ExportPersonalDataHandler } from './export-personal-data/export-personal-data.handler';
import { ExportPersonalDataHttpController } from './export-personal-data/export-personal-data.http.controller';

/** What a person may ask about themselves: their data (GDPR art. 20). */
@Module({
  imports: [EventStoreModule, PersonalDataModule],
  controllers: [ExportPersonalDataHttpController],
  providers: [ExportPersonalDataHandler],
})
export class UsersModule {}
