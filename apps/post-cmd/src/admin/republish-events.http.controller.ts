import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { MongoEventStore } from '../event-store/mongo-event-store';

export class RepublishProgressResponse {
  @ApiProperty({ description: 'Events in the store.' })
  readonly total!: number;

  @ApiProperty({ description: 'Events not yet published (again); 0 when republishing is done.' })
  readonly pending!: number;
}

/**
 * The write side of rebuilding the read side (the course's "restore read DB"): every stored
 * event is published again, each post's in version order. The read side skips what it has
 * already applied, so a republish alone never double counts; emptied read tables fill again.
 */
@ApiTags('admin')
@Controller('admin/republish')
export class RepublishEventsHttpController {
  constructor(private readonly store: MongoEventStore) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RepublishProgressResponse, description: 'Republishing has begun.' })
  async republish(): Promise<RepublishProgressResponse> {
    const total = await this.store.markAllUnpublished();
    return { total, pending: total };
  }

  @Get()
  @ApiOkResponse({ type: RepublishProgressResponse })
  async progress(): Promise<RepublishProgressResponse> {
    const { total, unpublished } = await this.store.countEvents();
    return { total, pending: unpublished };
  }
}
