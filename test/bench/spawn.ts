/** Runs a job in a child Node process with the same flags as this one (--expose-gc, tsx). */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RESULT_PREFIX, type Job, type JobResult } from './jobs.js';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const TIME_LIMIT_MS = 180_000;

export interface JobOutcome<T> {
  readonly result: T;
  /** Whatever the child wrote to stderr (warnings), for the report's notes. */
  readonly stderr: string;
}

export function runJob<T extends JobResult>(job: Job): Promise<JobOutcome<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, CHILD, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIME_LIMIT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((text) => text.startsWith(RESULT_PREFIX));
      if (code === 0 && line) return resolve({ result: JSON.parse(line.slice(RESULT_PREFIX.length)) as T, stderr: stderr.trim() });
      const why = signal === 'SIGKILL' ? `killed after ${TIME_LIMIT_MS / 1000} s` : `exit code ${code}`;
      const detail = (stderr.trim() || stdout.trim()).split('\n').slice(0, 8).join('\n');
      reject(new Error(`${why}${detail ? `\n${detail}` : ''}`));
    });
  });
}
