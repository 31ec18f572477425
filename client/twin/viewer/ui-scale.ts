// One scale factor for everything drawn in pixels inside the 3D scene (line widths, label fonts), so a
// 4K or video-wall screen shows them as large as a 1080p one does. The HTML UI scales through CSS rem.
import { useEffect, useState } from 'react';

/** 1 up to 1080 CSS pixels of height, proportionally more above (2 at 2160). */
export function uiScaleFor(heightPx: number): number {
  return Math.max(1, Math.round((heightPx / 1080) * 4) / 4);
}

export function useUiScale(): number {
  const [scale, setScale] = useState(() => uiScaleFor(window.innerHeight));
  useEffect(() => {
    const onResize = () => setScale(uiScaleFor(window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}
