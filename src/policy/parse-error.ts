/** A check string that is not valid oslo.policy syntax; names the policy so operators can find it in their file. */
export class PolicyParseError extends Error {
  constructor(
    readonly policyName: string,
    /** 0-based character offset into the check string. */
    readonly position: number,
    problem: string,
    expected: string,
  ) {
    super(`policy "${policyName}": ${problem} at position ${position}, expected ${expected}`);
    this.name = 'PolicyParseError';
  }
}
