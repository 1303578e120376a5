/** Path of Debian's Chromium binary. */
export declare const DEBIAN_CHROMIUM: string;
/** Returns the path of a usable Chromium, installing Debian's `chromium` with apt-get when missing (as root). */
export declare function ensureChromium(): string;
