/**
 * What every export prints besides the map — who exported it and when, the data source and
 * attribution, the security classification line an administrator set, the demo mark — and the
 * export sizes. Shared by the PNG composition and the PDF pages so both say the same.
 */
import { fetchHealth } from '../../app/api.ts';
import { fetchExportSettings } from '../briefings/api.ts';
import type { ExportSettings, Me } from '../../shared/api/types.ts';
import { formatDateTime } from '../../shared/i18n/format.ts';
import { basemap } from '../../shared/map/basemap/basemap.svelte.ts';
import type { ViewModel } from '../../shared/map/viewModel.ts';
import { PAPER_SIZES, type ExportSize } from './sheet.ts';
import { texts } from './texts.ts';

export { fileName, PAPER_SIZES, scaleBar, type ExportSize, type SizeKey } from './sheet.ts';

/** Every PNG size, the screen's first (its size right now). */
export function exportSizes(): ExportSize[] {
  const tx = texts.t;
  const ratio = window.devicePixelRatio || 1;
  const screenW = Math.round(window.screen.width * ratio);
  const screenH = Math.round(window.screen.height * ratio);
  return [
    { key: 'screen', label: tx.screen(screenW, screenH), width: screenW, height: screenH, pixelRatio: ratio },
    { key: 'hd', label: tx.projector, width: 1920, height: 1080, pixelRatio: 1 },
    ...PAPER_SIZES.map((s) => ({ ...s, label: `${paperLabel(s)} (${s.width}×${s.height})` })),
  ];
}

export function sizeByKey(key: string): ExportSize {
  return exportSizes().find((s) => s.key === key) ?? exportSizes()[1]!;
}

export interface ExportContext {
  settings: ExportSettings;
  demo: boolean;
  userName: string;
  username: string;
  exportedAt: Date;
  /** The credit of the basemap drawn under the map (© OpenStreetMap contributors…), or null for none. */
  basemapCredit?: string | null;
}

/** The export settings and the demo flag, asked fresh for every export (an admin may have changed them). */
export async function loadExportContext(me: Me): Promise<ExportContext> {
  const [settings, health] = await Promise.all([fetchExportSettings(), fetchHealth()]);
  return {
    settings,
    demo: health.demo,
    userName: me.user.display_name,
    username: me.user.username,
    exportedAt: new Date(),
    basemapCredit: basemap.shown?.tileJson.attribution.trim() || null,
  };
}

export { DEMO_MARK } from './texts.ts';

/** "A4 ngang, 150 dpi" / "A4 landscape, 150 dpi". */
export function paperLabel(size: ExportSize): string {
  const m = /^(a\d)-(\d+)$/.exec(size.key);
  return m ? texts.t.paperSize(m[1]!.toUpperCase(), Number(m[2])) : size.label;
}

/** Footer lines: source, attribution, who and when. */
export function footerLines(ctx: ExportContext, model: ViewModel | null): string[] {
  const tx = texts.t;
  const source = [ctx.settings.source, model?.indicator.source].filter((s) => s && s.trim()).join(' · ');
  const lines: string[] = [];
  if (source) lines.push(`${tx.dataSource}: ${source}`);
  if (ctx.settings.attribution.trim()) lines.push(ctx.settings.attribution.trim());
  // The basemap's licence asks for its credit wherever the map is shown: printed too.
  if (model && ctx.basemapCredit) lines.push(`${tx.basemapCredit}: ${ctx.basemapCredit}`);
  lines.push(`${tx.exportedAt(formatDateTime(ctx.exportedAt.toISOString()), ctx.userName, ctx.username)} · ANTT Atlas`);
  return lines;
}

/** Offers a file to save. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
