import { Query } from '@nestjs/cqrs';
import type { RepublishProgressResponse } from './republish-progress.response';

/** How far the newest republish has got, and what the outbox has yet to publish. */
export class GetRepublishProgressQuery extends Query<RepublishProgressResponse> {}
