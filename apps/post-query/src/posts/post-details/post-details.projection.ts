import { Injectable } from '@nestjs/common';
import type { PostEventEnvelope } from '@social-posts/post-events';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { PostEntity } from './post.entity';

/**
 * The `posts` read model: one case per event. It is called inside the batch's transaction,
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
      case 'PostMessageEdited':
        return this.update(manager, event, { message: event.data.message });
      case 'PostLiked':
        return this.update(manager, event, { likes: () => 'likes + 1' });
      case 'CommentAdded':
        return this.update(manager, event, { comments: () => 'comments + 1' });
      case 'CommentEdited':
        return this.update(manager, event, {});
      case 'CommentRemoved':
        return this.update(manager, event, { comments: () => 'comments - 1' });
      case 'PostRemoved':
        return this.update(manager, event, { removedAt: new Date(event.data.removedAt) });
      default: {
        const unhandled: never = event;
        throw new Error(`Unhandled post event ${JSON.stringify(unhandled)}`);
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

  /** Applies the event's changes and records its version, in one statement. */
  private async update(
    manager: EntityManager,
    event: PostEventEnvelope,
    changes: QueryDeepPartialEntity<PostEntity>,
  ): Promise<void> {
    await manager.update(
      PostEntity,
      { id: event.aggregateId },
      { ...changes, version: event.version },
    );
  }
}
