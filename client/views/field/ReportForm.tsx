// Reporting a case (上报): place, kind, description, photos. Before filing, the likely duplicates
// (same item, open, within about 50 m and 48 h) are fetched and offered: the worker opens the case
// that is already there, or reports anyway (the note then names the cases it may duplicate, for the
// centre to merge if it is one).
import { useState } from 'react';
import type { FieldApi } from '../../api/fieldApi';
import type { EventRecord } from '../../api/twinApi';
import { useI18n } from '../../i18n';
import { shortTime } from '../../ui/caseFormat';
import { distanceMetres, duplicateQuery, type LonLat, problemText } from './field.model';
import type { MapShape } from './GridMap';
import { ItemPicker } from './ItemPicker';
import { PhotoPicker } from './PhotoPicker';
import { PlacePicker } from './PlacePicker';
import { usePhotoUploads } from './usePhotoUploads';

type Step =
  | { kind: 'form' }
  | { kind: 'checking' }
  | { kind: 'duplicates'; cases: EventRecord[] }
  | { kind: 'sending' };

export function ReportForm({
  api,
  shapes,
  dots,
  onReported,
  onOpenCase,
}: {
  api: FieldApi;
  shapes: readonly MapShape[];
  dots: readonly LonLat[];
  onReported(code: string): void;
  onOpenCase(id: string): void;
}) {
  const { t, lang } = useI18n();
  const [place, setPlace] = useState<LonLat | null>(null);
  const [itemCode, setItemCode] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const photos = usePhotoUploads(api);
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const [problem, setProblem] = useState<string | null>(null);

  function missing(): string | null {
    if (!place) return t('field.missing.place');
    if (!itemCode) return t('field.missing.item');
    if (!description.trim()) return t('field.missing.description');
    if (!photos.ready) return t('field.missing.photos');
    return null;
  }

  async function send(duplicates: EventRecord[]) {
    setStep({ kind: 'sending' });
    try {
      const created = await api.report({
        itemCode: itemCode!,
        lon: place![0],
        lat: place![1],
        description: description.trim(),
        source: 'patrol',
        note: duplicates.length
          ? `${description.trim()}（${t('field.duplicates.note', { ids: duplicates.map((d) => d.code).join('、') })}）`.slice(
              0,
              500,
            )
          : undefined,
        photos: photos.ids.length ? photos.ids : undefined,
      });
      setPlace(null);
      setItemCode(null);
      setDescription('');
      photos.reset();
      setStep({ kind: 'form' });
      onReported(created.code);
    } catch (error) {
      setProblem(problemText(t, error));
      setStep({ kind: 'form' });
    }
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setProblem(null);
    const why = missing();
    if (why) {
      setProblem(why);
      return;
    }
    setStep({ kind: 'checking' });
    try {
      const page = await api.events(duplicateQuery(itemCode!, place!, Date.now()));
      if (page.events.length) {
        setStep({ kind: 'duplicates', cases: page.events });
        return;
      }
    } catch (error) {
      setProblem(problemText(t, error));
      setStep({ kind: 'form' });
      return;
    }
    await send([]);
  }

  if (step.kind === 'duplicates')
    return (
      <section className="field-card field-duplicates" role="alertdialog" aria-labelledby="field-dup-title">
        <h2 id="field-dup-title">{t('field.duplicates.title', { count: step.cases.length })}</h2>
        <p className="field-hint">{t('field.duplicates.text')}</p>
        <ul className="field-cases">
          {step.cases.map((c) => (
            <li key={c.id} className="field-case">
              <p className="field-case-text">{c.description}</p>
              <p className="field-case-meta">
                {t('field.duplicates.item', {
                  code: c.code,
                  status: t(`status.${c.status}`),
                  metres: Math.round(distanceMetres(place!, c.position as LonLat)),
                  when: shortTime(c.reportedAt, lang === 'zh' ? 'zh-CN' : 'en-GB'),
                })}
              </p>
              <button type="button" className="field-button field-primary" onClick={() => onOpenCase(c.id)}>
                {t('field.duplicates.same')}
              </button>
            </li>
          ))}
        </ul>
        <div className="field-row">
          <button type="button" className="field-button" onClick={() => void send(step.cases)}>
            {t('field.duplicates.anyway')}
          </button>
          <button type="button" className="field-link" onClick={() => setStep({ kind: 'form' })}>
            {t('field.duplicates.cancel')}
          </button>
        </div>
      </section>
    );

  const busy = step.kind !== 'form';
  return (
    <form className="field-form" onSubmit={(e) => void submit(e)} noValidate>
      <PlacePicker shapes={shapes} dots={dots} place={place} onPick={setPlace} />
      <ItemPicker value={itemCode} onChange={setItemCode} />
      <fieldset className="field-section">
        <legend>{t('field.description')}</legend>
        <textarea
          className="field-input field-textarea"
          aria-label={t('field.description')}
          placeholder={t('field.description.placeholder')}
          maxLength={500}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </fieldset>
      <PhotoPicker photos={photos} />
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="field-button field-primary field-submit" disabled={busy}>
        {step.kind === 'checking'
          ? t('field.checking')
          : step.kind === 'sending'
            ? t('field.submitting')
            : t('field.submit')}
      </button>
    </form>
  );
}
