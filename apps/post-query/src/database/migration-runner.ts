import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Any fixed number shared by all instances; names the lock in pg_locks. */
const MIGRATION_LOCK_KEY = 7_420_001;

/**
 * Runs pending migrations before the service starts. Several instances may start at once, so
 * a PostgreSQL advisory lock lets exactly one migrate while the others wait and then find
 * nothing left to do.
 */
@Injectable()
export class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger(MigrationRunner.name);

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const ran = await this.dataSource.runMigrations({ transaction: 'each' });
      for (const migration of ran) this.logger.log(`migrated: ${migration.name}`);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      await lock.release();
    }
  }
}
