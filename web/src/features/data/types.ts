/**
 * Shapes of the data-management answers (imports, single edits, hotspots, crosswalk), derived from
 * the server's own schemas and types where it exports them. Type imports only.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Static } from 'typebox';
import type {
  BoundaryImportReport as ServerBoundaryReport,
  EncodingChoice,
  EncodingInfo,
  LayerInfo,
  RowIssue as ServerRowIssue,
} from '../../../../server/imports/boundaries/boundary-import.schemas.ts';
import type { CrosswalkRow as ServerCrosswalkRow } from '../../../../server/crosswalk/crosswalk.schemas.ts';
import type { EditableUnit } from '../../../../server/units/units.schemas.ts';
import type { HotspotDetail as HotspotDetailSchema } from '../../../../server/hotspots/hotspots.schemas.ts';
import type {
  ImportProblem as ImportProblemSchema,
  ImportReport as ImportReportSchema,
} from '../../../../server/imports/indicators/indicator-import.schemas.ts';

export type { EncodingChoice, EncodingInfo, LayerInfo };

/** One feature's problem in a boundary file: row (1-based feature number), code, field, message. */
export type RowIssue = ServerRowIssue;
/** The preview is a GeoJSON FeatureCollection of the staged features (dry runs only). */
export type BoundaryReport = Omit<ServerBoundaryReport, 'preview'> & {
  preview?: FeatureCollection<Polygon | MultiPolygon, PreviewProperties>;
};
export interface PreviewProperties {
  row: number;
  code: string;
  name: string;
  kind: string;
}

/** Which attribute holds each field of a unit in a boundary file. */
export interface BoundaryMapping {
  code: string;
  name: string;
  kind: string;
  parent_code: string;
}

/** One line of the boundary import's NDJSON answer. */
export type BoundaryProgressLine =
  | { stage: 'read'; features: number }
  | { stage: 'check' | 'commit' }
  | {
      stage: 'done';
      statusCode: number;
      message?: string;
      field?: string;
      report?: BoundaryReport;
    };

export type IndicatorImportReport = Static<typeof ImportReportSchema>;
export type ImportProblem = Static<typeof ImportProblemSchema>;
/** `mapping` of an indicator import: file headers for code, name, period and each indicator key. */
export interface IndicatorMapping {
  code?: string;
  name?: string;
  period?: string;
  indicators?: Record<string, string>;
}

export type CrosswalkRow = ServerCrosswalkRow;
export interface CrosswalkShare {
  from_unit_id: number;
  to_unit_id: number;
  area_share: number;
  household_share: number | null;
}

export interface ObservationEdit {
  indicator: string;
  unit_id: number;
  period: string;
  value: number;
}
export interface ObservationResult extends ObservationEdit {
  before: number | null;
  changed: boolean;
}

export type EditedUnit = Omit<EditableUnit, 'in_scope'>;
export interface UnitPatch {
  name?: string;
  short_name?: string;
  households?: number | null;
  population?: number | null;
}

export type HotspotDetail = Static<typeof HotspotDetailSchema>;
export type HotspotCategory = HotspotDetail['categories'][number];
export type HotspotStatus = HotspotDetail['history'][number]['status'];
export interface NewHotspot {
  unit_id: number;
  categories: HotspotCategory[];
  designated_on: string;
  target_date?: string | null;
  note?: string;
}
export interface HotspotStatusChange {
  status: HotspotStatus;
  changed_on: string;
  note?: string;
}

export interface RemoveDemoResult {
  demo: false;
  observations: number;
  hotspots: number;
  units: number;
  users: number;
  user_rows_on_demo_units: { observations: number; hotspots: number; plan_items: number };
  users_disabled: string[];
}
