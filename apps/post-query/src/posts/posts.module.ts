import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FindPostByIdHandler } from './post-details/find-post-by-id.handler';
import { PostDetailsHttpController } from './post-details/post-details.http.controller';
import { PostDetailsProjection } from './post-details/post-details.projection';
import { CommentEntity } from './post-details/comment.entity';
import { LikeEntity } from './post-details/like.entity';
import { PostEntity } from './post-details/post.entity';

const queryHandlers = [FindPostByIdHandler];

@Module({
  imports: [TypeOrmModule.forFeature([PostEntity, CommentEntity, LikeEntity])],
  controllers: [PostDetailsHttpController],
  providers: [PostDetailsProjection, ...queryHandlers],
  exports: [PostDetailsProjection],
})
export class PostsModule {}
