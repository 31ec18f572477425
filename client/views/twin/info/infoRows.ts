// What the info panel says about each kind of thing (pure): its title and labelled rows, in the
// user's language through the `t` it is given. Rows are data; InfoRows renders them.
import { COMPONENT_CATEGORIES, COMPONENT_SUBTYPES } from '@domain/componentCatalog';
import type { Camera, CityComponent, GovEvent, PatrolPoint } from '@domain/model';
import { findItem, itemPath } from '@domain/taxonomy';
import type { GridProperties, UnitSummary } from '../../../api/twinApi';
import type { MessageKey, Translate } from '../../../i18n';
import { isOverdue, urgencyOf } from '../../../twin/events/events.model';
import { departmentName as nameOfDepartment } from '../../../ui/caseFormat';
import { levelText } from '../unitPath';

/** Text; a code (set in the code font); or a yes/no in colour. */
export type RowValue = string | { code: string } | { tone: 'ok' | 'bad'; text: string };
export interface Row {
  label: MessageKey;
  value: RowValue;
}
export interface InfoContent {
  title: string;
  rows: Row[];
}

export interface RowContext {
  t: Translate;
  en: boolean;
  /** A number in the user's language. */
  n(value: number): string;
  /** A date and time in the user's language, '—' for none. */
  time(iso: string | null): string;
  unitName(id: string): string;
  nowMs: number;
}

/** The twin's cards ask by `en`; the name is the case pages' (ui/caseFormat.ts). */
export const departmentName = (id: string, en: boolean): string => nameOfDepartment(id, en ? 'en' : 'zh');

const yesNo = (yes: boolean, t: Translate): RowValue => ({
  tone: yes ? 'ok' : 'bad',
  text: t(yes ? 'info.yes' : 'info.no'),
});

export function componentInfo(c: Omit<CityComponent, 'position'>, { t, en, unitName }: RowContext): InfoContent {
  const category = COMPONENT_CATEGORIES.find((x) => x.code === c.categoryCode);
  const subtype = COMPONENT_SUBTYPES.find((x) => x.code === c.subtypeCode);
  return {
    title: c.code,
    rows: [
      { label: 'info.code', value: { code: c.code } },
      { label: 'info.category', value: en ? (category?.nameEn ?? c.category) : c.category },
      { label: 'info.subtype', value: en ? (subtype?.nameEn ?? c.subtype) : c.subtype },
      { label: 'info.state', value: t(`state.${c.state}` as MessageKey) },
      { label: 'info.department', value: departmentName(c.departmentId, en) },
      { label: 'info.grid', value: unitName(c.gridId) },
    ],
  };
}

export function cameraInfo(c: Omit<Camera, 'position'>, { t, unitName }: RowContext): InfoContent {
  const view = { heading: Math.round(c.headingDeg), fov: Math.round(c.fovDeg), range: Math.round(c.rangeM) };
  return {
    title: c.code,
    rows: [
      { label: 'info.code', value: { code: c.code } },
      { label: 'info.owner', value: t(c.owner === 'police' ? 'owner.police' : 'owner.urban') },
      { label: 'info.online', value: yesNo(c.online, t) },
      { label: 'info.view', value: t('info.viewValue', view) },
      { label: 'info.grid', value: unitName(c.gridId) },
    ],
  };
}

export function patrolPointInfo(p: Omit<PatrolPoint, 'position'>, { t, unitName }: RowContext): InfoContent {
  return {
    title: p.name,
    rows: [
      { label: 'info.kind', value: t(`patrol.${p.kind}` as MessageKey) },
      { label: 'info.grid', value: unitName(p.gridId) },
    ],
  };
}

export function eventInfo(
  e: GovEvent & { leaderSupervisedAt?: string | null },
  { t, en, time, unitName, nowMs }: RowContext,
): InfoContent {
  const item = findItem(e.itemCode);
  const overdue = isOverdue(e, nowMs);
  return {
    title: e.code,
    rows: [
      { label: 'info.code', value: { code: e.code } },
      { label: 'info.item', value: en ? (item?.nameEn ?? e.itemCode) : itemPath(e.itemCode) },
      { label: 'info.urgency', value: t(`urgency.${urgencyOf(e.itemCode)}` as MessageKey) },
      { label: 'info.status', value: t(`status.${e.status}` as MessageKey) },
      { label: 'info.overdue', value: { tone: overdue ? 'bad' : 'ok', text: t(overdue ? 'info.yes' : 'info.no') } },
      ...(e.leaderSupervisedAt ? [{ label: 'leader.mark' as const, value: time(e.leaderSupervisedAt) }] : []),
      { label: 'info.reported', value: time(e.reportedAt) },
      { label: 'info.deadline', value: time(e.deadlineAt) },
      { label: 'info.department', value: departmentName(e.departmentId, en) },
      { label: 'info.grid', value: unitName(e.gridId) },
      { label: 'info.description', value: e.description },
    ],
  };
}

/** A building as a search hit names it (the page holds no record of buildings). */
export function buildingInfo(hint: { label: string; detail: string }, { t }: RowContext): InfoContent {
  return { title: hint.label, rows: [{ label: 'info.use', value: t(`use.${hint.detail}` as MessageKey) }] };
}

/** A unit's level, and its six elements once they are loaded. */
export function unitInfo(u: GridProperties, s: UnitSummary | null, { t, n }: RowContext): InfoContent {
  const rows: Row[] = [{ label: 'info.level', value: t(levelText[u.level]) }];
  if (s)
    rows.push(
      {
        label: 'six.people',
        value: t('six.peopleValue', { households: n(s.people.households), residents: n(s.people.residents) }),
      },
      { label: 'six.places', value: t('six.placesValue', { buildings: n(s.places.buildings) }) },
      {
        label: 'six.events',
        value: t('six.eventsValue', { open: n(s.events.open), overdue: n(s.events.overdue), total: n(s.events.total) }),
      },
      {
        label: 'six.things',
        value: t('six.thingsValue', {
          components: n(s.things.components),
          cameras: n(s.things.cameras),
          online: n(s.things.camerasOnline),
        }),
      },
    );
  return { title: u.name, rows };
}
