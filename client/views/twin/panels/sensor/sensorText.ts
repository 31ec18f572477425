// A sensor's values and thresholds as text (pure; `t` and `n` are the user's language).
import type { Translate } from '../../../../i18n';
import type { Threshold, ValueRow } from './sensorPanel.model';

export type FormatNumber = (value: number, options?: Intl.NumberFormatOptions) => string;

export function valueText(r: ValueRow, t: Translate, n: FormatNumber): string {
  if (r.value === null) return '—';
  if (typeof r.value === 'boolean') return t(r.value ? 'sensor.open' : 'sensor.closed');
  return `${n(r.value, { maximumFractionDigits: 2 })} ${r.unit}`.trim();
}

export function thresholdText(th: Threshold, r: ValueRow, t: Translate): string {
  if (th.type === 'rate') return t('sensor.thresholdRate', { rise: `${th.rise} ${r.unit}`, window: th.windowMin });
  if (r.metric === 'coverOpen') return t('sensor.thresholdSwitch');
  return t(th.direction === 'above' ? 'sensor.thresholdAbove' : 'sensor.thresholdBelow', {
    raise: th.raiseAt,
    clear: th.clearAt,
  });
}

/** All of a row's thresholds, as the values table shows them. */
export const thresholdsText = (r: ValueRow, t: Translate): string =>
  r.thresholds.map((th) => thresholdText(th, r, t)).join('；');
