import { describe, expect, it } from 'vitest';
import { readNdjson } from './ndjson.ts';
import { importPercent } from './progress.ts';

function streamOf(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(typeof c === 'string' ? encoder.encode(c) : c);
      controller.close();
    },
  });
}

async function all<T>(gen: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

describe('readNdjson', () => {
  it('joins lines split across chunks and skips blank lines', async () => {
    const lines = await all(
      readNdjson(streamOf(['{"stage":"read","feat', 'ures":2000}\n\n{"stage":"check"}\n{"stage":"do', 'ne"}\n'])),
    );
    expect(lines).toEqual([{ stage: 'read', features: 2000 }, { stage: 'check' }, { stage: 'done' }]);
  });

  it('joins a Vietnamese character split between chunks, and reads a last line without newline', async () => {
    const bytes = new TextEncoder().encode('{"message":"Phường"}');
    const cut = bytes.indexOf(0xc6) + 1; // inside the two bytes of "ư"
    const lines = await all(readNdjson(streamOf([bytes.slice(0, cut), bytes.slice(cut)])));
    expect(lines).toEqual([{ message: 'Phường' }]);
  });

  it('says which line it could not read', async () => {
    await expect(all(readNdjson(streamOf(['{"stage":"read"}\n<html>oops</html>\n'])))).rejects.toThrow(
      /unreadable progress line: <html>/,
    );
  });
});

describe('importPercent', () => {
  it('rises with the features read, then the checks and the commit, and ends at 100', () => {
    expect(importPercent(null, 10)).toBe(0);
    expect(importPercent({ stage: 'read', features: 5 }, 10)).toBe(40);
    expect(importPercent({ stage: 'read', features: 50 }, 10)).toBe(80);
    expect(importPercent({ stage: 'read', features: 5 }, null)).toBe(40);
    expect(importPercent({ stage: 'check' }, 10)).toBe(85);
    expect(importPercent({ stage: 'commit' }, 10)).toBe(92);
    expect(importPercent({ stage: 'done', statusCode: 200 }, 10)).toBe(100);
  });
});
