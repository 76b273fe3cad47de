import { Global, Module } from '@nestjs/common';
import { KafkaClients } from './kafka-clients';

/** KafkaClients for every module of a service; the service's environment extends KafkaEnvironment. */
@Global()
@Module({ providers: [KafkaClients], exports: [KafkaClients] })
export class KafkaModule {}
