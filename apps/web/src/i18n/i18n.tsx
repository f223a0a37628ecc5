import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { defaultLocale, locales, type Locale, type Messages } from './messages';

interface I18n {
  locale: Locale;
  t: Messages;
  setLocale(locale: Locale): void;
}

const STORAGE_KEY = 'nexa.locale';
const I18nContext = createContext<I18n | null>(null);

function storedLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored && stored in locales ? (stored as Locale) : defaultLocale;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(storedLocale);
  useEffect(() => {
    localStorage.setItem(STORAGE_KEY, locale);
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(() => ({ locale, t: locales[locale], setLocale }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
