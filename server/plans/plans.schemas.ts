import { Type, type Static, type TSchema } from 'typebox';
import { POLARITIES } from '../../geo/catalogue.ts';
import { HOTSPOT_STATUSES } from '../../geo/units.ts';
import { HotspotCategory, HotspotStatus } from '../hotspots/hotspots.schemas.ts';
import { Id as IdParam, Int } from '../http/numbers.ts';
import { DateParam, MonthParam } from '../http/params.schemas.ts';

/**
 * The planning API (issue #7): candidate ranking, plans and their items, the review workflow,
 * progress, comparison and export. These schemas validate requests, serialise answers, document
 * the API and are the web's types, so they are the contract.
 */

export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'superseded'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
/** Plans that hold their groups: a group in one of these (other than the plan being edited) is "in another active plan". */
export const ACTIVE_PLAN_STATUSES: readonly PlanStatus[] = ['draft', 'submitted', 'approved', 'returned'];

export const SCORING_METHODS = ['z', 'rank'] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];

const Id = IdParam();
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const PlanStatusSchema = Type.Enum([...PLAN_STATUSES]);
export const Polarity = Type.Enum([...POLARITIES]);

/** A group's hotspot designation on the date asked about, or null when it is not a hotspot. */
export const CandidateHotspot = Type.Object({
  categories: Type.Array(HotspotCategory),
  status: HotspotStatus,
});

// ---- Candidates -----------------------------------------------------------------------------

export const CandidatesQuery = Type.Object(
  {
    from: MonthParam,
    to: MonthParam,
    weights: Type.String({
      minLength: 1,
      maxLength: 600,
      pattern: '^[a-z0-9_]+:[0-9]+(\\.[0-9]+)?(,[a-z0-9_]+:[0-9]+(\\.[0-9]+)?)*$',
      description: 'indicator:weight pairs, e.g. drug_cases:2,gambling_cases:1 (group-level indicators, weight > 0)',
    }),
    method: Type.Optional(
      Type.Enum([...SCORING_METHODS], { description: 'z = z-score (default), rank = percentile rank 0..1' }),
    ),
    ward: Type.Optional(Id),
    category: Type.Optional(HotspotCategory),
    status: Type.Optional(
      Type.Enum([...HOTSPOT_STATUSES, 'none'], {
        description: 'hotspot status at the end of the window; none = not a hotspot',
      }),
    ),
    excludeActive: Type.Optional(Type.Boolean({ description: 'hide groups already in another active plan' })),
    excludeTransformed: Type.Optional(
      Type.Boolean({ description: 'hide groups whose hotspot status at the end of the window is "transformed"' }),
    ),
    plan: Type.Optional(IdParam('the plan being edited: its own groups do not count as "in another active plan"')),
    limit: Type.Optional(Int({ minimum: 1, maximum: 5000, default: 200 })),
  },
  { additionalProperties: false },
);
export type CandidatesQuery = Static<typeof CandidatesQuery>;

export const ScoredIndicator = Type.Object({
  key: Type.String(),
  name_vi: Type.String(),
  name_en: Type.String(),
  weight: Type.Number(),
  polarity: Polarity,
  /** How the breakdown's raw values read: a ratio is a fraction shown × `scale` (100 → percent) in `unit_*`. */
  kind: Type.Enum(['count', 'ratio']),
  scale: Type.Union([Type.Number(), Type.Null()]),
  unit_vi: Type.String(),
  unit_en: Type.String(),
});

export const BreakdownEntry = Type.Object({
  key: Type.String(),
  /** The indicator over the window (sum of months, last month for stocks, ratio of sums for rates); null = no data. */
  raw: Nullable(Type.Number()),
  /** Normalised across the scored groups and oriented so that higher = needs attention more. */
  normalised: Type.Number(),
  /** weight × normalised ÷ Σ weights; the contributions add up to the score. */
  contribution: Type.Number(),
  /** This indicator alone as a level of attention 0–100 across the scored groups (geo/scoring.ts attentionLevels). */
  level: Type.Number(),
});

export const ActivePlanRef = Type.Object({ id: Type.Integer(), name: Type.String(), status: PlanStatusSchema });

/** What candidates and plan items say of their group. */
const groupFacts = {
  unitId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  /** Told apart from same-named groups: with the ward, and the former ward after a merger (geo/unit-names.ts). */
  displayName: Type.String(),
  wardId: Nullable(Type.Integer()),
  wardName: Nullable(Type.String()),
  households: Nullable(Type.Number()),
  hotspot: Nullable(CandidateHotspot),
};

export const Candidate = Type.Object({
  ...groupFacts,
  score: Type.Number(),
  /**
   * Level of attention needed, 0–100: the share of the other scored groups (all in scope, before
   * filters) with a lower score; 100 = needs attention most (geo/scoring.ts attentionLevels).
   */
  level: Type.Number(),
  /** 1 = the highest score among the candidates listed (after filters, before `limit`). */
  rank: Type.Integer(),
  breakdown: Type.Array(BreakdownEntry),
  activePlans: Type.Array(ActivePlanRef),
});

export const CandidatesResponse = Type.Object({
  from: Type.String(),
  to: Type.String(),
  /** The boundary date the groups are taken at (last day of `to`, or today if earlier). */
  at: Type.String(),
  method: Type.Enum([...SCORING_METHODS]),
  /** How the method normalises, in words (for the page and for whoever asks "why"). */
  methodNote: Type.String(),
  demo: Type.Boolean(),
  /** How many groups the normalisation ran over (all groups in the caller's scope at `at`). */
  scored: Type.Integer(),
  /** How many passed the filters (candidates holds at most `limit` of them). */
  total: Type.Integer(),
  indicators: Type.Array(ScoredIndicator),
  candidates: Type.Array(Candidate),
});
export type CandidatesResponse = Static<typeof CandidatesResponse>;

// ---- Plans ----------------------------------------------------------------------------------

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Year = Int({ minimum: 2000, maximum: 2100 });
const Description = Type.String({ maxLength: 4000 });
const Comment = Type.String({ maxLength: 2000 });

export const CreatePlanBody = Type.Object(
  { name: Name, year: Year, description: Type.Optional(Description) },
  { additionalProperties: false },
);
export type CreatePlanBody = Static<typeof CreatePlanBody>;

export const UpdatePlanBody = Type.Object(
  { name: Type.Optional(Name), year: Type.Optional(Year), description: Type.Optional(Description) },
  { additionalProperties: false },
);
export type UpdatePlanBody = Static<typeof UpdatePlanBody>;

export const PlanItemInput = Type.Object(
  {
    unitId: Id,
    priority: Int({ minimum: 1, maximum: 1000 }),
    rationale: Type.String({ maxLength: 2000 }),
    responsibleUnit: Type.String({ maxLength: 200 }),
    targetDate: Type.Optional(Nullable(DateParam)),
  },
  { additionalProperties: false },
);
export type PlanItemInput = Static<typeof PlanItemInput>;

export const PutItemsBody = Type.Object(
  { items: Type.Array(PlanItemInput, { maxItems: 2000 }) },
  { additionalProperties: false },
);
export type PutItemsBody = Static<typeof PutItemsBody>;

/** Submit and approve take an optional comment (and may be posted without a body). */
export const SubmitBody = Type.Object({ comment: Type.Optional(Comment) }, { additionalProperties: false });
export const ApproveBody = SubmitBody;
export const ReturnBody = Type.Object(
  { comment: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const PlanItem = Type.Object({
  ...groupFacts,
  priority: Type.Integer(),
  rationale: Type.String(),
  responsibleUnit: Type.String(),
  targetDate: Nullable(Type.String()),
});
export type PlanItem = Static<typeof PlanItem>;

export const PlanEvent = Type.Object({
  at: Type.String({ description: 'ISO timestamp' }),
  userName: Nullable(Type.String()),
  action: Type.Enum(['create', 'update', 'items', 'submit', 'approve', 'return', 'revise', 'supersede']),
  comment: Type.String(),
});

export const PlanDetail = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  year: Type.Integer(),
  description: Type.String(),
  status: PlanStatusSchema,
  revision: Type.Integer(),
  previousId: Nullable(Type.Integer()),
  reviewComment: Nullable(Type.String()),
  ownerId: Nullable(Type.Integer()),
  ownerName: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  submittedAt: Nullable(Type.String()),
  approvedAt: Nullable(Type.String()),
  approvedByName: Nullable(Type.String()),
  /** The date progress counts from, set on approval: 1 January of the plan's year. */
  startedOn: Nullable(Type.String()),
  /** Summary of the items: groups, households, wards touched, hotspot categories covered. */
  summary: Type.Object({
    groups: Type.Integer(),
    households: Type.Number(),
    wards: Type.Integer(),
    categories: Type.Array(HotspotCategory),
  }),
  items: Type.Array(PlanItem),
  /** Every revision of this plan (older and newer), oldest first. */
  revisions: Type.Array(Type.Object({ id: Type.Integer(), revision: Type.Integer(), status: PlanStatusSchema })),
  history: Type.Array(PlanEvent),
});
export type PlanDetail = Static<typeof PlanDetail>;

export const PlanSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  year: Type.Integer(),
  status: PlanStatusSchema,
  revision: Type.Integer(),
  previousId: Nullable(Type.Integer()),
  ownerName: Nullable(Type.String()),
  itemCount: Type.Integer(),
  households: Type.Number(),
  updatedAt: Type.String(),
});
export type PlanSummary = Static<typeof PlanSummary>;

export const PlansQuery = Type.Object(
  {
    status: Type.Optional(PlanStatusSchema),
    year: Type.Optional(Year),
  },
  { additionalProperties: false },
);
export const PlansResponse = Type.Object({ plans: Type.Array(PlanSummary) });
export type PlansResponse = Static<typeof PlansResponse>;

// ---- Progress -------------------------------------------------------------------------------

export const ProgressMonth = Type.Object({
  period: Type.String({ description: 'YYYY-MM; statuses as of the last day of the month' }),
  transformed: Type.Integer(),
  transforming: Type.Integer(),
  notStarted: Type.Integer(),
  relapsed: Type.Integer(),
});

export const ProgressResponse = Type.Object({
  planId: Type.Integer(),
  start: Type.String({ description: 'YYYY-MM' }),
  end: Type.String({ description: 'YYYY-MM' }),
  months: Type.Array(ProgressMonth),
  items: Type.Array(
    Type.Object({
      unitId: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      displayName: Type.String(),
      /** transformed | transforming | notStarted | relapsed (identified and non-hotspots = notStarted). */
      current: Type.Enum(['transformed', 'transforming', 'notStarted', 'relapsed']),
      statuses: Type.Array(Type.Object({ changedOn: Type.String(), status: HotspotStatus })),
    }),
  ),
});
export type ProgressResponse = Static<typeof ProgressResponse>;

// ---- Compare --------------------------------------------------------------------------------

export const CompareQuery = Type.Object(
  {
    a: Id,
    b: Type.Optional(Id),
    top: Type.Optional(Int({ minimum: 1, maximum: 1000 })),
    from: Type.Optional(MonthParam),
    to: Type.Optional(MonthParam),
    weights: Type.Optional(CandidatesQuery.properties.weights),
    method: Type.Optional(Type.Enum([...SCORING_METHODS])),
  },
  { additionalProperties: false },
);
export type CompareQuery = Static<typeof CompareQuery>;

export const CompareItem = Type.Object({
  unitId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  displayName: Type.String(),
  wardName: Nullable(Type.String()),
  households: Nullable(Type.Number()),
  /** Priority in the plan, or the candidate rank for a top-N side; null on a side that lacks it. */
  priorityA: Nullable(Type.Integer()),
  priorityB: Nullable(Type.Integer()),
});

const CompareSide = Type.Object({
  label: Type.String(),
  planId: Nullable(Type.Integer()),
  count: Type.Integer(),
  households: Type.Number(),
  wards: Type.Integer(),
});

export const CompareResponse = Type.Object({
  a: CompareSide,
  b: CompareSide,
  both: Type.Array(CompareItem),
  onlyA: Type.Array(CompareItem),
  onlyB: Type.Array(CompareItem),
});
export type CompareResponse = Static<typeof CompareResponse>;

export const ExportQuery = Type.Object(
  { format: Type.Optional(Type.Enum(['xlsx', 'csv'], { default: 'xlsx' })) },
  { additionalProperties: false },
);
