import { Type, type Static } from 'typebox';
import { ROLES } from '../auth/roles.ts';
import { Id } from '../http/numbers.ts';

export const RoleSchema = Type.Enum([...ROLES]);
export const Username = Type.String({
  pattern: '^[a-z0-9._-]{2,64}$',
  description: 'lowercase letters, digits, . _ -',
});
/** Checked by the password policy (auth/password-policy.ts): ≥ 12 characters, not a common password. */
export const Password = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'at least 12 characters (any script, diacritics and spaces welcome), not a common password',
});

export const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  display_name: Type.String(),
  role: RoleSchema,
  disabled: Type.Boolean(),
  demo: Type.Boolean(),
  scope_unit_ids: Type.Array(Type.Integer(), { description: 'scope wards; empty = the whole area' }),
  /** Locked after too many failed sign-ins; an administrator lifts it (POST /api/admin/users/:id/unlock). */
  locked: Type.Boolean(),
});
export type User = Static<typeof User>;

export const CreateUserBody = Type.Object(
  {
    username: Username,
    display_name: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    password: Password,
    scope_unit_ids: Type.Array(Id(), { maxItems: 500, default: [] }),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    display_name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(RoleSchema),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
    scope_unit_ids: Type.Optional(Type.Array(Id(), { maxItems: 500 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;
