// The row builders' context in the user's language: translations, numbers, times, unit names.
import type { GridProperties } from '../../../api/twinApi';
import { useI18n } from '../../../i18n';
import { CITY_ZONE } from '../../../ui/caseFormat';
import type { RowContext } from './infoRows';

export function useRowContext(units: ReadonlyMap<string, GridProperties>): RowContext {
  const { t, lang, n } = useI18n();
  const en = lang === 'en';
  return {
    t,
    en,
    n: (value) => n(value),
    time: (iso) =>
      iso
        ? new Date(iso).toLocaleString(en ? 'en-GB' : 'zh-CN', {
            dateStyle: 'short',
            timeStyle: 'short',
            timeZone: CITY_ZONE,
          })
        : '—',
    unitName: (id) => units.get(id)?.name ?? id,
    nowMs: Date.now(),
  };
}
