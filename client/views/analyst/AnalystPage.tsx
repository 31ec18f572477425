// The analyst's workspace (/analyst, 分析研判): a breadcrumb from the city down to a grid, a deck.gl
// map on our own basemap with the case heat and the risk cells, a slider over the history's months
// that moves the map and the tables, and tabs: risk ranking, heat cells, the six elements, trends and
// forecast. Exports of what is shown, aggregates only. The unit and month live in the URL (?unit=&month=).

import { TAXONOMY } from '@domain/taxonomy';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ExportDataset } from '../../api/analystApi';
import type { GridFeature, TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../ui/PageHeader';
import { useResource } from '../../ui/useResource';
import { AnalystMap, type MapLayers } from './AnalystMap';
import { bboxOf, heatResolution, monthSpan, monthsBetween, type NamedArea, riskCellLevel } from './analyst.model';
import './analyst.css';
import { ExportMenu } from './ExportMenu';
import { HeatTable } from './HeatTable';
import { RiskPanel } from './RiskPanel';
import { SixElements } from './SixElements';
import { TrendPanel } from './TrendPanel';

type Tab = 'risk' | 'heat' | 'six' | 'trend';
const NO_UNITS: GridFeature[] = [];
const TABS: Tab[] = ['risk', 'heat', 'six', 'trend'];

function urlState() {
  const q = new URLSearchParams(window.location.search);
  return { unit: q.get('unit'), month: q.get('month') };
}

function remember(unit: string, month: string) {
  const q = new URLSearchParams(window.location.search);
  q.set('unit', unit);
  q.set('month', month);
  window.history.replaceState(null, '', `${window.location.pathname}?${q}`);
}

export function AnalystPage({ api }: { api: TwinApi }) {
  const { t } = useI18n();
  const overview = useResource((signal) => api.overview(signal), [api]);
  const units = useResource((signal) => api.grids({}, signal), [api]);
  const roads = useResource((signal) => api.analyst.roads(signal), [api]);
  const rivers = useResource((signal) => api.analyst.rivers(signal), [api]);

  const byId = useMemo(() => new Map((units.data?.features ?? []).map((f) => [f.properties.id, f])), [units.data]);
  const cityId = useMemo(
    () => units.data?.features.find((f) => f.properties.level === 'city')?.properties.id ?? null,
    [units.data],
  );
  const months = useMemo(() => {
    const e = overview.data?.events;
    return e?.firstDay && e.lastDay ? monthsBetween(e.firstDay, e.lastDay) : [];
  }, [overview.data]);

  const [picked, setPicked] = useState(urlState);
  const unitId = picked.unit && (byId.size === 0 || byId.has(picked.unit)) ? picked.unit : cityId;
  const month = picked.month && months.includes(picked.month) ? picked.month : (months.at(-1) ?? null);
  const select = useCallback(
    (next: { unit?: string; month?: string }) =>
      setPicked((p) => ({
        unit: next.unit ?? p.unit ?? cityId,
        month: next.month ?? p.month ?? months.at(-1) ?? null,
      })),
    [cityId, months],
  );
  // The URL says what is shown, so a link or a reload opens the same view.
  useEffect(() => {
    if (unitId && month) remember(unitId, month);
  }, [unitId, month]);

  if (overview.status === 'error' || units.status === 'error')
    return (
      <div className="work-page analyst-page">
        <PageHeader title={t('analyst.title')} />
        <p className="analyst-note error">
          {t('analyst.error', { message: (overview.error ?? units.error)!.message })}
        </p>
      </div>
    );
  return (
    <div className="work-page analyst-page">
      <PageHeader title={t('analyst.title')} />
      {unitId && month ? (
        <Workspace
          api={api}
          unitId={unitId}
          month={month}
          months={months}
          unitFeature={byId.get(unitId) ?? null}
          allUnits={units.data?.features ?? NO_UNITS}
          roads={roads.data ?? []}
          rivers={rivers.data ?? []}
          lastDay={overview.data?.events.lastDay ?? month}
          onSelect={select}
        />
      ) : (
        <p className="analyst-note">{t('analyst.loading')}</p>
      )}
    </div>
  );
}

interface WorkspaceProps {
  api: TwinApi;
  unitId: string;
  month: string;
  months: string[];
  unitFeature: GridFeature | null;
  allUnits: GridFeature[];
  roads: Parameters<typeof AnalystMap>[0]['roads'];
  rivers: Parameters<typeof AnalystMap>[0]['rivers'];
  lastDay: string;
  onSelect(next: { unit?: string; month?: string }): void;
}

function Workspace({
  api,
  unitId,
  month,
  months,
  unitFeature,
  allUnits,
  roads,
  rivers,
  lastDay,
  onSelect,
}: WorkspaceProps) {
  const { t, lang } = useI18n();
  const [tab, setTab] = useState<Tab>('heat');
  const [show, setShow] = useState<MapLayers>({
    heat: true,
    risk: false,
    boundaries: true,
    roads: true,
    river: true,
    buildings: true,
  });
  const summary = useResource((signal) => api.unit(unitId, signal), [api, unitId]);
  const level = summary.data?.level ?? unitFeature?.properties.level ?? 'city';
  const res = heatResolution(level);
  const span = monthSpan(month);
  // the slider's day: the month's last day, or the history's last day in the running month
  const at = span.to < lastDay ? span.to : lastDay;
  const [category, setCategory] = useState('');
  const heatQuery = { res, from: span.from, to: span.to, within: unitId, category: category || undefined };
  const heat = useResource((signal) => api.analyst.heat(heatQuery, signal), [api, unitId, month, res, category]);
  const riskQuery = { level: 'grid' as const, top: 20, at, within: unitId };
  const risk = useResource((signal) => api.analyst.risk(riskQuery, signal), [api, unitId, at]);
  const riskCellQuery = { level: riskCellLevel(level), top: 500, at, within: unitId };
  const riskCells = useResource((signal) => api.analyst.risk(riskCellQuery, signal), [api, unitId, at, level]);
  const trend = useResource((signal) => api.analyst.trend(unitId, 'month', signal), [api, unitId]);
  const forecast = useResource((signal) => api.analyst.forecast(unitId, 'month', signal), [api, unitId]);
  const bbox = useMemo(() => (unitFeature ? bboxOf(unitFeature.geometry.coordinates) : null), [unitFeature]);
  const fine = level === 'grid' || level === 'community' || level === 'village';
  const buildings = useResource(
    (signal) => (fine && bbox ? api.analyst.buildings(bbox, signal) : Promise.resolve([])),
    [api, fine, bbox],
  );
  const children = useMemo(() => allUnits.filter((f) => f.properties.parentId === unitId), [allUnits, unitId]);
  const gridAreas = useMemo(
    () =>
      allUnits
        .filter((f) => f.properties.level === 'grid')
        .map((f) => ({ name: f.properties.name, geometry: f.geometry as NamedArea['geometry'] })),
    [allUnits],
  );

  const path = [...(summary.data?.ancestors ?? []), ...(summary.data ? [summary.data] : [])];
  const monthIndex = Math.max(0, months.indexOf(month));
  const exportQueries: Record<ExportDataset, Record<string, string | number | undefined>> = {
    heat: heatQuery,
    risk: riskQuery,
    trend: { unit: unitId, by: 'month' },
  };

  return (
    <main className="analyst-main">
      <nav className="analyst-breadcrumb" aria-label={t('analyst.breadcrumb')}>
        <ol>
          {path.map((u, i) => (
            <li key={u.id}>
              {i < path.length - 1 ? (
                <button type="button" onClick={() => onSelect({ unit: u.id })}>
                  {u.name}
                </button>
              ) : (
                <span aria-current="location">{u.name}</span>
              )}
            </li>
          ))}
        </ol>
        <span className="level-tag">{t(`level.${level}` as 'level.city')}</span>
        <ul className="analyst-children" aria-label={t('analyst.children')}>
          {summary.data && summary.data.children.length === 0 && <li>{t('analyst.noChildren')}</li>}
          {summary.data?.children.map((c) => (
            <li key={c.id}>
              <button type="button" className="child" onClick={() => onSelect({ unit: c.id })}>
                {c.name}
              </button>
            </li>
          ))}
        </ul>
      </nav>

      <div className="analyst-body">
        <div className="analyst-left">
          <div className="analyst-map-box">
            <AnalystMap
              bbox={bbox}
              unit={unitFeature}
              units={children}
              roads={roads}
              rivers={rivers}
              buildings={buildings.data ?? []}
              heat={heat.data ?? []}
              riskCells={riskCells.data ?? []}
              show={show}
              label={t('analyst.map', { unit: summary.data?.name ?? '' })}
              onPickUnit={(id) => onSelect({ unit: id })}
            />
            <fieldset className="analyst-layers">
              <legend>{t('analyst.layers')}</legend>
              {(Object.keys(show) as (keyof MapLayers)[]).map((k) => (
                <label key={k}>
                  <input
                    type="checkbox"
                    checked={show[k]}
                    disabled={k === 'risk' && riskCells.status !== 'ready'}
                    onChange={(e) => setShow((s) => ({ ...s, [k]: e.target.checked }))}
                  />
                  {t(`analyst.layer.${k}`)}
                </label>
              ))}
            </fieldset>
            <div className="analyst-legend">
              <span>{t('analyst.legend.heat', { res })}</span>
              <span className="ramp heat-ramp" />
              {show.risk && riskCells.status === 'ready' && (
                <>
                  <span>{t('analyst.legend.risk')}</span>
                  <span className="ramp risk-ramp" />
                </>
              )}
            </div>
          </div>
          <div className="analyst-controls">
            <label className="analyst-category">
              <span>{t('analyst.category')}</span>
              <select value={category} onChange={(e) => setCategory(e.target.value)}>
                <option value="">{t('analyst.category.all')}</option>
                {TAXONOMY.categories.map((c) => (
                  <option key={c.code} value={c.code}>
                    {lang === 'zh' ? c.name : c.nameEn}
                  </option>
                ))}
              </select>
            </label>
            <label className="analyst-slider">
              <span>{t('analyst.time')}</span>
              <input
                type="range"
                min={0}
                max={Math.max(0, months.length - 1)}
                value={monthIndex}
                onChange={(e) => onSelect({ month: months[Number(e.target.value)] })}
                aria-valuetext={month}
              />
              <output>{month}</output>
            </label>
          </div>
        </div>

        <div className="analyst-right">
          <div className="tabs" role="tablist">
            {TABS.map((k) => (
              <button key={k} type="button" role="tab" aria-selected={tab === k} onClick={() => setTab(k)}>
                {t(`analyst.tab.${k}`)}
              </button>
            ))}
          </div>
          {tab === 'risk' && <RiskPanel risk={risk} />}
          {tab === 'heat' && <HeatTable heat={heat} month={month} grids={gridAreas} />}
          {tab === 'six' && summary.data && <SixElements summary={summary.data} />}
          {tab === 'trend' && <TrendPanel key={lang} trend={trend} forecast={forecast} />}
          <ExportMenu
            api={api}
            queries={exportQueries}
            available={{
              heat: heat.status === 'ready',
              risk: risk.status === 'ready',
              trend: trend.status === 'ready',
            }}
          />
        </div>
      </div>
    </main>
  );
}
