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
import { texts } from './texts.ts';
import { PDFDocument, degrees, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import regularUrl from '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf?url';
import semiboldUrl from '@expo-google-fonts/noto-sans/600SemiBold/NotoSans_600SemiBold.ttf?url';
import type { AnnualSummary, BriefingDetail, SavedView } from '../../shared/api/types.ts';
import { fetchAnnualSummary } from '../briefings/api.ts';
import { ranks } from '../../shared/api/matrix.ts';
import { formatNumber, formatPeriod } from '../../shared/i18n/format.ts';
import { hotspotWord } from '../../shared/i18n/common.texts.ts';
import { lang, localized } from '../../shared/i18n/lang.svelte.ts';
import { mapTexts } from '../../shared/map/texts.ts';
import { iconCanvas, sheetTitle } from './compose.ts';
import type { HotspotCategory } from '../../shared/map/hotspotIcons.ts';
import { canvasPng } from './png.ts';
import { DEMO_MARK, footerLines, placeName, scaleBar, type ExportContext } from './meta.ts';
import { formatValue, type StoredState, type ViewModel } from '../../shared/map/viewModel.ts';
import { loadViewModel } from '../../shared/map/loadView.ts';
import { sources } from '../../shared/map/sources.ts';
import { MapRenderer, type RenderOptions } from './renderView.ts';
import { STATUS_COLORS } from '../../shared/map/style.ts';
import { metresPerPixel } from '../../shared/map/camera.ts';

export type Paper = 'a4' | 'a3';
/** Landscape page sizes in PDF points (1/72 in). */
const PAGES: Record<Paper, [number, number]> = { a4: [841.89, 595.28], a3: [1190.55, 841.89] };
/** The map picture's resolution on the page. */
const MAP_DPI = 150;

const INK = rgb(0.106, 0.106, 0.106);
const MUTED = rgb(0.333, 0.333, 0.333);
const ALERT = rgb(0.702, 0.149, 0.118);
const LINE = rgb(0.8, 0.8, 0.8);

/** Indicators of the atlas's per-ward table, those of the catalogue kept in this order. */
const KEY_INDICATORS = [
  'households',
  'coverage_households_safe',
  'cases_total',
  'cases_solved_rate',
  'drug_cases',
  'gambling_cases',
  'public_order_incidents',
  'tips_valuable',
];

function hexColor(hex: string): RGB {
  const n = parseInt(hex.replace('#', ''), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/** A document with the fonts embedded, and page helpers measuring from the top. */
class Doc {
  private constructor(
    readonly pdf: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    readonly context: ExportContext,
    readonly paper: Paper,
  ) {}

  static async create(context: ExportContext, paper: Paper, title: string): Promise<Doc> {
    const pdf = await PDFDocument.create();
    pdf.registerFontkit(fontkit);
    const [regularBytes, boldBytes] = await Promise.all(
      [regularUrl, semiboldUrl].map(async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer())),
    );
    const options = { subset: false, features: { ccmp: false } };
    const regular = await pdf.embedFont(regularBytes!, options);
    const bold = await pdf.embedFont(boldBytes!, options);
    pdf.setTitle(title);
    pdf.setAuthor(`${context.userName} (${context.username})`);
    pdf.setCreator('ANTT Atlas');
    pdf.setProducer('ANTT Atlas (pdf-lib)');
    pdf.setLanguage({ vi: 'vi-VN', en: 'en' }[lang.current]);
    if (context.settings.classification.trim()) pdf.setSubject(context.settings.classification.trim());
    return new Doc(pdf, regular, bold, context, paper);
  }

  page(): Page {
    const [w, h] = PAGES[this.paper];
    return new Page(this, this.pdf.addPage([w, h]));
  }
}

class Page {
  readonly width: number;
  readonly height: number;
  /** Scale of the layout: 1 on A4, √2 on A3. */
  readonly u: number;
  readonly margin: number;

  constructor(
    readonly doc: Doc,
    readonly page: PDFPage,
  ) {
    this.width = page.getWidth();
    this.height = page.getHeight();
    this.u = this.height / PAGES.a4[1];
    this.margin = 26 * this.u;
  }

  /** Text with its baseline `top` points below the top edge. */
  text(
    s: string,
    x: number,
    top: number,
    size: number,
    options: { bold?: boolean; color?: RGB; right?: boolean } = {},
  ) {
    const font = options.bold ? this.doc.bold : this.doc.regular;
    const clean = s.normalize('NFC');
    const width = font.widthOfTextAtSize(clean, size * this.u);
    this.page.drawText(clean, {
      x: options.right ? x - width : x,
      y: this.height - top,
      size: size * this.u,
      font,
      color: options.color ?? INK,
    });
    return width;
  }

  wrap(s: string, size: number, max: number, bold = false): string[] {
    const font = bold ? this.doc.bold : this.doc.regular;
    const lines: string[] = [];
    let line = '';
    for (const word of s.normalize('NFC').split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size * this.u) <= max || !line) line = next;
      else {
        lines.push(line);
        line = word;
      }
    }
    if (line) lines.push(line);
    return lines;
  }

  rect(x: number, top: number, w: number, h: number, fill: RGB | null, border: RGB | null = null, borderWidth = 0.6) {
    this.page.drawRectangle({
      x,
      y: this.height - top - h,
      width: w,
      height: h,
      ...(fill ? { color: fill } : {}),
      ...(border ? { borderColor: border, borderWidth: borderWidth * this.u } : {}),
    });
  }

  /** Title, subtitle, classification and demo mark; returns where the body starts. */
  header(title: string, subtitle: string): number {
    const { u, margin: m } = this;
    const ctx = this.doc.context;
    let rightTop = m;
    let rightWidth = 0;
    const classification = ctx.settings.classification.trim();
    if (classification) {
      rightWidth = this.text(classification, this.width - m, rightTop + 14 * u, 14, {
        bold: true,
        color: ALERT,
        right: true,
      });
      rightTop += 20 * u;
    }
    if (ctx.demo) {
      const w = this.doc.bold.widthOfTextAtSize(DEMO_MARK, 9 * u) + 12 * u;
      this.rect(this.width - m - w, rightTop, w, 15 * u, null, ALERT, 1.2);
      this.text(DEMO_MARK, this.width - m - 6 * u, rightTop + 11 * u, 9, { bold: true, color: ALERT, right: true });
      rightWidth = Math.max(rightWidth, w);
      rightTop += 20 * u;
    }
    const max = this.width - 2 * m - rightWidth - 16 * u;
    let y = m;
    for (const line of this.wrap(title, 17, max, true).slice(0, 2)) {
      y += 19 * u;
      this.text(line, m, y, 17, { bold: true });
    }
    y += 3 * u;
    for (const line of this.wrap(subtitle, 10, max).slice(0, 2)) {
      y += 13 * u;
      this.text(line, m, y, 10, { color: MUTED });
    }
    return Math.max(y, rightTop) + 10 * u;
  }

  /** Footer lines; returns where the body must end. */
  footer(lines: string[]): number {
    const { u, margin: m } = this;
    const lineH = 10 * u;
    const top = this.height - m - lines.length * lineH;
    lines.forEach((line, i) => this.text(line, m, top + (i + 1) * lineH - 2 * u, 7.5, { color: MUTED }));
    this.page.drawLine({
      start: { x: m, y: this.height - top + 4 * u },
      end: { x: this.width - m, y: this.height - top + 4 * u },
      thickness: 0.5 * u,
      color: LINE,
    });
    return top - 8 * u;
  }

  /** Map picture plus vector scale bar and north arrow (and the demo watermark) over it. */
  async map(
    renderer: MapRenderer,
    model: ViewModel,
    box: { x: number; top: number; w: number; h: number },
    fit?: { bounds: [number, number, number, number]; focus: RenderOptions['focus'] },
    /** JPEG instead of PNG: an atlas of many pages embeds in a fraction of the time (no PNG re-encoding). */
    jpeg = false,
  ) {
    const { u } = this;
    const px = (pt: number) => Math.round((pt / 72) * MAP_DPI);
    const rendered = await renderer.render(model, {
      width: px(box.w),
      height: px(box.h),
      pixelRatio: MAP_DPI / 96,
      ...(fit ? { fitBounds: fit.bounds, focus: fit.focus, padding: 30 } : {}),
    });
    const image = jpeg
      ? await this.doc.pdf.embedJpg(await (await canvasToJpeg(rendered.canvas)).arrayBuffer())
      : await this.doc.pdf.embedPng(await canvasPng(rendered.canvas).arrayBuffer());
    this.page.drawImage(image, { x: box.x, y: this.height - box.top - box.h, width: box.w, height: box.h });
    this.rect(box.x, box.top, box.w, box.h, null, rgb(0.47, 0.47, 0.47), 0.6);

    if (this.doc.context.demo) {
      const size = Math.min(box.w, box.h) / 12;
      const text = DEMO_MARK.toUpperCase();
      const width = this.doc.bold.widthOfTextAtSize(text, size);
      const angle = Math.atan2(box.h, box.w);
      const cx = box.x + box.w / 2;
      const cy = this.height - box.top - box.h / 2;
      this.page.drawText(text, {
        x: cx - (Math.cos(angle) * width) / 2,
        y: cy - (Math.sin(angle) * width) / 2,
        size,
        font: this.doc.bold,
        color: ALERT,
        opacity: 0.13,
        rotate: degrees((angle * 180) / Math.PI),
      });
    }

    // Scale: metres per device pixel of the picture, then per point of the page.
    const perPoint = (metresPerPixel(rendered.camera) / rendered.pixelRatio) * (rendered.canvas.width / box.w);
    const bar = scaleBar(box.w * 0.22 * perPoint);
    const barPt = bar.metres / perPoint;
    const bx = box.x + 10 * u;
    const by = box.top + box.h - 10 * u;
    this.rect(bx - 5 * u, by - 20 * u, barPt + 40 * u, 25 * u, rgb(1, 1, 1));
    this.rect(bx, by - 4 * u, barPt / 2, 4 * u, INK);
    this.rect(bx, by - 4 * u, barPt, 4 * u, null, INK, 0.8);
    this.text('0', bx - 2 * u, by - 7 * u, 7.5);
    this.text(bar.label, bx + barPt - 4 * u, by - 7 * u, 7.5);

    // North arrow, top right.
    const ax = box.x + box.w - 22 * u;
    const ay = this.height - box.top - 30 * u;
    const s = 30 * u;
    this.page.drawCircle({ x: ax, y: ay, size: s * 0.6, color: rgb(1, 1, 1), opacity: 0.85 });
    this.page.drawSvgPath(`M 0 ${-s * 0.45} L ${-s * 0.2} ${s * 0.3} L 0 ${s * 0.18} Z`, {
      x: ax,
      y: ay,
      color: rgb(1, 1, 1),
      borderColor: INK,
      borderWidth: 0.8 * u,
    });
    this.page.drawSvgPath(`M 0 ${-s * 0.45} L ${s * 0.2} ${s * 0.3} L 0 ${s * 0.18} Z`, {
      x: ax,
      y: ay,
      color: INK,
      borderColor: INK,
      borderWidth: 0.8 * u,
    });
    const letter = texts.t.north;
    const lw = this.doc.bold.widthOfTextAtSize(letter, 9 * u);
    this.page.drawText(letter, { x: ax - lw / 2, y: ay + s * 0.5, size: 9 * u, font: this.doc.bold, color: INK });
    return { statuses: rendered.hotspotStatuses, categories: rendered.hotspotCategories };
  }

  /** Legend in a box (its height fitted when `box.h` is 0): title, period and unit, classes, method. */
  async legend(
    model: ViewModel,
    box: { x: number; top: number; w: number; h: number },
    hotspots: { statuses: string[]; categories: HotspotCategory[] } = { statuses: [], categories: [] },
  ): Promise<number> {
    const { u } = this;
    const pad = 9 * u;
    const inner = box.w - 2 * pad;
    const titleLines = this.wrap(model.legendTitle, 10.5, inner, true).slice(0, 4);
    const metaLines = this.wrap(`${model.periodLabel} · ${mapTexts.t.unitOfMeasure}: ${model.unitLabel}`, 8.5, inner);
    const hintLines = this.wrap(
      `${mapTexts.t.legendCount} · ${mapTexts.t[model.choropleth.method]} · ${model.choropleth.palette}`,
      7.5,
      inner,
    );
    const height =
      2 * pad +
      titleLines.length * 13 * u +
      metaLines.length * 11 * u +
      12 * u +
      model.legend.length * 16 * u +
      hintLines.length * 10 * u +
      (hotspots.statuses.length ? 22 * u + (hotspots.statuses.length + hotspots.categories.length) * 14 * u : 0);
    this.rect(box.x, box.top, box.w, box.h || height, rgb(0.969, 0.969, 0.961), LINE);
    let y = box.top + pad;
    for (const line of titleLines) {
      y += 13 * u;
      this.text(line, box.x + pad, y, 10.5, { bold: true });
    }
    for (const line of metaLines) {
      y += 11 * u;
      this.text(line, box.x + pad, y, 8.5, { color: MUTED });
    }
    y += 8 * u;
    for (const line of model.legend) {
      this.rect(box.x + pad, y, 20 * u, 11 * u, hexColor(line.color), rgb(0.24, 0.24, 0.24));
      this.text(line.label, box.x + pad + 27 * u, y + 9 * u, 9);
      this.text(String(line.count), box.x + box.w - pad, y + 9 * u, 9, { color: MUTED, right: true });
      y += 16 * u;
    }
    y += 4 * u;
    for (const line of hintLines) {
      y += 10 * u;
      this.text(line, box.x + pad, y, 7.5, { color: MUTED });
    }
    if (hotspots.statuses.length) {
      y += 20 * u;
      this.text(mapTexts.t.hotspots, box.x + pad, y, 9, { bold: true });
      y += 4 * u;
      for (const status of hotspots.statuses) {
        const color = hexColor(STATUS_COLORS[status as keyof typeof STATUS_COLORS] ?? '#000000');
        this.rect(box.x + pad + 1 * u, y + 1 * u, 18 * u, 9 * u, null, color, 2);
        this.text(hotspotWord(status), box.x + pad + 27 * u, y + 9 * u, 8.5);
        y += 14 * u;
      }
      for (const category of hotspots.categories) {
        // PNG pages carry no transparency here: the icon is laid on the legend's own background.
        const icon = iconCanvas(category, '#f7f7f5');
        if (icon) {
          const png = await this.doc.pdf.embedPng(await canvasPng(icon).arrayBuffer());
          this.page.drawImage(png, {
            x: box.x + pad + 4 * u,
            y: this.height - y - 12 * u,
            width: 12 * u,
            height: 12 * u,
          });
        }
        this.text(hotspotWord(category), box.x + pad + 27 * u, y + 9 * u, 8.5);
        y += 14 * u;
      }
    }
    return box.top + (box.h || height);
  }

  /** A table with real text; returns the rows that did not fit. */
  table(
    columns: { title: string; width: number; right?: boolean }[],
    rows: string[][],
    x: number,
    top: number,
    bottom: number,
    size = 8.5,
  ): string[][] {
    const { u } = this;
    const rowH = (size + 4.5) * u;
    const total = columns.reduce((s, c) => s + c.width, 0);
    this.rect(x, top, total, rowH + 2 * u, rgb(0.92, 0.92, 0.9));
    let cx = x;
    for (const c of columns) {
      this.text(c.title, c.right ? cx + c.width - 4 * u : cx + 4 * u, top + rowH - 2 * u, size, {
        bold: true,
        right: c.right ?? false,
      });
      cx += c.width;
    }
    let y = top + rowH + 2 * u;
    let i = 0;
    for (; i < rows.length && y + rowH <= bottom; i++) {
      const row = rows[i]!;
      cx = x;
      columns.forEach((c, j) => {
        const font = this.doc.regular;
        let cell = row[j] ?? '';
        while (cell.length > 1 && font.widthOfTextAtSize(cell, size * u) > c.width - 8 * u)
          cell = `${cell.slice(0, -2)}…`;
        this.text(cell, c.right ? cx + c.width - 4 * u : cx + 4 * u, y + rowH - 3.5 * u, size, {
          right: c.right ?? false,
        });
        cx += c.width;
      });
      this.page.drawLine({
        start: { x, y: this.height - y - rowH },
        end: { x: x + total, y: this.height - y - rowH },
        thickness: 0.3 * u,
        color: LINE,
      });
      y += rowH;
    }
    return rows.slice(i);
  }
}

/** One view's page: map, legend, scale, north arrow, footer. */
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

function signed(value: number, decimals: number): string {
  const s = formatNumber(value, decimals, lang.current);
  return value > 0 ? `+${s}` : s;
}

/** The yearly report's table: every indicator's total for the year and the year before. */
async function summaryPages(doc: Doc, summary: AnnualSummary): Promise<void> {
  const tx = texts.t;
  const title = tx.summaryTitle(summary.year);
  const subtitle = tx.summarySubtitle(placeName(), summary.previousYear);
  const rows = summary.rows.map((r, i) => {
    const scale = r.kind === 'ratio' && r.scale ? r.scale : 1;
    const decimals = r.kind === 'ratio' || r.kind === 'percent' ? 1 : 0;
    const fmt = (v: number | null) => (v === null ? '—' : formatNumber(v * scale, decimals, lang.current));
    return [
      String(i + 1),
      localized(r, 'name'),
      localized(r, 'unit'),
      fmt(r.value),
      fmt(r.previous),
      r.change === null ? '—' : signed(r.change * scale, decimals),
    ];
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
  const keyRanks = keyModels.map((km) => ranks(km.values));

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
        `${wardModel.legendTitle} · ${formatPeriod(wardModel.state.period, lang.current)} · ${placeName()}`,
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
        const rank = keyRanks[i]!.get(ward.properties.id);
        return [
          km.indicatorName,
          value === null ? '—' : `${formatValue(km, value, lang.current)} ${km.unitLabel}`,
          rank ? `${rank}/${keyRanks[i]!.size}` : '—',
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
      y += (keyRows.length + 1) * 11 * u + 14 * u;
      // Its residential groups.
      const groups = groupModel.units.features
        .filter((g) => g.properties.parent_code === ward.properties.code)
        .sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'vi', { numeric: true }));
      page.text(`${mapTexts.t.groupsOf} (${groups.length})`, sx, y, 9.5, { bold: true });
      y += 4 * u;
      const groupRows = groups.map((g) => [
        g.properties.name,
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

function canvasToJpeg(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(texts.t.noJpeg))), 'image/jpeg', 0.92),
  );
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
