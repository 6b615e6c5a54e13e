/**
 * PDF exports, loaded only when a PDF is asked for (this module and pdf-lib are their own chunk):
 * one view on an A4 or A3 landscape page; a briefing, one page per view plus the annual summary
 * table; and the ward atlas, one page per ward with its map zoomed to it, its residential groups
 * and a table of its key indicators.
 *
 * Only the map itself is a picture. Titles, legend, scale bar, north arrow, tables and footer are
 * PDF text and vector drawing in Noto Sans (the TTF packaged by @expo-google-fonts/noto-sans,
 * embedded whole: pdf-lib's font subsetter drops glyphs of this font, seen in pdftoppm), so the text
 * is searchable, copyable and sharp at any zoom. `ccmp` is off so that letters such as “ị” are
 * laid out as their precomposed glyph, which maps back to the right character when copied.
 */
import { nameWithinParent } from '../../../../geo/unit-names.ts';
import { texts } from './texts.ts';
import type { AnnualSummary, BriefingDetail, SavedView } from '../../shared/api/types.ts';
import { fetchAnnualSummary } from '../briefings/api.ts';
import { comparedValues, formatPeriod } from '../../shared/i18n/format.ts';
import { lang, localized, type Lang } from '../../shared/i18n/lang.svelte.ts';
import { mapTexts } from '../../shared/map/texts.ts';
import { sheetTitle } from './compose.ts';
import { footerLines, type ExportContext } from './meta.ts';
import {
  formatValue,
  placeNameOf,
  rankNoteOf,
  rankOf,
  type StoredState,
  type ViewModel,
} from '../../shared/map/viewModel.ts';
import { loadViewModel } from '../../shared/map/loadView.ts';
import { sources } from '../../shared/map/sources.ts';
import { MapRenderer } from './renderView.ts';

import { Doc, KEY_INDICATORS, MUTED, type Paper } from './pdfDoc.ts';

export type { Paper };

async function viewPage(doc: Doc, renderer: MapRenderer, model: ViewModel, title: string | null): Promise<void> {
  const page = doc.page();
  const { u, margin: m } = page;
  const sheet = sheetTitle(model, title);
  const top = page.header(sheet.title, sheet.subtitle);
  const bottom = page.footer(footerLines(doc.context, model));
  const legendW = 190 * u;
  const mapBox = { x: m, top, w: page.width - 2 * m - legendW - 10 * u, h: bottom - top };
  const hotspots = await page.map(renderer, model, mapBox);
  await page.legend(model, { x: m + mapBox.w + 10 * u, top, w: legendW, h: 0 }, hotspots);
}

/** The yearly report's table: every indicator's total for the year and the year before. */
async function summaryPages(doc: Doc, summary: AnnualSummary): Promise<void> {
  const tx = texts.t;
  const title = tx.summaryTitle(summary.year);
  // The place at the end of the year the table is about.
  const place = await sources.place(`${summary.year}-12-31`).catch(() => null);
  const subtitle = tx.summarySubtitle(placeNameOf(place, lang.current), summary.previousYear);
  const rows = summary.rows.map((r, i) => {
    const scale = r.kind === 'ratio' && r.scale ? r.scale : 1;
    const decimals = r.kind === 'ratio' || r.kind === 'percent' ? 1 : 0;
    const shown = comparedValues(
      r.value === null ? null : r.value * scale,
      r.previous === null ? null : r.previous * scale,
      decimals,
      lang.current,
    );
    return [String(i + 1), localized(r, 'name'), localized(r, 'unit'), shown.value, shown.previous, shown.change];
  });
  let rest = rows;
  do {
    const page = doc.page();
    const { u, margin: m } = page;
    const top = page.header(title, subtitle);
    const bottom = page.footer(footerLines(doc.context, null));
    const w = page.width - 2 * m;
    const columns = [
      { title: 'STT', width: 32 * u, right: true },
      { title: tx.colIndicator, width: w - 32 * u - 90 * u - 3 * 80 * u },
      { title: tx.colUnit, width: 90 * u },
      { title: tx.colYear(summary.year), width: 80 * u, right: true },
      { title: tx.colYear(summary.previousYear), width: 80 * u, right: true },
      { title: tx.colChange, width: 80 * u, right: true },
    ];
    const before = rest.length;
    rest = page.table(columns, rest, m, top, bottom, 8);
    if (rest.length === before) break;
  } while (rest.length > 0);
}

export interface PdfResult {
  blob: Blob;
  pages: number;
  milliseconds: number;
}

async function finish(doc: Doc, started: number): Promise<PdfResult> {
  const bytes = await doc.pdf.save();
  return {
    blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
    pages: doc.pdf.getPageCount(),
    milliseconds: Math.round(performance.now() - started),
  };
}

/** One view on one page. */
export async function viewPdf(view: Pick<SavedView, 'title' | 'state'>, context: ExportContext, paper: Paper) {
  const started = performance.now();
  const model = await loadViewModel(view.state as StoredState);
  const doc = await Doc.create(context, paper, view.title || model.legendTitle);
  const renderer = await MapRenderer.open();
  try {
    await viewPage(doc, renderer, model, view.title);
  } finally {
    renderer.close();
  }
  return finish(doc, started);
}

/** The year a briefing is about: the latest year among its views' periods. */
function briefingYear(views: SavedView[]): number {
  const years = views.map((v) => Number(String(v.state.period).slice(0, 4))).filter(Number.isFinite);
  return years.length ? Math.max(...years) : new Date().getFullYear() - 1;
}

/** Every view of a briefing, one page each, then the annual summary table. */
export async function briefingPdf(briefing: BriefingDetail, context: ExportContext, paper: Paper, year?: number) {
  const started = performance.now();
  const doc = await Doc.create(context, paper, briefing.title);
  const renderer = await MapRenderer.open();
  try {
    for (const view of briefing.views) {
      const model = await loadViewModel(view.state as StoredState);
      await viewPage(doc, renderer, model, view.title);
    }
  } finally {
    renderer.close();
  }
  await summaryPages(doc, await fetchAnnualSummary(year ?? briefingYear(briefing.views)));
  return finish(doc, started);
}

/**
 * Which way the key indicators' ranks read: "Hạng: 1 = cần quan tâm nhất", and any neutral
 * indicator's own reading ("Số hộ gia đình: 1 = cao nhất").
 */
function rankNotesOf(models: readonly ViewModel[], lang: Lang): string {
  const neutral = models.filter((km) => km.indicator.polarity === 'neutral');
  const parts = [`${texts.in(lang).colRank}: ${rankNoteOf('higher_worse', lang)}`];
  for (const km of neutral) parts.push(`${km.indicatorName}: ${rankNoteOf('neutral', lang)}`);
  return parts.join('; ');
}

/**
 * The ward atlas of a view: one page per ward (of the view's boundary version, in the caller's
 * scope), its map zoomed to it — the view's indicator by residential group when it has group
 * values, by ward otherwise — with the ward outlined, its groups with their values, and its key
 * indicators with the ward's rank among the wards.
 */
export async function atlasPdf(view: Pick<SavedView, 'title' | 'state'>, context: ExportContext, paper: Paper) {
  const started = performance.now();
  const state = view.state as StoredState;
  const wardModel = await loadViewModel({ ...state, level: 'ward' });
  const { indicators } = await sources.catalogue();
  const groupsMapped = wardModel.indicator.levels.includes('group');
  const mapModel = groupsMapped ? await loadViewModel({ ...state, level: 'group', selected: null }) : wardModel;
  const groupModel = groupsMapped
    ? mapModel
    : await loadViewModel({ indicator: 'households', period: wardModel.state.period, level: 'group' });
  const wards = (await sources.units('ward', wardModel.at)).features
    .slice()
    .sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'vi'));
  const keys = KEY_INDICATORS.filter((k) => indicators.some((i) => i.key === k && i.levels.includes('ward')));
  const keyModels: ViewModel[] = [];
  for (const key of keys)
    keyModels.push(await loadViewModel({ indicator: key, period: wardModel.state.period, level: 'ward' }));
  // Ranks as the map reads them: 1 = the ward most in need of attention (by each indicator's polarity).
  const keyRanks = keyModels.map((km) => (id: number) => rankOf(km.view, id));
  const rankNote = rankNotesOf(keyModels, lang.current);

  const tx = texts.t;
  const title = `${tx.wardAtlas}: ${view.title || wardModel.legendTitle}`;
  const doc = await Doc.create(context, paper, title);
  const renderer = await MapRenderer.open();
  try {
    for (const ward of wards) {
      const page = doc.page();
      const { u, margin: m } = page;
      const name = ward.properties.name;
      const top = page.header(
        name,
        [
          wardModel.legendTitle,
          formatPeriod(wardModel.state.period, lang.current),
          placeNameOf(wardModel.place, lang.current),
        ]
          .filter(Boolean)
          .join(' · '),
      );
      const bottom = page.footer(footerLines(doc.context, wardModel));
      const sideW = 250 * u;
      const mapBox = { x: m, top, w: page.width - 2 * m - sideW - 10 * u, h: bottom - top };
      const wardBounds = boundsOf(ward.geometry);
      const hotspots = await page.map(
        renderer,
        { ...mapModel, state: { ...mapModel.state, selected: null } },
        mapBox,
        {
          bounds: wardBounds,
          focus: ward,
        },
        true,
      );
      const sx = m + mapBox.w + 10 * u;
      // The status key only: the side column's room goes to the ward's groups.
      const legendBottom =
        (await page.legend(mapModel, { x: sx, top, w: sideW, h: 0 }, { ...hotspots, categories: [] })) + 8 * u;
      // Key indicators of the ward, with its rank among the wards.
      const keyRows = keyModels.map((km, i) => {
        const value = km.values.get(ward.properties.id) ?? null;
        const rank = keyRanks[i]!(ward.properties.id);
        return [
          km.indicatorName,
          value === null ? '—' : `${formatValue(km, value, lang.current)} ${km.unitLabel}`,
          rank ? `${rank}/${km.view.ranked}` : '—',
        ];
      });
      let y = legendBottom + 6 * u;
      page.text(tx.keyIndicators, sx, y, 9.5, { bold: true });
      y += 4 * u;
      const keyCols = [
        { title: tx.colIndicator, width: sideW - 112 * u },
        { title: tx.colValue, width: 72 * u, right: true },
        { title: tx.colRank, width: 40 * u, right: true },
      ];
      page.table(keyCols, keyRows, sx, y, bottom, 6.5);
      y += (keyRows.length + 1) * 11 * u + 4 * u;
      // Wrapped to the side column: the note names a neutral indicator's own reading too.
      for (const line of page.wrap(rankNote, 6.5, sideW)) {
        y += 9 * u;
        page.text(line, sx, y, 6.5, { color: MUTED });
      }
      y += 12 * u;
      // Its residential groups.
      const groups = groupModel.units.features
        .filter((g) => g.properties.parent_code === ward.properties.code)
        .map((g) => ({ g, name: nameWithinParent(g.properties.display_name, ward.properties.name) }))
        .sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
      page.text(`${mapTexts.t.groupsOf} (${groups.length})`, sx, y, 9.5, { bold: true });
      y += 4 * u;
      const groupRows = groups.map(({ g, name: groupName }) => [
        groupName,
        formatValue(groupModel, groupModel.values.get(g.properties.id) ?? null, lang.current),
      ]);
      // One column of groups, or two side by side when one would not hold them all.
      const rowH = (6.5 + 4.5) * u;
      const fit = Math.max(1, Math.floor((bottom - 8 * u - y - rowH - 2 * u) / rowH));
      const columns = groupRows.length > fit ? 2 : 1;
      const colW = (sideW - (columns - 1) * 6 * u) / columns;
      let left = groupRows;
      for (let c = 0; c < columns && left.length > 0; c++) {
        left = page.table(
          [
            { title: mapTexts.t.name, width: colW - 46 * u },
            { title: `${groupModel.unitLabel}`, width: 46 * u, right: true },
          ],
          left,
          sx + c * (colW + 6 * u),
          y,
          bottom - 8 * u,
          6.5,
        );
      }
      if (left.length > 0) {
        page.text(tx.andMore(left.length), sx, bottom - 1 * u, 7, { color: MUTED });
      }
    }
  } finally {
    renderer.close();
  }
  return finish(doc, started);
}

function boundsOf(geometry: {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as number[][][][];
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0] ?? []) {
      b[0] = Math.min(b[0], x!);
      b[1] = Math.min(b[1], y!);
      b[2] = Math.max(b[2], x!);
      b[3] = Math.max(b[3], y!);
    }
  }
  return b;
}
