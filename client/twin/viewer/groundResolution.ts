// How many metres one CSS pixel covers on the ground where the camera looks: at the centre of the
// view, or lower on the screen when the centre is sky (a view toward the horizon), else as far ahead
// as the camera is high.
import { BoundingSphere, Cartesian2, Cartesian3, type Scene } from 'cesium';

const screenScratch = new Cartesian2();
const sphereScratch = new BoundingSphere();
const aheadScratch = new Cartesian3();

export function groundResolution(scene: Scene): number {
  const { camera, canvas } = scene;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (!width || !height) return Number.NaN;
  let ground: Cartesian3 | undefined;
  for (const down of [0.5, 0.7, 0.9]) {
    ground = camera.pickEllipsoid(Cartesian2.fromElements(width / 2, height * down, screenScratch));
    if (ground) break;
  }
  sphereScratch.center =
    ground ??
    Cartesian3.add(
      camera.positionWC,
      Cartesian3.multiplyByScalar(camera.directionWC, camera.positionCartographic.height, aheadScratch),
      aheadScratch,
    );
  sphereScratch.radius = 0;
  return camera.getPixelSize(sphereScratch, scene.drawingBufferWidth, scene.drawingBufferHeight);
}
