// The four warning levels, best to worst (national convention: blue IV … red I). A leaf module.
export const levels = ['blue', 'yellow', 'orange', 'red'] as const;
export type Level = (typeof levels)[number];
