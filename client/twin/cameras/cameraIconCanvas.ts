// The camera icon drawn straight onto a canvas (the same glyph as cameraIconUrl's SVG). A canvas
// needs no decoding: an SVG data URL goes through the browser's image decoder, which under heavy
// load on a software-rendered wall has failed ("source image could not be decoded") and stopped
// Cesium's rendering. Outside a browser (unit tests) there is no canvas: null.
import { type CameraIconKey, cameraIconColors } from './cameras.model';

export function cameraIconCanvas(key: CameraIconKey, sizePx: number): HTMLCanvasElement | null {
  if (typeof document === 'undefined' || typeof document.createElement !== 'function') return null;
  const canvas = document.createElement('canvas');
  const g = typeof canvas.getContext === 'function' ? canvas.getContext('2d') : null;
  if (!g) return null;
  canvas.width = sizePx;
  canvas.height = sizePx;
  const colour = cameraIconColors[key];
  g.scale(sizePx / 32, sizePx / 32);
  g.beginPath();
  g.arc(16, 16, 14.5, 0, Math.PI * 2);
  g.fillStyle = 'rgba(7, 18, 31, 0.85)';
  g.fill();
  g.lineWidth = 2;
  g.strokeStyle = colour;
  g.stroke();
  g.fillStyle = colour;
  g.beginPath();
  g.roundRect(7, 11, 13, 10, 2);
  g.fill();
  g.beginPath();
  g.moveTo(20, 14.5);
  g.lineTo(26, 11);
  g.lineTo(26, 21);
  g.lineTo(20, 17.5);
  g.closePath();
  g.fill();
  if (key === 'offline') {
    g.strokeStyle = '#ff5a5a';
    g.lineWidth = 2.6;
    g.lineCap = 'round';
    g.beginPath();
    g.moveTo(9, 9);
    g.lineTo(23, 23);
    g.moveTo(23, 9);
    g.lineTo(9, 23);
    g.stroke();
  }
  return canvas;
}
