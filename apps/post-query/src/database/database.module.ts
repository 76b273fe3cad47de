import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { PostQueryEnvironment } from '../config/post-query.environment';
import { MIGRATIONS } from '../migrations';
import { MigrationRunner } from './migration-runner';

/** PostgreSQL through TypeORM. The schema comes from migrations only, never `synchronize`. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<PostQueryEnvironment, true>) => ({
        type: 'postgres',
        url: config.get('DATABASE_URL', { infer: true }),
        autoLoadEntities: true,
        synchronize: false,
        migrations: MIGRATIONS,
        migrationsRun: false,
        // A query that PostgreSQL does not answer in time, or that waits that long for a
        // connection, fails (a 503 on a request; the consumer retries its batch) rather than
        // hanging. Client-side: a server that hangs runs no statement_timeout.
        extra: {
          connectionTimeoutMillis: config.get('DATABASE_TIMEOUT_MS', { infer: true }),
          query_timeout: config.get('DATABASE_TIMEOUT_MS', { infer: true }),
        },
      }),
    }),
  ],
  providers: [MigrationRunner],
})
export class DatabaseModule {}
