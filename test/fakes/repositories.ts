/**
 * Fake repositories over Memory: the methods the write services call, with the same contracts as
 * the SQL (scope decided by the same rule — `canSee`, the unit ids of the scope —, shared items seen
 * by their owner or by anyone whose scope holds all their wards). Typed against the real classes,
 * so a change of a repository's signature breaks these too.
 */
import { GROUP_KINDS, type HotspotCategory, type HotspotStatus } from '../../geo/units.ts';
import type { AuditRepository } from '../../server/audit/audit.repository.ts';
import type { AuthRepository } from '../../server/auth/auth.repository.ts';
import { canSee } from '../../server/auth/scope.ts';
import type { HotspotsRepository } from '../../server/hotspots/hotspots.repository.ts';
import type { IndicatorsRepository } from '../../server/indicators/indicators.repository.ts';
import type { ObservationsRepository } from '../../server/observations/observations.repository.ts';
import type { SettingsRepository } from '../../server/settings/settings.repository.ts';
import type { UnitsRepository } from '../../server/units/units.repository.ts';
import type { UsersRepository, UserWithHash } from '../../server/users/users.repository.ts';
import type { Memory, Rows } from './memory.ts';
import { fakePlans } from './plans.ts';
import { fakeViewsAndBriefings } from './views.ts';

const validOn = (u: { valid_from: string; valid_to: string | null }, at: string) =>
  u.valid_from <= at && (u.valid_to === null || u.valid_to > at);

export function fakeRepositories(m: Memory) {
  const rows = (): Rows => m.rows;

  const units: Pick<UnitsRepository, 'byIds' | 'updateAttributes' | 'idsByCode' | 'listAt' | 'naming'> = {
    async byIds(ids, scope) {
      return rows()
        .units.filter((u) => ids.includes(u.id))
        .map(({ parent_id: _p, search_text: _s, ...u }) => ({ ...u, in_scope: canSee(scope, u.id) }));
    },
    async updateAttributes(id, patch, searchText) {
      const u = rows().units.find((x) => x.id === id)!;
      Object.assign(u, patch, { search_text: searchText });
    },
    async idsByCode(codes, at) {
      return rows()
        .units.filter((u) => codes.includes(u.code) && validOn(u, at))
        .map((u) => u.id);
    },
    // The fake keeps one parent per unit and no dated links: a former parent is for the SQL (integration tests).
    async naming(ids, at) {
      const all = rows().units;
      const asked = all.filter((u) => ids.includes(u.id));
      const parents = new Set(asked.map((u) => u.parent_id).filter((p) => p !== null));
      return all
        .filter((u) => ids.includes(u.id) || (u.parent_id !== null && parents.has(u.parent_id) && validOn(u, at)))
        .map((u) => {
          const p = all.find((x) => x.id === u.parent_id);
          return {
            id: u.id,
            code: u.code,
            name: u.name,
            kind: u.kind,
            parent_id: p ? p.id : null,
            parent_name: p?.name ?? null,
            parent_short: p?.short_name ?? null,
            former_name: null,
            former_short: null,
          };
        });
    },
    async listAt() {
      throw new Error('listAt is SQL-only (GeoJSON from PostGIS): covered by the integration tests');
    },
  };

  const observations: Pick<ObservationsRepository, 'get' | 'set'> = {
    async get(indicator, unitId, period) {
      const o = rows().observations.find(
        (x) => x.indicator === indicator && x.unit_id === unitId && x.period === period,
      );
      return o && { value: o.value, demo: o.demo, entered_by: null };
    },
    async set(indicator, unitId, period, value) {
      const list = rows().observations;
      const o = list.find((x) => x.indicator === indicator && x.unit_id === unitId && x.period === period);
      if (o) Object.assign(o, { value, demo: false });
      else list.push({ indicator, unit_id: unitId, period, value, demo: false });
    },
  };

  const indicators: Pick<IndicatorsRepository, 'list' | 'insert' | 'update' | 'setRetired' | 'delete' | 'usage'> = {
    async list() {
      return rows().indicators.map(({ sort_order: _s, ...d }) => {
        const own = rows().observations.filter((o) => o.indicator === (d.numerator_key ?? d.key));
        const periods = own.map((o) => o.period.slice(0, 7)).sort();
        return {
          ...structuredClone(d),
          first_period: periods[0] ?? null,
          last_period: periods.at(-1) ?? null,
          has_data: rows().observations.some((o) => o.indicator === d.key),
        };
      });
    },
    async insert(row) {
      const list = rows().indicators;
      list.push({ ...structuredClone(row), retired_at: null, sort_order: list.length });
    },
    async update(key, patch) {
      Object.assign(
        rows().indicators.find((i) => i.key === key)!,
        structuredClone(patch),
      );
    },
    async setRetired(key, retired) {
      rows().indicators.find((i) => i.key === key)!.retired_at = retired ? m.now().toISOString() : null;
    },
    async delete(key) {
      // The database refuses what a foreign key still refers to; so does the fake.
      if (rows().observations.some((o) => o.indicator === key)) throw new Error('observation_indicator_key_fkey');
      rows().indicators = rows().indicators.filter((i) => i.key !== key);
    },
    async usage(key) {
      return {
        values: rows().observations.filter((o) => o.indicator === key).length,
        ratios: rows()
          .indicators.filter((i) => i.numerator_key === key || i.denominator_key === key)
          .map((i) => i.key)
          .sort(),
        views: rows().views.filter((v) => (v.state as { indicator?: string } | null)?.indicator === key).length,
      };
    },
  };

  const audit: Pick<AuditRepository, 'insert'> = {
    async insert(entry) {
      rows().audit.push(structuredClone(entry));
    },
  };

  const hotspots: Pick<HotspotsRepository, 'detail' | 'idOfUnit' | 'insert' | 'addStatus' | 'update' | 'listAt'> = {
    async detail(id) {
      const h = rows().hotspots.find((x) => x.id === id);
      if (!h) return undefined;
      const history = rows()
        .hotspotStatus.filter((s) => s.hotspot_id === id)
        .sort((a, b) => a.changed_on.localeCompare(b.changed_on) || a.id - b.id)
        .map((s) => ({ status: s.status as HotspotStatus, changed_on: s.changed_on, note: s.note }));
      return { ...h, categories: h.categories as HotspotCategory[], history };
    },
    async idOfUnit(unitId) {
      return rows().hotspots.find((h) => h.unit_id === unitId)?.id;
    },
    async insert({ history, ...h }) {
      const id = m.nextId();
      rows().hotspots.push({ id, ...h });
      for (const s of history) rows().hotspotStatus.push({ id: m.nextId(), hotspot_id: id, ...s });
      return id;
    },
    async addStatus(s) {
      rows().hotspotStatus.push({ id: m.nextId(), ...s });
    },
    async update(id, patch) {
      Object.assign(
        rows().hotspots.find((h) => h.id === id)!,
        patch,
      );
    },
    async listAt() {
      throw new Error('listAt is SQL-only: covered by the integration tests');
    },
  };

  const users: Pick<UsersRepository, 'list' | 'count' | 'byId' | 'byUsername' | 'insert' | 'update' | 'setScope'> = {
    async list() {
      return rows().users.map(({ password_hash: _h, password_changed_at: _p, ...u }) => ({ ...u }));
    },
    async count() {
      return rows().users.length;
    },
    async byId(id) {
      const u = rows().users.find((x) => x.id === id);
      return u && (structuredClone(u) as UserWithHash);
    },
    async byUsername(name) {
      const u = rows().users.find((x) => x.username === name);
      return u && (structuredClone(u) as UserWithHash);
    },
    async insert(u) {
      const id = m.nextId();
      rows().users.push({ ...u, id, disabled: false, created_at: m.now(), password_changed_at: m.now() });
      return id;
    },
    async update(id, patch) {
      const u = rows().users.find((x) => x.id === id)!;
      Object.assign(u, patch, patch.password_hash ? { password_changed_at: m.now() } : {});
    },
    async setScope(userId, unitIds) {
      rows().users.find((x) => x.id === userId)!.scope_unit_ids = [...unitIds].sort((a, b) => a - b);
    },
  };

  const auth: Pick<AuthRepository, 'revokeUserSessions' | 'revokeUserTokens'> = {
    async revokeUserSessions(userId, exceptId) {
      const live = rows().sessions.filter((s) => s.user_id === userId && !s.revoked && s.id !== exceptId);
      for (const s of live) s.revoked = true;
      return live.length;
    },
    async revokeUserTokens(userId) {
      const live = rows().tokens.filter((t) => t.user_id === userId && !t.revoked);
      for (const t of live) t.revoked = true;
      return live.length;
    },
  };

  const settings: Pick<SettingsRepository, 'get' | 'set'> = {
    async get<T>(key: string) {
      return structuredClone(rows().settings[key]) as T | undefined;
    },
    async set(key, value) {
      rows().settings[key] = structuredClone(value);
    },
  };

  return {
    units,
    observations,
    indicators,
    audit,
    hotspots,
    users,
    auth,
    settings,
    plans: fakePlans(m),
    ...fakeViewsAndBriefings(m),
  };
}
export type FakeRepositories = ReturnType<typeof fakeRepositories>;

/** A ward with groups under it, valid since 2000 (a small area for the tests). */
export function area(m: Memory, code: string, groups: number) {
  const ward = m.unit({ code, kind: 'phuong', name: `Phường ${code}` });
  const list = Array.from({ length: groups }, (_, i) =>
    m.unit({
      code: `${code}-${i + 1}`,
      kind: GROUP_KINDS[0]!,
      name: `Tổ ${i + 1}`,
      parent_id: ward.id,
      households: 100 + i,
    }),
  );
  return { ward, groups: list };
}
