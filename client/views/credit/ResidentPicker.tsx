// Picks a resident in the user's scope through the residents search (GET /api/residents, by surname,
// masked): type a surname, choose one of the hits. Used by the proposal form and the archive.
import { useState } from 'react';
import type { ResidentHit } from '../../api/creditApi';
import type { TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { useResource } from '../../ui/useResource';

export function ResidentPicker({
  api,
  label,
  onPick,
}: {
  api: TwinApi;
  label: string;
  onPick(resident: ResidentHit): void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const query = name.trim().slice(0, 10);
  const hits = useResource(
    (signal) =>
      query ? api.credit.residents({ name: query, limit: 12 }, signal) : Promise.resolve({ total: 0, residents: [] }),
    [api, query],
  );
  return (
    <div className="credit-picker">
      <label>
        <span>{label}</span>
        <input
          type="search"
          value={name}
          placeholder={t('credit.propose.searchHint')}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      {query && hits.status === 'loading' && <p className="credit-sub">{t('credit.loading')}</p>}
      {hits.status === 'error' && <p className="form-error">{t('credit.error', { message: hits.error.message })}</p>}
      {query && hits.data?.residents.length === 0 && <p className="credit-sub">{t('credit.propose.noHits')}</p>}
      {query && hits.data && hits.data.residents.length > 0 && (
        <ul className="credit-hits">
          {hits.data.residents.map((r) => (
            <li key={r.id}>
              <button type="button" onClick={() => onPick(r)} data-resident={r.id}>
                <span>{r.name}</span>
                <span className="credit-sub">
                  {r.gridName} · {r.birthDate.slice(0, 4)} · {r.address}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
