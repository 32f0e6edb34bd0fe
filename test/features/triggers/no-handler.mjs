// A module with no handler function: Cognito could not invoke it.
export const answer = 42;
