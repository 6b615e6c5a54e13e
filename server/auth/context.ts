import type { Actor } from './actor.ts';
import { forbidden } from '../errors.ts';
import { ALL, type Scope } from './scope.ts';

/**
 * What a service knows of the request it serves: who asks (`actor`, null for work the system does
 * itself), the part of the area they may see (`scope`, the one every repository call filters by) and
 * from where (`ip`, for the audit log). Plain data, no HTTP types: the access plugin builds it from
 * the Fastify request (`request.ctx`); start-up work, scripts and unit tests build their own.
 */
export interface RequestContext {
  readonly actor: Actor | null;
  readonly scope: Scope;
  readonly ip: string | null;
  /** Who acts when no user does (a script: `cli:db:remove-demo`); written as the audit row's username. */
  readonly label?: string;
}

/** The system itself (first start, CLI scripts): no user, the whole area, no address. */
export const SYSTEM: RequestContext = Object.freeze({ actor: null, scope: ALL, ip: null });

/** The id of the user behind a context, or null for the system. */
export const actorId = (ctx: RequestContext): number | null => ctx.actor?.id ?? null;

/**
 * Settings and actions that reach the whole area are for administrators of the whole area: an
 * administrator limited to some wards must not change what everyone else gets.
 */
export function assertWholeArea(ctx: RequestContext): void {
  if (!ctx.scope.all) {
    throw forbidden(
      'auth.whole_area_required',
      'Chỉ quản trị viên toàn địa bàn được làm việc này / only an administrator of the whole area may do this',
    );
  }
}
