// 居民档案: one resident's credit archive — balance, level, every record with its steps — and a print
// button that gives one printable page (credit.css's print rules hide everything but the archive).
// Each view is audited by the server; the name stays masked as elsewhere.
import type { CreditRules } from '../../api/creditApi';
import type { TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { useSession } from '../../ui/session';
import { useResource } from '../../ui/useResource';
import { ArchiveRecord } from './ArchiveRecord';
import { cityDateTime } from './credit.model';
import { ResidentPicker } from './ResidentPicker';

interface Props {
  api: TwinApi;
  rules: CreditRules | undefined;
  residentId: string | null;
  tick: number;
  onPick(residentId: string): void;
  onChanged(): void;
}

export function ResidentArchive({ api, rules, residentId, tick, onPick, onChanged }: Props) {
  const { t, n, lang } = useI18n();
  const { user } = useSession();
  const archive = useResource(
    (signal) => (residentId ? api.credit.archive(residentId, signal) : Promise.resolve(null)),
    [api, residentId, tick],
    { keep: true },
  );
  const a = archive.data && archive.data.residentId === residentId ? archive.data : null;
  return (
    <section className="work-card credit-archive" aria-label={t('credit.archive.title')}>
      <div className="table-tools no-print">
        <h2>{t('credit.archive.title')}</h2>
        <ResidentPicker api={api} label={t('credit.archive.search')} onPick={(r) => onPick(r.id)} />
        {a && (
          <button type="button" className="primary credit-print" onClick={() => window.print()}>
            {t('credit.archive.print')}
          </button>
        )}
      </div>
      {!residentId && <p className="credit-empty">{t('credit.archive.pick')}</p>}
      {residentId && archive.status === 'loading' && !a && (
        <p className="credit-empty" role="status">
          {t('credit.loading')}
        </p>
      )}
      {archive.status === 'error' && (
        <p className="form-error">{t('credit.error', { message: archive.error.message })}</p>
      )}
      {a && (
        <article className="credit-archive-sheet" data-resident={a.residentId}>
          <header className="credit-archive-card">
            <h3 className="print-only">{t('credit.archive.title')}</h3>
            <div className="credit-archive-who">
              <span className="credit-archive-name">{a.name}</span>
              <span className="credit-sub">
                {a.residentId} · {a.gridName}
              </span>
            </div>
            <dl className="credit-archive-figures">
              <div>
                <dt>{t('credit.archive.balance')}</dt>
                <dd className="credit-balance">{n(a.balance)}</dd>
              </div>
              <div>
                <dt>{t('credit.archive.level')}</dt>
                <dd className="credit-level">
                  {a.level.code} · {a.level.name[lang]}
                </dd>
              </div>
            </dl>
            <p className="credit-sub">{t('credit.archive.masked')}</p>
          </header>
          <h4>{t('credit.archive.history')}</h4>
          {a.records.length === 0 ? (
            <p className="credit-empty">{t('credit.archive.empty')}</p>
          ) : (
            <ol className="credit-archive-records">
              {a.records.map((r) => (
                <ArchiveRecord
                  key={r.id}
                  api={api}
                  record={r}
                  rule={rules?.items.find((i) => i.code === r.ruleCode)}
                  onChanged={onChanged}
                />
              ))}
            </ol>
          )}
          <p className="print-only credit-sub">
            {t('credit.archive.printed', { time: cityDateTime(new Date().toISOString()), name: user.displayName })}
          </p>
        </article>
      )}
    </section>
  );
}
