// The search box (检索): grids, communities, component codes, camera ids, addresses. Typing waits a
// moment before asking; the previous question is cancelled.
import { useEffect, useState } from 'react';
import type { SearchHit, TwinApi } from '../../api/twinApi';
import { type MessageKey, useI18n } from '../../i18n';

const kindText: Record<SearchHit['kind'], MessageKey> = {
  unit: 'search.kind.unit',
  component: 'search.kind.component',
  camera: 'search.kind.camera',
  building: 'search.kind.building',
};

export function SearchBox({ api, onChoose }: { api: TwinApi; onChoose(hit: SearchHit): void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  useEffect(() => {
    const text = q.trim();
    if (!text) return setHits(null);
    const abort = new AbortController();
    const timer = setTimeout(() => {
      api.search(text, abort.signal).then(setHits, () => abort.signal.aborted || setHits([]));
    }, 250);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [api, q]);

  return (
    <search className="search-box twin-card">
      <input
        type="search"
        value={q}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && hits?.[0]) {
            onChoose(hits[0]);
            setQ('');
          }
        }}
      />
      {hits && (
        <ul className="search-hits">
          {hits.length === 0 && <li className="search-none">{t('search.none')}</li>}
          {hits.map((hit) => (
            <li key={`${hit.kind}:${hit.id}`}>
              <button
                type="button"
                onClick={() => {
                  onChoose(hit);
                  setQ('');
                }}
              >
                <span className="hit-kind">{t(kindText[hit.kind])}</span>
                <span className="hit-label">{hit.label}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </search>
  );
}
