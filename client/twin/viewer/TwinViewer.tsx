// The offline 3D globe every page's twin sits in: resium Viewer without Ion, geocoder or any of the
// stock widgets, drawing only when something changes (requestRenderMode), the bundled world imagery
// dimmed for a dark room. Layers are its children and reach the scene through resium's context.
import { useEffect, useMemo, type ReactNode } from 'react';
import { Color } from 'cesium';
import { ImageryLayer, Viewer, useCesium } from 'resium';
import type { BboxDeg } from '../../api';
import { bundledWorldImagery, configureCesiumOffline } from './offline';

/** Anhui and its neighbours: where the camera starts before a page flies somewhere. */
const startView: BboxDeg = [112, 27, 122, 35];

const darkGlobe = Color.fromCssColorString('#0b1526');

export interface TwinViewerProps {
  children?: ReactNode;
  className?: string;
}

export function TwinViewer({ children, className }: TwinViewerProps) {
  configureCesiumOffline(startView);
  const imagery = useMemo(() => bundledWorldImagery(), []);
  return (
    <Viewer
      full
      className={className}
      baseLayer={false}
      geocoder={false}
      baseLayerPicker={false}
      timeline={false}
      animation={false}
      navigationHelpButton={false}
      homeButton={false}
      sceneModePicker={false}
      fullscreenButton={false}
      infoBox={false}
      selectionIndicator={false}
      requestRenderMode
      maximumRenderTimeChange={Infinity}
    >
      <ImageryLayer imageryProvider={imagery} brightness={0.5} saturation={0.15} contrast={1.15} />
      <DarkScene />
      {children}
    </Viewer>
  );
}

/** Scene settings that have no Viewer prop. */
function DarkScene() {
  const { scene } = useCesium();
  useEffect(() => {
    if (!scene) return;
    scene.globe.baseColor = darkGlobe;
    scene.backgroundColor = Color.BLACK;
    scene.globe.showGroundAtmosphere = true;
    scene.requestRender();
  }, [scene]);
  return null;
}
