import type { Json, JsonObject, JsonSchema } from '../../../shared/api/types';
import { CredentialPicker } from '../../credentials/CredentialPicker';
import { ModelPicker } from '../../settings/ModelPicker';
import { ProviderPicker } from '../../settings/ProviderPicker';
import { Field } from './Field';
import { JsonEditor } from './JsonEditor';
import { TemplateField } from './TemplateField';
import { NumberInput, SelectInput, TextInput, Toggle } from './controls';
import type { Completion } from './completions';
import { humanize, widgetFor } from './widgets';

/** The provider of an LLM block whose config names none (the server's default too). */
const kDefaultProvider = 'ollama';

const kPickerNote: Record<string, string> = {
  knowledge_base: 'Type the id of a knowledge base.',
};

/** One config field, with the control its schema calls for. */
export function SchemaField({
  idPrefix,
  name,
  schema,
  value,
  required,
  problems,
  completions,
  siblings,
  onChange,
}: {
  idPrefix: string;
  name: string;
  schema: JsonSchema;
  value: Json | undefined;
  required: boolean;
  problems: string[];
  completions: Completion[];
  /** The whole config, for widgets that depend on another field (the model list on `provider`). */
  siblings?: JsonObject;
  onChange: (value: Json | undefined) => void;
}) {
  const id = `${idPrefix}-${name}`;
  const kind = widgetFor(schema);
  const invalid = problems.length > 0;
  const label = schema.title ?? humanize(name);
  let description = schema.description;
  let control;
  switch (kind) {
    case 'template':
      control = (
        <TemplateField
          id={id}
          value={typeof value === 'string' ? value : ''}
          onChange={(v) => onChange(v === '' && !required ? undefined : v)}
          completions={completions}
          invalid={invalid}
        />
      );
      break;
    case 'credential':
      control = <CredentialPicker id={id} value={typeof value === 'string' ? value : ''} invalid={invalid} onChange={onChange} />;
      break;
    case 'model':
      control = (
        <ModelPicker
          id={id}
          provider={typeof siblings?.provider === 'string' && siblings.provider ? siblings.provider : kDefaultProvider}
          value={typeof value === 'string' ? value : ''}
          invalid={invalid}
          onChange={onChange}
        />
      );
      break;
    case 'provider':
      control = (
        <ProviderPicker
          id={id}
          value={typeof value === 'string' ? value : ''}
          fallback={typeof schema.default === 'string' ? schema.default : kDefaultProvider}
          invalid={invalid}
          onChange={onChange}
        />
      );
      break;
    case 'picker':
      description = [description, kPickerNote[schema['x-weft-widget'] ?? '']].filter(Boolean).join(' ');
      control = (
        <TextInput id={id} value={typeof value === 'string' ? value : ''} invalid={invalid} onChange={(v) => onChange(v === '' ? undefined : v)} />
      );
      break;
    case 'text':
      control = (
        <TextInput
          id={id}
          value={typeof value === 'string' ? value : ''}
          invalid={invalid}
          placeholder={typeof schema.default === 'string' ? schema.default : undefined}
          onChange={(v) => onChange(v === '' && !required ? undefined : v)}
        />
      );
      break;
    case 'number':
      control = <NumberInput id={id} value={value} schema={schema} invalid={invalid} onChange={onChange} />;
      break;
    case 'select':
      control = <SelectInput id={id} value={value} schema={schema} invalid={invalid} onChange={onChange} />;
      break;
    case 'toggle':
      control = (
        <Toggle id={id} checked={typeof value === 'boolean' ? value : schema.default === true} onChange={onChange} />
      );
      break;
    default:
      control = <JsonEditor id={id} value={value} invalid={invalid} onChange={onChange} />;
  }
  return (
    <Field id={id} label={label} required={required} description={description} problems={problems} inline={kind === 'toggle'}>
      {control}
    </Field>
  );
}
