import { defaultMatcher } from './scan.ts';

/** `@linli/compliance` and the shipped packs' versions: record it with each automatic screen. */
export function complianceVersion(): string {
  return `compliance-0.1.0;${defaultMatcher().version}`;
}
