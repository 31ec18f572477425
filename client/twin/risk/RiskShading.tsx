// The risk map as a resium child: fills `patches` into the scene, shows or hides them, and removes
// everything it added on unmount or when the patches change.
import { useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import { createRiskLayer, type RiskLayer } from './risk.layer';
import type { RiskPatch } from './risk.model';

export function RiskShading({ patches, visible }: { patches: readonly RiskPatch[] | null; visible: boolean }) {
  const { scene } = useCesium();
  const layerRef = useRef<RiskLayer | null>(null);
  const visibleRef = useRef(visible);
  visibleRef.current = visible;

  useEffect(() => {
    if (!scene || !patches) return;
    const layer = createRiskLayer(scene, patches);
    layer.setVisible(visibleRef.current);
    layerRef.current = layer;
    return () => {
      layerRef.current = null;
      if (!scene.isDestroyed()) layer.destroy();
    };
  }, [scene, patches]);

  useEffect(() => layerRef.current?.setVisible(visible), [visible]);

  return null;
}
