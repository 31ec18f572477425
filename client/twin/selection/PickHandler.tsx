// Clicks on the globe → what was hit, as a PickRef (or null for empty ground); see pickRef.ts.

import { type Cartesian2, Cesium3DTileFeature, ScreenSpaceEventHandler, ScreenSpaceEventType } from 'cesium';
import { useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import type { PickRef } from '../points/points.model';
import { pickRefOf } from './pickRef';

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
