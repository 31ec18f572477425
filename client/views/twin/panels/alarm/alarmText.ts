// An alarm's measured value and threshold as text (pure; `t` and `n` are the user's language).
import type { Translate } from '../../../../i18n';
import type { AlarmFacts } from './alarmPanel.model';

export type FormatNumber = (value: number, options?: Intl.NumberFormatOptions) => string;

export function alarmValueTexts(
  facts: AlarmFacts,
  t: Translate,
  n: FormatNumber,
): { value: string; threshold: string } {
  const num = (v: number | null) =>
    v === null ? '—' : `${n(v, { maximumFractionDigits: 2 })}${facts.unit ? ` ${facts.unit}` : ''}`;
  const rate = facts.type === 'rate';
  return {
    value: rate && facts.value !== null ? t('alarm.rise', { value: num(facts.value) }) : num(facts.value),
    threshold:
      facts.threshold === null
        ? '—'
        : rate && facts.windowMin !== null
          ? t('sensor.thresholdRate', { rise: num(facts.threshold), window: facts.windowMin })
          : `${facts.direction === 'below' ? '≤' : '≥'} ${num(facts.threshold)}`,
  };
}
