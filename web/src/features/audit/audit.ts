/**
 * The audit log in words: names of actions and entity types (texts.ts), and the before/after of an
 * entry reduced to what changed, as short text.
 */
import { auditWords } from './texts.ts';

/** The actions the log names in words (for the filter's suggestions). */
export const NAMED_ACTIONS = Object.keys(auditWords.vi).filter((k) => !k.startsWith('entity.'));
/** The entity types the log names in words. */
export const NAMED_ENTITY_TYPES = Object.keys(auditWords.vi)
  .filter((k) => k.startsWith('entity.'))
  .map((k) => k.slice('entity.'.length));

const words = () => auditWords.t as Record<string, string | undefined>;

export function actionName(action: string): string {
  return words()[action] ?? action;
}

export function entityTypeName(entityType: string): string {
  return words()[`entity.${entityType}`] ?? entityType;
}

/** One changed field: `before` is absent for an added field, `after` for a removed one. */
export interface AuditChange {
  /** The field name; empty when the whole value is not an object. */
  key: string;
  before?: string;
  after?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAbsent(value: unknown): boolean {
  return value === null || value === undefined;
}

/** JSON with object keys sorted, so that equal values give equal text whatever their key order. */
function canonical(value: unknown): string {
  const sortKeys = (v: unknown): Json => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (isRecord(v)) {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sortKeys(v[k])]),
      );
    }
    return (v ?? null) as Json;
  };
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

/** A value as short text: strings as they are, anything else as JSON, cut at `maxLength`. */
export function formatAuditValue(value: unknown, maxLength = 60): string {
  const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** Fields that say most about an entry come first; bookkeeping fields last. */
const FIRST = ['username', 'name', 'display_name', 'role', 'scope_unit_ids', 'disabled', 'password', 'status'];
const LAST = ['id', 'demo', 'prefix', 'created_at', 'updated_at'];

function rank(key: string): number {
  const first = FIRST.indexOf(key);
  if (first >= 0) return first;
  return LAST.includes(key) ? FIRST.length + 1 + LAST.indexOf(key) : FIRST.length;
}

/**
 * What an entry changed, field by field: the telling fields first (username, name, role, scope…),
 * then the others in the order they first appear, bookkeeping (id, timestamps) last. Unchanged
 * fields are left out; a creation lists every field as added, a deletion as removed.
 */
export function auditChanges(before: unknown, after: unknown, maxLength = 60): AuditChange[] {
  const show = (value: unknown) => formatAuditValue(value, maxLength);
  const beforeRecord = isRecord(before) || isAbsent(before);
  const afterRecord = isRecord(after) || isAbsent(after);
  if (!beforeRecord || !afterRecord) {
    if (canonical(before) === canonical(after)) return [];
    return [
      {
        key: '',
        ...(isAbsent(before) ? {} : { before: show(before) }),
        ...(isAbsent(after) ? {} : { after: show(after) }),
      },
    ];
  }
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort((x, y) => rank(x) - rank(y));
  const changes: AuditChange[] = [];
  for (const key of keys) {
    const inBefore = key in b;
    const inAfter = key in a;
    if (inBefore && inAfter && canonical(b[key]) === canonical(a[key])) continue;
    changes.push({
      key,
      ...(inBefore ? { before: show(b[key]) } : {}),
      ...(inAfter ? { after: show(a[key]) } : {}),
    });
  }
  return changes;
}
