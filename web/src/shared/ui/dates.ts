/**
 * Days and months typed the Vietnamese way — dd/mm/yyyy and mm/yyyy — parsed to and from the ISO
 * forms the API speaks (`YYYY-MM-DD`, `YYYY-MM`). Pure, so the parsing rules are tested on their
 * own; DateInput.svelte shows them. The browser's own date pickers follow the browser's locale
 * ("12/31/2027", "December 2025"), which is why the app does not use them.
 */

export type DateMode = 'day' | 'month';

export type DateProblem =
  | { code: 'shape'; mode: DateMode }
  | { code: 'no_such_day'; day: number; month: number; year: number; days: number }
  | { code: 'no_such_month'; month: number }
  | { code: 'year_range' }
  | { code: 'before_min'; min: string }
  | { code: 'after_max'; max: string };

export type DateParse = { ok: true; value: string } | { ok: false; problem: DateProblem };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Days in a month (1–12) of a year, leap years counted. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2027-12-31` → "31/12/2027"; `2025-12` → "12/2025"; anything else as it is. */
export function formatTyped(iso: string, mode: DateMode): string {
  const m = mode === 'day' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : /^(\d{4})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return mode === 'day' ? `${m[3]}/${m[2]}/${m[1]}` : `${m[2]}/${m[1]}`;
}

/**
 * What the user typed → ISO. Day: "31/12/2027", "1/2/2026", "31-12-2027", "31.12.2027", or an ISO
 * day pasted in; month: "12/2025", "1-2026", or "2025-12". Empty text is `''` (no date). The day
 * must exist (31/02/2026 does not), years run 1900–2999 (a typo such as 0226 is caught), and `min`/`max` (ISO) bound it.
 */
export function parseTyped(text: string, mode: DateMode, bounds: { min?: string; max?: string } = {}): DateParse {
  const t = text.trim();
  if (t === '') return { ok: true, value: '' };
  let year: number;
  let month: number;
  let day = 1;
  if (mode === 'day') {
    const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
    const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
    if (vn) [day, month, year] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
    else if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    else return { ok: false, problem: { code: 'shape', mode } };
  } else {
    const vn = /^(\d{1,2})[/.-](\d{4})$/.exec(t);
    const iso = /^(\d{4})-(\d{1,2})$/.exec(t);
    if (vn) [month, year] = [Number(vn[1]), Number(vn[2])];
    else if (iso) [year, month] = [Number(iso[1]), Number(iso[2])];
    else return { ok: false, problem: { code: 'shape', mode } };
  }
  if (month < 1 || month > 12) return { ok: false, problem: { code: 'no_such_month', month } };
  if (year < 1900 || year > 2999) return { ok: false, problem: { code: 'year_range' } };
  if (mode === 'day') {
    const days = daysInMonth(year, month);
    if (day < 1 || day > days) return { ok: false, problem: { code: 'no_such_day', day, month, year, days } };
  }
  const value = mode === 'day' ? `${year}-${pad(month)}-${pad(day)}` : `${year}-${pad(month)}`;
  // ISO strings of the same shape compare as dates.
  if (bounds.min && value < bounds.min) return { ok: false, problem: { code: 'before_min', min: bounds.min } };
  if (bounds.max && value > bounds.max) return { ok: false, problem: { code: 'after_max', max: bounds.max } };
  return { ok: true, value };
}

/** One step from an ISO day or month (arrow keys): a day or a month later (`+1`) or earlier (`−1`). */
export function stepDate(iso: string, mode: DateMode, by: number): string {
  if (mode === 'month') {
    const m = /^(\d{4})-(\d{2})$/.exec(iso);
    if (!m) return iso;
    const index = Number(m[1]) * 12 + Number(m[2]) - 1 + by;
    return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + by));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
