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
