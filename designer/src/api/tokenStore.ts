/** The session's token pair as kept in the browser. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms after which the access token is treated as expired (refreshed first). */
  expiresAt: number;
}

/** Where the API client keeps its tokens (localStorage in the app, memory in tests). */
export interface TokenStore {
  get(): TokenPair | null;
  set(pair: TokenPair | null): void;
}

const KEY = 'safeflow.session';

/** Tokens in `localStorage` (survives reloads; cleared on logout or a failed refresh). */
export function localStorageTokenStore(storage: Storage = globalThis.localStorage): TokenStore {
  return {
    get() {
      try {
        const raw = storage.getItem(KEY);
        return raw ? (JSON.parse(raw) as TokenPair) : null;
      } catch {
        return null;
      }
    },
    set(pair) {
      if (pair) storage.setItem(KEY, JSON.stringify(pair));
      else storage.removeItem(KEY);
    },
  };
}

/** Tokens in memory only. */
export function memoryTokenStore(initial: TokenPair | null = null): TokenStore {
  let pair = initial;
  return {
    get: () => pair,
    set: (p) => {
      pair = p;
    },
  };
}
