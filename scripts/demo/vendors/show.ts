/** Prints a labelled value (JSON, cut when long). Every vendor demo gets it from ../demo.ts. */
export type Show = (label: string, value: unknown) => void;
