// Export of what is shown (导出): the heat cells, the risk ranking and the trend series, each as CSV,
// GeoJSON or Parquet. Plain links: the browser downloads, the server writes the audit row.
import type { ExportDataset, ExportFormat } from '../../api/analystApi';
import type { TwinApi } from '../../api/twinApi';
import { useI18n } from '../../i18n';

const DATASETS: ExportDataset[] = ['heat', 'risk', 'trend'];
const FORMATS: ExportFormat[] = ['csv', 'geojson', 'parquet'];
const FORMAT_NAMES: Record<ExportFormat, string> = { csv: 'CSV', geojson: 'GeoJSON', parquet: 'Parquet' };

export function ExportMenu({
  api,
  queries,
  available,
}: {
  api: TwinApi;
  queries: Record<ExportDataset, Record<string, string | number | undefined>>;
  available: Record<ExportDataset, boolean>;
}) {
  const { t } = useI18n();
  return (
    <section className="analyst-export" aria-label={t('analyst.export')}>
      <h3>{t('analyst.export')}</h3>
      <ul>
        {DATASETS.filter((d) => available[d]).map((d) => (
          <li key={d}>
            <span>{t(`analyst.export.${d}`)}</span>
            {FORMATS.map((f) => (
              <a key={f} href={api.analyst.exportUrl(d, f, queries[d])} download data-export={`${d}.${f}`}>
                {FORMAT_NAMES[f]}
              </a>
            ))}
          </li>
        ))}
      </ul>
      <p className="analyst-note">{t('analyst.export.note')}</p>
    </section>
  );
}
