import { describe, expect, it } from 'vitest';
import type { Translate } from '../../../../i18n';
import type { ValueRow } from './sensorPanel.model';
import { type FormatNumber, thresholdsText, valueText } from './sensorText';

const t: Translate = (key, vars) => (vars ? `${key}${JSON.stringify(vars)}` : key);
const n: FormatNumber = (v, o) => v.toFixed(o?.maximumFractionDigits ?? 0);
const row = (over: Partial<ValueRow>): ValueRow => ({
  metric: 'waterLevelM',
  unit: 'm',
  value: null,
  level: 'normal',
  thresholds: [],
  ...over,
});

describe('valueText', () => {
  const cases: { title: string; input: ValueRow; expected: string }[] = [
    { title: 'not reported', input: row({}), expected: '—' },
    { title: 'a number with its unit', input: row({ value: 1.234 }), expected: '1.23 m' },
    { title: 'a number without unit', input: row({ value: 3, unit: '' }), expected: '3.00' },
    { title: 'a cover open', input: row({ metric: 'coverOpen', unit: '', value: true }), expected: 'sensor.open' },
    { title: 'a cover closed', input: row({ metric: 'coverOpen', unit: '', value: false }), expected: 'sensor.closed' },
  ];
  for (const c of cases) it(c.title, () => expect(valueText(c.input, t, n)).toBe(c.expected));
});

describe('thresholdsText', () => {
  const level = { ruleId: 'r1', type: 'threshold' as const, direction: 'above' as const, raiseAt: 2, clearAt: 1.6 };
  const cases: { title: string; input: ValueRow; expected: string }[] = [
    { title: 'none', input: row({}), expected: '' },
    {
      title: 'a level and a rise',
      input: row({ thresholds: [level, { ruleId: 'r2', type: 'rate', rise: 0.5, windowMin: 10 }] }),
      expected: 'sensor.thresholdAbove{"raise":2,"clear":1.6}；sensor.thresholdRate{"rise":"0.5 m","window":10}',
    },
    {
      title: 'a level below',
      input: row({
        metric: 'batteryPct',
        unit: '%',
        thresholds: [{ ...level, direction: 'below', raiseAt: 10, clearAt: 20 }],
      }),
      expected: 'sensor.thresholdBelow{"raise":10,"clear":20}',
    },
    {
      title: 'a switch',
      input: row({ metric: 'coverOpen', unit: '', thresholds: [{ ...level, raiseAt: 1, clearAt: 0 }] }),
      expected: 'sensor.thresholdSwitch',
    },
  ];
  for (const c of cases) it(c.title, () => expect(thresholdsText(c.input, t)).toBe(c.expected));
});
