/**
 * Roles and the groups of them that routes allow, in one module: the routes' access rules and the
 * web's menus and buttons read the same lists. Pure (no server code): the web imports it.
 */
export const ROLES = ['viewer', 'commander', 'planner', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Everyone signed in may read the data their scope allows. */
export const READERS: readonly Role[] = ROLES;

/**
 * A route's access rule: `public` (no sign-in), or the roles allowed. Every /api and /tiles route
 * must declare one; the app refuses to start otherwise, and the route-matrix test enumerates them.
 */
export type Access = 'public' | readonly Role[];

/** Who changes data: imports, single edits, hotspots, the crosswalk. */
export const EDITORS: readonly Role[] = ['editor', 'admin'];
/** Who drafts and edits transformation plans. */
export const PLANNERS: readonly Role[] = ['planner', 'admin'];
/** Who approves or returns a submitted plan. */
export const APPROVERS: readonly Role[] = ['commander', 'admin'];
/** Users, the audit log, export settings, removing the demo. */
export const ADMINS: readonly Role[] = ['admin'];

/** Whether `role` (as the session reports it) belongs to `group`. */
export function inGroup(role: string, group: readonly Role[]): boolean {
  return (group as readonly string[]).includes(role);
}
