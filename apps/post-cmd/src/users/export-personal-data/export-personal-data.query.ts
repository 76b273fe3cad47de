import { Query } from '@nestjs/cqrs';
import type { PersonalDataExport } from './personal-data-export';

export class ExportPersonalDataQuery extends Query<PersonalDataExport> {
  constructor(readonly username: string) {
    super();
  }
}
