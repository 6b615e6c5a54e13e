import { Value } from 'typebox/value';
import { kindsOfLevel } from '../../../geo/levels.ts';
import { todayInVietnam } from '../../../geo/periods.ts';
import { foldVietnamese } from '../../../geo/text.ts';
import { actorId, type RequestContext } from '../../auth/context.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { IndicatorsService } from '../../indicators/indicators.service.ts';
import { FIRST_MONTH, periodInRange, valueProblem } from '../../observations/observation.rules.ts';
import { pickSamples, type EncodingChoice } from '../files/text-encoding.ts';
import type { IndicatorImportRepository, MatchUnit, StagedValue } from './indicator-import.repository.ts';
import { ImportMapping, type ImportProblem, type ImportReport } from './indicator-import.schemas.ts';
import { cellText, LEVEL_VI, levelOfKind, mapColumns, parseNumber, parsePeriod } from './sheet-columns.ts';
import { FORMULA, openTable, TableFileError, type Cell, type TableStream } from './table-file.ts';

export interface IndicatorImportStore {
  indicatorImport: Omit<IndicatorImportRepository, never>;
}

/** Errors listed in a report; the total is always given. */
const MAX_LISTED_ERRORS = 500;
/** Values staged per statement while the file streams. */
const STAGE_BATCH = 5000;

/** The outcome of an import: a report, and the HTTP status it deserves (200, or 4xx with nothing written). */
export interface ImportOutcome {
  status: 200 | 400 | 403;
  report: ImportReport;
}

/** A value that does not fit its indicator's kind, in a report line (the cell as typed). */
const VALUE_PROBLEM_TEXT = {
  count: (cell: string | null) => `Số đếm phải là số nguyên ≥ 0 / a count must be a whole number ≥ 0 (got ${cell})`,
  percent: () => 'Tỷ lệ phần trăm phải trong 0–100 / a percent must be within 0–100',
  boolean: () => 'Giá trị có/không phải là 0 hoặc 1 / a yes/no value must be 0 or 1',
  finite: (cell: string | null) => `Không phải số / not a number: "${cell}"`,
} as const;

/** Lets a stream that will not be read to its end close its file. */
async function closeRows(table: TableStream): Promise<void> {
  await table.rows[Symbol.asyncIterator]().return?.();
}

/**
 * Indicator import: reads a CSV/XLSX sheet (one row per unit and month, one column per indicator),
 * matches units by code or by name, validates every value by its indicator's kind and level, and
 * either reports what would change (dry run) or writes it all in one transaction with one audit
 * entry per value that actually changed. Any error: nothing is written.
 */
export class IndicatorImportService {
  constructor(
    private readonly uow: UnitOfWork<IndicatorImportStore>,
    private readonly indicators: IndicatorsService,
  ) {}

  async run(
    ctx: RequestContext,
    file: { path: string; filename: string },
    opts: { dryRun: boolean; mapping?: string | undefined; encoding?: EncodingChoice | undefined },
  ): Promise<ImportOutcome> {
    const report: ImportReport = {
      dry_run: opts.dryRun,
      committed: false,
      format: null,
      encoding: null,
      rows_read: 0,
      values_read: 0,
      to_insert: 0,
      to_update: 0,
      unchanged: 0,
      columns: { code: null, name: null, period: null, indicators: {} },
      errors_total: 0,
      errors: [],
    };
    // Only the first errors are kept: a broken 200 MB sheet may have millions.
    const errors: ImportProblem[] = [];
    let errorsTotal = 0;
    let scopeErrors = 0;
    const add = (row: number | null, column: string | null, message: string) => {
      errorsTotal++;
      if (errors.length < MAX_LISTED_ERRORS) errors.push({ row, column, message });
    };
    const finish = (status: 200 | 400 | 403): ImportOutcome => {
      report.errors_total = errorsTotal;
      report.errors = errors.sort((x, y) => (x.row ?? 0) - (y.row ?? 0));
      return { status, report };
    };

    let mapping: ImportMapping | undefined;
    if (opts.mapping !== undefined && opts.mapping.trim() !== '') {
      let raw: unknown;
      try {
        raw = JSON.parse(opts.mapping);
      } catch {
        add(null, 'mapping', 'Trường "mapping" không phải JSON / the "mapping" field is not valid JSON');
        return finish(400);
      }
      if (!Value.Check(ImportMapping, raw)) {
        add(
          null,
          'mapping',
          'Trường "mapping" sai cấu trúc / "mapping" must be {code?, name?, period?, indicators?: {key: header}}',
        );
        return finish(400);
      }
      mapping = raw;
    }

    let table: TableStream;
    try {
      table = await openTable(file.path, file.filename, { encoding: opts.encoding });
    } catch (e) {
      if (!(e instanceof TableFileError)) throw e;
      add(e.problem.row, e.problem.column, e.problem.message);
      return finish(400);
    }
    report.format = table.format;
    if (table.encoding) report.encoding = { ...table.encoding, samples: [] };
    // A few names (or other text) as read, so the user can see the encoding is right.
    const seen: string[] = [];
    const sample = (cells: Cell[], column: number | null) => {
      if (!report.encoding || seen.length >= 50) return;
      const texts = column === null ? cells : [cells[column] ?? null];
      for (const c of texts) if (typeof c === 'string') seen.push(c);
    };

    // 1. Columns.
    const catalogue = await this.indicators.list();
    const byKey = new Map(catalogue.map((i) => [i.key, i]));
    const cols = mapColumns(table, catalogue, mapping, add);
    if (!cols) {
      await closeRows(table);
      return finish(400);
    }
    // A retired indicator keeps its history but takes no new values: its column is refused by name.
    const retiredCols = cols.indicators.filter(([k]) => byKey.get(k)!.retired_at);
    for (const [k, i] of retiredCols) {
      add(
        null,
        table.headers[i] || `#${i + 1}`,
        `Chỉ tiêu "${k}" đã ngừng sử dụng: không nhận số liệu mới / indicator "${k}" is retired: no new values (an administrator can restore it)`,
      );
    }
    if (retiredCols.length) {
      await closeRows(table);
      return finish(400);
    }
    report.columns = {
      code: cols.code === null ? null : table.headers[cols.code]!,
      name: cols.name === null ? null : table.headers[cols.name]!,
      period: table.headers[cols.period]!,
      indicators: Object.fromEntries(cols.indicators.map(([k, i]) => [k, table.headers[i]!])),
    };

    // 2. Units that any mapped indicator may be entered for.
    const levels = new Set(cols.indicators.map(([k]) => byKey.get(k)!.entry_level as 'group' | 'ward'));
    // Units of both entry levels are candidates, so a code of the wrong level is named as such.
    const units = await this.uow.read.indicatorImport.unitsForMatching(
      [...kindsOfLevel('group'), ...kindsOfLevel('ward')],
      ctx.scope,
    );
    const byCode = new Map<string, MatchUnit[]>();
    const byName = new Map<string, MatchUnit[]>();
    for (const u of units) {
      byCode.set(u.code, [...(byCode.get(u.code) ?? []), u]);
      for (const n of new Set([foldVietnamese(u.name), foldVietnamese(u.short_name)])) {
        byName.set(n, [...(byName.get(n) ?? []), u]);
      }
    }
    const validAt = (u: MatchUnit, period: string) => {
      const d = `${period}-01`;
      return u.valid_from <= d && (u.valid_to === null || u.valid_to > d);
    };

    // 3. Rows, validated as they stream and staged in batches; then the checks across rows, the
    // comparison and the write, all in one transaction (the staging table goes with it).
    const lastMonth = todayInVietnam().slice(0, 7);
    const header = (i: number) => table.headers[i] || `#${i + 1}`;
    const ratios = catalogue.filter((r) => r.kind === 'ratio' && r.numerator_key && r.denominator_key);

    const checkRow = (row: number, cells: Cell[], out: StagedValue[]) => {
      let bad = false;
      cells.forEach((c, i) => {
        if (typeof c === 'string' && FORMULA.test(c)) {
          add(row, header(i), `Ô chứa công thức bị từ chối / formula-like cell rejected: "${c.slice(0, 40)}"`);
          bad = true;
        } else if (c !== null && cols.blank.includes(i)) {
          add(row, header(i), `Ô có giá trị trong cột không có tiêu đề / a value in a column without a header`);
          bad = true;
        }
      });
      if (bad) return;

      const periodCell = cells[cols.period] ?? null;
      const period = parsePeriod(periodCell);
      if (!period) {
        add(row, header(cols.period), `Kỳ không hợp lệ / invalid period "${cellText(periodCell) ?? ''}" (YYYY-MM)`);
        return;
      }
      if (!periodInRange(period, lastMonth)) {
        add(
          row,
          header(cols.period),
          `Kỳ ${period} ngoài khoảng cho phép / period out of range (${FIRST_MONTH} … ${lastMonth})`,
        );
        return;
      }

      const code = cols.code === null ? null : cellText(cells[cols.code] ?? null);
      const name = cols.name === null ? null : cellText(cells[cols.name] ?? null);
      let unit: MatchUnit | undefined;
      if (code) {
        const versions = byCode.get(code) ?? [];
        unit = versions.find((u) => validAt(u, period));
        if (!unit) {
          add(
            row,
            header(cols.code!),
            versions.length
              ? `Mã đơn vị "${code}" không còn hiệu lực vào kỳ ${period} / unit code not valid in ${period}`
              : `Không có đơn vị mã "${code}" / unknown unit code "${code}"`,
          );
          return;
        }
      } else if (name) {
        const all = (byName.get(foldVietnamese(name)) ?? []).filter((u) => validAt(u, period));
        // Only units the user may see are named back to them; others are reported as out of scope.
        let found = all.filter((u) => u.in_scope);
        // A name shared by a ward and a group: keep the level the sheet's indicators are entered at.
        if (found.length > 1) {
          const atLevel = found.filter((u) => levels.has(levelOfKind(u.kind) as 'group' | 'ward'));
          if (atLevel.length) found = atLevel;
        }
        if (found.length === 0 && all.length > 0) {
          scopeErrors++;
          add(row, header(cols.name!), `Đơn vị "${name}" ngoài phạm vi của bạn / unit outside your scope`);
          return;
        }
        if (found.length === 0) {
          add(row, header(cols.name!), `Không tìm thấy đơn vị tên "${name}" / unmatched unit name "${name}"`);
          return;
        }
        if (found.length > 1) {
          add(
            row,
            header(cols.name!),
            `Tên "${name}" trùng ${found.length} đơn vị (mã ${found.map((u) => u.code).join(', ')}); hãy ghi mã / ambiguous unit name, give the code`,
          );
          return;
        }
        unit = found[0]!;
      } else {
        add(row, header(cols.code ?? cols.name!), 'Thiếu mã hoặc tên đơn vị / missing unit code or name');
        return;
      }
      if (!unit.in_scope) {
        scopeErrors++;
        add(
          row,
          header(cols.code ?? cols.name!),
          `Đơn vị mã "${unit.code}" ngoài phạm vi của bạn / unit outside your scope`,
        );
        return;
      }

      const unitLevel = levelOfKind(unit.kind);
      const rowValues = new Map<string, { value: number; col: number }>();
      for (const [key, i] of cols.indicators) {
        const cell = cells[i] ?? null;
        if (cell === null) continue;
        const ind = byKey.get(key)!;
        const value = parseNumber(cell);
        if (value === null) {
          add(row, header(i), `Không phải số / not a number: "${cellText(cell)}"`);
          continue;
        }
        if (ind.entry_level !== unitLevel) {
          add(
            row,
            header(i),
            `Chỉ tiêu "${key}" nhập ở cấp ${LEVEL_VI[ind.entry_level]}, không ở cấp ${LEVEL_VI[unitLevel]} (${unit.code}) / entry level mismatch (${ind.entry_level} indicator, ${unitLevel} unit)`,
          );
          continue;
        }
        const problem = valueProblem(ind.kind, value);
        if (problem) {
          add(row, header(i), VALUE_PROBLEM_TEXT[problem](cellText(cell)));
          continue;
        }
        rowValues.set(key, { value, col: i });
      }
      // Ratios formed from this row's parts: the numerator cannot exceed the denominator.
      for (const r of ratios) {
        const n = rowValues.get(r.numerator_key!);
        const d = rowValues.get(r.denominator_key!);
        if (n && d && n.value > d.value) {
          add(
            row,
            header(n.col),
            `"${r.numerator_key}" (${n.value}) lớn hơn "${r.denominator_key}" (${d.value}) / numerator exceeds denominator of ${r.key}`,
          );
          rowValues.delete(r.numerator_key!);
        }
      }
      for (const [key, { value, col }] of rowValues) {
        out.push({ indicator_key: key, unit_id: unit.id, period, value, row, column: header(col) });
      }
    };

    return this.uow.write(ctx, async (tx) => {
      const repo = tx.repos.indicatorImport;
      await repo.createStage();
      let batch: StagedValue[] = [];
      try {
        for await (const { row, cells } of table.rows) {
          report.rows_read++;
          sample(cells, cols.name);
          checkRow(row, cells, batch);
          if (batch.length >= STAGE_BATCH) {
            await repo.stage(batch);
            batch = [];
          }
        }
      } catch (e) {
        if (!(e instanceof TableFileError)) throw e;
        add(e.problem.row, e.problem.column, e.problem.message);
      }
      await repo.stage(batch);
      batch = [];
      if (report.encoding) report.encoding.samples = pickSamples([...seen, ...table.headers]);
      if (report.rows_read === 0 && errorsTotal === 0) {
        add(null, null, 'Tệp không có dòng số liệu nào / the file has a header but no data rows');
      }
      if (errorsTotal) return finish(scopeErrors > 0 ? 403 : 400);

      report.values_read = await repo.finishStage();
      const dups = await repo.stagedDuplicates(MAX_LISTED_ERRORS);
      for (const d of dups.rows) add(d.row, d.column, `${d.message_vi} / ${d.message_en}`);
      errorsTotal += dups.total - dups.rows.length;
      if (errorsTotal) return finish(400);

      // Ratio parts given without their counterpart: compare with the stored counterpart of that month.
      for (const r of ratios) {
        const ratio = { key: r.key, numerator: r.numerator_key!, denominator: r.denominator_key! };
        for (const c of await repo.stagedRatioConflicts(ratio, MAX_LISTED_ERRORS)) {
          add(c.row, c.column, `${c.message_vi} / ${c.message_en}`);
        }
      }
      if (errorsTotal) return finish(400);

      // 4. Compare with what is stored, and write when asked.
      const diff = await repo.stagedDiff();
      report.to_insert = diff.inserts;
      report.to_update = diff.updates;
      report.unchanged = diff.unchanged;
      if (opts.dryRun) return finish(200);
      if (diff.inserts + diff.updates > 0) {
        // Thousands of values: audited in SQL, one row per changed value, in this transaction.
        await repo.applyStage(
          { user_id: actorId(ctx), username: ctx.actor?.username ?? null, ip: ctx.ip },
          file.filename.slice(0, 200),
        );
        tx.emit({ type: 'valuesChanged', indicators: Object.keys(report.columns.indicators) });
      }
      report.committed = true;
      return finish(200);
    });
  }
}
