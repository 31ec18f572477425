// The device contract as device makers read it (docs/asyncapi.yaml), checked by the standard's own
// parser (@asyncapi/parser), and held to what the server enforces (server/ingest/payloads.ts): the
// same fields, required the same way, with the same ranges, and every example in the document
// accepted by the server's parser.
import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseStatus, parseTelemetry, STATUS_SCHEMA, TELEMETRY_SCHEMAS } from '../server/ingest/payloads';
import { LiveCaseSchema } from '../server/routes/caseSchemas';

type JsonSchema = {
  type?: string;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  additionalProperties?: boolean;
};
type Doc = NonNullable<Awaited<ReturnType<Parser['parse']>>['document']>;

const MESSAGES = {
  manholeReading: { schema: TELEMETRY_SCHEMAS.manhole, kind: 'manhole', device: 'MH-0001' },
  rainGaugeReading: { schema: TELEMETRY_SCHEMAS['rain-gauge'], kind: 'rain-gauge', device: 'RG-01' },
  riverGaugeReading: { schema: TELEMETRY_SCHEMAS['river-gauge'], kind: 'river-gauge', device: 'RL-01' },
  status: { schema: STATUS_SCHEMA, kind: null, device: 'MH-0001' },
} as const;

let document: Doc;
let diagnostics: Awaited<ReturnType<Parser['parse']>>['diagnostics'];

beforeAll(async () => {
  const parsed = await new Parser().parse(readFileSync('docs/asyncapi.yaml', 'utf8'));
  diagnostics = parsed.diagnostics;
  document = parsed.document!;
}, 60_000);

/** A bound worth stating: zod writes an integer's safe-integer range, which says nothing. */
const bound = (n: number | undefined) => (n === undefined || Math.abs(n) >= Number.MAX_SAFE_INTEGER ? undefined : n);

/** What a payload schema says of each field: its JSON type, range, whether required. */
function fieldsOf(schema: JsonSchema) {
  const required = new Set(schema.required ?? []);
  return Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, p]) => [
      name,
      {
        type: p.type === 'integer' ? 'integer' : p.type,
        minimum: bound(p.minimum),
        maximum: bound(p.maximum),
        enum: p.enum,
        required: required.has(name),
      },
    ]),
  );
}

describe('docs/asyncapi.yaml', () => {
  it('is a valid AsyncAPI document: no error or warning from the standard’s parser', () => {
    expect(document).toBeDefined();
    // Spectral severities: 0 error, 1 warning, 2 information, 3 hint.
    const problems = diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code}: ${d.message}`);
    expect(problems).toEqual([]);
  });

  it('documents every message the server reads, and the live stream’s case message', () => {
    expect(
      document
        .allMessages()
        .all()
        .map((m) => m.id())
        .sort(),
    ).toEqual([...Object.keys(MESSAGES), 'caseEvent'].sort());
  });

  it('caseEvent: the same fields as the server sends (LiveCaseSchema), and its examples fit', () => {
    const message = document.allMessages().get('caseEvent')!;
    const documented = message.payload()!.json() as JsonSchema;
    expect(fieldsOf(documented)).toEqual(fieldsOf(z.toJSONSchema(LiveCaseSchema) as JsonSchema));
    expect(documented.additionalProperties).toBe(false);
    expect(message.name()).toBe('event'); // the SSE event name the pages listen for
    for (const example of message.examples().all())
      expect(LiveCaseSchema.safeParse(example.payload()).success, JSON.stringify(example.payload())).toBe(true);
  });

  it.each(Object.entries(MESSAGES))('%s: the same fields, ranges and rules as the server', (id, { schema }) => {
    const documented = document.allMessages().get(id)!.payload()!.json() as JsonSchema;
    const enforced = z.toJSONSchema(schema) as JsonSchema;
    expect(fieldsOf(documented)).toEqual(fieldsOf(enforced));
    expect(documented.additionalProperties).toBe(false); // unknown fields are refused, as the server does
  });

  it.each(Object.entries(MESSAGES))('%s: every example is accepted by the server', (id, { kind, device }) => {
    const examples = document.allMessages().get(id)!.examples().all();
    for (const example of examples) {
      const payload = example.payload() as Record<string, unknown>;
      const now = typeof payload.ts === 'number' ? payload.ts : Date.now();
      const bytes = new TextEncoder().encode(JSON.stringify(payload));
      const parsed = kind ? parseTelemetry(device, kind, bytes, now) : parseStatus(device, bytes, now);
      expect(parsed, `${id} example ${JSON.stringify(payload)}`).toMatchObject({ ok: true });
    }
  });
});
