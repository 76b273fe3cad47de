import { Controller, Delete, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly } from '@social-posts/service-runtime';
import { IsIn } from 'class-validator';
import { ProjectionBuilds } from '../../projections/projection-builds';
import { RegisteredProjections } from '../../projections/registered-projections';
import { PROJECTION_NAMES, type ProjectionName } from '../../posts/post-projections';
import { AbandonRebuildCommand } from './abandon-rebuild.command';
import {
  ProjectionsResponse,
  RebuildResponse,
  toBuildResponse,
  type ProjectionResponse,
} from './projection-builds.response';
import { RebuildProjectionCommand } from './rebuild-projection.command';

export class ProjectionParams {
  @ApiProperty({ enum: PROJECTION_NAMES })
  @IsIn(PROJECTION_NAMES)
  readonly name!: ProjectionName;
}

/**
 * Rebuilding a projection without downtime, in one call: post-query makes a new build beside
 * the live one, asks post-cmd to republish every event into it, and switches the queries to it
 * once it has caught up; the live build answers every query until then (docs/06-read-side.md).
 */
@ApiTags('admin')
@AdminOnly()
@Controller('admin/projections')
export class RebuildProjectionHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly builds: ProjectionBuilds,
    private readonly projections: RegisteredProjections,
  ) {}

  @Get()
  @ApiOkResponse({ type: ProjectionsResponse })
  async list(): Promise<ProjectionsResponse> {
    const items: ProjectionResponse[] = [];
    for (const { name, projection } of this.projections.all) {
      const builds = await this.builds.of(name);
      const live = builds.find((build) => build.state === 'live')!;
      const rebuild = builds.find((build) => build.state === 'building') ?? null;
      items.push({
        name,
        version: projection.version,
        live: toBuildResponse(live),
        rebuild: rebuild && toBuildResponse(rebuild),
        postsBehind: rebuild && (await this.builds.lag(live, rebuild)).posts,
        earlier: builds
          .filter((build) => build.state === 'retired' || build.state === 'abandoned')
          .map(toBuildResponse),
      });
    }
    return { items };
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: RebuildResponse,
    description: 'A build is under way (this one, or the one already under way).',
  })
  @ApiBadRequestResponse({ description: 'Not a projection’s name (problem+json).' })
  async rebuild(@Param() { name }: ProjectionParams): Promise<RebuildResponse> {
    const { build, started } = await this.commandBus.execute(new RebuildProjectionCommand(name));
    return { started, build: toBuildResponse(build) };
  }

  @Delete(':name/rebuild')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'Abandoned: its tables are dropped, the live build serves.',
  })
  @ApiBadRequestResponse({ description: 'Not a projection’s name (problem+json).' })
  @ApiNotFoundResponse({ description: 'No build of it is under way.' })
  async abandon(@Param() { name }: ProjectionParams): Promise<void> {
    if ((await this.commandBus.execute(new AbandonRebuildCommand(name))) === null) {
      throw new NotFoundException(`No build of ${name} is under way.`);
    }
  }
}
