// UI text: Chinese by default, English on request (?lang=en, or the switch, remembered in localStorage).
// One dictionary per language; the English one must have every key the Chinese one has.
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'zh' | 'en';

const zh = {
  'app.name': '文都e家 · 数字孪生',
  'app.tagline': '网格化社会治理平台',
  'lang.switch': 'EN',
  'lang.switchLabel': 'Switch to English',
  'level.city': '市界',
  'level.subdistrict': '街道',
  'level.town': '镇（乡村试点）',
  'level.community': '社区',
  'level.village': '村',
  'level.grid': '责任网格',
  'legend.title': '网格层级',
  'legend.drawn': '已绘制 {count} 个边界',
  'figure.urban': '城区',
  'figure.urbanValue': '{subdistricts} 街道 · {communities} 社区 · {grids} 网格',
  'figure.village': '乡村试点',
  'figure.villageValue': '{towns} 镇 · {villages} 村 · {grids} 网格',
  'figure.residents': '人口',
  'figure.components': '城市部件',
  'figure.cameras': '视频监控',
  'figure.events': '事件',
  'figure.closureRate': '结案率',
  'status.loading': '正在加载…',
  'status.error': '数据加载失败：{message}',
  'building.title': '建筑信息',
  'building.address': '地址',
  'building.use': '用途',
  'building.floors': '层数',
  'building.floorsValue': '{floors} 层（约 {height} 米）',
  'building.grid': '所属网格',
  'building.households': '住户',
  'building.householdsValue': '{households} 户',
  'building.residents': '居住人口',
  'building.residentsValue': '{residents} 人',
  'building.close': '关闭',
  'building.loading': '正在读取建筑信息…',
  'building.error': '建筑信息读取失败：{message}',
  'building.use.residential': '住宅',
  'building.use.commercial': '商业办公',
  'building.use.public': '公共建筑',
  'building.use.industrial': '工业厂房',
  'building.use.village-house': '农村住房',
  'login.title': '登录',
  'login.subtitle': '请使用您的账号登录。个人信息默认脱敏显示，查看明文须说明理由并留痕。',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.submitting': '正在登录…',
  'login.invalid_credentials': '用户名或密码错误。',
  'login.locked': '密码错误次数过多，账号已锁定，请于 {time} 后再试。',
  'login.rate_limited': '登录尝试过于频繁，请稍后再试。',
  'login.failed': '登录失败：{message}',
  'session.signOut': '退出',
  'session.user': '{name}（{role}）',
  'role.gridworker': '网格员',
  'role.community': '社区工作人员',
  'role.subdistrict': '街道/镇工作人员',
  'role.department': '职能部门',
  'role.centre': '指挥中心坐席',
  'role.analyst': '分析人员',
  'role.leader': '市领导',
  'role.screen': '大屏',
  'role.admin': '系统管理员',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  'app.name': 'Wendu e-Home · Digital Twin',
  'app.tagline': 'Grid governance platform',
  'lang.switch': '中文',
  'lang.switchLabel': '切换到中文',
  'level.city': 'City boundary',
  'level.subdistrict': 'Subdistrict',
  'level.town': 'Town (village pilot)',
  'level.community': 'Community',
  'level.village': 'Village',
  'level.grid': 'Responsibility grid',
  'legend.title': 'Grid levels',
  'legend.drawn': '{count} boundaries drawn',
  'figure.urban': 'Urban: subdistricts · communities · grids',
  'figure.urbanValue': '{subdistricts} · {communities} · {grids}',
  'figure.village': 'Village pilot: towns · villages · grids',
  'figure.villageValue': '{towns} · {villages} · {grids}',
  'figure.residents': 'Residents',
  'figure.components': 'Components',
  'figure.cameras': 'Cameras',
  'figure.events': 'Events',
  'figure.closureRate': 'Closure rate',
  'status.loading': 'Loading…',
  'status.error': 'Could not load data: {message}',
  'building.title': 'Building',
  'building.address': 'Address',
  'building.use': 'Use',
  'building.floors': 'Floors',
  'building.floorsValue': '{floors} floors (about {height} m)',
  'building.grid': 'Grid',
  'building.households': 'Households',
  'building.householdsValue': '{households}',
  'building.residents': 'Residents',
  'building.residentsValue': '{residents}',
  'building.close': 'Close',
  'building.loading': 'Reading the building…',
  'building.error': 'Could not read the building: {message}',
  'building.use.residential': 'Residential',
  'building.use.commercial': 'Shops and offices',
  'building.use.public': 'Public building',
  'building.use.industrial': 'Industrial',
  'building.use.village-house': 'Village house',
  'login.title': 'Sign in',
  'login.subtitle': 'Sign in with your account. Personal data is masked by default; seeing it in clear takes a reason and is audited.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.invalid_credentials': 'Wrong username or password.',
  'login.locked': 'Too many wrong passwords: the account is locked until {time}.',
  'login.rate_limited': 'Too many attempts; please wait a few minutes.',
  'login.failed': 'Sign-in failed: {message}',
  'session.signOut': 'Sign out',
  'session.user': '{name} ({role})',
  'role.gridworker': 'Grid worker',
  'role.community': 'Community staff',
  'role.subdistrict': 'Subdistrict/town staff',
  'role.department': 'Department staff',
  'role.centre': 'Centre seat',
  'role.analyst': 'Analyst',
  'role.leader': 'Leader',
  'role.screen': 'Big screen',
  'role.admin': 'Administrator',
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The text for `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = dictionaries[lang][key];
  return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(vars[name] ?? whole)) : text;
}

/** Locale for numbers and dates. */
export const locales: Record<Lang, string> = { zh: 'zh-CN', en: 'en-GB' };

const storageKey = 'wendu.lang';

function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
}

/** ?lang= first, then the remembered choice, then Chinese. */
export function initialLang(): Lang {
  const fromQuery = new URLSearchParams(window.location.search).get('lang');
  if (isLang(fromQuery)) return fromQuery;
  try {
    const stored = window.localStorage.getItem(storageKey);
    if (isLang(stored)) return stored;
  } catch {
    // storage may be unavailable (private mode, sandbox): Chinese it is
  }
  return 'zh';
}

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
  /** Formats a number in the current language. */
  n(value: number, options?: Intl.NumberFormatOptions): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(storageKey, next);
    } catch {
      // not remembered; still switched
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = translate(lang, 'app.name');
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      n: (value, options) => new Intl.NumberFormat(locales[lang], options).format(value),
    }),
    [lang, setLang],
  );
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() outside <I18nProvider>');
  return i18n;
}
