import { z } from 'zod';

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** Parses the environment against a schema; the error names every field at fault (never its value). */
export function loadConfig<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const fields = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${fields.join('; ')}`);
  }
  return result.data;
}
