import { Type, type Static } from 'typebox';
import { Int } from '../http/numbers.ts';
import { Password, RoleSchema } from '../users/users.schemas.ts';

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const Me = Type.Object({
  user: Type.Object({
    id: Type.Integer(),
    username: Type.String(),
    display_name: Type.String(),
    role: RoleSchema,
    scope: Type.Object({ all: Type.Boolean(), unit_count: Type.Integer() }),
  }),
  csrf_token: Type.Union([Type.String(), Type.Null()]),
});
export type Me = Static<typeof Me>;

export const PasswordBody = Type.Object(
  {
    current_password: Type.String({ minLength: 1, maxLength: 200 }),
    new_password: Password,
  },
  { additionalProperties: false },
);

export const TokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    expires_in_days: Type.Optional(
      Int({
        minimum: 1,
        maximum: 3650,
        description: 'default and upper bound: the maximum lifetime an administrator set',
      }),
    ),
  },
  { additionalProperties: false },
);

export const Token = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
  last_used_at: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  expires_at: Type.String({ format: 'date-time' }),
  revoked_at: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
});

/** A token as created: its secret is shown this once. */
export const CreatedToken = Type.Intersect([Token, Type.Object({ token: Type.String() })]);
