// The info panel (详情): what was clicked or found, in the user's language, with a fly-to. Points'
// details come from the layers' own data; an event's from GET /api/events/:id (one that arrived live,
// or a closed one from the ticker or a link, is in no list the page holds); a unit's six elements from
// GET /api/grids/:id; a sensor's and an alarm's live panels load and follow their own data
// (panels/sensor, panels/alarm).

import type { Viewpoint } from '@domain/cameraCoverage';
import { COMPONENT_CATEGORIES, COMPONENT_SUBTYPES } from '@domain/componentCatalog';
import { DEPARTMENTS } from '@domain/departments';
import type { LonLat } from '@domain/model';
import { findItem, itemPath } from '@domain/taxonomy';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { type Alarm, ApiError, type GridProperties, type TwinApi } from '../../api/twinApi';
import { type MessageKey, useI18n } from '../../i18n';
import { AlarmPanel } from './panels/alarm/AlarmPanel';
import { isOverdue, urgencyOf } from '../../twin/events/events.model';
import type { PickRef } from '../../twin/points/points.model';
import { SensorPanel } from './panels/sensor/SensorPanel';
import { useResource } from '../../ui/useResource';
import { levelText } from './Breadcrumb';
import type { TwinData } from './useTwinData';

export interface InfoPanelProps {
  api: TwinApi;
  selection: PickRef;
  data: TwinData;
  units: ReadonlyMap<string, GridProperties>;
  /** A search hit's text, for things the page holds no record of (buildings). */
  hint?: { label: string; detail: string; position: LonLat } | null;
  onFlyTo(position: LonLat | null, unitId?: string): void;
  /** Stand at a viewpoint (an alarm's best camera); without it the alarm panel does not fly. */
  onFlyToView?(view: Viewpoint): void;
  /** Open another thing's details (a sensor's alarm, an alarm's sensor); `alarm` when it is one already at hand. */
  onSelect?(selection: PickRef, alarm?: Alarm): void;
  /** The selected alarm as the caller has it (the ticker's), shown while it loads. */
  alarm?: Alarm | null;
  /** Where the selected event or alarm lies, once loaded (for the marker and the drill-down path). */
  onPlace?(place: { position: LonLat; gridId: string }): void;
  onClose(): void;
}

type Row = [MessageKey, ReactNode];

export function InfoPanel({
  api,
  selection,
  data,
  units,
  hint,
  onFlyTo,
  onFlyToView,
  onSelect,
  alarm,
  onPlace,
  onClose,
}: InfoPanelProps) {
  const { t, lang, n } = useI18n();
  const en = lang === 'en';
  const dept = (id: string) => {
    const d = DEPARTMENTS.find((x) => x.id === id);
    return d ? (en ? d.nameEn : d.name) : id;
  };
  const unitName = (id: string) => units.get(id)?.name ?? id;
  const time = (iso: string | null) =>
    iso ? new Date(iso).toLocaleString(en ? 'en-GB' : 'zh-CN', { dateStyle: 'short', timeStyle: 'short' }) : '—';
  const unit = useResource(
    (signal) => (selection.kind === 'unit' ? api.unit(selection.id, signal) : Promise.resolve(null)),
    [api, selection.kind, selection.id],
  );
  const event = useResource(
    (signal) => (selection.kind === 'event' ? api.event(selection.id, signal) : Promise.resolve(null)),
    [api, selection.kind, selection.id],
  );
  const placed = useRef(onPlace);
  placed.current = onPlace;
  useEffect(
    () => void (event.data && placed.current?.({ position: event.data.position, gridId: event.data.gridId })),
    [event.data],
  );

  let title = selection.id;
  let kind: MessageKey = 'info.kind.unit';
  let rows: Row[] = [];
  let body: ReactNode = null;
  let position: LonLat | null = null;
  const [alarmPlace, setAlarmPlace] = useState<LonLat | null>(alarm?.position ?? null);
  const find = <P extends { id: string }>(
    features: { properties: P; geometry: { coordinates: unknown[] } }[] | null,
  ) => {
    const f = features?.find((x) => x.properties.id === selection.id);
    if (f) position = f.geometry.coordinates as LonLat;
    return f?.properties;
  };

  switch (selection.kind) {
    case 'component': {
      const c = find(data.components);
      kind = 'info.kind.component';
      if (c) {
        const category = COMPONENT_CATEGORIES.find((x) => x.code === c.categoryCode);
        const subtype = COMPONENT_SUBTYPES.find((x) => x.code === c.subtypeCode);
        title = c.code;
        rows = [
          ['info.code', <span className="info-code">{c.code}</span>],
          ['info.category', en ? (category?.nameEn ?? c.category) : c.category],
          ['info.subtype', en ? (subtype?.nameEn ?? c.subtype) : c.subtype],
          ['info.state', t(`state.${c.state}` as MessageKey)],
          ['info.department', dept(c.departmentId)],
          ['info.grid', unitName(c.gridId)],
        ];
      }
      break;
    }
    case 'camera': {
      const c = find(data.cameras);
      kind = 'info.kind.camera';
      if (c) {
        title = c.code;
        rows = [
          ['info.code', <span className="info-code">{c.code}</span>],
          ['info.owner', t(c.owner === 'police' ? 'owner.police' : 'owner.urban')],
          ['info.online', <span className={c.online ? 'ok' : 'bad'}>{t(c.online ? 'info.yes' : 'info.no')}</span>],
          [
            'info.view',
            t('info.viewValue', {
              heading: Math.round(c.headingDeg),
              fov: Math.round(c.fovDeg),
              range: Math.round(c.rangeM),
            }),
          ],
          ['info.grid', unitName(c.gridId)],
        ];
      }
      break;
    }
    case 'patrol-point': {
      const p = find(data.patrol);
      kind = 'info.kind.patrol';
      if (p) {
        title = p.name;
        rows = [
          ['info.kind', t(`patrol.${p.kind}` as MessageKey)],
          ['info.grid', unitName(p.gridId)],
        ];
      }
      break;
    }
    case 'sensor': {
      find(data.sensors); // for the fly-to; the panel loads the sensor itself
      kind = 'info.kind.sensor';
      body = (
        <SensorPanel
          api={api}
          sensorId={selection.id}
          unitName={unitName}
          onSelectAlarm={onSelect && ((a) => onSelect({ kind: 'alarm', id: a.id }, a))}
        />
      );
      break;
    }
    case 'alarm': {
      kind = 'info.kind.alarm';
      position = alarmPlace;
      body = (
        <AlarmPanel
          api={api}
          alarmId={selection.id}
          initial={alarm}
          unitName={unitName}
          onLoaded={(a) => (setAlarmPlace(a.position), onPlace?.({ position: a.position, gridId: a.gridId }))}
          onFlyToView={(view) => onFlyToView?.(view)}
          onFlyToPlace={(place) => onFlyTo(place)}
          onSelectSensor={onSelect && ((id) => onSelect({ kind: 'sensor', id }))}
        />
      );
      break;
    }
    case 'event': {
      // The event as the server has it now; the open events drawn on the map stand in while it loads.
      const e = event.data ?? data.openEvents?.find((x) => x.id === selection.id);
      kind = 'info.kind.event';
      if (!e && event.status === 'loading') body = <p className="panel-loading">{t('status.loading')}</p>;
      else if (!e && event.error && !(event.error instanceof ApiError && event.error.status === 404)) {
        body = <p className="panel-error">{t('status.error', { message: event.error.message })}</p>;
      }
      if (e) {
        position = e.position;
        const item = findItem(e.itemCode);
        title = e.code;
        rows = [
          ['info.code', <span className="info-code">{e.code}</span>],
          ['info.item', en ? (item?.nameEn ?? e.itemCode) : itemPath(e.itemCode)],
          ['info.urgency', t(`urgency.${urgencyOf(e.itemCode)}` as MessageKey)],
          ['info.status', t(`status.${e.status}` as MessageKey)],
          [
            'info.overdue',
            <span className={isOverdue(e, Date.now()) ? 'bad' : 'ok'}>
              {t(isOverdue(e, Date.now()) ? 'info.yes' : 'info.no')}
            </span>,
          ],
          ['info.reported', time(e.reportedAt)],
          ['info.deadline', time(e.deadlineAt)],
          ['info.department', dept(e.departmentId)],
          ['info.grid', unitName(e.gridId)],
          ['info.description', e.description],
        ];
      }
      break;
    }
    case 'building': {
      kind = 'info.kind.building';
      if (hint) {
        title = hint.label;
        position = hint.position;
        rows = [['info.use', t(`use.${hint.detail}` as MessageKey)]];
      }
      break;
    }
    case 'unit': {
      const u = units.get(selection.id);
      kind = 'info.kind.unit';
      if (u) {
        title = u.name;
        rows = [['info.level', t(levelText[u.level])]];
        const s = unit.data;
        if (s) {
          rows.push(
            [
              'six.people',
              t('six.peopleValue', { households: n(s.people.households), residents: n(s.people.residents) }),
            ],
            ['six.places', t('six.placesValue', { buildings: n(s.places.buildings) })],
            [
              'six.events',
              t('six.eventsValue', { open: n(s.events.open), overdue: n(s.events.overdue), total: n(s.events.total) }),
            ],
            [
              'six.things',
              t('six.thingsValue', {
                components: n(s.things.components),
                cameras: n(s.things.cameras),
                online: n(s.things.camerasOnline),
              }),
            ],
          );
        }
      }
      break;
    }
  }

  return (
    <aside
      className="info-panel twin-card"
      aria-label={t('info.title')}
      data-selection={`${selection.kind}:${selection.id}`}
    >
      <header>
        <span className="info-kind">{t(kind)}</span>
        <button type="button" className="info-close" aria-label={t('info.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <h2 className="info-title">{title}</h2>
      {body ??
        (rows.length === 0 ? (
          <p className="info-missing">{t('info.missing')}</p>
        ) : (
          <dl>
            {rows.map(([label, value], i) => (
              <div key={i} className="info-row">
                <dt>{t(label)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        ))}
      <button
        type="button"
        className="fly-to"
        onClick={() => onFlyTo(position, selection.kind === 'unit' ? selection.id : undefined)}
      >
        {t('info.flyTo')}
      </button>
    </aside>
  );
}
