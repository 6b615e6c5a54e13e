import { Type, type Static } from 'typebox';
import { Id } from '../http/numbers.ts';
import { SavedView } from '../views/views.schemas.ts';

const Title = Type.String({ minLength: 1, maxLength: 200 });
const ViewIds = Type.Array(Id(), {
  maxItems: 200,
  description: 'saved views, in order',
});

export const BriefingItem = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  /** Views in it the caller may see. */
  viewCount: Type.Integer(),
  ownerName: Type.String(),
  mine: Type.Boolean(),
  updatedAt: Type.String(),
});
export type BriefingItem = Static<typeof BriefingItem>;

export const BriefingsResponse = Type.Object({ briefings: Type.Array(BriefingItem) });
export type BriefingsResponse = Static<typeof BriefingsResponse>;

/** A briefing with its views in order; views the caller may not see are left out and counted. */
export const BriefingDetail = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  ownerName: Type.String(),
  mine: Type.Boolean(),
  updatedAt: Type.String(),
  views: Type.Array(SavedView),
  hiddenCount: Type.Integer(),
});
export type BriefingDetail = Static<typeof BriefingDetail>;

export const CreateBriefingBody = Type.Object({ title: Title, viewIds: ViewIds }, { additionalProperties: false });
export type CreateBriefingBody = Static<typeof CreateBriefingBody>;

export const UpdateBriefingBody = Type.Object(
  { title: Type.Optional(Title), viewIds: Type.Optional(ViewIds) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateBriefingBody = Static<typeof UpdateBriefingBody>;
