import { ApiProperty } from '@nestjs/swagger';
import { REPORT_REASONS, type ReportReason } from '@social-posts/post-events';
import type {
  ExportedComment,
  ExportedCommentVersion,
  ExportedLike,
  ExportedPost,
  ExportedPostVersion,
  ExportedRemoval,
  ExportedReport,
  PersonalDataExport,
} from './personal-data-export';

const ERASED = 'null only if the person was erased while the export was read.';
const REMOVED_AT = {
  type: String,
  format: 'date-time',
  nullable: true,
  description: 'When they removed it; null if they did not.',
};

class ExportedPostVersionResponse implements ExportedPostVersion {
  @ApiProperty({ description: 'The post’s version this message came in at.' })
  readonly version!: number;
  @ApiProperty({ format: 'date-time' }) readonly occurredAt!: string;
  @ApiProperty({ type: String, nullable: true, description: ERASED })
  readonly message!: string | null;
  @ApiProperty({ type: [String], nullable: true, description: ERASED })
  readonly tags!: readonly string[] | null;
}

class ExportedPostResponse implements ExportedPost {
  @ApiProperty({ format: 'uuid' }) readonly postId!: string;
  @ApiProperty({ format: 'date-time' }) readonly createdAt!: string;
  @ApiProperty({
    type: [ExportedPostVersionResponse],
    description: 'The message as created, then as each edit left it.',
  })
  readonly versions!: ExportedPostVersionResponse[];
  @ApiProperty(REMOVED_AT)
  removedAt!: string | null;
}

class ExportedCommentVersionResponse implements ExportedCommentVersion {
  @ApiProperty({ description: 'The post’s version this text came in at.' })
  readonly version!: number;
  @ApiProperty({ format: 'date-time' }) readonly occurredAt!: string;
  @ApiProperty({ type: String, nullable: true, description: ERASED })
  readonly comment!: string | null;
}

class ExportedCommentResponse implements ExportedComment {
  @ApiProperty({ format: 'uuid' }) readonly postId!: string;
  @ApiProperty({ format: 'uuid' }) readonly commentId!: string;
  @ApiProperty({ type: [ExportedCommentVersionResponse] })
  readonly versions!: ExportedCommentVersionResponse[];
  @ApiProperty(REMOVED_AT)
  removedAt!: string | null;
}

class ExportedLikeResponse implements ExportedLike {
  @ApiProperty({ format: 'uuid' }) readonly postId!: string;
  @ApiProperty({ format: 'date-time' }) readonly likedAt!: string;
}

class ExportedReportResponse implements ExportedReport {
  @ApiProperty({ format: 'uuid' }) readonly postId!: string;
  @ApiProperty({ enum: REPORT_REASONS }) readonly reason!: ReportReason;
  @ApiProperty({ format: 'date-time' }) readonly reportedAt!: string;
}

class ExportedRemovalResponse implements ExportedRemoval {
  @ApiProperty({ format: 'uuid' }) readonly postId!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The comment they removed; null when they removed the post.',
  })
  readonly commentId!: string | null;
  @ApiProperty({ format: 'date-time' }) readonly removedAt!: string;
}

export class PersonalDataExportResponse implements PersonalDataExport {
  @ApiProperty() readonly username!: string;
  @ApiProperty({ format: 'date-time' }) readonly exportedAt!: string;
  @ApiProperty({ type: [ExportedPostResponse], description: 'The posts they wrote.' })
  readonly posts!: ExportedPostResponse[];
  @ApiProperty({ type: [ExportedCommentResponse], description: 'The comments they wrote.' })
  readonly comments!: ExportedCommentResponse[];
  @ApiProperty({ type: [ExportedLikeResponse] })
  readonly likes!: ExportedLikeResponse[];
  @ApiProperty({ type: [ExportedReportResponse], description: 'The posts they reported.' })
  readonly reports!: ExportedReportResponse[];
  @ApiProperty({
    type: [ExportedRemovalResponse],
    description: 'Posts and comments of others that they removed (as an admin or a post’s author).',
  })
  readonly removals!: ExportedRemovalResponse[];
}
