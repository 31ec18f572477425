// One scale factor for everything drawn in pixels inside the 3D scene (line widths, label fonts), taken
// from the page's root font size (styles.css sizes it from the window), so the scene grows and shrinks
// with the HTML around it: 1 at 1080p, 2 on a 4K wall, 0.75 on a small window.
import { useEffect, useState } from 'react';

/** The root font size relative to 16px, in quarter steps (so a resize by a few pixels redraws nothing). */
export function uiScaleFor(rootFontPx: number): number {
  return Math.max(0.5, Math.round((rootFontPx / 16) * 4) / 4);
}

const rootFontPx = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

/** The root font size in CSS pixels, kept current on resize (the big screen sizes its charts by it). */
export function useRemPx(): number {
  const [rem, setRem] = useState(rootFontPx);
  useEffect(() => {
    const onResize = () => setRem(rootFontPx());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return rem;
}

/** The scene's pixel scale (uiScaleFor of the root font size). */
export function useUiScale(): number {
  return uiScaleFor(useRemPx());
}
