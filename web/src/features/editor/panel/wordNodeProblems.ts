import type { JsonSchema, NodeTypeDescriptor } from '../../../shared/api/types';
import { parsePointer } from '../../../shared/lib/pointer';
import { missingProperty } from '../form/widgets';
import type { NodeProblem } from '../model/problems';
import { blockTitle, schemaAt, wordMessage } from '../model/problemWords';

/**
 * A block's problems as its panel shows them under their fields: other
 * blocks by title, no column numbers. `nodes` are "id\nlabel\ntype" lines
 * (a cheap, comparable list of what names a block); `schema` is the block's
 * config schema. "Missing required property" stays: the form files it under
 * the field it names.
 */
export function wordNodeProblems(
  problems: NodeProblem[] | undefined,
  nodes: string[],
  catalogue: Map<string, NodeTypeDescriptor>,
  schema?: JsonSchema,
): NodeProblem[] | undefined {
  if (!problems) return undefined;
  const names = new Map(
    nodes.map((line) => {
      const [id = '', label = '', type = ''] = line.split('\n');
      return [id, blockTitle({ id, type, label }, catalogue)];
    }),
  );
  return problems.map((p) => {
    if (p.path.startsWith('/id') || missingProperty(p.message)) return p;
    const [head, ...rest] = parsePointer(p.path);
    return { ...p, message: wordMessage(p.message, names, head === 'config' ? schemaAt(schema, rest) : undefined) };
  });
}
