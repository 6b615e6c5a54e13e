/**
 * What a failure says to the user, in the chosen language: the text of its code (errors.texts.ts)
 * with its params; else the server's message — which is "Vietnamese / English", so with English
 * chosen only its English half is shown.
 */
import { errorTexts } from '../i18n/errors.texts.ts';
import { lang } from '../i18n/lang.svelte.ts';
import { ApiError } from './http.ts';

/** The server's bilingual message in the chosen language. */
export function messageIn(message: string, language = lang.current): string {
  const cut = message.indexOf(' / ');
  if (language !== 'en' || cut < 0) return message;
  return message.slice(cut + 3);
}

export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    const text = err.code
      ? (errorTexts.t as Record<string, ((p: Record<string, unknown>) => string) | undefined>)[err.code]
      : undefined;
    if (text) return text(err.params);
    return messageIn(err.message);
  }
  return err instanceof Error ? messageIn(err.message) : String(err);
}
