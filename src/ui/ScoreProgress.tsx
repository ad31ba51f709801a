// The live scoring view on stderr: finished requests scroll up in <Static> (printed once, never redrawn),
// and a short live block below shows progress, rate, ETA, tokens, cost and failures.
import { Box, Static, Text } from 'ink';
import { formatInteger, printable } from '../cli/format.js';
import { etaMs, formatDuration, formatUsd, scoredPercent, scoringRate } from '../cli/score-progress.js';
import type { FinishedRequest, ScoreProgressState } from './score-progress-state.js';

const BAR_WIDTH = 30;

export function ScoreProgress({ state, now, color }: { state: ScoreProgressState; now: number; color: boolean }) {
  const p = state.progress;
  const filled = p && p.total ? Math.round((p.done / p.total) * BAR_WIDTH) : 0;
  const rate = p ? scoringRate(p) : 0;
  const left = p ? etaMs(p, now) : undefined;
  const eta = left === undefined ? undefined : formatDuration(left);
  return (
    <>
      <Static items={state.finished}>{(request) => <FinishedLine key={request.index} request={request} color={color} />}</Static>
      <Box flexDirection="column">
        <Text>
          <Text color={color ? 'cyan' : undefined}>{'█'.repeat(filled)}</Text>
          <Text dimColor>{'░'.repeat(BAR_WIDTH - filled)}</Text>
          {p ? ` ${formatInteger(p.done)}/${formatInteger(p.total)} tasks scored (${scoredPercent(p)}%)` : ' planning…'}
          {state.scorer ? <Text dimColor>{`  ${printable(state.scorer)}`}</Text> : null}
        </Text>
        {p ? (
          <Text>
            {`${rate.toFixed(1)} tasks/min`}
            {eta ? ` · ETA ${eta}` : ''}
            {` · ${formatInteger(p.requests)} requests, ${state.inFlight} in flight`}
            {limitNote(state)}
            {` · ${formatInteger(p.inputTokens + p.outputTokens)} tokens`}
            {p.costUsd !== null ? ` · ${formatUsd(p.costUsd)}` : ''}
            {p.failed ? <Text color={color ? 'red' : undefined}>{` · ${p.failed} failed`}</Text> : ''}
          </Text>
        ) : null}
        {state.note ? <Text color={color ? 'yellow' : undefined}>{printable(state.note)}</Text> : null}
      </Box>
    </>
  );
}

/** After a 429 halves the limit, the requests already sent stay in flight until they end: say so. */
function limitNote(state: ScoreProgressState): string {
  if (state.concurrency === undefined) return '';
  if (state.inFlight > state.concurrency) return ` (draining to ${state.concurrency} after a 429)`;
  return ` (limit ${state.concurrency})`;
}

function FinishedLine({ request, color }: { request: FinishedRequest; color: boolean }) {
  const e = request.exposure;
  return (
    <Text>
      <Text color={color ? 'green' : undefined}>{request.failed ? '!' : '✓'}</Text>
      {` request ${request.index}: ${request.tasks} scored`}
      {request.failed ? `, ${request.failed} failed` : ''}
      <Text dimColor>{`  E0 ${e.E0} · E1 ${e.E1} · E2 ${e.E2} · ${formatInteger(request.tokens)} tokens`}</Text>
    </Text>
  );
}
