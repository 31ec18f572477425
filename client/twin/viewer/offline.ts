// Cesium without the network: no Ion token (so nothing asks Ion for imagery or terrain), and the start
// view set before any Viewer exists. Imagery comes from Cesium's own bundled NaturalEarthII tiles.
import { buildModuleUrl, Camera, Ion, Rectangle, TileMapServiceImageryProvider } from 'cesium';
import type { BboxDeg } from '../../api/twinApi';

let configured = false;

/** Idempotent; call before creating a Viewer. `startView` is what the camera shows first. */
export function configureCesiumOffline(startView: BboxDeg): void {
  if (configured) return;
  configured = true;
  Ion.defaultAccessToken = '';
  Camera.DEFAULT_VIEW_RECTANGLE = Rectangle.fromDegrees(...startView);
  Camera.DEFAULT_VIEW_FACTOR = 0;
}

/** The low-resolution world imagery shipped inside Cesium's Assets (levels 0–2). */
export function bundledWorldImagery(): Promise<TileMapServiceImageryProvider> {
  return TileMapServiceImageryProvider.fromUrl(buildModuleUrl('Assets/Textures/NaturalEarthII'));
}
