// Operations of two-factor sign-in in Settings → Security.
import { graphql } from '../../gql';

export const TwoFactorStatusDoc = graphql(`
  query TwoFactorStatus {
    me {
      id
      twoFactorEnabled
      recoveryCodesRemaining
    }
  }
`);

export const StartTwoFactorEnrolmentDoc = graphql(`
  mutation StartTwoFactorEnrolment($input: StartTwoFactorEnrolmentInput!) {
    startTwoFactorEnrolment(input: $input) {
      otpauthUri
      secret
    }
  }
`);

export const ConfirmTwoFactorEnrolmentDoc = graphql(`
  mutation ConfirmTwoFactorEnrolment($input: TwoFactorCodeInput!) {
    confirmTwoFactorEnrolment(input: $input) {
      codes
    }
  }
`);

export const RegenerateRecoveryCodesDoc = graphql(`
  mutation RegenerateRecoveryCodes($input: TwoFactorCodeInput!) {
    regenerateRecoveryCodes(input: $input) {
      codes
    }
  }
`);

export const DisableTwoFactorDoc = graphql(`
  mutation DisableTwoFactor($input: DisableTwoFactorInput!) {
    disableTwoFactor(input: $input)
  }
`);
