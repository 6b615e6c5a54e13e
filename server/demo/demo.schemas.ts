import { Type } from 'typebox';

/** The confirmation phrase the body must carry: this deletes data and cannot be undone. */
export const REMOVE_DEMO_CONFIRM = 'XOA DU LIEU MINH HOA';

export const RemoveDemoBody = Type.Object(
  { confirm: Type.Literal(REMOVE_DEMO_CONFIRM) },
  { additionalProperties: false },
);

export const RemoveDemoResponse = Type.Object({
  demo: Type.Literal(false),
  observations: Type.Integer(),
  hotspots: Type.Integer(),
  units: Type.Integer(),
  users: Type.Integer(),
  user_rows_on_demo_units: Type.Object({
    observations: Type.Integer(),
    hotspots: Type.Integer(),
    plan_items: Type.Integer(),
  }),
  users_disabled: Type.Array(Type.String()),
});
