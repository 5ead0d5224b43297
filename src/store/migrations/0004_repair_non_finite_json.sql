-- Repairs JSON written before non-finite numbers were refused. Boost.JSON
-- wrote a number beyond a double's range (a request's 1e999) as the bare word
-- Infinity (or -Infinity, NaN), which no JSON parser reads back, so every list
-- holding such a row failed. Only rows that are not valid JSON are touched:
-- each such word right after `:`, `[` or `,` (how the compact writer put
-- values) becomes null, and a whole value that is one of them becomes null.
-- A row still unreadable afterwards is shown as `unreadable` by the API.

UPDATE pipelines SET definition = CASE WHEN definition IN ('Infinity', '-Infinity', 'NaN') THEN 'null'
  ELSE replace(replace(replace(replace(replace(replace(replace(replace(replace(definition, ':-Infinity', ':null'), ':Infinity', ':null'), ':NaN', ':null'), '[-Infinity', '[null'), '[Infinity', '[null'), '[NaN', '[null'), ',-Infinity', ',null'), ',Infinity', ',null'), ',NaN', ',null') END
  WHERE definition IS NOT NULL AND NOT json_valid(definition);

UPDATE pipeline_versions SET definition = CASE WHEN definition IN ('Infinity', '-Infinity', 'NaN') THEN 'null'
  ELSE replace(replace(replace(replace(replace(replace(replace(replace(replace(definition, ':-Infinity', ':null'), ':Infinity', ':null'), ':NaN', ':null'), '[-Infinity', '[null'), '[Infinity', '[null'), '[NaN', '[null'), ',-Infinity', ',null'), ',Infinity', ',null'), ',NaN', ',null') END
  WHERE definition IS NOT NULL AND NOT json_valid(definition);

UPDATE executions SET inputs = CASE WHEN inputs IN ('Infinity', '-Infinity', 'NaN') THEN 'null'
  ELSE replace(replace(replace(replace(replace(replace(replace(replace(replace(inputs, ':-Infinity', ':null'), ':Infinity', ':null'), ':NaN', ':null'), '[-Infinity', '[null'), '[Infinity', '[null'), '[NaN', '[null'), ',-Infinity', ',null'), ',Infinity', ',null'), ',NaN', ',null') END
  WHERE inputs IS NOT NULL AND NOT json_valid(inputs);

UPDATE executions SET outputs = CASE WHEN outputs IN ('Infinity', '-Infinity', 'NaN') THEN 'null'
  ELSE replace(replace(replace(replace(replace(replace(replace(replace(replace(outputs, ':-Infinity', ':null'), ':Infinity', ':null'), ':NaN', ':null'), '[-Infinity', '[null'), '[Infinity', '[null'), '[NaN', '[null'), ',-Infinity', ',null'), ',Infinity', ',null'), ',NaN', ',null') END
  WHERE outputs IS NOT NULL AND NOT json_valid(outputs);

UPDATE executions SET error = CASE WHEN error IN ('Infinity', '-Infinity', 'NaN') THEN 'null'
  ELSE replace(replace(replace(replace(replace(replace(replace(replace(replace(error, ':-Infinity', ':null'), ':Infinity', ':null'), ':NaN', ':null'), '[-Infinity', '[null'), '[Infinity', '[null'), '[NaN', '[null'), ',-Infinity', ',null'), ',Infinity', ',null'), ',NaN', ',null') END
  WHERE error IS NOT NULL AND NOT json_valid(error);

UPDATE node_runs SET output = CASE WHEN output IN ('Infinity', '-Infinity', 'NaN') THEN 'null'
  ELSE replace(replace(replace(replace(replace(replace(replace(replace(replace(output, ':-Infinity', ':null'), ':Infinity', ':null'), ':NaN', ':null'), '[-Infinity', '[null'), '[Infinity', '[null'), '[NaN', '[null'), ',-Infinity', ',null'), ',Infinity', ',null'), ',NaN', ',null') END
  WHERE output IS NOT NULL AND NOT json_valid(output);

UPDATE node_runs SET error = CASE WHEN error IN ('Infinity', '-Infinity', 'NaN') THEN 'null'
  ELSE replace(replace(replace(replace(replace(replace(replace(replace(replace(error, ':-Infinity', ':null'), ':Infinity', ':null'), ':NaN', ':null'), '[-Infinity', '[null'), '[Infinity', '[null'), '[NaN', '[null'), ',-Infinity', ',null'), ',Infinity', ',null'), ',NaN', ',null') END
  WHERE error IS NOT NULL AND NOT json_valid(error);

UPDATE node_runs SET logs = CASE WHEN logs IN ('Infinity', '-Infinity', 'NaN') THEN 'null'
  ELSE replace(replace(replace(replace(replace(replace(replace(replace(replace(logs, ':-Infinity', ':null'), ':Infinity', ':null'), ':NaN', ':null'), '[-Infinity', '[null'), '[Infinity', '[null'), '[NaN', '[null'), ',-Infinity', ',null'), ',Infinity', ',null'), ',NaN', ',null') END
  WHERE logs IS NOT NULL AND NOT json_valid(logs);

UPDATE node_runs SET handles = CASE WHEN handles IN ('Infinity', '-Infinity', 'NaN') THEN 'null'
  ELSE replace(replace(replace(replace(replace(replace(replace(replace(replace(handles, ':-Infinity', ':null'), ':Infinity', ':null'), ':NaN', ':null'), '[-Infinity', '[null'), '[Infinity', '[null'), '[NaN', '[null'), ',-Infinity', ',null'), ',Infinity', ',null'), ',NaN', ',null') END
  WHERE handles IS NOT NULL AND NOT json_valid(handles);

UPDATE settings SET value = CASE WHEN value IN ('Infinity', '-Infinity', 'NaN') THEN 'null'
  ELSE replace(replace(replace(replace(replace(replace(replace(replace(replace(value, ':-Infinity', ':null'), ':Infinity', ':null'), ':NaN', ':null'), '[-Infinity', '[null'), '[Infinity', '[null'), '[NaN', '[null'), ',-Infinity', ',null'), ',Infinity', ',null'), ',NaN', ',null') END
  WHERE value IS NOT NULL AND NOT json_valid(value);

UPDATE audit_log SET details = CASE WHEN details IN ('Infinity', '-Infinity', 'NaN') THEN 'null'
  ELSE replace(replace(replace(replace(replace(replace(replace(replace(replace(details, ':-Infinity', ':null'), ':Infinity', ':null'), ':NaN', ':null'), '[-Infinity', '[null'), '[Infinity', '[null'), '[NaN', '[null'), ',-Infinity', ',null'), ',Infinity', ',null'), ',NaN', ',null') END
  WHERE details IS NOT NULL AND NOT json_valid(details);
