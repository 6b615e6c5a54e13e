import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Throwaway PostgreSQL 15 clusters on loopback for tests that need more than one server: a primary
 * and streaming replicas made with `pg_basebackup -R`, as docs/deploy.md tells an operator to.
 * Runs the Debian binaries as the `postgres` user (initdb refuses root).
 */
export const PG_BIN = '/usr/lib/postgresql/15/bin';

/** Whether this machine can start clusters (the binaries, and root to act as `postgres`). */
export function canStartClusters(): boolean {
  return existsSync(join(PG_BIN, 'initdb')) && process.getuid?.() === 0;
}

const asPostgres = (bin: string, args: string[]) =>
  execFileSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args], { stdio: 'pipe' });

export interface Cluster {
  port: number;
  dir: string;
  url(db?: string): string;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  remove(): void;
}

function cluster(dir: string, port: number): Cluster {
  const data = join(dir, 'data');
  const opts = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c wal_level=replica',
    '-c max_wal_senders=5',
    '-c hot_standby=on',
    '-c max_connections=100',
  ].join(' ');
  const c: Cluster = {
    port,
    dir,
    url: (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`,
    start: () => void asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', 'start', '-o', opts]),
    stop: (mode = 'fast') => {
      spawnSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, 'pg_ctl'), '-D', data, '-m', mode, '-w', 'stop'], {
        stdio: 'ignore',
      });
    },
    remove: () => {
      c.stop('immediate');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return c;
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chownSync(dir, uidOf('postgres'), gidOf('postgres'));
  return dir;
}

const uidOf = (user: string) => Number(execFileSync('id', ['-u', user]).toString().trim());
const gidOf = (user: string) => Number(execFileSync('id', ['-g', user]).toString().trim());

/** A new primary (trust authentication on loopback, replication allowed) listening on `port`. */
export function startPrimary(port: number): Cluster {
  const dir = tempDir('atlas-primary-');
  asPostgres('initdb', [
    '-D',
    join(dir, 'data'),
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  const c = cluster(dir, port);
  c.start();
  return c;
}

/** A streaming replica of `primary` (`pg_basebackup -R`: standby.signal and primary_conninfo written). */
export function startReplica(primary: Cluster, port: number): Cluster {
  const dir = tempDir('atlas-replica-');
  asPostgres('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-D',
    join(dir, 'data'),
    '-R',
    '-X',
    'stream',
  ]);
  const c = cluster(dir, port);
  c.start();
  return c;
}
