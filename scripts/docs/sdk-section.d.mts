// Types of scripts/docs/sdk-section.mjs (imported by the repository tests).

/** Heading of the SDK section every vendor page opens with. */
export declare const SDK_HEADING: string;
/** Heading the spec's own description moves under. */
export declare const OVERVIEW_HEADING: string;
/** The README as a docs section (title line and HTML comments dropped). */
export declare function readmeSection(readme: string): string;
/** `info.description` with the SDK section in front. */
export declare function withSdkSection(description: string | undefined, readme: string): string;
