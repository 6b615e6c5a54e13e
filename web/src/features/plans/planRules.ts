/**
 * Which plan actions the page offers to whom — planners draft and submit, commanders approve or
 * return — mirroring the server's rules so that nobody is offered a button that can only fail. The
 * server enforces them anyway; a refusal it sends is shown as it says.
 */
import { APPROVERS, inGroup, PLANNERS } from '../../../../server/auth/roles.ts';

export type PlanStatus = 'draft' | 'submitted' | 'approved' | 'returned' | 'superseded';

export interface PlanActions {
  /** Items and header can be changed and saved. */
  edit: boolean;
  /** Saving makes a new revision (the plan is approved and stays so until the revision is). */
  revises: boolean;
  submit: boolean;
  approve: boolean;
  /** Return to the planner with a comment. */
  sendBack: boolean;
  remove: boolean;
}

/** What `role` may do with a plan of `status` (null: a new plan, not yet saved). */
export function planActions(role: string, status: PlanStatus | null): PlanActions {
  const planner = inGroup(role, PLANNERS);
  const approver = inGroup(role, APPROVERS);
  const editable = status === null || status === 'draft' || status === 'returned' || status === 'approved';
  return {
    edit: planner && editable,
    revises: planner && status === 'approved',
    submit: planner && (status === 'draft' || status === 'returned'),
    approve: approver && status === 'submitted',
    sendBack: approver && status === 'submitted',
    remove: planner && status === 'draft',
  };
}

/** Whether a plan's progress can be tracked (it was approved at some point). */
export function isTrackable(status: PlanStatus | null | undefined): boolean {
  return status === 'approved' || status === 'superseded';
}

/** Why an open plan cannot be changed by this user, to say it in words that fit what happened. */
export type ReadOnlyReason = 'role' | 'approved' | 'approvedPlanner' | 'submitted' | 'notSubmitted' | 'superseded';

/**
 * The reason shown above a plan the user cannot act on (null: there is something to do). A
 * commander who has just approved reads that the plan is approved and hence read-only, not that
 * their role only reads plans; a viewer or an editor reads that their role only reads plans.
 */
export function readOnlyReason(role: string, status: PlanStatus | null): ReadOnlyReason | null {
  const planner = inGroup(role, PLANNERS);
  const approver = inGroup(role, APPROVERS);
  if (!planner && !approver) return 'role';
  if (status === null) return null;
  if (status === 'superseded') return 'superseded';
  if (status === 'approved') return planner ? 'approvedPlanner' : 'approved';
  if (status === 'submitted') return approver ? null : 'submitted';
  // draft or returned
  return planner ? null : 'notSubmitted';
}
