import { ConfigProvider } from 'antd';
import enLocale from 'antd/locale/en_US';
import zhLocale from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { enUS } from '../locales/en-US.ts';
import { zhCN, type Messages } from '../locales/zh-CN.ts';

export type Lang = 'zh-CN' | 'en-US';

const dictionaries: Record<Lang, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };
const STORAGE_KEY = 'linli.lang';

/** Dotted paths to every string in the dictionaries, so a typo in a key fails type checking. */
type Paths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Paths<Messages>;

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

function lookup(messages: Messages, key: string): string {
  let at: unknown = messages;
  for (const part of key.split('.')) at = (at as Record<string, unknown> | undefined)?.[part];
  return typeof at === 'string' ? at : key;
}

export function translator(lang: Lang): Translate {
  const messages = dictionaries[lang];
  return (key, vars) =>
    lookup(messages, key).replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? `{${name}}`));
}

function initialLang(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en-US' || saved === 'zh-CN' ? saved : 'zh-CN';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => {
    dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
    return {
      lang,
      setLang(next) {
        localStorage.setItem(STORAGE_KEY, next);
        setLangState(next);
      },
      t: translator(lang),
    };
  }, [lang]);
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider
        locale={lang === 'zh-CN' ? zhLocale : enLocale}
        theme={{ token: { colorPrimary: '#00a870', borderRadius: 6 } }}
      >
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** Keys of a dictionary sub-tree, for lookups by a value from the server (a role, a status). */
export function hasKey(lang: Lang, key: string): boolean {
  return lookup(dictionaries[lang], key) !== key;
}
