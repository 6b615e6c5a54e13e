import { describe, expect, it } from 'vitest';
import { isTrackable, planActions, readOnlyReason } from './planRules.ts';

describe('plan actions by role and status', () => {
  it('lets planners draft, save and submit, and revise an approved plan', () => {
    expect(planActions('planner', null)).toMatchObject({ edit: true, submit: false, approve: false, remove: false });
    expect(planActions('planner', 'draft')).toEqual({
      edit: true,
      revises: false,
      submit: true,
      approve: false,
      sendBack: false,
      remove: true,
    });
    expect(planActions('planner', 'returned')).toMatchObject({ edit: true, submit: true, remove: false });
    expect(planActions('planner', 'submitted')).toMatchObject({ edit: false, submit: false, approve: false });
    expect(planActions('planner', 'approved')).toMatchObject({ edit: true, revises: true, submit: false });
    expect(planActions('planner', 'superseded')).toMatchObject({ edit: false, submit: false });
  });

  it('lets commanders approve or return a submitted plan, and nothing else', () => {
    expect(planActions('commander', 'submitted')).toEqual({
      edit: false,
      revises: false,
      submit: false,
      approve: true,
      sendBack: true,
      remove: false,
    });
    expect(planActions('commander', 'draft')).toMatchObject({ edit: false, approve: false, sendBack: false });
    expect(planActions('commander', null).edit).toBe(false);
  });

  it('gives administrators both sides and viewers and editors nothing', () => {
    expect(planActions('admin', 'submitted')).toMatchObject({ approve: true, sendBack: true });
    expect(planActions('admin', 'draft')).toMatchObject({ edit: true, submit: true });
    for (const role of ['viewer', 'editor']) {
      expect(Object.values(planActions(role, 'draft')).some(Boolean)).toBe(false);
      expect(Object.values(planActions(role, 'submitted')).some(Boolean)).toBe(false);
    }
  });

  it('tracks plans that were approved', () => {
    expect(isTrackable('approved')).toBe(true);
    expect(isTrackable('superseded')).toBe(true);
    expect(isTrackable('submitted')).toBe(false);
    expect(isTrackable(null)).toBe(false);
  });
});

describe('why a plan is read-only, said as what happened', () => {
  it('tells a commander who has just approved that the plan is approved, not that the role only reads', () => {
    expect(readOnlyReason('commander', 'approved')).toBe('approved');
    expect(readOnlyReason('commander', 'submitted')).toBeNull();
    expect(readOnlyReason('commander', 'draft')).toBe('notSubmitted');
    expect(readOnlyReason('commander', 'superseded')).toBe('superseded');
  });

  it('tells planners what the status allows, and other roles that they only read', () => {
    expect(readOnlyReason('planner', 'draft')).toBeNull();
    expect(readOnlyReason('planner', 'submitted')).toBe('submitted');
    expect(readOnlyReason('planner', 'approved')).toBe('approvedPlanner');
    expect(readOnlyReason('admin', 'submitted')).toBeNull();
    for (const role of ['viewer', 'editor', 'unknown']) expect(readOnlyReason(role, 'approved')).toBe('role');
  });
});
