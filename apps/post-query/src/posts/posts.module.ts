import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommentEntity } from './post-details/comment.entity';
import { FindPostByIdHandler } from './post-details/find-post-by-id.handler';
import { LikeEntity } from './post-details/like.entity';
import { PostDetailsHttpController } from './post-details/post-details.http.controller';
import { PostEntity } from './post-details/post.entity';
import { PostVersionNotices } from './post-details/post-version-notices';
import { FindPostsHandler } from './post-list/find-posts.handler';
import { PostListHttpController } from './post-list/post-list.http.controller';

const queryHandlers = [FindPostByIdHandler, FindPostsHandler];

@Module({
  imports: [TypeOrmModule.forFeature([PostEntity, CommentEntity, LikeEntity])],
  controllers: [PostListHttpController, PostDetailsHttpController],
  providers: [PostVersionNotices, ...queryHandlers],
})
export class PostsModule {}
