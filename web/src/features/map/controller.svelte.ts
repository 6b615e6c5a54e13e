/**
 * The map page's loading and drawing, on its AtlasMap: the catalogue once; for each indicator,
 * level and boundary version the values (every period in one request) and, once per level and
 * version, the geometry — inline GeoJSON or, above 3,000 units, vector tiles with names and boxes
 * after the colours; the period's classes by feature-state; hotspots at the period's end; the
 * drill-down of a ward's groups; selection and zoom. Everything comes through the page's source
 * cache, which the presentation and exports share.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- every Map here is a snapshot replaced whole (in
   $state.raw) or a lookup nothing renders from; none is mutated where a template reads it. */
import { tick, untrack } from 'svelte';
import type { LngLatBoundsLike } from 'maplibre-gl';
import { session } from '../../app/session.svelte.ts';
import type { Hotspot, Indicator, MapLevel, SearchHit } from '../../shared/api/types.ts';
import type { Measure } from '../../shared/api/matrix.ts';
import type { AtlasMap } from '../../shared/map/atlasMap.ts';
import { bindUnitEvents, type UnitEvents } from '../../shared/map/bindUnitEvents.ts';
import { selectFit } from '../../shared/map/camera.ts';
import { hotspotLayers } from '../../shared/map/hotspots.ts';
import { placeShown } from '../../shared/map/placeShown.svelte.ts';
import { PeriodViews } from '../../shared/map/periodViews.ts';
import { sources } from '../../shared/map/sources.ts';
import { DRILL_SOURCE, LABELS_SOURCE, LAYERS } from '../../shared/map/style.ts';
import { forceTiles, publishTestState } from '../../shared/map/testHooks.ts';
import type { Bbox } from '../../shared/map/unitList.ts';
import { unitsBounds } from '../../shared/map/unitsBounds.ts';
import { chooseUnitsSource } from '../../shared/map/unitsSource.ts';
import { inPickers } from '../../shared/ui/indicatorGroups.ts';
import type { MapPageState } from './state.svelte.ts';

export class MapController {
  private atlas: AtlasMap | null = null;
  private unitEvents: UnitEvents | undefined;
  private unitIds: number[] = [];
  /** Boxes of the units of a level drawn from tiles (no polygons in the page to zoom to). */
  private bboxById = new Map<number, Bbox | null>();
  private loadSeq = 0;
  private valuesShown = 0;
  private previousAt: string | null = null;
  private restoreView: boolean;
  private pendingSelect: number | null;
  /** The pending selection is flown to once its level is loaded (a hotspot picked in the list). */
  private pendingZoom = false;
  /** What the hotspot layers show, and which group geometries were seen (numbered as they come). */
  private hotspotsKey = '';
  private groupsIds = new WeakMap<object, number>();
  private groupsCount = 0;

  private groupsSeen(groups: object | null): number {
    if (!groups) return 0;
    let id = this.groupsIds.get(groups);
    if (id === undefined) this.groupsIds.set(groups, (id = ++this.groupsCount));
    return id;
  }

  constructor(private readonly s: MapPageState) {
    this.restoreView = s.view !== null;
    this.pendingSelect = s.selectedId;
  }

  private fail(prefix: 'loadingMap' | 'loadingValues' | null, error: unknown) {
    this.s.failure = { prefix, error };
  }

  /** The map is ready and someone is signed in: the catalogue, then interaction. */
  async start(atlas: AtlasMap): Promise<void> {
    this.atlas = atlas;
    const map = atlas.map;
    map.on('moveend', () => {
      // Until the address's view is restored, the camera is the opening one (the country, a resize):
      // not the user's view, so it must not overwrite the one to restore.
      if (!this.s.ready || this.restoreView) return;
      const c = map.getCenter();
      this.s.view = { lng: c.lng, lat: c.lat, zoom: map.getZoom() };
    });
    try {
      const [catalogue, ward, group] = await Promise.all([
        this.readCatalogue(),
        sources.versions('ward'),
        sources.versions('group'),
      ]);
      this.s.versions = { ward, group };
      // Open on the place's extent (a level drawn from tiles has no GeoJSON to fit to).
      const place = await placeShown.show(this.s.at);
      if (!this.restoreView && place?.bbox) {
        map.fitBounds(place.bbox as LngLatBoundsLike, { padding: 32, duration: 0 });
      }
      if (catalogue.demo) session.markDemo();
      this.unitEvents = bindUnitEvents(atlas, { onSelect: (id) => this.onMapSelect(id) });
      map.on('mousemove', LAYERS.fill, (event) => {
        const id = event.features?.[0]?.id;
        this.s.tooltip = typeof id === 'number' ? { x: event.point.x, y: event.point.y, id } : null;
      });
      map.on('mouseleave', LAYERS.fill, () => (this.s.tooltip = null));
      map.on('click', LAYERS.hotspotIcons, (event) => {
        const id = event.features?.[0]?.properties?.unit_id;
        if (typeof id === 'number') this.pick(id, true);
      });
      this.s.ready = true;
    } catch (err) {
      this.fail('loadingMap', err);
    }
  }

  /**
   * The indicators the picker offers, from the sources' catalogue: read at start and again each
   * time the page is shown (a page that changed the catalogue or the data cleared the sources, so
   * an indicator added meanwhile appears; otherwise this costs nothing).
   */
  async readCatalogue() {
    const catalogue = await sources.catalogue();
    this.s.indicators = catalogue.indicators.filter(
      (i) => (i.levels.includes('ward') || i.levels.includes('group')) && inPickers(i, this.s.indicatorKey),
    );
    return catalogue;
  }

  destroy(): void {
    this.unitEvents?.unbind();
    this.views?.stop();
  }

  private get views() {
    return this.s.views;
  }

  /** Level, boundary version, indicator or measure changed: load (the period never reloads anything). */
  async load(ind: Indicator, lvl: MapLevel, date: string, m: Measure): Promise<void> {
    const atlas = this.atlas;
    if (!atlas) return;
    const seq = ++this.loadSeq;
    const s = this.s;
    s.loadingValues = true;
    try {
      const values = await sources.values(ind, lvl, date, m);
      if (seq !== this.loadSeq) return;
      if (values.main.demo) session.markDemo();
      const key = s.loadedKey;
      if (key?.level !== lvl || key.at !== date) {
        const spec = chooseUnitsSource(
          lvl,
          date,
          values.main.ids.length,
          window.location.origin,
          forceTiles ? 0 : undefined,
        );
        if (spec.type === 'geojson') {
          const units = await sources.units(lvl, date);
          if (seq !== this.loadSeq) return;
          atlas.showUnits(units, `${lvl}|${date}`, this.restoreView || key ? null : 32);
          this.unitIds = units.features.map((f) => f.properties.id);
          s.unitsById = new Map(units.features.map((f) => [f.properties.id, f.properties]));
        } else {
          // Colours first: the names and boxes (no polygons; 3 MB for 10,000 wards) follow.
          atlas.useUnitsSource(spec);
          atlas.setData(LABELS_SOURCE, { type: 'FeatureCollection', features: [] });
          this.unitIds = Array.from(values.main.ids);
          s.unitsById = new Map();
          this.bboxById = new Map();
          void this.showUnitList(lvl, date);
        }
        if (this.restoreView && s.view) {
          atlas.map.jumpTo({ center: [s.view.lng, s.view.lat], zoom: s.view.zoom });
        }
        this.restoreView = false;
        s.crossedFrom = this.previousAt !== null && this.previousAt !== date ? this.previousAt : null;
        this.previousAt = date;
        s.loadedKey = { level: lvl, at: date, tiled: spec.type === 'vector' };
        void placeShown.show(date);
        publishTestState({ unitIds: this.unitIds, level: lvl, at: date });
        void this.loadContext(date, lvl, spec.type === 'vector');
        if (s.selectedId !== null && !s.unitsById.has(s.selectedId)) {
          this.pendingSelect ??= s.selectedId;
          s.selectedId = null;
        }
      }
      this.views?.stop();
      const views = new PeriodViews({ indicator: ind, measure: m, sources: values });
      s.views = views;
      s.failure = null;
      publishTestState({ error: null });
      this.selectPending();
    } catch (err) {
      if (seq === this.loadSeq) this.fail('loadingValues', err);
    } finally {
      if (seq === this.loadSeq) s.loadingValues = false;
    }
  }

  private selectPending() {
    const id = this.pendingSelect;
    if (id === null || !this.s.unitsById.has(id)) return;
    this.pendingSelect = null;
    this.unitEvents?.select(id);
    this.s.selectedId = id;
    if (this.pendingZoom) this.zoomTo(id);
    this.pendingZoom = false;
  }

  /** Names and boxes of a level drawn from tiles, once they arrive; then a pending selection. */
  private async showUnitList(lvl: MapLevel, date: string) {
    try {
      const list = await sources.unitList(lvl, date);
      const key = this.s.loadedKey;
      if (key?.level !== lvl || key.at !== date) return;
      this.s.unitsById = new Map(list.map((u) => [u.properties.id, u.properties]));
      this.bboxById = new Map(list.map((u) => [u.properties.id, u.bbox]));
      this.selectPending();
    } catch (err) {
      this.fail(null, err);
    }
  }

  /**
   * Ward names (for parents) and group outlines (for drill-down) and hotspots of a boundary version.
   * A level drawn from tiles is a large one: its groups' polygons (ten times as many) are not loaded.
   */
  private async loadContext(date: string, lvl: MapLevel, tiled: boolean) {
    const s = this.s;
    try {
      const [wards, groups, spots] = await Promise.all([
        tiled
          ? sources.unitList('ward', date).then((list) => ({ features: list }))
          : lvl === 'ward'
            ? null
            : sources.units('ward', date),
        tiled ? null : sources.units('group', date),
        sources.hotspots(date),
      ]);
      if (s.loadedKey?.at !== date) return;
      const wardList = wards ?? { features: [...s.unitsById.values()].map((p) => ({ properties: p })) };
      s.wardsById = new Map(wardList.features.map((f) => [f.properties.code, f.properties]));
      s.groupUnits = groups;
      s.hotspots = spots;
    } catch (err) {
      this.fail(null, err);
    }
  }

  /**
   * Values or classification changed: recolour by feature-state (no request, no geometry). What can
   * be seen is written in this task (`valuesShown`); on a large layer the rest when idle, then
   * `valuesApplied` (tests read every unit's state after it).
   */
  applyPeriod(): void {
    const s = this.s;
    const view = s.periodView;
    if (!this.atlas || !view) return;
    const n = ++this.valuesShown;
    const state = {
      indicator: s.shownIndicator?.key ?? null,
      period: s.period,
      from: s.from,
      level: s.level,
      at: s.at,
      compareFrom: s.compareFrom,
      breaks: view.choropleth.classes.map((c) => c.lower),
      fixedBreaks: view.choropleth.fixed,
    };
    publishTestState({ valuesShown: n });
    this.atlas.applyPeriod(view, this.unitIds, () => publishTestState({ valuesApplied: n, ...state }));
  }

  /**
   * Hotspot outlines and icons at the chosen date, after filters. Sent to the map only when they
   * changed: a period step usually leaves every status as it was, and `setData` re-tiles in the
   * worker.
   */
  showHotspots(): void {
    const s = this.s;
    if (!this.atlas || !s.ready) return;
    const shown = s.hotspotsVisible ? s.shownHotspots : [];
    const key = [
      this.groupsSeen(s.groupUnits),
      s.hotspotCategories.join(),
      shown.map((h) => `${h.unit_id}:${h.status}:${h.categories.join('+')}`).join(),
    ].join('|');
    if (key === this.hotspotsKey) return;
    this.hotspotsKey = key;
    const layers = hotspotLayers(shown, s.groupUnits, s.hotspotCategories);
    this.atlas.showHotspots(layers);
    publishTestState({ hotspotsShown: layers.points.features.length });
  }

  /** Drill-down: the groups of the selected ward, outlined. */
  showDrill(): void {
    const s = this.s;
    if (!this.atlas || !s.ready) return;
    const unit = s.selectedUnit;
    const groups = s.groupUnits;
    const features =
      unit && s.level === 'ward' && groups ? groups.features.filter((f) => f.properties.parent_code === unit.code) : [];
    this.atlas.setData(DRILL_SOURCE, { type: 'FeatureCollection', features });
    publishTestState({ selected: s.selectedId });
  }

  private onMapSelect(id: number | null) {
    this.s.selectedId = id;
    if (id !== null && this.s.level === 'ward') this.zoomTo(id);
  }

  /**
   * A hotspot picked in the list: its group level, its own problem's indicator (said in a notice),
   * a strong outline, and a flight to it once its level is drawn.
   */
  pickHotspot(hotspot: Hotspot): void {
    const s = this.s;
    s.focusedHotspot = hotspot.unit_id;
    const key = s.hotspotIndicator(hotspot);
    const before = s.indicators.find((i) => i.key === s.indicatorKey);
    const after = s.indicators.find((i) => i.key === key);
    if (key && after && key !== s.indicatorKey) {
      s.indicatorKey = key;
      s.indicatorNotice = before ? { from: before, to: after, reason: 'hotspot' } : null;
    }
    if (s.level !== 'group' || (after && key !== s.shownIndicator?.key)) {
      this.pendingSelect = hotspot.unit_id;
      this.pendingZoom = true;
      s.level = 'group';
      return;
    }
    this.pick(hotspot.unit_id);
  }

  /** The picked hotspot outlined while it is the selection. */
  showHotspotFocus(): void {
    const s = this.s;
    const id = s.focusedHotspot !== null && s.selectedId === s.focusedHotspot ? s.focusedHotspot : null;
    this.atlas?.focusHotspot(id);
    publishTestState({ hotspotFocus: id });
  }

  private zoomTo(id: number) {
    void (async () => {
      const key = this.s.loadedKey;
      const map = this.atlas?.map;
      if (!key || !map) return;
      const box = key.tiled ? this.bboxById.get(id) : await this.unitBox(key, id);
      if (!box) return;
      // A pick may open the phone's bottom sheet, which shrinks the map: fit into the map as it is
      // once the page has laid that out, not as it was.
      await tick();
      const container = map.getContainer();
      const canvas = map.getCanvas();
      if (container.clientWidth !== canvas.clientWidth || container.clientHeight !== canvas.clientHeight) map.resize();
      map.fitBounds(box as LngLatBoundsLike, selectFit(container.clientWidth, container.clientHeight));
    })();
  }

  private async unitBox(key: { level: MapLevel; at: string }, id: number) {
    const units = await sources.units(key.level, key.at);
    const feature = units.features.find((f) => f.properties.id === id);
    return feature ? unitsBounds({ features: [feature] }) : undefined;
  }

  /** Selects a unit from the table, the search, the details or the hotspot list, and flies to it. */
  pick(id: number, groupLevel = false): void {
    const s = this.s;
    if (groupLevel && s.level !== 'group') {
      this.pendingSelect = id;
      s.level = 'group';
      return;
    }
    if (!s.unitsById.has(id)) {
      this.pendingSelect = id;
      return;
    }
    this.unitEvents?.select(id);
    s.selectedId = id;
    this.zoomTo(id);
  }

  pickHit(hit: SearchHit): void {
    if (hit.level !== this.s.level) {
      this.pendingSelect = hit.id;
      this.s.level = hit.level;
    } else this.pick(hit.id);
  }

  deselect(): void {
    this.unitEvents?.select(null);
  }

  /** The page's effects: loading, keeping the state valid, drawing; declared while the page initialises. */
  effects(): void {
    const s = this.s;
    // Keep the indicator valid for the level, and the period inside the indicator's range.
    $effect(() => {
      void [s.levelIndicators, s.indicatorKey, s.periods, s.period];
      if (s.ready) untrack(() => s.keepValid());
    });
    $effect(() => {
      const [ind, lvl, date, m] = [s.indicator, s.level, s.at, s.effectiveMeasure];
      if (!s.ready || !ind) return;
      untrack(() => void this.load(ind, lvl, date, m));
    });
    $effect(() => {
      void s.periodView;
      untrack(() => this.applyPeriod());
    });
    $effect(() => {
      void [s.hotspotsVisible, s.shownHotspots, s.groupUnits, s.hotspotCategories, s.ready];
      untrack(() => this.showHotspots());
    });
    $effect(() => {
      void [s.selectedUnit, s.groupUnits, s.level, s.ready, s.selectedId];
      untrack(() => this.showDrill());
    });
    $effect(() => {
      void [s.focusedHotspot, s.selectedId, s.ready];
      untrack(() => this.showHotspotFocus());
    });
    // The other periods' classes and ranks, computed ahead while the user looks (again for a new
    // classification or resolution).
    $effect(() => {
      const [views, classification, periods] = [s.views, s.classification, s.periods];
      if (!views) return;
      publishTestState({ periodsReady: false });
      untrack(() => views.prefetch(periods, s.period, classification, () => publishTestState({ periodsReady: true })));
    });
  }
}
