/**
 * Engines for tests. Without DATABASE_URL each engine gets its own in-memory SQLite database. With
 * DATABASE_URL (PostgreSQL) each call of testDatabase() creates a fresh database on that server, so
 * test files running in parallel never see each other's rows; it is dropped again afterwards.
 */
import pg from 'pg';
import { createEngine, type Engine, type EngineOptions } from '../../engine/index.js';

export const onPostgres = (): boolean => /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? '');

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

let counter = 0;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A database of its own for one test file (or one test). */
export async function testDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl || !onPostgres()) return { url: 'sqlite::memory:', drop: async () => undefined };
  const name = `motcua_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, name),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A settable clock: tests move time, the engine never reads the system clock. */
export class TestClock {
  constructor(private current = new Date('2026-03-02T02:00:00.000Z')) {}
  now = (): Date => new Date(this.current.getTime());
  set(date: Date): void {
    this.current = new Date(date.getTime());
  }
  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

export interface TestEngine {
  readonly engine: Engine;
  readonly clock: TestClock;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

/** An engine on a fresh database with a test clock; close() also drops the database. */
export async function startTestEngine(options: Omit<EngineOptions, 'databaseUrl' | 'clock'> = {}): Promise<TestEngine> {
  const database = await testDatabase();
  const clock = new TestClock();
  const engine = await createEngine({ ...options, databaseUrl: database.url, clock });
  return {
    engine,
    clock,
    database,
    async close() {
      await engine.close();
      await database.drop();
    },
  };
}
