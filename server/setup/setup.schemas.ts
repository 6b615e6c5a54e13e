/** `/api/setup`: how far a new deployment has come — what the admin's first-run guide shows. */
import { Type, type Static } from 'typebox';

export const SetupStatus = Type.Object({
  /** The synthetic demo is loaded (the guide then says that its own data replaces it). */
  demo: Type.Boolean(),
  /** Wards/communes and groups/hamlets valid today. */
  wards: Type.Integer(),
  groups: Type.Integer(),
  /** Indicators in the catalogue, and how many of them hold at least one observation. */
  indicators: Type.Integer(),
  indicators_with_data: Type.Integer(),
  /** The date the unit counts are taken on (today in Vietnam). */
  at: Type.String(),
});
export type SetupStatus = Static<typeof SetupStatus>;
