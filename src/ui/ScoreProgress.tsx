// The live scoring view on stderr: finished requests scroll up in <Static> (printed once, never redrawn),
// and a short live block below shows progress, rate, ETA, tokens, cost and failures.
import { Box, Static, Text } from 'ink';
import { formatInteger, printable } from '../cli/format.js';
import { formatDuration, formatUsd } from '../cli/score-progress.js';
import type { FinishedRequest, ScoreProgressState } from './score-progress-state.js';

const BAR_WIDTH = 30;

export function ScoreProgress({ state, now, color }: { state: ScoreProgressState; now: number; color: boolean }) {
  const p = state.progress;
  const handled = p ? p.done + p.failed : 0;
  const share = p && p.total ? handled / p.total : 0;
  const filled = Math.round(share * BAR_WIDTH);
  const minutes = p ? Math.max((now - p.startedAt) / 60_000, 1e-6) : 0;
  const rate = p && p.done ? p.done / minutes : 0;
  const eta = p && rate > 0 && p.total > handled ? formatDuration(((p.total - handled) / rate) * 60_000) : undefined;
  return (
    <>
      <Static items={state.finished}>{(request) => <FinishedLine key={request.index} request={request} color={color} />}</Static>
      <Box flexDirection="column">
        <Text>
          <Text color={color ? 'cyan' : undefined}>{'█'.repeat(filled)}</Text>
          <Text dimColor>{'░'.repeat(BAR_WIDTH - filled)}</Text>
          {p ? ` ${formatInteger(p.done)}/${formatInteger(p.total)} tasks (${Math.floor(share * 100)}%)` : ' planning…'}
          {state.scorer ? <Text dimColor>{`  ${printable(state.scorer)}`}</Text> : null}
        </Text>
        {p ? (
          <Text>
            {`${rate.toFixed(1)} tasks/min`}
            {eta ? ` · ETA ${eta}` : ''}
            {` · ${formatInteger(p.requests)} requests, ${state.inFlight} in flight`}
            {state.concurrency !== undefined ? ` (limit ${state.concurrency})` : ''}
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
