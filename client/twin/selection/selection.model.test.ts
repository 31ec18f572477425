import { describe, expect, it } from 'vitest';
import type { Alarm, SearchHit } from '../../api/twinApi';
import {
  currentAlarm,
  currentHint,
  currentPlace,
  initialSelection,
  type SelectionAction,
  type SelectionState,
  selectionReducer,
} from './selection.model';

const hit = (kind: SearchHit['kind'], id: string): SearchHit => ({
  kind,
  id,
  label: id,
  detail: 'residential',
  position: [117, 31],
});
const alarm = { id: 'AL0000001', gridId: 'G1', position: [117, 31] } as Alarm;
const none: SelectionState = { selection: null, hint: null, alarm: null, place: null };
const placed: SelectionState = {
  selection: { kind: 'event', id: 'E1' },
  hint: null,
  alarm: null,
  place: { ref: 'event:E1', position: [117, 31], gridId: 'G1' },
};

describe('initialSelection', () => {
  const cases: { title: string; input: string; expected: SelectionState }[] = [
    { title: 'no sel in the address', input: '?view=1,2,3,4,5', expected: none },
    {
      title: 'a link to a sensor',
      input: '?sel=sensor:MH-0001',
      expected: { ...none, selection: { kind: 'sensor', id: 'MH-0001' } },
    },
    { title: 'a malformed sel', input: '?sel=sensor', expected: none },
  ];
  for (const c of cases) it(c.title, () => expect(initialSelection(c.input)).toEqual(c.expected));
});

describe('selectionReducer', () => {
  const cases: { title: string; input: [SelectionState, SelectionAction]; expected: SelectionState }[] = [
    {
      title: 'a click selects and drops the hint',
      input: [
        { ...none, hint: hit('camera', 'V1') },
        { type: 'pick', ref: { kind: 'component', id: 'C1' } },
      ],
      expected: { ...none, selection: { kind: 'component', id: 'C1' } },
    },
    {
      title: 'a click on empty ground clears the selection',
      input: [
        { ...none, selection: { kind: 'component', id: 'C1' } },
        { type: 'pick', ref: null },
      ],
      expected: none,
    },
    {
      title: 'a search hit selects and keeps its text',
      input: [none, { type: 'search', hit: hit('building', 'B1') }],
      expected: { ...none, selection: { kind: 'building', id: 'B1' }, hint: hit('building', 'B1') },
    },
    {
      title: 'a unit from the path keeps the rest',
      input: [
        { ...none, hint: hit('unit', 'G1') },
        { type: 'unit', id: 'G2' },
      ],
      expected: { ...none, selection: { kind: 'unit', id: 'G2' }, hint: hit('unit', 'G1') },
    },
    {
      title: 'a panel link to an alarm brings the alarm',
      input: [
        { ...none, hint: hit('camera', 'V1') },
        { type: 'open', ref: { kind: 'alarm', id: alarm.id }, alarm },
      ],
      expected: { ...none, selection: { kind: 'alarm', id: alarm.id }, alarm },
    },
    {
      title: 'a panel link to a sensor drops the alarm at hand',
      input: [
        { ...none, alarm },
        { type: 'open', ref: { kind: 'sensor', id: 'S1' } },
      ],
      expected: { ...none, selection: { kind: 'sensor', id: 'S1' } },
    },
    {
      title: 'a loaded place is kept under its selection',
      input: [none, { type: 'place', ref: { kind: 'event', id: 'E1' }, position: [117, 31], gridId: 'G1' }],
      expected: { ...none, place: { ref: 'event:E1', position: [117, 31], gridId: 'G1' } },
    },
    {
      title: 'closing keeps what came with the choice (shown only for its own selection)',
      input: [{ ...placed, alarm }, { type: 'clear' }],
      expected: { ...placed, alarm, selection: null },
    },
  ];
  for (const c of cases) it(c.title, () => expect(selectionReducer(...c.input)).toEqual(c.expected));

  it('the same place again changes nothing (no re-render)', () => {
    const again: SelectionAction = {
      type: 'place',
      ref: { kind: 'event', id: 'E1' },
      position: [117, 31],
      gridId: 'G1',
    };
    expect(selectionReducer(placed, again)).toBe(placed);
  });
});

describe('what belongs to the current selection', () => {
  const cases: {
    title: string;
    input: SelectionState;
    expected: { hint: string | null; alarm: string | null; place: string | null };
  }[] = [
    {
      title: 'nothing selected',
      input: { ...placed, selection: null },
      expected: { hint: null, alarm: null, place: null },
    },
    { title: 'a place of its own', input: placed, expected: { hint: null, alarm: null, place: 'event:E1' } },
    {
      title: 'a place of another selection',
      input: { ...placed, selection: { kind: 'alarm', id: 'E1' } },
      expected: { hint: null, alarm: null, place: null },
    },
    {
      title: 'the hit and alarm that chose it',
      input: { ...none, selection: { kind: 'alarm', id: alarm.id }, alarm, hint: hit('camera', alarm.id) },
      expected: { hint: alarm.id, alarm: alarm.id, place: null },
    },
    {
      title: 'a hit and alarm of earlier choices',
      input: { ...none, selection: { kind: 'unit', id: 'G1' }, alarm, hint: hit('camera', 'V1') },
      expected: { hint: null, alarm: null, place: null },
    },
  ];
  for (const c of cases)
    it(c.title, () =>
      expect({
        hint: currentHint(c.input)?.id ?? null,
        alarm: currentAlarm(c.input)?.id ?? null,
        place: currentPlace(c.input)?.ref ?? null,
      }).toEqual(c.expected),
    );
});
