/** Milliseconds since the epoch. Everything time-dependent takes a Clock so tests move time instead of sleeping. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
