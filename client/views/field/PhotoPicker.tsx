// The photos of a report or a feedback: the camera or a file, each photo's upload as it goes, its
// refusal and a retry.
import { useI18n } from '../../i18n';
import type { PhotoUploads } from './usePhotoUploads';

export function PhotoPicker({ photos, label }: { photos: PhotoUploads; label?: string }) {
  const { t, n } = useI18n();
  return (
    <fieldset className="field-section">
      <legend>{label ?? t('field.photos')}</legend>
      <ul className="field-photos">
        {photos.slots.map((s) => (
          <li key={s.key} className={`field-photo field-photo-${s.status}`} data-testid="field-photo">
            {/* a file the browser cannot show (the refused ones) leaves an empty frame, not a broken icon */}
            <img
              src={s.preview}
              alt=""
              onError={(e) => {
                e.currentTarget.style.visibility = 'hidden';
              }}
            />
            <span className="field-photo-state" role={s.status === 'failed' ? 'alert' : undefined}>
              {s.status === 'uploading' && t('field.photos.uploading', { percent: n(Math.round(s.progress * 100)) })}
              {s.status === 'done' && t('field.photos.done')}
              {s.status === 'failed' && s.problem}
            </span>
            {s.status === 'uploading' && <progress max={1} value={s.progress} />}
            <span className="field-photo-tools">
              {s.status === 'failed' && (
                <button type="button" className="field-link" onClick={() => photos.retry(s.key)}>
                  {t('field.photos.retry')}
                </button>
              )}
              <button type="button" className="field-link" onClick={() => photos.remove(s.key)}>
                {t('field.photos.remove')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {!photos.full && (
        <label className="field-button field-file">
          {t('field.photos.add')}
          <input
            type="file"
            accept="image/*"
            onChange={(e) => {
              if (e.target.files) void photos.add(e.target.files);
              e.target.value = '';
            }}
          />
        </label>
      )}
    </fieldset>
  );
}
