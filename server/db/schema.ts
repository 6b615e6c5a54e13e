import type { AuditLogTable } from '../audit/audit.table.ts';
import type { BriefingTable, BriefingViewTable } from '../briefings/briefing.table.ts';
import type { ApiTokenTable, LoginThrottleTable, UserSessionTable } from '../auth/session.table.ts';
import type { HotspotStatusTable, HotspotTable } from '../hotspots/hotspot.table.ts';
import type { IndicatorTable, ObservationTable } from '../indicators/indicator.table.ts';
import type { PlanEventTable, PlanItemTable, PlanTable } from '../plans/plan.table.ts';
import type { AppSettingTable } from '../settings/setting.table.ts';
import type { AdminUnitTable, BoundaryCrosswalkTable, UnitParentTable } from '../units/unit.table.ts';
import type { AppUserTable, UserScopeTable } from '../users/user.table.ts';
import type { SavedViewTable } from '../views/view.table.ts';

/** The whole database as Kysely sees it; each table's type lives in its feature folder. */
export interface DB {
  admin_unit: AdminUnitTable;
  unit_parent: UnitParentTable;
  boundary_crosswalk: BoundaryCrosswalkTable;
  indicator: IndicatorTable;
  observation: ObservationTable;
  hotspot: HotspotTable;
  hotspot_status: HotspotStatusTable;
  plan: PlanTable;
  plan_item: PlanItemTable;
  plan_event: PlanEventTable;
  app_user: AppUserTable;
  user_scope: UserScopeTable;
  audit_log: AuditLogTable;
  app_setting: AppSettingTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  login_throttle: LoginThrottleTable;
  saved_view: SavedViewTable;
  briefing: BriefingTable;
  briefing_view: BriefingViewTable;
}
