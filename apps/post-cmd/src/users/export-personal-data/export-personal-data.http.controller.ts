import { Controller, Get, Header } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActingUser, Authenticated, type Actor } from '@social-posts/service-runtime';
import { ExportPersonalDataQuery } from './export-personal-data.query';
import type { PersonalDataExport } from './personal-data-export';
import { PersonalDataExportResponse } from './personal-data-export.response';

@ApiTags('users')
@Controller('users')
export class ExportPersonalDataHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('me/export')
  @Authenticated()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Disposition', 'attachment; filename="personal-data.json"')
  @ApiOperation({
    summary: 'Everything the token’s user wrote and did, from the event store (GDPR art. 20)',
  })
  @ApiOkResponse({ type: PersonalDataExportResponse })
  exportPersonalData(@ActingUser() actor: Actor): Promise<PersonalDataExport> {
    return this.queryBus.execute(new ExportPersonalDataQuery(actor.username));
  }
}
