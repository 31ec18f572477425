// Lit windows at night, drawn by a CustomShader on the city tileset. The tiles carry texture coordinates
// in window bays (u, along each wall) and floors (v; roofs have v < 0): each bay of each floor is a
// pane, about half of them lit warm, a few cool (screens, offices). When the panes shrink below a pixel
// they fade to their average glow instead of shimmering; from kilometres away whole blocks, roofs too,
// turn into points of warm light, as a city at night looks from the air.
export const windowsFragmentShader = /* glsl */ `
float wenduHash(vec2 p) {
  return fract(sin(dot(p, vec2(127.1, 311.7))) * 43758.5453);
}

void fragmentMain(FragmentInput fsInput, inout czm_modelMaterial material) {
  vec2 uv = fsInput.attributes.texCoord_0;
  float far = smoothstep(u_nearM, u_farM, length(fsInput.attributes.positionEC));
  if (uv.y < 0.0) {
    material.diffuse = mix(material.diffuse, u_warm * 0.8, 0.85 * far);
    return;
  }
  vec2 cell = floor(uv);
  vec2 f = fract(uv);
  float pane = step(0.22, f.x) * step(f.x, 0.78) * step(0.3, f.y) * step(f.y, 0.8);
  float seed = wenduHash(cell);
  float lit = step(u_unlitShare, seed);
  vec3 glow = mix(u_warm, u_cool, step(0.9, seed)) * (0.75 + 0.25 * wenduHash(cell + 17.0));
  vec3 wall = material.diffuse;
  vec3 detailed = mix(wall, mix(wall * 0.35, glow, lit), pane);
  vec3 average = mix(wall, glow, 0.6 * (1.0 - u_unlitShare));
  vec2 w = fwidth(uv);
  float detail = 1.0 - smoothstep(0.3, 0.8, max(w.x, w.y));
  material.diffuse = mix(mix(average, detailed, detail), u_warm, 0.7 * far);
}
`;

/** Share of panes left dark. */
export const UNLIT_SHARE = 0.5;
export const WARM_WINDOW = [1.0, 0.72, 0.38] as const;
export const COOL_WINDOW = [0.55, 0.8, 1.0] as const;
/** Distances (m) over which buildings turn from lit windows into points of light. */
export const GLOW_NEAR_M = 2_000;
export const GLOW_FAR_M = 15_000;
