import { Injectable } from '@nestjs/common';
import type { PostEventEnvelope } from '@social-posts/post-events';
import type { EntityManager } from 'typeorm';
import { PostEntity } from './post.entity';

/**
 * The `posts` read model: one method per event. It is called inside the batch's transaction,
 * only for the next version of each post (the projector checks order and duplicates).
 */
@Injectable()
export class PostDetailsProjection {
  async apply(manager: EntityManager, event: PostEventEnvelope): Promise<void> {
    switch (event.eventType) {
      case 'PostCreated':
        await manager.insert(PostEntity, {
          id: event.data.postId,
          author: event.data.author,
          message: event.data.message,
          datePosted: new Date(event.data.datePosted),
          version: event.version,
        });
        return;
      default: {
        const unhandled: never = event.eventType;
        throw new Error(`Unhandled post event ${String(unhandled)}`);
      }
    }
  }

  /** Version of the last event applied to the post, 0 if none; locks its row until commit. */
  async lastAppliedVersion(manager: EntityManager, postId: string): Promise<number> {
    const row = await manager.findOne(PostEntity, {
      where: { id: postId },
      select: { id: true, version: true },
      lock: { mode: 'pessimistic_write' },
    });
    return row?.version ?? 0;
  }
}
