/** Path of Debian's Chromium binary. */
export declare const DEBIAN_CHROMIUM: string;
/** Flags for headless Chromium on this kind of machine: root, no GPU, no network but loopback. */
export declare const CHROMIUM_ARGS: string[];
/** Returns the path of a usable Chromium, installing Debian's `chromium` with apt-get when missing (as root). */
export declare function ensureChromium(): string;
