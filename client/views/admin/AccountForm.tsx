// Creating an account, or changing one's name, role or scope. The form checks what it can at once
// (username pattern, a scope the role needs) and shows the server's refusals beside their fields.

import { ROLES } from '@domain/access';
import { USERNAME_PATTERN } from '@domain/accounts';
import { type FormEvent, useState } from 'react';
import type { Account, AccountWithPassword, NewAccount } from '../../api/accountsApi';
import { ApiError, type TwinApi } from '../../api/twinApi';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import { type ScopeOptions, scopeKindOf, unitsFor } from './scopeOptions.model';

export interface AccountFormProps {
  api: TwinApi;
  options: ScopeOptions;
  /** The account to change; none: a new one. */
  editing: Account | null;
  onCreated(result: AccountWithPassword): void;
  onChanged(account: Account): void;
  onCancel(): void;
}

type Problems = Partial<Record<keyof NewAccount | 'form', string>>;

export function AccountForm({ api, options, editing, onCreated, onChanged, onCancel }: AccountFormProps) {
  const { t } = useI18n();
  const [form, setForm] = useState<NewAccount>(
    editing
      ? {
          username: editing.username,
          displayName: editing.displayName,
          role: editing.role,
          unitId: editing.unitId,
          departmentId: editing.departmentId,
        }
      : { username: '', displayName: '', role: 'gridworker', unitId: null, departmentId: null },
  );
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const kind = scopeKindOf(form.role);
  const units = unitsFor(options, form.role);
  const set = (patch: Partial<NewAccount>) => setForm((f) => ({ ...f, ...patch }));

  function check(): Problems {
    const p: Problems = {};
    if (!editing && !USERNAME_PATTERN.test(form.username)) p.username = t('admin.form.usernameInvalid');
    if (!form.displayName.trim()) p.displayName = t('admin.form.required');
    if (kind.kind === 'unit' && !form.unitId) p.unitId = t('admin.form.required');
    if (kind.kind === 'department' && !form.departmentId) p.departmentId = t('admin.form.required');
    return p;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local = check();
    setProblems(local);
    if (Object.keys(local).length) return;
    const body = {
      displayName: form.displayName.trim(),
      role: form.role,
      unitId: kind.kind === 'unit' ? form.unitId : null,
      departmentId: kind.kind === 'department' ? form.departmentId : null,
    };
    setBusy(true);
    try {
      if (editing) onChanged(await api.accounts.change(editing.userId, body));
      else onCreated(await api.accounts.create({ ...body, username: form.username }));
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) {
        const p: Problems = {};
        for (const f of err.fields) p[(f.field in form ? f.field : 'form') as keyof Problems] = f.message;
        setProblems(p);
      } else
        setProblems({ form: t('admin.form.failed', { message: err instanceof Error ? err.message : String(err) }) });
    } finally {
      setBusy(false);
    }
  }

  const problem = (field: keyof Problems) =>
    problems[field] ? (
      <span className="field-error" role="alert">
        {problems[field]}
      </span>
    ) : null;

  return (
    <form className="account-form work-card" onSubmit={submit} aria-labelledby="account-form-title">
      <h2 id="account-form-title">
        {editing ? t('admin.form.editTitle', { username: editing.username }) : t('admin.form.newTitle')}
      </h2>
      <label>
        <span>{t('admin.form.username')}</span>
        <input
          name="username"
          value={form.username}
          onChange={(e) => set({ username: e.target.value.trim().toLowerCase() })}
          disabled={editing !== null}
          autoComplete="off"
          placeholder={t('admin.form.usernameHint')}
        />
        {problem('username')}
      </label>
      <label>
        <span>{t('admin.form.displayName')}</span>
        <input name="displayName" value={form.displayName} onChange={(e) => set({ displayName: e.target.value })} />
        {problem('displayName')}
      </label>
      <label>
        <span>{t('admin.form.role')}</span>
        <select
          name="role"
          value={form.role}
          onChange={(e) => set({ role: e.target.value, unitId: null, departmentId: null })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}` as MessageKey)}
            </option>
          ))}
        </select>
        {problem('role')}
      </label>
      {kind.kind === 'unit' && (
        <label>
          <span>{t('admin.form.unit')}</span>
          <select name="unitId" value={form.unitId ?? ''} onChange={(e) => set({ unitId: e.target.value || null })}>
            <option value="">{t('admin.form.unitPick')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.label}
              </option>
            ))}
          </select>
          {problem('unitId')}
        </label>
      )}
      {kind.kind === 'department' && (
        <label>
          <span>{t('admin.form.department')}</span>
          <select
            name="departmentId"
            value={form.departmentId ?? ''}
            onChange={(e) => set({ departmentId: e.target.value || null })}
          >
            <option value="">{t('admin.form.unitPick')}</option>
            {options.departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
          {problem('departmentId')}
        </label>
      )}
      {kind.kind === 'city' && <p className="form-hint">{t('admin.form.noScope')}</p>}
      {editing && <p className="form-hint">{t('admin.form.changeEnds')}</p>}
      {problem('form')}
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('admin.form.saving') : editing ? t('admin.form.save') : t('admin.form.create')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('admin.form.cancel')}
        </button>
      </div>
    </form>
  );
}
