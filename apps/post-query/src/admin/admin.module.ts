import { Module } from '@nestjs/common';
import { ConsumerModule } from '../consumer/consumer.module';
import { ProjectionsModule } from '../projections/projections.module';
import { ProjectionStatusHttpController } from './projection-status.http.controller';
import { ResetProjectionsHandler } from './reset-projections/reset-projections.handler';
import { ResetProjectionsHttpController } from './reset-projections/reset-projections.http.controller';

@Module({
  imports: [ConsumerModule, ProjectionsModule],
  controllers: [ProjectionStatusHttpController, ResetProjectionsHttpController],
  providers: [ResetProjectionsHandler],
})
export class AdminModule {}
