/**
 * The shape of cnscd's message catalogues: every text a person reads (problem messages, reasons,
 * labels) is written once, in Vietnamese and English side by side, keyed by a code, with typed
 * parameters. Call sites pass a code and its parameters, never sentences.
 *
 * A catalogue is declared from an interface of parameters, so the compiler refuses a message that
 * reads a parameter its code does not have, and a call site that forgets one:
 *
 * @example
 * ```ts
 * interface GreetingParams { HELLO: { name: string } }
 * const greetings = defineCatalogue<GreetingParams>({
 *   HELLO: { vi: (p) => `Xin chào ${p.name}`, en: (p) => `Hello ${p.name}` },
 * });
 * render(greetings, 'HELLO', { name: 'Lan' }); // { vi: 'Xin chào Lan', en: 'Hello Lan' }
 * ```
 */
import type { LocalizedText } from '../errors.js';

/** The languages every message is written in. Vietnamese first. */
export type Lang = 'vi' | 'en';

/** One message: a function of its parameters per language. */
export interface MessageSpec<P> {
  readonly vi: (params: P) => string;
  readonly en: (params: P) => string;
}

/** A catalogue: one {@link MessageSpec} per key of the parameters interface. */
export type Catalogue<Params> = { readonly [K in keyof Params]: MessageSpec<Params[K]> };

/** Declare a catalogue against its parameters interface (identity at run time; typing at compile time). */
export function defineCatalogue<Params>(catalogue: Catalogue<Params>): Catalogue<Params> {
  return catalogue;
}

/** Render one message of a catalogue in both languages. */
export function render<Params, K extends keyof Params>(catalogue: Catalogue<Params>, key: K, params: Params[K]): LocalizedText {
  const spec = catalogue[key];
  return { vi: spec.vi(params), en: spec.en(params) };
}
