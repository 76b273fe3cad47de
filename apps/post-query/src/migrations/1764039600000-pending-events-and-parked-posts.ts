import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events that arrived before one they follow wait in pending_events until it arrives; posts
 * whose events cannot be applied (a poison message) are parked, their events dead-lettered.
 */
export class PendingEventsAndParkedPosts1764039600000 implements MigrationInterface {
  name = 'PendingEventsAndParkedPosts1764039600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE pending_events (
        post_id uuid NOT NULL,
        version integer NOT NULL,
        envelope jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (post_id, version)
      )`);
    await runner.query(`
      CREATE TABLE parked_posts (
        post_key text PRIMARY KEY,
        reason text NOT NULL,
        parked_at timestamptz NOT NULL DEFAULT now(),
        dead_lettered integer NOT NULL DEFAULT 0
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE parked_posts, pending_events');
  }
}
