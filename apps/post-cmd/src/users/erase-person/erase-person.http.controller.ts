import { Controller, Delete, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import { MAX_USERNAME_LENGTH } from '@social-posts/post-events';
import { ActingUser, AdminOnly, type Actor } from '@social-posts/service-runtime';
import { IsString, Length } from 'class-validator';
import { ApiCommand } from '../../posts/http/api-command-responses.decorator';
import { CommandMeta } from '../../posts/http/command-metadata.decorator';
import { ErasePersonCommand } from './erase-person.command';
import { ErasureDoneResponse } from './erasure-done.response';

export class UserRouteParams {
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_USERNAME_LENGTH,
    description: 'The user to erase, e.g. ada.',
  })
  @IsString()
  @Length(1, MAX_USERNAME_LENGTH)
  readonly username!: string;
}

const ERASURE =
  'Deletes the person’s data key after recording the erasure on every post they acted on: ' +
  'their posts are gone, their comments read as removed, their likes still count but name ' +
  'nobody, in both services within PERSON_KEY_CACHE_MS (docs/12-privacy.md). Idempotent: a ' +
  'second erasure finds nothing (`erased: false`). A later command by the same user name ' +
  'starts a new person, with a new key.';

@ApiTags('users')
@Controller()
export class ErasePersonHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Delete('users/me')
  @ApiOperation({ summary: 'Erase the token’s user (GDPR art. 17)', description: ERASURE })
  @ApiCommand()
  @ApiOkResponse({ type: ErasureDoneResponse })
  eraseMe(
    @ActingUser() actor: Actor,
    @CommandMeta() metadata: CommandMetadata,
  ): Promise<ErasureDoneResponse> {
    return this.commandBus.execute(new ErasePersonCommand({ username: actor.username, metadata }));
  }

  @Delete('admin/users/:username')
  @ApiOperation({ summary: 'Erase a user, as an admin (GDPR art. 17)', description: ERASURE })
  @ApiCommand(AdminOnly)
  @ApiOkResponse({ type: ErasureDoneResponse })
  erase(
    @Param() { username }: UserRouteParams,
    @CommandMeta() metadata: CommandMetadata,
  ): Promise<ErasureDoneResponse> {
    return this.commandBus.execute(new ErasePersonCommand({ username, metadata }));
  }
}
