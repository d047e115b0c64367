import { i18n } from '@/i18n';
import { ApiClient } from './client';
import { localStorageTokenStore } from './tokenStore';

export { ApiClient, toApiError, type RequestOptions, type TokenResponse, type UploadOptions } from './client';
export { ApiError, isApiErrorBody } from './ApiError';
export { localStorageTokenStore, memoryTokenStore, type TokenPair, type TokenStore } from './tokenStore';
export { errorMessage } from './errorMessage';

let sessionExpiredHandler: (() => void) | undefined;

/** The app's API client (same origin, tokens in localStorage). Import this, never `fetch`. */
export const api = new ApiClient({
  tokens: localStorageTokenStore(),
  onSessionExpired: () => sessionExpiredHandler?.(),
  language: () => String(i18n.global.locale.value),
});

/** Registers what happens when the session cannot be refreshed (the router sends the user to /login). */
export function onSessionExpired(handler: () => void): void {
  sessionExpiredHandler = handler;
}
