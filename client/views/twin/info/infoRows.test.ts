import type { Camera, CityComponent, GovEvent, PatrolPoint } from '@domain/model';
import { describe, expect, it } from 'vitest';
import type { GridProperties, UnitSummary } from '../../../api/twinApi';
import type { Translate } from '../../../i18n';
import {
  buildingInfo,
  cameraInfo,
  componentInfo,
  departmentName,
  eventInfo,
  type InfoContent,
  patrolPointInfo,
  type RowContext,
  unitInfo,
} from './infoRows';

// Keys and their values as text, so the cases read without a dictionary.
const t: Translate = (key, vars) => (vars ? `${key}${JSON.stringify(vars)}` : key);
const ctx = (en: boolean): RowContext => ({
  t,
  en,
  n: (v) => `#${v}`,
  time: (iso) => (iso ? `@${iso}` : '—'),
  unitName: (id) => (id === 'G1' ? '网格1' : id),
  nowMs: Date.parse('2025-06-01T00:00:00Z'),
});

const component: Omit<CityComponent, 'position'> = {
  id: 'C1',
  code: '340881-01-01-000123',
  categoryCode: '01',
  category: '公用设施',
  subtypeCode: '0101',
  subtype: '上水井盖',
  departmentId: 'D01',
  state: 'damaged',
  gridId: 'G1',
  roadId: null,
};
const camera: Omit<Camera, 'position'> = {
  id: 'V1',
  code: 'CAM-0001',
  owner: 'police',
  headingDeg: 89.6,
  fovDeg: 60,
  rangeM: 120.4,
  heightM: 6,
  online: false,
  gridId: 'G1',
};
const patrol: Omit<PatrolPoint, 'position'> = { id: 'P1', name: '龙眠路口', kind: 'market', gridId: 'G9' };
const event = (deadlineAt: string, status: GovEvent['status'] = 'dispatched'): GovEvent => ({
  id: 'E1',
  code: 'TC20250101-S00001',
  itemCode: '040201',
  source: 'patrol' as GovEvent['source'],
  gridId: 'G1',
  position: [117, 31],
  reportedAt: '2025-05-01T00:00:00Z',
  deadlineAt,
  departmentId: 'D99',
  status,
  closedAt: null,
  overdue: false,
  description: '机动车乱停放',
});
const unit: GridProperties = {
  id: 'G1',
  code: 'G1',
  name: '网格1',
  level: 'grid',
  area: null,
  parentId: null,
  areaM2: 0,
};
const summary = {
  people: { households: 10, residents: 25 },
  places: { buildings: 4 },
  events: { total: 9, open: 2, closed: 7, overdue: 1, last30Days: 3 },
  things: { components: 40, cameras: 3, camerasOnline: 2, patrolPoints: 1, sensors: 0 },
} as UnitSummary;

describe('info rows', () => {
  const cases: { title: string; input: () => InfoContent; expected: InfoContent }[] = [
    {
      title: 'a component, in Chinese',
      input: () => componentInfo(component, ctx(false)),
      expected: {
        title: '340881-01-01-000123',
        rows: [
          { label: 'info.code', value: { code: '340881-01-01-000123' } },
          { label: 'info.category', value: '公用设施' },
          { label: 'info.subtype', value: '上水井盖' },
          { label: 'info.state', value: 'state.damaged' },
          { label: 'info.department', value: '市公安局' },
          { label: 'info.grid', value: '网格1' },
        ],
      },
    },
    {
      title: 'a component, in English (catalogue names)',
      input: () => componentInfo(component, ctx(true)),
      expected: {
        title: '340881-01-01-000123',
        rows: [
          { label: 'info.code', value: { code: '340881-01-01-000123' } },
          { label: 'info.category', value: 'Public utilities' },
          { label: 'info.subtype', value: 'Water-supply manhole cover' },
          { label: 'info.state', value: 'state.damaged' },
          { label: 'info.department', value: 'Public Security Bureau' },
          { label: 'info.grid', value: '网格1' },
        ],
      },
    },
    {
      title: 'an offline camera, its view rounded',
      input: () => cameraInfo(camera, ctx(false)),
      expected: {
        title: 'CAM-0001',
        rows: [
          { label: 'info.code', value: { code: 'CAM-0001' } },
          { label: 'info.owner', value: 'owner.police' },
          { label: 'info.online', value: { tone: 'bad', text: 'info.no' } },
          { label: 'info.view', value: 'info.viewValue{"heading":90,"fov":60,"range":120}' },
          { label: 'info.grid', value: '网格1' },
        ],
      },
    },
    {
      title: 'a patrol point in a grid the page does not know',
      input: () => patrolPointInfo(patrol, ctx(false)),
      expected: {
        title: '龙眠路口',
        rows: [
          { label: 'info.kind', value: 'patrol.market' },
          { label: 'info.grid', value: 'G9' },
        ],
      },
    },
    {
      title: 'an event past its deadline, in English',
      input: () => eventInfo(event('2025-05-02T00:00:00Z'), ctx(true)),
      expected: {
        title: 'TC20250101-S00001',
        rows: [
          { label: 'info.code', value: { code: 'TC20250101-S00001' } },
          { label: 'info.item', value: 'Illegal car parking' },
          { label: 'info.urgency', value: 'urgency.2' },
          { label: 'info.status', value: 'status.dispatched' },
          { label: 'info.overdue', value: { tone: 'bad', text: 'info.yes' } },
          { label: 'info.reported', value: '@2025-05-01T00:00:00Z' },
          { label: 'info.deadline', value: '@2025-05-02T00:00:00Z' },
          { label: 'info.department', value: 'D99' },
          { label: 'info.grid', value: '网格1' },
          { label: 'info.description', value: '机动车乱停放' },
        ],
      },
    },
    {
      title: 'a building from its search hit',
      input: () => buildingInfo({ label: '龙眠路 1 号', detail: 'residential' }, ctx(false)),
      expected: { title: '龙眠路 1 号', rows: [{ label: 'info.use', value: 'use.residential' }] },
    },
    {
      title: 'a unit before its six elements load',
      input: () => unitInfo(unit, null, ctx(false)),
      expected: { title: '网格1', rows: [{ label: 'info.level', value: 'level.grid' }] },
    },
    {
      title: 'a unit with its six elements',
      input: () => unitInfo(unit, summary, ctx(false)),
      expected: {
        title: '网格1',
        rows: [
          { label: 'info.level', value: 'level.grid' },
          { label: 'six.people', value: 'six.peopleValue{"households":"#10","residents":"#25"}' },
          { label: 'six.places', value: 'six.placesValue{"buildings":"#4"}' },
          { label: 'six.events', value: 'six.eventsValue{"open":"#2","overdue":"#1","total":"#9"}' },
          { label: 'six.things', value: 'six.thingsValue{"components":"#40","cameras":"#3","online":"#2"}' },
        ],
      },
    },
  ];
  for (const c of cases) it(c.title, () => expect(c.input()).toEqual(c.expected));
});

describe('event overdue', () => {
  const cases: { title: string; input: GovEvent; expected: string }[] = [
    { title: 'before its deadline', input: event('2025-07-01T00:00:00Z'), expected: 'info.no' },
    { title: 'past its deadline', input: event('2025-05-02T00:00:00Z'), expected: 'info.yes' },
    { title: 'closed, past its deadline', input: event('2025-05-02T00:00:00Z', 'closed'), expected: 'info.no' },
  ];
  for (const c of cases)
    it(c.title, () =>
      expect(eventInfo(c.input, ctx(false)).rows.find((r) => r.label === 'info.overdue')?.value).toMatchObject({
        text: c.expected,
      }),
    );
});

describe('departmentName', () => {
  const cases: { title: string; input: [string, boolean]; expected: string }[] = [
    { title: 'Chinese', input: ['D02', false], expected: '市城市管理局' },
    { title: 'English', input: ['D02', true], expected: 'Urban Management Bureau' },
    { title: 'unknown: the id', input: ['D99', true], expected: 'D99' },
  ];
  for (const c of cases) it(c.title, () => expect(departmentName(...c.input)).toBe(c.expected));
});
