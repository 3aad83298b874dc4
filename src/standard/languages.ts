/** The languages Coral speaks from the start: English, Spanish, French and Dutch. */
export const languages = ['en', 'es', 'fr', 'nl'] as const;

export type Language = (typeof languages)[number];

/** A text in every language Coral speaks. */
export type Labels = Record<Language, string>;

export function isLanguage(value: string): value is Language {
  return (languages as readonly string[]).includes(value);
}
