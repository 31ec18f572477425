import { describe, expect, it } from 'vitest';
import type { Translate } from '../../../../i18n';
import type { AlarmFacts } from './alarmPanel.model';
import { alarmValueTexts, type FormatNumber } from './alarmText';

const t: Translate = (key, vars) => (vars ? `${key}${JSON.stringify(vars)}` : key);
const n: FormatNumber = (v, o) =>
  String(Math.round(v * 10 ** (o?.maximumFractionDigits ?? 0)) / 10 ** (o?.maximumFractionDigits ?? 0));
const facts = (over: Partial<AlarmFacts>): AlarmFacts => ({
  type: 'threshold',
  metric: 'waterLevelM',
  unit: 'm',
  value: 2.345,
  threshold: 2,
  direction: 'above',
  windowMin: null,
  ...over,
});

describe('alarmValueTexts', () => {
  const cases: { title: string; input: AlarmFacts; expected: ReturnType<typeof alarmValueTexts> }[] = [
    { title: 'a level crossed upwards', input: facts({}), expected: { value: '2.35 m', threshold: '≥ 2 m' } },
    {
      title: 'a level crossed downwards, no unit',
      input: facts({ metric: 'coverOpen', unit: '', value: 0, threshold: 0, direction: 'below' }),
      expected: { value: '0', threshold: '≤ 0' },
    },
    {
      title: 'a rise within a window',
      input: facts({ type: 'rate', value: 0.6, threshold: 0.5, windowMin: 10 }),
      expected: {
        value: 'alarm.rise{"value":"0.6 m"}',
        threshold: 'sensor.thresholdRate{"rise":"0.5 m","window":10}',
      },
    },
    {
      title: 'silence: no value, no threshold',
      input: facts({ type: 'silence', unit: 's', value: null, threshold: null, direction: null }),
      expected: { value: '—', threshold: '—' },
    },
  ];
  for (const c of cases) it(c.title, () => expect(alarmValueTexts(c.input, t, n)).toEqual(c.expected));
});
