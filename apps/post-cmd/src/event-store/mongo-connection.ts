import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MongoClient, type Db } from 'mongodb';
import type { PostCmdEnvironment } from '../config/post-cmd.environment';

/** The MongoDB client, connected before the app starts serving and closed after it stops. */
@Injectable()
export class MongoConnection implements OnApplicationShutdown {
  private readonly client: MongoClient;
  readonly db: Db;

  constructor(config: ConfigService<PostCmdEnvironment, true>) {
    this.client = new MongoClient(config.get('MONGO_URL', { infer: true }), {
      serverSelectionTimeoutMS: 5_000,
    });
    this.db = this.client.db(config.get('MONGO_DATABASE', { infer: true }));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
