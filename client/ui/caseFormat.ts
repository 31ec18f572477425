// How case pages (the desk, the field page) write times and names: times in the city's own zone
// (Asia/Shanghai, whatever the browser's), holders by name. Pure.
import { DEPARTMENTS } from '@domain/departments';

/** The city's time zone: every time on every page is the city's, whatever the computer's zone. */
export const CITY_ZONE = 'Asia/Shanghai';
const zone = CITY_ZONE;
const formats = new Map<string, Intl.DateTimeFormat>();

/** '11-30 14:05' (and the year when it is not this year's). */
export function shortTime(iso: string | null | undefined, locale: string, now = new Date()): string {
  if (!iso) return '';
  const d = new Date(iso);
  const thisYear = d.getUTCFullYear() === now.getUTCFullYear();
  const key = `${locale}|${thisYear}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: zone,
      ...(thisYear ? {} : { year: 'numeric' }),
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(key, f);
  }
  return f.format(d);
}

const departments = new Map(DEPARTMENTS.map((d) => [d.id, d]));

/** A department's name in the reader's language (its id when unknown). */
export function departmentName(id: string, lang: 'zh' | 'en'): string {
  const d = departments.get(id);
  return d ? (lang === 'zh' ? d.name : d.nameEn) : id;
}

/** A holder's name: the centre, a department, or a unit (from `units`, else its id). */
export function holderName(id: string, units: ReadonlyMap<string, string>, lang: 'zh' | 'en', centre: string): string {
  if (id === 'centre') return centre;
  return departments.has(id) ? departmentName(id, lang) : (units.get(id) ?? id);
}
