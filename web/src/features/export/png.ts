/**
 * PNG files of canvases. Encoding (pngEncode.ts) runs in a worker, so the page stays responsive while
 * a 17 MP sheet encodes (3–17 s on the main thread before) and the user sees its progress.
 */
import { encodePng } from './pngEncode.ts';
import { texts } from './texts.ts';

export { encodePng };

/** What the worker is sent and answers. */
export interface PngJob {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  dpi?: number;
}
export type PngAnswer = { progress: number } | { png: Uint8Array } | { error: string };

function pixels(canvas: HTMLCanvasElement): Uint8ClampedArray {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error(texts.t.noCanvas);
  return ctx.getImageData(0, 0, canvas.width, canvas.height).data;
}

const blob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' });

/** The canvas as a PNG file (at `dpi` when it is a print sheet), encoded here; small images (PDF icons). */
export function canvasPng(canvas: HTMLCanvasElement, dpi?: number): Blob {
  return blob(encodePng(pixels(canvas), canvas.width, canvas.height, dpi ? { dpi } : {}));
}

/** The canvas as a PNG file, encoded in a worker; `onProgress` hears the share done (0–1). */
export function canvasPngOffThread(
  canvas: HTMLCanvasElement,
  dpi: number | undefined,
  onProgress: (done: number) => void = () => {},
): Promise<Blob> {
  const job: PngJob = { rgba: pixels(canvas), width: canvas.width, height: canvas.height, ...(dpi ? { dpi } : {}) };
  const worker = new Worker(new URL('./png.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<Blob>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<PngAnswer>) => {
      const answer = event.data;
      if ('progress' in answer) return onProgress(answer.progress);
      worker.terminate();
      if ('png' in answer) resolve(blob(answer.png));
      else reject(new Error(answer.error));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || texts.t.failed));
    };
    // The pixels move to the worker (no copy of 70 MB).
    worker.postMessage(job, [job.rgba.buffer]);
  });
}
