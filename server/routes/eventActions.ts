// The actions on a case (办理): one route, `{"action": ..., ...}`, for every transition of the workflow.
// The body is checked here, what it names (departments, units, the case to merge into, the supervisor)
// is resolved against the store, and the machine decides inside the store's transaction. A refusal
// changes nothing: 409 names the state and the action, 403 the role or the task not held, 400 the field.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type Principal, scopeOf } from '../domain/access';
import type { AuditAction } from '../domain/audit';
import { DEPARTMENT_IDS } from '../domain/departments';
import { type CaseCommand, decide } from '../domain/workflow/decide';
import { type Assignee, isOpen, type LocalLevel } from '../domain/workflow/states';
import { auditedCaller } from '../http/caller';
import type { AppEnv } from '../http/context';
import type { Deps } from '../http/deps';
import { ApiError, errorResponse, errorResponses, validationHook } from '../http/errors';
import { getAdminUnit } from '../store/adminUnits';
import { appendAudit } from '../store/audit';
import { loadCase } from '../store/cases';
import { applyCaseAction } from '../store/caseWriter';
import type { Db } from '../store/db';
import { findUserById } from '../store/users';
import { actorOf, checkPhotos, dossierOf, liveCaseOf, refusalError } from './caseDetail';
import { type CaseActionBody, CaseActionBody as CaseActionSchema, CaseDetailSchema, EventIdParam } from './caseSchemas';
import { json } from './schemas';

const act = createRoute({
  method: 'post',
  path: '/events/{id}/actions',
  tags: ['events'],
  summary: 'Take an action on a case (立案, 派遣, 签收, 退回, 延期, 上报上级, 反馈, 核查, 评价, 督办, 挂账 …)',
  request: {
    params: z.object({ id: EventIdParam }),
    body: { content: { 'application/json': { schema: CaseActionSchema } }, required: true },
  },
  responses: {
    200: json(CaseDetailSchema, 'The case after the action'),
    400: errorResponse('Invalid body, or a field naming something that does not fit (invalid_command, with the field)'),
    403: errorResponse(
      'forbidden: your role may not take this action; not_task_holder: you hold no task (or place) it needs',
    ),
    404: errorResponse('No such case in your scope'),
    409: errorResponse(
      'illegal_transition: the action is not allowed in the case’s state (named in the message); co_handlers_open',
    ),
    500: errorResponses[500],
  },
});

/** Actions written to the audit log as well as the timeline. */
const AUDITED: Partial<Record<CaseActionBody['action'], AuditAction>> = {
  reject: 'case-reject',
  merge: 'case-merge',
  shelve: 'case-shelve',
  unshelve: 'case-unshelve',
  supervise: 'case-supervise',
};

const LOCAL_LEVELS: readonly string[] = ['grid', 'community', 'village', 'subdistrict', 'town'];

/** A department id or a local unit id as the machine's assignee; 400 naming `field` when it is neither. */
async function assigneeOf(db: Db, id: string, field: string): Promise<Assignee> {
  if (/^D\d{2}$/.test(id)) {
    if (DEPARTMENT_IDS.includes(id)) return { kind: 'department', id };
    throw invalid(field, `no department ${id}`);
  }
  const unit = await getAdminUnit(db, id);
  if (!unit || !LOCAL_LEVELS.includes(unit.level))
    throw invalid(field, `no grid, community, village, subdistrict or town ${id}`);
  return { kind: 'unit', id, level: unit.level as LocalLevel };
}

const invalid = (field: string, message: string) =>
  new ApiError(400, 'invalid_command', `${field}: ${message}.`, [{ field, message }]);

/** The body as the machine's command, with what it names resolved against the store. */
async function commandOf(db: Db, id: string, body: CaseActionBody, principal: Principal): Promise<CaseCommand> {
  switch (body.action) {
    case 'dispatch':
      return {
        ...body,
        lead: { ...body.lead, assignee: await assigneeOf(db, body.lead.assignee, 'lead.assignee') },
        co: await Promise.all(
          (body.co ?? []).map(async (a, i) => ({
            ...a,
            assignee: await assigneeOf(db, a.assignee, `co.${i}.assignee`),
          })),
        ),
      };
    case 'escalate': {
      // One level up from the actor's own unit: grid → community/village → subdistrict/town → the centre.
      const unit = principal.unitId ? await getAdminUnit(db, principal.unitId) : undefined;
      const parent = unit?.parentId ? await getAdminUnit(db, unit.parentId) : undefined;
      const to: Assignee | 'centre' =
        parent && LOCAL_LEVELS.includes(parent.level)
          ? { kind: 'unit', id: parent.id, level: parent.level as LocalLevel }
          : 'centre';
      return { ...body, to };
    }
    case 'merge': {
      const target = await loadCase(db, { kind: 'city' }, body.into);
      if (!target || body.into === id) throw invalid('into', `no other case ${body.into}`);
      if (!isOpen(target.state.status)) throw invalid('into', `case ${body.into} is not open (${target.state.status})`);
      return body;
    }
    case 'shelve':
      if (!(await findUserById(db, body.supervisor))) throw invalid('supervisor', `no user ${body.supervisor}`);
      return body;
    default:
      return body;
  }
}

export function eventActionRoutes({ db, now, ingest, photos }: Deps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(act, async (c) => {
    const principal = c.get('principal')!;
    const scope = scopeOf(principal);
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const photoIds = checkPhotos(photos?.dir, 'photos' in body ? body.photos : undefined);
    const cmd = await commandOf(db, id, body, principal);
    const at = now();
    const actor = actorOf(principal);
    const outcome = await applyCaseAction(db, { id, scope, by: principal, now: at, photos: photoIds }, (state) =>
      decide(state, cmd, actor, at),
    );
    if (!outcome.ok) {
      if (outcome.kind === 'not_found') throw new ApiError(404, 'not_found', 'No such event in your scope.');
      throw refusalError(outcome);
    }
    const audited = AUDITED[body.action];
    if (audited) {
      await appendAudit(db, {
        ...auditedCaller(c, at),
        action: audited,
        targetType: 'event',
        targetId: id,
        reason: outcome.step.note || null,
      });
    }
    // The case is in the actor's scope (checked with the decision), and stays so: a unit's cases keep
    // their grid, a department reads every case it took part in. The live route scopes each listener.
    const detail = dossierOf(outcome.record, outcome.case, principal);
    ingest?.live.publish('event', liveCaseOf(detail, body.action));
    return c.json(detail, 200);
  });
}
