// One scale factor for everything drawn in pixels inside the 3D scene (line widths, label fonts), taken
// from the page's root font size (styles.css sizes it from the window), so the scene grows and shrinks
// with the HTML around it: 1 at 1080p, 2 on a 4K wall, 0.75 on a small window.
import { useEffect, useState } from 'react';

/** The root font size relative to 16px, in quarter steps (so a resize by a few pixels redraws nothing). */
export function uiScaleFor(rootFontPx: number): number {
  return Math.max(0.5, Math.round((rootFontPx / 16) * 4) / 4);
}

function currentScale(): number {
  return uiScaleFor(parseFloat(getComputedStyle(document.documentElement).fontSize) || 16);
}

export function useUiScale(): number {
  const [scale, setScale] = useState(currentScale);
  useEffect(() => {
    const onResize = () => setScale(currentScale());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}
