// The credit rules catalogue (信用积分规则目录): what a resident's record may be for, its points, its caps
// per month and year, the evidence it needs, how long a negative record counts before it fades and how it
// may be repaired, and the level bands of a balance. Configuration, not code: read from
// config/credit-rules.json at start (server/config.ts) and validated here, so a bad file stops the
// server with a message naming the field. A record freezes the rule's version, name, points and fading
// when it is proposed (record.ts): editing the catalogue never rewrites a past record.
import { z } from 'zod';

const Name = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
const CODE = /^[a-z][a-z0-9-]{1,39}$/;

export const CreditItemSchema = z
  .object({
    code: z.string().regex(CODE, 'a lower-case code such as volunteer-service'),
    name: Name,
    kind: z.enum(['positive', 'negative']),
    /** Points of one record, as a magnitude: a negative item's records take them off the balance. */
    points: z.number().int().min(1).max(100),
    /** The most points one resident may have under this item in a calendar month and year (by occurredOn). */
    capMonth: z.number().int().min(1).max(1000),
    capYear: z.number().int().min(1).max(10_000),
    /** What a proposal must bring (a sign-in sheet, the case number, the department's decision). */
    evidence: Name,
    /** The department that confirms the facts of a negative item (违法违规由主管部门认定), by id (D02). */
    department: z
      .string()
      .regex(/^D\d{2}$/)
      .optional(),
    /** Taxonomy items (010202) whose closed cases may stand behind a record of this item (the history ties negatives to them). */
    caseItems: z.array(z.string().regex(/^\d{6}$/)).optional(),
    /** A closed case the resident reported proposes a record of this item on its own (still confirmed by a person). */
    fromClosedCase: z.boolean().optional(),
    /** A negative record stops counting this many months after it took effect (失信记录有效期). */
    fadeMonths: z.number().int().min(1).max(120).optional(),
    /** Credit repair (信用修复): after so many months in effect, or once the resident earned so many positive points since. */
    repair: z
      .object({
        afterMonths: z.number().int().min(1).max(120).optional(),
        positivePoints: z.number().int().min(1).max(1000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((i) => i.capMonth >= i.points && i.capYear >= i.capMonth, {
    message: 'caps must allow one record (capMonth ≥ points) and the year at least a month (capYear ≥ capMonth)',
  })
  .refine((i) => i.kind === 'negative' || (i.fadeMonths === undefined && i.repair === undefined), {
    message: 'fadeMonths and repair are for negative items only',
  });

export const CreditRulesSchema = z
  .object({
    $comment: z.string().optional(),
    /** Moves whenever an item changes; each record keeps the version it was proposed under. */
    version: z.number().int().min(1),
    /** Days a confirmed record is published (公示) before it counts. */
    publicationDays: z.number().int().min(1).max(60),
    /** Every resident's balance before any record (基础分). */
    basePoints: z.number().int().min(0).max(10_000),
    /** Level bands, highest first: a balance takes the first band whose `min` it reaches; the last band's min is the floor. */
    levels: z
      .array(z.object({ code: z.string().regex(/^[A-Z]{1,3}$/), name: Name, min: z.number().int() }).strict())
      .min(1),
    items: z.array(CreditItemSchema).min(1),
  })
  .strict()
  .refine((r) => r.levels.every((l, i) => i === 0 || l.min < r.levels[i - 1]!.min), {
    message: 'levels must be listed highest first, each min below the one before',
    path: ['levels'],
  })
  .refine((r) => new Set(r.items.map((i) => i.code)).size === r.items.length, {
    message: 'item codes must be unique',
    path: ['items'],
  })
  .refine((r) => r.items.filter((i) => i.fromClosedCase).length <= 1, {
    message: 'at most one item is proposed from closed cases',
    path: ['items'],
  });

export type CreditRules = z.infer<typeof CreditRulesSchema>;
export type CreditItem = z.infer<typeof CreditItemSchema>;
export type LocalName = z.infer<typeof Name>;

/** The catalogue in `json` (the file's text), or an error naming the file and each bad field. */
export function parseCreditRules(json: string, source = 'config/credit-rules.json'): CreditRules {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new Error(`${source}: not JSON (${(err as Error).message})`);
  }
  const parsed = CreditRulesSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${source}: invalid credit rules: ${issues}`);
  }
  return parsed.data;
}

export const itemOf = (rules: CreditRules, code: string): CreditItem | undefined =>
  rules.items.find((i) => i.code === code);

/** The level a balance reaches (the last band catches everything below). */
export function levelOf(rules: CreditRules, balance: number): CreditRules['levels'][number] {
  return rules.levels.find((l) => balance >= l.min) ?? rules.levels[rules.levels.length - 1]!;
}
