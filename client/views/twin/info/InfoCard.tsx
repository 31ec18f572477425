// The info panel's frame, shared by every kind: the kind, a close button, the title, the body (rows,
// or a kind's own panel), and the fly-to button.
import type { ReactNode } from 'react';
import { type MessageKey, useI18n } from '../../../i18n';
import type { PickRef } from '../../../twin/points/points.model';
import { InfoRow } from '../../../ui/InfoRow';
import type { Row } from './infoRows';

export interface InfoCardProps {
  selection: PickRef;
  kind: MessageKey;
  title: string;
  onFlyTo(): void;
  onClose(): void;
  children: ReactNode;
}

export function InfoCard({ selection, kind, title, onFlyTo, onClose, children }: InfoCardProps) {
  const { t } = useI18n();
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
      {children}
      <button type="button" className="fly-to" onClick={onFlyTo}>
        {t('info.flyTo')}
      </button>
    </aside>
  );
}

/** The rows as a definition list, or "no data" when there are none. */
export function InfoRows({ rows }: { rows: readonly Row[] }) {
  const { t } = useI18n();
  if (rows.length === 0) return <p className="info-missing">{t('info.missing')}</p>;
  return (
    <dl>
      {rows.map(({ label, value }) => (
        <InfoRow key={label} label={t(label)}>
          {typeof value === 'string' ? (
            value
          ) : 'code' in value ? (
            <span className="info-code">{value.code}</span>
          ) : (
            <span className={value.tone}>{value.text}</span>
          )}
        </InfoRow>
      ))}
    </dl>
  );
}
