// Reads a GLB back (header, JSON chunk, BIN chunk, accessors): for the builder's tests and for anyone
// inspecting a tile. Strict: a malformed file throws with what is wrong.
export interface ParsedGlb {
  // biome-ignore lint/suspicious/noExplicitAny: the glTF JSON as read, checked by the tests that read it
  json: any;
  bin: Uint8Array;
}

export function readGlb(bytes: Uint8Array): ParsedGlb {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 20) throw new Error('GLB: shorter than its header');
  if (view.getUint32(0, true) !== 0x46546c67) throw new Error('GLB: bad magic');
  if (view.getUint32(4, true) !== 2) throw new Error('GLB: not version 2');
  if (view.getUint32(8, true) !== bytes.byteLength) throw new Error('GLB: length field does not match the file');
  const jsonLength = view.getUint32(12, true);
  if (view.getUint32(16, true) !== 0x4e4f534a) throw new Error('GLB: first chunk is not JSON');
  if (jsonLength % 4) throw new Error('GLB: JSON chunk not 4-byte aligned');
  const json = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + jsonLength)));
  const binStart = 20 + jsonLength;
  if (binStart === bytes.byteLength) return { json, bin: new Uint8Array(0) };
  const binLength = view.getUint32(binStart, true);
  if (view.getUint32(binStart + 4, true) !== 0x004e4942) throw new Error('GLB: second chunk is not BIN');
  if (binStart + 8 + binLength !== bytes.byteLength) throw new Error('GLB: BIN chunk length does not match the file');
  return { json, bin: bytes.subarray(binStart + 8, binStart + 8 + binLength) };
}

const COMPONENTS: Record<string, number> = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4 };
const ARRAYS: Record<
  number,
  { new (buffer: ArrayBuffer, offset: number, length: number): ArrayLike<number>; BYTES_PER_ELEMENT: number }
> = {
  5121: Uint8Array,
  5123: Uint16Array,
  5125: Uint32Array,
  5126: Float32Array,
};

/** An accessor's values as a flat array (tightly packed bufferViews only, as the builder writes them). */
// biome-ignore lint/suspicious/noExplicitAny: a glTF accessor as read (see ParsedGlb.json)
export function readAccessor(glb: ParsedGlb, index: number): { values: number[]; components: number; accessor: any } {
  const accessor = glb.json.accessors[index];
  const view = glb.json.bufferViews[accessor.bufferView];
  const components = COMPONENTS[accessor.type]!;
  const Typed = ARRAYS[accessor.componentType]!;
  const start = (view.byteOffset ?? 0) + (accessor.byteOffset ?? 0);
  const length = accessor.count * components;
  if (start + length * Typed.BYTES_PER_ELEMENT > view.byteOffset + view.byteLength)
    throw new Error(`accessor ${index} runs past its bufferView`);
  if (view.byteOffset + view.byteLength > glb.bin.byteLength)
    throw new Error(`bufferView ${accessor.bufferView} runs past the BIN chunk`);
  const copy = glb.bin.slice(start, start + length * Typed.BYTES_PER_ELEMENT);
  return { values: Array.from(new Typed(copy.buffer, 0, length)), components, accessor };
}

/** The strings of a property-table column. */
export function readStrings(glb: ParsedGlb, table: number, property: string): string[] {
  const t = glb.json.extensions.EXT_structural_metadata.propertyTables[table];
  const p = t.properties[property];
  const view = (i: number) => glb.json.bufferViews[i];
  const offsetsView = view(p.stringOffsets);
  const offsets = new Uint32Array(
    glb.bin.slice(offsetsView.byteOffset, offsetsView.byteOffset + offsetsView.byteLength).buffer,
  );
  const valuesView = view(p.values);
  const values = glb.bin.subarray(valuesView.byteOffset, valuesView.byteOffset + valuesView.byteLength);
  const decoder = new TextDecoder();
  return Array.from({ length: t.count }, (_, i) => decoder.decode(values.subarray(offsets[i]!, offsets[i + 1]!)));
}
