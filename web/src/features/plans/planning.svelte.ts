/**
 * The planning page's state, apart from the open plan (plan.svelte.ts): the ranking window, weights,
 * normalisation and filters (in the address), the reference data (scoring indicators, months
 * covered, groups, wards, hotspots of the window's boundary version), the ranking itself (asked
 * again, debounced, whenever a control changes), the open plan's progress, the comparison, and what
 * the map is coloured by.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- maps here are derived snapshots, never mutated */
import { untrack } from 'svelte';
import { addMonths, todayInVietnam } from '../../../../geo/periods.ts';
import { router } from '../../app/router.svelte.ts';
import { describeError } from '../../shared/api/errors.ts';
import { fetchBoundaryVersions, fetchHotspots, fetchIndicators, fetchUnits } from '../../shared/api/reads.ts';
import type {
  BoundaryVersion,
  CandidatesResponse,
  CompareResponse,
  Hotspot,
  PlanProgress,
  UnitProperties,
  UnitsCollection,
} from '../../shared/api/types.ts';
import { rampColors } from '../../shared/map/choropleth.ts';
import { boundaryDateFor } from '../../shared/map/versions.ts';
import { fetchCandidates, fetchPlanProgress } from './api.ts';
import { COMPARE_COLORS } from './compareColors.ts';
import { groupInfoFrom } from './groupInfo.ts';
import type { GroupInfo } from './selection.ts';
import type { PlanState } from './plan.svelte.ts';
import { isTrackable } from './planRules.ts';
import {
  lastCompleteMonth,
  parsePlansState,
  plansStateKeys,
  yearEndingWith,
  type RankFilters,
  type ScoringIndicator,
  type Tab,
} from './plansState.ts';
import { PROGRESS_COLORS } from './progress.ts';
import { LEVEL_BREAKS, levelClass } from './ranking.ts';
import { texts } from './texts.ts';
import { formatWeights } from './weights.ts';

/** The month before this one: the last month with data, until the catalogue says otherwise. */
const PREVIOUS_MONTH = addMonths(todayInVietnam().slice(0, 7), -1);
/** Ranking waits this long for further changes (a weight typed digit by digit asks once). */
const RANK_DELAY_MS = 250;

export class Planning {
  tab = $state<Tab>('rank');
  from = $state('');
  to = $state('');
  method = $state<'z' | 'rank'>('z');
  weights = $state<Record<string, number>>({});
  // Groups already transformed rarely belong in a new plan: left out unless asked for.
  filters = $state<RankFilters>({
    ward: null,
    category: '',
    status: '',
    excludeActive: false,
    excludeTransformed: true,
  });

  indicators = $state.raw<ScoringIndicator[]>([]);
  firstMonth = $state('2016-01');
  lastMonth = $state(PREVIOUS_MONTH);
  loadError = $state.raw<unknown>(null);
  groups = $state.raw<UnitsCollection | null>(null);
  wards = $state.raw<UnitProperties[]>([]);
  hotspots = $state.raw<Hotspot[]>([]);

  ranking = $state.raw<CandidatesResponse | null>(null);
  rankBusy = $state(false);
  rankError = $state.raw<unknown>(null);
  progress = $state.raw<PlanProgress | null>(null);
  progressError = $state.raw<unknown>(null);
  compareResult = $state.raw<CompareResponse | null>(null);

  private geometryKey = '';
  private rankTimer: ReturnType<typeof setTimeout> | undefined;
  private rankAbort: AbortController | undefined;
  private rankedKey = '';
  private progressFor: number | null = null;

  /** The plan the address asked for. */
  readonly initialPlan: number | null;
  /** The address named a window: the catalogue's last month does not move it. */
  private readonly windowGiven: boolean;

  constructor(readonly plan: PlanState) {
    const initial = parsePlansState(router.keys('plans'), PREVIOUS_MONTH);
    this.tab = initial.tab;
    this.from = initial.from;
    this.to = initial.to;
    this.method = initial.method;
    this.weights = initial.weights;
    this.initialPlan = initial.plan;
    const guess = yearEndingWith(PREVIOUS_MONTH);
    this.windowGiven = initial.from !== guess.from || initial.to !== guess.to;
    this.groupInfo = $derived(
      groupInfoFrom(
        (this.groups?.features ?? []).map((f) => f.properties),
        new Map(this.wards.map((w) => [w.code, w.name])),
        this.hotspots,
        [plan.open?.items ?? [], this.ranking?.candidates ?? []],
      ),
    );
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getters below read the live state
    const self = this;
    plan.attach({
      get ranking() {
        return self.ranking;
      },
      get candidateById() {
        return self.candidateById;
      },
      get groupInfo() {
        return self.groupInfo;
      },
      shown: () => (this.progress = null),
      openTab: () => (this.tab = 'plan'),
    });
  }
  readonly weightsParam = $derived(
    formatWeights(
      this.weights,
      this.indicators.map((i) => i.key),
    ),
  );
  /** The group level's boundary versions (null until loaded: nothing is drawn before). */
  versions = $state.raw<BoundaryVersion[] | null>(null);
  readonly boundaryAt = $derived(boundaryDateFor(this.versions ?? [], this.to));

  /** What we know about each group, whichever list it comes from. */
  readonly candidateById = $derived(new Map((this.ranking?.candidates ?? []).map((c) => [c.unitId, c])));
  readonly groupInfo: ReadonlyMap<number, GroupInfo>;

  async loadCatalogue(): Promise<void> {
    try {
      const [catalogue, versions] = await Promise.all([fetchIndicators(), fetchBoundaryVersions('group')]);
      this.versions = versions;
      // Problems (higher is worse) first, then the signs of good work whose lack counts.
      const usable = catalogue.indicators
        .filter((i) => !i.retired_at && i.levels.includes('group') && i.polarity !== 'neutral')
        .sort((a, b) => Number(a.polarity === 'higher_better') - Number(b.polarity === 'higher_better'));
      this.indicators = usable.map((i) => ({
        key: i.key,
        name_vi: i.name_vi,
        name_en: i.name_en,
        polarity: i.polarity,
      }));
      const firsts = usable.map((i) => i.first_period).filter((p): p is string => !!p);
      if (firsts.length) this.firstMonth = firsts.sort()[0]!;
      this.lastMonth = lastCompleteMonth(
        usable.map((i) => i.last_period),
        todayInVietnam(),
        PREVIOUS_MONTH,
      );
      // The default window is the last 12 complete months with data (not the 12 before today).
      if (!this.windowGiven) ({ from: this.from, to: this.to } = yearEndingWith(this.lastMonth));
      this.loadError = null;
    } catch (err) {
      this.loadError = err;
    }
  }

  /** Geometry, wards and hotspots of the boundary version the window ends in. */
  private async loadGeometry(at: string, end: string) {
    try {
      const [g, w, h] = await Promise.all([fetchUnits('group', at), fetchUnits('ward', at), fetchHotspots(end)]);
      if (this.geometryKey !== `${at}|${end}`) return;
      this.groups = g;
      this.wards = w.features.map((f) => f.properties).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
      this.hotspots = h.hotspots;
    } catch (err) {
      this.loadError = err;
    }
  }

  private async rank(query: Parameters<typeof fetchCandidates>[0]) {
    this.rankAbort?.abort();
    if (!query.weights) {
      this.rankError = new Error(texts.t.noWeights);
      this.ranking = null;
      return;
    }
    const controller = new AbortController();
    this.rankAbort = controller;
    this.rankBusy = true;
    try {
      this.ranking = await fetchCandidates(query, controller.signal);
      this.rankError = null;
    } catch (err) {
      if (controller.signal.aborted) return;
      this.rankError = err;
      this.rankedKey = '';
    } finally {
      if (this.rankAbort === controller) this.rankBusy = false;
    }
  }

  private async loadProgress(id: number) {
    this.progressError = null;
    try {
      const p = await fetchPlanProgress(id);
      if (this.plan.open?.id === id) this.progress = p;
    } catch (err) {
      this.progressError = err;
      this.progressFor = null;
    }
  }

  /** What the map is coloured by follows the tab. */
  readonly mapMode = $derived(
    this.tab === 'progress' && this.progress
      ? 'progress'
      : this.tab === 'compare' && this.compareResult
        ? 'compare'
        : 'score',
  );
  /** Colours of the five attention-level bands (ranking.ts LEVEL_BREAKS), lowest first. */
  readonly levelColors = rampColors(LEVEL_BREAKS.length - 1, 'higher_worse');
  readonly mapColors = $derived.by((): ReadonlyMap<number, string> => {
    if (this.mapMode === 'progress' && this.progress) {
      return new Map(this.progress.items.map((item) => [item.unitId, PROGRESS_COLORS[item.current]]));
    }
    const compare = this.compareResult;
    if (this.mapMode === 'compare' && compare) {
      const sets = [
        ['both', compare.both],
        ['onlyA', compare.onlyA],
        ['onlyB', compare.onlyB],
      ] as const;
      return new Map(sets.flatMap(([key, list]) => list.map((i) => [i.unitId, COMPARE_COLORS[key]] as const)));
    }
    if (!this.ranking) return new Map();
    return new Map(this.ranking.candidates.map((c) => [c.unitId, this.levelColors[levelClass(c.level)]!]));
  });
  readonly badges = $derived(
    this.mapMode === 'score' && this.ranking
      ? this.ranking.candidates.slice(0, 20).map((c) => ({ id: c.unitId, text: String(c.rank) }))
      : [],
  );

  errorText(err: unknown): string | null {
    return err === null ? null : describeError(err);
  }

  /** The page's effects, declared while it initialises. */
  effects(): void {
    // Geometry, wards and hotspots of the boundary version the window ends in.
    $effect(() => {
      if (!this.versions) return;
      const at = this.boundaryAt;
      const end = `${this.to}-28`;
      const key = `${at}|${end}`;
      if (key === this.geometryKey) return;
      this.geometryKey = key;
      untrack(() => void this.loadGeometry(at, end));
    });
    // Rank again whenever the window, weights, method or filters change (debounced).
    $effect(() => {
      const f = this.filters;
      const open = this.plan.open;
      const query = {
        from: this.from,
        to: this.to,
        weights: this.weightsParam,
        method: this.method,
        ...(f.ward !== null ? { ward: f.ward } : {}),
        ...(f.category ? { category: f.category as 'drugs' } : {}),
        ...(f.status ? { status: f.status as 'none' } : {}),
        ...(f.excludeActive ? { excludeActive: true } : {}),
        // Asking for transformed groups by status shows them whatever the toggle says.
        ...(f.excludeTransformed && f.status !== 'transformed' ? { excludeTransformed: true } : {}),
        ...(open ? { plan: open.id } : {}),
        limit: 500,
      };
      if (this.indicators.length === 0) return;
      // A reloaded plan (same id) or an unchanged control asks nothing new.
      const key = JSON.stringify(query);
      if (key === this.rankedKey) return;
      this.rankedKey = key;
      clearTimeout(this.rankTimer);
      this.rankTimer = setTimeout(() => untrack(() => void this.rank(query)), RANK_DELAY_MS);
    });
    // The address follows tab, plan and ranking, so a reload reopens the same view.
    $effect(() => {
      const state = {
        tab: this.tab,
        plan: this.plan.open?.id ?? null,
        from: this.from,
        to: this.to,
        weights: this.weights,
        method: this.method,
      };
      router.write('plans', plansStateKeys(state, this.lastMonth));
    });
    // The open plan's progress, when its tab shows.
    $effect(() => {
      const plan = this.plan.open;
      if (!plan) this.progressFor = null;
      if (this.tab !== 'progress' || !plan || !isTrackable(plan.status) || this.progressFor === plan.id) return;
      this.progressFor = plan.id;
      untrack(() => void this.loadProgress(plan.id));
    });
  }

  destroy(): void {
    clearTimeout(this.rankTimer);
    this.rankAbort?.abort();
  }
}
