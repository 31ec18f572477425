// The offline 3D globe every page's twin sits in: resium Viewer without Ion, geocoder or any of the
// stock widgets, drawing only when something changes (requestRenderMode), the bundled world imagery
// dimmed and the sky darkened for a dark room. Layers are its children and reach the scene through
// resium's context.
import 'cesium/Build/Cesium/Widgets/widgets.css'; // with the viewer, so pages without one never load Cesium

import { Cartesian3, Color, type Scene } from 'cesium';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { ImageryLayer, useCesium, Viewer } from 'resium';
import type { BboxDeg } from '../../api/twinApi';
import { GroundLayers } from '../ground/GroundLayers';
import { loadGround } from './ground';
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
  // The layers are built once the ground's heights are known, so each stands on it (client/twin/viewer/ground.ts).
  const [groundLoaded, setGroundLoaded] = useState(false);
  useEffect(() => {
    void loadGround().then(() => setGroundLoaded(true));
  }, []);
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
      skyBox={false}
      requestRenderMode
      maximumRenderTimeChange={Infinity}
    >
      <ImageryLayer imageryProvider={imagery} brightness={0.5} saturation={0.15} contrast={1.15} />
      <DarkScene />
      {groundLoaded && <GroundLayers />}
      {groundLoaded && children}
    </Viewer>
  );
}

/** Scene settings that have no Viewer prop. */
function DarkScene() {
  const { scene } = useCesium();
  useEffect(() => {
    if (!scene) return;
    scene.globe.baseColor = darkGlobe;
    scene.backgroundColor = roomBackground;
    scene.globe.showGroundAtmosphere = true;
    nightSky(scene);
    scene.requestRender();
  }, [scene]);
  return null;
}

/** The page's background (styles.css --bg): what shows beyond the atmosphere. */
const roomBackground = Color.fromCssColorString('#050a14');

/**
 * A dusk sky for a dark room instead of Cesium's daylight: the sky atmosphere lit far less (a deep
 * navy overhead), with less haze (Mie) and half the blue scattering (Rayleigh), so the horizon glows
 * a dim slate blue instead of white or olive; the ground atmosphere and fog alike, so distant ground
 * still fades into a faint haze and depth stays readable. No sun or moon (and no stars: the Viewer has
 * no sky box).
 */
export function nightSky(scene: Scene): void {
  const lessHaze = () => new Cartesian3(2.1e-6, 2.1e-6, 2.1e-6); // Cesium's default is 21e-6
  const sky = scene.skyAtmosphere;
  if (sky) {
    sky.atmosphereLightIntensity = 6; // default 50
    sky.atmosphereMieCoefficient = lessHaze();
    sky.atmosphereRayleighCoefficient = new Cartesian3(2.75e-6, 6.5e-6, 14.2e-6); // half the default
    sky.brightnessShift = -0.2;
  }
  const globe = scene.globe;
  globe.atmosphereLightIntensity = 5; // default 10
  globe.atmosphereMieCoefficient = lessHaze();
  globe.atmosphereBrightnessShift = -0.2;
  // The same for the fog over the city model's buildings.
  scene.atmosphere.lightIntensity = 5;
  scene.atmosphere.mieCoefficient = lessHaze();
  scene.atmosphere.brightnessShift = -0.2;
  if (scene.sun) scene.sun.show = false;
  if (scene.moon) scene.moon.show = false;
}
