import { kindsOfLevel, type MapLevel } from '../../geo/levels.ts';
import type { Scope } from '../auth/scope.ts';
import type { UnitsRepository } from './units.repository.ts';

/** Units as GeoJSON. The FeatureCollection is assembled as text around PostGIS's GeoJSON output,
 *  so geometry is never parsed and re-serialised in Node. Without geometry, each feature carries its
 *  `bbox` instead: the light list a map drawn from vector tiles needs for names, tables and zooming. */
export class UnitsService {
  constructor(private readonly repo: UnitsRepository) {}

  async featureCollection(
    level: MapLevel,
    at: string,
    scope: Scope,
    demo: boolean,
    { geometry = true }: { geometry?: boolean } = {},
  ): Promise<{ body: string; count: number }> {
    const rows = await this.repo.listAt(kindsOfLevel(level), at, scope, { geometry, bbox: !geometry });
    const parts = rows.map((r) => {
      const props = {
        id: r.id,
        code: r.code,
        name: r.name,
        short_name: r.short_name,
        kind: r.kind,
        parent_code: r.parent_code,
        valid_from: r.valid_from,
        valid_to: r.valid_to,
        households: r.households,
      };
      const shape = geometry ? `"geometry":${r.geometry}` : `"geometry":null,"bbox":${r.bbox ?? 'null'}`;
      return `{"type":"Feature","id":${r.id},"properties":${JSON.stringify(props)},${shape}}`;
    });
    const head = `{"type":"FeatureCollection","demo":${demo},"at":${JSON.stringify(at)},"level":${JSON.stringify(level)},"features":[`;
    return { body: `${head}${parts.join(',')}]}`, count: rows.length };
  }
}
