// The client's build: Vite + React, Cesium served offline from our own origin.
// Cesium's prebuilt Workers/ThirdParty/Assets/Widgets are copied to `cesium/` next to the app; the
// client sets window.CESIUM_BASE_URL to that folder before Cesium's code runs (client/twin/viewer/cesiumBase.ts).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { LogLevel, LogOrStringHandler, RolldownLog } from 'rolldown';
import { defineConfig } from 'vite';
import { viteStaticCopy } from 'vite-plugin-static-copy';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const cesiumBuild = 'node_modules/cesium/Build/Cesium';

// resium 1.26 imports a few classes that only newer Cesium releases export (GeoJsonPrimitive,
// MVTDataProvider, ...). We use none of their components, so those imports may stay undefined; without
// this both the build and the dev server's dependency pre-bundling stop on MISSING_EXPORT.
const toleratingResiumImports = {
  shimMissingExports: true,
  onLog(level: LogLevel, log: RolldownLog, handler: LogOrStringHandler) {
    if (log.code === 'SHIMMED_EXPORT' && log.message.includes('node_modules/cesium/')) return;
    handler(level, log);
  },
};

export default defineConfig({
  root: fromRoot('./client'),
  publicDir: false,
  resolve: {
    alias: { '@domain': fromRoot('./server/domain') },
  },
  plugins: [
    react(),
    viteStaticCopy({
      silent: true,
      targets: ['Workers', 'ThirdParty', 'Assets', 'Widgets'].map((dir) => ({
        src: fromRoot(`./${cesiumBuild}/${dir}`),
        dest: 'cesium',
      })),
    }),
  ],
  optimizeDeps: {
    rolldownOptions: toleratingResiumImports,
  },
  server: {
    host: '127.0.0.1',
    // The API server in development (npm start / npm run serve); WENDU_API points elsewhere.
    // (A regex key: a plain '/api' prefix would also catch the module /api.ts.)
    proxy: { '^/api/': { target: process.env.WENDU_API ?? 'http://127.0.0.1:8080' } },
  },
  build: {
    outDir: fromRoot('./dist/client'),
    emptyOutDir: true,
    target: 'es2022',
    // Cesium alone is several MB minified; it gets its own long-cached chunk.
    chunkSizeWarningLimit: 6000,
    rolldownOptions: {
      ...toleratingResiumImports,
      // The app, and the render benchmark's harness page (scripts/bench/render.ts; not linked from the app).
      input: { main: fromRoot('./client/index.html'), 'bench-render': fromRoot('./client/bench/render.html') },
      output: {
        codeSplitting: {
          groups: [
            // Vite's helper for lazy pages would otherwise land in the cesium chunk, and every page load Cesium.
            { name: 'preload', test: /vite[\\/]preload-helper/, priority: 30 },
            // A group takes its modules' dependencies too: React before the 3D group (which holds resium),
            // so React stays in its own chunk and the 3D chunk is loaded only by the pages that draw in 3D.
            { name: 'cesium', test: /[\\/]node_modules[\\/](cesium|@cesium|resium)[\\/]/, priority: 20 },
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 25 },
          ],
        },
      },
    },
  },
});
