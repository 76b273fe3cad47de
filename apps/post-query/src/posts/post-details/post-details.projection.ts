import { Injectable } from '@nestjs/common';
import type { PostEventEnvelope } from '@social-posts/post-events';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { CommentEntity } from './comment.entity';
import { LikeEntity } from './like.entity';
import { PostEntity } from './post.entity';

/**
 * The post-details read model (posts, their comments, who liked them): one case per event. It is called inside the batch's transaction,
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
        return this.update(manager, event, {
          message: event.data.message,
          editedAt: new Date(event.data.editedAt),
        });
      case 'PostLiked':
        await manager.insert(LikeEntity, {
          postId: event.data.postId,
          username: event.data.username,
          likedAt: new Date(event.data.likedAt),
        });
        return this.update(manager, event, { likes: () => 'likes + 1' });
      case 'CommentAdded':
        await manager.insert(CommentEntity, {
          id: event.data.commentId,
          postId: event.data.postId,
          username: event.data.username,
          comment: event.data.comment,
          commentDate: new Date(event.data.commentDate),
        });
        return this.update(manager, event, { comments: () => 'comments + 1' });
      case 'CommentEdited':
        await manager.update(
          CommentEntity,
          { id: event.data.commentId },
          { comment: event.data.comment, editedAt: new Date(event.data.editedAt) },
        );
        return this.update(manager, event, {});
      case 'CommentRemoved':
        await manager.delete(CommentEntity, { id: event.data.commentId });
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
