import { Module } from '@nestjs/common';
import { ConsumerModule } from '../consumer/consumer.module';
import { ProjectionStatusHttpController } from './projection-status.http.controller';
import { ResetProjectionsHandler } from './reset-projections/reset-projections.handler';
import { ResetProjectionsHttpController } from './reset-projections/reset-projections.http.controller';

@Module({
  imports: [ConsumerModule],
  controllers: [ProjectionStatusHttpController, ResetProjectionsHttpController],
  providers: [ResetProjectionsHandler],
})
export class AdminModule {}
