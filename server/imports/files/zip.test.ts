import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { zipOfZeros } from '../../../test/helpers/zip-files.ts';
import { describe, expect, it } from 'vitest';
import { checkZipEntries, hasZipMagic, isUnsafePath, readZipDirectory, ZipProblem } from './zip.ts';

const dir = mkdtempSync(join(tmpdir(), 'atlas-zip-test-'));
const file = (name: string, bytes: Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

describe('ZIP directory checks', () => {
  it('lists entries with their declared sizes', async () => {
    const z = zipSync({ 'a/layer.shp': new Uint8Array(1000), 'a/layer.dbf': new TextEncoder().encode('x') });
    const entries = await readZipDirectory(file('ok.zip', z));
    expect(entries.map((e) => [e.name, e.size])).toEqual([
      ['a/layer.shp', 1000],
      ['a/layer.dbf', 1],
    ]);
    expect(() => checkZipEntries(entries, 10_000)).not.toThrow();
  });

  it('knows a ZIP by its first record, not by "PK" alone', () => {
    expect(hasZipMagic(zipSync({ a: new Uint8Array(1) }))).toBe(true);
    expect(hasZipMagic(Buffer.from('PK_ID,code,name\n'))).toBe(false);
  });

  it('says "not a ZIP" for a file that only starts like one', async () => {
    const path = file('pk.zip', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(5000, 7)]));
    await expect(readZipDirectory(path)).rejects.toMatchObject({ code: 'not_zip', message: /not a ZIP archive/ });
  });

  it('refuses unsafe names, printably, and sizes declared beyond the limit', async () => {
    const evil = await readZipDirectory(
      file('evil.zip', zipSync({ 'ok.shp': new Uint8Array(1), '../x': new Uint8Array(1) })),
    );
    expect(() => checkZipEntries(evil, 1e9)).toThrow('unsafe path in archive: ../x');
    for (const n of ['/etc/passwd', 'C:\\x', 'a/../../b', 'a\\..\\b']) expect(isUnsafePath(n), n).toBe(true);
    for (const n of ['a/b.shp', 'a..b.shp', '..hidden']) expect(isUnsafePath(n), n).toBe(false);
    // A directory that declares 600 MB for a small file: refused from the directory alone.
    const z = Buffer.from(zipSync({ 'layer.shp': new Uint8Array(10) }));
    const cd = z.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    z.writeUInt32LE(600 * 1024 * 1024, cd + 24);
    const bomb = await readZipDirectory(file('bomb.zip', z));
    try {
      checkZipEntries(bomb, 64 * 1024 * 1024);
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(ZipProblem);
      expect(e).toMatchObject({ code: 'too_large', params: { declared: 629145600 } });
      expect((e as Error).message).toMatch(/declares 629145600 bytes uncompressed.*before inflating/);
    }
  });

  it('the test zip bomb is a real ZIP of zeros (checked on a small one)', async () => {
    const small = zipOfZeros('layer.shp', 100_003);
    const out = unzipSync(new Uint8Array(small))['layer.shp']!;
    expect(out.length).toBe(100_003);
    expect(out.every((b) => b === 0)).toBe(true);
    const bomb = zipOfZeros('layer.shp', 600 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(4_000_000);
    expect((await readZipDirectory(file('real-bomb.zip', bomb)))[0]!.size).toBe(629145600);
  });
});
