// The manhole cutaway's three.js scene: a section through the well (soil and road, the shaft's
// concrete wall, water, gas haze, the cover on its hinge, the water alarm line). Built once; `update`
// moves and recolours the same meshes (no geometry or material is made after construction), a frame
// is drawn only when something changed, and `destroy` disposes every geometry and material it made and
// the renderer. Units: metres; y up, the road surface at y = 0, the section face at z = 0.
import {
  AmbientLight,
  BoxGeometry,
  type BufferGeometry,
  type Camera,
  CylinderGeometry,
  DirectionalLight,
  DoubleSide,
  ExtrudeGeometry,
  Group,
  Line,
  type Material,
  Mesh,
  MeshBasicMaterial,
  MeshLambertMaterial,
  type Object3D,
  PerspectiveCamera,
  Scene,
  Shape,
  TorusGeometry,
  Vector3,
} from 'three';
import { type CutawayView, sameView, WELL } from './cutaway.model';

/** What the scene needs of a WebGLRenderer (tests pass a stand-in: Node has no WebGL). */
export interface CutawayRenderer {
  render(scene: Scene, camera: Camera): void;
  setSize(width: number, height: number, updateStyle?: boolean): void;
  dispose(): void;
}

/** Where the labels go, CSS pixels from the canvas's top left. */
export type LabelAnchors = Record<'water' | 'cover' | 'gas' | 'alarmLine', { x: number; y: number }>;

export interface CutawayOptions {
  width: number;
  height: number;
  /** Schedules a frame (requestAnimationFrame in the page). */
  requestFrame?(draw: () => void): number;
  cancelFrame?(handle: number): void;
  /** After each drawn frame: how many so far, and where the labels go now. */
  onRender?(frames: number, anchors: LabelAnchors): void;
}

export interface Cutaway {
  readonly scene: Scene;
  /** Frames drawn so far. */
  readonly frames: number;
  update(view: CutawayView): void;
  /** Draws the same picture again (after the context was restored). */
  redraw(): void;
  resize(width: number, height: number): void;
  destroy(): void;
}

/** Half of the shaft's plan behind the section face (z ≤ 0): shapes are drawn in x/z and extruded down. */
const halfDisc = (r: number) => {
  const s = new Shape().moveTo(-r, 0);
  s.absarc(0, 0, r, Math.PI, 2 * Math.PI, false);
  return s;
};
const halfRing = (inner: number, outer: number) => {
  const s = new Shape().moveTo(-outer, 0);
  s.absarc(0, 0, outer, Math.PI, 2 * Math.PI, false);
  s.lineTo(inner, 0);
  s.absarc(0, 0, inner, 2 * Math.PI, Math.PI, true);
  return s;
};
/** Ground of half-width `w` and depth `d` behind the face, with the shaft's half-circle cut out. */
const groundCut = (w: number, d: number, r: number) => {
  const s = new Shape().moveTo(-w, 0).lineTo(-r, 0);
  s.absarc(0, 0, r, Math.PI, 2 * Math.PI, false);
  s.lineTo(w, 0).lineTo(w, -d).lineTo(-w, -d);
  s.closePath();
  return s;
};
/** A plan shape extruded from y = 0 down to y = -depthM (shape y becomes world z). */
const extrudeDown = (shape: Shape, depthM: number) =>
  new ExtrudeGeometry(shape, { depth: depthM, bevelEnabled: false, curveSegments: 32 }).rotateX(Math.PI / 2);

const GROUND_HALF_WIDTH_M = 1.25;
const GROUND_BACK_M = 1.1;
const BED_M = 0.4;
const OPEN_COVER_AT: [number, number] = [-0.8, -0.65]; // beside the opening, on the road behind the section

const scratch = new Vector3();

export function createCutaway(renderer: CutawayRenderer, options: CutawayOptions): Cutaway {
  const requestFrame = options.requestFrame ?? ((draw) => requestAnimationFrame(draw));
  const cancelFrame = options.cancelFrame ?? ((h) => cancelAnimationFrame(h));
  const inner = WELL.shaftRadiusM;
  const outer = inner + WELL.wallM;
  const depth = WELL.depthM;

  const scene = new Scene();
  const camera = new PerspectiveCamera(30, options.width / Math.max(1, options.height), 0.1, 60);
  camera.position.set(1.7, 1.1, 6.6);
  camera.lookAt(0, -1.35, -0.35);

  scene.add(new AmbientLight(0xffffff, 1.6));
  const sun = new DirectionalLight(0xffffff, 2.2);
  sun.position.set(3, 6, 5);
  scene.add(sun);

  const road = new MeshLambertMaterial({ color: '#3a3f48' });
  const soil = new MeshLambertMaterial({ color: '#6b5138' });
  const concrete = new MeshLambertMaterial({ color: '#a9a59c', side: DoubleSide });
  const ground = new Mesh(extrudeDown(groundCut(GROUND_HALF_WIDTH_M, GROUND_BACK_M, outer), depth), [road, soil]);
  const bed = new Mesh(new BoxGeometry(GROUND_HALF_WIDTH_M * 2, BED_M, GROUND_BACK_M), soil);
  bed.position.set(0, -depth - BED_M / 2, -GROUND_BACK_M / 2);
  const wall = new Mesh(extrudeDown(halfRing(inner, outer), depth), concrete);

  // Water and haze are unit-high prisms, stretched in place to the live level.
  const waterMaterial = new MeshLambertMaterial({ color: '#2b7fd0', transparent: true, opacity: 0.8 });
  const water = new Mesh(extrudeDown(halfDisc(inner - 0.004), 1), waterMaterial);
  water.name = 'water';
  const hazeMaterial = new MeshBasicMaterial({
    color: '#ffd54a',
    transparent: true,
    opacity: 0,
    depthWrite: false,
    side: DoubleSide,
  });
  const haze = new Mesh(extrudeDown(halfDisc(inner - 0.008), 1), hazeMaterial);
  haze.name = 'haze';
  haze.renderOrder = 1;

  // The water alarm level: a thin red band around the back half of the wall (a GL line is 1 px).
  const alarmLine = new Mesh(
    new TorusGeometry(inner - 0.02, 0.024, 6, 40, Math.PI).rotateX(-Math.PI / 2),
    new MeshBasicMaterial({ color: '#ff3b3b', depthTest: false }),
  );
  alarmLine.name = 'alarm-line';
  alarmLine.renderOrder = 2; // seen through the water and the haze

  const coverMaterial = new MeshLambertMaterial({ color: '#8d99ab' });
  const cover = new Mesh(
    new CylinderGeometry(WELL.coverRadiusM, WELL.coverRadiusM, WELL.coverThicknessM, 48),
    coverMaterial,
  );
  cover.position.set(WELL.coverRadiusM, 0, 0);
  // The hinge: the cover's edge towards -x, at the road surface.
  const hinge = new Group();
  hinge.name = 'cover-hinge';
  hinge.add(cover);

  scene.add(ground, bed, wall, water, haze, alarmLine, hinge);

  let width = options.width;
  let height = options.height;
  let current: CutawayView | null = null;
  let pending: number | null = null;
  let frames = 0;
  let destroyed = false;
  renderer.setSize(width, height, false);

  const project = (x: number, y: number, z: number) => {
    scratch.set(x, y, z).project(camera);
    return { x: ((scratch.x + 1) / 2) * width, y: ((1 - scratch.y) / 2) * height };
  };
  const anchors = (): LabelAnchors => {
    const h = current?.water.heightM ?? 0;
    camera.updateMatrixWorld();
    cover.getWorldPosition(scratch);
    const coverAt = project(scratch.x + WELL.coverRadiusM * 0.6, scratch.y + 0.12, scratch.z);
    return {
      water: project(inner, -depth + h, 0),
      cover: coverAt,
      // the gas just under the road, left of the wall (the water's label is on the right)
      gas: project(-outer, -Math.min(0.35, (depth - h) / 2), 0),
      alarmLine: project(-outer, -depth + (current?.alarmLineM ?? 0), 0),
    };
  };
  const draw = () => {
    pending = null;
    if (destroyed) return;
    renderer.render(scene, camera);
    frames++;
    options.onRender?.(frames, anchors());
  };
  const invalidate = () => {
    if (pending === null && !destroyed) pending = requestFrame(draw);
  };

  return {
    scene,
    get frames() {
      return frames;
    },
    update(view) {
      if (destroyed || sameView(current, view)) return;
      current = view;
      const h = view.water.heightM;
      water.visible = h > 0.005;
      water.scale.y = Math.max(h, 0.001);
      water.position.y = -depth + h;
      waterMaterial.color.set(view.water.color);
      haze.visible = view.gas.opacity > 0;
      haze.scale.y = Math.max(depth - h, 0.001);
      hazeMaterial.color.set(view.gas.color);
      hazeMaterial.opacity = view.gas.opacity;
      alarmLine.position.y = -depth + view.alarmLineM;
      coverMaterial.color.set(view.cover.color);
      if (view.cover.pose === 'open') {
        hinge.position.set(OPEN_COVER_AT[0] - WELL.coverRadiusM, WELL.coverThicknessM / 2, OPEN_COVER_AT[1]);
        hinge.rotation.z = 0;
      } else {
        hinge.position.set(-WELL.coverRadiusM, WELL.coverThicknessM / 2, 0);
        hinge.rotation.z = (view.cover.angleDeg * Math.PI) / 180;
      }
      invalidate();
    },
    redraw: invalidate,
    resize(w, h) {
      if (destroyed || w < 1 || h < 1 || (w === width && h === height)) return;
      width = w;
      height = h;
      renderer.setSize(w, h, false);
      camera.aspect = w / h;
      camera.updateProjectionMatrix();
      invalidate();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      if (pending !== null) cancelFrame(pending);
      pending = null;
      const geometries = new Set<BufferGeometry>();
      const materials = new Set<Material>();
      scene.traverse((o: Object3D) => {
        if (!(o instanceof Mesh || o instanceof Line)) return;
        geometries.add(o.geometry);
        for (const m of Array.isArray(o.material) ? o.material : [o.material]) materials.add(m);
      });
      for (const g of geometries) g.dispose();
      for (const m of materials) m.dispose();
      scene.clear();
      renderer.dispose();
    },
  };
}
