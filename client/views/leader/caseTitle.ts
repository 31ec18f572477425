// A case named as people say it: its number and the item of the taxonomy (e.g. 占道经营).
import { findItem } from '@domain/taxonomy';

export function caseTitle(c: { code?: string; itemCode: string } | null | undefined, lang: 'zh' | 'en'): string {
  if (!c) return '';
  const item = findItem(c.itemCode);
  const name = item ? (lang === 'zh' ? item.name : item.nameEn) : c.itemCode;
  return c.code ? `${name} · ${c.code}` : name;
}
