import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { MongoEventStore } from '../event-store/mongo-event-store';
import { OutboxRelay } from '../event-store/outbox-relay';

export class RepublishProgressResponse {
  @ApiProperty({ description: 'Events in the store.' })
  readonly total!: number;

  @ApiProperty({ description: 'Events not yet published (again); 0 when republishing is done.' })
  readonly pending!: number;
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
 * dead-lettered.
 */
@ApiTags('admin')
@Controller('admin/republish')
export class RepublishEventsHttpController {
  constructor(
    private readonly store: MongoEventStore,
    private readonly relay: OutboxRelay,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RepublishProgressResponse, description: 'Republishing has begun.' })
  async republish(@Query() { postId }: RepublishParams): Promise<RepublishProgressResponse> {
    const total = await this.relay.republish(postId);
    return { total, pending: total };
  }

  /** What the republish has left, plus what the outbox has yet to publish. */
  @Get()
  @ApiOkResponse({ type: RepublishProgressResponse })
  async progress(): Promise<RepublishProgressResponse> {
    const [job, { total, unpublished }] = await Promise.all([
      this.store.loadRepublishJob(),
      this.store.countEvents(),
    ]);
    const republishing = job && !job.done ? job.total - job.published : 0;
    return { total, pending: republishing + unpublished };
  }
}
