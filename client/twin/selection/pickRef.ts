// What a picked primitive names. Point layers set `{ kind, id }` as their primitives' id; grid
// outlines and labels set the unit id (a string). Anything else (the globe, a tile) names nothing.
import type { PickRef } from '../points/points.model';

export function pickRefOf(picked: unknown): PickRef | null {
  const id = (picked as { id?: unknown } | undefined)?.id;
  if (typeof id === 'string' && id) return { kind: 'unit', id };
  if (
    id &&
    typeof id === 'object' &&
    typeof (id as PickRef).kind === 'string' &&
    typeof (id as PickRef).id === 'string'
  )
    return id as PickRef;
  return null;
}
