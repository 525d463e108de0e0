// The policy engine's public API: oslo.policy rules with Glance's names and defaults.
export { parseRule, PolicyParseError } from './parser.js';
export type { MatchSubject, PolicyRule, Template, TemplatePart } from './parser.js';
export { evaluate } from './evaluator.js';
export type { Credentials, EvaluationContext, Target } from './evaluator.js';
export { POLICY_DEFAULTS, POLICY_NAMES, isPolicyName } from './defaults.js';
export type { PolicyDefault, PolicyName } from './defaults.js';
export { parsePolicyFile, readPolicyFile, PolicyFileError } from './policy-file.js';
export type { ParsedPolicy, PolicyOverrides } from './policy-file.js';
export { PolicyEnforcer } from './enforcer.js';
export type { PolicyEnforcerOptions, PolicyLogger } from './enforcer.js';
export { renderSampleFile } from './sample.js';
export { imageTarget, newImageTarget, projectTarget, readsCustomProperties, targetKeysOf } from './target.js';
export type { ImageFacts, NewImageFacts } from './target.js';
