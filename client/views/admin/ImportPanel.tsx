// Many accounts at once from a CSV file: all or none. Problems come back by line and field; on
// success the one-time passwords are shown once and can be saved as a CSV to hand out.
import { useState } from 'react';
import type { AccountWithPassword } from '../../api/accountsApi';
import { ApiError, type FieldProblem, type TwinApi } from '../../api/twinApi';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import { oneTimePasswordsCsv } from './accountList.model';

export function ImportPanel({ api, onImported }: { api: TwinApi; onImported(): void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<AccountWithPassword[] | null>(null);

  async function submit() {
    if (!file) return;
    setBusy(true);
    setError(null);
    setProblems([]);
    setCreated(null);
    try {
      setCreated(await api.accounts.importCsv(await file.text()));
      onImported();
    } catch (err) {
      setError(t('admin.import.failed', { message: err instanceof Error ? err.message : String(err) }));
      if (err instanceof ApiError) setProblems(err.fields);
    } finally {
      setBusy(false);
    }
  }

  const download = () => {
    if (!created) return;
    const url = URL.createObjectURL(new Blob([`\uFEFF${oneTimePasswordsCsv(created)}`], { type: 'text/csv' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: 'one-time-passwords.csv' });
    a.click();
    URL.revokeObjectURL(url);
  };
  const fieldName = (f: string) => (f.startsWith('field.') ? f : t(`field.${f}` as MessageKey) || f);

  return (
    <section className="work-card import-panel">
      <h2>{t('admin.import.title')}</h2>
      <p className="form-hint">{t('admin.import.text')}</p>
      <div className="form-buttons">
        <label className="file-pick">
          <span>{t('admin.import.choose')}</span>
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setCreated(null);
            }}
          />
        </label>
        <button type="button" className="primary" disabled={!file || busy} onClick={() => void submit()}>
          {busy ? t('admin.import.submitting') : t('admin.import.submit')}
        </button>
      </div>
      {error && (
        <div className="form-error" role="alert">
          <p>{error}</p>
          {problems.length > 0 && (
            <>
              <p>{t('admin.import.problems')}</p>
              <ul className="problems">
                {problems.map((p) => (
                  <li key={`${p.line}-${p.field}-${p.message}`}>
                    <strong>{t('admin.import.line', { line: p.line ?? '?', field: fieldName(p.field) })}</strong>：
                    {p.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {created && (
        <div className="form-ok" role="status">
          <p>{t('admin.import.done', { count: created.length })}</p>
          <table>
            <tbody>
              {created.map((c) => (
                <tr key={c.user.userId}>
                  <td className="mono">{c.user.username}</td>
                  <td>{c.user.displayName}</td>
                  <td className="mono">{c.oneTimePassword}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={download}>
            {t('admin.import.download')}
          </button>
        </div>
      )}
    </section>
  );
}
