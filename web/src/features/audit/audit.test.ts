import { describe, expect, it } from 'vitest';
import { actionName, auditChanges, entityTypeName, formatAuditValue } from './audit.ts';

describe('auditChanges', () => {
  it('lists every field of a creation as added, telling fields first', () => {
    // jsonb orders keys by length: the entry arrives as {id, demo, role, …}.
    const after = { id: 9, demo: false, role: 'viewer', note: 'x', username: 'xem', scope_unit_ids: [7] };
    expect(auditChanges(null, after)).toEqual([
      { key: 'username', after: 'xem' },
      { key: 'role', after: 'viewer' },
      { key: 'scope_unit_ids', after: '[7]' },
      { key: 'note', after: 'x' },
      { key: 'id', after: '9' },
      { key: 'demo', after: 'false' },
    ]);
  });

  it('keeps only what an update changed', () => {
    const before = { id: 6, role: 'viewer', disabled: false, scope_unit_ids: [7], meta: { a: 1, b: 2 } };
    const after = { id: 6, role: 'commander', disabled: true, scope_unit_ids: [7], meta: { b: 2, a: 1 } };
    expect(auditChanges(before, { ...after, password: 'changed' })).toEqual([
      { key: 'role', before: 'viewer', after: 'commander' },
      { key: 'disabled', before: 'false', after: 'true' },
      { key: 'password', after: 'changed' },
    ]);
  });

  it('marks removed fields and handles empty entries', () => {
    expect(auditChanges({ name: 'QGIS' }, null)).toEqual([{ key: 'name', before: 'QGIS' }]);
    expect(auditChanges({ name: 'QGIS' }, {})).toEqual([{ key: 'name', before: 'QGIS' }]);
    expect(auditChanges(null, null)).toEqual([]);
    expect(auditChanges(undefined, {})).toEqual([]);
  });

  it('compares values that are not objects as a whole', () => {
    expect(auditChanges('a', 'b')).toEqual([{ key: '', before: 'a', after: 'b' }]);
    expect(auditChanges(null, [1, 2])).toEqual([{ key: '', after: '[1,2]' }]);
    expect(auditChanges([1], [1])).toEqual([]);
  });

  it('cuts long values', () => {
    expect(formatAuditValue('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(auditChanges(null, { note: 'y'.repeat(100) }, 20)[0]?.after).toHaveLength(20);
  });
});

describe('names', () => {
  it('names known actions and entity types in Vietnamese, others as they are', () => {
    expect(actionName('user.create')).toBe('Tạo người dùng');
    expect(actionName('plan.approve')).toBe('plan.approve');
    expect(entityTypeName('api_token')).toBe('Mã truy cập API');
    expect(entityTypeName('plan')).toBe('plan');
  });
});
