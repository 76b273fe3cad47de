import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { FindPostByIdQuery } from './find-post-by-id.query';
import { PostNotFound } from './post-not-found.error';
import type { PostDetailsResponse } from './post-details.response';
import { PostEntity } from './post.entity';

@QueryHandler(FindPostByIdQuery)
export class FindPostByIdHandler implements IQueryHandler<FindPostByIdQuery> {
  constructor(@InjectRepository(PostEntity) private readonly posts: Repository<PostEntity>) {}

  async execute({ postId }: FindPostByIdQuery): Promise<PostDetailsResponse> {
    const post = await this.posts.findOneBy({ id: postId, removedAt: IsNull() });
    if (!post) throw new PostNotFound(postId);
    return {
      postId: post.id,
      author: post.author,
      message: post.message,
      datePosted: post.datePosted.toISOString(),
      likes: post.likes,
      comments: post.comments,
      version: post.version,
    };
  }
}
