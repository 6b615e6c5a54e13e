/**
 * Encodes a sheet's pixels as PNG off the page's thread (png.ts sends the job), telling progress.
 */
import { encodePng } from './pngEncode.ts';
import type { PngAnswer, PngJob } from './png.ts';

const post = (answer: PngAnswer, transfer: Transferable[] = []) => self.postMessage(answer, { transfer });

self.onmessage = (event: MessageEvent<PngJob>) => {
  const { rgba, width, height, dpi } = event.data;
  try {
    let last = -1;
    const png = encodePng(rgba, width, height, {
      ...(dpi ? { dpi } : {}),
      onProgress: (done) => {
        // A message per whole percent at most.
        const pct = Math.floor(done * 100);
        if (pct > last) post({ progress: done });
        last = pct;
      },
    });
    post({ png }, [png.buffer]);
  } catch (err) {
    post({ error: err instanceof Error ? err.message : String(err) });
  }
};
