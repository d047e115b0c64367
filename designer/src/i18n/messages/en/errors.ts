export default {
  unknown: 'Something went wrong',
  not_found: 'Not found, or you may not see it',
  network: { unreachable: 'The server cannot be reached; check the network' },
  auth: {
    invalid_credentials: 'Wrong username or password',
    locked: 'Too many failed logins: the account is locked for a while',
    user_disabled: 'This account is disabled',
    invalid_token: 'Your session has ended; log in again',
    forbidden: 'You may not do this',
    unauthenticated: 'Please log in',
    refresh_reused: 'Your session has ended; log in again',
  },
  task: {
    already_claimed: 'Someone else has claimed this task',
    not_found: 'The task does not exist or is not yours to see',
  },
  request: { invalid: 'Invalid request: {message}' },
  internal: { error: 'Internal server error' },
  http: { '500': 'Internal server error', '502': 'The server is unavailable', '503': 'The server is unavailable' },
};
