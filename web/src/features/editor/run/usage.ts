import type { NodeRunView } from './runState';

/** LLM tokens a run used: the sum of every node output's `usage`. */
export interface TokenUsage {
  prompt: number;
  completion: number;
}

/** Sums `output.usage` over the nodes (LLM blocks report it); null when none did. */
export function totalUsage(nodes: Record<string, NodeRunView>): TokenUsage | null {
  let found = false;
  const total = { prompt: 0, completion: 0 };
  for (const node of Object.values(nodes)) {
    const output = node.output;
    if (!output || typeof output !== 'object' || Array.isArray(output)) continue;
    const usage = output.usage;
    if (!usage || typeof usage !== 'object' || Array.isArray(usage)) continue;
    found = true;
    total.prompt += typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens : 0;
    total.completion += typeof usage.completion_tokens === 'number' ? usage.completion_tokens : 0;
  }
  return found ? total : null;
}
