import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setRequestLanguage } from '../api/client';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import nl from './locales/nl.json';

/** The languages of the web app, with their names in themselves. */
export const uiLanguages = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
  { code: 'fr', name: 'Français' },
  { code: 'nl', name: 'Nederlands' },
] as const;

const storageKey = 'coral.language';

/** The language chosen on this device, else the browser's if Coral speaks it, else English. */
export function initialLanguage(): string {
  const stored = globalThis.localStorage?.getItem(storageKey);
  const candidates = [stored, ...(globalThis.navigator?.languages ?? [])].filter((x): x is string =>
    Boolean(x),
  );
  for (const candidate of candidates) {
    const code = candidate.slice(0, 2).toLowerCase();
    if (uiLanguages.some((language) => language.code === code)) return code;
  }
  return 'en';
}

/** Remembers the language on this device and switches the page to it. */
export async function chooseLanguage(instance: i18n, code: string): Promise<void> {
  globalThis.localStorage?.setItem(storageKey, code);
  await instance.changeLanguage(code);
}

/** One i18next instance per app, made by the entry point (no module-level singleton). */
export function createI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: {
      en: { translation: en },
      es: { translation: es },
      fr: { translation: fr },
      nl: { translation: nl },
    },
    lng: initialLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  instance.on('languageChanged', (language) => {
    document.documentElement.lang = language;
    setRequestLanguage(language);
  });
  document.documentElement.lang = instance.language;
  setRequestLanguage(instance.language);
  return instance;
}
