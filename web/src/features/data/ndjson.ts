/**
 * Reads a stream of newline-delimited JSON (the boundary import's progress answer) line by line as
 * the bytes arrive: a line split across chunks, or a multi-byte character split across chunks, is
 * joined before it is parsed; blank lines are skipped; a final line without a newline still counts.
 */
import { texts } from './texts.ts';
export async function* readNdjson<T = unknown>(stream: ReadableStream<Uint8Array>): AsyncGenerator<T> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end).trim();
        buffer = buffer.slice(end + 1);
        if (line) yield parseLine<T>(line);
      }
      if (done) break;
    }
    const rest = buffer.trim();
    if (rest) yield parseLine<T>(rest);
  } finally {
    reader.releaseLock();
  }
}

function parseLine<T>(line: string): T {
  try {
    return JSON.parse(line) as T;
  } catch {
    // Both languages, like the server's messages: describeError shows the chosen one.
    const shown = line.slice(0, 80);
    throw new Error(`${texts.vi.unreadableLine(shown)} / ${texts.en.unreadableLine(shown)}`);
  }
}
