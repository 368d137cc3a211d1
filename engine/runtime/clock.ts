/** The engine's sense of time and identity, injected so tests can move time and name things. */
import { randomUUID } from 'node:crypto';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export type IdGenerator = () => string;

export const randomIds: IdGenerator = () => randomUUID();
