// The live ticker (实时滚动): the newest events and alarms, each opening its details when chosen, and
// the live stream's status light.
import { useI18n } from '../../i18n';
import { type TickerItem, tickerText } from './ticker.model';

export interface TickerPanelProps {
  items: TickerItem[];
  unitName(id: string): string;
  connected: boolean | null;
  onChoose?(item: TickerItem): void;
}

export function TickerPanel({ items, unitName, connected, onChoose }: TickerPanelProps) {
  const { t, lang } = useI18n();
  const time = (iso: string) =>
    new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
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
              role={onChoose ? 'button' : undefined}
              tabIndex={onChoose ? 0 : undefined}
              onClick={() => onChoose?.(item)}
              onKeyDown={(e) => e.key === 'Enter' && onChoose?.(item)}
            >
              <span className="ticker-kind">{t(item.kind === 'alarm' ? 'screen.alarm' : 'screen.event')}</span>
              <span className="ticker-time">{time(item.at)}</span>
              <span className="ticker-text">{tickerText(item, lang === 'en', t)}</span>
              <span className="ticker-place">{unitName(item.place)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
