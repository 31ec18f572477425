// The kind of problem (问题类别): a category, then the items matching what is typed; one tap picks.
import { itemPath, TAXONOMY } from '@domain/taxonomy';
import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n';
import { itemChoices } from './field.model';

export function ItemPicker({ value, onChange }: { value: string | null; onChange(code: string | null): void }) {
  const { t, lang } = useI18n();
  const [category, setCategory] = useState('');
  const [query, setQuery] = useState('');
  const choices = useMemo(() => itemChoices(category, query, lang), [category, query, lang]);

  if (value)
    return (
      <fieldset className="field-section">
        <legend>{t('field.item')}</legend>
        <div className="field-row">
          <span className="field-picked" data-testid="field-item">
            {t('field.item.picked', { path: itemPath(value, lang) })}
          </span>
          <button type="button" className="field-button" onClick={() => onChange(null)}>
            {t('field.item.change')}
          </button>
        </div>
      </fieldset>
    );

  return (
    <fieldset className="field-section">
      <legend>{t('field.item')}</legend>
      <div className="field-row">
        <select
          aria-label={t('field.item.category')}
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          className="field-select"
        >
          <option value="">{t('field.item.category')}</option>
          {TAXONOMY.categories.map((c) => (
            <option key={c.code} value={c.code}>
              {lang === 'zh' ? c.name : c.nameEn}
            </option>
          ))}
        </select>
        <input
          type="search"
          className="field-input"
          placeholder={t('field.item.search')}
          aria-label={t('field.item.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <ul className="field-choices">
        {choices.length === 0 && <li className="field-hint">{t('field.item.none')}</li>}
        {choices.map((c) => (
          <li key={c.code}>
            <button type="button" className="field-choice" onClick={() => onChange(c.code)}>
              <span className="field-choice-name">{c.name}</span>
              <span className="field-choice-path">{c.path}</span>
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
