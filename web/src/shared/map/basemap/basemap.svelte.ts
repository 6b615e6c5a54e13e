/**
 * The session's one basemap: which archives the server has, the one drawn, and the user's choice
 * (none / light / grey, opacity, archive). Every map reads it here — the map page, the planning map,
 * the presentation (through AtlasMap.svelte) and the exports (MapRenderer) — so they all show the
 * same. The map page writes the choice into its address keys (`basemap`, `bmap`, `bmo`).
 */
import { fetchBasemapList, fetchTileJson, pickArchive, type BasemapArchive, type LoadedBasemap } from './catalogue.ts';
import { DEFAULT_BASEMAP_SETTING, parseBasemapSetting, type BasemapSetting } from './choice.ts';
import type { BasemapTileJson } from './index.ts';
import type { BasemapFlavour } from './types.ts';

/** What a map draws: an archive's TileJSON in a flavour at an opacity. */
export interface ShownBasemap {
  tileJson: BasemapTileJson;
  flavour: BasemapFlavour;
  opacity: number;
}

class BasemapState {
  setting = $state<BasemapSetting>({ ...DEFAULT_BASEMAP_SETTING });
  /** The server's archives: null until asked (after sign-in); empty when BASEMAP_PATH is unset. */
  archives = $state.raw<BasemapArchive[] | null>(null);
  /** The archive drawn and its TileJSON, once loaded. */
  loaded = $state.raw<LoadedBasemap | null>(null);
  private asking = false;

  /** The choice an address carries (the map page's keys, whichever page was opened). */
  readKeys(q: URLSearchParams): void {
    this.setting = parseBasemapSetting(q);
  }

  /** Asks the server for its archives once (needs a session), then loads the chosen one. */
  async load(): Promise<void> {
    if (this.archives !== null || this.asking) return;
    this.asking = true;
    try {
      this.archives = await fetchBasemapList();
      await this.pick();
    } catch (err) {
      // Without a basemap every map still works: say why in the console, not on the map.
      console.warn('basemap unavailable:', err);
    } finally {
      this.asking = false;
    }
  }

  /** Another archive (by id) is drawn. */
  async chooseArchive(id: string): Promise<void> {
    this.setting.archive = id;
    await this.pick().catch((err: unknown) => console.warn('basemap unavailable:', err));
  }

  private async pick(): Promise<void> {
    const archive = pickArchive(this.archives ?? [], this.setting.archive);
    if (!archive) return;
    const tileJson = await fetchTileJson(archive);
    // A later choice won the race: keep it.
    if (pickArchive(this.archives ?? [], this.setting.archive)?.id === archive.id) this.loaded = { archive, tileJson };
  }

  /** What the maps draw now; null for none (no archive, or the user chose none). */
  get shown(): ShownBasemap | null {
    const { choice, opacity } = this.setting;
    if (choice === 'none' || !this.loaded) return null;
    return { tileJson: this.loaded.tileJson, flavour: choice, opacity };
  }
}

export const basemap = new BasemapState();
