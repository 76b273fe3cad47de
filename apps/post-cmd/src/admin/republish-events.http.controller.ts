import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly } from '@social-posts/service-runtime';
import { IsOptional, IsUUID } from 'class-validator';
import { MongoEventStore, type RepublishJob } from '../event-store/mongo-event-store';
import { OutboxRelay } from '../event-store/outbox-relay';

export class RepublishProgressResponse {
  @ApiProperty({ description: 'A republish is under way.' })
  readonly republishing!: boolean;

  @ApiProperty({ description: 'Events the current (or last) republish has published so far.' })
  readonly republished!: number;

  @ApiProperty({ description: 'New events the outbox has yet to publish.' })
  readonly unpublished!: number;

  @ApiProperty({ description: 'Nothing left to publish: no republish under way, outbox empty.' })
  readonly done!: boolean;
}

export class RepublishParams {
  @ApiPropertyOptional({ format: 'uuid', description: 'Republish only this post’s events.' })
  @IsOptional()
  @IsUUID()
  readonly postId?: string;
}

/**
 * The write side of rebuilding the read side (the course's "restore read DB"): every stored
 * event is published again, each post's in version order. The read side skips what it has
 * already applied, so a republish alone never double counts; emptied read tables fill again.
 * With `postId`, only that post's events: how a post released from parking gets back what was
 * dead-lettered. Admins only: a republish holds back new events while it runs.
 */
@ApiTags('admin')
@AdminOnly()
@Controller('admin/republish')
export class RepublishEventsHttpController {
  constructor(
    private readonly store: MongoEventStore,
    private readonly relay: OutboxRelay,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RepublishProgressResponse, description: 'Republishing has begun.' })
  @ApiBadRequestResponse({ description: 'postId is not a UUID.' })
  async republish(@Query() { postId }: RepublishParams): Promise<RepublishProgressResponse> {
    return this.progressOf(await this.relay.republish(postId));
  }

  /**
   * How far the republish got, plus what the outbox has yet to publish. No total: counting all
   * events costs FerretDB a read of every one, where the outbox is counted slot by slot.
   */
  @Get()
  @ApiOkResponse({ type: RepublishProgressResponse })
  async progress(): Promise<RepublishProgressResponse> {
    return this.progressOf(await this.store.loadRepublishJob());
  }

  private async progressOf(job: RepublishJob | null): Promise<RepublishProgressResponse> {
    const unpublished = (await this.store.outboxBacklog()).events;
    const republishing = job !== null && !job.done;
    return {
      republishing,
      republished: job?.published ?? 0,
      unpublished,
      done: !republishing && unpublished === 0,
    };
  }
}
