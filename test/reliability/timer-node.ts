/**
 * One server's job executor in a process of its own, for timers-crash.test.ts, which kills it.
 * Run as `node --import tsx test/reliability/timer-node.ts <databaseUrl> <lockMs> <batchSize> <pollMs>`:
 * it opens the database with the system clock, starts polling and prints `ready` once polling.
 * SIGTERM closes it in order; SIGKILL is what the test sends.
 */
import { createEngine } from '../../engine/index.js';

const [databaseUrl, lockMs = '1500', batchSize = '500', pollMs = '20'] = process.argv.slice(2);
if (!databaseUrl) throw new Error('usage: timer-node.ts <databaseUrl> [lockMs] [batchSize] [pollMs]');

const engine = await createEngine({ databaseUrl, jobs: { lockMs: Number(lockMs), batchSize: Number(batchSize) } });
engine.startJobExecutor({ pollMs: Number(pollMs) });
process.stdout.write('ready\n');
process.on('SIGTERM', () => void engine.close().then(() => process.exit(0)));
