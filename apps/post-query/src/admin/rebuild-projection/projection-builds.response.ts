import { ApiProperty } from '@nestjs/swagger';
import type { ProjectionBuild } from '../../projections/projection-builds';
import { PROJECTION_NAMES } from '../../posts/post-projections';

const dateTime = { type: String, format: 'date-time', nullable: true } as const;

export class BuildResponse {
  @ApiProperty({ description: 'The build’s number, 1, 2, 3 … per projection.' })
  readonly build!: number;
  @ApiProperty({ description: 'The projection’s version (its code) the build is made with.' })
  readonly version!: number;
  @ApiProperty({ enum: ['building', 'live', 'retired', 'abandoned'] })
  readonly state!: string;
  @ApiProperty({ example: 'rebuild requested by an admin' })
  readonly reason!: string;
  @ApiProperty({ format: 'date-time' })
  readonly startedAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The republish on post-cmd that feeds it (its job id).',
  })
  readonly replayJob!: string | null;
  @ApiProperty(dateTime) readonly replayRequestedAt!: string | null;
  @ApiProperty(dateTime) readonly switchedAt!: string | null;
  @ApiProperty(dateTime) readonly endedAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'What it waits for, or why it ended.',
  })
  readonly note!: string | null;
}

export class ProjectionResponse {
  @ApiProperty({ enum: PROJECTION_NAMES }) readonly name!: string;
  @ApiProperty({ description: 'The version this instance’s code declares.' })
  readonly version!: number;
  @ApiProperty({ type: BuildResponse, description: 'The build queries read.' })
  readonly live!: BuildResponse;
  @ApiProperty({
    type: BuildResponse,
    nullable: true,
    description: 'The build filling beside it, if one is under way.',
  })
  readonly rebuild!: BuildResponse | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Posts the build under way has still to catch up with (null without one).',
  })
  readonly postsBehind!: number | null;
  @ApiProperty({ type: [BuildResponse], description: 'Earlier builds, newest first.' })
  readonly earlier!: BuildResponse[];
}

export class ProjectionsResponse {
  @ApiProperty({ type: [ProjectionResponse] }) readonly items!: ProjectionResponse[];
}

export class RebuildResponse {
  @ApiProperty({ description: 'False when a build was already under way: this is that one.' })
  readonly started!: boolean;
  @ApiProperty({ type: BuildResponse }) readonly build!: BuildResponse;
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export const toBuildResponse = (build: ProjectionBuild): BuildResponse => ({
  build: build.build,
  version: build.version,
  state: build.state,
  reason: build.reason,
  startedAt: build.startedAt.toISOString(),
  replayJob: build.replayJob,
  replayRequestedAt: iso(build.replayRequestedAt),
  switchedAt: iso(build.switchedAt),
  endedAt: iso(build.endedAt),
  note: build.note,
});
