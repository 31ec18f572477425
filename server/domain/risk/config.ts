// The risk model's configuration (风险模型配置): the weight of each factor and the parameters of its
// maths, read from config/risk.json at start and validated here, so a bad file stops the server with
// a message that names the field instead of scoring nonsense.
import { z } from 'zod';
import { RISK_FACTORS, type RiskFactor } from './factors';

const positive = z.number().positive().finite();
const nonNegative = z.number().nonnegative().finite();
const days = z.number().int().positive().max(3650);

const weights = z
  .object(Object.fromEntries(RISK_FACTORS.map((f) => [f, nonNegative])) as Record<RiskFactor, typeof nonNegative>)
  .strict()
  .refine((w) => Math.abs(Object.values(w).reduce((a, b) => a + b, 0) - 100) < 1e-9, {
    message: 'the weights must add up to 100 (the score is 0–100)',
  });

export const RiskConfigSchema = z
  .object({
    $comment: z.string().optional(),
    /** Points of the 0–100 score each factor can give; they add up to 100. */
    weights,
    cases: z.object({ halfLifeDays: days, windowDays: days }).strict(),
    openOverdue: z.object({ openWeight: nonNegative, overdueWeight: nonNegative }).strict(),
    sensorAlarms: z
      .object({
        halfLifeDays: days,
        windowDays: days,
        floodMultiplier: nonNegative,
        floodWaterLevelM: positive,
        floodRainfallMmH: positive,
      })
      .strict(),
    vulnerable: z
      .object({
        tags: z
          .object({
            'elderly-alone': nonNegative,
            disabled: nonNegative,
            'left-behind-child': nonNegative,
            'low-income': nonNegative,
          })
          .strict(),
      })
      .strict(),
    sentiment: z.object({ halfLifeDays: days, windowDays: days }).strict(),
  })
  .strict();

export type RiskConfig = z.infer<typeof RiskConfigSchema>;

/** The configuration in `json` (the file's text), or an error naming the file and each bad field. */
export function parseRiskConfig(json: string, source = 'config/risk.json'): RiskConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new Error(`${source}: not JSON (${(err as Error).message})`);
  }
  const parsed = RiskConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${source}: invalid risk configuration: ${issues}`);
  }
  return parsed.data;
}
