import { useEffect, useState } from 'react';

const current = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

/** The root font size in CSS pixels (styles.css scales it with the window), kept current on resize. */
export function useRemPx(): number {
  const [rem, setRem] = useState(current);
  useEffect(() => {
    const onResize = () => setRem(current());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return rem;
}
