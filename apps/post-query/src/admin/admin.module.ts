import { Module } from '@nestjs/common';
import { ConsumerModule } from '../consumer/consumer.module';
import { ProjectionStatusHttpController } from './projection-status.http.controller';
import {
  AbandonRebuildHandler,
  RebuildProjectionHandler,
} from './rebuild-projection/rebuild-projection.handlers';
import { RebuildProjectionHttpController } from './rebuild-projection/rebuild-projection.http.controller';

@Module({
  imports: [ConsumerModule],
  controllers: [ProjectionStatusHttpController, RebuildProjectionHttpController],
  providers: [RebuildProjectionHandler, AbandonRebuildHandler],
})
export class AdminModule {}
