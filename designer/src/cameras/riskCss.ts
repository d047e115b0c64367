/** The chip colours of the four risk colours (the park map's palette; dark text on yellow). */
export const RISK_CSS: Record<string, { bg: string; fg: string }> = {
  red: { bg: '#e53935', fg: '#fff' },
  orange: { bg: '#fb8c00', fg: '#fff' },
  yellow: { bg: '#fdd835', fg: '#3e2c00' },
  blue: { bg: '#1e88e5', fg: '#fff' },
};

/** The badge colours of a camera's health status. */
export const STATUS_CSS: Record<string, string> = { ok: '#2e7d32', fault: '#d32f2f', offline: '#616161', unchecked: '#9e9e9e' };
