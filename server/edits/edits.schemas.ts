/** A unit as the single-edit routes answer it (`PATCH /api/units/:id`). */
export interface EditableUnit {
  id: number;
  code: string;
  name: string;
  short_name: string;
  kind: string;
  households: number | null;
  population: number | null;
  valid_from: string;
  valid_to: string | null;
  /** Whether the editor's scope includes the unit (decided by the one scope filter). */
  in_scope: boolean;
}
