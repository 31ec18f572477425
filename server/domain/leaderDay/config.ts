// The leader day's configuration (调度日配置): which agenda rules run and what each weighs, the caps,
// and the factor by which a leader-supervised case's late deductions weigh in the assessment. Read
// from config/leader-day.json at start and validated here, so a bad file stops the server with a
// message that names the field.
import { z } from 'zod';

const weight = z.number().nonnegative().finite();
const rule = <T extends z.ZodRawShape>(extra: T) => z.object({ enabled: z.boolean(), weight, ...extra }).strict();

export const LeaderDayConfigSchema = z
  .object({
    $comment: z.string().optional(),
    rules: z
      .object({
        multiDepartment: rule({}),
        overdue: rule({}),
        passedBack: rule({ minReturns: z.number().int().min(1).max(50) }),
        escalated: rule({}),
        longStuck: rule({ days: z.number().int().min(1).max(3650) }),
        highRisk: rule({ topGrids: z.number().int().min(1).max(500) }),
        followUp: rule({}),
      })
      .strict(),
    /** Points a candidate gains per 30 days open, up to agePointsCap (older cases first among equals). */
    agePointsPerMonth: weight,
    agePointsCap: weight,
    /** The most candidates proposed, and the most cases an agenda may hold (a session handles 5–15). */
    maxCandidates: z.number().int().min(1).max(100),
    maxAgenda: z.number().int().min(1).max(50),
    followUp: z
      .object({
        /** A deduction on a case a leader day supervised, for a limit missed after the instruction, counts this many times. */
        deductionFactor: z.number().min(1).max(10),
      })
      .strict(),
  })
  .strict();

export type LeaderDayConfig = z.infer<typeof LeaderDayConfigSchema>;

/** The configuration in `json` (the file's text), or an error naming the file and each bad field. */
export function parseLeaderDayConfig(json: string, source = 'config/leader-day.json'): LeaderDayConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new Error(`${source}: not JSON (${(err as Error).message})`);
  }
  const parsed = LeaderDayConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${source}: invalid leader-day configuration: ${issues}`);
  }
  return parsed.data;
}
