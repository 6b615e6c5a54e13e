/**
 * The cost of reading legacy Vietnamese encodings: a ~100 MB indicator-style CSV (codes, the 129
 * real ward names, periods, values) in UTF-8, Windows-1258, TCVN3 and VNI, streamed through the
 * importer's own path (textStream → csv-parse → NFC per cell) and through the encoding detection.
 * References in the same run: the same path on the UTF-8 file (what every import paid before), and
 * GNU iconv converting the file to UTF-8 (`iconv -f … -t UTF-8 > /dev/null`; VNI has no iconv
 * charset). Only ratios mean anything on a shared machine.
 *
 *   npm run bench:decode-text            (CSV_MB=100 by default)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { settleEncoding, textStream, type Encoding } from '../server/imports/files/text-encoding.ts';
import { vniEncode } from '../test/helpers/legacy-text.ts';

const TARGET = Number(process.env.CSV_MB ?? 100) * 1024 * 1024;
const names = (
  JSON.parse(
    readFileSync(new URL('../../shared/data/boundaries/vn_ninh_binh_wards_2025.geojson', import.meta.url), 'utf8'),
  ) as {
    features: { properties: { code: string; name: string } }[];
  }
).features.map((f) => f.properties);

function csvText(): string {
  const lines = ['Mã đơn vị,Tên đơn vị,Kỳ (YYYY-MM),Số vụ [cases_total]'];
  let size = 0;
  for (let i = 0; size < TARGET; i++) {
    const u = names[i % names.length]!;
    const line = `${u.code},${u.name},20${10 + (i % 15)}-${String(1 + (i % 12)).padStart(2, '0')},${i % 97}`;
    lines.push(line);
    size += line.length + 2;
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function readThrough(path: string, encoding: Encoding): Promise<{ ms: number; rows: number }> {
  const t0 = performance.now();
  const parser = parse({ delimiter: ',', skip_empty_lines: true });
  const text = textStream(encoding);
  createReadStream(path).pipe(text).pipe(parser);
  let rows = 0;
  let chars = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    for (const c of record) chars += c.trim().normalize('NFC').length;
    rows++;
  }
  if (chars === 0) throw new Error('nothing read');
  return { ms: performance.now() - t0, rows };
}

const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-decode-'));
try {
  const text = csvText();
  const files: { encoding: Encoding; iconv: string | null; bytes: Buffer }[] = [
    { encoding: 'utf-8', iconv: 'UTF-8', bytes: Buffer.from(text, 'utf8') },
    {
      encoding: 'windows-1258',
      iconv: 'CP1258',
      bytes: execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP1258'], { input: text, maxBuffer: 2 * TARGET }),
    },
    {
      encoding: 'tcvn3',
      iconv: 'TCVN5712-1',
      bytes: execFileSync('iconv', ['-f', 'UTF-8', '-t', 'TCVN5712-1'], { input: text, maxBuffer: 2 * TARGET }),
    },
    { encoding: 'vni', iconv: null, bytes: vniEncode(text) },
  ];
  const rowsOut: string[] = [];
  let utf8Ms = 0;
  for (const f of files) {
    const path = join(dir, `${f.encoding}.csv`);
    writeFileSync(path, f.bytes);
    const head = f.bytes.subarray(0, 1024 * 1024);
    const sample = head.subarray(0, head.lastIndexOf(0x0a) + 1);
    let detectMs = Infinity;
    let detected = null;
    for (let k = 0; k < 3; k++) {
      const d0 = performance.now();
      detected = settleEncoding(sample, {});
      detectMs = Math.min(detectMs, performance.now() - d0);
    }
    const runs = [await readThrough(path, f.encoding), await readThrough(path, f.encoding)];
    const ms = Math.min(...runs.map((r) => r.ms));
    if (f.encoding === 'utf-8') utf8Ms = ms;
    let iconvMs: number | null = null;
    if (f.iconv) {
      const i0 = performance.now();
      const r = spawnSync('sh', ['-c', `iconv -f ${f.iconv} -t UTF-8 "${path}" > /dev/null`]);
      if (r.status !== 0) throw new Error(`iconv failed: ${r.stderr}`);
      iconvMs = performance.now() - i0;
    }
    const mbs = statSync(path).size / 1048576;
    rowsOut.push(
      `| ${f.encoding} | ${mbs.toFixed(0)} MB | ${runs[0]!.rows.toLocaleString('en')} | ${detected?.name ?? 'none'} in ${detectMs.toFixed(0)} ms | ` +
        `${(ms / 1000).toFixed(2)} s (${(mbs / (ms / 1000)).toFixed(0)} MB/s) | ${(ms / utf8Ms).toFixed(2)}× | ` +
        `${iconvMs === null ? '—' : `${(iconvMs / 1000).toFixed(2)} s`} |`,
    );
  }
  console.log(
    '| file | size | rows | detection (1 MB head, best of 3) | read + parse + NFC (best of 2) | vs UTF-8 | iconv to UTF-8 |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rowsOut) console.log(r);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
