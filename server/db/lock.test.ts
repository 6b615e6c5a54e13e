import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock.ts';

describe('lockDataDir', () => {
  it('refuses a folder another live process holds, naming its pid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-lock-'));
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(join(dir, 'atlas.lock'), String(child.pid));
      expect(() => lockDataDir(dir)).toThrowError(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrowError(String(child.pid));
    } finally {
      child.kill();
    }
  });

  it('refuses a second lock from the same process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-lock-'));
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrowError(DataDirLockedError);
    lock.release();
    expect(existsSync(join(dir, 'atlas.lock'))).toBe(false);
  });

  it('takes over a lock whose owner is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-lock-'));
    const child = spawn(process.execPath, ['-e', '']);
    const pid = child.pid!;
    await new Promise((r) => child.on('exit', r));
    writeFileSync(join(dir, 'atlas.lock'), String(pid));
    const lock = lockDataDir(dir);
    expect(readFileSync(join(dir, 'atlas.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
  });
});
