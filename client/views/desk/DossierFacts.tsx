// What the case is about and where it stands: item, source, place, times, who answers and must act.
import { staffAccountOf } from '@domain/staffAccounts';
import { itemPath } from '@domain/taxonomy';
import type { CaseDossier } from '../../api/casesApi';
import { locales, type MessageKey, useI18n } from '../../i18n';
import { holderName, shortTime } from '../../ui/caseFormat';

export function DossierFacts({ dossier: d, names }: { dossier: CaseDossier; names: ReadonlyMap<string, string> }) {
  const { t, lang } = useI18n();
  const locale = locales[lang];
  const who = (id: string) => holderName(id, names, lang, t('desk.holderCentre'));
  // A supervisor (督办) is a staff account: named by its own steps on the case, else by whom it speaks for.
  const staff = (id: string) => {
    const acted = d.steps.find((s) => s.actor === id && s.actorName)?.actorName;
    if (acted) return acted;
    const of = staffAccountOf(id);
    if (!of) return id;
    if ('office' in of) return of.office;
    return who('unitId' in of ? of.unitId : of.departmentId);
  };
  const rows: Array<[MessageKey, string]> = [
    ['desk.fact.item', safePath(d.itemCode, lang)],
    ['desk.fact.source', t(`desk.source.${d.source}` as MessageKey)],
    ['desk.fact.grid', names.get(d.gridId) ?? d.gridId],
    ['desk.fact.reported', shortTime(d.reportedAt, locale)],
    ['desk.fact.deadline', shortTime(d.deadlineAt, locale)],
  ];
  if (d.dueAt) rows.push(['desk.fact.due', shortTime(d.dueAt, locale)]);
  rows.push(['desk.fact.department', who(d.departmentId)]);
  if (d.holders.length) rows.push(['desk.fact.holders', d.holders.map(who).join('、')]);
  if (d.supervisedBy) rows.push(['desk.fact.supervisedBy', staff(d.supervisedBy)]);
  if (d.longTerm)
    rows.push([
      'desk.fact.longTerm',
      t('desk.fact.longTermValue', {
        ...d.longTerm,
        supervisor: staff(d.longTerm.supervisor),
        since: shortTime(d.longTerm.since, locale),
      }),
    ]);
  if (d.rejectedReason) rows.push(['desk.fact.rejected', d.rejectedReason]);
  if (d.mergedInto) rows.push(['desk.fact.merged', d.mergedInto]);
  if (d.evaluation?.satisfaction)
    rows.push([
      'desk.fact.evaluation',
      `${t(`desk.satisfaction.${d.evaluation.satisfaction}`)}${d.evaluation.ratedBy ? ` · ${t(`desk.rater.${d.evaluation.ratedBy}`)}` : ''}`,
    ]);
  const c = d.counts;
  if (c.returns + c.reworks + c.escalations + c.extensions > 0)
    rows.push(['desk.fact.countsLabel', t('desk.fact.counts', { ...c })]);
  return (
    <div className="dossier-facts">
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="dossier-description">{d.description}</p>
    </div>
  );
}

function safePath(code: string, lang: 'zh' | 'en'): string {
  try {
    return itemPath(code, lang);
  } catch {
    return code;
  }
}
