// The cases of one inbox: a row per case (Enter or a click opens its dossier); the centre may tick the
// filed ones for a bulk dispatch.
import { findItem } from '@domain/taxonomy';
import type { CaseRow } from '../../api/casesApi';
import { locales, type MessageKey, useI18n } from '../../i18n';
import { holderName, shortTime } from '../../ui/caseFormat';
import type { Places } from './places';

interface Props {
  rows: readonly CaseRow[];
  places: Places;
  openId: string | null;
  onOpen(id: string): void;
  /** Whether the reader dispatches (the centre): filed cases get a tick box. */
  selectable: boolean;
  selected: ReadonlySet<string>;
  onSelect(next: ReadonlySet<string>): void;
}

export function CaseTable({ rows, places, openId, onOpen, selectable, selected, onSelect }: Props) {
  const { t, lang } = useI18n();
  const locale = locales[lang];
  const dispatchable = selectable ? rows.filter((r) => r.status === 'filed') : [];
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelect(next);
  };
  const allOn = dispatchable.length > 0 && dispatchable.every((r) => selected.has(r.id));
  return (
    <table className="case-table">
      <thead>
        <tr>
          {dispatchable.length > 0 && (
            <th className="tick">
              <input
                type="checkbox"
                aria-label={t('desk.selectAll')}
                checked={allOn}
                onChange={(e) => onSelect(new Set(e.target.checked ? dispatchable.map((r) => r.id) : []))}
              />
            </th>
          )}
          <th>{t('desk.col.code')}</th>
          <th>{t('desk.col.item')}</th>
          <th className="wide">{t('desk.col.grid')}</th>
          <th className="wide">{t('desk.col.reported')}</th>
          <th>{t('desk.col.status')}</th>
          <th>{t('desk.col.due')}</th>
          <th className="wide">{t('desk.col.holders')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const item = findItem(r.itemCode);
          const warning = !r.overdue && !!r.warnAt && !!r.dueAt && Date.parse(r.warnAt) <= Date.now();
          return (
            <tr
              key={r.id}
              data-case={r.code}
              tabIndex={0}
              aria-selected={r.id === openId}
              className={r.id === openId ? 'open' : undefined}
              onClick={() => onOpen(r.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && e.target === e.currentTarget) onOpen(r.id);
              }}
            >
              {dispatchable.length > 0 && (
                <td className="tick">
                  {r.status === 'filed' && (
                    <input
                      type="checkbox"
                      aria-label={t('desk.select', { code: r.code })}
                      checked={selected.has(r.id)}
                      onClick={(e) => e.stopPropagation()}
                      onChange={(e) => toggle(r.id, e.target.checked)}
                    />
                  )}
                </td>
              )}
              <td className="mono nowrap">{r.code}</td>
              <td className="item-cell">
                {item ? (lang === 'zh' ? item.name : item.nameEn) : r.itemCode}
                {r.leaderSupervisedBy ? (
                  <span className="chip chip-leader">{t('leader.mark')}</span>
                ) : (
                  r.supervisedBy && <span className="chip chip-supervised">{t('desk.supervised')}</span>
                )}
              </td>
              <td className="wide">{places.names.get(r.gridId) ?? r.gridId}</td>
              <td className="wide nowrap">{shortTime(r.reportedAt, locale)}</td>
              <td className="nowrap">
                <span className={`state status-${r.status}`}>{t(`desk.status.${r.status}` as MessageKey)}</span>
              </td>
              <td className="nowrap">
                {shortTime(r.dueAt, locale)}
                {r.overdue && <span className="chip chip-overdue">{t('desk.overdue')}</span>}
                {warning && <span className="chip chip-warning">{t('desk.warning')}</span>}
              </td>
              <td className="wide holders-cell">
                {r.holders.map((h) => holderName(h, places.names, lang, t('desk.holderCentre'))).join('、')}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
