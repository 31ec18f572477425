// A tile's mesh → binary glTF 2.0 (GLB) for 3D Tiles 1.1: one node placed at the tile's centre (so the
// float32 vertex offsets stay small), one unlit triangle primitive with vertex colours, a feature id per
// vertex (EXT_mesh_features) and a property table naming each feature's building (EXT_structural_metadata).
// glTF is y-up; 3D Tiles rotates content from y-up to z-up, so ENU (e, n, u) is written as (e, u, -n).
import type { Vec3 } from './geodesy';
import type { TileMesh } from './mesh';

const GLB_MAGIC = 0x46546c67; // 'glTF'
const CHUNK_JSON = 0x4e4f534a;
const CHUNK_BIN = 0x004e4942;
const ARRAY_BUFFER = 34962;
const ELEMENT_ARRAY_BUFFER = 34963;
enum ComponentType {
  UNSIGNED_BYTE = 5121,
  UNSIGNED_SHORT = 5123,
  UNSIGNED_INT = 5125,
  FLOAT = 5126,
}

/** ENU (east, north, up) → glTF y-up. */
export function enuToGltf(p: Vec3): Vec3 {
  return [p[0], p[2], -p[1]];
}

/** glTF y-up → ENU (east, north, up). */
export function gltfToEnu(p: Vec3): Vec3 {
  return [p[0], -p[2], p[1]];
}

class BinaryBuilder {
  private parts: Uint8Array[] = [];
  private length = 0;
  readonly bufferViews: object[] = [];

  /** Adds a bufferView (8-byte aligned, as EXT_structural_metadata asks) and returns its index. */
  add(bytes: Uint8Array, target?: number): number {
    const pad = (8 - (this.length % 8)) % 8;
    if (pad) this.push(new Uint8Array(pad));
    this.bufferViews.push({
      buffer: 0,
      byteOffset: this.length,
      byteLength: bytes.byteLength,
      ...(target ? { target } : {}),
    });
    this.push(bytes);
    return this.bufferViews.length - 1;
  }

  private push(bytes: Uint8Array) {
    this.parts.push(bytes);
    this.length += bytes.byteLength;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.length + ((4 - (this.length % 4)) % 4));
    let offset = 0;
    for (const p of this.parts) {
      out.set(p, offset);
      offset += p.byteLength;
    }
    return out;
  }
}

const asBytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** The GLB bytes of `mesh`, its vertices placed relative to `centre` (ENU metres). */
export function writeGlb(mesh: TileMesh, centre: Vec3): Uint8Array {
  const n = mesh.vertexCount;
  const positions = new Float32Array(n * 3);
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    const p = enuToGltf([
      mesh.positions[i * 3]! - centre[0],
      mesh.positions[i * 3 + 1]! - centre[1],
      mesh.positions[i * 3 + 2]! - centre[2],
    ]);
    for (let k = 0; k < 3; k++) {
      const v = Math.fround(p[k]!);
      positions[i * 3 + k] = v;
      if (v < min[k]!) min[k] = v;
      if (v > max[k]!) max[k] = v;
    }
  }
  const featureCount = mesh.buildingIds.length;
  // Feature ids as float32: glTF wants every vertex attribute's elements 4-byte aligned (a tight
  // uint16 column is MESH_PRIMITIVE_ACCESSOR_UNALIGNED under the Khronos validator), and EXT_mesh_features
  // allows no uint32 attribute; a float holds every id up to 2^24 exactly, in the bytes a padded uint16 would take.
  const featureIds = Float32Array.from(mesh.featureIds);
  const wideIndices = n > 65535;
  const indices = wideIndices ? Uint32Array.from(mesh.indices) : Uint16Array.from(mesh.indices);

  const bin = new BinaryBuilder();
  const accessors: object[] = [];
  const accessor = (view: number, componentType: ComponentType, count: number, type: string, extra: object = {}) => {
    accessors.push({ bufferView: view, componentType, count, type, ...extra });
    return accessors.length - 1;
  };
  const POSITION = accessor(bin.add(asBytes(positions), ARRAY_BUFFER), ComponentType.FLOAT, n, 'VEC3', { min, max });
  const COLOR_0 = accessor(
    bin.add(Uint8Array.from(mesh.colours), ARRAY_BUFFER),
    ComponentType.UNSIGNED_BYTE,
    n,
    'VEC4',
    { normalized: true },
  );
  const TEXCOORD_0 = accessor(
    bin.add(asBytes(Float32Array.from(mesh.uvs)), ARRAY_BUFFER),
    ComponentType.FLOAT,
    n,
    'VEC2',
  );
  const _FEATURE_ID_0 = accessor(bin.add(asBytes(featureIds), ARRAY_BUFFER), ComponentType.FLOAT, n, 'SCALAR');
  const INDICES = accessor(
    bin.add(asBytes(indices), ELEMENT_ARRAY_BUFFER),
    wideIndices ? ComponentType.UNSIGNED_INT : ComponentType.UNSIGNED_SHORT,
    indices.length,
    'SCALAR',
  );

  // Property table: one row per feature, the building id as a UTF-8 string column.
  const encoder = new TextEncoder();
  const encoded = mesh.buildingIds.map((id) => encoder.encode(id));
  const offsets = new Uint32Array(featureCount + 1);
  encoded.forEach((e, i) => {
    offsets[i + 1] = offsets[i]! + e.byteLength;
  });
  const values = new Uint8Array(offsets[featureCount]!);
  encoded.forEach((e, i) => {
    values.set(e, offsets[i]!);
  });
  const valuesView = bin.add(values);
  const offsetsView = bin.add(asBytes(offsets));

  const binary = bin.bytes();
  const gltf = {
    asset: { version: '2.0', generator: 'wendu-twin build-tiles' },
    extensionsUsed: ['EXT_mesh_features', 'EXT_structural_metadata', 'KHR_materials_unlit'],
    extensions: {
      EXT_structural_metadata: {
        schema: {
          id: 'wendu_twin',
          classes: {
            building: {
              name: 'Building (建筑)',
              properties: { id: { type: 'STRING', description: 'Building id, as in GET /api/buildings/{id}' } },
            },
          },
        },
        propertyTables: [
          {
            name: 'buildings',
            class: 'building',
            count: featureCount,
            properties: { id: { values: valuesView, stringOffsets: offsetsView, stringOffsetType: 'UINT32' } },
          },
        ],
      },
    },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0, translation: enuToGltf(centre) }],
    meshes: [
      {
        primitives: [
          {
            attributes: { POSITION, COLOR_0, TEXCOORD_0, _FEATURE_ID_0 },
            indices: INDICES,
            material: 0,
            mode: 4,
            extensions: {
              EXT_mesh_features: { featureIds: [{ featureCount, attribute: 0, propertyTable: 0, label: 'building' }] },
            },
          },
        ],
      },
    ],
    materials: [
      {
        name: 'night',
        pbrMetallicRoughness: { baseColorFactor: [1, 1, 1, 1], metallicFactor: 0, roughnessFactor: 1 },
        extensions: { KHR_materials_unlit: {} },
      },
    ],
    accessors,
    bufferViews: bin.bufferViews,
    buffers: [{ byteLength: binary.byteLength }],
  };
  return assembleGlb(gltf, binary);
}

function assembleGlb(json: object, binary: Uint8Array): Uint8Array {
  let jsonBytes = new TextEncoder().encode(JSON.stringify(json));
  const jsonPad = (4 - (jsonBytes.byteLength % 4)) % 4;
  if (jsonPad) {
    const padded = new Uint8Array(jsonBytes.byteLength + jsonPad).fill(0x20);
    padded.set(jsonBytes);
    jsonBytes = padded;
  }
  const total = 12 + 8 + jsonBytes.byteLength + 8 + binary.byteLength;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, GLB_MAGIC, true);
  view.setUint32(4, 2, true);
  view.setUint32(8, total, true);
  view.setUint32(12, jsonBytes.byteLength, true);
  view.setUint32(16, CHUNK_JSON, true);
  out.set(jsonBytes, 20);
  const binStart = 20 + jsonBytes.byteLength;
  view.setUint32(binStart, binary.byteLength, true);
  view.setUint32(binStart + 4, CHUNK_BIN, true);
  out.set(binary, binStart + 8);
  return out;
}
