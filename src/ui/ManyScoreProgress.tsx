// The live view of a run of several scorers on stderr: one line per scorer with its bar, progress, rate,
// ETA, tokens, cost and failures, and its latest wait or retry beneath it.
import { Box, Text } from 'ink';
import { formatInteger, printable } from '../cli/format.js';
import { progressLine } from '../cli/score-progress.js';
import type { ScoreProgressState } from './score-progress-state.js';

// One line per scorer, cut at the terminal's edge rather than wrapped, so the lines stay one per scorer.
const BAR_WIDTH = 12;

export function ManyScoreProgress({ scorers, now, color }: { scorers: readonly (readonly [string, ScoreProgressState])[]; now: number; color: boolean }) {
  const width = Math.max(...scorers.map(([name]) => name.length));
  return (
    <Box flexDirection="column">
      {scorers.map(([name, state]) => {
        const p = state.progress;
        const filled = p && p.total ? Math.round((p.done / p.total) * BAR_WIDTH) : p ? BAR_WIDTH : 0;
        return (
          <Box key={name} flexDirection="column">
            <Text wrap="truncate-end">
              <Text>{printable(name.padEnd(width))} </Text>
              <Text color={color ? 'cyan' : undefined}>{'█'.repeat(filled)}</Text>
              <Text dimColor>{'░'.repeat(BAR_WIDTH - filled)}</Text>
              {p ? ` ${progressLine(p, now)} · ${formatInteger(state.inFlight)} in flight` : ' waiting to start'}
            </Text>
            {state.note ? <Text wrap="truncate-end" color={color ? 'yellow' : undefined}>{`  ${printable(state.note)}`}</Text> : null}
          </Box>
        );
      })}
    </Box>
  );
}
