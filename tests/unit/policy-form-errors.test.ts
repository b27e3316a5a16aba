// The district's salary steps (app/district/policy/policy-form.tsx): the server's errors are keyed
// by a step's position, so removing a step must not leave its errors on the step that moves up.
import { describe, expect, it, vi } from 'vitest';

vi.mock('@/app/district/policy/actions', () => ({ saveDistrictPolicyAction: async () => undefined }));
const { withoutStepErrors } = await import('@/app/district/policy/policy-form');

describe('removing a salary step after a failed save', () => {
  const errors = {
    'rules.0.label': ['Name the step.'],
    'rules.1.amountDollars': ['Enter an amount.'],
    'rules.2.minLevel': ['Choose a level from 1 to 5.'],
    'rules.2.label': ['Name the step.'],
    requiresProposal: ['Invalid.'],
  };

  it('drops the removed step’s errors and moves the later steps’ up with their step', () => {
    expect(withoutStepErrors(errors, 1)).toEqual({
      'rules.0.label': ['Name the step.'],
      'rules.1.minLevel': ['Choose a level from 1 to 5.'],
      'rules.1.label': ['Name the step.'],
      requiresProposal: ['Invalid.'],
    });
  });

  it('leaves earlier steps’ errors where they are', () => {
    expect(withoutStepErrors(errors, 2)).toEqual({
      'rules.0.label': ['Name the step.'],
      'rules.1.amountDollars': ['Enter an amount.'],
      requiresProposal: ['Invalid.'],
    });
    expect(withoutStepErrors({}, 0)).toEqual({});
  });
});
