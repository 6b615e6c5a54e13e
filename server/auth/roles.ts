/** Roles, from the access-control issue: who may do what. */
export const ROLES = ['viewer', 'commander', 'planner', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Everyone signed in may read the data their scope allows. */
export const READERS: readonly Role[] = ROLES;

/**
 * A route's access rule: `public` (no sign-in), or the roles allowed. Every /api and /tiles route
 * must declare one; the app refuses to start otherwise, and the route-matrix test enumerates them.
 */
export type Access = 'public' | readonly Role[];

export const ROLE_NAMES_VI: Record<Role, string> = {
  viewer: 'Xem',
  commander: 'Chỉ huy',
  planner: 'Kế hoạch',
  editor: 'Biên tập dữ liệu',
  admin: 'Quản trị',
};
