// Hooks of the view: the terminal's size (redrawn on resize) and the rings' animation between years.
import { useStdout } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { Shares } from '../chart/bands.js';

export interface Size {
  columns: number;
  rows: number;
}

/** The terminal size, updated on 'resize'; a fixed size (tests, benchmarks) wins. */
export function useTerminalSize(fixed?: Size): Size {
  const { stdout } = useStdout();
  const read = (): Size => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState<Size>(read);
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout, fixed]);
  return fixed ?? size;
}

const FRAMES = 6;
const FRAME_MS = 25;

/** Shares that glide to the target over a few frames, so the rings visibly grow and shrink as the year moves. */
export function useAnimatedShares(target: Shares, animate: boolean): Shares {
  const [shown, setShown] = useState(target);
  const from = useRef(target);
  useEffect(() => {
    if (!animate) return;
    const start = from.current;
    let frame = 0;
    const timer = setInterval(() => {
      frame++;
      const t = 1 - Math.pow(1 - frame / FRAMES, 2);
      const next = {
        dark: start.dark + (target.dark - start.dark) * t,
        white: start.white + (target.white - start.white) * t,
        grey: start.grey + (target.grey - start.grey) * t,
      };
      from.current = next;
      setShown(next);
      if (frame >= FRAMES) clearInterval(timer);
    }, FRAME_MS);
    return () => clearInterval(timer);
  }, [target.dark, target.white, target.grey, animate]);
  return animate ? shown : target;
}
