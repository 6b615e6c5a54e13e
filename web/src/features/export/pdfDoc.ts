/**
 * The PDF document and page of every PDF export: pdf-lib with the app's Noto Sans embedded as subsets
 * (only the glyphs printed; fontkit.ts), Noto Sans Math for the arrows and signs Noto Sans lacks, the sheet's title, map picture, legend, hotspot key, scale bar, north arrow, footer and
 * marks drawn as text and vectors, tables laid out in columns.
 */
import { texts } from './texts.ts';
import { PDFDocument, degrees, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { PdfFonts } from './pdfFonts.ts';
import { hotspotWord } from '../../shared/i18n/common.texts.ts';
import { lang } from '../../shared/i18n/lang.svelte.ts';
import { mapTexts } from '../../shared/map/texts.ts';
import { iconCanvas } from './compose.ts';
import type { HotspotCategory } from '../../shared/map/hotspotIcons.ts';
import { canvasPng } from './png.ts';
import { DEMO_MARK, scaleBar, type ExportContext } from './meta.ts';
import { type ViewModel } from '../../shared/map/viewModel.ts';
import { MapRenderer, type RenderOptions } from './renderView.ts';
import { STATUS_COLORS } from '../../shared/map/style.ts';
import { metresPerPixel } from '../../shared/map/camera.ts';

export type Paper = 'a4' | 'a3';
/** Landscape page sizes in PDF points (1/72 in). */
const PAGES: Record<Paper, [number, number]> = { a4: [841.89, 595.28], a3: [1190.55, 841.89] };
/** The map picture's resolution on the page. */
export const MAP_DPI = 150;

export const INK = rgb(0.106, 0.106, 0.106);
export const MUTED = rgb(0.333, 0.333, 0.333);
export const ALERT = rgb(0.702, 0.149, 0.118);
export const LINE = rgb(0.8, 0.8, 0.8);

/** Indicators of the atlas's per-ward table, those of the catalogue kept in this order. */
export const KEY_INDICATORS = [
  'households',
  'coverage_households_safe',
  'cases_total',
  'cases_solved_rate',
  'drug_cases',
  'gambling_cases',
  'public_order_incidents',
  'tips_valuable',
];

export function hexColor(hex: string): RGB {
  const n = parseInt(hex.replace('#', ''), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/** A document with the fonts embedded, and page helpers measuring from the top. */
export class Doc {
  private constructor(
    readonly pdf: PDFDocument,
    readonly fonts: PdfFonts,
    readonly context: ExportContext,
    readonly paper: Paper,
  ) {}

  get regular(): PDFFont {
    return this.fonts.regular;
  }
  get bold(): PDFFont {
    return this.fonts.bold;
  }

  static async create(context: ExportContext, paper: Paper, title: string): Promise<Doc> {
    const pdf = await PDFDocument.create();
    const fonts = await PdfFonts.embed(pdf);
    pdf.setTitle(title);
    pdf.setAuthor(`${context.userName} (${context.username})`);
    pdf.setCreator('ANTT Atlas');
    pdf.setProducer('ANTT Atlas (pdf-lib)');
    pdf.setLanguage({ vi: 'vi-VN', en: 'en' }[lang.current]);
    if (context.settings.classification.trim()) pdf.setSubject(context.settings.classification.trim());
    return new Doc(pdf, fonts, context, paper);
  }

  page(): Page {
    const [w, h] = PAGES[this.paper];
    return new Page(this, this.pdf.addPage([w, h]));
  }
}

export class Page {
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
    const px = size * this.u;
    const runs = this.doc.fonts.runs(clean, font);
    // Each run measured once: for the right alignment and to place the next run.
    const widths = runs.map((r) => r.font.widthOfTextAtSize(r.text, px));
    const width = widths.reduce((a, b) => a + b, 0);
    let x0 = options.right ? x - width : x;
    runs.forEach((r, i) => {
      this.page.drawText(r.text, { x: x0, y: this.height - top, size: px, font: r.font, color: options.color ?? INK });
      x0 += widths[i]!;
    });
    return width;
  }

  wrap(s: string, size: number, max: number, bold = false): string[] {
    const font = bold ? this.doc.bold : this.doc.regular;
    const lines: string[] = [];
    let line = '';
    for (const word of s.normalize('NFC').split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (this.doc.fonts.measure(next, font, size * this.u) <= max || !line) line = next;
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
        while (cell.length > 1 && this.doc.fonts.measure(cell, font, size * u) > c.width - 8 * u)
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

function canvasToJpeg(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(texts.t.noJpeg))), 'image/jpeg', 0.92),
  );
}
