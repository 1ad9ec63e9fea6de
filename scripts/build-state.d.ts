/** Types of scripts/build-state.js (plain JavaScript: the launcher needs it before TypeScript runs). */
export function sourceFingerprint(root: string): string;
export function buildIsCurrent(root: string): boolean;
export function distDir(root: string): string;
export function stampFile(root: string): string;
