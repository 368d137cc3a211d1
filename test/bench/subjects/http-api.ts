/**
 * The HTTP API's overhead: officers claim and complete tasks over HTTP (`POST /api/tasks/{id}/claim`,
 * `POST /api/tasks/{id}/complete`, each authenticated, permission-checked and logged like any
 * request) against the same work through the engine library, in the same process and run, on the
 * same database. 50 officers (seeded users of one unit, each with their own token) work at once,
 * each taking the next of the pre-started tasks. Latency is per claim+complete pair.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createEngine, type Engine } from '../../../engine/index.js';
import { createApp } from '../../../api/app.js';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '../../../api/auth/passwords.js';
import { createSql } from '../../../api/store/sql.js';
import { addAssignment, insertUser } from '../../../api/store/users.js';

export interface WorkFigures {
  readonly tasks: number;
  readonly seconds: number;
  readonly tasksPerSecond: number;
  /** claim + complete, per task, in ms. */
  readonly p50: number;
  readonly p99: number;
}

export interface HttpApiResult {
  readonly officers: number;
  readonly api: WorkFigures;
  readonly library: WorkFigures;
  readonly failures: readonly string[];
}

const UNIT_CODE = '000.10.20.H40'; // the seeded specialists' division
const PASSWORD = 'bench-password-1';

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `officers` workers over the task ids; each worker does `work` for the next id. */
async function drive(taskIds: readonly string[], officers: number, work: (officer: number, taskId: string) => Promise<void>, failures: string[]): Promise<WorkFigures> {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: officers }, async (_unused, officer) => {
      for (let index = next++; index < taskIds.length; index = next++) {
        const begin = performance.now();
        try {
          await work(officer, taskIds[index]!);
          latencies.push(performance.now() - begin);
        } catch (error) {
          if (failures.length < 5) failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { tasks: latencies.length, seconds, tasksPerSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Starts `count` instances; their tasks (one each) wait unclaimed in the specialists' division. */
async function startTasks(engine: Engine, count: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const { id } = await engine.startProcess('bench_http_task', { unitId: UNIT_CODE, businessKey: `${prefix}-${index}` });
    const [task] = await engine.queryTasks({ processInstanceId: id });
    if (!task) throw new Error(`instance ${id} has no task`);
    ids.push(task.id);
  }
  return ids;
}

export async function benchHttpApi(databaseUrl: string, tasks: number, officers: number): Promise<HttpApiResult> {
  const engine = await createEngine({ databaseUrl });
  const failures: string[] = [];
  try {
    const app = await createApp(engine, { jwtSecret: 'bench-secret-bench-secret-bench-secret-0123', scryptCost: 1024, logger: pino({ level: 'silent' }) });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await engine.deploy(readFileSync(fileURLToPath(new URL('../models/http-task.bpmn', import.meta.url)), 'utf8'), { name: 'bench http' });
      // The officers: specialists of the seeded division, created through the API's own store
      // (created a minute ago, so that a token issued now is not older than the account).
      const sql = createSql(engine.sequelize, (work) => engine.runExclusive(work));
      const [division] = await sql.select<{ id: string }>('SELECT id FROM units WHERE code = :code', { code: UNIT_CODE });
      if (!division) throw new Error(`the seeded unit ${UNIT_CODE} is missing`);
      const passwordHash = await hashPassword(PASSWORD, 1024);
      const created = new Date(Date.now() - 60_000);
      const tokens: string[] = [];
      for (let officer = 0; officer < officers; officer++) {
        const username = `bench.cv${officer}`;
        const id = randomUUID();
        await insertUser(sql, { id, username, displayName: username, email: null, unitId: division.id, passwordHash }, created);
        await addAssignment(sql, id, { roleCode: 'chuyen_vien', unitId: division.id }, created);
        const login = await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: PASSWORD }),
        });
        if (!login.ok) throw new Error(`login of ${username}: ${login.status} ${await login.text()}`);
        tokens.push(((await login.json()) as { token: string }).token);
      }
      const post = async (token: string, path: string) => {
        const response = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
        if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
      };
      // Warm-up (untimed), then the API, then the library on fresh tasks of the same database.
      const warm = await startTasks(engine, officers, 'warm');
      await drive(warm, officers, async (officer, id) => {
        await post(tokens[officer]!, `/api/tasks/${id}/claim`);
        await post(tokens[officer]!, `/api/tasks/${id}/complete`);
      }, failures);
      const overHttp = await startTasks(engine, tasks, 'http');
      const api = await drive(overHttp, officers, async (officer, id) => {
        await post(tokens[officer]!, `/api/tasks/${id}/claim`);
        await post(tokens[officer]!, `/api/tasks/${id}/complete`);
      }, failures);
      const direct = await startTasks(engine, tasks, 'lib');
      const library = await drive(direct, officers, async (officer, id) => {
        await engine.claimTask(id, `bench.cv${officer}`);
        await engine.completeTask(id, { userId: `bench.cv${officer}` });
      }, failures);
      return { officers, api, library, failures };
    } finally {
      server.closeAllConnections();
      server.close();
    }
  } finally {
    await engine.close();
  }
}
