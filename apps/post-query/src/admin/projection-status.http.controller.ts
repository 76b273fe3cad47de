import { Controller, Delete, Get, HttpCode, NotFoundException, Param } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly } from '@social-posts/service-runtime';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ParkedPosts } from '../consumer/parked-posts';
import { HeldEvents } from '../projections/held-events';

class HeldEventsResponse {
  @ApiProperty({ format: 'uuid' }) readonly postId!: string;
  @ApiProperty({ type: [Number], description: 'Versions held, waiting for earlier ones.' })
  readonly versions!: number[];
  @ApiProperty({ format: 'date-time' }) readonly since!: string;
}

class ParkedPostResponse {
  @ApiProperty() readonly postKey!: string;
  @ApiProperty() readonly reason!: string;
  @ApiProperty({ format: 'date-time' }) readonly parkedAt!: string;
  @ApiProperty({ description: 'Messages of this post sent to the dead-letter topic.' })
  readonly deadLettered!: number;
}

class ProjectionStatusResponse {
  @ApiProperty({ type: [HeldEventsResponse] }) readonly heldEvents!: HeldEventsResponse[];
  @ApiProperty({ type: [ParkedPostResponse] }) readonly parkedPosts!: ParkedPostResponse[];
}

class PostKeyParams {
  @ApiProperty({ minLength: 1, maxLength: 200, description: 'The Kafka key of a parked post.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly postKey!: string;
}

/**
 * What the consumer could not apply yet: events held for a gap in their post's versions, and
 * parked posts (their messages are in the dead-letter topic). Releasing a parked post lets its
 * next events apply; to replay what was dead-lettered, republish that post from the write side
 * (`POST /api/v1/admin/republish?postId=…` on post-cmd): the version check skips what is applied.
 */
@ApiTags('admin')
@AdminOnly()
@Controller('admin')
export class ProjectionStatusHttpController {
  constructor(
    private readonly heldEvents: HeldEvents,
    private readonly parkedPosts: ParkedPosts,
  ) {}

  @Get('projection')
  @ApiOkResponse({ type: ProjectionStatusResponse })
  async status(): Promise<ProjectionStatusResponse> {
    const parked = await this.parkedPosts.list();
    return {
      heldEvents: (await this.heldEvents.byPost()).map(({ postId, events, since }) => ({
        postId,
        versions: events.map((event) => event.version),
        since: since.toISOString(),
      })),
      parkedPosts: parked.map((post) => ({
        postKey: post.postKey,
        reason: post.reason,
        parkedAt: post.parkedAt.toISOString(),
        deadLettered: post.deadLettered,
      })),
    };
  }

  @Delete('parked-posts/:postKey')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Released: the post’s next events apply again.' })
  @ApiNotFoundResponse({ description: 'That post is not parked.' })
  async release(@Param() { postKey }: PostKeyParams): Promise<void> {
    if (!(await this.parkedPosts.release(postKey))) {
      throw new NotFoundException(`Post ${postKey} is not parked.`);
    }
  }
}
