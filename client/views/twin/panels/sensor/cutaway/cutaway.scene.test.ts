// The cutaway scene on real three.js objects with a stand-in renderer (Node has no WebGL): values
// move and recolour the meshes built once, a frame is drawn only when the picture changes, and
// destroy disposes every geometry and material the scene made, and the renderer.

import {
  type BufferGeometry,
  type Group,
  Line,
  type Material,
  Mesh,
  type MeshBasicMaterial,
  type MeshLambertMaterial,
  type Object3D,
} from 'three';
import { describe, expect, it } from 'vitest';
import { cutawayView, HAZE_AT_ALARM, WELL } from './cutaway.model';
import { type CutawayRenderer, createCutaway, type LabelAnchors } from './cutaway.scene';

function stage() {
  const calls = { render: 0, dispose: 0, sizes: [] as [number, number][] };
  const renderer: CutawayRenderer = {
    render: () => void calls.render++,
    setSize: (w, h) => void calls.sizes.push([w, h]),
    dispose: () => void calls.dispose++,
  };
  // Frames are drawn when the test says, like requestAnimationFrame would later.
  const queued: (() => void)[] = [];
  let anchors: LabelAnchors | null = null;
  const cutaway = createCutaway(renderer, {
    width: 320,
    height: 240,
    requestFrame: (draw) => queued.push(draw),
    cancelFrame: (h) => {
      queued[h - 1] = () => undefined;
    },
    onRender: (_, a) => {
      anchors = a;
    },
  });
  const flush = () => {
    for (const draw of queued.splice(0)) draw();
  };
  return { calls, cutaway, flush, anchors: () => anchors };
}

function parts(root: Object3D) {
  const geometries = new Set<BufferGeometry>();
  const materials = new Set<Material>();
  root.traverse((o) => {
    if (!(o instanceof Mesh || o instanceof Line)) return;
    geometries.add(o.geometry);
    for (const m of Array.isArray(o.material) ? o.material : [o.material]) materials.add(m);
  });
  return { geometries, materials };
}

const named = <T extends Object3D>(root: Object3D, name: string) => root.getObjectByName(name) as T;
const calm = { waterLevelM: 0.3, coverOpen: false, coverTiltDeg: 0.5, ch4Lel: 0, h2sPpm: 0 };

describe('createCutaway', () => {
  it('follows the values in place, draws on demand, and disposes everything it made', () => {
    const { calls, cutaway, flush, anchors } = stage();
    const before = parts(cutaway.scene);
    expect(before.geometries.size).toBeGreaterThanOrEqual(6);
    expect(calls.render).toBe(0); // nothing drawn until there is something to show

    cutaway.update(cutawayView(calm));
    cutaway.update(cutawayView({ ...calm })); // the same picture: no second frame asked for
    flush();
    expect(calls.render).toBe(1);
    const water = named<Mesh>(cutaway.scene, 'water');
    expect(water.scale.y).toBeCloseTo(0.3);
    expect(water.position.y).toBeCloseTo(-WELL.depthM + 0.3);
    expect(named<Mesh>(cutaway.scene, 'haze').visible).toBe(false);
    expect(anchors()!.water.y).toBeGreaterThan(0);

    // Rising water, a tilted cover, gas: the same meshes, moved and recoloured.
    cutaway.update(cutawayView({ ...calm, waterLevelM: 2.4, coverTiltDeg: 30, ch4Lel: 25 }));
    flush();
    expect(calls.render).toBe(2);
    expect(water.scale.y).toBeCloseTo(2.4);
    const haze = named<Mesh>(cutaway.scene, 'haze');
    expect(haze.visible).toBe(true);
    expect((haze.material as MeshBasicMaterial).opacity).toBeCloseTo(HAZE_AT_ALARM);
    expect(haze.scale.y).toBeCloseTo(WELL.depthM - 2.4);
    const hinge = named<Group>(cutaway.scene, 'cover-hinge');
    expect(hinge.rotation.z).toBeCloseTo(Math.PI / 6);
    expect(anchors()!.water.y).toBeLessThan(240); // still on the canvas

    // The cover taken off: it lies beside the opening.
    cutaway.update(cutawayView({ ...calm, coverOpen: true }));
    flush();
    expect(hinge.rotation.z).toBe(0);
    expect(hinge.position.x).toBeLessThan(-WELL.coverRadiusM * 2);
    expect(((hinge.children[0] as Mesh).material as MeshLambertMaterial).color.getHexString()).toBe('ff3b3b');

    const after = parts(cutaway.scene);
    expect([...after.geometries]).toEqual([...before.geometries]);
    expect([...after.materials]).toEqual([...before.materials]);

    cutaway.resize(640, 480);
    cutaway.resize(640, 480);
    flush();
    expect(calls.sizes).toEqual([
      [320, 240],
      [640, 480],
    ]);
    expect(calls.render).toBe(4);

    const disposed = new Set<unknown>();
    for (const x of [...before.geometries, ...before.materials]) x.addEventListener('dispose', () => disposed.add(x));
    cutaway.update(cutawayView({ ...calm, waterLevelM: 1 })); // a frame asked for, then destroyed before it runs
    cutaway.destroy();
    flush();
    expect(disposed.size).toBe(before.geometries.size + before.materials.size);
    expect(calls.dispose).toBe(1);
    expect(calls.render).toBe(4);
    expect(cutaway.scene.children).toHaveLength(0);

    cutaway.destroy(); // twice is harmless
    cutaway.update(cutawayView(calm)); // and updates after it are ignored
    flush();
    expect([calls.dispose, calls.render]).toEqual([1, 4]);
  });
});
