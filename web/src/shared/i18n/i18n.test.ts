import { describe, expect, it } from 'vitest';

describe('messages', () => {
  it('has an English text for every Vietnamese one', async () => {
    (globalThis as { window?: unknown }).window = { location: { search: '' } };
    const { MESSAGE_KEYS, messagesFor } = await import('./i18n.svelte.ts');
    for (const key of MESSAGE_KEYS) {
      expect(messagesFor('en')[key], key).toBeTruthy();
      expect(messagesFor('vi')[key], key).toBeTruthy();
    }
  });
});
