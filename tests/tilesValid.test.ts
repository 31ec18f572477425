// Every tile of the small dataset's 3D Tiles through the Khronos glTF validator (npm gltf-validator):
// no errors and no warnings, so strict loaders take them. The validator does not know the 3D Tiles
// extensions (EXT_mesh_features, EXT_structural_metadata): it says so as information, and counts the
// bufferViews only those extensions use as unused; both are infos, not failures.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateBytes } from 'gltf-validator';
import { describe, expect, inject, it } from 'vitest';

const KNOWN_INFOS = new Set(['UNSUPPORTED_EXTENSION', 'UNUSED_OBJECT']);

describe('the 3D Tiles content under the Khronos glTF validator', () => {
  it('finds no error and no warning in any tile of the small dataset', async () => {
    const dir = join(inject('smallDataDir'), 'tiles');
    const tiles = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.glb'));
    expect(tiles.length).toBeGreaterThan(10);
    const problems: string[] = [];
    const infos = new Set<string>();
    for (const tile of tiles) {
      const report = await validateBytes(new Uint8Array(readFileSync(join(dir, tile))), { uri: tile, maxIssues: 0 });
      for (const m of report.issues.messages) {
        if (m.severity <= 1) problems.push(`${tile}: ${m.code} at ${m.pointer ?? '?'}: ${m.message}`);
        else infos.add(m.code);
      }
    }
    expect(problems).toEqual([]);
    // Anything new the validator says is looked at, not waved through.
    expect([...infos].filter((code) => !KNOWN_INFOS.has(code))).toEqual([]);
  });
});
