import type { ValidationIssue } from '../validation-error';
import { GCP_RESOURCE_NAME } from '../naming/naming-rules';

/** GCP resource names (RFC 1035, GCP_RESOURCE_NAME): 1–63 chars, lowercase letter first, no trailing dash. */
const GCP_NAME_MAX = 63;

/** Checks a link's base name; `suffixLength` is what the construct appends (e.g. 2 for `-3`). */
export function validateLinkName(path: string, field: string, name: string, suffixLength: number): ValidationIssue[] {
  const max = GCP_NAME_MAX - suffixLength;
  if (typeof name === 'string' && GCP_RESOURCE_NAME.test(name) && name.length <= max) return [];
  return [{ path, field, value: name, problem: `must be a lowercase RFC 1035 name of at most ${max} characters (suffixes are appended)`, fix: 'use letters, digits and dashes, starting with a letter, e.g. aws-prod-euw1' }];
}
