import { describe, expect, it } from 'vitest';
import { formatView, parseSelection, parseView, twinStateHref, twinStateOf, withTwinState } from './viewUrl';

describe('parseView', () => {
  const cases: [string | null, ReturnType<typeof parseView>][] = [
    ['116.95,31.05,3000,0,-45', { lon: 116.95, lat: 31.05, heightM: 3000, headingDeg: 0, pitchDeg: -45 }],
    ['116.95,31.05,3000,-90,-45', { lon: 116.95, lat: 31.05, heightM: 3000, headingDeg: 270, pitchDeg: -45 }],
    ['116.95,31.05,3000,0', null],
    ['116.95,91,3000,0,-45', null],
    ['116.95,31.05,0,0,-45', null],
    ['a,b,c,d,e', null],
    [null, null],
  ];
  for (const [text, expected] of cases) it(String(text), () => expect(parseView(text)).toEqual(expected));

  it('round-trips through formatView', () => {
    const v = { lon: 116.951234, lat: 31.051234, heightM: 1234, headingDeg: 12.5, pitchDeg: -60 };
    expect(parseView(formatView(v))).toEqual(v);
  });
});

describe('parseSelection', () => {
  const cases: [string | null, ReturnType<typeof parseSelection>][] = [
    ['component:C000123', { kind: 'component', id: 'C000123' }],
    ['patrol-point:P0001', { kind: 'patrol-point', id: 'P0001' }],
    ['unit:340881002001G01', { kind: 'unit', id: '340881002001G01' }],
    ['sensor:MH-0001', { kind: 'sensor', id: 'MH-0001' }],
    ['alarm:AL0000001', { kind: 'alarm', id: 'AL0000001' }],
    ['resident:R1', null],
    ['component:<script>', null],
    ['component', null],
    [null, null],
  ];
  for (const [text, expected] of cases) it(String(text), () => expect(parseSelection(text)).toEqual(expected));
});

describe('withTwinState', () => {
  const view = { lon: 117, lat: 31, heightM: 500, headingDeg: 0, pitchDeg: -45 };
  const cases: [string, Parameters<typeof withTwinState>[1], Parameters<typeof withTwinState>[2], string][] = [
    ['', view, { kind: 'camera', id: 'V0001' }, '?view=117.000000,31.000000,500,0.0,-45.0&sel=camera:V0001'],
    ['?lang=en&sel=camera:V1', undefined, null, '?lang=en'],
    ['?view=1,2,3,4,5', null, undefined, ''],
  ];
  for (const [search, v, sel, expected] of cases)
    it(`${search} → ${expected}`, () => expect(withTwinState(search, v, sel)).toBe(expected));
});

describe('twinStateOf', () => {
  const cases: { title: string; input: string; expected: ReturnType<typeof twinStateOf> }[] = [
    { title: 'nothing in the address', input: '', expected: { view: null, selection: null } },
    {
      title: 'a shared link: view and selection',
      input: '?view=117,31,500,0,-45&sel=sensor:MH-0001&lang=en',
      expected: {
        view: { lon: 117, lat: 31, heightM: 500, headingDeg: 0, pitchDeg: -45 },
        selection: { kind: 'sensor', id: 'MH-0001' },
      },
    },
    {
      title: 'a bad view and an unknown kind are ignored',
      input: '?view=1,2&sel=resident:R1',
      expected: { view: null, selection: null },
    },
  ];
  for (const c of cases) it(c.title, () => expect(twinStateOf(c.input)).toEqual(c.expected));
});

describe('twinStateHref', () => {
  const at = (search: string, hash = '') => ({ pathname: '/screen', search, hash });
  const cases: {
    title: string;
    input: [ReturnType<typeof at>, Parameters<typeof twinStateHref>[1], Parameters<typeof twinStateHref>[2]];
    expected: string;
  }[] = [
    {
      title: 'a selection is written, other parameters kept',
      input: [at('?tour=0'), undefined, { kind: 'alarm', id: 'AL0000001' }],
      expected: '/screen?tour=0&sel=alarm:AL0000001',
    },
    {
      title: 'closing the panel removes sel, the view stays',
      input: [at('?view=1,2,3,4,5&sel=unit:G1'), undefined, null],
      expected: '/screen?view=1,2,3,4,5',
    },
    {
      title: 'the view at rest replaces the old one, the hash is kept',
      input: [
        at('?view=1,2,3,4,5&sel=unit:G1', '#x'),
        { lon: 117, lat: 31, heightM: 500, headingDeg: 0, pitchDeg: -45 },
        undefined,
      ],
      expected: '/screen?view=117.000000,31.000000,500,0.0,-45.0&sel=unit:G1#x',
    },
    { title: 'nothing left: no question mark', input: [at('?sel=unit:G1'), undefined, null], expected: '/screen' },
  ];
  for (const c of cases) it(c.title, () => expect(twinStateHref(...c.input)).toBe(c.expected));
});
