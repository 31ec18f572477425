// The client's build: Vite + React, Cesium served offline from our own origin.
// Cesium's prebuilt Workers/ThirdParty/Assets/Widgets are copied to `cesium/` next to the app; the
// client sets window.CESIUM_BASE_URL to that folder before Cesium's code runs (client/twin/viewer/cesium-base.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { viteStaticCopy } from 'vite-plugin-static-copy';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const cesiumBuild = 'node_modules/cesium/Build/Cesium';

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
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  build: {
    outDir: fromRoot('./dist/client'),
    emptyOutDir: true,
    target: 'es2022',
    // Cesium alone is several MB minified; it gets its own long-cached chunk.
    chunkSizeWarningLimit: 6000,
    rolldownOptions: {
      // resium 1.26 imports a few classes that only newer Cesium releases export (GeoJsonPrimitive,
      // MVTDataProvider, ...); we use none of their components, so those imports may be undefined.
      shimMissingExports: true,
      onLog(level, log, handler) {
        if (log.code === 'SHIMMED_EXPORT' && log.message.includes('node_modules/cesium/')) return;
        handler(level, log);
      },
      output: {
        codeSplitting: {
          groups: [
            { name: 'cesium', test: /[\\/]node_modules[\\/](cesium|@cesium)[\\/]/, priority: 20 },
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|resium)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
