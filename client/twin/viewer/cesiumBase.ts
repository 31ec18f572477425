// Where Cesium finds its Workers, Assets, ThirdParty and Widgets: the `cesium/` folder the build copies
// next to the app (vite.config.ts). Imported first by main.tsx, before anything imports 'cesium'.
declare global {
  interface Window {
    CESIUM_BASE_URL?: string;
  }
}

window.CESIUM_BASE_URL = new URL(`${import.meta.env.BASE_URL}cesium/`, window.location.origin).href;

export {};
