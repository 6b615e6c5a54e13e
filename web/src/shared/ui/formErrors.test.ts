import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http.ts';
import { placeError } from './formErrors.ts';

describe('placeError', () => {
  const fields = ['username', 'password', 'scope_unit_ids'];

  it('puts a field error next to its field', () => {
    const err = new ApiError(409, 'Tên đăng nhập "a" đã tồn tại / username already exists', '/x', 'username');
    expect(placeError(err, fields)).toEqual({ field: 'username', message: err.message });
  });

  it('maps a list item to its list', () => {
    expect(placeError(new ApiError(400, 'bad', '/x', 'scope_unit_ids.0'), fields).field).toBe('scope_unit_ids');
  });

  it('puts anything else above the form', () => {
    expect(placeError(new ApiError(400, 'bad', '/x', 'request'), fields)).toEqual({ field: null, message: 'bad' });
    expect(placeError(new ApiError(0, 'offline', '/x'), fields)).toEqual({ field: null, message: 'offline' });
    expect(placeError(new Error('boom'), fields)).toEqual({ field: null, message: 'boom' });
    expect(placeError('text', fields)).toEqual({ field: null, message: 'text' });
  });
});
