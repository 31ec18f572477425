// Clicks on the globe → what was hit, as a PickRef (or null for empty ground). Point layers set
// `{ kind, id }` as their primitives' id; grid outlines and labels set the unit id (a string).
import { useEffect, useRef } from 'react';
import { Cesium3DTileFeature, ScreenSpaceEventHandler, ScreenSpaceEventType, type Cartesian2 } from 'cesium';
import { useCesium } from 'resium';
import type { PickRef } from '../points/points.model';

export function pickRefOf(picked: unknown): PickRef | null {
  const id = (picked as { id?: unknown } | undefined)?.id;
  if (typeof id === 'string' && id) return { kind: 'unit', id };
  if (id && typeof id === 'object' && typeof (id as PickRef).kind === 'string' && typeof (id as PickRef).id === 'string') return id as PickRef;
  return null;
}

export function PickHandler({ onPick }: { onPick(ref: PickRef | null): void }) {
  const { scene } = useCesium();
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  useEffect(() => {
    if (!scene) return;
    const handler = new ScreenSpaceEventHandler(scene.canvas);
    handler.setInputAction((click: { position: Cartesian2 }) => {
      const picked: unknown = scene.pick(click.position, 12, 12);
      // A building of the city model: the buildings layer answers that click itself.
      if (picked instanceof Cesium3DTileFeature) return;
      onPickRef.current(pickRefOf(picked));
    }, ScreenSpaceEventType.LEFT_CLICK);
    return () => handler.destroy();
  }, [scene]);
  return null;
}
