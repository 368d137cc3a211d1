/**
 * The HTTP API's overhead: officers claim and complete tasks over HTTP (`POST /api/tasks/{id}/claim`,
 * `POST /api/tasks/{id}/complete`, each authenticated, permission-checked and logged like any
 * request) against the same work through the engine library, in the same process and run, on the
 * same database. 50 officers (users of the seeded specialists' division, each with their own token)
 * work at once from a process of their own, each taking the next of the pre-started tasks; the
 * library's 50 workers run in the server's process. After an untimed round each way, the timed
 * rounds alternate (HTTP then library, library then HTTP, …) so that neither always meets the
 * database or the machine in a later state; each path's figures are those of its rounds together.
 * Latency is per claim+complete pair. Last, the officers send two `GET /health` per task, for the
 * server's CPU per two requests that do nothing.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createEngine, type Engine } from '../../../engine/index.js';
import { closeApp, createApp, servicesOf } from '../../../api/app.js';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '../../../api/auth/passwords.js';
import { addAssignment, insertUser } from '../../../api/store/users.js';
import { RESULT_PREFIX } from '../jobs.js';
import { drive, figuresOf, tasksPerSecondOf, type WorkFigures, type WorkRound } from './http-drive.js';

export type { WorkFigures };

export interface HttpApiResult {
  readonly officers: number;
  readonly api: WorkFigures;
  readonly library: WorkFigures;
  /** HTTP tasks/s over the library's in each pair of timed rounds, in order. */
  readonly ratios: readonly number[];
  /** CPU the officers' own process spent per task (it shares the machine's cores with the server). */
  readonly clientCpuMsPerTask: number;
  /**
   * CPU the server's process spent per task, over HTTP and through the library; `floor`: for two
   * `GET /health` per task (no authentication, no database), what any two requests cost it.
   */
  readonly serverCpuMsPerTask: { readonly api: number; readonly library: number; readonly floor: number };
  readonly failures: readonly string[];
}

/** A timed round: the work and the server's CPU per task. */
interface TimedRound {
  readonly work: WorkRound;
  readonly cpuMs: number;
}

interface OfficersResult {
  readonly round: WorkRound;
  readonly failures: string[];
  readonly cpuMsPerTask: number;
}

const UNIT_CODE = '000.10.20.H40'; // the seeded specialists' division
const PASSWORD = 'bench-password-1';
const OFFICERS_SCRIPT = fileURLToPath(new URL('./http-officers.ts', import.meta.url));

/** Runs the officers in their own process (http-officers.ts) against the server at `base`. */
function officersOverHttp(base: string, tokens: readonly string[], taskIds: readonly string[], floor = false): Promise<OfficersResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', OFFICERS_SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((text) => text.startsWith(RESULT_PREFIX));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as OfficersResult);
      else reject(new Error(`the officers' process failed (${code}): ${stderr.trim().split('\n').slice(0, 5).join(' | ')}`));
    });
    child.stdin.end(JSON.stringify({ base, tokens, taskIds, floor }));
  });
}

/** Starts counting this process's CPU; the function returned gives the ms spent per task since. */
function cpuPerTask(tasks: number): () => number {
  const before = process.cpuUsage();
  return () => {
    const spent = process.cpuUsage(before);
    return (spent.user + spent.system) / 1000 / tasks;
  };
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

/**
 * Gives PostgreSQL statistics of the tables as they are now, as a database in service has them.
 * The bench's database is seconds old; autovacuum's first ANALYZE comes up to a minute later, at a
 * different point of each phase. Without statistics PostgreSQL may reach a task through an index
 * on its state or unit instead of its key and walk every open task of the unit: a claim with the
 * caller's access filters took 2.4 ms of the database's time instead of 0.3.
 */
async function analyze(engine: Engine): Promise<void> {
  await engine.sequelize.query('ANALYZE');
}

export async function benchHttpApi(databaseUrl: string, tasks: number, officers: number, rounds: number): Promise<HttpApiResult> {
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
      const { sql } = servicesOf(app);
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
      const clientCpu: number[] = [];
      /** One round on fresh tasks, after an ANALYZE: its work and the server's CPU per task. */
      const round = async (path: 'api' | 'library', label: string): Promise<TimedRound> => {
        const ids = await startTasks(engine, tasks, label);
        await analyze(engine);
        const cpu = cpuPerTask(tasks);
        if (path === 'library') {
          const work = await drive(ids, officers, async (officer, id) => {
            await engine.claimTask(id, `bench.cv${officer}`);
            await engine.completeTask(id, { userId: `bench.cv${officer}` });
          }, failures);
          return { work, cpuMs: cpu() };
        }
        const overHttp = await officersOverHttp(base, tokens, ids);
        const cpuMs = cpu();
        failures.push(...overHttp.failures);
        clientCpu.push(overHttp.cpuMsPerTask);
        return { work: overHttp.round, cpuMs };
      };
      // Warm-up (untimed): a whole round each way, so that both are measured with their code
      // compiled by the JIT (after a few dozen tasks the API still ran a fifth slower than warm).
      await round('api', 'warm-http');
      await round('library', 'warm-lib');
      clientCpu.length = 0;
      const timed = { api: [] as TimedRound[], library: [] as TimedRound[] };
      for (let index = 0; index < rounds; index++) {
        const order = index % 2 === 0 ? (['api', 'library'] as const) : (['library', 'api'] as const);
        for (const path of order) timed[path].push(await round(path, `${path}-${index}`));
      }
      const ratios = timed.api.map((api, index) => tasksPerSecondOf(api.work) / tasksPerSecondOf(timed.library[index]!.work));
      const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
      // The floor: the same number of requests, to a route that does nothing (the ids are not used).
      const floorCpu = cpuPerTask(tasks);
      const floor = await officersOverHttp(base, tokens, Array.from({ length: tasks }, (_unused, index) => String(index)), true);
      const floorCpuMs = floorCpu();
      failures.push(...floor.failures);
      return {
        officers,
        api: figuresOf(timed.api.map((timedRound) => timedRound.work)),
        library: figuresOf(timed.library.map((timedRound) => timedRound.work)),
        ratios,
        clientCpuMsPerTask: mean(clientCpu),
        serverCpuMsPerTask: {
          api: mean(timed.api.map((timedRound) => timedRound.cpuMs)),
          library: mean(timed.library.map((timedRound) => timedRound.cpuMs)),
          floor: floorCpuMs,
        },
        failures,
      };
    } finally {
      server.closeAllConnections();
      server.close();
      await closeApp(app);
    }
  } finally {
    await engine.close();
  }
}
