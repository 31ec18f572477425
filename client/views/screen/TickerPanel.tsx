// The live ticker (实时滚动): the newest events and alarms, each opening its details when chosen, and
// the live stream's status light.
import { type MessageKey, useI18n } from '../../i18n';
import { shortTime } from '../../ui/caseFormat';
import { type TickerItem, tickerText } from './ticker.model';

export interface TickerPanelProps {
  items: TickerItem[];
  unitName(id: string): string;
  connected: boolean | null;
  onChoose?(item: TickerItem): void;
}

export function TickerPanel({ items, unitName, connected, onChoose }: TickerPanelProps) {
  const { t, lang } = useI18n();
  const time = (iso: string) => shortTime(iso, lang === 'zh' ? 'zh-CN' : 'en-GB');
  return (
    <section className="screen-card ticker-card" aria-label={t('screen.ticker')} aria-live="polite">
      <h2>
        {t('screen.ticker')}
        <span className={`live-light ${connected ? 'on' : 'off'}`}>
          {t(connected ? 'screen.live' : 'screen.offline')}
        </span>
      </h2>
      {items.length === 0 ? (
        <p className="ticker-empty">{t('screen.tickerEmpty')}</p>
      ) : (
        <ol className="ticker">
          {items.slice(0, 8).map((item) => (
            <li
              key={item.key}
              className={`ticker-item level-${item.level} ${item.kind}`}
              data-key={item.key}
              data-status={item.status}
              role={onChoose ? 'button' : undefined}
              tabIndex={onChoose ? 0 : undefined}
              onClick={() => onChoose?.(item)}
              onKeyDown={(e) => e.key === 'Enter' && onChoose?.(item)}
            >
              <span className="ticker-kind">{t(item.kind === 'alarm' ? 'screen.alarm' : 'screen.event')}</span>
              <span className="ticker-time">{time(item.at)}</span>
              <span className="ticker-text">{tickerText(item, lang === 'en', t)}</span>
              {item.kind === 'event' && (
                <span className="ticker-status">{t(`status.${item.status}` as MessageKey)}</span>
              )}
              {item.leader && <span className="ticker-leader">{t('leader.mark')}</span>}
              <span className="ticker-place">{unitName(item.place)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
