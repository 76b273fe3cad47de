import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  POST_EVENT_HEADERS,
  decodePostEvent,
  withPersonalDataErased,
  ensurePostEventsTopic,
  type PostEventType,
} from '@social-posts/post-events';
import { KafkaClients, RestartingConsumer, WorkLoop } from '@social-posts/service-runtime';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { PostCmdEnvironment } from '../config/post-cmd.environment';
import { MODERATION_CASES, type ModerationCases } from './moderation-cases.port';
import { ModerationCommands } from './moderation-commands';
import { ModerationMetrics } from './moderation-metrics';
import { ModerationSettings } from './moderation-settings';
import {
  FOLLOWED_EVENT_TYPES,
  onEvent,
  onRefused,
  type ModerationChange,
} from './process/moderation-process';

/**
 * The moderation process's ears: its own consumer group on the events topic, so it sees every
 * post's events in order (a post is one partition's) and each post is followed by one instance
 * at a time. For each event: the commands are sent, then the changes recorded, then the offset
 * committed. A crash anywhere in between delivers the event again, and recording and sending
 * it again changes nothing (moderation-process.ts).
 */
@Injectable()
export class ModerationEventsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ModerationEventsConsumer.name);
  private readonly kafka: Kafka;
  private readonly reading: RestartingConsumer;
  private readonly loop = new WorkLoop(
    { activity: 'joining the moderation group', logger: this.logger, idleMs: 60_000 },
    () => this.start(),
  );
  private started = false;

  constructor(
    config: ConfigService<PostCmdEnvironment, true>,
    private readonly clients: KafkaClients,
    @Inject(MODERATION_CASES) private readonly cases: ModerationCases,
    private readonly commands: ModerationCommands,
    private readonly metrics: ModerationMetrics,
    private readonly settings: ModerationSettings,
  ) {
    this.kafka = clients.client({ part: 'moderation' });
    this.reading = new RestartingConsumer(this.kafka, {
      config: {
        groupId: config.get('MODERATION_GROUP_ID', { infer: true }),
        // Moderation can wait a second; the command path cannot share its CPU with a fetch per
        // event: Kafka answers once a megabyte has come or a second has passed (bench/README.md).
        minBytes: 1024 * 1024,
        maxWaitTimeInMs: 1_000,
      },
      run: (consumer) => this.consume(consumer),
      onRestartFailed: (error) =>
        this.logger.warn(`the moderation consumer could not restart (${String(error)})`),
    });
  }

  /** In the background: commands are served while Kafka is still unreachable. */
  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    await this.reading.stop();
  }

  /** Joins once Kafka answers (the loop retries with back-off); then there is nothing to do. */
  private async start(): Promise<boolean> {
    if (this.started) return false;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensurePostEventsTopic(admin, this.clients.topic, this.clients.topicSettings);
    } finally {
      await admin.disconnect();
    }
    await this.reading.start();
    this.started = true;
    this.logger.log(`following ${this.clients.topic} for moderation`);
    return false;
  }

  private async consume(consumer: Consumer): Promise<void> {
    // From the beginning: reports made before the first start still count.
    await consumer.subscribe({ topic: this.clients.topic, fromBeginning: true });
    await consumer.run({ eachMessage: ({ message }) => this.handle(message) });
  }

  private async handle(message: KafkaMessage): Promise<void> {
    const eventType = message.headers?.[POST_EVENT_HEADERS.eventType]?.toString();
    // The others are skipped on their header, before decoding, and read nothing from the store.
    if (eventType !== undefined && !FOLLOWED_EVENT_TYPES.has(eventType as PostEventType)) return;
    const decoded = decodePostEvent(message.value);
    if (!decoded.ok) {
      // post-query dead-letters it; the process cannot act on what it cannot read.
      this.logger.warn(
        `skipped an unreadable event at offset ${message.offset}: ${decoded.reason}`,
      );
      return;
    }
    // The process counts and decides; it reads no one's words, so it opens nothing.
    const envelope = withPersonalDataErased(decoded.envelope);
    if (!FOLLOWED_EVENT_TYPES.has(envelope.eventType)) return;
    const post = await this.cases.ofPost(envelope.aggregateId);
    const { changes, commands } = onEvent(post, envelope, this.settings.process);
    // Commands first: a case recorded open before its post was hidden would, after a crash,
    // meet the redelivered event as open already, and nothing would hide the post.
    const refusals: ModerationChange[] = [];
    for (const command of commands) {
      const sent = await this.commands.send(command, envelope.metadata.correlationId);
      if (!sent.accepted) refusals.push(...onRefused(command, sent.refusal, sent.at));
    }
    this.metrics.closed(await this.cases.record([...changes, ...refusals]));
  }
}
