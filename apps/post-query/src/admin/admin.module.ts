import { Module } from '@nestjs/common';
import { ConsumerModule } from '../consumer/consumer.module';
import { ProjectionStatusHttpController } from './projection-status.http.controller';

@Module({
  imports: [ConsumerModule],
  controllers: [ProjectionStatusHttpController],
})
export class AdminModule {}
