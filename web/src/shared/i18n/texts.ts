/**
 * The one way to declare interface texts: a catalogue per feature (its `texts.ts`), Vietnamese and
 * English side by side, typed so that English must have every key of Vietnamese with the same kind
 * of value. A value is a string or a function of numbers and strings (plurals, counts, names).
 *
 * ```ts
 * export const texts = defineTexts('plans', {
 *   vi: { title: 'Kế hoạch', added: (n: number) => `Đã thêm ${n} tổ` },
 *   en: { title: 'Plans', added: (n) => (n === 1 ? 'Added 1 group' : `Added ${n} groups`) },
 * });
 * ```
 *
 * `texts.t` is the catalogue of the chosen language; read in a template or a `$derived`, it
 * follows the language switch. `texts.in(lang)` gives a language's catalogue outside of that (an
 * export in a given language). Every catalogue registers itself, and a unit test checks them all.
 */
import { lang, type Lang } from './lang.svelte.ts';

export type { Lang };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a text function takes any numbers or strings
export type Text = string | ((...args: any[]) => string);
export type Catalogue = Record<string, Text>;

/** English has the same keys as Vietnamese, each a string or a function of the same arguments. */
export type Shape<T extends Catalogue> = {
  [K in keyof T]: T[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};

export interface Texts<T extends Catalogue> {
  readonly name: string;
  readonly vi: Shape<T>;
  readonly en: Shape<T>;
  /** The catalogue of the chosen language (reactive: reads `lang.current`). */
  readonly t: Shape<T>;
  in(language: Lang): Shape<T>;
}

const registry: Texts<Catalogue>[] = [];

export function defineTexts<T extends Catalogue>(name: string, texts: { vi: T; en: Shape<NoInfer<T>> }): Texts<T> {
  const vi = texts.vi as unknown as Shape<T>;
  const en = texts.en;
  const catalogue: Texts<T> = {
    name,
    vi,
    en,
    get t() {
      return lang.current === 'en' ? en : vi;
    },
    in: (language) => (language === 'en' ? en : vi),
  };
  registry.push(catalogue as unknown as Texts<Catalogue>);
  return catalogue;
}

/** Every catalogue defined so far (the consistency test imports them all first). */
export function catalogues(): readonly Texts<Catalogue>[] {
  return registry;
}
