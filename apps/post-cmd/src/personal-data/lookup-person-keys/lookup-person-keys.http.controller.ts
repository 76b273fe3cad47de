import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '@social-posts/service-runtime';
import { LookupPersonKeysQuery } from './lookup-person-keys.query';
import { LookupPersonKeysRequestDto } from './lookup-person-keys.request.dto';
import { PersonKeysFoundResponse, type PersonKeysFound } from './person-keys-found.response';

/**
 * The stream carries personal data sealed (docs/12-privacy.md): post-query opens it with the keys
 * it asks for here, as an admin named `post-query`, the same call as its rebuilds' republish.
 * A POST, because a batch names up to a thousand key ids.
 */
@ApiTags('admin')
@AdminOnly()
@Controller('admin/person-keys')
export class LookupPersonKeysHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Post('lookup')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The data keys of these key ids, to open sealed events read from the stream',
    description:
      'For post-query (its service token). A key id left out of the answer has no key: its ' +
      'person was erased, and their fields read as null. Keep the keys no longer than ' +
      'PERSON_KEY_CACHE_MS, which bounds how long an erasure may take to show.',
  })
  @ApiOkResponse({ type: PersonKeysFoundResponse })
  @ApiBadRequestResponse({ description: 'keyIds is not 1 to 1,000 UUIDs.' })
  lookup(@Body() { keyIds }: LookupPersonKeysRequestDto): Promise<PersonKeysFound> {
    return this.queryBus.execute(new LookupPersonKeysQuery(keyIds));
  }
}
