/** The current time, injectable so tests can drive schedules and "today". */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
