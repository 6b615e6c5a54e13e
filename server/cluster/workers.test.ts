import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config.ts';
import { workerCount } from './workers.ts';

describe('how many server processes', () => {
  const pg = 'postgres://db/atlas';
  it('one per core with PostgreSQL unless WORKERS says otherwise', () => {
    expect(workerCount({ DATABASE_URL: pg }, 4)).toBe(4);
    expect(workerCount({ DATABASE_URL: pg, WORKERS: 2 }, 4)).toBe(2);
  });
  it('always one with the embedded database; asking for more is a configuration error', () => {
    expect(workerCount({}, 8)).toBe(1);
    expect(workerCount({ WORKERS: 1 }, 8)).toBe(1);
    expect(() => workerCount({ WORKERS: 3 }, 8)).toThrow(ConfigError);
  });
});
