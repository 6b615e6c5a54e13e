/**
 * Presentation mode's state: the deck (a briefing's views, or saved views given by id), the slide
 * shown, its view model, and the time animation inside a slide. Drawing goes through the page's
 * AtlasMap; the models come from the page's source cache, so going back to a slide is instant and
 * playing through time sends no request.
 */
import { router } from '../../app/router.svelte.ts';
import { describeError } from '../../shared/api/errors.ts';
import type { SavedView } from '../../shared/api/types.ts';
import { lang } from '../../shared/i18n/lang.svelte.ts';
import type { AtlasMap } from '../../shared/map/atlasMap.ts';
import { viewCamera } from '../../shared/map/camera.ts';
import { iconParts, type HotspotCategory, type HotspotStatus } from '../../shared/map/hotspotIcons.ts';
import { loadViewModel } from '../../shared/map/loadView.ts';
import { publishTestState } from '../../shared/map/testHooks.ts';
import { withPeriod, type StoredState, type ViewModel } from '../../shared/map/viewModel.ts';
import { viewHotspots } from '../export/renderView.ts';
import { fetchBriefing, fetchExportSettings, fetchViews } from '../briefings/api.ts';

/** How long each period shows while playing. */
const STEP_MS = 1200;

export class Deck {
  title = $state('');
  slides = $state.raw<SavedView[]>([]);
  /** Views of the briefing outside the viewer's scope (not shown). */
  hidden = $state(0);
  index = $state(0);
  model = $state.raw<ViewModel | null>(null);
  loading = $state(true);
  private failure = $state.raw<unknown>(null);
  playing = $state(false);
  classification = $state('');
  /** The hotspot icons on the slide (category and status), for its legend. */
  icons = $state.raw<{ category: HotspotCategory; status: HotspotStatus }[]>([]);
  private atlas: AtlasMap | null = null;
  private seq = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private applied = 0;

  constructor(private readonly keys: URLSearchParams) {
    this.index = Math.max(0, Number(keys.get('slide') ?? 1) - 1 || 0);
  }

  get slide(): SavedView | null {
    return this.slides[this.index] ?? null;
  }

  get error(): string | null {
    return this.failure === null ? null : describeError(this.failure);
  }

  async load(untitled: string): Promise<void> {
    const briefingId = Number(this.keys.get('briefing'));
    const viewIds = (this.keys.get('views') ?? '')
      .split(',')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
    try {
      const [deck] = await Promise.all([
        briefingId > 0
          ? fetchBriefing(briefingId)
          : fetchViews().then((views) => ({
              title: untitled,
              views: viewIds.map((id) => views.find((v) => v.id === id)).filter((v): v is SavedView => !!v),
              hiddenCount: 0,
            })),
        fetchExportSettings().then(
          (s) => (this.classification = s.classification.trim()),
          () => {},
        ),
      ]);
      this.title = deck.title;
      this.slides = deck.views;
      this.hidden = deck.hiddenCount;
      this.index = Math.min(this.index, Math.max(0, this.slides.length - 1));
    } catch (err) {
      this.failure = err;
    } finally {
      this.loading = false;
    }
  }

  /** The map is ready: slides can be drawn. */
  attach(atlas: AtlasMap): void {
    this.atlas = atlas;
  }

  /** Loads the slide's view (cached matrices and geometry make going back instant) and draws it. */
  async show(slide: SavedView, box: { width: number; height: number }): Promise<void> {
    const seq = ++this.seq;
    this.stop();
    try {
      const next = await loadViewModel(slide.state as StoredState);
      if (seq !== this.seq || !this.atlas) return;
      this.failure = null;
      this.draw(next);
      const camera = viewCamera(next, box.width, box.height, 48);
      this.atlas.map.jumpTo({ center: camera.center, zoom: camera.zoom });
    } catch (err) {
      if (seq === this.seq) this.failure = err;
    }
  }

  private draw(next: ViewModel): void {
    const atlas = this.atlas;
    if (!atlas) return;
    this.model = next;
    atlas.showModel(next);
    void viewHotspots(next).then(
      (layers) => {
        if (this.model !== next) return;
        atlas.showHotspots(layers);
        const names = layers.points.features.map((f) => String(f.properties?.icon));
        this.icons = names
          .filter((name, i) => names.indexOf(name) === i)
          .map(iconParts)
          .filter((p) => p !== null)
          .sort((a, b) => a.category.localeCompare(b.category) || a.status.localeCompare(b.status));
        publishTestState({ hotspotsShown: layers.points.features.length });
      },
      () => {},
    );
    this.applied += 1;
    publishTestState({
      unitIds: next.unitIds,
      valuesApplied: this.applied,
      indicator: next.indicator.key,
      period: next.state.period,
      from: next.state.from,
      level: next.level,
      at: next.at,
      error: null,
    });
  }

  goTo(i: number): void {
    if (this.slides.length === 0) return;
    const n = Math.min(Math.max(i, 0), this.slides.length - 1);
    if (n === this.index) return;
    this.index = n;
    router.write('present', { ...Object.fromEntries(this.keys), slide: n === 0 ? null : String(n + 1) });
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.playing = false;
  }

  /** Steps the period forward through the indicator's range, from the start again after the end. */
  private step(): void {
    const m = this.model;
    if (!m || m.periods.length < 2) return this.stop();
    const i = m.periods.indexOf(m.state.period);
    this.draw(withPeriod(m, m.periods[(i + 1) % m.periods.length]!, lang.current));
  }

  togglePlay(): void {
    if (this.playing) return this.stop();
    this.playing = true;
    this.step();
    this.timer = setInterval(() => this.step(), STEP_MS);
  }
}

/** What a key does in presentation mode (a clicker sends PageUp/PageDown), or null. */
export function slideKey(event: KeyboardEvent, index: number, count: number): number | 'leave' | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  const control = (event.target as HTMLElement | null)?.closest?.('button, a, input, select, textarea');
  switch (event.key) {
    case 'ArrowRight':
    case 'PageDown':
      return index + 1;
    case 'ArrowLeft':
    case 'PageUp':
      return index - 1;
    case ' ':
      // A focused button is pressed by Space itself.
      return control ? null : event.shiftKey ? index - 1 : index + 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'Escape':
      return 'leave';
    default:
      return null;
  }
}
