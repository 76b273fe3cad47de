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
        // While PostgreSQL is away a query fails fast (503) instead of waiting for a connection.
        extra: { connectionTimeoutMillis: 3_000 },
      }),
    }),
  ],
  providers: [MigrationRunner],
})
export class DatabaseModule {}
