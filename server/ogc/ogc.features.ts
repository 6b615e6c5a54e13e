/**
 * A feature of the OGC API as GeoJSON text: its key, its properties in the order GIS tables show
 * them, and the indicator values joined in. Pure functions over repository rows (the downloads use
 * the same properties and kinds).
 */
import { kindsOfLevel } from '../../geo/levels.ts';
import type { ValueTable } from '../values/value-table.ts';
import { keyText } from './ogc.params.ts';
import type { CollectionId, FeatureKey, FeatureRow } from './ogc.repository.ts';

/** The unit kinds a collection's features are (what their names are told apart from). */
export const kindsOf = (collection: CollectionId) => kindsOfLevel(collection === 'wards' ? 'ward' : 'group');

export function keyOf(collection: CollectionId, r: FeatureRow): FeatureKey {
  return collection === 'plan-items' ? [r.plan_id!, r.unit_id] : [r.id];
}

/** The properties of a feature row, in the order GIS tables show them. */
export function rowProperties(collection: CollectionId, r: FeatureRow, name: string): Record<string, unknown> {
  const p: Record<string, unknown> = {
    code: r.code,
    name: r.name,
    display_name: name,
    kind: r.kind,
    parent_code: r.parent_code,
    parent_name: r.parent_name,
    households: r.households,
    valid_from: r.valid_from,
    valid_to: r.valid_to,
    unit_id: r.unit_id,
  };
  if (collection === 'hotspots') {
    Object.assign(p, {
      hotspot_id: r.id,
      status: r.status,
      status_since: r.status_since,
      categories: r.categories,
      designated_on: r.designated_on,
      target_date: r.hotspot_target_date,
    });
  }
  if (collection === 'plan-items') {
    Object.assign(p, {
      plan_id: r.plan_id,
      plan_name: r.plan_name,
      plan_year: r.plan_year,
      plan_status: r.plan_status,
      plan_revision: r.plan_revision,
      priority: r.priority,
      rationale: r.rationale,
      responsible_unit: r.responsible_unit,
      target_date: r.target_date,
    });
  }
  return p;
}

export function featureJson(
  collection: CollectionId,
  r: FeatureRow,
  name: string,
  values: Map<string, ValueTable>,
): string {
  const props = rowProperties(collection, r, name);
  const table = values.get(r.ref);
  if (table) {
    const row = table.row(r.unit_id);
    table.columns.forEach((c, i) => (props[c.name] = row[i] ?? null));
  }
  const id = collection === 'plan-items' ? JSON.stringify(keyText(keyOf(collection, r))) : String(r.id);
  const geometry = typeof r.geometry === 'string' ? r.geometry : 'null';
  return `{"type":"Feature","id":${id},"geometry":${geometry},"properties":${JSON.stringify(props)}}`;
}
