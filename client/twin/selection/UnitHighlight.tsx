// The selected unit's outline, drawn bright over the grid layer (a breadcrumb or search selection).

import { Cartesian3, Color, Material, PolylineCollection } from 'cesium';
import { useEffect } from 'react';
import { useCesium } from 'resium';
import type { GridOutline } from '../grids/grids.model';
import { groundHeight } from '../viewer/ground';
import { useUiScale } from '../viewer/uiScale';

export function UnitHighlight({ outlines }: { outlines: readonly GridOutline[] }) {
  const { scene } = useCesium();
  const scale = useUiScale();
  useEffect(() => {
    if (!scene || outlines.length === 0) return;
    const lines = new PolylineCollection();
    for (const o of outlines) {
      lines.add({
        positions: Cartesian3.fromDegreesArrayHeights(
          o.ring.flatMap(([lon, lat]) => [lon, lat, 150 + groundHeight(lon, lat)]),
        ),
        width: 5 * scale,
        material: Material.fromType('Color', { color: Color.fromCssColorString('#fff275') }),
      });
    }
    scene.primitives.add(lines);
    scene.requestRender();
    return () => {
      if (scene.isDestroyed()) return;
      scene.primitives.remove(lines); // Scene.primitives destroys what it removes
      scene.requestRender();
    };
  }, [scene, outlines, scale]);
  return null;
}
