// The desk's inboxes, each with how many cases it holds; the centre may narrow them to one holder.
import { DEPARTMENTS } from '@domain/departments';
import { useI18n } from '../../i18n';
import { useSession } from '../../ui/session';
import { type Inbox, type InboxKey, mayPickHolder } from './inbox.model';
import type { Places } from './places';

interface Props {
  inboxes: readonly Inbox[];
  current: InboxKey;
  counts: readonly number[] | null;
  onChoose(key: InboxKey): void;
  holder: string;
  onHolder(holder: string): void;
  places: Places;
  connected: boolean;
  onRefresh(): void;
}

/** The tabs that want attention when they hold anything. */
const ALERTING: readonly InboxKey[] = ['warning', 'overdue'];

export function InboxNav({
  inboxes,
  current,
  counts,
  onChoose,
  holder,
  onHolder,
  places,
  connected,
  onRefresh,
}: Props) {
  const { t, lang, n } = useI18n();
  const { user } = useSession();
  const subdistricts = [...places.units.entries()].filter(([, u]) => u.level === 'subdistrict' || u.level === 'town');
  return (
    <nav className="desk-inboxes work-card" aria-label={t('desk.inboxes')}>
      <div role="tablist" aria-orientation="vertical" className="inbox-tabs">
        {inboxes.map((i, k) => {
          const count = counts?.[k];
          return (
            <button
              key={i.key}
              type="button"
              role="tab"
              data-inbox={i.key}
              aria-selected={i.key === current}
              className={count && ALERTING.includes(i.key) ? 'alerting' : undefined}
              onClick={() => onChoose(i.key)}
            >
              <span>{t(i.label)}</span>
              <span className="inbox-count">{count === undefined ? '…' : n(count)}</span>
            </button>
          );
        })}
      </div>
      {mayPickHolder(user.role) && (
        <label className="holder-pick">
          {t('desk.holder')}
          <select value={holder} onChange={(e) => onHolder(e.target.value)}>
            <option value="">{t('desk.holderAll')}</option>
            <option value="centre">{t('desk.holderCentre')}</option>
            <optgroup label={t('desk.form.departments')}>
              {DEPARTMENTS.map((d) => (
                <option key={d.id} value={d.id}>
                  {lang === 'zh' ? d.name : d.nameEn}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('desk.form.units')}>
              {subdistricts.map(([id]) => (
                <option key={id} value={id}>
                  {places.names.get(id)}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
      )}
      <div className="desk-live">
        <span className={connected ? 'live-dot on' : 'live-dot'} aria-hidden="true" />
        {connected ? t('desk.live') : t('desk.offline')}
        <button type="button" onClick={onRefresh}>
          {t('desk.refresh')}
        </button>
      </div>
    </nav>
  );
}
