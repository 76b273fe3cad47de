import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isTag } from '@social-posts/post-events';
import { isUsername } from '@social-posts/service-runtime';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { toPostSummary } from '../post-details/post-summary';
import { PostEntity } from '../post-details/post.entity';
import { FindPostsQuery } from './find-posts.query';
import type { PostPageResponse } from './post-page.response';

@QueryHandler(FindPostsQuery)
export class FindPostsHandler implements IQueryHandler<FindPostsQuery> {
  constructor(@InjectRepository(PostEntity) private readonly posts: Repository<PostEntity>) {}

  async execute({ filters, page, limit, viewer }: FindPostsQuery): Promise<PostPageResponse> {
    // No post has an author that cannot be a user name or carries what cannot be a tag (and
    // PostgreSQL would refuse some such texts, a NUL among them).
    const impossible =
      (filters.author !== undefined && !isUsername(filters.author)) ||
      (filters.tag !== undefined && !isTag(filters.tag));
    if (impossible) return { items: [], total: 0, page, limit };
    const query = this.posts
      .createQueryBuilder('post')
      .where('post.removed_at IS NULL')
      // A post hidden by moderation is its author's alone until its case is decided.
      .andWhere('(post.hidden_at IS NULL OR post.author = :viewer)', { viewer: viewer ?? null });
    if (filters.author !== undefined) {
      query.andWhere('post.author = :author', { author: filters.author });
    }
    if (filters.withComments !== undefined) {
      query.andWhere(filters.withComments ? 'post.comments > 0' : 'post.comments = 0');
    }
    if (filters.minLikes !== undefined) {
      query.andWhere('post.likes >= :minLikes', { minLikes: filters.minLikes });
    }
    if (filters.tag !== undefined) {
      // post_tags is the post-tags projection's, indexed by tag.
      query.andWhere(
        'EXISTS (SELECT 1 FROM post_tags tagged WHERE tagged.post_id = post.id AND tagged.tag = :tag)',
        { tag: filters.tag },
      );
    }
    // The id breaks ties between posts of the same instant, so pages never overlap or skip.
    const posts = await query
      .orderBy('post.date_posted', 'DESC')
      .addOrderBy('post.id', 'DESC')
      .skip((page - 1) * limit)
      .take(limit)
      .getMany();
    const unfiltered = Object.values(filters).every((value) => value === undefined);
    const total = unfiltered ? await this.allShownTo(viewer) : await query.getCount();
    return { items: posts.map(toPostSummary), total, page, limit };
  }

  /**
   * The posts an unfiltered list holds: those shown to everyone, kept counted by the projection
   * (counting them here would read the whole table on every page), and the viewer's own hidden
   * ones, found by the author index. `posts` comes first: a rebuild's switch replaces the views
   * in the order of the projection's tables, and a statement that took them the other way round
   * would deadlock with it.
   */
  private async allShownTo(viewer: string | undefined): Promise<number> {
    const [row] = await this.posts.query<{ total: number }[]>(
      `SELECT ((SELECT count(*) FROM posts
                WHERE author = $1 AND removed_at IS NULL AND hidden_at IS NOT NULL)
         + coalesce((SELECT shown FROM post_totals WHERE id = 1), 0))::int AS total`,
      [viewer ?? null],
    );
    return row!.total;
  }
}
