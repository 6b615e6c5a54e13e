/**
 * The map page's state: what the address holds (indicator, level, periods, classification,
 * selection, view), what was loaded for it, and everything derived from the two — the measure and
 * unit shown, the period's values, classes and ranks (from the period-view cache, so a period step
 * recomputes nothing), the legend, the table, the details of the selected unit and the hotspots at
 * the period's end. Loading and drawing are controller.svelte.ts; the page composes.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- every Map here is a snapshot replaced whole (in
   $state.raw) or a lookup nothing renders from; none is mutated where a template reads it. */
import {
  convertPeriod,
  lastMonthOf,
  periodsBetween,
  resolutionOf,
  samePeriodLastYear,
  type Resolution,
} from '../../../../geo/periods.ts';
import { isReexpressed, unitValue, type Measure } from '../../shared/api/matrix.ts';
import type { Hotspot, Indicator, MapLevel, UnitProperties, UnitsCollection } from '../../shared/api/types.ts';
import { describeError } from '../../shared/api/errors.ts';
import { lang } from '../../shared/i18n/lang.svelte.ts';
import { filterHotspots, hotspotsAt, statusBands } from '../../shared/map/hotspots.ts';
import { parseMapState, type ChangeMode, type MapState } from '../../shared/map/mapState.ts';
import { HOTSPOT_INDICATORS } from '../../../../geo/units.ts';
import type { PeriodViews } from '../../shared/map/periodViews.ts';
import { boundaryDateFor, type BoundaryVersion } from '../../shared/map/versions.ts';
import {
  compareFrom,
  decimalsOf,
  isChange,
  rankNoteOf,
  effectiveMeasure,
  legendLines,
  numeratorOf,
  rangeOf,
  rankOf,
  topIds,
  unitLabelOf,
  valueOf,
} from '../../shared/map/viewModel.ts';

const DEFAULT_INDICATOR = 'coverage_households_safe';
/**
 * A level of thousands (drawn from tiles) lists its TABLE_LIMIT highest values and the selection:
 * ten thousand rows would cost seconds of layout on every period step; the search finds any unit.
 */
const TABLE_LIMIT = 200;

export interface LoadedKey {
  level: MapLevel;
  at: string;
  tiled: boolean;
}

export class MapPageState {
  // What the address holds.
  indicatorKey = $state('');
  level = $state<MapLevel>('ward');
  period = $state('');
  from = $state<string | null>(null);
  change = $state<ChangeMode | null>(null);
  scale = $state<MapState['scale']>('all');
  method = $state<MapState['method']>('jenks');
  classes = $state(5);
  palette = $state<MapState['palette']>(null);
  breaks = $state('');
  measure = $state<Measure>('value');
  selectedId = $state<number | null>(null);
  view = $state<MapState['view']>(null);

  // What was loaded.
  indicators = $state.raw<Indicator[]>([]);
  ready = $state(false);
  loadingValues = $state(false);
  failure = $state.raw<{ prefix: 'loadingMap' | 'loadingValues' | null; error: unknown } | null>(null);
  /** The period-view cache of what the map shows: the shown indicator, measure and matrices. */
  views = $state.raw<PeriodViews | null>(null);
  loadedKey = $state.raw<LoadedKey | null>(null);
  unitsById = $state.raw<ReadonlyMap<number, UnitProperties>>(new Map());
  wardsById = $state.raw<ReadonlyMap<string, UnitProperties>>(new Map());
  groupUnits = $state.raw<UnitsCollection | null>(null);
  /** The boundary date shown before the last change of version (null: none yet). */
  crossedFrom = $state<string | null>(null);
  /** The boundary versions of each level, as the data holds them. */
  versions = $state.raw<Record<MapLevel, BoundaryVersion[]>>({ ward: [], group: [] });
  hotspots = $state.raw<Hotspot[]>([]);
  hotspotsVisible = $state(true);
  hotspotCategories = $state<string[]>(['drugs', 'gambling', 'urban_order', 'sanitation']);
  hotspotStatuses = $state<string[]>(['identified', 'transforming', 'transformed', 'relapsed']);
  tooltip = $state<{ x: number; y: number; id: number } | null>(null);
  /** The time animation is running (▶): classes are fitted over every period meanwhile. */
  playing = $state(false);
  /** The hotspot picked in the list: outlined strongly on the map (its group id). */
  focusedHotspot = $state<number | null>(null);
  /** Said when a change of level replaced the indicator (names in both languages), until dismissed. */
  indicatorNotice = $state.raw<{ from: Indicator; to: Indicator; reason: 'level' | 'hotspot' } | null>(null);

  constructor(keys: URLSearchParams) {
    const s = parseMapState(keys);
    this.indicatorKey = s.indicator;
    this.level = s.level;
    this.period = s.period;
    this.from = s.from;
    this.change = s.change;
    this.scale = s.scale;
    this.method = s.method;
    this.classes = s.classes;
    this.palette = s.palette;
    this.breaks = s.breaks;
    this.measure = s.measure;
    this.selectedId = s.selected;
    this.view = s.view;
  }

  /** What the address bar keeps and what an export or a saved view starts from. */
  readonly mapState = $derived<MapState>({
    indicator: this.indicatorKey,
    level: this.level,
    period: this.period,
    from: this.from,
    change: this.change,
    scale: this.scale,
    method: this.method,
    classes: this.classes,
    palette: this.palette,
    breaks: this.breaks,
    measure: this.measure,
    selected: this.selectedId,
    view: this.view,
  });

  readonly levelIndicators = $derived(this.indicators.filter((i) => i.levels.includes(this.level)));
  readonly indicator = $derived(this.levelIndicators.find((i) => i.key === this.indicatorKey));
  readonly range = $derived(rangeOf(this.indicator ?? { first_period: null, last_period: null }));
  readonly resolution = $derived<Resolution>(resolutionOf(this.period) ?? 'month');
  readonly periods = $derived(periodsBetween(this.range.from, this.range.to, this.resolution));
  readonly at = $derived(boundaryDateFor(this.versions[this.level], this.period));
  /** A ratio's numerator, offered as a count. */
  readonly numeratorIndicator = $derived(this.indicator ? numeratorOf(this.indicators, this.indicator) : undefined);
  readonly effectiveMeasure = $derived(
    this.indicator ? effectiveMeasure(this.indicator, this.numeratorIndicator, this.measure) : 'value',
  );

  /** The indicator and measure the loaded values are of: what the map, legend and details show. */
  readonly shownIndicator = $derived(this.views?.inputs.indicator ?? null);
  readonly sources = $derived(this.views?.inputs.sources ?? null);
  readonly shownMeasure = $derived<Measure>(this.views?.inputs.measure ?? 'value');
  /** A change in % of last year's value: one decimal, in %. */
  private readonly percentChange = $derived(this.change === 'yoy_pct');
  readonly decimals = $derived(
    this.percentChange ? 1 : this.shownIndicator ? decimalsOf(this.shownIndicator, this.shownMeasure) : 0,
  );
  readonly unitLabel = $derived(
    this.percentChange
      ? '%'
      : this.shownIndicator
        ? unitLabelOf(
            this.shownIndicator,
            numeratorOf(this.indicators, this.shownIndicator),
            this.shownMeasure,
            lang.current,
          )
        : '',
  );
  /** Whether the map shows a change (from a chosen period, or against the same period last year). */
  readonly comparing = $derived(isChange({ from: this.from, change: this.change }));
  /** The first period of the change shown (null: none). */
  readonly compareFrom = $derived(compareFrom({ from: this.from, change: this.change }, this.period));
  /** One set of breaks over every period while playing or comparing, unless "this period only". */
  readonly pooled = $derived((this.playing || this.comparing) && this.scale === 'all');
  readonly classification = $derived({
    method: this.method,
    classes: this.classes,
    palette: this.palette,
    breaks: this.breaks,
    from: this.from,
    change: this.change,
    pooledOver: this.pooled ? this.periods : undefined,
  });
  /** Values, classes and ranks of the period: computed once per period, then read from the cache. */
  readonly periodView = $derived(this.views ? this.views.get(this.period, this.classification) : null);
  readonly choropleth = $derived(this.periodView?.choropleth ?? null);
  readonly legend = $derived(this.choropleth ? legendLines(this.choropleth, this.decimals, lang.current) : []);
  /** "1 = cần quan tâm nhất" (or "1 = cao nhất" for a neutral indicator): which way ranks read. */
  readonly rankNote = $derived(rankNoteOf(this.shownIndicator?.polarity ?? 'neutral', lang.current));

  readonly selectedUnit = $derived(this.selectedId === null ? null : (this.unitsById.get(this.selectedId) ?? null));
  valueOf(id: number): number | null {
    return this.periodView ? valueOf(this.periodView, id) : null;
  }
  reexpressed(id: number): boolean {
    return this.sources !== null && isReexpressed(this.sources, id, this.period);
  }
  readonly selectedValue = $derived(this.selectedId === null ? null : this.valueOf(this.selectedId));
  readonly selectedRank = $derived(
    this.selectedId === null || !this.periodView ? null : rankOf(this.periodView, this.selectedId),
  );
  readonly series = $derived.by(() => {
    const ind = this.shownIndicator;
    const id = this.selectedId;
    const sources = this.sources;
    if (!sources || !ind || id === null || !this.unitsById.has(id)) return null;
    return {
      periods: this.periods,
      values: this.periods.map((p) => unitValue(sources, ind, id, p, this.shownMeasure)),
      current: Math.max(0, this.periods.indexOf(this.period)),
    };
  });
  /** The selected unit's value a year earlier and the change since (absolute, %), when not a change map. */
  readonly selectedYoy = $derived.by(() => {
    const ind = this.shownIndicator;
    const id = this.selectedId;
    const sources = this.sources;
    const now = this.selectedValue;
    if (!sources || !ind || id === null || this.comparing) return null;
    const period = samePeriodLastYear(this.period);
    if (lastMonthOf(period) < this.range.from) return null;
    const value = unitValue(sources, ind, id, period, this.shownMeasure);
    const abs = value === null || now === null ? null : now - value;
    const pct = abs === null || !value ? null : (abs / Math.abs(value)) * 100;
    return { period, value, abs, pct };
  });
  readonly parentName = $derived.by(() => {
    const code = this.selectedUnit?.parent_code;
    return code ? (this.wardsById.get(code)?.name ?? null) : null;
  });
  readonly children = $derived(
    this.selectedUnit && this.level === 'ward' && this.groupUnits
      ? this.groupUnits.features.map((f) => f.properties).filter((p) => p.parent_code === this.selectedUnit!.code)
      : [],
  );

  /** Hotspots at the end of the period, and those the filters keep. */
  readonly hotspotsAtDate = $derived(hotspotsAt(this.hotspots, this.period));
  readonly shownHotspots = $derived(
    filterHotspots(this.hotspotsAtDate, { categories: this.hotspotCategories, statuses: this.hotspotStatuses }),
  );
  readonly selectedHotspot = $derived(this.hotspotsAtDate.find((h) => h.unit_id === this.selectedId) ?? null);
  /** The selected hotspot's status periods on the chart. */
  readonly chartBands = $derived(
    this.selectedHotspot && this.series ? statusBands(this.selectedHotspot.history, this.series.periods) : [],
  );

  readonly tableRows = $derived.by(() => {
    const view = this.periodView;
    let units: UnitProperties[];
    if (this.unitsById.size <= TABLE_LIMIT || !view) units = [...this.unitsById.values()];
    else {
      const ids = topIds(view, TABLE_LIMIT);
      if (this.selectedId !== null && !ids.includes(this.selectedId)) ids.push(this.selectedId);
      units = ids.map((id) => this.unitsById.get(id)).filter((u): u is UnitProperties => u !== undefined);
    }
    const choropleth = this.choropleth;
    return units.map((u) => {
      const value = this.valueOf(u.id);
      const parent = u.parent_code ? (this.wardsById.get(u.parent_code)?.name ?? null) : null;
      return {
        id: u.id,
        name: u.display_name,
        // A group's display name already ends with its ward ("… · Phường Hoa Lư"): not said twice.
        parent: parent && !u.display_name.endsWith(parent) ? parent : null,
        value,
        rank: view ? rankOf(view, u.id) : null,
        color: choropleth?.colorOf(value) ?? '#ccc',
        reexpressed: this.reexpressed(u.id),
      };
    });
  });

  /** The error shown, in the chosen language. */
  readonly error = $derived.by(() => {
    const f = this.failure;
    if (!f) return null;
    return { prefix: f.prefix, text: describeError(f.error) };
  });

  /**
   * The indicator stays valid for the level (saying so when a level switch replaced it); the period
   * inside the indicator's range — none yet opens on its latest month with data.
   */
  keepValid(): void {
    const list = this.levelIndicators;
    if (list.length > 0 && !list.some((i) => i.key === this.indicatorKey)) {
      const before = this.indicators.find((i) => i.key === this.indicatorKey);
      this.indicatorKey = list.some((i) => i.key === DEFAULT_INDICATOR) ? DEFAULT_INDICATOR : list[0]!.key;
      const after = list.find((i) => i.key === this.indicatorKey);
      if (before && after) this.indicatorNotice = { from: before, to: after, reason: 'level' };
    }
    const periods = this.periods;
    if (periods.length === 0 || periods.includes(this.period)) return;
    this.period = !this.period || lastMonthOf(this.period) > this.range.to ? periods[periods.length - 1]! : periods[0]!;
    if (this.from !== null && !periods.includes(this.from)) this.from = null;
  }

  /** The indicator a hotspot's problem is counted by (its first category's), when the level has it. */
  hotspotIndicator(hotspot: Hotspot): string | null {
    for (const c of hotspot.categories) {
      const key = HOTSPOT_INDICATORS[c];
      if (this.indicators.some((i) => i.key === key && i.levels.includes('group'))) return key;
    }
    return null;
  }

  changeResolution(next: Resolution): void {
    const period = convertPeriod(this.period, next, this.range.from, this.range.to);
    // A rolling twelve months needs twelve months behind it: the first one the range allows.
    const periods = periodsBetween(this.range.from, this.range.to, next);
    this.period = periods.includes(period) ? period : (periods[0] ?? period);
    this.from = this.from === null ? null : convertPeriod(this.from, next, this.range.from, this.range.to);
    if (this.from !== null && !periods.includes(this.from)) this.from = null;
  }
}
