import { kindsOfLevel } from '../../geo/levels.ts';
import { englishPlaceName, placeNames } from '../../geo/place.ts';
import type { RequestContext } from '../auth/context.ts';
import type { SettingsService } from '../settings/settings.service.ts';
import type { PlaceRepository } from './place.repository.ts';
import type { Place } from './place.schemas.ts';

export interface PlaceStore {
  place: Pick<PlaceRepository, 'commonAncestor' | 'wardsExtent'>;
}

/**
 * The deployment's own place on a day: its name from the data (the lowest unit above every ward:
 * the city, or the province once the wards sit directly under it) unless an administrator set one,
 * and the extent of the wards the caller may see — where every map opens.
 */
export class PlaceService {
  constructor(
    private readonly uow: { read: PlaceStore },
    private readonly settings: Pick<SettingsService, 'placeSettings'>,
  ) {}

  async at(ctx: RequestContext, at: string): Promise<Place> {
    const wardKinds = kindsOfLevel('ward');
    const [top, extent, setting] = await Promise.all([
      this.uow.read.place.commonAncestor(wardKinds, at),
      this.uow.read.place.wardsExtent(wardKinds, at, ctx.scope),
      this.settings.placeSettings(),
    ]);
    const fromData = top ? { name_vi: top.name, name_en: englishPlaceName(top) } : null;
    const names = placeNames(fromData, setting);
    const bySetting = setting.name_vi.trim() !== '' || setting.name_en.trim() !== '';
    return {
      at,
      name_vi: names?.name_vi ?? null,
      name_en: names?.name_en ?? null,
      source: names ? (bySetting ? 'setting' : 'data') : null,
      unit: top ?? null,
      ...extent,
    };
  }
}
