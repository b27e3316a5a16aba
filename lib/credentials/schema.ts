// Validation against 1EdTech's official OB 3.0 AchievementCredential JSON schema (draft 2019-09).
// The schema is vendored under ./schemas so the app never fetches it at run time.
import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import achievementCredentialSchema from './schemas/ob-v3p0-achievementcredential.schema.json';

export interface SchemaValidationResult {
  valid: boolean;
  /** Readable messages such as "/credentialSubject/achievement must have required property 'name'". */
  errors: string[];
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    // strict: false because the 1EdTech schema uses annotation keywords ajv's strict mode rejects
    // (e.g. tuple `items` without `minItems` alongside `additionalItems`).
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = ajv.compile(achievementCredentialSchema);
  }
  return compiled;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(credential)';
  return `${where} ${error.message ?? 'is invalid'}`;
}

export function validateOpenBadgeCredential(credential: unknown): SchemaValidationResult {
  const validate = validator();
  const valid = validate(credential) as boolean;
  const errors = valid ? [] : [...new Set((validate.errors ?? []).map(describe))];
  return { valid, errors };
}
