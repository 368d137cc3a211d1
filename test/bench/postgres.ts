/** The bench's own PostgreSQL databases: each measurement gets a fresh one, dropped afterwards. */
import pg from 'pg';

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Null when the server answers, else why not. */
export async function postgresProblem(adminUrl: string): Promise<string | null> {
  try {
    await withAdmin(adminUrl, (client) => client.query('SELECT 1'));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  }
}

export interface BenchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

let counter = 0;

export async function createBenchDatabase(adminUrl: string, label: string): Promise<BenchDatabase> {
  const name = `motcua_bench_${label.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_${process.pid}_${counter++}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
