/**
 * Keeps a CallerCache live on PostgreSQL: a connection of its own (made like the engine's pool
 * makes them, but outside the pool) LISTENs on the channel the triggers of migration 003 notify, and
 * every notification makes the cache forget its callers. The cache keeps callers only while the
 * LISTEN stands: when the connection fails or ends it stops keeping them (every request reads its
 * caller again), and the listener connects again after 0.5 s, doubling up to 30 s; once LISTEN is
 * back the cache starts empty, so notifications missed meanwhile do not matter. The connection and
 * its timers do not keep the process alive; stop() closes it. On SQLite nothing listens and the
 * cache stays off.
 */
import type { Sequelize } from 'sequelize';
import type { Logger } from 'pino';
import { CALLER_CHANGES_CHANNEL } from '../store/migrations/003-caller-notifications.js';
import type { CallerCache } from './caller-cache.js';

interface ListenClient {
  query(text: string): Promise<unknown>;
  on(event: 'notification', listener: () => void): void;
  on(event: 'error' | 'end', listener: (error?: Error) => void): void;
  removeAllListeners(): void;
  connection?: { stream?: { unref?(): void } };
}

/** Sequelize's connection manager, as far as making a connection outside its pool goes. */
interface ConnectionMaker {
  readonly config: { readonly replication?: { readonly write?: unknown } | false };
  _connect(config: unknown): Promise<ListenClient>;
  _disconnect(client: ListenClient): Promise<void>;
}

export interface CallerListener {
  stop(): Promise<void>;
}

const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 30_000;

export function listenForCallerChanges(sequelize: Sequelize, cache: CallerCache, logger: Logger): CallerListener {
  if (sequelize.getDialect() !== 'postgres') return { stop: async () => undefined };
  const maker = sequelize.connectionManager as unknown as ConnectionMaker;
  let client: ListenClient | undefined;
  let retry: NodeJS.Timeout | undefined;
  let retryMs = FIRST_RETRY_MS;
  let stopped = false;
  let connecting: Promise<void> | undefined;

  /** Stops using the connection (the cache stops keeping callers) and closes it, whatever state it is in. */
  const release = async () => {
    cache.setLive(false);
    const gone = client;
    client = undefined;
    if (!gone) return;
    gone.removeAllListeners();
    gone.on('error', () => undefined);
    await maker._disconnect(gone).catch(() => undefined);
  };

  const lost = (why: string, error?: Error) => {
    void release();
    if (stopped) return;
    logger.warn({ err: error, retryMs }, `caller changes: ${why}; every request reads its caller until listening again`);
    retry = setTimeout(() => (connecting = connect()), retryMs);
    retry.unref();
    retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
  };

  const connect = async () => {
    retry = undefined;
    let connected: ListenClient | undefined;
    try {
      connected = await maker._connect(maker.config.replication ? maker.config.replication.write : maker.config);
      if (stopped) {
        await maker._disconnect(connected);
        return;
      }
      client = connected;
      connected.connection?.stream?.unref?.();
      connected.on('notification', () => cache.forget());
      connected.on('error', (error) => lost('the connection failed', error));
      connected.on('end', () => lost('the connection ended'));
      await connected.query(`LISTEN ${CALLER_CHANGES_CHANNEL}`);
      if (client !== connected) return;
      retryMs = FIRST_RETRY_MS;
      cache.setLive(true);
    } catch (error) {
      if (connected && client !== connected) return; // already handled by the connection's own events
      lost('could not listen', error as Error);
    }
  };

  connecting = connect();
  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await connecting;
      await release();
    },
  };
}
