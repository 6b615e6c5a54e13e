/**
 * The export actions behind the buttons: each loads what it needs, renders, and offers the file.
 * This module (with MapLibre's offscreen renderer) is loaded on the first export; the PDF library
 * only on the first PDF.
 */
import { zipSync } from 'fflate';
import { fetchBriefing } from '../briefings/api.ts';
import { recordExport } from './api.ts';
import type { BriefingDetail, Me, SavedView } from '../../shared/api/types.ts';
import { testMode } from '../../shared/map/testHooks.ts';
import { composeSheet } from './compose.ts';
import { download, fileName, loadExportContext, sizeByKey, type SizeKey } from './meta.ts';
import { loadViewModel } from '../../shared/map/loadView.ts';
import type { StoredState } from '../../shared/map/viewModel.ts';
import { canvasPngOffThread } from './png.ts';
import { glLimits, MapRenderer } from './renderView.ts';

export type ExportableView = Pick<SavedView, 'title' | 'state'>;
export type Paper = 'a4' | 'a3';

export interface ExportRecord {
  kind: 'png' | 'pdf-view' | 'pdf-briefing' | 'pdf-atlas';
  name: string;
  bytes: number;
  width?: number;
  height?: number;
  pages?: number;
  /** Map rendering only (PNG), and the whole export. */
  renderMs?: number;
  /** The sheet with its map, and the PNG encoding. */
  composeMs?: number;
  encodeMs?: number;
  /** When the worker encoded (performance.now()): browser tests check the page stayed responsive. */
  encodeFrom?: number;
  encodeTo?: number;
  tiles?: number;
  /** The largest side WebGL renders in one piece here. */
  glLimit?: number;
  totalMs: number;
}

declare global {
  interface Window {
    /** Browser tests: what was exported, with timings. */
    __exports?: ExportRecord[];
  }
}

function record(entry: ExportRecord): ExportRecord {
  if (testMode) (window.__exports ??= []).push(entry);
  console.info(`ANTT Atlas export: ${JSON.stringify(entry)}`);
  return entry;
}

/** What a view shows, for the audit log: its indicator and period. */
function shown(view: ExportableView): { indicator?: string; period?: string } {
  const s = view.state as { indicator?: unknown; period?: unknown };
  return {
    ...(typeof s.indicator === 'string' ? { indicator: s.indicator } : {}),
    ...(typeof s.period === 'string' ? { period: s.period } : {}),
  };
}

/**
 * PNG of one view at a size. Several views (a briefing) are put in one ZIP (stored, PNG is already
 * compressed): browsers hold back a page's second and later downloads until the user allows them.
 */
export async function exportPng(
  views: ExportableView[],
  me: Me,
  size: SizeKey,
  zipName = 'ban-do',
  /** The encoding's progress: share done (0–1) of view `n` (1-based) of `of`. */
  onProgress: (done: number, n: number, of: number) => void = () => {},
): Promise<ExportRecord[]> {
  const context = await loadExportContext(me);
  const renderer = await MapRenderer.open();
  const out: ExportRecord[] = [];
  const files: Record<string, Uint8Array> = {};
  try {
    for (const [i, view] of views.entries()) {
      const started = performance.now();
      const model = await loadViewModel(view.state as StoredState);
      const composing = performance.now();
      const { canvas, map } = await composeSheet(model, sizeByKey(size), context, view.title, renderer);
      const encoding = performance.now();
      const dpi = Math.round(sizeByKey(size).pixelRatio * 96);
      // The worker's first word: the pixels are read and handed over, the page is free again.
      let encodeFrom: number | undefined;
      const blob = await canvasPngOffThread(canvas, dpi, (done) => {
        encodeFrom ??= performance.now();
        onProgress(done, i + 1, views.length);
      });
      const encoded = performance.now();
      const name = fileName(`${views.length > 1 ? `${i + 1}-` : ''}${view.title || model.legendTitle}-${size}`, 'png');
      // Recorded in the audit log before the file is offered: no record, no file.
      await recordExport({
        format: 'png',
        kind: views.length > 1 ? 'briefing' : 'view',
        title: (view.title || model.legendTitle).slice(0, 300),
        file_name: name.slice(0, 200),
        paper: size,
        ...shown(view),
      });
      if (views.length > 1) files[name] = new Uint8Array(await blob.arrayBuffer());
      else download(blob, name);
      out.push(
        record({
          kind: 'png',
          name,
          bytes: blob.size,
          width: canvas.width,
          height: canvas.height,
          renderMs: map.milliseconds,
          composeMs: Math.round(encoding - composing),
          encodeMs: Math.round(encoded - encoding),
          encodeFrom: encodeFrom ?? encoding,
          encodeTo: encoded,
          tiles: map.tiles,
          glLimit: glLimits().limit,
          totalMs: Math.round(performance.now() - started),
        }),
      );
      // Release the large canvas at once.
      canvas.width = 0;
      canvas.height = 0;
    }
  } finally {
    renderer.close();
  }
  if (views.length > 1) {
    const zip = zipSync(files, { level: 0 });
    download(
      new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
      fileName(`${zipName}-${size}`, 'zip'),
    );
  }
  return out;
}

/** A PDF made in the browser: announced to the audit log first (no record, no file), then offered. */
async function offerPdf(
  kind: 'view' | 'briefing' | 'atlas',
  title: string,
  name: string,
  paper: Paper,
  result: { blob: Blob; pages: number; milliseconds: number },
  facts: { indicator?: string; period?: string } = {},
): Promise<ExportRecord> {
  await recordExport({
    format: 'pdf',
    kind,
    title: title.slice(0, 300),
    file_name: name.slice(0, 200),
    paper,
    pages: result.pages,
    ...facts,
  });
  download(result.blob, name);
  return record({
    kind: `pdf-${kind}`,
    name,
    bytes: result.blob.size,
    pages: result.pages,
    totalMs: result.milliseconds,
  });
}

export async function exportViewPdf(view: ExportableView, me: Me, paper: Paper): Promise<ExportRecord> {
  const [{ viewPdf }, context] = await Promise.all([import('./pdf.ts'), loadExportContext(me)]);
  const result = await viewPdf(view, context, paper);
  return offerPdf('view', view.title, fileName(`${view.title}-${paper}`, 'pdf'), paper, result, shown(view));
}

export async function exportBriefingPdf(
  briefing: number | BriefingDetail,
  me: Me,
  paper: Paper,
): Promise<ExportRecord> {
  const detail = typeof briefing === 'number' ? await fetchBriefing(briefing) : briefing;
  const [{ briefingPdf }, context] = await Promise.all([import('./pdf.ts'), loadExportContext(me)]);
  const result = await briefingPdf(detail, context, paper);
  return offerPdf('briefing', detail.title, fileName(`${detail.title}-${paper}`, 'pdf'), paper, result);
}

export async function exportAtlasPdf(view: ExportableView, me: Me, paper: Paper): Promise<ExportRecord> {
  const [{ atlasPdf }, context] = await Promise.all([import('./pdf.ts'), loadExportContext(me)]);
  const result = await atlasPdf(view, context, paper);
  const name = fileName(`tap-ban-do-${view.title}-${paper}`, 'pdf');
  return offerPdf('atlas', view.title, name, paper, result, shown(view));
}
