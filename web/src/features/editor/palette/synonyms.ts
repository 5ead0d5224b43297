/**
 * Words people search the palette with that a block's title and description
 * may not contain, by block type. A query matches a block when it starts one
 * of these words (so "summar" finds "summarise"), as well as its own words.
 * Data, not code: add a word here when someone looks for a block and misses it.
 */
export const kPaletteSynonyms: Record<string, string[]> = {
  condition: ['if', 'else', 'branch', 'when', 'boolean', 'filter', 'check'],
  switch: ['route', 'router', 'case', 'cases', 'match', 'branch', 'select'],
  loop: ['loop', 'each', 'foreach', 'for', 'iterate', 'map', 'repeat', 'batch', 'list'],
  delay: ['wait', 'sleep', 'pause', 'timer', 'throttle'],
  merge: ['join', 'combine', 'gather', 'all', 'zip'],
  template: ['format', 'text', 'string', 'compose', 'interpolate', 'jinja'],
  transform: ['expression', 'map', 'compute', 'calculate', 'code', 'function', 'set'],
  http_request: ['http', 'api', 'fetch', 'request', 'rest', 'webhook', 'url', 'get', 'post', 'curl', 'call'],
  input_text: ['input', 'text', 'string', 'prompt', 'question', 'start', 'trigger'],
  input_json: ['json', 'input', 'object', 'payload', 'body', 'start', 'trigger'],
  input_variables: ['variables', 'vars', 'parameters', 'params', 'form', 'fields', 'input'],
  output_text: ['output', 'result', 'answer', 'reply', 'response', 'end', 'return'],
  output_json: ['json', 'output', 'result', 'object', 'response', 'end', 'return'],
  llm_chat: ['summarise', 'summarize', 'summary', 'prompt', 'gpt', 'ai', 'llm', 'chat', 'model', 'openai', 'claude', 'ollama', 'generate', 'write', 'translate', 'rewrite', 'completion'],
  llm_classify: ['classify', 'categorise', 'categorize', 'label', 'sentiment', 'intent', 'prompt', 'gpt', 'ai', 'llm'],
  llm_extract: ['extract', 'parse', 'fields', 'structured', 'entities', 'json', 'prompt', 'gpt', 'ai', 'llm'],
};
